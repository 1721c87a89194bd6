"""The incident tools' importers live, against a local server on 127.0.0.1 that answers as each
API does (its documented shapes, page by page) and only to the token it expects: the token is read
from the importer's environment variable, sent as the tool wants it, never printed, never sent on
to another host, never sent in clear to a host that is not this machine."""

import csv
import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from incident.cli import main

TOOLS = Path(__file__).parent / "data" / "tools"
TOKEN = "s3cret-t0ken-value"
SEEN: list[tuple[str, str | None]] = []  # (path, Authorization) of every request


def load(tool, name):
    return json.loads((TOOLS / tool / name).read_text())


def slack_pages():
    """The export's channel as the Web API gives it: history newest first in two pages, the thread's
    replies apart, the members one by one."""
    day = json.loads((TOOLS / "slack" / "export" / "inc-2025-03-04-checkout" / "2025-03-04.json").read_text())
    parents = [m for m in day if m.get("thread_ts") in (None, m["ts"])]
    replies = [m for m in day if m.get("thread_ts") not in (None, m["ts"])]
    newest = sorted(parents, key=lambda m: float(m["ts"]), reverse=True)
    users = {u["id"]: u for u in json.loads((TOOLS / "slack" / "export" / "users.json").read_text())}
    return newest[:20], newest[20:], replies, users


FIRST, SECOND, REPLIES, USERS = slack_pages()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, body, status=200, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        auth = self.headers.get("Authorization")
        SEEN.append((self.path, auth))
        path = url.path
        expected = {"/slack/": f"Bearer {TOKEN}", "/pd/": f"Token token={TOKEN}", "/io/": f"Bearer {TOKEN}",
                    "/fh/": TOKEN, "/rootly/": f"Bearer {TOKEN}"}
        prefix = next((p for p in expected if path.startswith(p)), None)
        if path.startswith("/pd/r/"):  # moved to another host name of this machine
            host = f"localhost:{self.server.server_address[1]}"
            return self.send({}, 302, [("Location", f"http://{host}{path.replace('/pd/r/', '/pd/')}")])
        if prefix is None or auth != expected[prefix]:
            return self.send({"error": "unauthorized"}, 401)
        self.route(path, query)

    def route(self, path, query):
        if path == "/slack/api/conversations.history":
            page = SECOND if query.get("cursor") == "page2" else FIRST
            more = {"next_cursor": "page2" if page is FIRST else ""}
            return self.send({"ok": True, "messages": page, "has_more": page is FIRST, "response_metadata": more})
        if path == "/slack/api/conversations.replies":
            return self.send({"ok": True, "messages": [m for m in FIRST + SECOND if m["ts"] == query["ts"]] + REPLIES})
        if path == "/slack/api/conversations.info":
            return self.send({"ok": True, "channel": {"id": "C07INC0304", "name": "inc-2025-03-04-checkout"}})
        if path == "/slack/api/users.info":
            user = USERS.get(query.get("user"))
            return self.send({"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"})
        if path == "/pd/incidents/PT4KHLK":
            return self.send(load("pagerduty", "incident.json"))
        if path == "/pd/incidents/PT4KHLK/log_entries":
            entries = load("pagerduty", "log_entries.json")["log_entries"]
            offset = int(query.get("offset", 0))
            return self.send({"log_entries": entries[offset:offset + 3], "limit": 3, "offset": offset, "more": offset + 3 < len(entries)})
        if path == "/pd/incidents/PT4KHLK/notes":
            return self.send(load("pagerduty", "notes.json"))
        if path == "/io/v2/incidents/01FDAG4SAP5TYPT98WGR2N7W91":
            return self.send(load("incidentio", "incident.json"))
        if path == "/io/v2/incident_updates":
            updates = load("incidentio", "updates.json")["incident_updates"]
            start = int(query.get("after") or 0)
            after = str(start + 2) if start + 2 < len(updates) else ""
            return self.send({"incident_updates": updates[start:start + 2], "pagination_meta": {"after": after, "page_size": 2}})
        if path == "/fh/v1/incidents/b5f7a1c0-63f3-4e7d-9a8b-2f1e0d9c8b7a":
            return self.send(load("firehydrant", "incident.json"))
        if path == "/fh/v1/post_mortems/reports/6e2b9c5d-7a41-4c0e-8d3f-1a2b3c4d5e6f":
            return self.send(load("firehydrant", "retrospective.json"))
        if path == "/rootly/v1/incidents/8f6a2c1e-5d4b-4a39-b0e7-3c2d1e0f9a8b":
            return self.send(load("rootly", "incident.json"))
        self.send({"error": "not found"}, 404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue() and TOKEN not in err.getvalue() and TOKEN not in out.getvalue()
    return code, out.getvalue(), err.getvalue()


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


LIVE = {
    "slack": ("SLACK_TOKEN", "/slack/api/conversations.history?channel=C07INC0304"),
    "pagerduty": ("PAGERDUTY_TOKEN", "/pd/incidents/PT4KHLK/log_entries"),
    "incidentio": ("INCIDENT_IO_TOKEN", "/io/v2/incidents/01FDAG4SAP5TYPT98WGR2N7W91"),
    "firehydrant": ("FIREHYDRANT_TOKEN", "/fh/v1/incidents/b5f7a1c0-63f3-4e7d-9a8b-2f1e0d9c8b7a"),
    "rootly": ("ROOTLY_TOKEN", "/rootly/v1/incidents/8f6a2c1e-5d4b-4a39-b0e7-3c2d1e0f9a8b"),
}
SAVED = {"pagerduty": ("incident.json", "log_entries.json", "notes.json"), "incidentio": ("incident.json", "updates.json"),
         "firehydrant": ("incident.json", "retrospective.json"), "rootly": ("incident.json",)}


@pytest.mark.parametrize("tool", sorted(LIVE))
def test_live_from_the_api_with_the_token_gives_what_the_saved_answers_give(server, tool, monkeypatch):
    variable, path = LIVE[tool]
    monkeypatch.setenv(variable, TOKEN)
    code, out, err = run("import", tool, server + path)
    assert code == 0, err
    live = rows_of(out)
    if tool == "slack":
        saved = rows_of(run("import", "slack", TOOLS / "slack" / "export", "--channel", "inc-2025-03-04-checkout")[1])
        day_one = [r for r in saved if r["published"].startswith("2025-03-04")]  # the server serves the first day
        assert {(r["kind"], r["time"], r["quote"]) for r in live} == {(r["kind"], r["time"], r["quote"]) for r in day_one}
        return
    saved = rows_of(run("import", tool, *[TOOLS / tool / name for name in SAVED[tool]])[1])
    key = ("incident", "event", "kind", "time", "bound", "source", "quote")
    assert sorted(tuple(r.get(k, "") for k in key) for r in live) == sorted(tuple(r.get(k, "") for k in key) for r in saved)


@pytest.mark.parametrize("tool", sorted(LIVE))
def test_no_token_is_a_usage_error_naming_the_variable_and_nothing_is_asked(server, tool, monkeypatch):
    variable, path = LIVE[tool]
    monkeypatch.delenv(variable, raising=False)
    before = len(SEEN)
    code, out, err = run("import", tool, server + path)
    assert (code, out) == (2, "") and f"set the environment variable {variable}" in err
    assert len(SEEN) == before


def test_a_wrong_token_is_one_message_that_never_shows_it(server, monkeypatch):
    monkeypatch.setenv("ROOTLY_TOKEN", "wrong-" + TOKEN)
    code, out, err = run("import", "rootly", server + LIVE["rootly"][1])
    assert (code, out) == (1, "") and "HTTP 401" in err and "wrong-" not in err


def test_the_token_is_not_sent_on_to_another_host(server, monkeypatch):
    monkeypatch.setenv("PAGERDUTY_TOKEN", TOKEN)
    SEEN.clear()
    code, _, err = run("import", "pagerduty", f"{server}/pd/r/incidents/PT4KHLK")
    assert code == 1 and "HTTP 401" in err  # redirected to localhost: asked without the token, refused
    assert [auth for path, auth in SEEN] == [f"Token token={TOKEN}", None]


def test_a_token_is_never_sent_in_clear_to_another_machine(monkeypatch):
    monkeypatch.setenv("SLACK_TOKEN", TOKEN)
    code, out, err = run("import", "slack", "http://slack.example.invalid/api/conversations.history?channel=C1")
    assert (code, out) == (2, "") and "a token is sent over https only" in err


def test_an_address_that_is_no_incident_is_named(server, monkeypatch):
    monkeypatch.setenv("INCIDENT_IO_TOKEN", TOKEN)
    code, _, err = run("import", "incidentio", f"{server}/io/v2/status")
    assert code == 1 and "not an incident.io incident's address" in err
    monkeypatch.setenv("SLACK_TOKEN", TOKEN)
    code, _, err = run("import", "slack", f"{server}/slack/api/conversations.history")
    assert code == 1 and "names no channel" in err

"""incident import from a live address, against a local HTTP server on 127.0.0.1: the answer a
status page gives, and every bad one (an error status, a truncated, slow, huge or redirecting
answer, nobody listening)."""

import io
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from incident.cli import main
from incident.importers import fetch

from test_import_hostile import BASE

GCP = Path(__file__).parent / "data" / "gcp" / "incidents.json"
LIST = json.dumps({"page": BASE["page"], "incidents": [BASE["incident"]]}).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, body: bytes, status: int = 200, length: int | None = None, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up first (the slow answer): nothing to tell it
            pass

    def do_GET(self):
        path = self.path
        if path == "/api/v2/incidents.json":
            self.send(LIST)
        elif path == "/gcp/incidents.json":
            self.send(GCP.read_bytes())
        elif path == "/missing.json":
            self.send(b'{"error": "no"}', status=404)
        elif path == "/truncated.json":
            self.send(LIST[:200], length=len(LIST))  # says more than it sends, then hangs up
        elif path == "/huge.json":
            self.send(b"", length=fetch_limit() + 1)
        elif path == "/endless.json":  # no length, more than the cap
            self.send_response(200)
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(fetch_limit() // len(chunk) + 2):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif path == "/slow.json":
            time.sleep(1.5)
            self.send(LIST)
        elif path == "/to-http.json":
            self.send(b"", status=302, headers=[("Location", "ftp://127.0.0.1/x.json")])
        elif path == "/loop.json":
            self.send(b"", status=302, headers=[("Location", "/loop.json")])
        elif path == "/moved.json":
            self.send(b"", status=301, headers=[("Location", "/api/v2/incidents.json")])
        else:
            self.send(b"{}", status=404)


def fetch_limit() -> int:
    return 1 << 20


class Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() then waits for every answer still being written
    block_on_close = True


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()  # no thread of this module outlives it (another test module parses code meanwhile)
    thread.join()


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    from incident.importers import statuspage

    monkeypatch.setattr(statuspage, "MAX_JSON", fetch_limit())
    monkeypatch.setattr(fetch, "TIMEOUT", 1)


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_page_address_reads_its_incident_list(server, tmp_path):
    code, _, err = run("import", "statuspage", server, "--out", tmp_path / "events.csv")
    assert code == 0, err
    text = (tmp_path / "events.csv").read_text()
    assert "acme-abc123" in text and "impact_start" in text
    assert run("validate", tmp_path / "events.csv")[0] == 0


def test_gcp_and_a_same_scheme_redirect_are_read(server, tmp_path):
    assert run("import", "gcp", f"{server}/gcp/incidents.json", "--out", tmp_path / "gcp.csv")[0] == 0
    assert run("import", "statuspage", f"{server}/moved.json", "--out", tmp_path / "moved.csv")[0] == 0


@pytest.mark.parametrize("path, code, words", [
    ("/missing.json", 1, "HTTP 404"),
    ("/truncated.json", 1, "broke off"),
    ("/huge.json", 1, "more than 1 MB"),
    ("/endless.json", 1, "more than 1 MB"),
    ("/slow.json", 2, "no answer within 1 s"),
    ("/to-http.json", 1, "redirected to another scheme"),
    ("/loop.json", 1, "HTTP 302"),
])
def test_every_bad_answer_is_one_clear_message_and_nothing_is_written(server, tmp_path, path, code, words):
    target = tmp_path / "events.csv"
    got, out, err = run("import", "statuspage", f"{server}{path}", "--out", target)
    assert (got, words in err) == (code, True), err
    assert "Traceback" not in err and not target.exists() and out == ""
    assert err.count("\n") == 1


def test_nobody_listening_says_so():
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run("import", "statuspage", f"http://127.0.0.1:{port}/api/v2/incidents.json")
    assert code == 2 and "cannot be reached" in err and "offline" in err


def test_only_http_addresses_and_the_base_address_rule():
    assert fetch.statuspage_address("https://www.githubstatus.com/") == "https://www.githubstatus.com/api/v2/incidents.json"
    assert fetch.statuspage_address("https://x.example/api/v2/incidents/abc.json") == "https://x.example/api/v2/incidents/abc.json"
    with pytest.raises(Exception, match="not an http"):
        fetch.fetch("http://", 10)

"""A live import against servers on 127.0.0.1 that answer too slowly on purpose: a byte at a time in
the body, in the headers, or at a steady rate that never finishes in time. Every read is short, so
the per-read timeout alone would wait forever; the whole exchange has a deadline and a minimum rate.
"""

import io
import json
import socketserver
import threading
import time

import pytest

from incident.cli import main
from incident.importers import fetch

from test_import_hostile import BASE

BODY = json.dumps({"page": BASE["page"], "incidents": [BASE["incident"]]}).encode()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"


class Drip(socketserver.BaseRequestHandler):
    """Reads the request, then sends the answer `step` bytes every `pause` seconds from `start`."""

    def handle(self):
        self.request.settimeout(5)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        answer = self.server.answer
        sent = 0
        try:
            while sent < len(answer) and not self.server.stopping.is_set():
                if sent >= self.server.start:
                    time.sleep(self.server.pause)
                step = self.server.step if sent >= self.server.start else self.server.start
                self.request.sendall(answer[sent:sent + step])
                sent += step
        except OSError:  # the client gave up: what the test wants
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def drip():
    servers = []

    def make(answer: bytes, start: int, step: int = 1, pause: float = 0.05) -> str:
        server = Server(("127.0.0.1", 0), Drip)
        server.answer, server.start, server.step, server.pause = answer, start, step, pause
        server.stopping = threading.Event()
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield make
    for server, thread in servers:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue(), time.monotonic() - start


@pytest.mark.parametrize("importer, path", [("statuspage", "/api/v2/incidents.json"), ("gcp", "/incidents.json"),
                                            ("feed", "/history.atom")])
def test_a_body_sent_a_byte_at_a_time_is_given_up_at_the_minimum_rate(drip, monkeypatch, tmp_path, importer, path):
    monkeypatch.setattr(fetch, "GRACE", 0.5)
    monkeypatch.setattr(fetch, "MIN_RATE", 200)  # bytes a second; the server sends 20
    answer = HEAD % len(BODY) + BODY
    address = drip(answer, start=len(HEAD % len(BODY)) + 10)
    target = tmp_path / "events.csv"
    code, out, err, took = run("import", importer, address + path, "--out", target)
    assert code == 2 and "comes too slowly" in err and "bytes a second" in err, err
    assert took < 10 and not target.exists() and out == "" and "Traceback" not in err


def test_headers_sent_a_byte_at_a_time_meet_the_deadline(drip, monkeypatch):
    monkeypatch.setattr(fetch, "DEADLINE", 1.0)
    monkeypatch.setattr(fetch, "GRACE", 60)  # the rate is not what stops it here
    answer = HEAD % len(BODY) + BODY
    address = drip(answer, start=3)  # 'HTT', then one byte every 50 ms: each read is short
    code, _, err, took = run("import", "statuspage", address + "/api/v2/incidents.json")
    assert code == 2 and "no whole answer within 1 s" in err, err
    assert took < 5


def test_a_steady_answer_too_long_for_the_deadline_is_given_up(drip, monkeypatch):
    monkeypatch.setattr(fetch, "DEADLINE", 1.0)
    monkeypatch.setattr(fetch, "GRACE", 0.2)
    monkeypatch.setattr(fetch, "MIN_RATE", 1000)
    body = b" " * 400_000 + BODY  # at 20 KB a second, 20 s: fast enough for the rate, not for the deadline
    address = drip(HEAD % len(body) + body, start=200, step=1000, pause=0.05)
    code, _, err, took = run("import", "statuspage", address + "/api/v2/incidents.json")
    assert code == 2 and "no whole answer within 1 s" in err, err
    assert took < 5


def test_a_slow_start_then_a_quick_answer_is_read(drip, monkeypatch, tmp_path):
    """The rate counts from the answer's first byte: a server slow to begin is not a dripping one."""
    monkeypatch.setattr(fetch, "GRACE", 0.3)
    monkeypatch.setattr(fetch, "MIN_RATE", 10_000)
    answer = HEAD % len(BODY) + BODY
    address = drip(answer, start=0, step=len(answer), pause=0.6)
    code, _, err, _ = run("import", "statuspage", address + "/api/v2/incidents.json", "--out", tmp_path / "e.csv")
    assert code == 0, err
    assert "acme-abc123" in (tmp_path / "e.csv").read_text()


@pytest.mark.parametrize("importer", ["statuspage", "gcp", "feed"])
@pytest.mark.parametrize("address", ["http://[::1", "http://[::1]:99999/x.json", "https://[zz]/x", "http://:80/x"])
def test_a_malformed_address_is_named_not_a_traceback(importer, address):
    code, out, err, _ = run("import", importer, address)
    assert code == 2 and "not an http(s) address" in err and "Traceback" not in err, err
    assert out == ""

"""`incident import feed`: RSS 2.0 and Atom status feeds to claims. The feeds here are written by hand
after the shapes the providers publish (Statuspage's history.atom / history.rss with its update
list, AWS Health's one item per update, an incident.io-style entry per incident), with made-up
incidents; and every bad file: not XML, truncated, a document type declaration, HTML, no time."""

import csv
import io
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from incident.cli import main
from incident.importers import feed as feeds


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def claim(rows, incident, event, source_part=""):
    found = [r for r in rows if r["incident"] == incident and r["event"] == event and source_part in r["source"]]
    assert found, (incident, event, sorted({(r["incident"], r["event"]) for r in rows}))
    return found[0]


def block(day: str, clock: str, status: str, text: str) -> str:
    """One update as Statuspage writes it into an entry (HTML, escaped once more by the caller)."""
    month, date = day.split()
    return (f"<p><small>{month} <var data-var='date'>{date}</var>, <var data-var='time'>{clock}</var> UTC</small>"
            f"<br><strong>{status}</strong> - {text}</p>")


def escaped(markup: str) -> str:
    return markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def atom_entry(slug, title, published, updated, blocks, number="101"):
    return (f"<entry><id>tag:status.example.com,2005:Incident/{number}</id><published>{published}</published>"
            f"<updated>{updated}</updated><link rel=\"alternate\" type=\"text/html\" href=\"https://status.example.com/incidents/{slug}\"/>"
            f"<title>{title}</title><content type=\"html\">{escaped(''.join(blocks))}</content></entry>")


def atom(*entries, updated="2024-06-21T19:43:13Z"):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">\n'
            '  <id>tag:status.example.com,2005:/history</id>\n'
            '  <link rel="alternate" type="text/html" href="https://status.example.com"/>\n'
            '  <link rel="self" type="application/atom+xml" href="https://status.example.com/history.atom"/>\n'
            f'  <title>Acme Status - Incident History</title>\n  <updated>{updated}</updated>\n'
            '  <author><name>Acme</name></author>\n' + "\n".join(entries) + "\n</feed>\n")


MIGRATIONS = [
    block("Jun 18", "18:09", "Resolved", "From 16:59 UTC to 18:06 UTC, customer migrations were unavailable and failing."),
    block("Jun 18", "17:40", "Monitoring", "A fix has been applied and we are monitoring the results."),
    block("Jun 18", "17:22", "Identified", "The cause is an incorrect database configuration."),
    block("Jun 18", "17:15", "Investigating", "We are investigating degraded performance for migrations."),
]


def test_a_statuspage_history_feed_gives_each_update_its_claims(tmp_path):
    path = tmp_path / "history.atom"
    path.write_text(atom(atom_entry("k1mlxlmdhqqp", "Degraded migrations", "2024-06-18T17:15:02Z", "2024-06-21T19:43:13Z", MIGRATIONS)))
    code, out, err = run("import", "feed", path)
    assert code == 0, err
    rows = rows_of(out)
    ident = "acme-k1mlxlmdhqqp"  # the page from the feed's author, the id from the entry's address
    first = claim(rows, ident, "acknowledged")
    assert (first["time"], first["kind"], first["source"]) == ("2024-06-18 17:15:00", "acknowledgement", "Acme status feed (first update)")
    assert first["as_reported"] == "Jun 18, 17:15 UTC" and first["url"] == "https://status.example.com/incidents/k1mlxlmdhqqp"
    assert claim(rows, ident, "cause-identified")["time"] == "2024-06-18 17:22:00"
    assert (claim(rows, ident, "mitigated")["time"], claim(rows, ident, "mitigated")["bound"]) == ("2024-06-18 17:40:00", "not_after")
    assert (claim(rows, ident, "resolved")["time"], claim(rows, ident, "resolved")["bound"]) == ("2024-06-18 18:09:00", "")
    assert claim(rows, ident, "impact-start", "summary")["time"] == "2024-06-18 16:59"
    assert claim(rows, ident, "recovered")["time"] == "2024-06-18 18:06"
    events = tmp_path / "events.csv"
    assert run("import", "feed", path, "--out", events)[0] == 0
    code, out, err = run("metrics", ident, "--events", events, "--json")
    assert code == 0, err
    assert run("validate", events)[0] == 0


def test_the_same_incident_as_rss_gives_the_same_claims(tmp_path):
    items = (f"<item><title>Degraded migrations</title><description>{escaped(''.join(MIGRATIONS))}</description>"
             "<pubDate>Fri, 21 Jun 2024 19:43:13 +0000</pubDate><link>https://status.example.com/incidents/k1mlxlmdhqqp</link>"
             "<guid>https://status.example.com/incidents/k1mlxlmdhqqp</guid></item>")
    rss = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Acme Status - Incident History</title>'
           f"<link>https://status.example.com</link><description>Statuspage</description>{items}</channel></rss>")
    (tmp_path / "history.rss").write_text(rss)
    (tmp_path / "history.atom").write_text(atom(atom_entry("k1mlxlmdhqqp", "Degraded migrations", "2024-06-18T17:15:02Z", "2024-06-21T19:43:13Z", MIGRATIONS)))
    from_rss, from_atom = run("import", "feed", tmp_path / "history.rss")[1], run("import", "feed", tmp_path / "history.atom")[1]
    assert from_rss == from_atom and from_rss.count("\n") > 5


def test_update_times_take_their_year_from_the_entry_and_are_on_the_24_hour_clock(tmp_path):
    entry = atom_entry("yearend1", "Login errors", "2024-12-31T23:50:40Z", "2025-01-01T00:30:00Z", [
        block("Jan 1", "00:10", "Resolved", "This incident has been resolved."),
        block("Dec 31", "23:50", "Investigating", "We are investigating login errors."),
    ])
    morning = atom_entry("morning1", "Slow builds", "2025-06-18T10:09:00Z", "2025-06-21T12:00:00Z", [
        block("Jun 18", "11:30", "Resolved", "This incident has been resolved."),
        block("Jun 18", "10:09", "Investigating", "We are investigating slow builds."),
    ], number="102")
    (tmp_path / "f.atom").write_text(atom(entry, morning))
    rows = rows_of(run("import", "feed", tmp_path / "f.atom")[1])
    assert claim(rows, "acme-yearend1", "acknowledged")["time"] == "2024-12-31 23:50:00"
    assert claim(rows, "acme-yearend1", "resolved")["time"] == "2025-01-01 00:10:00"
    # a status page writes 10:09 for the morning: never read as 22:09 because the entry is days later
    assert claim(rows, "acme-morning1", "acknowledged")["time"] == "2025-06-18 10:09:00"


AWS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title><![CDATA[Amazon Widget Service (N. Virginia) Service Status]]></title>
    <link>http://status.aws.example.com/</link>
    <lastBuildDate>Thu, 18 Jul 2024 20:00:00 PDT</lastBuildDate>
    <item>
      <title><![CDATA[Service is operating normally: [RESOLVED] Increased API Error Rates]]></title>
      <link>http://status.aws.example.com/</link>
      <pubDate>Thu, 18 Jul 2024 17:05:00 PDT</pubDate>
      <guid isPermaLink="false">http://status.aws.example.com/#widgets-us-east-1_1721347500</guid>
      <description><![CDATA[Between 3:07 PM and 4:42 PM PDT we experienced increased API error rates. The issue has been resolved and the service is operating normally.]]></description>
    </item>
    <item>
      <title><![CDATA[Informational message: Increased API Error Rates]]></title>
      <link>http://status.aws.example.com/</link>
      <pubDate>Thu, 18 Jul 2024 16:10:00 PDT</pubDate>
      <guid isPermaLink="false">http://status.aws.example.com/#widgets-us-east-1_1721344200</guid>
      <description><![CDATA[We have identified the cause of the increased error rates and are working on a fix.]]></description>
    </item>
    <item>
      <title><![CDATA[Informational message: Increased API Error Rates]]></title>
      <link>http://status.aws.example.com/</link>
      <pubDate>Thu, 18 Jul 2024 15:31:00 PDT</pubDate>
      <guid isPermaLink="false">http://status.aws.example.com/#widgets-us-east-1_1721341860</guid>
      <description><![CDATA[We are investigating increased API error rates in the US-EAST-1 Region.]]></description>
    </item>
    <item>
      <title><![CDATA[Service is operating normally: [RESOLVED] Delayed console sign-in]]></title>
      <link>http://status.aws.example.com/</link>
      <pubDate>Mon, 08 Jul 2024 09:00:00 PDT</pubDate>
      <guid isPermaLink="false">http://status.aws.example.com/#widgets-us-east-1_1720454400</guid>
      <description><![CDATA[The issue has been resolved.]]></description>
    </item>
  </channel>
</rss>
"""


def test_items_posted_one_per_update_are_one_incident(tmp_path):
    (tmp_path / "aws.rss").write_text(AWS)
    code, out, err = run("import", "feed", tmp_path / "aws.rss", "--page-slug", "aws-widgets")
    assert code == 0, err
    rows = rows_of(out)
    incidents = sorted({r["incident"] for r in rows})
    assert len(incidents) == 2  # the three API error items, and the sign-in item
    errors = next(i for i in incidents if claim(rows, i, "impact-start")["label"] == "Increased API Error Rates")
    ack = claim(rows, errors, "acknowledged")
    assert (ack["time"], ack["as_reported"]) == ("2024-07-18 22:31:00", "Thu, 18 Jul 2024 15:31:00 PDT")
    assert claim(rows, errors, "cause-identified")["time"] == "2024-07-18 23:10:00"
    assert (claim(rows, errors, "resolved")["time"], claim(rows, errors, "resolved")["bound"]) == ("2024-07-19 00:05:00", "")
    window = claim(rows, errors, "impact-start", "summary")
    assert (window["time"], window["tz"], claim(rows, errors, "recovered")["time"]) == ("2024-07-18 15:07", "PDT", "2024-07-18 16:42")
    # the sign-in item is all the feed kept of its incident: no acknowledgement, the end only bounded
    signin = next(i for i in incidents if i != errors)
    assert claim(rows, signin, "first-seen")["kind"] == "communication"
    assert not [r for r in rows if r["incident"] == signin and r["event"] == "acknowledged"]
    assert claim(rows, signin, "resolved")["bound"] == "not_after"
    events = tmp_path / "events.csv"
    assert run("import", "feed", tmp_path / "aws.rss", "--out", events)[0] == 0
    code, out, err = run("validate", events)
    assert code == 0 and "warning" not in err, err


def test_a_resolved_restatement_joins_and_a_new_outage_does_not():
    def item(title, when, guid):
        return feeds.Entry(1, 1, {"title": title, "pubDate": when, "guid": guid, "description": ""})

    from datetime import datetime, timezone

    at = [datetime(2024, 7, 18, h, tzinfo=timezone.utc) for h in (1, 2, 3, 4)]
    groups = feeds._grouped([
        (at[0], item("Service disruption: Elevated errors", "", "a")),
        (at[1], item("Service is operating normally: [RESOLVED] Elevated errors", "", "b")),
        (at[2], item("Service is operating normally: [RESOLVED] Elevated errors", "", "c")),  # restated
        (at[3], item("Service disruption: Elevated errors", "", "d")),  # a new outage
    ])
    assert [[e.fields["guid"] for _, e in g] for g in groups] == [["a", "b", "c"], ["d"]]
    assert feeds.subject("Service is operating normally: [RESOLVED] Elevated errors") == "elevated errors"
    assert feeds.subject("Azure Front Door: Elevated errors") == "azure front door: elevated errors"


def test_an_entry_per_incident_changed_since_it_was_posted_bounds_the_end(tmp_path):
    entry = ("<entry><id>https://status.example.io/incidents/01HZXAMPLE</id><title>High error rate for uploads</title>"
             "<published>2026-02-18T15:02:00Z</published><updated>2026-02-18T16:40:22Z</updated>"
             "<link href=\"https://status.example.io/incidents/01HZXAMPLE\"/>"
             "<summary type=\"html\">&lt;b&gt;Status: Resolved&lt;/b&gt;&lt;br/&gt;All impacted services have recovered.</summary></entry>")
    (tmp_path / "feed.atom").write_text(atom(entry).replace("<author><name>Acme</name></author>", ""))
    rows = rows_of(run("import", "feed", tmp_path / "feed.atom")[1])
    ident = "acme-01hzxample"
    ack = claim(rows, ident, "acknowledged")
    assert (ack["time"], ack["quote"]) == ("2026-02-18 15:02:00", "High error rate for uploads")
    end = claim(rows, ident, "resolved")
    assert (end["time"], end["bound"]) == ("2026-02-18 16:40:22", "not_after") and "last change" in end["note"]


def test_an_xhtml_body_is_read_as_markup(tmp_path):
    body = "".join(MIGRATIONS[:1] + MIGRATIONS[3:]).replace("<br>", "<br/>")
    entry = ("<entry><id>tag:status.example.com,2005:Incident/7</id><updated>2024-06-21T19:43:13Z</updated>"
             "<link href=\"https://status.example.com/incidents/xh7\"/><title>Migrations</title>"
             f"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{body}</div></content></entry>")
    (tmp_path / "x.atom").write_text(atom(entry))
    rows = rows_of(run("import", "feed", tmp_path / "x.atom")[1])
    assert claim(rows, "acme-xh7", "acknowledged")["time"] == "2024-06-18 17:15:00"
    assert claim(rows, "acme-xh7", "resolved")["time"] == "2024-06-18 18:09:00"


def test_incident_picks_and_a_feed_read_twice_is_imported_once(tmp_path):
    path = tmp_path / "history.atom"
    other = atom_entry("zz9", "Other", "2024-06-19T10:00:00Z", "2024-06-19T11:00:00Z",
                       [block("Jun 19", "10:00", "Investigating", "Looking.")], number="9")
    path.write_text(atom(atom_entry("k1mlxlmdhqqp", "Degraded migrations", "2024-06-18T17:15:02Z", "2024-06-21T19:43:13Z", MIGRATIONS), other))
    code, out, err = run("import", "feed", path, path, "--incident", "zz9")
    assert code == 0, err
    # once: its first update (acknowledgement, bounds on impact and detection) and the update itself
    assert {r["incident"] for r in rows_of(out)} == {"acme-zz9"} and len(rows_of(out)) == 4
    assert run("import", "feed", path, "--incident", "nope")[0] == 2


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol3;</title></feed>
"""


@pytest.mark.parametrize("text, words", [
    (BILLION_LAUGHS, "line 2, column 1: a document type declaration"),
    ('<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://example.com/evil.dtd">\n<rss/>', "line 2, column 1: a document type declaration"),
    ("{\"incidents\": []}", "not XML: line 1, column 1: not well-formed (invalid token)"),
    ("<rss><channel><item><title>Cut</title>", "ends too early at line 1 (truncated?)"),
    ("<html><body>Our status page moved</body></html>", "not an RSS or Atom feed: the document is <html>"),
    ("<rss><channel><item>\n<title>A&nbsp;B</title></item></channel></rss>", "line 2, column 9: undefined entity"),
    ("<rss><channel>\n<item><title>No time</title></item></channel></rss>", "line 2, column 1: an entry with no time"),
    ("<rss><channel><item><title>T</title>\n  <pubDate>yesterday at noon</pubDate></item></channel></rss>",
     "line 2, column 3: <pubDate> 'yesterday at noon' is not a time"),
    ("<rss><channel><item><title>T</title><pubDate>Tue, 07 Dec 2021 22:18:00 CEST</pubDate></item></channel></rss>",
     "is not a time"),  # a zone RFC 822 does not name: no guess
    ("", "not XML: empty"),
])
def test_every_bad_feed_is_one_message_naming_where_and_nothing_is_written(tmp_path, text, words):
    source, target = tmp_path / "feed.xml", tmp_path / "events.csv"
    source.write_text(text)
    target.write_text("incident,event,kind,time,tz,source,source_type\n")
    before = target.read_bytes()
    code, out, err = run("import", "feed", source, "--append", target)
    assert (code, words in err) == (1, True), err
    assert "Traceback" not in err and out == "" and err.count("\n") == 1 and f"{source}" in err
    assert target.read_bytes() == before


def test_an_unreadable_update_time_names_its_entry(tmp_path):
    entry = atom_entry("bad1", "T", "2024-06-18T17:15:02Z", "2024-06-18T18:00:00Z",
                       ["<p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>17:15</var></small><br><strong>Investigating</strong> - x</p>"])
    (tmp_path / "f.atom").write_text(atom(entry))
    code, _, err = run("import", "feed", tmp_path / "f.atom")
    assert code == 1 and "line 9, column 1: an update's time 'Jun 18, 17:15' not read: no zone is written" in err, err


def test_no_fifo_no_huge_file_and_no_directory(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    assert run("import", "feed", fifo)[0] == 1
    monkeypatch.setattr(feeds, "MAX_FEED", 1 << 20)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<rss>" + b" " * (1 << 20) + b"</rss>")
    code, _, err = run("import", "feed", big)
    assert code == 1 and "larger than 1 MB" in err
    assert run("import", "feed", tmp_path)[0] == 2
    assert run("import", "feed", tmp_path / "missing.xml")[0] == 2


def test_an_empty_feed_imports_nothing_and_says_so(tmp_path):
    (tmp_path / "empty.rss").write_text("<rss version=\"2.0\"><channel><title>Widgets Status</title></channel></rss>")
    code, out, err = run("import", "feed", tmp_path / "empty.rss")
    assert code == 1 and out == "" and "no incidents" in err


def test_page_names_from_what_a_feed_says():
    assert feeds.page_name(feeds.Feed("x", title="GitHub Status - Incident History")) == "GitHub"
    assert feeds.page_name(feeds.Feed("x", title="Amazon Widget Service (N. Virginia) Service Status")) == "Amazon Widget Service (N. Virginia)"
    assert feeds.page_name(feeds.Feed("x", author="Acme", title="Something else")) == "Acme"
    assert feeds.page_name(feeds.Feed("https://status.example.org/feed.rss")) == "status.example.org"


# ---------------------------------------------------------------- read live


class Handler(BaseHTTPRequestHandler):
    accepted: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.accepted.append(self.headers.get("Accept", ""))
        body = atom(atom_entry("k1mlxlmdhqqp", "Degraded migrations", "2024-06-18T17:15:02Z", "2024-06-21T19:43:13Z", MIGRATIONS)).encode()
        if self.path == "/huge.atom":
            body = b"<feed>" + b" " * (2 << 20)
        self.send_response(200 if self.path in ("/history.atom", "/huge.atom") else 404)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads, httpd.block_on_close = False, True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_feed_is_read_from_its_address(server, tmp_path, monkeypatch):
    monkeypatch.setattr(feeds, "MAX_FEED", 1 << 20)
    code, out, err = run("import", "feed", f"{server}/history.atom", "--out", tmp_path / "events.csv")
    assert code == 0, err
    assert "acme-k1mlxlmdhqqp" in (tmp_path / "events.csv").read_text()
    assert "application/atom+xml" in Handler.accepted[-1]
    code, _, err = run("import", "feed", f"{server}/huge.atom")
    assert code == 1 and "more than 1 MB" in err
    code, _, err = run("import", "feed", f"{server}/gone.atom")
    assert code == 1 and "HTTP 404" in err


def test_a_history_of_feed_entries_summarises_even_with_no_estimate_at_all(tmp_path):
    # every incident is known only by bounds (resolved no later than the entry's time): stats must
    # summarise ranges whose every estimate is missing, not fail on them
    entries = [
        f"<entry><id>https://status.example.io/incidents/inc{n}</id><title>Outage {n}</title>"
        f"<updated>2026-03-{n + 1:02d}T1{n}:00:00Z</updated><link href=\"https://status.example.io/incidents/inc{n}\"/>"
        "<summary type=\"html\">Status: Resolved. This incident has been resolved.</summary></entry>"
        for n in range(9)
    ]
    (tmp_path / "feed.atom").write_text(atom(*entries))
    events = tmp_path / "events.csv"
    assert run("import", "feed", tmp_path / "feed.atom", "--out", events)[0] == 0
    code, out, err = run("stats", "--events", events)
    assert code == 0 and "Traceback" not in err, err
    assert "# Metrics over 9 incidents" in out and "| Time to resolve | 0 | 9 | 0 |" in out

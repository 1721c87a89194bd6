"""Every writer and what it writes to: a FIFO, a device, a folder or a link to one named as a target
is refused and left as it was (`-` is standard output); two writers at once lose nothing; a write
that fails half-way leaves the old files or says exactly what it did not.

The FIFOs and device nodes are made here, in a temporary folder (a character device with the
numbers of /dev/null or /dev/zero: the machine's own /dev is never named)."""

import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from incident.cli import main

from test_import_hostile import BASE

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.csv"
INCIDENT = "launch-2025"
TEXT = "The stream began at 8:42 p.m. ET on August 12, 2024, more than 40 minutes late.\n"
NULL, ZERO = (1, 3), (1, 5)  # the device numbers of a null and a zero device


def run(*argv, seconds: float = 60):
    """main() in a thread, so that a hang is a failure, not a stuck test run."""
    out, err, result = io.StringIO(), io.StringIO(), {}
    worker = threading.Thread(target=lambda: result.update(code=main([str(a) for a in argv], stdout=out, stderr=err)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{argv[0]} hung"
    return result["code"], out.getvalue(), err.getvalue()


def make_node(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind in ("device", "zero"):
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(*(NULL if kind == "device" else ZERO)))
        except PermissionError:
            pytest.skip("making a device node needs the privilege to (mknod): run as root")
    elif kind == "folder":
        path.mkdir()
    elif kind == "link-to-fifo":
        os.mkfifo(path.with_name(path.name + ".real"))
        path.symlink_to(path.with_name(path.name + ".real"))


def node_of(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return stat.S_IFMT(info.st_mode), info.st_rdev


def statuspage_file(tmp_path: Path, ident: str = "abc123", name: str = "API errors", page: str = "Acme") -> Path:
    record = json.loads(json.dumps(BASE))
    record["incident"]["id"], record["incident"]["name"], record["page"]["name"] = ident, name, page
    path = tmp_path / f"{page}-{ident}-{abs(hash(name)) % 1000}.json"
    path.write_text(json.dumps(record))
    return path


def writers(tmp_path: Path, target: Path) -> dict[str, list]:
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    record = statuspage_file(tmp_path)
    return {
        "export": ["export", INCIDENT, "--format", "ics", "--events", FIXTURE, "--out", target],
        "import --out": ["import", "statuspage", record, "--out", target],
        "import --append": ["import", "statuspage", record, "--append", target],
        "extract --out": ["extract", article, "--out", target],
        "extract --append": ["extract", article, "--append", target],
        "fmt": ["fmt", target],
        "new --events": ["new", "fresh-incident", "--events", target],
    }


KINDS = ["fifo", "device", "folder", "link-to-fifo"]
WRITERS = ["export", "import --out", "import --append", "extract --out", "extract --append", "fmt", "new --events"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_refuses_a_target_that_is_no_regular_file(tmp_path, writer, kind):
    target = tmp_path / "target"
    make_node(target, kind)
    before = node_of(target)
    code, out, err = run(*writers(tmp_path, target)[writer])
    assert code == 2, (code, err)
    assert "not a regular file" in err or "is a FIFO" in err or "is a directory" in err or "is a device" in err, err
    assert "Traceback" not in err and out == ""
    assert node_of(target) == before  # still the FIFO, the device or the folder it was
    assert not (tmp_path / "postmortems" / "fresh-incident.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no lock or temporary file left


def test_a_report_file_that_is_a_fifo_or_a_device_is_refused_not_replaced(tmp_path):
    out = tmp_path / "reports"
    assert run("report", "--events", FIXTURE, "--out", out)[0] == 0
    (out / "index.md").unlink()
    make_node(out / "index.md", "device")
    (out / f"{INCIDENT}.md").unlink()
    make_node(out / f"{INCIDENT}.md", "fifo")
    before = {name: node_of(out / name) for name in ("index.md", f"{INCIDENT}.md")}
    code, _, err = run("report", "--events", FIXTURE, "--out", out)
    assert code == 1 and "not a regular file: not replaced" in err and "left as they were" in err, err
    assert {name: node_of(out / name) for name in before} == before


@pytest.mark.parametrize("argv", [
    ["export", INCIDENT, "--format", "timelinejs", "--events", FIXTURE, "--out", "-"],
    ["import", "statuspage", "RECORD", "--out", "-"],
    ["extract", "ARTICLE", "--out", "-"],
])
def test_dash_is_standard_output_for_every_out(tmp_path, argv):
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    argv = [statuspage_file(tmp_path) if a == "RECORD" else article if a == "ARTICLE" else a for a in argv]
    code, out, err = run(*argv)
    assert code == 0, err
    assert out.count("\n") >= 2 and not (Path.cwd() / "-").exists()


def test_dash_is_no_folder_or_file_to_add_to(tmp_path):
    code, _, err = run("report", "--events", FIXTURE, "--out", "-")
    assert code == 2 and "standard output" in err and not (Path.cwd() / "-").exists()
    code, _, err = run("import", "statuspage", statuspage_file(tmp_path), "--append", "-")
    assert code == 2 and "--append -" in err
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    code, _, err = run("extract", article, "--append", "-")
    assert code == 2 and "--append -" in err


# ---------------------------------------------------------------- two writers at once


@pytest.fixture
def slow_reconstruction(monkeypatch):
    """Every command that reads an events file and writes it back reconstructs it in between: made
    slow here, so that a second writer surely reads the file while the first is still working."""
    from incident.timeline import reconstruct

    original = reconstruct.reconstruct_all

    def slow(claims):
        import time

        time.sleep(0.4)
        return original(claims)

    monkeypatch.setattr(reconstruct, "reconstruct_all", slow)


def at_once(*commands):
    """Run the commands together (one thread each), started 0.1 s apart; their (code, out, err)."""
    import time

    results = [None] * len(commands)

    def one(i, argv):
        out, err = io.StringIO(), io.StringIO()
        results[i] = (main([str(a) for a in argv], stdout=out, stderr=err), out.getvalue(), err.getvalue())

    threads = []
    for i, argv in enumerate(commands):
        threads.append(threading.Thread(target=one, args=(i, argv), daemon=True))
        threads[-1].start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(60)
        assert not thread.is_alive()
    return results


def incidents_in(path: Path) -> set[str]:
    import csv

    return {row["incident"] for row in csv.DictReader(io.StringIO(path.read_text()))}


def test_two_appends_at_once_keep_both_sets_of_claims(tmp_path, slow_reconstruction):
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    first, second = statuspage_file(tmp_path, "aaa111", page="Acme"), statuspage_file(tmp_path, "bbb222", page="Acme")
    results = at_once(["import", "statuspage", first, "--append", events], ["import", "statuspage", second, "--append", events])
    assert [code for code, _, _ in results] == [0, 0], results
    assert incidents_in(events) == {INCIDENT, "acme-aaa111", "acme-bbb222"}
    assert any("waiting for another incident command" in err for _, _, err in results)  # one of them waited
    assert not list(tmp_path.glob(".events.csv*"))  # the lock is gone with its holder


def test_fmt_and_an_append_at_once_keep_the_appended_claims(tmp_path, slow_reconstruction):
    events = tmp_path / "events.csv"
    lines = FIXTURE.read_text().splitlines(keepends=True)
    events.write_text(lines[0] + "".join(reversed(lines[1:])))  # out of canonical order: fmt has work
    # the append reads first and writes first; fmt, reading meanwhile, must wait and read what it wrote
    results = at_once(["import", "statuspage", statuspage_file(tmp_path, "ccc333"), "--append", events], ["fmt", events])
    assert [code for code, _, _ in results] == [0, 0], results
    assert incidents_in(events) == {INCIDENT, "acme-ccc333"}
    assert run("fmt", "--check", events)[0] == 0


def test_two_processes_appending_at_once_lose_nothing(tmp_path):
    """The same with two real processes (no slowing down: the lock must hold whatever the timing)."""
    events = tmp_path / "events.csv"
    header, *rows = FIXTURE.read_text().splitlines(keepends=True)
    # 150 incidents: each run spends a second or so between reading the file and writing it back
    events.write_text(header + "".join(row.replace(INCIDENT, f"{INCIDENT}-{n}", 1) for n in range(150) for row in rows))
    records = [statuspage_file(tmp_path, f"p{n}x", page="Acme") for n in range(4)]
    script = Path(sys.executable).parent / "incident"
    procs = [subprocess.Popen([script, "import", "statuspage", r, "--append", events], stderr=subprocess.PIPE, text=True)
             for r in records]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert incidents_in(events) == {*(f"{INCIDENT}-{n}" for n in range(150)), *(f"acme-p{n}x" for n in range(4))}


# ---------------------------------------------------------------- half-written


def limited(limit: int):
    """For a child process: files it writes may not grow past `limit` bytes (a full disk, in effect)."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def incident_cli(*argv, limit: int | None = None):
    return subprocess.run([Path(sys.executable).parent / "incident", *map(str, argv)], capture_output=True, text=True,
                          preexec_fn=limited(limit) if limit else None, timeout=120)


def test_new_whose_postmortem_cannot_be_written_leaves_nothing_and_a_rerun_works(tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    before = events.read_bytes()
    failed = incident_cli("new", "cdn-2025", "--events", events, limit=200)  # the starter postmortem is ~1 KB
    assert failed.returncode == 1 and "cannot write" in failed.stderr and "Traceback" not in failed.stderr, failed.stderr
    assert not (tmp_path / "postmortems" / "cdn-2025.md").exists()
    assert events.read_bytes() == before
    assert list((tmp_path / "postmortems").iterdir()) == []  # no half file, no temporary one
    again = incident_cli("new", "cdn-2025", "--events", events)
    assert again.returncode == 0, again.stderr
    from incident.postmortem import starter

    assert (tmp_path / "postmortems" / "cdn-2025.md").read_text() == starter("cdn-2025", "")


def test_new_whose_events_cannot_be_written_leaves_neither_file(tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())  # ~3 KB: past the limit once rewritten, the postmortem is not
    before = events.read_bytes()
    failed = incident_cli("new", "cdn-2025", "--events", events, limit=len(before) + 50)
    assert failed.returncode == 1 and "cannot write" in failed.stderr, failed.stderr
    assert events.read_bytes() == before and not (tmp_path / "postmortems" / "cdn-2025.md").exists()


@pytest.mark.parametrize("kind", ["folder", "zero", "fifo"])
def test_new_events_that_is_a_folder_a_zero_device_or_a_fifo_is_named(tmp_path, kind):
    target = tmp_path / "events"
    make_node(target, kind)
    code, out, err = run("new", "cdn-2025", "--events", target, seconds=30)
    assert code == 2 and f"{target}: is a" in err and "Traceback" not in err, err
    assert not (tmp_path / "postmortems").exists()


@pytest.mark.parametrize("name", ["index", "comparison", "stats"])
def test_new_refuses_the_name_of_a_report_page_as_report_does(tmp_path, name):
    code, _, err = run("new", name, "--events", tmp_path / "events.csv")
    assert code == 2 and "the name of a report page" in err
    assert not (tmp_path / "events.csv").exists() and not (tmp_path / "postmortems").exists()
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    code, _, err = run("extract", article, "--incident", name)
    assert code == 2 and "the name of a report page" in err


# ---------------------------------------------------------------- the report's folder


def immutable(path: Path, on: bool = True) -> None:
    import shutil

    if shutil.which("chattr") is None:
        pytest.skip("needs chattr (e2fsprogs) to make a file the superuser cannot replace")
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    if done.returncode != 0 and on:
        pytest.skip(f"chattr +i is not supported where the temporary folder is: {done.stderr.decode().strip()}")


def changed_report(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A report written, then its events changed so that every file would be rewritten."""
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "reports"
    assert run("report", "--events", events, "--out", out)[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    events.write_text(events.read_text().replace("Page errors", "Pages failing"))
    return events, out, before


@pytest.mark.parametrize("blocked", ["charts", f"{INCIDENT}.md"])
def test_a_report_whose_renames_fail_half_way_puts_back_what_it_replaced(tmp_path, blocked):
    events, out, before = changed_report(tmp_path)
    immutable(out / blocked)  # charts/ refuses new entries; the page cannot be replaced (even by root)
    try:
        code, _, err = run("report", "--events", events, "--out", out)
    finally:
        immutable(out / blocked, on=False)
    assert code == 1 and "cannot write" in err and "were left as they were" in err, err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert after == before  # true: the charts and pages renamed before the failure were put back
    assert not list(out.glob(".incident-report.tmp*"))


def test_a_report_that_cannot_even_put_files_back_says_which(tmp_path, monkeypatch):
    events, out, before = changed_report(tmp_path)
    real = os.replace
    calls = []

    def failing(src, dst, *a, **k):
        calls.append(str(dst))
        if str(dst).endswith("index.md") or "/.old/" in str(src):  # the 4th rename fails, and every putting back
            raise PermissionError(1, "Operation not permitted")
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing)
    code, _, err = run("report", "--events", events, "--out", out)
    monkeypatch.setattr(os, "replace", real)
    assert code == 1, err
    assert "left as they were" not in err
    assert "3 report files" in err and "could not be put back" in err and "index.html" in err and "run the report again" in err, err


def test_a_symlinked_charts_folder_is_refused_and_nothing_is_written_outside(tmp_path):
    out, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "charts").symlink_to(elsewhere)
    code, _, err = run("report", "--events", FIXTURE, "--out", out)
    assert code == 1 and f"{out / 'charts'}: cannot write: a symbolic link" in err, err
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["charts"]  # nothing else written either


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_build_record_that_is_a_fifo_or_a_device_neither_hangs_nor_is_replaced(tmp_path, kind):
    out = tmp_path / "reports"
    out.mkdir()
    make_node(out / ".incident-report.json", kind)
    before = node_of(out / ".incident-report.json")
    code, _, err = run("report", "--events", FIXTURE, "--out", out, seconds=120)
    assert code == 0, err  # the record is a cache: the report is written, the record is not
    assert node_of(out / ".incident-report.json") == before
    assert (out / "index.md").is_file()


@pytest.mark.parametrize("kind", ["folder", "fifo", "link-to-fifo"])
def test_a_lock_file_that_is_no_regular_file_is_named(tmp_path, kind):
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    make_node(tmp_path / ".events.csv.lock", kind)
    code, _, err = run("import", "statuspage", statuspage_file(tmp_path), "--append", events)
    assert code == 2 and ".events.csv.lock" in err and "Traceback" not in err, err
    assert events.read_bytes() == FIXTURE.read_bytes()


def test_a_target_with_the_longest_name_a_folder_holds_gets_a_lock(tmp_path):
    events = tmp_path / ("e" * 251 + ".csv")
    events.write_bytes(FIXTURE.read_bytes())
    code, _, err = run("import", "statuspage", statuspage_file(tmp_path), "--append", events)
    assert code == 0, err
    assert "acme-abc123" in incidents_in(events)

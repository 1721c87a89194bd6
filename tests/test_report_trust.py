"""'Up to date' must mean it: a committed chart, a build record and a matplotlibrc are things a
stranger's pull request or a careless working folder can hold; none of them is believed unchecked."""

import io
import json
import os
import subprocess
import sys
import threading

import pytest

from conftest import ROOT

from incident.cli import main

FIXTURE = ROOT / "tests" / "data" / "fixture.csv"
RECORD = ".incident-report.json"


def run(*argv, cwd=None):
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        code = main([str(a) for a in argv], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "reports"
    code, _, err = run("report", "--events", FIXTURE, "--out", out)
    assert code == 0, err
    return out


def test_a_forged_chart_is_named_by_check_without_a_build_record(built):
    """As in CI (git ignores the record): a <script> inserted into a committed SVG, its stamp left
    in place, is not "up to date", and `report` replaces it before it can reach a page."""
    (built / RECORD).unlink()
    svg = built / "charts" / "launch-2025-timeline.svg"
    svg.write_bytes(svg.read_bytes().replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
    assert code == 1 and "launch-2025-timeline.svg: would change" in err
    assert run("report", "--events", FIXTURE, "--out", built)[0] == 0
    assert b"<script" not in svg.read_bytes()
    assert b"<script" not in (built / "launch-2025.html").read_bytes()


def test_a_chart_with_its_stamp_copied_into_a_forged_file_is_not_reused(built):
    """With a record too: a chart is reused only when its bytes have the digest the record lists."""
    svg = built / "charts" / "launch-2025-timeline.svg"
    forged = svg.read_bytes().replace(b"</svg>", b"<script>alert(1)</script></svg>")
    svg.write_bytes(forged)
    code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
    assert code == 1 and "launch-2025-timeline.svg: would change" in err


def test_nul_bytes_in_the_middle_of_a_committed_png_are_named(built):
    (built / RECORD).unlink()
    png = built / "charts" / "launch-2025-timeline.png"
    data = png.read_bytes()
    png.write_bytes(data[: len(data) // 2] + b"\0" * 1000 + data[len(data) // 2 + 1000:])
    code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
    assert code == 1 and "launch-2025-timeline.png: would change" in err


def test_a_matplotlibrc_in_the_working_folder_changes_no_byte(tmp_path):
    plain, configured = tmp_path / "plain", tmp_path / "configured"
    plain.mkdir()
    configured.mkdir()
    (configured / "matplotlibrc").write_text("axes.facecolor: red\nxtick.color: green\nhatch.linewidth: 7\nsvg.id: forged\n")
    outputs = []
    for folder in (plain, configured):
        script = ("from incident.cli import main; import sys; "
                  f"sys.exit(main(['report', '--fresh', '--events', {str(FIXTURE)!r}, '--out', 'out']))")
        subprocess.run([sys.executable, "-c", script], cwd=folder, check=True, capture_output=True,
                       env={k: v for k, v in os.environ.items() if k != "MATPLOTLIBRC"})
        outputs.append({p.name: p.read_bytes() for p in (folder / "out" / "charts").iterdir()})
    assert outputs[0] == outputs[1]


def test_the_record_key_is_made_from_the_bytes_loaded(tmp_path, write):
    from incident import buildrecord

    events = write(FIXTURE.read_text())
    folder = tmp_path / "postmortems"
    import hashlib

    loaded = hashlib.sha256(events.read_bytes()).hexdigest()
    assert buildrecord.key(events, folder, {}) == buildrecord.key(events, folder, {}, events_digest=loaded)
    events.write_text(FIXTURE.read_text() + "\n")  # edited after the run loaded it
    assert buildrecord.key(events, folder, {}) != buildrecord.key(events, folder, {}, events_digest=loaded)


def _record(out, **changes):
    record = json.loads((out / RECORD).read_text())
    record.update(changes)
    (out / RECORD).write_text(json.dumps(record))


@pytest.mark.parametrize("name", ["/dev/zero", "/etc/passwd", "../outside.md", "charts/../../x", "a\0b"])
def test_a_record_naming_a_file_outside_the_folder_counts_as_no_record(built, name):
    record = json.loads((built / RECORD).read_text())
    _record(built, files={**record["files"], name: "0" * 64})
    code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
    assert code == 0 and "files up to date" in err  # built and compared as usual, no hang


@pytest.mark.parametrize("how", ["fifo", "symlink-to-zero", "symlink"])
def test_a_record_naming_a_fifo_or_a_symlink_never_hangs(built, how):
    target = built / "index.md"
    target.unlink()
    if how == "fifo":
        os.mkfifo(target)
    elif how == "symlink-to-zero":
        target.symlink_to("/dev/zero")
    else:
        target.symlink_to(built / "launch-2025.md")
    result = {}
    worker = threading.Thread(target=lambda: result.update(code=run("report", "--events", FIXTURE, "--out", built, "--check")))
    worker.daemon = True
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "report --check hung"
    code, _, err = result["code"]
    assert code == 1 and "index.md: would change" in err


@pytest.mark.parametrize("changes", [{"messages": [1]}, {"messages": "x"}, {"files": []}, {"files": {"index.md": 5}},
                                     {"key": 7}, {"version": "1"}])
def test_a_malformed_record_counts_as_no_record(built, changes):
    _record(built, **changes)
    code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
    assert code == 0 and "Traceback" not in err


def test_a_record_that_is_not_json_or_not_an_object_counts_as_no_record(built):
    for text in ("[1, 2]", "{", "\0", "[" * 100_000):
        (built / RECORD).write_text(text)
        code, _, err = run("report", "--events", FIXTURE, "--out", built, "--check")
        assert code == 0 and "Traceback" not in err


def test_two_runs_into_one_folder_never_share_a_staging_folder(tmp_path):
    """A run's staging folder is its own: another run's (recent) one is left alone, and a killed
    run's old one is cleared."""
    from incident.render.output import STAGING, write_report

    out = tmp_path / "reports"
    out.mkdir()
    other = out / f"{STAGING}-other-run"
    (other / "charts").mkdir(parents=True)
    (other / "charts" / "x.svg").write_bytes(b"the other run's file")
    stale = out / f"{STAGING}-killed"
    stale.mkdir()
    os.utime(stale, (0, 0))
    assert write_report({"index.md": b"one\n"}, out) == ["index.md"]
    assert (other / "charts" / "x.svg").read_bytes() == b"the other run's file"
    assert not stale.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.md", other.name])


def test_a_failed_write_names_the_report_file_not_the_staging_path(tmp_path):
    from incident.render.output import WriteFailed, write_report

    out = tmp_path / "reports"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "a.svg").mkdir()  # a folder where a chart goes
    with pytest.raises(WriteFailed) as caught:
        write_report({"charts/a.svg": b"<svg/>", "index.md": b"x\n"}, out)
    assert str(caught.value).startswith(f"{out / 'charts' / 'a.svg'}:")
    assert not (out / "index.md").exists() and not list(out.glob(".incident-report.tmp*"))


def test_editing_a_module_drawing_runs_makes_the_charts_stale_and_an_importer_does_not(tmp_path):
    """A chart's stamp hashes the modules the chart modules import, however deep (a chart depends
    on zones, times and metrics as much as on chart.py): an edit to one of them makes every chart
    stale. An importer's edit changes the build key (the report is built again) but not a chart:
    the committed reports stay up to date."""
    import shutil

    package = tmp_path / "code" / "incident"
    shutil.copytree(ROOT / "incident", package, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "reports"
    script = ("import sys; from incident.cli import main; "
              f"sys.exit(main(['report', '--events', {str(FIXTURE)!r}, '--out', {str(out)!r}] + sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(package.parent)}

    def report(*extra):
        return subprocess.run([sys.executable, "-c", script, *extra], env=env, capture_output=True, text=True, cwd=tmp_path)

    assert report().returncode == 0
    assert report("--check").returncode == 0
    importer = package / "importers" / "slack.py"
    importer.write_text(importer.read_text() + "\n# an edit\n")
    checked = report("--check")
    assert checked.returncode == 0 and "up to date" in checked.stderr, checked.stderr
    for deep in (package / "model" / "zones.py", package / "words.py"):  # imported by the chart modules, two and more steps away
        assert report().returncode == 0
        deep.write_text(deep.read_text() + "\n# an edit\n")
        checked = report("--check")
        assert checked.returncode == 1 and "charts/launch-2025-timeline.svg: would change" in checked.stderr, (deep, checked.stderr)


def test_every_module_drawing_loads_is_in_the_charts_stamp():
    """What a chart's stamp hashes is read from the import statements; a process that draws every
    kind of chart loads no module of the package outside it (were one loaded by other means, an
    edit to it could change a chart's bytes under an unchanged stamp)."""
    script = (
        "import sys\n"
        "from incident.api import load, report_input\n"
        f"inp, _ = report_input(load({str(ROOT / 'events.csv')!r}))\n"
        "from incident.render import drawing, report\n"
        "drawing._workers = lambda jobs: 1\n"
        "loaded = set()\n"
        "def charts(*args, **kwargs):  # what drawing alone loads\n"
        "    before = set(sys.modules)\n"
        "    drawn = drawing.render_charts(*args, **kwargs)\n"
        "    loaded.update(set(sys.modules) - before)\n"
        "    return drawn\n"
        "report.render_charts = charts\n"
        "report.build_report(inp)\n"
        "from incident.buildrecord import imported_code\n"
        "code = imported_code(drawing.CHART_MODULES).decode()\n"
        "loaded = sorted(m for m in loaded if m.startswith('incident.'))\n"
        "assert 'incident.render.timeline_chart' in loaded, loaded  # drawing was measured\n"
        "print([m for m in loaded if '\\ncode ' + m.split('.', 1)[1].replace('.', '/') not in code])\n"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]", found.stdout

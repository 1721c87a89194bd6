"""The package as others get it: `python -m build` gives a wheel and an sdist (built once, from a
copy of what git tracks); the wheel, installed into a fresh environment, works in an empty folder
through the documented API (load → reconstruct → metrics frame → report) and the command line; the
sdist holds every file the repository tracks, and its tests run when it is unpacked.

The fresh environment gets the wheel alone; the libraries it declares are found in this test
environment's (the locked versions), linked in, and `pip check` holds that they satisfy what the
wheel's metadata asks for — so the test needs no network and stays quick."""

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "fixture.csv"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git, which lists the files the package is built from")


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    return sorted(name for name in out.split("\0") if name and (ROOT / name).is_file())


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The wheel and the sdist, built once from a copy of the tracked files (the working tree is
    left as it was: no egg-info, no build folder)."""
    source = tmp_path_factory.mktemp("source")
    for name in tracked():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def fresh(dist, tmp_path_factory) -> Path:
    """A new environment holding the wheel; the declared libraries linked in from this one."""
    env = tmp_path_factory.mktemp("env")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    libraries = env / "libraries"
    libraries.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():  # this environment's, less incident itself
        if not entry.name.lower().startswith(("incident", "__editable__", "_incident")) and entry.suffix != ".pth":
            (libraries / entry.name).symlink_to(entry)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "libraries.pth").write_text(f"{libraries}\n")
    wheel = next(dist.glob("incident-*.whl"))
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    done = subprocess.run([*pip, "install", "--no-index", "--no-deps", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # every declared library is there, in range
    return env


def test_the_wheel_says_what_it_is(dist):
    wheel = next(dist.glob("incident-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(info))
    from incident.version import __version__

    assert wheel.name == f"incident-{__version__}-py3-none-any.whl"
    assert metadata["License-Expression"] == "MIT" and any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "incident/py.typed" in names and not any("templates" in n for n in names)
    required = {r.split(";")[0].split(">")[0].split("<")[0].strip().lower(): r for r in metadata.get_all("Requires-Dist")}
    for library in ("pandas", "numpy", "matplotlib", "pydantic", "scipy", "tzdata", "markdown-it-py"):
        assert library in required, library
    assert "<3" in required["pydantic"] and "<3" in required["numpy"]
    assert metadata.get_all("Classifier") and metadata.get_all("Project-URL")
    assert not any(n.startswith("tests/") for n in names)


def test_the_documented_api_and_the_command_line_work_from_the_wheel_in_an_empty_folder(fresh, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "events.csv")
    script = """
import incident, pandas
assert "site-packages" in incident.__file__, incident.__file__
claims = incident.load("events.csv")
timeline = incident.reconstruct(claims, claims.incidents[0])
frame = incident.metrics(claims)
assert isinstance(frame, pandas.DataFrame) and list(frame.columns)[:5] == ["incident", "metric", "minutes", "low", "high"]
written = incident.report(claims, out="api-reports")
assert written.written and all((written.out / name).is_file() for name in written.files)
print(incident.__version__, len(timeline.events), len(frame), len(written.files))
"""
    env = {"PATH": f"{fresh / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}  # no SOURCE_DATE_EPOCH: no date, as the API
    done = subprocess.run([str(fresh / "bin" / "python"), "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from incident.version import __version__

    version, events, rows, files = done.stdout.split()
    assert version == __version__ and int(events) > 0 and int(rows) > 0 and int(files) > 3
    cli = fresh / "bin" / "incident"
    for argv, wanted in ((["--version"], f"incident {__version__}"), (["validate", "events.csv"], ""),
                         (["report", "--out", "cli-reports"], "")):
        ran = subprocess.run([str(cli), *argv], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
        assert ran.returncode == 0 and wanted in ran.stdout, (argv, ran.stdout, ran.stderr)
    for name in os.listdir(folder / "api-reports"):
        if (folder / "api-reports" / name).is_file() and not name.startswith("."):
            assert (folder / "cli-reports" / name).read_bytes() == (folder / "api-reports" / name).read_bytes(), name


def test_the_sdist_holds_every_tracked_file_and_its_tests_run_unpacked(dist, tmp_path):
    sdist = next(dist.glob("incident-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        members = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
        archive.extractall(tmp_path, filter="data")
    missing = [name for name in tracked() if name not in members]
    assert missing == []
    unpacked = tmp_path / top
    # a few of the suite's files, run from the unpacked tree against its own sources
    chosen = ["tests/test_api.py", "tests/test_one_rule.py"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *chosen], cwd=unpacked,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert str(unpacked / "incident") in subprocess.run(
        [sys.executable, "-c", "import incident; print(incident.__file__)"], cwd=unpacked, capture_output=True, text=True).stdout

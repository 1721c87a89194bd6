"""Write requirements.lock and requirements-test.lock from the environment this runs in.

    .venv/bin/python ci/lockfiles.py

requirements.lock: the exact versions of what `incident` needs at run time (its dependencies and
theirs, no extra): what the GitHub Action installs, and what the reports' bytes depend on.
requirements-test.lock: everything else the environment holds — the test, type-check, lint, docs and
build tools, and the `web` extra the extract tests read saved pages with. The Makefile installs both.
Upgrade a library in the environment first (pip install -U NAME), run the tests, then run this.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
NEVER = {"incident", "pip"}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(roots: list[str]) -> dict[str, metadata.Distribution]:
    """The distributions `roots` need, however deep (markers read for this Python, no extra)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if norm(name) in seen:
            continue
        dist = metadata.distribution(name)
        seen[norm(name)] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def lines(dists) -> list[str]:
    return sorted((f"{d.metadata['Name']}=={d.version}" for d in dists), key=str.lower)


def main() -> int:
    own = metadata.distribution("incident")
    runtime = closure([Requirement(r).name for r in own.requires or [] if "extra ==" not in r])
    everything = {norm(d.metadata["Name"]): d for d in metadata.distributions()}
    rest = [d for key, d in everything.items() if key not in runtime and key not in NEVER]
    (ROOT / "requirements.lock").write_text(
        "# The exact versions incident runs with (its dependencies and theirs): the GitHub Action installs\n"
        "# these, and the reports' bytes depend on them. Written by ci/lockfiles.py; do not edit by hand.\n"
        + "".join(f"{line}\n" for line in lines(runtime.values())))
    (ROOT / "requirements-test.lock").write_text(
        "# The exact versions of everything else `make test` uses: pytest and its plugins' libraries, mypy,\n"
        "# ruff, MkDocs, build, setuptools (the editable install), and the `web` extra the extract tests\n"
        "# read saved pages with. Installed with requirements.lock. Written by ci/lockfiles.py.\n"
        + "".join(f"{line}\n" for line in lines(rest)))
    print(f"requirements.lock: {len(runtime)} packages; requirements-test.lock: {len(rest)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the whole-command benchmarks share: a synthetic events file made once and kept, and their
table written between its markers in benchmarks/README.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generated(path: Path, *args: str, env: dict | None = None) -> Path:
    """`path`, written by generate.py with `args` unless an earlier run left it there."""
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(path), *args], check=True, env=env)
    return path


def write_block(text: str, begin: str, end: str, heading: str = "") -> None:
    """Put `text` (which starts with `begin` and ends with `end`) in README.md in place of the block
    between those markers, or at its end (under `heading`) the first time."""
    readme = HERE / "README.md"
    old = readme.read_text(encoding="utf-8")
    if begin in old and end in old:
        new = old[: old.index(begin)] + text + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + (f"{heading}\n\n" if heading else "") + text + "\n"
    readme.write_text(new, encoding="utf-8")

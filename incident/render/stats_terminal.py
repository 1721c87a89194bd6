"""`incident stats` in a terminal: the portfolio page's Markdown, its tables laid out to the
terminal's width (their long cells cut or put on a line of their own, as every table the tool prints
in a terminal), its paragraphs wrapped. Piped or written to a file, it is the page's Markdown."""

from __future__ import annotations

from .. import terminal
from .document import Bullets, Code, Document, Heading, Paragraph, Table, inline_parts, to_markdown


def stats_text(document: Document, columns: int | None) -> str:
    if columns is None:
        return to_markdown(document)
    lines = [f"# {document.title}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lines += terminal.wrap_line(_plain(block.text), columns) + [""]
        elif isinstance(block, Bullets):
            for item in block.items:
                lines += terminal.wrap_line("- " + _plain(item), columns)
            lines.append("")
        elif isinstance(block, Table):
            rows = [[_plain(cell) for cell in row] for row in block.rows]
            # what a row can do without on its line: intervals, the mean, the reasons (a line of their own)
            below = tuple(i for i, name in enumerate(block.header) if i >= 2 and ("interval" in name or name.startswith(("mean", "why"))))
            lines += terminal.table(list(block.header), rows, columns, give=(0, *range(len(block.header) - 1, 0, -1)),
                                    below=below, least=12) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _plain(text) -> str:
    return "".join(f"`{part.text}`" if isinstance(part, Code) else str(getattr(part, "text", part)) for part in inline_parts(text))

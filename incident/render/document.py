"""A small document model rendered to Markdown and to one self-contained HTML page.

Reports are built once as blocks and rendered twice, so the Markdown and the HTML say the same
thing. Everything that comes from events.csv is escaped for its target; only http(s) URLs become
links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Sequence, Union

from ..timeline.compare import KINDS


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Ref:
    """A link to another part of the report: a document key, or a file name with its extension.

    Markdown links the file (KEY.md); the one-page HTML links the section (#KEY).
    """

    text: str
    target: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


Inline = Union[str, Link, Ref, Strong, Code]
Text = Union[Inline, Sequence[Inline]]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    items: Sequence[Text]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[Text]]
    align: str = ""  # one letter per column: l or r


@dataclass(frozen=True)
class Chart:
    """A chart rendered as charts/NAME.png and .svg (SVG only with --no-png); Markdown links the PNG, HTML inlines the SVG."""

    name: str
    alt: str


@dataclass(frozen=True)
class Prose:
    """The analyst's own Markdown (a postmortem file's section): Markdown keeps it as written;
    HTML renders it as CommonMark with raw HTML shown as text and only safe links."""

    markdown: str


@dataclass(frozen=True)
class Mermaid:
    """A Mermaid diagram: a fenced block in Markdown (GitHub draws it); left out of the HTML,
    which has the chart itself and runs no scripts."""

    code: str


@dataclass(frozen=True)
class Aside:
    """A short box set apart from the text (a page's "How to read this"): a title and its items;
    a quoted block in Markdown, an <aside> in HTML."""

    title: str
    items: Sequence["Text"]


@dataclass(frozen=True)
class Only:
    """A block shown in one format only: "md" or "html"."""

    fmt: str
    block: "Block"


Block = Union[Heading, Paragraph, Bullets, Table, Chart, Prose, Mermaid, Aside, Only]


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self


def safe_url(url: str) -> str | None:
    """The URL when it is an absolute http(s) address; None otherwise (javascript:, data:, …)."""
    url = url.strip()
    if re.match(r"https?://[^\s<>\"']+\Z", url, re.IGNORECASE):
        return url
    return None


def inline_parts(text: Text) -> Sequence[Inline]:
    """A text as its inline parts: one part alone, or the sequence it is."""
    return [text] if isinstance(text, (str, Link, Ref, Strong, Code)) else text


# ---------------------------------------------------------------- Markdown

# What Markdown would read as markup, each escaped by a backslash before its last character: the
# marks of emphasis, code, links and tables; a '<' only where it could open an HTML tag, a comment or
# an autolink (before a letter, '/', '!', '?'; and at the end of a text, which the next part may
# continue), so 'p < 0.001' reads as written; a '>' only where it would open a quotation (a text's
# start, which may start a line).
_MD_SPECIAL = re.compile(r"[\\`*_\[\]|]|<(?=[^\W\d_]|[/!?]|\Z)|\A ?>")


_SPACES = re.compile(r"\s+")
_PLAIN = re.compile(r"[^\\`*_\[\]<>|\s]*( [^\\`*_\[\]<>|\s]+)*")


def md_escape(text: str) -> str:
    """Text as Markdown that reads as the text: no run of spaces, no character read as markup."""
    if _PLAIN.fullmatch(text):
        return text  # nothing to escape, no run of spaces: most cells
    return _MD_SPECIAL.sub(lambda found: found.group()[:-1] + "\\" + found.group()[-1], _SPACES.sub(" ", text))


def _md_inline(text: Text) -> str:
    out = []
    for part in inline_parts(text):
        if isinstance(part, Link):
            url = safe_url(part.url)
            if url is None:
                out.append(md_escape(part.text) + (f" ({md_escape(part.url)})" if part.url and part.url != part.text else ""))
            else:
                target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                out.append(f"[{md_escape(part.text)}]({target})")
        elif isinstance(part, Ref):
            target = part.target if "." in part.target or part.target.startswith("#") else f"{part.target}.md"
            out.append(f"[{md_escape(part.text)}]({target})")
        elif isinstance(part, Strong):
            out.append(f"**{md_escape(part.text)}**")
        elif isinstance(part, Code):
            tick = "``" if "`" in part.text else "`"
            out.append(f"{tick}{' '.join(part.text.split())}{tick}")
        else:
            out.append(md_escape(part))
    return "".join(out)


def to_markdown(document: Document, chart_dir: str = "charts", chart_format: str = "png") -> str:
    lines = [f"# {md_escape(document.title)}", ""]
    for block in document.blocks:
        if isinstance(block, Only):
            if block.fmt != "md":
                continue
            block = block.block
        if isinstance(block, Prose):
            lines += [block.markdown.strip("\n"), ""]
        elif isinstance(block, Mermaid):
            lines += ["```mermaid", block.code.rstrip("\n"), "```", ""]
        elif isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Aside):
            lines += [f"> **{md_escape(block.title)}**", ">"] + [f"> - {_md_inline(item)}" for item in block.items] + [""]
        elif isinstance(block, Paragraph):
            lines += [_md_inline(block.text), ""]
        elif isinstance(block, Bullets):
            for number, item in enumerate(block.items, 1):
                lines.append((f"{number}. " if block.ordered else "- ") + _md_inline(item))
            lines.append("")
        elif isinstance(block, Table):
            align = block.align or "l" * len(block.header)
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
            for row in block.rows:
                lines.append("| " + " | ".join(_md_inline(cell) for cell in row) + " |")
            lines.append("")
        elif isinstance(block, Chart):
            lines += [f"![{md_escape(block.alt)}]({chart_dir}/{block.name}.{chart_format})", ""]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML

STYLE = """
body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;color:#222;max-width:70rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;border-bottom:2px solid #ddd;padding-bottom:.3rem;margin-top:3rem}
h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.r,th.r{text-align:right}td.n,th.n{white-space:nowrap}
div.table{overflow-x:auto;max-width:100%}
figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
@media (max-width:700px){figure svg{max-width:none;width:56rem}}
@page chart{size:landscape;margin:5mm}
@media print{figure,h2:has(+ figure),h3:has(+ figure){page:chart}figure{overflow:visible;break-inside:avoid;margin:0}figure svg{max-width:100%;max-height:189mm;width:auto;height:auto}h2:has(+ figure){font-size:1rem;margin:0 0 4pt}
nav{display:none}section+section{break-before:page}h1,h2,h3{break-after:avoid}tr{break-inside:avoid}
thead{display:table-header-group}div.table{overflow:visible}div.table.short{break-inside:avoid}body{margin:0;padding:0;max-width:none}
table{font-size:.7rem;width:100%}th.name,td.name{min-width:11em}th.w,td.w{white-space:normal}
th.n,td.n{white-space:normal}td,th{overflow-wrap:break-word}td a,li,p{overflow-wrap:anywhere}aside.read{break-inside:avoid}footer{break-before:avoid}}
nav{background:#f7f7f7;padding:.5rem 1rem;border-radius:4px}
code{background:#f3f3f3;padding:0 .2rem}
aside.read{border-left:4px solid #9ecae1;background:#f4f8fb;padding:.4rem 1rem;margin:1rem 0;font-size:.9rem}
aside.read ul{margin:.3rem 0;padding-left:1.2rem}aside.read p{margin:.2rem 0}
""".strip()


_COMPARISONS = frozenset({"comparison", *(page for _, _, page in KINDS)})  # the comparison pages' names


def html_href(target: str) -> str:
    """Where a Ref points in the HTML reports: one page per incident (INCIDENT.html), and the
    index page holding the index and the comparison."""
    if target in _COMPARISONS:  # the comparison pages are sections of the index page
        return f"index.html#{target}"
    if target in ("index", "index.md"):
        return "index.html"
    page, hash_, fragment = target.partition("#")
    if hash_ and page.endswith(".md"):  # a section of another report: its page's
        return f"{page[:-3]}.html#{fragment}"
    if "." in target or target.startswith("#"):
        return target
    return f"{target}.html"


def _html_inline(text: Text) -> str:
    out = []
    for part in inline_parts(text):
        if isinstance(part, Link):
            url = safe_url(part.url)
            if url is None:
                out.append(html.escape(part.text) + (f" (<code>{html.escape(part.url)}</code>)" if part.url and part.url != part.text else ""))
            else:
                out.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(part.text)}</a>')
        elif isinstance(part, Ref):
            out.append(f'<a href="{html.escape(html_href(part.target), quote=True)}">{html.escape(part.text)}</a>')
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        elif isinstance(part, Code):
            out.append(f"<code>{html.escape(part.text)}</code>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def prose_html(markdown: str) -> str:
    """The analyst's Markdown as HTML: CommonMark and tables (markdown-it-py); raw HTML is shown as
    text, a link that is not http(s) or mailto stays text, and tables scroll in their own box."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = _prose_link  # type: ignore[method-assign]  # markdown-it-py's documented way to choose links
    md.add_render_rule("image", _image_as_link)
    out = md.render(markdown)
    out = out.replace("<table>", '<div class="table"><table>').replace("</table>", "</table></div>")
    return out.strip()


def _prose_link(url: str) -> bool:
    """A link the page may carry: http(s), mailto, a fragment, or a path with no scheme; never a
    protocol-relative '//host' or a UNC path (a browser reads a backslash as a slash, so '\\host'
    and '/\\host' are '//host' too): they would reach another machine."""
    from urllib.parse import unquote

    plain = unquote(url.strip()).replace("\\", "/")
    if plain.startswith("//"):
        return False
    return re.match(r"(https?:|mailto:|#|[^:]*$)", plain, re.IGNORECASE) is not None


def _image_as_link(self, tokens, idx, options, env) -> str:
    """An image in the analyst's Markdown: the page is self-contained and fetches nothing, so an
    image is shown as a link to it, with its text ('image: …')."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    label = html.escape(f"image: {alt or src}")
    if src and _prose_link(src):
        return f'<a href="{html.escape(src, quote=True)}">{label}</a>'
    return label


# columns of times, windows and ranges: their cells never wrap ("2024-08-12 20:42" stays on one line)
_UNBROKEN = re.compile(r"\b(utc|local|window|when|estimate|range|time|date|lasted)\b", re.IGNORECASE)


def _cell_class(align: str, header: str) -> str:
    classes = (["r"] if align == "r" else []) + (["n"] if _UNBROKEN.search(header) else [])
    if header in ("event", "incident", "metric", "the source says"):
        classes.append("name")  # the column a reader reads first: the widest in print
    if header.startswith("window"):
        classes.append("w")  # in print a window may wrap, to leave the width to the event
    return f' class="{" ".join(classes)}"' if classes else ""


SHORT_TABLE = 12  # rows: a table this short is kept whole on a printed page

_REFERENCE = re.compile(r'(id=")([^"]+)(?=")|(#)([^")]+)(?=\))|("#)([^"]+)(?=")')


def inline_svg(svg: bytes, prefix: str) -> str:
    """An SVG file as an element of a page: no XML prolog, and ids made unique to the chart (each
    id="X", url(#X) and "#X" of an id X the chart defines), in one pass over the text."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    ids = set(re.findall(r'\bid="([^"]+)"', text))

    def rename(m: re.Match) -> str:
        lead, name = next((m[i], m[i + 1]) for i in (1, 3, 5) if m[i] is not None)
        return f"{lead}{prefix}-{name}" if name in ids else m[0]

    return _REFERENCE.sub(rename, text).strip()


def to_html(documents: Sequence[tuple[str, Document]], charts: dict[str, bytes], title: str, footer: str,
            nav: Sequence[Inline] = ()) -> str:
    """One self-contained page holding `documents`, each in a section under its anchor; charts
    inline as SVG; `nav`, the links to the other pages."""
    body = [f"<nav>{_html_inline(list(nav))}</nav>"] if nav else []
    for anchor, document in documents:
        body.append(f'<section id="{anchor}">')
        body.append(f"<h1>{html.escape(document.title)}</h1>")
        for block in document.blocks:
            if isinstance(block, Only):
                if block.fmt != "html":
                    continue
                block = block.block
            if isinstance(block, Heading):
                level = min(block.level, 6)
                anchor_id = f' id="{html.escape(block.anchor, quote=True)}"' if block.anchor else ""
                body.append(f"<h{level}{anchor_id}>{html.escape(block.text)}</h{level}>")
            elif isinstance(block, Aside):
                items = "".join(f"<li>{_html_inline(item)}</li>" for item in block.items)
                body.append(f'<aside class="read"><p><strong>{html.escape(block.title)}</strong></p><ul>{items}</ul></aside>')
            elif isinstance(block, Prose):
                body.append(f'<div class="prose">{prose_html(block.markdown)}</div>')
            elif isinstance(block, Paragraph):
                body.append(f"<p>{_html_inline(block.text)}</p>")
            elif isinstance(block, Bullets):
                tag = "ol" if block.ordered else "ul"
                body.append(f"<{tag}>" + "".join(f"<li>{_html_inline(item)}</li>" for item in block.items) + f"</{tag}>")
            elif isinstance(block, Table):
                align = block.align or "l" * len(block.header)
                cls = [_cell_class(a, h) for a, h in zip(align, block.header)]
                head = "<tr>" + "".join(f"<th{c}>{html.escape(h)}</th>" for h, c in zip(block.header, cls)) + "</tr>"
                rows = ["<tr>" + "".join(f"<td{c}>{_html_inline(cell)}</td>" for cell, c in zip(row, cls)) + "</tr>" for row in block.rows]
                # a box of its own that scrolls sideways on a narrow screen; the header row repeats on each printed page
                short = " short" if len(block.rows) <= SHORT_TABLE else ""  # kept on one printed page: no stranded rows
                body.append(f'<div class="table{short}"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')
            elif isinstance(block, Chart):
                svg = inline_svg(charts[block.name], f"{anchor}-{block.name}")
                body.append(f'<figure role="img" aria-label="{html.escape(block.alt, quote=True)}">{svg}</figure>')
        body.append("</section>")
    # the footer closes the last section, so that printing keeps it with the text before it: a break
    # is avoided only between siblings, and a page of the footer alone says nothing
    body.insert(len(body) - 1, f"<footer><p>{html.escape(footer)}</p></footer>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )

"""The size text is printed at on each page of a PDF that Chromium printed: enough of PDF to read
its pages' boxes and the text-showing operators of their content streams, with the font size each
is drawn at (the `Tf` size through the text matrix and every `cm` in force). No PDF library: Skia
writes plain objects with Flate-compressed streams."""

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+")


def _stream(body: bytes) -> bytes:
    found = re.search(rb"stream\r?\n(.*)\r?\nendstream", body, re.S)
    return zlib.decompress(found[1]) if b"FlateDecode" in body[:found.start()] else found[1]


def _times(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _sizes(content: bytes) -> list[float]:
    """The effective font size (points on the page) of each text-showing operator."""
    ctm, saved, operands, matrix, size, found = [1.0, 0, 0, 1.0, 0, 0], [], [], [1.0, 0, 0, 1.0, 0, 0], 0.0, []
    for token in _TOKEN.findall(content):
        try:
            operands.append(float(token))
            continue
        except ValueError:
            pass
        if token[:1] in b"([</]" or token == b"]":
            operands.append(token)
            continue
        if token == b"q":
            saved.append(ctm)
        elif token == b"Q":
            ctm = saved.pop() if saved else ctm
        elif token == b"cm":
            ctm = _times([float(x) for x in operands[-6:]], ctm)
        elif token == b"BT":
            matrix = [1.0, 0, 0, 1.0, 0, 0]
        elif token == b"Tm":
            matrix = [float(x) for x in operands[-6:]]
        elif token == b"Tf":
            size = float(operands[-1])
        elif token in (b"TJ", b"Tj", b"'", b'"'):
            m = _times(matrix, ctm)
            found.append(size * abs(m[0] * m[3] - m[1] * m[2]) ** 0.5)
        operands = []
    return found


def pages(pdf: bytes) -> list[tuple[float, float, list[float]]]:
    """Each page as (width, height, the sizes of its text runs), in points, in reading order (the
    page tree's)."""
    objects = {int(m[1]): m[2] for m in _OBJECT.finditer(pdf)}
    kids = {n: [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[([^\]]*)\]", body)[1])]
            for n, body in objects.items() if re.search(rb"/Type\s*/Pages\b", body)}
    children = {k for ks in kids.values() for k in ks}
    order: list[int] = []

    def walk(number: int) -> None:
        for kid in kids.get(number, ()):
            walk(kid) if kid in kids else order.append(kid)

    for root in sorted(set(kids) - children):
        walk(root)
    found = []
    for number in order:
        body = objects[number]
        box = re.search(rb"/MediaBox\s*\[\s*[0-9.]+ [0-9.]+ ([0-9.]+) ([0-9.]+)", body)
        refs = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        content = b"".join(_stream(objects[int(r)]) for r in re.findall(rb"(\d+) 0 R", refs[1])) if refs else b""
        found.append((float(box[1]), float(box[2]), _sizes(content)))
    return found

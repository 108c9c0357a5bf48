"""Small real files for portfolio pieces: PNG images and one-page PDFs, standard library only.

Every image is 64 x 48 RGB; every PDF has exact xref offsets, so viewers open them unrepaired.
"""
from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from collections.abc import Sequence

EXTENSIONS = {"text/plain": "txt", "image/png": "png", "application/pdf": "pdf"}
PALETTE = tuple(bytes(rgb) for rgb in ((214, 69, 65), (52, 120, 200), (40, 160, 90),
                                       (236, 180, 20), (140, 80, 170), (230, 120, 40),
                                       (20, 160, 150)))
_WIDTH, _HEIGHT, _AXIS = 64, 48, 43
_PAPER, _INK = bytes((250, 248, 240)), bytes((60, 60, 60))


def file_stem(title: str) -> str:
    """A file-name stem from a title: lowercase words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)[:8]) or "work"


def _png(rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGB PNG from rows of packed pixels (no filtering)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", len(rows[0]) // 3, len(rows), 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows), 6)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def bar_chart(values: Sequence[int], color: bytes) -> bytes:
    """Bars over a baseline axis; one row is built per bar height, then repeated upward."""
    top, gap = max(values), (_WIDTH - 6 - 6 * len(values)) // (len(values) + 1)
    heights = [max(2, round(36 * value / top)) for value in values]

    def row(level: int) -> bytes:
        bars = b"".join(_PAPER * gap + (color if height >= level else _PAPER) * 6
                        for height in heights)
        return _PAPER * 4 + _INK + bars + _PAPER * (_WIDTH - 5 - len(bars) // 3)

    levels = sorted(set(heights), reverse=True) + [0]
    rows = [row(levels[0] + 1)] * (_AXIS - levels[0])
    for level, lower in zip(levels, levels[1:], strict=False):
        rows += [row(level)] * (level - lower)
    rows.append(_PAPER * 4 + _INK * (_WIDTH - 4))
    return _png(rows + [_PAPER * _WIDTH] * (_HEIGHT - _AXIS - 1))


def pattern(first: bytes, second: bytes, cell: int, checkered: bool) -> bytes:
    """Stripes or a checkerboard of two colors."""
    even = ((first * cell + second * cell) * _WIDTH)[:_WIDTH * 3]
    odd = ((second * cell + first * cell) * _WIDTH)[:_WIDTH * 3] if checkered else even
    return _png([even if (y // cell) % 2 == 0 else odd for y in range(_HEIGHT)])


def rings(first: bytes, second: bytes, ring: int) -> bytes:
    """Nested rectangles, like a ribbon rosette, for a badge; the bottom half mirrors the top."""
    colors = (first, second)
    ramp = [colors[x // ring % 2] for x in range(_HEIGHT // 2)]
    top = [b"".join(ramp[:depth]) + colors[depth // ring % 2] * (_WIDTH - 2 * depth)
           + b"".join(reversed(ramp[:depth])) for depth in range(_HEIGHT // 2)]
    return _png(top + top[::-1])


def _pdf_text(text: str) -> bytes:
    """A PDF string literal body in WinAnsi; characters outside it lose their accents."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = b"".join(ch.encode("cp1252", "ignore") or unicodedata.normalize("NFKD", ch)
                        .encode("ascii", "ignore") for ch in text)
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf(title: str, lines: Sequence[str]) -> bytes:
    """A minimal one-page PDF (Helvetica) with a title and lines, with exact xref offsets."""
    ops = [b"BT /F1 16 Tf 72 730 Td 22 TL (" + _pdf_text(title) + b") Tj /F1 11 Tf T* 15 TL"]
    ops += [b"T* (" + _pdf_text(line) + b") Tj" for line in lines]
    stream = b"\n".join(ops + [b"ET"])
    objects = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)

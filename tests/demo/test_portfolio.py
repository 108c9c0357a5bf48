"""Portfolio pieces: real PNG, PDF and text files under unique names."""
from __future__ import annotations

import re
import struct
import zlib
from collections import Counter


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a valid 8-bit RGB PNG, checking chunks, CRCs and pixel data."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks, pixels = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        tag = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert zlib.crc32(tag + body) == crc
        chunks.append(tag)
        if tag == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert (depth, color) == (8, 2)
        elif tag == b"IDAT":
            pixels += body
        position += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks
    assert len(zlib.decompress(pixels)) == height * (1 + 3 * width)
    return width, height


def check_pdf(data: bytes) -> None:
    """A PDF whose xref offsets each point at their 'N 0 obj'."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))
    assert data[start:].startswith(b"xref")
    header = re.match(rb"xref\s+0 (\d+)\s+", data[start:])
    entries = data[start + header.end():].split(b"\n")[:int(header.group(1))]
    assert entries[0].startswith(b"0000000000 65535 f")
    for number, entry in enumerate(entries[1:], 1):
        assert data[int(entry[:10]):].startswith(b"%d 0 obj" % number)
    assert b"/Type /Page " in data and b"Tj" in data



def test_portfolio_files_are_what_they_claim(students):
    kinds = Counter()
    for student in students[:300]:
        assert 1 <= len(student.portfolio) <= 3
        assert len({item.filename for item in student.portfolio}) == len(student.portfolio)
        for item in student.portfolio:
            kinds[item.content_type] += 1
            assert 0 < len(item.data) < 8192 and item.kind in ("work", "badge")
            if item.content_type == "image/png":
                assert png_size(item.data) == (64, 48) and item.filename.endswith(".png")
            elif item.content_type == "application/pdf":
                check_pdf(item.data)
                assert item.filename.endswith(".pdf")
            else:
                assert item.content_type == "text/plain" and item.filename.endswith(".txt")
                assert item.data.decode("utf-8").strip()
            if item.kind == "work":
                assert item.added_by in (student.login, student.teacher_logins[0])
    assert set(kinds) == {"text/plain", "image/png", "application/pdf"}

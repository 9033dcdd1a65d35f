"""The number of pages of a PDF, read from its bytes without a PDF library.

For the index (pages beside each PDF) and the package's manifest.
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", re.S)
_STREAM = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9#])")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm(?![A-Za-z0-9#])")
_FILTER = re.compile(rb"/Filter\s*(\[\s*)?/(\w+)")


def page_count(pdf: bytes) -> int:
    """The number of page objects (``/Type /Page``, not ``/Pages``) in a PDF, without a PDF library.

    WeasyPrint (through pydyf) writes most objects, the pages among them,
    inside compressed object streams: those are inflated with zlib and
    searched too. Counts a PDF written once, as WeasyPrint writes it; a PDF
    edited incrementally could list a replaced page twice.
    """
    count = 0
    for match in _OBJECT.finditer(pdf):
        body = match.group(1)
        stream = _STREAM.search(body)
        if stream is None:
            count += len(_PAGE.findall(body))
        elif _OBJECT_STREAM.search(body[:stream.start()]):
            count += len(_PAGE.findall(_inflate(body[:stream.start()], body[stream.end():])))
    if count == 0:
        raise ValueError("no page objects found; is it a PDF?")
    return count


def _inflate(dictionary: bytes, data: bytes) -> bytes:
    """An object stream's objects: as stored, or inflated when FlateDecode (what pydyf writes)."""
    found = _FILTER.search(dictionary)
    if found is None:
        return data
    if found.group(2) != b"FlateDecode" or b"/DecodeParms" in dictionary or found.group(1):
        raise ValueError(f"an object stream uses a filter this count does not read: {dictionary.decode('latin-1')}")
    try:
        return zlib.decompressobj().decompress(data)   # stops at the end of the deflate data
    except zlib.error as error:
        raise ValueError(f"an object stream cannot be inflated: {error}") from None


"""The letters copied out of right-to-left text, mended where PDFs are made.

WeasyPrint (70.0) writes each font's ToUnicode map glyph by glyph, first come
first served: a glyph stands for the text of the cluster it was first drawn
in. When a font draws one letter as several glyphs (Amiri draws the lam of
"الكتب" as a lam and a joining stroke, both in the lam's cluster), WeasyPrint
gives the letter to the glyph drawn first, the leftmost. In right-to-left text
that is the stroke: where the lam was mapped in an earlier word it keeps its
letter as well, and "الكتب" is copied as "اللكتب"; where it first came with
its stroke it is mapped to nothing, and lost in every word after ("ا ناس" for
"الناس"). Every extractor copies what the map says (WeasyPrint issue #2841,
open).

``install()`` maps, before each line is drawn, every cluster of two or more
glyphs in a right-to-left run, in reading order (right to left): one letter
to each glyph when there are as many letters as glyphs (a letter and its
vowel marks), else the whole text to the first glyph (the letter itself) and
a zero-width joiner to the others (the strokes a font adds, which join letters
that join anyway). An empty mapping would not do: pdftotext and MuPDF copy a
glyph mapped to nothing as its glyph number. Single glyphs and left-to-right
runs are left to WeasyPrint, so PDFs without such clusters come out byte for
byte as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

JOINER = "\u200d"       # ZERO WIDTH JOINER: what a font's joining stroke copies as
# Letters of the right-to-left scripts of the Basic Multilingual Plane (Hebrew, Arabic, Syriac, Thaana, N'Ko...)
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_installed = False


def install() -> None:
    """Mend WeasyPrint's ToUnicode maps, once per process."""
    global _installed
    if _installed:
        return
    import weasyprint.draw.text as text

    original = text.draw_first_line

    def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str, matrix: Any) -> Any:
        if text_overflow != "ellipsis" and block_ellipsis == "none" and textbox.text.strip():
            _map_clusters(stream, textbox)
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)

    text.draw_first_line = draw_first_line
    _installed = True


def _map_clusters(stream: Any, textbox: Any) -> None:
    """Map the glyphs of the line's right-to-left clusters before WeasyPrint maps them glyph by glyph."""
    from weasyprint.text.ffi import pango

    if not RIGHT_TO_LEFT.search(textbox.text):
        return
    # As WeasyPrint sets it before it draws the line: the line laid out here is the one it draws.
    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    for item, glyphs in _right_to_left_runs(line):
        font, _ = stream.add_font(item.analysis.font)
        for cluster, start, end in _clusters(glyphs, item.length):
            for glyph, letters in _meanings(cluster, utf8[item.offset + start:item.offset + end].decode()):
                font.to_unicode.setdefault(glyph, letters)


def _right_to_left_runs(line: Any) -> Iterator[tuple[Any, list[tuple[int, int]]]]:
    """Each right-to-left run of ``line`` with a cluster of several glyphs: its Pango item and its
    (glyph, cluster) pairs, left to right.

    Read in bulk (the glyph is the first member of PangoGlyphInfo): glyph by
    glyph through cffi, the mapping cost a tenth of an Arabic PDF's time.
    """
    from weasyprint.text.ffi import ffi, pango

    stride = _glyph_info_stride()
    run = line.runs[0]
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        string = glyph_item.glyphs
        if not glyph_item.item.analysis.level % 2 or string.num_glyphs < 2:
            continue
        clusters = ffi.unpack(string.log_clusters, string.num_glyphs)
        if len(set(clusters)) == len(clusters):
            continue
        glyphs = ffi.unpack(ffi.cast("PangoGlyph *", string.glyphs), stride * string.num_glyphs)[::stride]
        yield glyph_item.item, [(glyph, cluster) for glyph, cluster in zip(glyphs, clusters)
                                if glyph != pango.PANGO_GLYPH_EMPTY and not glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG]


@functools.cache
def _glyph_info_stride() -> int:
    """How many glyph numbers long one PangoGlyphInfo is."""
    from weasyprint.text.ffi import ffi

    return int(ffi.sizeof("PangoGlyphInfo") // ffi.sizeof("PangoGlyph"))


def _meanings(cluster: list[int], text: str) -> list[tuple[int, str]]:
    r"""What each glyph of a cluster (in reading order) stands for.

    >>> _meanings([1, 2], "بَ")
    [(1, 'ب'), (2, 'َ')]
    >>> _meanings([1, 2], "ل")
    [(1, 'ل'), (2, '\u200d')]
    """
    if len(text) == len(cluster):
        return list(zip(cluster, text))
    return [(cluster[0], text)] + [(glyph, JOINER) for glyph in cluster[1:]]


def _clusters(glyphs: list[tuple[int, int]], length: int) -> Iterator[tuple[list[int], int, int]]:
    """Clusters of two or more glyphs: their glyphs in reading order, and the cluster's bytes.

    Glyphs come left to right, so a right-to-left cluster's text runs from its
    own offset to the offset of the cluster on its left (the next in reading
    order), or to the end of the run.

    >>> list(_clusters([(5, 4), (7, 2), (9, 2), (3, 0)], 6))
    [([9, 7], 2, 4)]
    """
    index = 0
    while index < len(glyphs):
        cluster = glyphs[index][1]
        last = index
        while last + 1 < len(glyphs) and glyphs[last + 1][1] == cluster:
            last += 1
        if last > index:
            end = glyphs[index - 1][1] if index else length
            yield [glyph for glyph, _ in reversed(glyphs[index:last + 1])], cluster, end
        index = last + 1

"""Which unnumbered block is really missing, when a run of them differs in length across languages.

The parity check aligns siblings by kind and number (editions/check/numbering.py).
Unnumbered blocks of one kind all share one signature, so when a translation
drops one of five text blocks, difflib may pair the first four in order and
call the fifth missing, though the second was dropped. Here such a run is
aligned again by what two languages' blocks still share: the fields in their
text (numbers, dates, references, line breaks), the shape of their children
and their length, measured against the run's own ratio of lengths between the
languages. The alignment keeps the order and skips as many blocks as the
difference in count; its cost is the run's length times that difference.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..read.model import Inline, Unit

Opcode = tuple[str, int, int, int, int]
MAX_SKIPPED = 32          # a run that differs by more is a different text, not a dropped block
LENGTH_SLACK = 0.25       # lengths within a quarter of the expected ratio say nothing: translations vary that much
FIELD_KINDS = frozenset({"ref", "number", "date", "break"})


@dataclass(frozen=True)
class _Item:
    """One step of an alignment: a pair of indices, or an index of one side alone."""

    a: int | None
    b: int | None


def realigned(opcodes: Iterator[Opcode], ours: Sequence[Unit], yours: Sequence[Unit]) -> list[Opcode]:
    """``opcodes`` with each run of same-kind unnumbered blocks that differs in length aligned by content."""
    return _opcodes(_realign_runs(_items(opcodes), ours, yours))


def _items(opcodes: Iterator[Opcode]) -> list[_Item | Opcode]:
    """Opcodes as single steps; a replacement stays whole (kinds differ: nothing to realign)."""
    items: list[_Item | Opcode] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            items += [_Item(i1 + n, j1 + n) for n in range(i2 - i1)]
        elif tag == "replace":
            items.append((tag, i1, i2, j1, j2))
        else:
            items += [_Item(i, None) for i in range(i1, i2)] + [_Item(None, j) for j in range(j1, j2)]
    return items


def _realign_runs(items: list[_Item | Opcode], ours: Sequence[Unit], yours: Sequence[Unit]) -> list[_Item | Opcode]:
    done: list[_Item | Opcode] = []
    start = 0
    while start < len(items):
        end = _run_end(items, start, ours, yours)
        run = [item for item in items[start:end] if isinstance(item, _Item)]
        done += _realign(run, ours, yours) if len(run) > 1 else items[start:max(end, start + 1)]
        start = max(end, start + 1)
    return done


def _run_end(items: list[_Item | Opcode], start: int, ours: Sequence[Unit], yours: Sequence[Unit]) -> int:
    """Where the run of unnumbered blocks of one kind that begins at ``start`` ends."""
    kind = _kind(items[start], ours, yours)
    end = start
    while end < len(items) and kind is not None and _kind(items[end], ours, yours) == kind:
        end += 1
    return end


def _kind(item: _Item | Opcode, ours: Sequence[Unit], yours: Sequence[Unit]) -> str | None:
    if not isinstance(item, _Item):
        return None
    units = ([ours[item.a]] if item.a is not None else []) + ([yours[item.b]] if item.b is not None else [])
    placed = [u for u in units if u.label is None or not u.label.printed]      # numbered by place: as unnumbered
    kinds = {u.kind for u in placed}
    return kinds.pop() if len(kinds) == 1 and len(units) == len(placed) else None


def _realign(run: list[_Item], ours: Sequence[Unit], yours: Sequence[Unit]) -> list[_Item]:
    a = [item.a for item in run if item.a is not None]
    b = [item.b for item in run if item.b is not None]
    if len(a) == len(b) or abs(len(a) - len(b)) > MAX_SKIPPED or not a or not b:
        return run
    if len(a) > len(b):
        return [_Item(x, y) for x, y in _best(a, b, ours, yours)]
    return [_Item(x, y) for y, x in _best(b, a, yours, ours)]


@dataclass(frozen=True)
class _Traits:
    """What two languages' versions of a block still share, measured once per block."""

    fields: tuple[tuple[str, str], ...]
    children: tuple[str, ...]
    length: int

    @classmethod
    def of(cls, unit: Unit) -> _Traits:
        return cls(tuple(_fields(unit.text)), tuple(c.kind for c in unit.children), _length(unit))


def _best(longer: list[int], shorter: list[int], long_units: Sequence[Unit], short_units: Sequence[Unit]) -> list[tuple[int, int | None]]:
    """Every index of ``longer``, each with its counterpart in ``shorter`` or None, in order, scoring best."""
    ours = [_Traits.of(long_units[i]) for i in longer]
    yours = [_Traits.of(short_units[j]) for j in shorter]
    ratio = (sum(t.length for t in yours) / len(yours) + 1) / (sum(t.length for t in ours) / len(ours) + 1)
    return [(longer[i], None if j is None else shorter[j]) for i, j in _path(ours, yours, ratio)]


def _path(ours: list[_Traits], yours: list[_Traits], ratio: float) -> list[tuple[int, int | None]]:
    """The best alignment, by dynamic programming over (blocks matched, blocks skipped)."""
    skips = len(ours) - len(yours)
    best = [[-math.inf] * (skips + 1) for _ in range(len(yours) + 1)]
    came: list[list[int]] = [[0] * (skips + 1) for _ in range(len(yours) + 1)]
    best[0][0] = 0.0
    for j in range(len(yours) + 1):
        for s in range(skips + 1):
            if s and best[j][s - 1] > best[j][s]:
                best[j][s], came[j][s] = best[j][s - 1], 1          # skip ours[j + s - 1]
            if j and best[j - 1][s] > -math.inf:
                matched = best[j - 1][s] + _similarity(ours[j - 1 + s], yours[j - 1], ratio)
                if matched > best[j][s]:       # a tie leaves the block skipped last, as difflib would
                    best[j][s], came[j][s] = matched, 2
    steps: list[tuple[int, int | None]] = []
    j, s = len(yours), skips
    while j or s:
        if came[j][s] == 2:
            steps.append((j - 1 + s, j - 1))
            j -= 1
        else:
            steps.append((j + s - 1, None))
            s -= 1
    return steps[::-1]


def _similarity(x: _Traits, y: _Traits, ratio: float) -> float:
    """How likely ``y`` translates ``x``: shared fields and children, then a length in proportion."""
    score = (3.0 if x.fields == y.fields else 0.0) + (1.0 if x.children == y.children else 0.0)
    return score - max(0.0, abs(math.log((y.length + 1) / (ratio * (x.length + 1)))) - LENGTH_SLACK)


def _fields(runs: tuple[Inline, ...]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for run in runs:
        if run.kind in FIELD_KINDS:
            found.append((run.kind, run.value))
        found += _fields(run.children)
    return found


def _length(unit: Unit) -> int:
    return _text_length(unit.text) + sum(_length(child) for child in unit.children)


def _text_length(runs: tuple[Inline, ...]) -> int:
    return sum(len(run.value) + _text_length(run.children) for run in runs)


def _opcodes(items: list[_Item | Opcode]) -> list[Opcode]:
    """Single steps merged back into difflib's opcodes."""
    found: list[Opcode] = []
    for item in items:
        if not isinstance(item, _Item):
            found.append(item)
            continue
        tag = "equal" if item.a is not None and item.b is not None else "delete" if item.a is not None else "insert"
        i, j = (found[-1][2], found[-1][4]) if found else (0, 0)
        step = (tag, i, i + (item.a is not None), j, j + (item.b is not None))
        if found and found[-1][0] == tag and tag != "replace":
            last = found[-1]
            found[-1] = (tag, last[1], step[2], last[3], step[4])
        else:
            found.append(step)
    return found

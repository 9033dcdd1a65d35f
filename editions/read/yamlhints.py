"""The commonest authoring slips behind a YAML syntax error, worded as what the author meant.

libyaml says where it gave up and what token it expected; an author needs to
hear which value or block the slip broke and how to write it instead. Each
guess below looks at the lines around libyaml's marks and either recognises
one slip (a text that begins with a YAML indicator, ``: `` inside a text, a
continuation indented too little, a block that leaves its parent's body) or
gives up, leaving libyaml's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

# A line as content files write it: dashes of list entries, an optional key, the value.
ENTRY = re.compile(r"^(?P<lead> *(?:- +)*)(?:(?P<key>[A-Za-z_][\w-]*):(?: +|$))?(?P<value>.*)$")
BLOCK_HEADER = re.compile(r"[|>][-+1-9]*\s*(?:#.*)?")
TEXT_KEYS = frozenset({"text", "title", "heading"})
BLOCK_KEYS = TEXT_KEYS | {"body", "bullets", "quote", "note", "section", "subsection", "paragraph", "subparagraph", "item"}
WHY = {
    "*": "YAML reads *name as an alias",
    "&": "YAML reads &name as an anchor",
    "!": "YAML reads !name as a tag",
    "%": "YAML reserves % for directives",
    "@": "YAML reserves @",
    "`": "YAML reserves `",
    "{": "YAML reads { as the start of a mapping",
    "[": "YAML reads [ as the start of a list",
}
Hint = tuple[int, str]


def hint(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    """The line and wording of the slip behind ``error``, if it is a common one."""
    guesses: tuple[Callable[[list[str], yaml.MarkedYAMLError], Hint | None], ...] = (
        _leading_indicator, _colon_inside, _short_continuation, _key_outdented, _block_outside)
    for guess in guesses:
        found = guess(lines, error)
        if found is not None:
            return found
    return None


def quoted(key: str | None, value: str) -> str:
    """``value`` as the author should write it: in double quotes, or single ones if it holds " or \\.

    >>> quoted("text", "*Decides* to act.")
    'text: "*Decides* to act."'
    >>> quoted("text", '"Decides" to act.')
    'text: \\'"Decides" to act.\\''
    """
    value = value.strip()
    shown = value if len(value) <= 40 else value[:40] + "…"
    mark = "'" if '"' in value or "\\" in value else '"'
    written = mark + (shown.replace("'", "''") if mark == "'" else shown) + mark
    return f"{key}: {written}" if key else written


def leading_indicator(key: str | None, value: str) -> str | None:
    """What to say of a text ``value`` that YAML cannot take plain, by its first characters."""
    first = value[:1]
    if first in WHY:
        return f"a text that begins with {first} must be quoted ({WHY[first]}): {quoted(key, value)}"
    if first in "\"'" and value.rstrip()[-1:] != first:
        return f"a text that begins with a quotation mark must be quoted whole: {quoted(key, value)}"
    if value.startswith("- "):
        return f"a text that begins with '- ' must be quoted (YAML reads it as a list entry): {quoted(key, value)}"
    if first in "|>" and not BLOCK_HEADER.fullmatch(value):
        return (f"the text of a {first} block goes on the lines below it, indented; "
                f"or quote it on this line: {quoted(key, value[1:])}")
    return None


def _entry(lines: list[str], number: int) -> re.Match[str] | None:
    return ENTRY.match(lines[number - 1]) if 0 < number <= len(lines) else None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _leading_indicator(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    for mark in (error.problem_mark, error.context_mark):
        entry = _entry(lines, mark.line + 1) if mark is not None else None
        if entry is not None and entry["value"]:
            said = leading_indicator(entry["key"], entry["value"])
            if said is not None:
                return mark.line + 1, said    # type: ignore[union-attr]  # entry is not None only where mark is not
    return None


def _colon_inside(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    """``Note: this`` in a text: YAML reads a key where the author wrote a colon."""
    mark = error.problem_mark
    if mark is None or not str(error.problem).startswith("mapping values are not allowed"):
        return None
    number = mark.line + 1
    entry = _entry(lines, number)
    if entry is None:
        return None
    why = "a text that contains ': ' must be quoted (YAML reads it as a key)"
    if entry["key"] and mark.column > _key_column(entry) + len(entry["key"]):
        return number, f"{why}: {quoted(entry['key'], entry['value'])}"
    start = _text_start(lines, number)
    if start is None:
        return None
    above = _entry(lines, start)
    assert above is not None
    if entry["key"] in BLOCK_KEYS and not entry["lead"].strip():
        return number, (f"`{entry['key']}:` is indented more than the `{above['key']}:` above it (line {start}), so YAML "
                        f"reads it as part of that value; keys of one block line up: indent it {_key_column(above)} spaces")
    return number, f"{why}: put the whole `{_entry(lines, start)['key']}:` text that begins at line {start} in quotes"  # type: ignore[index]  # the line a value starts on always has an entry


def _text_start(lines: list[str], number: int) -> int | None:
    """The ``key: value`` line above whose plain text line ``number`` continues, if any."""
    indent = _indent(lines[number - 1])
    for above in range(number - 1, 0, -1):
        if lines[above - 1].strip() and _indent(lines[above - 1]) < indent:
            entry = _entry(lines, above)
            return above if entry is not None and entry["key"] and entry["value"] else None
    return None


def _key_column(entry: re.Match[str]) -> int:
    return len(entry["lead"])


def _short_continuation(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    """A text's next line indented no more than its key: YAML takes it for a new key."""
    mark = error.context_mark
    if mark is None or error.context != "while scanning a simple key":
        return None
    number = mark.line + 1
    indent = _indent(lines[number - 1]) if number <= len(lines) else 0
    for above in range(number - 1, 0, -1):
        entry = _entry(lines, above)
        if entry is None or not lines[above - 1].strip() or lines[above - 1].lstrip().startswith("#"):
            continue
        if not (entry["key"] and entry["value"]) or _key_column(entry) < indent:
            return None
        key = entry["key"]
        how = "less than" if indent < _key_column(entry) else "no more than"
        return number, (f"this line is indented {how} the `{key}:` above it (line {above}), so it does not continue "
                        f"its text; a continuation must be indented more than `{key}:`")
    return None


def _key_outdented(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    """A block's key indented less than the block's first key, but more than its dash."""
    mark = error.problem_mark
    entry = _entry(lines, mark.line + 1) if mark is not None else None
    if mark is None or entry is None or entry["key"] not in BLOCK_KEYS or entry["lead"].strip():
        return None
    column = len(entry["lead"])
    for above in range(mark.line, 0, -1):
        first = _entry(lines, above)
        if first is None or not first["key"] or not lines[above - 1].strip():
            continue
        if _dash_at(lines[above - 1]) < column < _key_column(first):
            return mark.line + 1, (f"`{entry['key']}:` is indented {column} spaces, not {_key_column(first)} as the "
                                   f"`{first['key']}:` of its block (line {above}); keys of one block line up")
        return None
    return None


def _block_outside(lines: list[str], error: yaml.MarkedYAMLError) -> Hint | None:
    """A ``- block:`` indented between its siblings and its parent's keys: it leaves the parent's body."""
    mark = error.problem_mark
    if mark is None or error.context != "while parsing a block mapping" or not str(error.problem).startswith("did not find expected key"):
        return None
    number, column = mark.line + 1, mark.column
    entry = _entry(lines, number)
    if entry is None or not lines[number - 1].lstrip().startswith("- ") or entry["key"] is None:
        return None
    owner = next((n for n in range(number - 1, 0, -1) if -1 < _dash_at(lines[n - 1]) < column), None)
    inside = [_dash_at(lines[n - 1]) for n in range(owner + 1, number)] if owner is not None else []
    if owner is None or max(inside, default=-1) <= column:
        return None
    inner = min(dash for dash in inside if dash > column)
    outer, name = _dash_at(lines[owner - 1]), _block_name(lines[owner - 1])
    return number, (f"a `- {entry['key']}:` indented {column} spaces closes the body of {name} (line {owner}), "
                    f"whose blocks are indented {inner}; indent it {inner} spaces to stay inside, or {outer} to follow {name}")


def _dash_at(text: str) -> int:
    """The column of a list entry's dash on this line, or -1."""
    return _indent(text) if text.lstrip(" ").startswith("- ") else -1


def _block_name(text: str) -> str:
    entry = ENTRY.match(text.lstrip(" -"))
    if entry is None or entry["key"] is None:
        return "the list above"
    return f"{entry['key']} {entry['value'].strip()}" if entry["value"].strip() else f"the {entry['key']} block"

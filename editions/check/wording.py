r"""What changed in a text, word by word: for translators (``check --diff``) and marked editions.

>>> terminal_diff("Decides to act now.", "Decides to act at once.")
'Decides to act [-now.-]{+at once.+}'
>>> terminal_diff("A closing unnumbered paragraph on criminal law.", "A closing paragraph on criminal and penal law.")
'A closing [-unnumbered-] paragraph on criminal {+and penal+} law.'
>>> diff_lines("Scope\nA first paragraph.", "Scope\nA first paragraph, reworded.\nA new one.")
['A first [-paragraph.-]{+paragraph, reworded.+}', '{+A new one.+}']
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

WORDS = re.compile(r"\s+|\S+")
SAME, DELETED, INSERTED = "same", "del", "ins"


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """``new`` against ``old`` as runs of words, each same, deleted or inserted, in order."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append((DELETED, "".join(a[i1:i2])))
        if j2 > j1:
            runs.append((INSERTED, "".join(b[j1:j2])))
    return runs


def terminal_diff(old: str, new: str) -> str:
    """One line of text with deleted words as ``[-…-]`` and inserted ones as ``{+…+}`` (git's --word-diff=plain)."""
    marks = {SAME: "{}", DELETED: "[-{}-]", INSERTED: "{{+{}+}}"}
    shown: list[str] = []
    for kind, words in word_changes(old, new):    # spaces at the edges of a change are printed outside its marks
        core = words.strip() if kind != SAME else words
        lead, trail = (words[: len(words) - len(words.lstrip())], words[len(words.rstrip()):]) if kind != SAME else ("", "")
        shown.append(lead * (not _ends_with_space(shown)) + marks[kind].format(core) + trail)
    return "".join(shown)


def _ends_with_space(shown: list[str]) -> bool:
    return bool(shown) and shown[-1][-1:].isspace()


def diff_lines(old: str, new: str) -> list[str]:
    """The lines of ``new`` that differ from ``old``, each with its words marked; unchanged lines left out."""
    a, b = old.splitlines(), new.splitlines()
    shown: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        shown += [terminal_diff(a[i1 + n], b[j1 + n]) for n in range(paired)]
        shown += [f"[-{line}-]" for line in a[i1 + paired:i2]]
        shown += [f"{{+{line}+}}" for line in b[j1 + paired:j2]]
    return shown

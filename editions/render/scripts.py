"""How each language's script is set: its type, its direction, its isolated runs.

Made from the languages' settings (``script``, ``direction`` in
language.yaml) and the families of editions/fonts.py, so that a new language
in a known script needs no code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..fonts import LATIN, SCRIPTS
from ..read.languages import Language

# Document symbols (A/RES/73/195, E/CN.4/2002/1, DSC/1/Corr.1): left to right
# inside right-to-left lines, isolated so the slashes do not take the line's
# direction.
SYMBOL = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:[/.][A-Za-z0-9]+)*/[A-Za-z0-9.]+\b")


def families(language: Language) -> tuple[str, ...]:
    """The families ``language`` is set in, its script's first; Latin for symbols and figures."""
    return tuple(dict.fromkeys((SCRIPTS[language.script].name, LATIN.name)))


def type_rules(languages: Iterable[Language]) -> Markup:
    """CSS giving each language its script's type, by ``:lang()``, for every element in it."""
    rules = []
    for language in sorted(languages, key=lambda language: language.code):
        family = SCRIPTS[language.script]
        stack = ", ".join(f'"{name}"' for name in families(language))
        rules.append(f":lang({language.code}) {{ font-family: {stack}, serif; }}")
        if not family.italic:
            rules.append(f":lang({language.code}), :lang({language.code}) * {{ font-style: normal !important; }}")
        if not family.latin_setting:
            rules.append(f":lang({language.code}) * {{ hyphens: none !important; letter-spacing: normal !important; }}")
    return Markup("\n".join(rules))


def isolate_symbols(text: str) -> Markup:
    """``text`` escaped, each document symbol in a left-to-right ``<bdi>``.

    >>> isolate_symbols("القرار A/RES/73/195")
    Markup('القرار <bdi dir="ltr">A/RES/73/195</bdi>')
    """
    parts, last = [], 0
    for found in SYMBOL.finditer(text):
        parts += [escape(text[last:found.start()]), Markup('<bdi dir="ltr">{}</bdi>').format(found.group())]
        last = found.end()
    return Markup("").join([*parts, escape(text[last:])])

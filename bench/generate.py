"""Generate a two-language project of any size, for benchmarks.

    python bench/generate.py DEST --paragraphs 500

Writes DEST/content/{en,es}/gen-<N>.yaml with sections, subsections,
numbered paragraphs, sub-items, bullets and notes (the English original's
labels (a)/(i), the Spanish a)/i)), copies the project's language settings, kinds, schemes,
templates and catalogs, and prints the path. The text is varied prose of
realistic length, the same structure in both languages.
"""

from __future__ import annotations

import argparse
import random
import shutil
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = {
    "en": ("migration human rights trafficking persons governments cooperation programme measures "
           "protection victims regional international conference participants consular coordination "
           "information research policies assistance framework resources women children development").split(),
    "es": ("migración derechos humanos trata personas gobiernos cooperación programa medidas protección "
           "víctimas regional internacional conferencia participantes consular coordinación información "
           "investigación políticas asistencia marco recursos mujeres niños desarrollo").split(),
}
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def sentence(rng: random.Random, language: str, words: int) -> str:
    chosen = [rng.choice(WORDS[language]) for _ in range(words)]
    return (" ".join(chosen)).capitalize() + "."


def text(rng: random.Random, language: str, sentences: int) -> str:
    return " ".join(sentence(rng, language, rng.randint(12, 26)) for _ in range(sentences))


def document(paragraphs: int, language: str, seed: int = 7) -> str:
    """The YAML of a document with ``paragraphs`` numbered paragraphs."""
    rng = random.Random(seed)        # the same structure in every language
    # zlib.crc32, not hash(): str hashes change with every process (PYTHONHASHSEED),
    # which made the text, and so the page counts, differ from run to run.
    words = random.Random(seed + zlib.crc32(language.encode()) % 1000)
    lines = [f"symbol: GEN/{paragraphs}", f"language: {language}", "original: en",
             f"kind: {'Generated document' if language == 'en' else 'Documento generado'}",
             f"title: {'Report' if language == 'en' else 'Informe'}",
             "organizations:", "  - ECLAC" if language == "en" else "  - CEPAL",
             f"conference: {'Benchmark conference' if language == 'en' else 'Conferencia de prueba'}",
             "venue: Santiago", "start: 2024-03-04", "end: 2024-03-06", "body:"]
    per_section, per_subsection = 40, 10
    sections = max(1, -(-paragraphs // per_section))
    made = 0
    for s in range(1, sections + 1):
        lines += [f"  - section: {_roman(s).upper()}", f"    title: {sentence(words, language, 4)[:-1]}", "    body:"]
        for sub in range(4):
            if made >= paragraphs:
                break
            lines += [f"      - subsection: {chr(65 + sub)}", f"        title: {sentence(words, language, 5)[:-1]}",
                      "        body:", f"          - text: {text(words, language, 1)}"]
            for p in range(1, per_subsection + 1):
                if made >= paragraphs:
                    break
                made += 1
                lines += [f"          - paragraph: {p}", f"            text: {text(words, language, rng.randint(1, 5))}"]
                shape = rng.random()
                if shape < 0.15:
                    lines += ["            body:"]
                    for i in range(1, rng.randint(2, 4) + 1):
                        label = f"({chr(96 + i)})" if language == "en" else f"{chr(96 + i)})"
                        lines += [f"              - subparagraph: {label}", f"                text: {text(words, language, 1)}"]
                elif shape < 0.25:
                    lines += ["            body:", "              - bullets:"]
                    lines += [f"                  - {text(words, language, 1)}" for _ in range(rng.randint(2, 4))]
                    lines += [f"              - text: {text(words, language, 1)}"]
                    for i in range(1, rng.randint(2, 6) + 1):
                        label = f"({ROMAN[i - 1]})" if language == "en" else f"{ROMAN[i - 1]})"
                        lines += [f"              - item: {label}", f"                text: {text(words, language, 1)}"]
            if sub == 3:
                lines += ["          - note:", f"              - text: {text(words, language, 2)}"]
    return "\n".join(lines) + "\n"


def _roman(number: int) -> str:
    from editions.read.numerals import to_roman
    return to_roman(number)


def generate(destination: Path, paragraphs: int) -> Path:
    for language in ("en", "es"):
        folder = destination / "content" / language
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "content" / language / "language.yaml", folder / "language.yaml")
        (folder / f"gen-{paragraphs}.yaml").write_text(document(paragraphs, language), encoding="utf-8")
    for name in ("kinds", "schemes", "numerals", "templates", "locales"):
        if not (destination / name).exists():
            shutil.copytree(ROOT / name, destination / name)
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path)
    parser.add_argument("--paragraphs", type=int, default=500)
    args = parser.parse_args()
    print(generate(args.destination, args.paragraphs))


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(ROOT))
    main()

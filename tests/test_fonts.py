"""The static instances of the variable fonts that PDFs embed: made once, kept, remade when damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editions import fonts

FACES = 8   # Noto Serif's four instances, Amiri's regular and bold, Noto Serif CJK SC's regular and bold


@pytest.fixture
def instances(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """A cache of its own, and instances made by copying (the real ones take seconds each)."""
    made: list[tuple[str, int]] = []

    def copy(source: str, weight: int, target: str) -> None:
        made.append((Path(source).name, weight))
        shutil.copyfile(source, target)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "instance", copy)
    monkeypatch.setattr(fonts, "_made_here", [])
    return made


def test_the_instances_are_made_once_and_kept(instances: list[tuple[str, int]], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = fonts.static_folder()
    assert folder.parent == tmp_path / "cache" / "editions"
    assert sorted(p.name for p in folder.iterdir()) == [
        "Amiri-400.ttf", "Amiri-700.ttf", "NotoSerif-400.ttf", "NotoSerif-700.ttf", "NotoSerif-Italic-400.ttf",
        "NotoSerif-Italic-700.ttf", "NotoSerifCJKSC-400.otf", "NotoSerifCJKSC-700.otf"]
    assert [(f.family.name, f.style, f.weight) for f in fonts.faces()] == [
        ("Noto Serif", "italic", 400), ("Noto Serif", "italic", 700), ("Noto Serif", "normal", 400),
        ("Noto Serif", "normal", 700), ("Amiri", "normal", 700), ("Amiri", "normal", 400),
        ("Noto Serif CJK SC", "normal", 700), ("Noto Serif CJK SC", "normal", 400)]
    assert "once per machine" in capsys.readouterr().err
    assert len(instances) == FACES
    assert fonts.static_folder() == folder
    assert len(instances) == FACES, "made again though kept"
    assert [p.name for p in folder.parent.iterdir()] == [folder.name], "scratch left behind"


def test_a_damaged_cache_is_made_again(instances: list[tuple[str, int]]) -> None:
    folder = fonts.static_folder()
    (folder / "NotoSerif-700.ttf").unlink()
    assert fonts.static_folder() == folder
    assert (folder / "NotoSerif-700.ttf").is_file()
    assert len(instances) == 2 * FACES
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_a_cache_that_cannot_be_written_gives_instances_for_this_process(
        instances: list[tuple[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    folder = fonts.static_folder()
    assert len(list(folder.iterdir())) == FACES
    assert "making them for this build only" in capsys.readouterr().err
    assert fonts.static_folder() == folder and len(instances) == FACES


def test_an_instance_is_static_at_its_weight(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    source = next(fonts.font_folder().glob("NotoSerif-Italic*.ttf"))
    target = tmp_path / fonts.static_name(source, 700)
    fonts.instance(str(source), 700, str(target))
    made, variable = TTFont(target), TTFont(source)
    assert "fvar" not in made and "gvar" not in made
    assert made["OS/2"].usWeightClass == 700
    assert made.getGlyphOrder() == variable.getGlyphOrder()
    assert made["head"].modified == variable["head"].modified, "the date is the font's, not the clock's"
    assert fonts.face(target) == ("italic", 700)

"""The distribution package: a manifest with checksums, byte-identical archives, and verification."""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import shutil
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pypdf
import pytest
from conftest import edit, make_project, publish_and_amend

from editions import __version__
from editions.build import check
from editions.cli import main
from editions.errors import EXIT_BUSY, EditionError
from editions.render.pdfinfo import page_count
from editions.write.package import MANIFEST, verify, write_package

CORRIGENDUM = "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n    languages: [es]\n"
REVISION = "  - kind: revision\n    symbol: TST/7/Rev.1\n    date: 2026-02-01\n"
EDITIONS = {   # path: (symbol, languages, kind)
    "en/sample.html": ("TST/7", ["en"], "edition"),
    "en/sample.pdf": ("TST/7", ["en"], "edition"),
    "es/sample.html": ("TST/7", ["es"], "edition"),
    "es/sample.pdf": ("TST/7", ["es"], "edition"),
    "en-es/sample.html": ("TST/7", ["en", "es"], "bilingual"),
    "en-es/sample.pdf": ("TST/7", ["en", "es"], "bilingual"),
    "es/sample-corr1.html": ("TST/7/Corr.1", ["es"], "corrigendum"),
    "es/sample-corr1.pdf": ("TST/7/Corr.1", ["es"], "corrigendum"),
}


def amend(project: Path, entry: str) -> None:
    """Keep the sample as published TST/7, then list an amendment in both languages."""
    publish_and_amend(project, "sample", "TST-7", "2025-12-15", entry)


def run(project: Path, *args: str) -> None:
    assert main([*args, "--root", str(project)]) == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a Spanish corrigendum, built in HTML and PDF."""
    project = make_project(tmp_path_factory.mktemp("corrected") / "project")
    amend(project, CORRIGENDUM)
    edit(project / "content" / "es" / "sample.yaml", "text: La capacitación.", "text: La formación.")
    run(project, "confirm")
    run(project, "build", "--jobs", "2")   # PDFs in worker processes: WeasyPrint leaves a file open in-process
    return project


@pytest.fixture(scope="module")
def package(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_package(check(built).project, built / "output", tmp_path_factory.mktemp("package"))


def manifest_of(archive: Path) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(archive) as opened:
        return json.loads(opened.read(MANIFEST))  # type: ignore[no-any-return]


def rewrite(archive: Path, destination: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of ``archive`` with members replaced (bytes), removed (None) or added."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(destination, "w") as copy:
        for info in source.infolist():
            if info.filename not in change:
                copy.writestr(info, source.read(info))
            elif change[info.filename] is not None:
                copy.writestr(info, change[info.filename])  # type: ignore[arg-type]
        for name in set(change) - set(source.namelist()):
            copy.writestr(name, change[name])  # type: ignore[arg-type]
    return destination


def lines(archive: Path) -> list[str]:
    return [str(problem) for problem in verify(archive)]


def test_the_manifest_lists_every_edition_with_checksum_size_and_pages(built: Path, package: Path) -> None:
    manifest = manifest_of(package)
    files = {entry["path"]: entry for entry in manifest["files"]}
    written = {p.relative_to(built / "output").as_posix() for p in (built / "output").rglob("*")
               if p.is_file() and not p.name.startswith(".") and p.suffix in (".html", ".pdf") and p.name != "index.html"}
    assert set(files) == written == set(EDITIONS)
    with zipfile.ZipFile(package) as opened:
        for path, entry in files.items():
            data = (built / "output" / path).read_bytes()
            assert opened.read(path) == data
            assert (entry["sha256"], entry["size"]) == (hashlib.sha256(data).hexdigest(), len(data))
            assert (entry["symbol"], entry["languages"], entry["kind"]) == EDITIONS[path]
            assert (entry["document"], entry["format"]) == ("sample", path.rsplit(".", 1)[1])
            if path.endswith(".pdf"):
                assert entry["pages"] == len(pypdf.PdfReader(io.BytesIO(data)).pages)
            else:
                assert "pages" not in entry
    assert [entry["path"] for entry in manifest["files"]] == sorted(files)


def test_the_manifest_names_the_release_the_date_and_the_amendments(package: Path) -> None:
    manifest = manifest_of(package)
    assert package.name == f"editions-{__version__}-2026-01-10.zip"
    assert (manifest["editions_version"], manifest["date"], manifest["package_format"]) == (__version__, "2026-01-10", 1)
    assert manifest["documents"] == {"sample": {
        "symbol": "TST/7", "current_symbol": "TST/7", "original": "en", "languages": ["en", "es"],
        "amendments": [{"kind": "corrigendum", "symbol": "TST/7/Corr.1", "date": "2026-01-10", "languages": ["es"]}],
    }}
    with zipfile.ZipFile(package) as opened:
        text = opened.read(MANIFEST).decode()
    assert text.endswith("}\n") and text == json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_same_editions_give_byte_identical_packages(built: Path, package: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(built / "output", tmp_path / "output")
    for path in copy.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))     # other clocks, same content
    again = write_package(check(built).project, copy, tmp_path / "second")
    assert again.name == package.name and again.read_bytes() == package.read_bytes()
    assert os.listdir(tmp_path / "second") == [again.name]     # no temporary file left
    with zipfile.ZipFile(again) as opened:
        infos = opened.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {(info.date_time, info.external_attr >> 16, info.compress_type, info.create_system) for info in infos} == {
        ((2026, 1, 10, 0, 0, 0), 0o100644, zipfile.ZIP_DEFLATED, 3)}


def test_only_editions_enter_the_package(built: Path, package: Path, tmp_path: Path) -> None:
    output = shutil.copytree(built / "output", tmp_path / "output")
    (output / ".staging-x" / "en").mkdir(parents=True)
    (output / ".staging-x" / "en" / "sample.html").write_text("half written")
    (output / "en" / "deleted-document.pdf").write_bytes(b"%PDF-1.7 stale")
    (output / package.name).write_bytes(package.read_bytes())   # an earlier package beside the editions
    assert (output / ".build.lock").is_file() and (output / ".state.json").is_file()
    again = write_package(check(built).project, output, output)
    assert again.read_bytes() == package.read_bytes()
    with zipfile.ZipFile(again) as opened:
        assert sorted(opened.namelist()) == sorted([*EDITIONS, MANIFEST])


def test_only_the_editions_present_are_listed(built: Path, tmp_path: Path) -> None:
    output = shutil.copytree(built / "output", tmp_path / "output")
    for pdf in output.rglob("*.pdf"):
        pdf.unlink()
    archive = write_package(check(built).project, output, tmp_path)
    assert [entry["path"] for entry in manifest_of(archive)["files"]] == sorted(p for p in EDITIONS if p.endswith(".html"))
    assert verify(archive) == []


def test_nothing_to_package_is_refused(built: Path, tmp_path: Path) -> None:
    with pytest.raises(EditionError) as raised:
        write_package(check(built).project, tmp_path / "empty", tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'empty'}:1: no editions to package: build them first (python build.py)"]
    assert list(tmp_path.iterdir()) == []


def test_a_running_build_holds_the_editions(built: Path, tmp_path: Path) -> None:
    output = shutil.copytree(built / "output", tmp_path / "output")
    with open(output / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(EditionError) as raised:
            write_package(check(built).project, output, tmp_path / "dist")
    assert raised.value.status == EXIT_BUSY
    assert not (tmp_path / "dist").exists()


def test_marked_editions_and_revisions_carry_the_revision_symbol(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    amend(project, REVISION)
    edit(project / "content" / "en" / "sample.yaml", "text: Training.", "text: Training of officials.")
    run(project, "build", "--format", "html")
    run(project, "build", "--format", "html", "--marked")
    manifest = manifest_of(write_package(check(project).project, project / "output", tmp_path / "dist"))
    files = {entry["path"]: (entry["symbol"], entry["kind"], entry["languages"]) for entry in manifest["files"]}
    assert files == {
        "en/sample.html": ("TST/7/Rev.1", "edition", ["en"]),
        "es/sample.html": ("TST/7/Rev.1", "edition", ["es"]),
        "en-es/sample.html": ("TST/7/Rev.1", "bilingual", ["en", "es"]),
        "en/sample-rev1-marked.html": ("TST/7/Rev.1", "marked", ["en"]),
        "es/sample-rev1-marked.html": ("TST/7/Rev.1", "marked", ["es"]),
    }
    assert manifest["date"] == "2026-02-01"
    assert manifest["documents"]["sample"]["current_symbol"] == "TST/7/Rev.1"
    assert manifest["documents"]["sample"]["amendments"] == [
        {"kind": "revision", "symbol": "TST/7/Rev.1", "date": "2026-02-01", "languages": ["en", "es"]}]


def test_an_intact_package_verifies(package: Path) -> None:
    assert verify(package) == []


def test_one_altered_byte_names_that_file(package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as opened:
        pdf = bytearray(opened.read("es/sample.pdf"))
    pdf[len(pdf) // 2] ^= 0x01
    altered = rewrite(package, tmp_path / "altered.zip", {"es/sample.pdf": bytes(pdf)})
    assert lines(altered) == [f"{altered}:1: es/sample.pdf was altered (sha256 differs from the manifest)"]


def test_a_longer_file_is_altered_in_size_and_checksum(package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as opened:
        html = opened.read("en-es/sample.html")
    altered = rewrite(package, tmp_path / "longer.zip", {"en-es/sample.html": html + b"\n"})
    assert lines(altered) == [f"{altered}:1: en-es/sample.html was altered (size and sha256 differ from the manifest)"]


def test_a_damaged_entry_is_altered(package: Path, tmp_path: Path) -> None:
    """Bytes changed in the archive itself, under the zip's own checksum: reported, not raised."""
    with zipfile.ZipFile(package) as opened:
        info = opened.getinfo("en/sample.pdf")
    data = bytearray(package.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    [line] = lines(damaged)
    assert line.startswith(f"{damaged}:1: en/sample.pdf was altered (the archive entry is corrupt: ")


def test_a_removed_file_is_missing_and_an_extra_one_added(package: Path, tmp_path: Path) -> None:
    removed = rewrite(package, tmp_path / "removed.zip", {"en/sample.html": None})
    assert lines(removed) == [f"{removed}:1: en/sample.html is missing from the package"]
    added = rewrite(package, tmp_path / "added.zip", {"en/notes.txt": b"unofficial"})
    assert lines(added) == [f"{added}:1: en/notes.txt was added (not in the manifest)"]
    both = rewrite(package, tmp_path / "both.zip", {"es/sample-corr1.pdf": None, "readme.txt": b"x"})
    assert lines(both) == [f"{both}:1: es/sample-corr1.pdf is missing from the package",
                           f"{both}:1: readme.txt was added (not in the manifest)"]


def test_a_second_copy_of_a_file_is_named(package: Path, tmp_path: Path) -> None:
    doubled = shutil.copyfile(package, tmp_path / "doubled.zip")
    with warnings.catch_warnings(), zipfile.ZipFile(doubled, "a") as opened:
        warnings.simplefilter("ignore")     # zipfile warns of the duplicate name: that is the point
        opened.writestr("en/sample.pdf", b"%PDF-1.7 another")
    assert lines(doubled) == [f"{doubled}:1: en/sample.pdf appears 2 times in the archive",
                              f"{doubled}:1: en/sample.pdf was altered (size and sha256 differ from the manifest)"]


def test_a_file_that_is_not_a_zip_gives_one_line(package: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(package.read_bytes()[:1000])
    text = tmp_path / "notes.zip"
    text.write_text("not an archive")
    for path in (truncated, text):
        assert lines(path) == [f"{path}:1: not a zip file: the package is damaged or is not a package"]
    assert lines(tmp_path / "absent.zip") == [f"{tmp_path / 'absent.zip'}:1: cannot be read: No such file or directory"]


def test_a_package_without_a_readable_manifest_gives_one_line(package: Path, tmp_path: Path) -> None:
    bare = rewrite(package, tmp_path / "bare.zip", {MANIFEST: None})
    assert lines(bare) == [f"{bare}:1: manifest.json is missing: the package cannot be verified"]
    broken = rewrite(package, tmp_path / "broken.zip", {MANIFEST: b'{"files": ['})
    [line] = lines(broken)
    assert line.startswith(f"{broken}:1: manifest.json is not valid JSON: ")
    odd = rewrite(package, tmp_path / "odd.zip", {MANIFEST: b'{"files": [{"path": "en/sample.html"}]}'})
    assert lines(odd) == [f"{odd}:1: manifest.json does not list the files with path, sha256 and size"]


def test_pages_are_counted_without_a_pdf_library(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    plain = io.BytesIO()
    writer.write(plain)         # pypdf writes its objects uncompressed, outside object streams
    assert b"/ObjStm" not in plain.getvalue()
    assert page_count(plain.getvalue()) == len(pypdf.PdfReader(plain).pages) == 3
    with pytest.raises(ValueError, match="no page objects"):
        page_count(b"<html></html>")


# --- hostile archives: refused in one line, in bounded time and memory ---------------------------

def zipped(archive: Path, members: dict[str, bytes], declared: list[dict[str, object]] | None = None) -> Path:
    """A package of ``members`` whose manifest lists them as they are, or as ``declared`` says."""
    files = declared if declared is not None else [
        {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in members.items()]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr(MANIFEST, json.dumps({"files": files}))
        for name, data in members.items():
            opened.writestr(name, data)
    return archive


def bomb(archive: Path, zeros: int, declared: int) -> Path:
    """``zeros`` zero bytes deflated into en/sample.pdf (about 1/1000 of that in the archive),
    listed as ``declared`` zero bytes."""
    entry = {"path": "en/sample.pdf", "sha256": hashlib.sha256(bytes(declared)).hexdigest(), "size": declared}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr(MANIFEST, json.dumps({"files": [entry]}))
        with opened.open("en/sample.pdf", "w") as member:
            for _ in range(zeros // 2**20):
                member.write(bytes(2**20))
    return archive


def peak_bytes(archive: Path) -> tuple[list[str], int]:
    """The lines verify gives for ``archive``, and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        return lines(archive), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_is_altered_and_never_inflated(tmp_path: Path) -> None:
    archive = bomb(tmp_path / "bomb.zip", 256 * 2**20, 1000)
    assert archive.stat().st_size < 2**20
    found, peak = peak_bytes(archive)
    assert found == [f"{archive}:1: en/sample.pdf was altered (size and sha256 differ from the manifest)"]
    assert peak < 2 * 2**20       # it read 1001 bytes of the 256 MiB


def test_a_large_entry_is_hashed_as_it_is_read(tmp_path: Path) -> None:
    archive = bomb(tmp_path / "zeros.zip", 64 * 2**20, 64 * 2**20)   # honest: the manifest declares the 64 MiB
    found, peak = peak_bytes(archive)
    assert found == []
    assert peak < 8 * 2**20       # a chunk at a time, never the whole entry


@pytest.mark.parametrize("kind", ["FIFO", "directory", "device"])
def test_what_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = {"FIFO": tmp_path / "package.zip", "directory": tmp_path, "device": Path("/dev/zero")}[kind]
    if kind == "FIFO":
        os.mkfifo(path)          # opening it to read would wait for a writer forever
    expected = f"{path}:1: not a regular file (a {kind}): a package is a zip file"
    assert lines(path) == [expected]
    assert main(["verify", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [expected]


def test_an_entry_name_cannot_forge_a_line(package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = rewrite(package, tmp_path / "forged.zip", {"en/notes\n\x1b[32mverified.html": b"x"})
    expected = f"{forged}:1: en/notes\\n\\x1b[32mverified.html was added (not in the manifest)"
    assert lines(forged) == [expected]
    assert main(["verify", str(forged)]) == 1
    assert capsys.readouterr().err.splitlines() == [expected]


def test_too_many_entries_are_refused_before_they_are_read(tmp_path: Path) -> None:
    members = {f"en/{number}.html": b"" for number in range(10_001)}
    many = zipped(tmp_path / "many.zip", members)
    assert lines(many) == [f"{many}:1: has 10002 entries, more than a package may have (10000)"]
    data = bytearray(many.read_bytes())             # an end record that says there are two
    end = data.rfind(b"PK\x05\x06")
    data[end + 8: end + 12] = (2).to_bytes(2, "little") * 2
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(data))
    assert lines(lying) == [f"{lying}:1: has 10002 entries, more than a package may have (10000)"]


def test_a_huge_directory_or_archive_is_refused_before_it_is_read(tmp_path: Path) -> None:
    long_names = zipped(tmp_path / "names.zip", {f"en/{number:0500}.html": b"" for number in range(9_000)})
    [line] = lines(long_names)
    assert line.startswith(f"{long_names}:1: its zip directory is ") and line.endswith(" bytes, more than a package's may be (4 MiB)")
    huge = tmp_path / "huge.zip"
    with open(huge, "wb") as sparse:
        sparse.truncate(4 * 2**30 + 1)
    assert lines(huge) == [f"{huge}:1: is 4294967297 bytes, more than a package may be (4 GiB)"]
    data = zipped(tmp_path / "small.zip", {"en/sample.html": b"x"}).read_bytes()
    end = data.rfind(b"PK\x05\x06")
    zip64 = tmp_path / "zip64.zip"
    zip64.write_bytes(data[:end] + b"PK\x06\x07" + bytes(16) + data[end:])
    assert lines(zip64) == [f"{zip64}:1: has zip64 records, which no package needs: it is not a package"]


def test_a_manifest_too_large_or_too_deep_or_declaring_too_much_is_refused(tmp_path: Path) -> None:
    large = tmp_path / "large.zip"
    with zipfile.ZipFile(large, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr(MANIFEST, b'{"files": []}' + b" " * (16 * 2**20))
    assert lines(large) == [f"{large}:1: manifest.json is larger than a package's may be (16 MiB)"]
    deep = rewrite(zipped(tmp_path / "base.zip", {}), tmp_path / "deep.zip", {MANIFEST: b"[" * 100_000})
    assert lines(deep) == [f"{deep}:1: manifest.json is not valid JSON: nested too deeply"]
    entry = {"path": "en/sample.pdf", "sha256": "0" * 64}
    overdeclared = zipped(tmp_path / "over.zip", {"en/sample.pdf": b"x"}, [{**entry, "size": 2**40}])
    assert lines(overdeclared) == [f"{overdeclared}:1: manifest.json declares {2**40} bytes of files, more than a package may hold (16 GiB)"]
    for size in (-1, True, 1.0):
        odd = zipped(tmp_path / "odd.zip", {"en/sample.pdf": b"x"}, [{**entry, "size": size}])
        assert lines(odd) == [f"{odd}:1: manifest.json does not list the files with path, sha256 and size"]


def test_the_end_record_is_found_behind_a_zip_comment(tmp_path: Path) -> None:
    commented = zipped(tmp_path / "commented.zip", {"en/sample.html": b"<p>x</p>"})
    with zipfile.ZipFile(commented, "a") as opened:
        opened.comment = b"editions " * 7_000
    assert lines(commented) == []
    many = zipped(tmp_path / "many.zip", {f"en/{number}.html": b"" for number in range(10_001)})
    with zipfile.ZipFile(many, "a") as opened:
        opened.comment = b"y" * 65_535
    assert lines(many) == [f"{many}:1: has 10002 entries, more than a package may have (10000)"]

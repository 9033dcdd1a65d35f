"""Nothing lost: a build killed at any moment leaves every output old or new, never partial,
and two builds of one output folder never interleave.

A build renders everything in memory, writes it under ``output/.staging-*``
and moves each file into place with an atomic rename (editions/build.py and editions/files.py).
After a SIGKILL the staging folder may remain; it must never show up as an
output under ``output/<lang>/``.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, make_project

BUILD = [sys.executable, str(ROOT / "build.py")]
OLD_TEXT = "text: La capacitación."
NEW_TEXT = "text: La capacitación continua de jueces, fiscales y policías."
# Kill points: fractions of the time a whole build takes on this machine (while it
# renders), and delays after its staging folder appears (while it writes and renames).
FRACTIONS = (0.1, 0.6)
WRITING = (0.0, 0.002, 0.005, 0.01, 0.05)


def build_command(project: Path) -> list[str]:
    return [*BUILD, "--root", str(project), "--format", "html", "--format", "pdf", "--jobs", "1"]


def outputs(project: Path) -> dict[str, bytes]:
    """Every visible output file (not the lock, not staging folders) and its bytes."""
    folder = project / "output"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in (".build.lock", ".state.json")
        and not path.relative_to(folder).parts[0].startswith(".staging-")
        and path.parts[-2] != "fonts"
    }


def stray_files(project: Path) -> list[str]:
    """Anything under the output folder that is neither an output, the lock, nor a staging folder."""
    folder = project / "output"
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*")
        if path.is_file() and path.name not in (".build.lock", ".state.json")
        and not path.relative_to(folder).parts[0].startswith(".staging-")
        and (path.name.startswith(".") or path.suffix not in (".html", ".pdf", ".ttf"))
    )


def edit_spanish(project: Path) -> None:
    target = project / "content" / "es" / "sample.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.count(OLD_TEXT) == 1
    target.write_text(text.replace(OLD_TEXT, NEW_TEXT), encoding="utf-8")


@dataclass(frozen=True)
class Editions:
    project: Path          # built with the old content; its content is then edited
    old: dict[str, bytes]
    new: dict[str, bytes]  # from a separate clean build of the edited content
    seconds: float         # how long a whole build takes here


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    base = tmp_path_factory.mktemp("interrupted")
    project = make_project(base / "project")
    run = subprocess.run(build_command(project), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    old = outputs(project)
    clean = make_project(base / "clean")
    edit_spanish(clean)
    started = time.monotonic()
    run = subprocess.run(build_command(clean), capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    new = outputs(clean)
    assert sorted(old) == sorted(new)
    assert {"en/sample.html", "en/sample.pdf", "es/sample.html", "es/sample.pdf"} <= set(old)
    assert old["es/sample.html"] != new["es/sample.html"] and old["es/sample.pdf"] != new["es/sample.pdf"]
    edit_spanish(project)
    return Editions(project, old, new, seconds)


def restore(project: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        (project / "output" / relative).write_bytes(data)


def assert_old_or_new(editions: Editions) -> dict[str, str]:
    """Every output is the old or the new complete file; which one, by name."""
    found = outputs(editions.project)
    assert sorted(found) == sorted(editions.old), "an output went missing or a stray one appeared"
    assert stray_files(editions.project) == []
    state = {}
    for relative, data in found.items():
        if data == editions.new[relative]:
            state[relative] = "new"
        elif data == editions.old[relative]:
            state[relative] = "old"
        else:
            pytest.fail(f"output/{relative} is neither the old nor the new file: {len(data)} bytes, "
                        f"old {len(editions.old[relative])}, new {len(editions.new[relative])}")
    return state


def staging_appears(project: Path, process: subprocess.Popen[bytes]) -> bool:
    """Wait until the build creates its staging folder (True) or ends (False)."""
    folder = project / "output"
    before = {p.name for p in folder.glob(".staging-*")}
    while process.poll() is None:
        if any(p.name not in before for p in folder.glob(".staging-*")):
            return True
        time.sleep(0.0005)
    return False


def kill_and_check(editions: Editions, when: str, wait: object) -> None:
    restore(editions.project, editions.old)
    process = subprocess.Popen(build_command(editions.project), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait(process)   # type: ignore[operator]
        process.kill()
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (0, -9), err.decode()
    state = assert_old_or_new(editions)
    print(f"killed {when} (status {process.returncode}):", ", ".join(f"{name} {which}" for name, which in sorted(state.items())))
    if process.returncode == 0:
        assert set(state.values()) == {"new"}
    # Leftover staging folders are allowed after a SIGKILL, at the top of output/ only.
    for staging in (editions.project / "output").glob(".staging-*"):
        assert staging.is_dir()


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_a_build_killed_while_rendering_leaves_every_output_as_it_was(editions: Editions, fraction: float) -> None:
    kill_and_check(editions, f"after {fraction:.2f} x {editions.seconds:.1f} s",
                   lambda process: time.sleep(fraction * editions.seconds))


@pytest.mark.parametrize("delay", WRITING)
def test_a_build_killed_while_writing_leaves_every_output_old_or_new(editions: Editions, delay: float) -> None:
    def wait(process: subprocess.Popen[bytes]) -> None:
        if staging_appears(editions.project, process):
            time.sleep(delay)

    kill_and_check(editions, f"{delay * 1000:.0f} ms after the staging folder appeared", wait)


def test_a_build_after_kills_completes_the_new_editions(editions: Editions) -> None:
    restore(editions.project, editions.old)
    run = subprocess.run(build_command(editions.project), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert outputs(editions.project) == editions.new
    assert stray_files(editions.project) == []


def test_two_builds_at_once_do_not_interleave(editions: Editions, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    edit_spanish(project)
    first = subprocess.Popen(build_command(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(build_command(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runs = [(p.returncode, out, err) for p in (first, second) for out, err in [p.communicate(timeout=120)]]
    statuses = sorted(status for status, _, _ in runs)
    assert statuses in ([0, 0], [0, 4]), runs
    for status, out, err in runs:
        if status == 4:
            assert out == ""
            assert len(err.splitlines()) == 1, err
            assert err.rstrip("\n").endswith("another build is writing to this folder; try again when it ends"), err
    assert outputs(project) == editions.new
    assert stray_files(project) == []


def test_a_build_refuses_at_once_while_the_output_folder_is_locked(editions: Editions, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "output" / "es").mkdir(parents=True)
    (project / "output" / "es" / "sample.html").write_text("an earlier edition")
    with open(project / "output" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        run = subprocess.run(build_command(project), capture_output=True, text=True, timeout=60)
    assert run.returncode == 4, run.stderr
    assert run.stdout == ""
    assert run.stderr.splitlines() == [f"{project / 'output'}:1: another build is writing to this folder; try again when it ends"]
    assert (project / "output" / "es" / "sample.html").read_text() == "an earlier edition"
    assert sorted(p.name for p in (project / "output").iterdir()) == [".build.lock", "es"]


# --- workers do not outlive a killed build ------------------------------------------------------

def marked(mark: str) -> list[int]:
    """The processes whose environment carries ``mark``: a build and all it started."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and mark.encode() in Path("/proc", entry, "environ").read_bytes().split(b"\0"):
                found.append(int(entry))
        except OSError:
            pass        # ended meanwhile, or not ours to read
    return found


def workers(processes: list[int]) -> int:
    """How many of ``processes`` are the fork server or one of its workers (forks keep its command line)."""
    def command(pid: int) -> bytes:
        try:
            return Path("/proc", str(pid), "cmdline").read_bytes()
        except OSError:
            return b""

    return sum(b"multiprocessing.forkserver" in command(pid) for pid in processes)


def gone(mark: str, seconds: float) -> list[int]:
    """Wait at most ``seconds`` for every marked process to end; those still there."""
    deadline = time.monotonic() + seconds
    while (left := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes end with their parent on Linux only")
def test_a_killed_build_leaves_no_fork_server_or_worker_behind(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    command = [*BUILD, "--root", str(project), "--format", "pdf", "--jobs", "2", "--force"]
    name, value = "EDITIONS_TEST_BUILD", uuid.uuid4().hex
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    mark, environment = f"{name}={value}", {**os.environ, name: value, "TMPDIR": str(temporary)}
    with open(tmp_path / "stderr", "wb") as stderr:
        build = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            while build.poll() is None and workers(marked(mark)) < 3:     # the fork server and two workers
                time.sleep(0.005)
            assert build.poll() is None, "the build ended before its two workers started"
            build.kill()                # the main process only
            build.wait()
            left = gone(mark, 30)
        finally:
            for pid in marked(mark):    # whatever the outcome, nothing of this test outlives it
                os.kill(pid, signal.SIGKILL)
    assert left == [], f"still running after the build was killed: {left}"
    assert [p.name.split("-")[:3] for p in temporary.iterdir() if p.name.startswith("editions-")] == [
        ["editions", "render", str(build.pid)]]                      # what its workers wrote, in one folder
    again = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert gone(mark, 30) == []
    assert not [p for p in temporary.iterdir() if p.name.startswith("editions-")]   # removed by the next build


def parent(pid: int) -> int:
    try:
        return int(Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes end with their parent on Linux only")
def test_a_worker_killed_while_rendering_fails_the_build_in_one_line_per_pdf(editions: Editions) -> None:
    """A PDF worker killed (as the system does when memory runs out): the build says so for each
    PDF it did not get, in one line each, with no traceback, and changes nothing under output/."""
    restore(editions.project, editions.old)
    command = [*BUILD, "--root", str(editions.project), "--format", "pdf", "--jobs", "2", "--force"]
    name, value = "EDITIONS_TEST_BUILD", uuid.uuid4().hex
    mark, environment = f"{name}={value}", {**os.environ, name: value}
    build = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while build.poll() is None and workers(marked(mark)) < 3:     # the fork server and two workers
            time.sleep(0.005)
        assert build.poll() is None, "the build ended before its two workers started"
        server = [pid for pid in marked(mark) if parent(pid) == build.pid and workers([pid])]
        worker = next(pid for pid in marked(mark) if workers([pid]) and parent(pid) in server)
        os.kill(worker, signal.SIGKILL)
        _, err = build.communicate(timeout=300)
    finally:
        for pid in marked(mark):
            os.kill(pid, signal.SIGKILL)
    lines = err.decode().splitlines()
    assert build.returncode == 3, err
    assert lines and all("could not be rendered: a PDF worker ended without answering" in line for line in lines), lines
    assert all(line.split(":", 1)[0].endswith(".pdf") for line in lines), lines
    assert outputs(editions.project) == editions.old


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes end with their parent on Linux only")
def test_ctrl_c_ends_the_build_in_one_line_with_status_130(editions: Editions, tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, as from a terminal: one line from the build, no traceback
    from it or its workers, every output old or new, no process left, and the next build completes."""
    restore(editions.project, editions.old)
    command = [*BUILD, "--root", str(editions.project), "--format", "html", "--format", "pdf", "--jobs", "2"]
    name, value = "EDITIONS_TEST_BUILD", uuid.uuid4().hex
    temporary = tmp_path / "tmp"         # where the build and its workers write temporary files
    temporary.mkdir()
    mark, environment = f"{name}={value}", {**os.environ, name: value, "TMPDIR": str(temporary)}
    # As in a terminal: SIGINT not ignored (a shell's background job, which a CI run may be, inherits it ignored).
    build = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while build.poll() is None and workers(marked(mark)) < 2:     # the fork server and a worker at least
            time.sleep(0.005)
        assert build.poll() is None, "the build ended before its workers started"
        os.killpg(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=120)
        left = gone(mark, 30)
    finally:
        for pid in marked(mark):
            os.kill(pid, signal.SIGKILL)
    assert build.returncode == 130, err
    assert err.decode().splitlines() == ["build.py: interrupted; every output is as it was or complete"]
    assert left == []
    assert list(temporary.iterdir()) == []       # the workers' copies of the fonts (50 MB each) too
    assert_old_or_new(editions)
    run = subprocess.run(build_command(editions.project), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert outputs(editions.project) == editions.new


def test_a_build_with_nothing_to_do_removes_what_a_killed_build_left(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    assert cli(project, "build", "--format", "html").status == 0
    left = project / "output" / ".staging-killed"
    (left / "en").mkdir(parents=True)
    (left / "en" / "sample.html").write_text("half a file")
    run = cli(project, "build", "--format", "html")
    assert run.out.startswith("nothing to rebuild")
    assert not left.exists()

"""Start-up benchmarks: ``--version`` and the unlock window, on the venv and the frozen bundle.

Budgets (DESIGN.md): ``hamm-field --version`` <= 0.3 s on the venv; the unlock window shown
<= 1.0 s on the venv, <= 1.5 s from the frozen bundle (``dist/hamm-field``, built by
``make bundle``; skipped when there is none). Every figure is the median wall time of
several fresh processes, measured from the parent from spawn to exit (``--version``) or to
the line the start-up probe writes once the unlock window is shown
(``HAMM_FIELD_STARTUP_PROBE=1``, see ``hamm_field/ui/startup_hooks.py``), beside the
baseline of ``python -c pass`` measured in the same run. The unlock window is shown offscreen
on a data folder set up by ``init`` beforehand. Two figures without a budget say what the
GUI's imports cost in a fresh interpreter: the ``hamm_field.ui`` package itself, the unlock
window's modules, and the whole GUI's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import PASSWORD, ROOT, Figure

RUNS = 10
GUI_RUNS = 7
PROBE_LINE = "startup: unlock-window-shown"
BASELINE = "python -c pass"
BUNDLE = ROOT / "dist" / "hamm-field"


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    env.update(QT_QPA_PLATFORM="offscreen", HAMM_FIELD_KDF_SECONDS="0", **extra)
    return env


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=_environment(), stdin=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def _median(runs: int, measure) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(measure() for _ in range(runs))


def _unlock_window(command: list[str], folder: Path) -> float:
    """Spawn -> the probe's line: the unlock window is shown (the process then ends)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--data-dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True, env=_environment(HAMM_FIELD_STARTUP_PROBE="1"),
    )  # fmt: skip
    assert child.stderr is not None
    seen: float | None = None
    lines = []
    for line in child.stderr:
        lines.append(line)
        if line.startswith(PROBE_LINE) and seen is None:
            seen = time.perf_counter() - start
    child.wait(timeout=60)
    if seen is None or child.returncode != 0:
        raise RuntimeError(f"no unlock window from {command}: {''.join(lines)[-2000:]}")
    return seen


def _store(folder: Path, command: list[str]) -> Path:
    done = subprocess.run(
        [*command, "--data-dir", str(folder), "init", "--role", "field", "--name", "Benchmark"],
        capture_output=True, text=True, env=_environment(HAMM_FIELD_PASSWORD=PASSWORD),
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"init failed: {done.stderr}")
    return folder


def _venv_command() -> list[str]:
    script = Path(sys.executable).with_name("hamm-field")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hamm_field"]


def _bundle_command() -> list[str] | None:
    for name in ("hamm-field", "hamm-field.exe"):
        if (BUNDLE / name).is_file():
            return [str(BUNDLE / name)]
    return None


def run(work: Path) -> list[Figure]:
    python = sys.executable
    venv = _venv_command()
    folder = _store(work / "laptop", venv)
    baseline = _median(RUNS, lambda: _wall([python, "-c", "pass"]))
    version = _median(RUNS, lambda: _wall([*venv, "--version"]))
    unlock = _median(GUI_RUNS, lambda: _unlock_window(venv, folder))
    figures = [
        Figure("hamm-field --version (venv)", version, "s", BASELINE, baseline, "<= 0.3 s"),
        Figure("unlock window shown (venv)", unlock, "s", BASELINE, baseline, "<= 1.0 s",
               f"offscreen, median of {GUI_RUNS}; spawn to the probe's line"),
    ]  # fmt: skip
    bundle = _bundle_command()
    if bundle is None:
        print("frozen bundle: skipped: no bundle (make bundle builds dist/hamm-field)")
    else:
        frozen_folder = _store(work / "frozen", bundle)
        figures += [
            Figure("hamm-field --version (frozen)", _median(RUNS, lambda: _wall(
                [*bundle, "--version"])), "s", BASELINE, baseline),
            Figure("unlock window shown (frozen)", _median(GUI_RUNS, lambda: _unlock_window(
                bundle, frozen_folder)), "s", BASELINE, baseline, "<= 1.5 s",
                f"{BUNDLE}, as built last"),
        ]  # fmt: skip
    for module, what in (("hamm_field.ui", "the GUI package alone:"),
                         ("hamm_field.ui.application", "the unlock window's"),
                         ("hamm_field.ui.main_window", "the whole GUI's")):  # fmt: skip
        seconds = _median(RUNS, lambda module=module: _wall([python, "-c", f"import {module}"]))
        figures.append(Figure(f"cold first import {module}", seconds, "s", BASELINE, baseline,
                              note=f"{what} imports in a fresh interpreter"))  # fmt: skip
    return figures

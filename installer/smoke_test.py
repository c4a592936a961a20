"""Smoke test of the frozen bundle: run its executables as a person would, never the venv.

    python installer/smoke_test.py dist/hamm-field

Runs on Linux (``make bundle-test``) and on the Windows runner (no X server needed: Qt's
offscreen platform). Every step runs an executable of the bundle in a subprocess with
temporary data folders, ``HAMM_FIELD_KDF_SECONDS=0`` (no deliberate key-derivation delay)
and ``QT_QPA_PLATFORM=offscreen``, and fails loudly with the command, its exit status and
its output. Needs Python 3.11 with pypdf (installer/requirements-bundle.txt has it) to read
the PDF report; uses ``pdffonts``/``pdftotext`` (poppler) as well where they are installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
CLI_NAME = "hamm-field.exe" if WINDOWS else "hamm-field"
GUI_NAME = "HammField.exe" if WINDOWS else "HammField"
LANGUAGES = ("de", "bg", "ro", "tr", "en")
PASSWORD = "Smoke-Test-Passwort-2026"
TIMEOUT = 180  # seconds a single run may take before it counts as hanging
CYRILLIC = re.compile(r"[\u0400-\u04ff]{3,}")
RECOVERY_KEY = re.compile(r"[0-9A-Z]{4}(-[0-9A-Z]{4,5}){3,}")

# Lines on stderr (or in the log) of a GUI run that are not a fault of the app. Each entry
# is a regular expression and the reason it is tolerated; anything else fails the run.
TOLERATED_GUI_LINES: list[tuple[str, str]] = [
    # Qt's offscreen platform cannot do these; the same list as qt_log_ignore in pyproject.
    (r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)",
     "offscreen platform limitation, not the app"),
]
# What marks a log line of the app as a fault (logsetup's format: "<date> <time> LEVEL ...").
LOG_FAULT = re.compile(r"^\S+ \S+ (WARNING|ERROR|CRITICAL) |Traceback")


class SmokeFailure(Exception):
    """One step failed; the message says which command and what it printed."""


@dataclass
class Run:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        return (
            f"command: {' '.join(self.command)}\n"
            f"exit status: {self.returncode}\n"
            f"--- stdout ---\n{self.stdout.rstrip()}\n"
            f"--- stderr ---\n{self.stderr.rstrip()}"
        )


class Bundle:
    """The bundle folder and the environment every run of it gets."""

    def __init__(self, folder: Path, work: Path) -> None:
        self.folder = folder.resolve()
        self.cli = self.folder / CLI_NAME
        self.gui = self.folder / GUI_NAME
        self.work = work
        self.env = clean_environment(work)

    def run(self, args: Sequence[str | Path], *, executable: Path | None = None,
            env: dict[str, str] | None = None, check: bool = True) -> Run:
        command = [str(executable or self.cli), *map(str, args)]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command, capture_output=True, env={**self.env, **(env or {})},
                cwd=self.work, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                encoding="utf-8", errors="replace",
            )
        except subprocess.TimeoutExpired as error:
            raise SmokeFailure(f"no answer within {TIMEOUT} s: {' '.join(command)}\n"
                               f"--- stderr ---\n{error.stderr or ''}") from error
        run = Run(command, done.returncode, done.stdout, done.stderr,
                  time.perf_counter() - started)
        if check and run.returncode != 0:
            raise SmokeFailure(run.describe())
        return run


def clean_environment(work: Path) -> dict[str, str]:
    """The caller's environment without anything that would let the bundle see a venv."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "HAMM_FIELD_"))}
    env.update({
        "HAMM_FIELD_KDF_SECONDS": "0",
        "HAMM_FIELD_PASSWORD": PASSWORD,
        "QT_QPA_PLATFORM": "offscreen",
    })
    if not WINDOWS:  # keep Qt's and the platform's caches out of the caller's home
        env["XDG_CONFIG_HOME"] = str(work / "config")
        env["XDG_CACHE_HOME"] = str(work / "cache")
        env["XDG_RUNTIME_DIR"] = str(work / "runtime")
        (work / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def app_version() -> str:
    text = (ROOT / "hamm_field" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def expect(condition: bool, message: str, run: Run | None = None) -> None:
    if not condition:
        raise SmokeFailure(message + ("\n" + run.describe() if run else ""))


# The steps. Each returns a short summary line; state is passed through ``ctx``.


def step_layout(bundle: Bundle, ctx: dict) -> str:
    internal = bundle.folder / "_internal"
    for path in (bundle.cli, bundle.gui, internal / "resources" / "licenses" / "NOTICES.txt",
                 internal / "resources" / "icons" / "hamm_field.png",
                 internal / "resources" / "fonts" / "DejaVuSans.ttf"):
        expect(path.exists(), f"missing in the bundle: {path}")
    files = [p for p in bundle.folder.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    return f"{GUI_NAME} and {CLI_NAME}, {size / 2**20:.0f} MiB in {len(files)} files"


def step_version(bundle: Bundle, ctx: dict) -> str:
    run = bundle.run(["--version"])
    expect(app_version() in run.stdout, f"--version does not print {app_version()}", run)
    return f"{run.stdout.strip()} ({run.seconds:.2f} s)"


def step_help_bg(bundle: Bundle, ctx: dict) -> str:
    run = bundle.run(["--lang", "bg", "--help"])
    expect(bool(CYRILLIC.search(run.stdout)), "--lang bg --help has no Bulgarian text", run)
    for command in ("init", "export", "import", "report"):
        expect(command in run.stdout, f"--help does not list {command}", run)
    return f"{len(run.stdout.splitlines())} lines, Cyrillic"


def step_init_central(bundle: Bundle, ctx: dict) -> str:
    central = bundle.work / "central"
    run = bundle.run(["--data-dir", central, "init", "--role", "central",
                      "--name", "Koordination Smoke"])
    expect(bool(RECOVERY_KEY.search(run.stdout)), "init printed no recovery key", run)
    ctx["central"] = central
    return "recovery key printed"


def step_demo(bundle: Bundle, ctx: dict) -> str:
    run = bundle.run(["--data-dir", ctx["central"], "demo", "--families", "50", "--year", "2026"])
    expect("50" in run.stdout, "demo does not report 50 families", run)
    return f"{run.stdout.strip().splitlines()[-1]} ({run.seconds:.1f} s)"


def step_report_languages(bundle: Bundle, ctx: dict) -> str:
    """A PDF in each language: Babel's locale data and the catalogs work frozen."""
    for language in LANGUAGES:
        out = bundle.work / f"report-{language}.pdf"
        bundle.run(["--data-dir", ctx["central"], "--lang", language, "report",
                    "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf",
                    "--out", out])
        expect(out.read_bytes().startswith(b"%PDF-"), f"{out.name} is not a PDF")
    json_out = bundle.work / "report.json"
    bundle.run(["--data-dir", ctx["central"], "report", "--from", "2026-01-01",
                "--to", "2026-12-31", "--format", "json", "--out", json_out])
    expect('"kontakte"' in json_out.read_text(encoding="utf-8"), "JSON report without kontakte")
    return "PDF in " + ", ".join(LANGUAGES) + "; JSON"


def step_report_pdf_bg(bundle: Bundle, ctx: dict) -> str:
    """Fonts embedded, Bulgarian text extractable (pypdf; poppler's tools where present)."""
    pdf = bundle.work / "report-bg.pdf"
    fonts = embedded_fonts(pdf)
    expect(bool(fonts), f"{pdf.name} names no fonts")
    missing = [name for name, embedded in fonts.items() if not embedded]
    expect(not missing, f"fonts not embedded in {pdf.name}: {missing}")
    text = pdf_text(pdf)
    expect(bool(CYRILLIC.search(text)), f"no Bulgarian (Cyrillic) text in {pdf.name}")
    poppler = pdffonts_check(pdf)
    return f"fonts {', '.join(sorted(fonts))} embedded; Cyrillic text{poppler}"


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    for page in PdfReader(str(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            fonts[name] = any(key in descriptor
                              for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def pdffonts_check(pdf: Path) -> str:
    if not shutil.which("pdffonts"):
        return ""
    done = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = done.stdout.splitlines()[2:]
    not_embedded = [row for row in rows if row.split()[-5:-4] != ["yes"]]
    expect(bool(rows) and not not_embedded, f"pdffonts: not embedded:\n{done.stdout}")
    return " (pdffonts agrees)"


def step_invite_enrol(bundle: Bundle, ctx: dict) -> str:
    invite = bundle.work / "packages" / "laptop.hfinvite"
    invite.parent.mkdir(exist_ok=True)
    bundle.run(["--data-dir", ctx["central"], "invite", "--worker", "Smoke Laptop",
                "--role", "schluesselfigur", "--out", invite])
    field = bundle.work / "field"
    run = bundle.run(["--data-dir", field, "init", "--role", "field", "--name", "Smoke Laptop",
                      "--invite", invite])
    expect(bool(RECOVERY_KEY.search(run.stdout)), "init --invite printed no recovery key", run)
    bundle.run(["--data-dir", field, "demo", "--families", "5", "--year", "2026"])
    ctx["field"] = field
    return "central invited a laptop; the laptop enrolled with the invitation"


def step_export_import(bundle: Bundle, ctx: dict) -> str:
    package = bundle.work / "packages" / "laptop.hfsync"
    bundle.run(["--data-dir", ctx["field"], "export", "--out", package])
    expect(package.is_file(), "export wrote no package")
    run = bundle.run(["--data-dir", ctx["central"], "import", package])
    expect(bool(re.search(r"\d+", run.stdout)), "import says nothing about changes", run)
    return run.stdout.strip().splitlines()[-1]


def step_return(bundle: Bundle, ctx: dict) -> str:
    devices = bundle.run(["--data-dir", ctx["central"], "devices"])
    laptops = [line.split()[0] for line in devices.stdout.splitlines()
               if len(line.split()) > 1 and line.split()[1] == "field"]
    expect(len(laptops) == 1, "devices does not list exactly one laptop", devices)
    package = bundle.work / "packages" / "return.hfsync"
    bundle.run(["--data-dir", ctx["central"], "return", "--device", laptops[0],
                "--out", package])
    run = bundle.run(["--data-dir", ctx["field"], "import", package])
    return f"read by the laptop: {run.stdout.strip().splitlines()[-1]}"


def gui_faults(text: str) -> list[str]:
    faults = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if any(re.search(pattern, line) for pattern, _reason in TOLERATED_GUI_LINES):
            continue
        faults.append(line)
    return faults


def gui_step(executable_name: str, folder_key: str) -> Callable[[Bundle, dict], str]:
    def step(bundle: Bundle, ctx: dict) -> str:
        """Unlock, show the main window, close (HAMM_FIELD_SMOKE_GUI); nothing on stderr."""
        folder = ctx[folder_key]
        log = folder / "logs" / "hamm_field.log"
        before = log.stat().st_size if log.exists() else 0
        run = bundle.run(["--data-dir", folder], executable=bundle.folder / executable_name,
                         env={"HAMM_FIELD_SMOKE_GUI": "1"}, check=False)
        expect(run.returncode == 0, "the GUI did not close with exit status 0", run)
        faults = gui_faults(run.stderr)
        expect(not faults, "the GUI wrote to stderr:\n" + "\n".join(faults), run)
        expect(log.is_file(), f"the GUI wrote no log file {log}", run)
        with log.open(encoding="utf-8", errors="replace") as file:
            file.seek(before)  # only what this run logged
            logged = [line for line in file.read().splitlines() if LOG_FAULT.search(line)]
        logged = gui_faults("\n".join(logged))
        expect(not logged, f"the GUI logged faults in {log}:\n" + "\n".join(logged), run)
        return f"{executable_name} on the {folder_key} folder: main window shown and closed " \
               f"({run.seconds:.1f} s)"
    step.__name__ = f"gui_{folder_key}_{executable_name}"
    return step


def steps() -> list[tuple[str, Callable[[Bundle, dict], str]]]:
    gui = [("GUI central", gui_step(GUI_NAME if WINDOWS else CLI_NAME, "central")),
           ("GUI laptop", gui_step(GUI_NAME, "field"))]
    if WINDOWS:  # the console program starts the same window; there stderr is readable
        gui.append(("GUI central (console)", gui_step(CLI_NAME, "central")))
    return [
        ("layout", step_layout),
        ("--version", step_version),
        ("--lang bg --help", step_help_bg),
        ("init central", step_init_central),
        ("demo --families 50", step_demo),
        ("report in 5 languages", step_report_languages),
        ("report --format pdf --lang bg", step_report_pdf_bg),
        ("invite + init --invite", step_invite_enrol),
        ("export + import", step_export_import),
        ("return + import return", step_return),
        *gui,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (dist/hamm-field)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folders")
    args = parser.parse_args(argv)
    if not (args.bundle / CLI_NAME).is_file():
        print(f"bundle smoke test: no {CLI_NAME} in {args.bundle}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="hamm-field-smoke-"))
    bundle = Bundle(args.bundle, work)
    ctx: dict = {}
    passed = 0
    try:
        for title, step in steps():
            try:
                summary = step(bundle, ctx)
            except SmokeFailure as failure:
                print(f"FAILED {title}\n{failure}", file=sys.stderr)
                print(f"bundle smoke test: {passed} steps passed, 1 failed", file=sys.stderr)
                return 1
            passed += 1
            print(f"ok  {title}: {summary}", flush=True)
    finally:
        if args.keep:
            print(f"data folders kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"bundle smoke test: {passed} steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

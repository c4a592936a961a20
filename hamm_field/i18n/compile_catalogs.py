"""Compile ``translations/<lang>/LC_MESSAGES/*.po`` into ``.mo`` files.

One function for every way the app gets installed: ``make catalogs`` (editable
installs), the package build (``setup.py``, loads this file by path, so it must import
nothing of Hamm Field) and the PyInstaller spec. Compiled catalogs are build output and
never committed. Fuzzy entries are left out, as ``pybabel compile`` does: a fuzzy guess
shown to a family is worse than the German text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "translations"
TARGET = Path(__file__).resolve().parent / "locale"


def compile_catalogs(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    """Compile every catalog below ``source`` into the same layout below ``target``."""
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        language = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(mo.name + ".part")
        with partial.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        partial.replace(mo)  # a running app never reads a half-written catalog
        written.append(mo)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    for path in compile_catalogs(args.source, args.target):
        print(path)


if __name__ == "__main__":
    main()

"""Collect the full licence texts shipped in resources/licenses/ from their sources.

    .venv-bundle/bin/python installer/make_licenses.py      (after `make bundle` set up the venv)

Run it after changing installer/requirements-bundle.txt, then update NOTICES.txt by hand
(versions, new components); tests/test_licence_notices.py checks that every pinned
distribution is named there. The texts are never written by hand; they come from:

- the installed wheels' licence files (``*.dist-info/licenses``) of this interpreter;
- Debian's licence texts (``/usr/share/common-licenses``) for LGPL-3.0, GPL-3.0, Apache-2.0;
- Debian's copyright files for what the wheels ship without a licence file: the third-party
  code of Qt's base libraries and of Qt PDF (packages libqt6core6 and libqt6pdf6, fetched with
  ``apt-get download``), ICU (``/usr/share/icu/*/LICENSE``, libicu-dev) and the system
  libraries PyInstaller copies into the Linux folder;
- the Python installation's LICENSE.txt and Babel's copy of the Unicode licence of CLDR.

SQLCipher.txt (the LICENSE.md of the SQLCipher repository; the wheel carries only
pysqlite's licence) and NOTICES.txt are kept as they are.
"""

from __future__ import annotations

import glob
import re
import subprocess
import sys
import sysconfig
import tempfile
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "licenses"

# Distribution (as pinned) -> file name in resources/licenses.
PACKAGES = {
    "alembic": "alembic",
    "annotated-types": "annotated-types",
    "babel": "Babel",
    "cffi": "cffi",
    "cryptography": "cryptography",
    "filelock": "filelock",
    "mako": "Mako",
    "markupsafe": "MarkupSafe",
    "pillow": "Pillow",
    "platformdirs": "platformdirs",
    "pydantic": "pydantic",
    "pydantic-core": "pydantic-core",
    "pyinstaller": "PyInstaller",
    "reportlab": "reportlab",
    "sqlalchemy": "SQLAlchemy",
    "sqlcipher3": "sqlcipher3",
    "sqlmodel": "SQLModel",
    "typing-extensions": "typing-extensions",
    "typing-inspection": "typing-inspection",
}
COMMON = {"LGPL-3": "LGPL-3.0", "GPL-3": "GPL-3.0", "Apache-2.0": "Apache-2.0"}
# Libraries of the Linux folder that come from the build machine (Debian package names).
LINUX_SYSTEM = ("libffi8", "libbz2-1.0", "liblzma5", "zlib1g", "libuuid1", "libgcc-s1")


def write(name: str, text: str, source: str) -> None:
    header = f"[{name}: {source}]\n\n"
    (OUT / f"{name}.txt").write_text(header + text.strip() + "\n", encoding="utf-8")
    print(f"{name}.txt  <- {source}")


def package_licences() -> None:
    for dist_name, file_name in PACKAGES.items():
        dist = metadata.distribution(dist_name)
        files = [f for f in dist.files or [] if re.search(
            r"\.dist-info/(licenses/)?(LICEN[CS]E|COPYING|AUTHORS)[^/]*$", str(f))]
        # Apache-2.0 texts are shipped once as Apache-2.0.txt.
        files = [f for f in files if not str(f).endswith("LICENSE.APACHE")]
        if not files:
            raise SystemExit(f"{dist_name}: no licence file in its wheel")
        texts = [f"----- {Path(str(f)).name} -----\n{f.read_text(encoding='utf-8')}"
                 for f in sorted(files, key=str)]
        write(file_name, "\n\n".join(texts),
              f"{dist_name} {dist.version}, licence files of its wheel")


def common_licences() -> None:
    for debian_name, name in COMMON.items():
        text = Path("/usr/share/common-licenses", debian_name).read_text(encoding="utf-8")
        write(name, text, f"/usr/share/common-licenses/{debian_name} (Debian)")


def python_licence() -> None:
    path = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    write("Python", path.read_text(encoding="utf-8"),
          f"LICENSE.txt of Python {sys.version.split()[0]}")


def unicode_licences() -> None:
    babel = Path(metadata.distribution("babel").locate_file("babel/locale-data/LICENSE.unicode"))
    write("Unicode-CLDR", babel.read_text(encoding="utf-8"),
          "babel/locale-data/LICENSE.unicode (the CLDR data Babel ships)")
    icu = sorted(glob.glob("/usr/share/icu/*/LICENSE"))
    if icu:
        write("ICU", Path(icu[-1]).read_text(encoding="utf-8"),
              f"{icu[-1]} (Debian libicu-dev); the Linux folder ships ICU 73 from PySide6")


def debian_copyright(package: str, work: Path) -> str:
    """The copyright file of a Debian package, from the installed package or its .deb."""
    installed = Path("/usr/share/doc", package, "copyright")
    if installed.is_file():
        return installed.read_text(encoding="utf-8")
    subprocess.run(["apt-get", "download", package], cwd=work, check=True,
                   capture_output=True)
    deb = next(work.glob(f"{package}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(work / package)], check=True)
    return (work / package / "usr/share/doc" / package / "copyright").read_text(encoding="utf-8")


def qt_third_party(work: Path) -> None:
    write("Qt-base-third-party", debian_copyright("libqt6core6", work),
          "Debian's copyright file of qt6-base (package libqt6core6): the licences of the "
          "third-party code in Qt's base libraries (PCRE2, HarfBuzz, FreeType, libpng, zlib, "
          "double-conversion, md4c, ...), which the PySide6 wheels ship without a notice")
    text = debian_copyright("libqt6pdf6", work)
    paragraphs = re.split(r"\n\s*\n", text)
    files = [p for p in paragraphs if p.startswith("Files:") and "pdfium" in p.split("\n")[0]]
    names: set[str] = set()
    for paragraph in files:
        found = re.search(r"^License: (.+)$", paragraph, re.MULTILINE)
        if found:
            names.update(re.split(r"\s+(?:or|and)\s+", found.group(1).strip()))
    licences = [p for p in paragraphs
                if p.startswith("License:") and p.split("\n")[0][len("License:"):].strip() in names]
    write("Qt-PDF-third-party", "\n\n".join(files + licences),
          "the PDFium parts of Debian's copyright file of qt6-webengine (package libqt6pdf6): "
          "the third-party code inside PDFium, which Qt PDF contains")


def linux_system_libraries(work: Path) -> None:
    parts = [f"===== {package} =====\n{debian_copyright(package, work)}"
             for package in LINUX_SYSTEM]
    write("Linux-system-libraries", "\n\n".join(parts),
          "Debian's copyright files of the system libraries the Linux folder carries "
          "(libffi, bzip2, xz, zlib, libuuid, libgcc_s); not part of the Windows folder")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        package_licences()
        common_licences()
        python_licence()
        unicode_licences()
        qt_third_party(Path(work))
        linux_system_libraries(Path(work))
    dejavu = OUT.parent / "fonts" / "LICENSE-DejaVu.txt"
    write("DejaVu", dejavu.read_text(encoding="utf-8"), "resources/fonts/LICENSE-DejaVu.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())

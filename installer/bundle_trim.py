"""What the frozen bundle keeps of its dependencies' data, plugins and libraries.

Used by ``hamm_field.spec`` on the TOC lists of the PyInstaller analysis (entries
``(dest_name, src_path, typecode)``) and by ``tests/test_bundle_spec.py``. Pure functions
of a destination path and the platform, so the same rules hold for the Linux build here
and the Windows build on the Windows runner; the paths differ (``PySide6/Qt/plugins/...``
and ``libqxcb.so`` on Linux, ``PySide6/plugins/...`` and ``qwindows.dll`` on Windows), the
names the rules use do not.

Why each rule (sizes from the Linux build of PySide6 6.11 and Babel 2.19):

- Babel: the app formats dates and numbers for de, bg, ro, tr and en only (English as
  ``en_GB``, see hamm_field/i18n/formatting.py); Babel needs ``root`` and the parents on
  the way (``en_GB`` -> ``en_001`` -> ``en``) plus ``global.dat``. The other 1,136 locale
  files are 32 MB.
- Qt plugins: only what a Widgets app on a desktop needs. Platforms: xcb (Linux desktop),
  windows, and offscreen (tests and the smoke test, also on the Windows runner). No Wayland
  (the xcb plugin runs on XWayland), no eglfs/linuxfb/vnc, no virtual keyboard (it pulls in
  Qt Quick and QML: 17 MB), no network plugins (the app never opens a socket), no image
  format plugins (PNG, the only image format the app reads, is built into QtGui), no SVG
  icon engine, no GTK theme (it would copy the build machine's GTK into the folder).
- Qt translations: ``qtbase_<lang>.qm`` of the five app languages, which
  ui/language.py loads; the rest (Designer, Assistant, QML, Multimedia, ...) is 7 MB.
- Qt libraries that only the dropped plugins and modules use (Quick, QML, Wayland, eglfs),
  and on Windows Qt's software OpenGL and Direct3D shader compiler (~25 MB): a Widgets
  app without OpenGL widgets never loads them.
- reportlab: none of its bundled fonts; the PDFs embed DejaVu Sans from resources/fonts.
- resources/icons: only the PNG (the Qt window icon); the ICO is built into the Windows
  executables and the SVG is the source of both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

LANGUAGES = ("de", "bg", "ro", "tr", "en")

BABEL_LOCALES = frozenset({
    "root",
    "de", "de_DE",
    "bg", "bg_BG",
    "ro", "ro_RO",
    "tr", "tr_TR",
    "en", "en_001", "en_GB",
})

# Plugin directory -> plugin names kept (file name without "lib" and extension);
# None keeps the whole directory. Directories not listed are dropped.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows"}),
    "xcbglintegrations": None,  # small; the xcb plugin loads one when a window needs GL
    "platforminputcontexts": frozenset({
        "composeplatforminputcontextplugin",  # dead keys and compose sequences on X11
        "ibusplatforminputcontextplugin",
    }),
    "printsupport": None,  # CUPS printers in the print dialog (Linux)
    "styles": None,  # Windows: the Windows 11 style (qmodernwindowsstyle)
    "imageformats": frozenset(),
}

QT_TRANSLATIONS = frozenset(f"qtbase_{language}" for language in LANGUAGES)

# Qt libraries (file name without "lib", version and extension, lower case) and other
# files of the PySide6 wheels the app never loads.
_DROPPED_QT_LIBRARY = re.compile(
    r"^(qt6(qml|quick|virtualkeyboard|wayland|wlshell|eglfs|opengl$|svg$)"
    r"|opengl32sw$|d3dcompiler_\d+$)"
)

_LIBRARY_SUFFIX = re.compile(r"(\.so(\.\d+)*|\.dll|\.dylib)$", re.IGNORECASE)


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def library_stem(file_name: str) -> str:
    """``libqxcb.so`` -> ``qxcb``, ``Qt6Quick.dll`` -> ``qt6quick`` (the name the rules use)."""
    stem = _LIBRARY_SUFFIX.sub("", file_name)
    if stem.startswith("lib"):
        stem = stem[3:]
    return stem.lower()


def keep_babel(parts: list[str]) -> bool:
    if len(parts) >= 3 and parts[0] == "babel" and parts[1] == "locale-data":
        name = parts[-1]
        return not name.endswith(".dat") or name[: -len(".dat")] in BABEL_LOCALES
    return True  # global.dat, the code, and the CLDR licence (locale-data/LICENSE.unicode)


def keep_qt(parts: list[str]) -> bool:
    if parts[0] != "PySide6":
        return True
    if "plugins" in parts[:-1]:
        index = parts.index("plugins")
        if len(parts) != index + 3:
            return False
        kept = QT_PLUGINS.get(parts[index + 1], frozenset())
        return kept is None or library_stem(parts[-1]) in kept
    if "translations" in parts[:-1]:
        name = parts[-1]
        return name.endswith(".qm") and name[: -len(".qm")] in QT_TRANSLATIONS
    return not _DROPPED_QT_LIBRARY.match(library_stem(parts[-1]))


def keep_top_level(parts: list[str]) -> bool:
    """Libraries PyInstaller copied beside the Python runtime (Linux: system libraries)."""
    if len(parts) != 1:
        return True
    return not _DROPPED_QT_LIBRARY.match(library_stem(parts[0]))


def keep_reportlab(parts: list[str]) -> bool:
    return not (parts[0] == "reportlab" and "fonts" in parts[:-1])


def keep_resources(parts: list[str]) -> bool:
    """The window icon is the PNG; the ICO is built into the executables, the SVG is its source."""
    return not (parts[:2] == ["resources", "icons"] and parts[-1].endswith((".ico", ".svg")))


def keep(dest: str) -> bool:
    parts = _parts(dest)
    return (keep_babel(parts) and keep_qt(parts) and keep_reportlab(parts)
            and keep_resources(parts) and keep_top_level(parts))


def trim(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The entries of ``toc`` the bundle keeps, in their order."""
    return [entry for entry in toc if keep(entry[0])]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` -> ``(0, 1, 0, 0)``: the four numbers of a Windows version resource."""
    release = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(part) for part in release.group(0).split(".")] if release else []
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def version_info_text(version: str) -> str:
    """The Windows version resource of both executables, in PyInstaller's version-file form.

    PyInstaller reads this text with ``versioninfo.load_version_info_from_text_file`` (it
    is a ``VSVersionInfo(...)`` expression); the spec writes it into the build folder at
    build time, so the resource always carries ``hamm_field.__version__``.
    """
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "Hamm Field",
        "FileDescription": "Hamm Field",
        "FileVersion": version,
        "InternalName": "hamm-field",
        "LegalCopyright": "Hamm Field",
        "ProductName": "Hamm Field",
        "ProductVersion": version,
    }
    string_lines = ",\n".join(
        f"            StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return (
        "VSVersionInfo(\n"
        f"    ffi=FixedFileInfo(filevers={numbers!r}, prodvers={numbers!r},\n"
        "                      mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0,\n"
        "                      date=(0, 0)),\n"
        "    kids=[\n"
        "        StringFileInfo([StringTable('040904B0', [\n"
        f"{string_lines}\n"
        "        ])]),\n"
        "        VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "    ],\n"
        ")\n"
    )


def _is_runtime_root(dest: str, kind: str) -> bool:
    """Loaded by the bootloader, Python's import system or Qt's plugin loader, not by a linker."""
    parts = _parts(dest)
    if kind == "EXTENSION":
        return True
    if "plugins" in parts[:-1]:
        return True
    return bool(re.match(r"^(lib)?python3\d*(\.\d+)?\.(so|dll|dylib)", parts[-1]))


def _is_system_library(dest: str, src: str, kind: str) -> bool:
    """A library PyInstaller found on the build machine outside every wheel (Linux)."""
    return kind == "BINARY" and len(_parts(dest)) == 1 and "site-packages" not in src


def unreachable(
    toc: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
    fold: Callable[[str], str] = str,
    *,
    system_qt_dependencies: bool = False,
) -> set[str]:
    """Destinations of shared libraries that nothing kept links against any more.

    PyInstaller collects a plugin's libraries with the plugin; after :func:`trim` dropped
    the plugin (the GTK theme, the virtual keyboard), its libraries (GTK, Pango, Cairo, Qt
    Quick) would stay. The roots are what is loaded at run time by name (Python extension
    modules, Qt plugins, the Python library); every library is kept that a root links
    against, directly or through others. ``imports_of(src)`` lists the file names a binary
    links against (PyInstaller's ``bindepend.get_imports`` in the spec).

    ``system_qt_dependencies`` (Linux): the system libraries that only Qt links against
    (fontconfig, GLib, X11/xcb, D-Bus, CUPS and theirs, 30 MB) are not copied; they come
    from the system, as they do for PySide6 in a venv. The PySide6 wheels expect them there
    anyway (they bring Qt, not its system dependencies), so the frozen folder needs the same
    system packages as ``make run``. The Python runtime's own libraries stay in the folder.
    """
    entries = list(toc)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in entries:
        by_name.setdefault(fold(_parts(entry[0])[-1]), []).append(entry)
    pending = [entry for entry in entries if _is_runtime_root(entry[0], entry[2])]
    seen = {entry[0] for entry in pending}
    while pending:
        dest, src, kind = pending.pop()
        if kind == "SYMLINK":
            targets = by_name.get(fold(_parts(src)[-1]), [])
            pending.extend(t for t in targets if t[0] not in seen)
            seen.update(t[0] for t in targets)
            continue
        from_qt = _parts(dest)[0] in ("PySide6", "shiboken6")
        for name in imports_of(src):
            for target in by_name.get(fold(_parts(name)[-1]), []):
                if system_qt_dependencies and from_qt and _is_system_library(*target):
                    continue
                if target[0] not in seen:
                    seen.add(target[0])
                    pending.append(target)
    return {
        dest for dest, _src, kind in entries
        if kind in ("BINARY", "SYMLINK") and dest not in seen
    }

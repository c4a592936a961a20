"""The trim rules of the frozen bundle (installer/bundle_trim.py), on Linux and Windows paths.

The bundle itself is built and run by ``make bundle-test``; these tests pin the rules
that decide what a person's installation carries, without building.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bundle_trim", ROOT / "installer" / "bundle_trim.py")
bundle_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_trim)


def test_babel_keeps_the_five_languages_and_what_they_inherit_from() -> None:
    for name in ("de", "bg", "ro", "tr", "en", "en_GB", "en_001", "root"):
        assert bundle_trim.keep(f"babel/locale-data/{name}.dat"), name
    for name in ("fr", "ru", "de_CH", "en_US_POSIX", "zh_Hant"):
        assert not bundle_trim.keep(f"babel/locale-data/{name}.dat"), name
    assert bundle_trim.keep("babel/global.dat")
    assert bundle_trim.keep("babel/locale-data/LICENSE.unicode")


def test_the_app_languages_resolve_to_kept_babel_locales() -> None:
    from hamm_field.i18n import LANGUAGES
    from hamm_field.i18n.formatting import babel_locale

    for language in LANGUAGES:
        assert babel_locale(language) in bundle_trim.BABEL_LOCALES


def test_qt_platforms_on_linux_and_windows() -> None:
    kept = ["PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/platforms/libqoffscreen.so",
            "PySide6/plugins/platforms/qwindows.dll",
            "PySide6/plugins/platforms/qoffscreen.dll",
            "PySide6/plugins/styles/qmodernwindowsstyle.dll",
            "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
            "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so"]
    dropped = ["PySide6/Qt/plugins/platforms/libqwayland.so",
               "PySide6/Qt/plugins/platforms/libqeglfs.so",
               "PySide6/plugins/platforms/qdirect2d.dll",
               "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
               "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
               "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
               "PySide6/plugins/imageformats/qjpeg.dll",
               "PySide6/Qt/plugins/tls/libqopensslbackend.so",
               "PySide6/plugins/networkinformation/qnetworklistmanager.dll"]
    assert all(bundle_trim.keep(path) for path in kept)
    assert not any(bundle_trim.keep(path) for path in dropped)


def test_qt_quick_qml_and_software_opengl_are_dropped() -> None:
    for path in ("PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6",
                 "PySide6/Qt6VirtualKeyboard.dll", "PySide6/Qt6QmlModels.dll",
                 "PySide6/opengl32sw.dll", "PySide6/d3dcompiler_47.dll", "libQt6Quick.so.6"):
        assert not bundle_trim.keep(path), path
    for path in ("PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt6Pdf.dll",
                 "PySide6/Qt6Core.dll", "PySide6/Qt/lib/libQt6Network.so.6"):
        assert bundle_trim.keep(path), path


def test_only_the_qtbase_translations_of_the_app_languages() -> None:
    assert bundle_trim.keep("PySide6/Qt/translations/qtbase_bg.qm")
    assert bundle_trim.keep("PySide6/translations/qtbase_tr.qm")
    assert not bundle_trim.keep("PySide6/translations/qtbase_fr.qm")
    assert not bundle_trim.keep("PySide6/Qt/translations/qt_de.qm")
    assert not bundle_trim.keep("PySide6/Qt/translations/qtdeclarative_de.qm")


def test_no_reportlab_fonts_but_our_own() -> None:
    assert not bundle_trim.keep("reportlab/fonts/Vera.ttf")
    assert not bundle_trim.keep("reportlab/fonts/DarkGarden.pfb")
    assert bundle_trim.keep("resources/fonts/DejaVuSans.ttf")


def test_the_window_icon_ships_but_not_its_sources() -> None:
    assert bundle_trim.keep("resources/icons/hamm_field.png")
    assert not bundle_trim.keep("resources/icons/hamm_field.ico")
    assert not bundle_trim.keep("resources/icons/hamm_field.svg")
    assert bundle_trim.keep("resources/licenses/NOTICES.txt")


def test_libraries_only_a_dropped_plugin_needed_are_dropped_too() -> None:
    toc = [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),  # only the GTK theme used it
        ("libffi.so.8", "/usr/lib/libffi.so.8", "BINARY"),
        ("_ctypes.so", "/py/_ctypes.so", "EXTENSION"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    links = {
        "/w/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/w/libQt6Gui.so.6": ["libfontconfig.so.1"],
        "/w/libqxcb.so": ["libQt6Gui.so.6"],
        "/py/_ctypes.so": ["libffi.so.8"],
    }

    def imports_of(src: str) -> list[str]:
        return links.get(src, [])

    assert bundle_trim.unreachable(toc, imports_of) == {"libgtk-3.so.0"}
    # Linux: the system libraries only Qt links against come from the system, as for PySide6.
    assert bundle_trim.unreachable(toc, imports_of, system_qt_dependencies=True) == {
        "libgtk-3.so.0", "libfontconfig.so.1"}


def test_windows_version_resource_carries_the_app_version() -> None:
    from hamm_field import __version__

    text = bundle_trim.version_info_text(__version__)
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    numbers = bundle_trim.version_tuple(__version__)
    assert f"filevers={numbers!r}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert bundle_trim.version_tuple("1.2") == (1, 2, 0, 0)
    assert bundle_trim.version_tuple("2.0.1rc1") == (2, 0, 1, 0)


def test_the_icon_files_are_there() -> None:
    icons = ROOT / "resources" / "icons"
    ico = (icons / "hamm_field.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an ICO directory
    assert int.from_bytes(ico[4:6], "little") >= 6  # several sizes, 16 to 256 px
    assert (icons / "hamm_field.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (icons / "hamm_field.svg").read_text(encoding="utf-8")

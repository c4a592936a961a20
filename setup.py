"""The package build compiles the message catalogs, so every install carries them.

Everything else is in pyproject.toml. A wheel gets ``hamm_field/i18n/locale`` built from
``translations/``; an editable install compiles into the source tree (gitignored), which
is also what ``make catalogs`` does.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _compile(target: Path) -> list[Path]:
    # Loaded by path: the package itself is not importable while it is being built.
    spec = importlib.util.spec_from_file_location(
        "compile_catalogs", HERE / "hamm_field" / "i18n" / "compile_catalogs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compile_catalogs(HERE / "translations", target)


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            _compile(HERE / "hamm_field" / "i18n" / "locale")
        else:
            locale = Path(self.build_lib) / "hamm_field" / "i18n" / "locale"
            self._catalogs = [str(path) for path in _compile(locale)]

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *getattr(self, "_catalogs", [])]


setup(cmdclass={"build_py": BuildWithCatalogs})

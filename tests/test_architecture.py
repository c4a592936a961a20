"""The layering of DESIGN.md holds: checked by import-linter on every test run."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_modules_stay_small():
    big = [
        f"{path.relative_to(ROOT)} ({count} lines)"
        for path in (ROOT / "hamm_field").rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert big == []


def _imported_modules(node: ast.AST) -> list[str]:
    """The dotted names an import statement reaches, relative ones as written."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = "." * node.level + (node.module or "")
        return [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return []


def test_test_modules_import_no_other_test_module():
    """Shared helpers live in support modules and conftest files: a test module can then
    be run, moved or deleted without changing what another one tests."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} imports {module}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for module in _imported_modules(node)
        if (module.startswith(("tests.", ".")) and
            module.rsplit(".", 1)[-1].startswith("test_"))
    ]
    assert found == []

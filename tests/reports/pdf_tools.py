"""Reading the PDFs back as a user's tools would: pdftotext and pdffonts (poppler-utils)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The text of every page; runs of white space (also narrow no-break spaces) as one."""
    args = [_tool("pdftotext"), "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    text = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()
    return text if layout else " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page on its own (pdftotext separates pages with a form feed)."""
    args = [_tool("pdftotext"), "-enc", "UTF-8", "-", "-"]
    text = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def fonts_embedded(pdf: bytes, folder: Path) -> bool:
    """Whether pdffonts lists at least one font and every font as embedded."""
    path = folder / "check.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]  # fmt: skip
    return bool(out) and all(line.split()[-5] == "yes" for line in out)

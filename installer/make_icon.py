"""Render the app icon from resources/icons/hamm_field.svg into its PNG and ICO forms.

    .venv/bin/python installer/make_icon.py

The SVG is the source; the outputs are committed so neither the bundle build nor the app
needs QtSvg:

- ``hamm_field.png``: 256 x 256, the Qt window icon (ui/resources.py);
- ``hamm_field.ico``: every size Windows asks for (16 to 256 px; 20 and 40 are the small
  icons at 125 % and 250 % scaling), for the executables, the installer and the files
  the installer associates. Each size is rendered from the vector source, not scaled
  down from 256 px, so the small ones stay sharp. Sizes below 256 are stored as 32-bit
  BMP (DIB) images, the 256 px one as PNG: the layout every Windows version and NSIS read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "hamm_field.svg"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("Qt could not write PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BMP as an ICO entry: header with double height, BGRA rows bottom-up, AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in range(size - 1, -1, -1):
        line = bytes(image.constScanLine(y))[: size * 4]  # ARGB32 is B,G,R,A in memory
        rows.append(line)
        mask = bytearray(mask_stride)
        for x in range(size):
            if line[x * 4 + 3] == 0:  # fully transparent: the AND mask lets the background through
                mask[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = [(size, png_bytes(image) if size >= 256 else dib_bytes(image))
               for size, image in sorted(images.items())]
    offset = 6 + 16 * len(entries)
    directory, blobs = [], []
    for size, blob in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(entries)) + b"".join(directory) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    images = {size: render(renderer, size) for size in ICO_SIZES}
    (ICONS / "hamm_field.png").write_bytes(png_bytes(images[PNG_SIZE]))
    (ICONS / "hamm_field.ico").write_bytes(ico_bytes(images))
    del app
    print(f"wrote {ICONS / 'hamm_field.png'} and {ICONS / 'hamm_field.ico'} ({len(images)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

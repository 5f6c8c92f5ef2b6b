#!/usr/bin/env python3
"""Packs the exported PNGs into swapdeck.ico (Windows, jpackage --type msi) and swapdeck.icns (macOS,
jpackage --type dmg). Both formats may hold plain PNG images (ICO since Windows Vista, ICNS since
OS X 10.7), so no image library is needed. Run by export.sh."""
import struct
from pathlib import Path

png = Path(__file__).parent / "png"


def read(size):
    return (png / f"{size}.png").read_bytes()


def write_ico(path, sizes):
    # ICONDIR, then one ICONDIRENTRY per image (a width/height byte of 0 means 256), then the images
    images = [read(size) for size in sizes]
    offset = 6 + 16 * len(images)
    out = struct.pack("<HHH", 0, 1, len(images))
    for size, data in zip(sizes, images):
        side = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(out + b"".join(images))


def write_icns(path, entries):
    # 'icns' + total length, then chunks of type + length (header included) + PNG data
    chunks = b"".join(kind + struct.pack(">I", 8 + len(read(size))) + read(size) for kind, size in entries)
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)


here = Path(__file__).parent
write_ico(here / "swapdeck.ico", [16, 32, 48, 64, 128, 256])
# 1x and 2x ("retina") slots; ic10 (512@2x = 1024 px) is left out: 512 is the largest export
write_icns(here / "swapdeck.icns", [
    (b"ic11", 32), (b"ic12", 64),    # 16 and 32 pt at 2x
    (b"ic07", 128), (b"ic13", 256),  # 128 pt, 1x and 2x
    (b"ic08", 256), (b"ic14", 512),  # 256 pt, 1x and 2x
    (b"ic09", 512),                  # 512 pt
])

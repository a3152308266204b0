"""The README's pictures exist, and every phone picture is 390 px wide (the width the
browser tests use for phones)."""

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_every_picture_the_readme_shows_exists():
    linked = re.findall(r"\]\((docs/screenshots/[^)]+)\)", (ROOT / "README.md").read_text())
    assert len(linked) > 40
    assert [name for name in linked if not (ROOT / name).is_file()] == []


def test_phone_pictures_are_390_px_wide_and_all_shown():
    phones = sorted(SHOTS.glob("*-mobile.png"))
    assert len(phones) >= 30
    assert {p.name: png_size(p)[0] for p in phones if png_size(p)[0] != 390} == {}
    readme = (ROOT / "README.md").read_text()
    assert [p.name for p in phones if f"docs/screenshots/{p.name}" not in readme] == []

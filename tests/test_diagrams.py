"""The committed diagrams are exactly what scripts/draw_diagrams.py draws."""

import subprocess
import sys

from conftest import ROOT


def test_committed_images_match_the_diagram_script(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "draw_diagrams.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    drawn = {p.name: p.read_bytes() for p in tmp_path.glob("*.svg")}
    committed = {p.name: p.read_bytes() for p in (ROOT / "images").glob("*.svg")}
    assert drawn, "the diagram script drew nothing"
    assert sorted(drawn) == sorted(committed), (
        "images/ and the script's output list different files"
    )
    stale = [name for name in drawn if drawn[name] != committed[name]]
    assert not stale, f"run `make figures` and commit: {stale} differ from what the script draws"


def test_drawing_is_deterministic(tmp_path):
    for run in ("a", "b"):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "draw_diagrams.py"),
                "--out",
                str(tmp_path / run),
            ],
            check=True,
            capture_output=True,
        )
    for svg in (tmp_path / "a").glob("*.svg"):
        assert svg.read_bytes() == (tmp_path / "b" / svg.name).read_bytes(), svg.name

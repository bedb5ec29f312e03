"""The committed diagrams are what scripts/draw_diagrams.py draws, and their text is legible."""

import re
import subprocess
import sys

import pytest

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


# Diagram text must read at no less than about 80 % of body text (issue 10 item 7,
# issue 13 item 2). The desktop text column is 672 px wide with 16 px body text, and
# an SVG wider than the column is scaled down to fit it.
COLUMN_PX = 672
MIN_TEXT_PX = 0.8 * 16
PX_PER_PT = 96 / 72

# Matplotlib writes text as glyph paths (svg.fonttype "path"): each label is a group
# `translate(x y) [rotate(a)] scale(s -s)` with s = font size in points / 100.
# Sub- and superscripts inside a label are scaled again, as math typesetting does;
# the label's own font size is the one measured here.
_SVG_WIDTH = re.compile(r'<svg[^>]*\swidth="([\d.]+)(pt|px)?"')
_TEXT_SCALE = re.compile(r'<g\b[^>]*\stransform="[^"]*scale\(([\d.]+) -\1\)"')


def rendered_text_sizes(svg):
    """Return (svg width in px, [rendered px size of each label]) for SVG text `svg`."""
    number, unit = _SVG_WIDTH.search(svg).groups()
    width_px = float(number) * (PX_PER_PT if unit in (None, "pt") else 1)
    shrink = min(1.0, COLUMN_PX / width_px)
    sizes = [float(s) * 100 * PX_PER_PT * shrink for s in _TEXT_SCALE.findall(svg)]
    return width_px, sizes


def test_the_size_check_reads_a_label():
    svg = (
        '<svg width="960pt" height="100pt"><g transform="translate(1 2) scale(0.12 -0.12)">'
        "</g></svg>"
    )
    width, sizes = rendered_text_sizes(svg)
    assert width == 1280
    assert sizes == [pytest.approx(16 * 672 / 1280)]


@pytest.mark.parametrize("svg", sorted((ROOT / "images").glob("*.svg")), ids=lambda p: p.stem)
def test_diagram_text_is_legible_at_the_column_width(svg):
    text = svg.read_text(encoding="utf-8")
    width, sizes = rendered_text_sizes(text)
    assert sizes, f"{svg.name}: found no text"
    assert len(sizes) >= text.count('<g id="text_'), f"{svg.name}: some text was not measured"
    smallest = min(sizes)
    assert smallest >= MIN_TEXT_PX, (
        f"{svg.name}: smallest label renders at {smallest:.1f} px at the {COLUMN_PX} px "
        f"column (SVG {width:.0f} px wide); it must be at least {MIN_TEXT_PX:.1f} px"
    )

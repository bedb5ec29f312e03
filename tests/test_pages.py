"""What a reader sees around the code: alt text on plots, short lead-ins."""

import re
import statistics

import pytest

from conftest import load_notebook, notebook_paths

NOTEBOOKS = notebook_paths()


def image_cells(notebook):
    """Code cells whose stored outputs include a plot (a PNG or SVG image)."""
    return [
        c
        for c in notebook["cells"]
        if c["cell_type"] == "code"
        and any(
            m in o.get("data", {})
            for o in c.get("outputs", [])
            for m in ("image/png", "image/svg+xml")
        )
    ]


def plot_alt_text(cell):
    return cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_plot_has_alt_text(path):
    for cell in image_cells(load_notebook(path)):
        alt = plot_alt_text(cell)
        first_line = "".join(cell["source"]).splitlines()[0]
        assert len(alt.split()) >= 8, (
            f"{path.name}: the plot made by the cell starting {first_line!r} needs alt "
            'text: cell metadata {"mystnb": {"image": {"alt": "what the plot shows"}}}'
        )


def lead_ins(notebook):
    """Word counts of the last paragraph of each markdown cell that precedes code."""
    cells = notebook["cells"]
    counts = []
    for before, cell in zip(cells, cells[1:]):
        if before["cell_type"] == "markdown" and cell["cell_type"] == "code":
            text = "".join(before["source"]).strip()
            paragraph = re.split(r"\n\s*\n", text)[-1]
            if not paragraph.lstrip().startswith(("#", ":::", "```", "|", "$$")):
                counts.append(len(paragraph.split()))
    return counts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lead_ins_are_short(path):
    counts = lead_ins(load_notebook(path))
    assert statistics.median(counts) <= 36, (
        f"{path.name}: the paragraph before a code cell has a median of "
        f"{statistics.median(counts)} words; say in one or two sentences what the cell does"
    )


def test_the_alt_text_check_sees_plots():
    found = sum(len(image_cells(load_notebook(p))) for p in NOTEBOOKS)
    assert found >= 10, f"only {found} plots found: the check is not looking at outputs"

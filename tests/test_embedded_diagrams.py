"""Every notebook carries its own diagrams, so that they show wherever it is
opened alone: Colab, GitHub's viewer, VS Code, JupyterLab with nothing beside it.

Each diagram line of a notebook's markdown holds a PNG data URI
(scripts/embed_diagrams.py, run by `make figures`), and every embedded copy is
byte for byte what the diagram script draws now. The site shows images/stem.svg
instead (_ext/book_site.py); tests/test_diagrams.py checks those SVGs.
"""

import base64
import sys

import pytest

from conftest import ROOT, load_notebook, notebook_paths

sys.path.insert(0, str(ROOT / "scripts"))
import embed_diagrams  # noqa: E402

NOTEBOOKS = notebook_paths()
STALE = "run `make figures` (it redraws images/ and re-embeds the notebooks' copies)"


def _diagrams(path):
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    return embed_diagrams.diagrams_in(text)


@pytest.fixture(scope="module")
def drawn():
    return embed_diagrams.draw_pngs()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_carries_its_diagrams(path):
    """No diagram is read from ../images/, which Colab and a lone notebook lack."""
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    assert "../images/" not in text, f"{path.name} reads diagrams from ../images/: {STALE}"
    assert "attachment:" not in text, f"{path.name}: Colab ignores cell attachments"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_embedded_copies_are_what_the_script_draws(path, drawn):
    for stem, target in _diagrams(path):
        assert stem in drawn, f"{path.name}: embeds {stem!r}, which no diagram module draws"
        data = base64.b64decode(target[len(embed_diagrams.DATA_PREFIX) :])
        assert data == drawn[stem], f"{path.name}: the embedded {stem} is stale: {STALE}"


def test_every_diagram_is_embedded_somewhere(drawn):
    embedded = {stem for path in NOTEBOOKS for stem, _ in _diagrams(path)}
    assert sorted(set(drawn) - embedded) == [], "diagrams no notebook shows"


def test_no_chapter_says_its_diagrams_are_missing_on_colab():
    for path in NOTEBOOKS:
        opening = "".join(load_notebook(path)["cells"][0]["source"])
        assert "diagrams do not show" not in opening, f"{path.name}: the Colab note is stale"


def test_the_check_catches_a_stale_copy(drawn):
    """A diagram line whose PNG differs from the drawing is found and refreshed."""
    stem = sorted(drawn)[0]
    old = embed_diagrams.DATA_PREFIX + base64.b64encode(drawn[sorted(drawn)[1]]).decode()
    line = f'![Some descriptive alt text](../images/{stem}.svg "Caption.")'
    fresh = embed_diagrams.embed_text(line, drawn)
    assert embed_diagrams.diagrams_in(fresh)[0][0] == stem
    assert base64.b64decode(fresh.split(",", 1)[1].split()[0]) == drawn[stem]
    assert embed_diagrams.diagrams_in(f'![alt text here]({old} "C.")')[0][0] != stem

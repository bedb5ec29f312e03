"""`make pdf`: the whole book as one PDF, printed by the system Chromium.

Builds the one-page HTML next to the session's site build (conftest.built_site,
so Sphinx reuses its parsed documents) and prints it with scripts/build_pdf.py,
exactly as `make pdf` does. The PDF must have a table of contents and bookmarks,
every chapter title with its number, no raw TeX, every diagram (its numbered
caption), every plot, and citations that link to the references.
"""

import pathlib
import re
import subprocess
import sys

import pytest

from conftest import ROOT, load_notebook, notebook_paths, sitetools, unavailable

pytestmark = pytest.mark.xdist_group("site")  # next to the one build of the book

sys.path.insert(0, str(ROOT / "scripts"))
import embed_diagrams  # noqa: E402

PDF_NAME = "understanding-rnns.pdf"


@pytest.fixture(scope="module")
def pdf(built_site):
    problem = sitetools.chromium_problem()
    if problem:
        unavailable(problem)
    pypdf = pytest.importorskip("pypdf")
    import build_pdf

    html = built_site[0]
    out = html.parent.parent  # the --path-output of the site build
    jb = pathlib.Path(sys.executable).parent / "jupyter-book"
    proc = subprocess.run(
        [
            str(jb),
            "build",
            str(ROOT),
            "--builder",
            "singlehtml",
            "-n",
            "--keep-going",
            "--path-output",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    single = out / "_build" / "singlehtml"
    path = html / PDF_NAME
    build_pdf.print_pdf(single, path)
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return reader, text, single


def _chapter_entries():
    """The contents entry of each notebook: "N. Title" for a numbered chapter, the
    bare title for an appendix (a file name that does not start with a digit)."""
    entries, number = [], 0
    for path in notebook_paths():
        first = "".join(load_notebook(path)["cells"][0]["source"])
        title = re.match(r"# (.+)", first).group(1).strip()
        if path.stem[0].isdigit():
            number += 1
            title = f"{number}. {title}"
        entries.append(title)
    return entries


def _flat(text):
    return re.sub(r"\s+", " ", text)


def test_pdf_has_contents_numbered_chapters_and_bookmarks(pdf):
    reader, text, _ = pdf
    assert len(reader.pages) >= 100, f"only {len(reader.pages)} pages"
    assert reader.outline, "no bookmarks"
    flat = _flat(text)
    contents = flat[flat.index("Contents") :][:3000]
    for entry in map(_flat, _chapter_entries()):
        assert entry in contents, f"the contents lack {entry!r}"
        assert flat.count(entry) >= 2, f"chapter {entry!r} is not in the body"


def _code_text():
    """Every code cell's source and text output: TeX there (plot labels) is code."""
    chunks = []
    for path in notebook_paths():
        for cell in load_notebook(path)["cells"]:
            if cell["cell_type"] == "code":
                chunks.append("".join(cell["source"]))
                for out in cell.get("outputs", []):
                    chunks.append("".join(out.get("text", "")))
    return "\n".join(chunks)


def test_pdf_has_no_raw_tex(pdf):
    _, text, _ = pdf
    code = _code_text()
    prose = [line for line in text.splitlines() if line.strip() not in code]
    raw = [line for line in prose if re.search(r"\$\$|\\frac|\\begin\{|\\mathbf|\\partial", line)]
    assert not raw, "raw TeX in the PDF's text:\n" + "\n".join(raw[:10])


def test_pdf_shows_every_diagram_and_plot(pdf):
    reader, text, single = pdf
    diagrams = sum(
        len(
            embed_diagrams.diagrams_in(
                "\n".join(
                    "".join(c["source"])
                    for c in load_notebook(p)["cells"]
                    if c["cell_type"] == "markdown"
                )
            )
        )
        for p in notebook_paths()
    )
    captions = set(re.findall(r"Figure (\d+\.\d+)", text))
    assert len(captions) >= diagrams, f"{len(captions)} figure captions, {diagrams} diagrams"
    page = (single / "intro.html").read_text(encoding="utf-8")
    rasters = len(re.findall(r'<img [^>]*src="[^"]+\.png"', page))
    embedded = 0
    for p in reader.pages:
        objects = (p.get("/Resources") or {}).get("/XObject") or {}
        embedded += sum(1 for o in objects.values() if o.get_object().get("/Subtype") == "/Image")
    assert embedded >= rasters, f"{embedded} images in the PDF, {rasters} plots on the page"


def test_pdf_citations_link_to_the_references(pdf):
    reader, text, _ = pdf
    assert "Mazur" in text and "References" in text
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                internal += 1
            elif annot.get("/Subtype") == "/Link" and annot.get("/A", {}).get("/S") == "/GoTo":
                internal += 1
    assert internal >= 50, f"only {internal} internal links (contents, citations, refs)"


def test_site_links_the_pdf():
    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    assert f'href="{PDF_NAME}"' in intro
    assert f"_build/html/{PDF_NAME}" in (ROOT / "Makefile").read_text()

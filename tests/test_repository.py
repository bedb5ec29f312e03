"""Repository checks: table of contents, images, citations, notebook hygiene."""

import re
import sys

import pytest

from conftest import ROOT, load_notebook, notebook_paths

sys.path.insert(0, str(ROOT / "scripts"))
import embed_diagrams  # noqa: E402

NOTEBOOKS = notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]
TOC = (ROOT / "_toc.yml").read_text(encoding="utf-8")
MARKDOWN_PAGES = sorted(  # the book's own .md pages: the root and every toc entry
    p for p in ROOT.glob("*.md") if re.search(rf"(file|root):\s*{p.stem}\s*$", TOC, re.M)
)


def markdown_sources():
    """(where, text) for every markdown cell of every notebook and every .md page."""
    for path in NOTEBOOKS:
        for i, cell in enumerate(load_notebook(path)["cells"]):
            if cell["cell_type"] == "markdown":
                yield path, f"{path.name} cell {i}", "".join(cell["source"])
    for path in MARKDOWN_PAGES:
        yield path, path.name, path.read_text(encoding="utf-8")


def code_cells(path):
    return [
        c
        for c in load_notebook(path)["cells"]
        if c["cell_type"] == "code" and "".join(c["source"]).strip()
    ]


def test_toc_and_notebooks_folder_list_the_same_files():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    in_toc = re.findall(r"file:\s*notebooks/(\S+)", toc)
    on_disk = [p.stem for p in NOTEBOOKS]
    assert sorted(in_toc) == on_disk, f"_toc.yml: {in_toc}, notebooks/: {on_disk}"
    assert in_toc == sorted(in_toc), "chapters should appear in file-name order"
    assert len(set(in_toc)) == len(in_toc), "a notebook is listed twice"
    for stem in re.findall(r"file:\s*(\S+)", toc):
        matches = list(ROOT.glob(f"{stem}.*"))
        assert matches, f"_toc.yml lists {stem}, which does not exist"


def test_every_embedded_image_exists_and_has_alt_text():
    found = 0
    for path, where, text in markdown_sources():
        for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)", text):
            found += 1
            assert len(alt.strip()) >= 15, f"{where}: {target[:60]} needs descriptive alt text"
            if target.startswith("data:"):  # an embedded diagram: the PNG names it
                stem = embed_diagrams.stem_of(target)
                assert stem and (ROOT / "images" / f"{stem}.svg").is_file(), (
                    f"{where}: an embedded image names no diagram in images/ ({stem})"
                )
            elif not re.match(r"[a-z]+://", target):
                assert (path.parent / target).resolve().is_file(), f"{where}: {target} missing"
        for tag in re.findall(r"<img\b[^>]*>", text):
            found += 1
            assert re.search(r'alt="[^"]{15,}"', tag), f"{where}: {tag} needs alt text"
    assert found > 0, "no images found: the checker is not looking in the right place"


def test_every_image_file_is_used():
    texts = [text for _, _, text in markdown_sources()]
    used = "\n".join(texts) + "\n".join(
        f"{stem}.svg" for text in texts for stem, _ in embed_diagrams.diagrams_in(text)
    )
    unused = [p.name for p in (ROOT / "images").iterdir() if p.name not in used]
    assert not unused, f"images/ holds files no page shows: {unused}"


def test_every_citation_is_in_references_bib():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", bib, flags=re.M))
    cited = 0
    for _, where, text in markdown_sources():
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text):
            for key in group.split(","):
                cited += 1
                assert key.strip() in keys, f"{where}: {key.strip()} is not in references.bib"
    assert cited > 0, "no citations found: the checker is not looking in the right place"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_was_executed_top_to_bottom_without_errors(path):
    cells = code_cells(path)
    assert cells, f"{path.name} has no code"
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it with `make execute`"
    )
    for i, cell in enumerate(cells):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name} code cell {i} stores an error"
            assert out.get("name") != "stderr", (
                f"{path.name} code cell {i} writes to stderr: {''.join(out['text'])[:300]}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_tensorflow_logging_is_silenced_before_import(path):
    first = "".join(code_cells(path)[0]["source"])
    for setting in ('"TF_CPP_MIN_LOG_LEVEL"] = "3"', '"TF_ENABLE_ONEDNN_OPTS"] = "0"'):
        assert setting in first, f"{path.name}: the first code cell must set {setting}"
        assert first.index(setting) < first.index("import tensorflow"), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_output_is_excluded_from_comparison(path):
    for i, cell in enumerate(code_cells(path)):
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        for marker in ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP", "NBVAL_CHECK_OUTPUT"):
            assert marker not in source, f"{path.name} code cell {i} uses {marker}"
        assert not [t for t in tags if t.startswith("nbval")], f"{path.name} cell {i}: {tags}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_chapter_has_overview_summary_exercises_and_solutions(path):
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    assert re.match(r"# \S", text), f"{path.name} must open with a # title"
    for heading in ("## Overview", "## Summary", "## Exercises"):
        assert heading in text, f"{path.name} lacks {heading}"
    opening = "".join(load_notebook(path)["cells"][0]["source"])
    assert "Colab" in opening, f"{path.name}: say at the top how the notebook runs on Colab"
    overview = text.split("## Overview", 1)[1].split("\n## ", 1)[0]
    assert "notation.md" in overview, f"{path.name}: link the Notation page in the overview"
    exercises = text.split("## Exercises", 1)[1]
    assert exercises.count("{dropdown}") >= 3, f"{path.name}: solutions belong in dropdowns"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_code_cells_are_short_and_narrow(path):
    for i, cell in enumerate(code_cells(path)):
        lines = "".join(cell["source"]).splitlines()
        assert len(lines) <= 25, f"{path.name} code cell {i} has {len(lines)} lines (max 25)"
        wide = [line for line in lines if len(line) > 88]
        assert not wide, f"{path.name} code cell {i} has lines over 88 characters: {wide[0]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_code_cell_is_introduced_by_prose(path):
    cells = [c for c in load_notebook(path)["cells"] if "".join(c["source"]).strip()]
    for before, cell in zip(cells, cells[1:]):
        if cell["cell_type"] == "code" and before["cell_type"] != "markdown":
            pytest.fail(
                f"{path.name}: a code cell follows another with no sentence between: "
                f"{''.join(cell['source'])[:80]!r}"
            )


def test_tests_never_run_nbval_in_lax_mode():
    for path in [ROOT / "pytest.ini", ROOT / "Makefile", ROOT / ".ci" / "run"]:
        assert "nbval-lax" not in path.read_text(encoding="utf-8"), path.name
    assert "--nbval " in (ROOT / "pytest.ini").read_text(encoding="utf-8") + " "


NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?:[eE][-+]?\d+)?(?![\w.])")


def significant_digits(text):
    mantissa = re.split(r"[eE]", text.lstrip("-"))[0].replace(".", "").lstrip("0")
    return len(mantissa)


def printed_values(nb):
    """Every number in the notebook's code and outputs (published data is typed in code)."""
    values = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        chunks = ["".join(cell["source"])]
        for out in cell["outputs"]:
            chunks.append("".join(out.get("text", "")))
            chunks.append("".join(out.get("data", {}).get("text/plain", "")))
            chunks.append("".join(out.get("data", {}).get("text/markdown", "")))
        values += [float(m) for m in NUMBER.findall("\n".join(chunks))]
    return values


def agrees(quoted, values):
    """True if some computed value, rounded as the prose rounded it, gives `quoted`."""
    q = float(quoted)
    if "e" in quoted.lower():
        decimals = len(re.split(r"[eE]", quoted)[0].split(".")[1])
        exponent = int(re.split(r"[eE]", quoted)[1])
        tolerance = 0.5 * 10.0 ** (exponent - decimals)
    else:
        tolerance = 0.5 * 10.0 ** -len(quoted.split(".")[1])
    return any(abs(abs(v) - abs(q)) <= tolerance * (1 + 1e-9) for v in values)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_numbers_quoted_in_the_prose_are_computed_in_the_notebook(path):
    """nbval guards the outputs; this guards the prose that quotes them.

    Every number with 4 or more significant digits in a markdown cell must be what
    some code output (or typed-in published data) of the same notebook gives when
    rounded the way the prose rounds it.
    """
    nb = load_notebook(path)
    values = printed_values(nb)
    stray = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for quoted in NUMBER.findall("".join(cell["source"])):
            if significant_digits(quoted) >= 4 and not agrees(quoted, values):
                stray.append(quoted)
    assert not stray, f"{path.name}: prose quotes numbers no cell computes: {stray}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_diagrams_are_captioned_figures_that_the_text_cites(path):
    """Each diagram has a caption (the image's title) and is cited as {numref}`fig-…`.

    _ext/book_site.py turns such an image into "Figure N.M" on the site.
    """
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    for line in text.splitlines():
        for target, title in re.findall(
            r"!\[[^\]]*\]\((\.\./images/[^)\s]+|data:image/png;base64,[^)\s]+)"
            r'(?:\s+"([^"]*)")?\)',
            line,
        ):
            stem = embed_diagrams.stem_of(target)
            assert stem, f"{path.name}: an embedded image names no diagram"
            stem = stem.replace("_", "-")
            assert title, f'{path.name}: {stem} needs a caption: ![alt](… "Caption.")'
            assert line.strip().startswith("!["), f"{path.name}: {stem} must stand alone"
            assert f"{{numref}}`fig-{stem}`" in text, (
                f"{path.name}: cite it as {{numref}}`fig-{stem}`"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_labelled_equations_are_cited(path):
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    labels = re.findall(r"\$\$\s*\((eq-[\w-]+)\)", text)
    assert labels, f"{path.name}: label the chapter's central equations: $$ ... $$ (eq-…)"
    for label in labels:
        assert f"{{eq}}`{label}`" in text, f"{path.name}: {label} is never cited with {{eq}}"


ROUNDOFF = re.compile(r"\d\.\de-(1[3-9]|[2-9]\d)|\b0\.0e\+00\b|largest (relative )?difference: ")


def defined_function(path, name):
    """The source of `def name(` in the notebook's code cells, or None."""
    for cell in code_cells(path):
        source = "".join(cell["source"])
        match = re.search(rf"^def {name}\(.*?(?=^\S|\Z)", source, re.M | re.S)
        if match:
            return match.group(0).rstrip()
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_round_off_is_printed_as_a_result(path):
    """Agreements are printed as a bound ("largest difference < 1e-13"), never as
    round-off digits, which change with the CPU and the library versions."""
    for i, cell in enumerate(code_cells(path)):
        for out in cell["outputs"]:
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            match = ROUNDOFF.search(text)
            assert not match, (
                f"{path.name} code cell {i} prints round-off "
                f"{match.group(0)!r}: use agree(label, a, b, tol)"
            )


def test_agree_is_one_function_in_every_notebook():
    """Notebooks stand alone, so each defines `agree`; every copy is the same code."""
    sources = {p.name: defined_function(p, "agree") for p in NOTEBOOKS}
    defined = {name: src for name, src in sources.items() if src}
    assert defined, "no notebook defines agree()"
    reference = next(iter(defined.values()))
    differ = [name for name, src in defined.items() if src != reference]
    assert not differ, f"agree() differs from {next(iter(defined))} in {differ}"


def test_the_round_off_check_can_fail():
    assert ROUNDOFF.search("largest difference: 1.4e-17")
    assert ROUNDOFF.search("Keras vs ours: 0.0e+00")
    assert ROUNDOFF.search("gap 5.6e-17")
    assert not ROUNDOFF.search("largest difference < 1e-13")
    assert not ROUNDOFF.search("lowers E_total by 6.67e-09")

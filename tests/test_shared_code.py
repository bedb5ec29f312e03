"""One source for shared code, and one meaning for each function name.

- Code that a later chapter reuses from chapter 5 sits in cells tagged `shared`
  whose source equals chapter 5's (`python scripts/shared_cells.py --sync`
  rewrites the copies).
- A function name defined in two notebooks has the same signature in both.
"""

import ast
import copy
import importlib.util

import pytest

from conftest import ROOT, load_notebook, notebook_paths

spec = importlib.util.spec_from_file_location("shared_cells", ROOT / "scripts" / "shared_cells.py")
shared_cells = importlib.util.module_from_spec(spec)
spec.loader.exec_module(shared_cells)

CHAPTER_5 = load_notebook(shared_cells.SOURCE)
REFERENCE = shared_cells.originals(CHAPTER_5)
SHARED_NAMES = {"expect_shape", "check_inputs", "rnn_forward", "bptt"}
OTHERS = [p for p in notebook_paths() if p != shared_cells.SOURCE]


def top_level_functions(path):
    """(name, signature, tags) of every function defined at a cell's top level."""
    for cell in load_notebook(path)["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if source.lstrip().startswith(("%", "!")):
            continue
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef):
                tags = cell.get("metadata", {}).get("tags", [])
                yield node.name, ast.unparse(node.args), tags


def test_chapter_5_defines_the_shared_functions():
    defined = {
        node.name
        for source in REFERENCE.values()
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
    }
    assert SHARED_NAMES <= defined, f"chapter 5's shared cells define {sorted(defined)}"


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_shared_cells_are_verbatim_copies_of_chapter_5(path):
    problems = shared_cells.differences(load_notebook(path), REFERENCE)
    assert not problems, f"{path.name}: {problems}; run python scripts/shared_cells.py --sync"


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_shared_functions_are_only_defined_in_shared_cells(path):
    for name, _, tags in top_level_functions(path):
        if name in SHARED_NAMES:
            assert shared_cells.TAG in tags, (
                f"{path.name} defines {name} outside a cell tagged "
                f"{shared_cells.TAG!r}: copy chapter 5's cell, or use another name"
            )


def test_the_copy_check_catches_a_changed_copy():
    notebook = copy.deepcopy(CHAPTER_5)
    cell = shared_cells.shared_cells(notebook)[-1]
    cell["source"] = "".join(cell["source"]).replace("0.5", "0.25", 1)
    assert shared_cells.differences(notebook, REFERENCE), "a changed copy went unnoticed"


def test_a_function_name_means_one_thing_in_the_whole_book():
    seen = {}
    for path in notebook_paths():
        for name, signature, _ in top_level_functions(path):
            seen.setdefault(name, {}).setdefault(signature, []).append(path.stem)
    clashes = {name: by_sig for name, by_sig in seen.items() if len(by_sig) > 1}
    assert not clashes, "one name, several signatures: " + "; ".join(
        f"{name}: " + ", ".join(f"({sig}) in {sorted(set(where))}" for sig, where in by.items())
        for name, by in clashes.items()
    )

"""Keep the code that later chapters reuse from chapter 5 identical to chapter 5's.

Chapter 5 defines the book's Elman-network functions (`expect_shape`,
`check_inputs`, `rnn_forward`, `bptt`) in code cells tagged `shared`. A later
chapter that needs one carries a verbatim copy in a cell with the same tag, so
that each notebook still runs alone (on Colab, on Binder). A cell is matched to
chapter 5's by the first function it defines.

    python scripts/shared_cells.py          # report copies that differ (exit 1)
    python scripts/shared_cells.py --sync   # overwrite them with chapter 5's source
"""

import ast
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks" / "05_bptt.ipynb"
TAG = "shared"


def first_def(source):
    """Name of the first top-level function defined in a cell's source."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            return node.name
    raise ValueError(f"a cell tagged {TAG!r} defines no function:\n{source}")


def shared_cells(notebook):
    """The code cells of a notebook (parsed JSON) that carry the `shared` tag."""
    return [
        c
        for c in notebook["cells"]
        if c["cell_type"] == "code" and TAG in c.get("metadata", {}).get("tags", [])
    ]


def originals(source_notebook):
    """{first function name: source} for chapter 5's shared cells."""
    return {
        first_def("".join(c["source"])): "".join(c["source"]) for c in shared_cells(source_notebook)
    }


def differences(notebook, reference):
    """(function name, problem) for each shared cell that is not a verbatim copy."""
    found = []
    for cell in shared_cells(notebook):
        source = "".join(cell["source"])
        name = first_def(source)
        if name not in reference:
            found.append((name, f"chapter 5 has no shared cell defining {name}"))
        elif source != reference[name]:
            found.append((name, "differs from chapter 5's cell"))
    return found


def main(sync):
    reference = originals(json.loads(SOURCE.read_text(encoding="utf-8")))
    status = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if path == SOURCE:
            continue
        text = path.read_text(encoding="utf-8")
        notebook = json.loads(text)
        problems = differences(notebook, reference)
        if problems and sync:
            for cell in shared_cells(notebook):
                name = first_def("".join(cell["source"]))
                if name in reference:
                    cell["source"] = reference[name].splitlines(keepends=True)
            new = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
            path.write_text(new, encoding="utf-8")
            print(f"{path.name}: synced {', '.join(n for n, _ in problems)}")
            problems = differences(notebook, reference)
        for name, problem in problems:
            print(f"{path.name}: {name}: {problem}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sync="--sync" in sys.argv[1:]))

"""Every notebook stands alone, as Colab opens it (one .ipynb, nothing beside it).

Static checks of the code cells (parsed with ast, IPython magics stripped):
imports come only from the standard library or from packages Colab preinstalls
(no local module, no sys.path tricks), no file is opened or loaded, nothing is
downloaded, no shell or %run escapes. tests/test_binder_path.py executes every
notebook with an audit hook that enforces the same at run time.

The diagrams travel inside each notebook's markdown as PNG data URIs, which Colab
shows (tests/test_embedded_diagrams.py, tests/test_lone_notebook.py).
"""

import ast
import pathlib
import re
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Top-level packages a notebook may import: the standard library plus what
# Colab ships preinstalled (TensorFlow, Keras, NumPy, Matplotlib, IPython...).
COLAB_PACKAGES = {
    "numpy",
    "tensorflow",
    "keras",
    "matplotlib",
    "mpl_toolkits",
    "IPython",
    "scipy",
    "pandas",
}
ALLOWED = COLAB_PACKAGES | set(sys.stdlib_module_names)

# Calls that read, load, fetch or run something outside the notebook.
FORBIDDEN_CALLS = {
    "open",
    "exec",
    "eval",
    "__import__",
    "execfile",
    "load",
    "loadtxt",
    "genfromtxt",
    "fromfile",
    "memmap",
    "read_csv",
    "read_json",
    "read_file",
    "read_text",
    "read_bytes",
    "imread",
    "load_model",
    "load_weights",
    "get_file",
    "urlopen",
    "urlretrieve",
    "import_module",
    "chdir",
    "listdir",
    "glob",
    "rglob",
    "iterdir",
    "walk",
    "TextLineDataset",
    "TFRecordDataset",
    "list_files",
    "GFile",
}
ALLOWED_DOTTED = {
    # names that merely share a word with a forbidden call
    "json.loads",
    "pickle.loads",
}
FORBIDDEN_MAGICS = re.compile(
    r"^\s*(!|%(run|load|cd|pip|conda|sx|system|bash|sh|"
    r"%bash|%sh|%writefile|%script|%%script|%%writefile))"
)
LOCAL_PATH = re.compile(
    r"(^|[\s'\"])(\.\.?/|/work/|~/)|\.(csv|npy|npz|txt|json|h5|keras|"
    r"pkl|pickle|png|svg|jpg|ipynb|py)$"
)


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def _python_source(source):
    """The cell without IPython magics and shell escapes (checked separately)."""
    lines = []
    for line in source.splitlines():
        lines.append("" if re.match(r"^\s*[%!]", line) else line)
    return "\n".join(lines)


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _problems(path):
    problems = []
    for index, source in _code_cells(path):
        where = f"{path.name} cell {index}"
        for line in source.splitlines():
            if FORBIDDEN_MAGICS.match(line):
                problems.append(f"{where}: shell/magic escape {line.strip()!r}")
        try:
            tree = ast.parse(_python_source(source))
        except SyntaxError as err:
            problems.append(f"{where}: does not parse ({err})")
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if isinstance(node, ast.ImportFrom) and node.level:
                    problems.append(f"{where}: relative import")
                    continue
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                for name in names:
                    top = name.split(".")[0]
                    if top not in ALLOWED:
                        problems.append(f"{where}: imports {name!r} (not stdlib/Colab)")
                    elif top in ("importlib", "runpy", "imp"):
                        problems.append(f"{where}: imports {name!r} (dynamic import)")
            elif isinstance(node, ast.Call):
                dotted = _dotted(node.func)
                last = dotted.split(".")[-1] if dotted else ""
                if last in FORBIDDEN_CALLS and dotted not in ALLOWED_DOTTED:
                    problems.append(f"{where}: calls {dotted}() (reads/fetches/runs files)")
                if dotted in (
                    "sys.path.append",
                    "sys.path.insert",
                    "sys.path.extend",
                    "site.addsitedir",
                ):
                    problems.append(f"{where}: changes sys.path")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if "\n" not in node.value and LOCAL_PATH.search(node.value.strip()):
                    problems.append(f"{where}: names a local path {node.value!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_needs_nothing_beside_it(path):
    problems = _problems(path)
    assert not problems, "\n".join(problems)


def test_the_checker_catches_a_local_import(tmp_path):
    """The checks above can fail: a notebook importing a local module is caught."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nfrom diagrams import style"),
        nbformat.v4.new_code_cell("data = np.loadtxt('../data/x.csv')"),
        nbformat.v4.new_code_cell("with open('notes.txt') as f:\n    pass"),
        nbformat.v4.new_code_cell("!pip install foo\n%run helper.py"),
        nbformat.v4.new_code_cell("import sys\nsys.path.append('../scripts')"),
    ]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    text = "\n".join(_problems(path))
    for expected in (
        "imports 'diagrams'",
        "np.loadtxt",
        "calls open()",
        "pip install",
        "%run",
        "changes sys.path",
        "'../data/x.csv'",
    ):
        assert expected in text, f"{expected!r} not reported in:\n{text}"

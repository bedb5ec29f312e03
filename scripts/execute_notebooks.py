"""Re-execute notebooks top to bottom in a fresh kernel and store their outputs.

Each notebook runs with its own folder as the working directory, exactly as
nbval, Binder and a reader's JupyterLab run it. With no arguments, every
notebook in notebooks/ is executed.

    python scripts/execute_notebooks.py                      # all of them
    python scripts/execute_notebooks.py notebooks/02_*.ipynb  # some of them
"""

import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
TIMEOUT_S = 600


def run(path):
    """Execute one notebook from its own folder; return (notebook, seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def execute(path):
    """Execute one notebook in place; return the seconds it took."""
    nb, seconds = run(path)
    nbformat.write(nb, path)
    return seconds


def main(argv):
    paths = [pathlib.Path(p).resolve() for p in argv]
    paths = paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        seconds = execute(path)
        print(f"{seconds:6.1f} s  {path}")


if __name__ == "__main__":
    main(sys.argv[1:])

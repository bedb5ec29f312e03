"""Shared fixtures: paths, the notebooks, and one build of the book per test run."""

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent


def notebook_paths():
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def load_notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the book once, exactly as `make book` does, into a temporary folder.

    Returns (html folder, completed process) so tests can inspect both the pages
    and the build log.
    """
    out = tmp_path_factory.mktemp("book")
    proc = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going",
         "--path-output", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )
    return out / "_build" / "html", proc

"""Shared fixtures: paths, the notebooks, and one build of the book per test run."""

import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import sitetools  # noqa: E402


def notebook_paths():
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def load_notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the book once, exactly as `make book` does, into a temporary folder.

    Returns (html folder, exit code, build log) so tests can inspect both the
    pages and the log.
    """
    out = tmp_path_factory.mktemp("book")
    returncode, _, log, html = sitetools.build_site(out)
    return html, returncode, log


def unavailable(reason):
    """Skip a test that needs something missing here; in CI, fail it instead."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so this test may not be skipped: {reason}")
    pytest.skip(reason)

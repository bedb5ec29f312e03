"""A notebook opened alone shows every diagram, as on Colab or GitHub.

Each notebook is copied into an empty folder (no images/, nothing beside it),
JupyterLab is started there, and Debian's Chromium opens the notebook: every
diagram the notebook's markdown carries must be displayed, decoded, with a size.
Playwright may reach nothing but that JupyterLab on 127.0.0.1.
"""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, load_notebook, notebook_paths, sitetools, unavailable

sys.path.insert(0, str(ROOT / "scripts"))
import embed_diagrams  # noqa: E402

pytestmark = pytest.mark.xdist_group("lab")

NOTEBOOKS = notebook_paths()


def _diagram_count(path):
    text = "\n".join(
        "".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown"
    )
    return len(embed_diagrams.diagrams_in(text))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab over a folder that holds the notebooks and nothing else."""
    problem = sitetools.chromium_problem()
    if problem:
        unavailable(problem)
    lone = tmp_path_factory.mktemp("lone")
    for path in NOTEBOOKS:
        shutil.copy(path, lone / path.name)
    settings = tmp_path_factory.mktemp("settings")
    # Render every cell at once (JupyterLab otherwise renders cells as they scroll in).
    (settings / "overrides.json").write_text(
        json.dumps({"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}})
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "lone-notebook-test"
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings / "user"),
        JUPYTER_CONFIG_DIR=str(settings / "config"),
    )
    proc = subprocess.Popen(
        [
            str(pathlib.Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={lone}",
            f"--LabApp.app_settings_dir={settings}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=lone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:]
                time.sleep(0.5)
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def shown(lab):
    """{notebook name: [(decoded, width) for each distinct diagram JupyterLab shows]}."""
    from playwright.sync_api import sync_playwright

    base, token = lab
    result = {}
    with sync_playwright() as pw:
        browser = sitetools.launch(pw)
        for path in NOTEBOOKS:
            context = sitetools.offline_context(
                browser, [], viewport={"width": 1280, "height": 900}
            )
            page = context.new_page()
            page.set_default_timeout(90_000)
            # A workspace of its own, so that no earlier notebook is still open.
            page.goto(f"{base}/lab/workspaces/{path.stem}/tree/{path.name}?reset&token={token}")
            expected = _diagram_count(path)
            selector = (
                ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell "
                '.jp-RenderedMarkdown img[src^="data:image/png"]'
            )
            if expected:
                page.wait_for_function(
                    f"() => document.querySelectorAll('{selector}').length >= {expected}"
                )
            result[path.name] = page.evaluate(
                f"""async () => {{
                const imgs = [...document.querySelectorAll('{selector}')];
                await Promise.all(imgs.map(i => i.decode().catch(() => null)));
                // JupyterLab may keep a second rendering of a cell: one entry per image
                const seen = new Map();
                for (const i of imgs) {{
                  const ok = i.complete && i.naturalWidth > 0;
                  if (!seen.has(i.src) || ok) seen.set(i.src, [ok, i.naturalWidth]);
                }}
                return [...seen.values()];
                }}"""
            )
            context.close()
        browser.close()
    return result


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lone_notebook_shows_its_diagrams(shown, path):
    images = shown[path.name]
    assert len(images) == _diagram_count(path), f"{len(images)} diagrams shown"
    assert all(ok and width > 300 for ok, width in images), images

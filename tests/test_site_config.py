"""The site's configuration and the GitHub workflows that publish and test it.

The workflows are validated against the published GitHub Actions schema
(check-jsonschema's built-in copy, offline), and they run the README's commands
(`make book`, `make pdf`, `bash .ci/run`), no second recipe.
"""

import pathlib
import re
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import sitetools  # noqa: E402

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name):
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.get("on", workflow.pop(True, None))  # YAML 1.1: on -> True
    return workflow


def _steps(workflow):
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def test_workflows_match_the_github_actions_schema():
    """check-jsonschema validates every workflow against the published GitHub
    Actions schema it ships (no network); `make check` runs the same check."""
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pages.yml", "ci.yml"}
    tool = pathlib.Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in files:
        for job_name, step in _steps(_load(path.name)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), (
                    f"{path.name}/{job_name}: pin {step['uses']} to a major version"
                )


def test_the_schema_check_can_fail(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    tool = pathlib.Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0, proc.stdout


def test_pages_workflow_builds_with_make_book_and_deploys_on_push_to_main():
    workflow = _load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    runs = [s["run"] for _, s in _steps(workflow) if "run" in s]
    runs = [r for r in runs if not r.startswith("apt-get")]  # the container's packages
    assert runs == ["make book", "make pdf"], runs
    upload = [
        s
        for _, s in _steps(workflow)
        if s.get("uses", "").startswith("actions/upload-pages-artifact")
    ]
    assert upload and upload[0]["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])


def test_ci_workflow_runs_ci_run():
    workflow = _load("ci.yml")
    runs = [s["run"].strip() for _, s in _steps(workflow) if "run" in s]
    assert runs[-1] == "bash .ci/run", runs
    assert all(r == "bash .ci/run" or r.startswith("apt-get") for r in runs), runs
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.M), "the CI script must run make test"
    assert "chromium" in script


def test_config_names_the_repository_once():
    cfg = sitetools.load_config()
    url = cfg["repository"]["url"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url), url
    assert cfg["repository"]["branch"] == "main"
    text = (ROOT / "_config.yml").read_text()
    org_repo = "/".join(url.split("/")[-2:])
    assert text.count(org_repo) == 1, "the repository must be named in one place only"
    html = cfg["html"]
    assert html["use_repository_button"] and html["use_issues_button"]
    assert html["use_edit_page_button"]


def test_config_launch_buttons_and_features():
    cfg = sitetools.load_config()
    launch = cfg["launch_buttons"]
    assert launch["notebook_interface"] == "jupyterlab"
    assert launch["binderhub_url"] == "https://mybinder.org"
    assert launch["colab_url"] == "https://colab.research.google.com"
    sphinx = cfg["sphinx"]
    assert "sphinx-mathjax-offline" in sphinx["extra_extensions"]
    assert not re.search(r"https?://", sphinx["config"]["mathjax_path"]), "no CDN"
    assert sphinx["config"]["numfig"] is True
    assert sphinx["config"]["html_theme_options"]["use_download_button"] is True
    assert "{bibliography}" in (ROOT / "references.md").read_text()
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


SAMPLE_CHAPTER = r"""# Sample

## Overview

$$
\delta_{o1} = \frac{\partial E_{total}}{\partial net_{o1}}
$$ (eq-delta)

```{figure} dot.svg
:name: fig-dot
:alt: A blue dot.

One neuron.
```

Equation {eq}`eq-delta` and {numref}`fig-dot`.

![A red dot in the middle of a white square](images/red_dot.svg "The weight $W_{hh}$ as a dot.")

And {numref}`fig-red-dot`.

## Exercises

**Exercise 1.** Why?

:::{dropdown} Solution
Because $x^2 \geq 0$.
:::
"""


def test_sample_chapter_numbers_equations_and_figures(tmp_path):
    """The config numbers labelled equations and figures per chapter, and the
    references to them carry those numbers; solutions render as dropdowns."""
    book = tmp_path / "book"
    shutil.copytree(ROOT / "_ext", book / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("_config.yml", "references.bib", "references.md"):
        shutil.copy(ROOT / name, book / name)
    (book / "intro.md").write_text("# Intro\n")
    (book / "sample.md").write_text(SAMPLE_CHAPTER)
    (book / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" '
        'height="20"><circle cx="10" cy="10" r="8"/></svg>'
    )
    (book / "images").mkdir()
    (book / "images" / "red_dot.svg").write_text(
        (book / "dot.svg").read_text().replace("<circle", '<circle fill="red"')
    )
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: Part\n    numbered: true\n"
        "    chapters:\n      - file: sample\n      - file: references\n"
    )
    jb = pathlib.Path(sys.executable).parent / "jupyter-book"
    proc = subprocess.run(
        [str(jb), "build", str(book), "-W", "-n", "--keep-going"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = (book / "_build" / "html" / "sample.html").read_text()
    assert re.search(r'<span class="eqno">\(1\.1\)', html), "equation not numbered (1.1)"
    assert re.search(r'href="#equation-eq-delta"[^>]*>\(1\.1\)</a>', html), "eq ref unnumbered"
    assert re.search(r"Figure 1\.1", html), "figure not numbered"
    assert re.search(r'href="#fig-dot"[^>]*><span class="std std-numref">Figure 1\.1', html)
    assert re.search(r'<details class="sd-sphinx-override sd-dropdown', html)
    # A diagram line becomes a numbered figure whose caption typesets its $...$
    # as math, whose alt text stays plain, and whose picture links to the SVG.
    figure = html[html.index('id="fig-red-dot"') :].split("</figure>")[0]
    assert "Figure 1.2" in figure and 'alt="A red dot in the middle' in figure
    assert re.search(r'<span class="math[^"]*">\\\(W_\{hh\}\\\)</span>', figure), figure
    assert "$" not in figure, figure
    assert re.search(r'<a [^>]*href="_images/red_dot\.svg"[^>]*><img ', figure), figure
    assert re.search(r'href="#fig-red-dot"[^>]*><span class="std std-numref">Figure 1\.2', html)
    assert "_static/mathjax/tex-chtml.js" in html

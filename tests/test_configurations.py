"""Strict nbval on three more configurations, against the same stored outputs.

The printed numbers must not depend on the machine that runs the book. The
pinned stack runs every notebook in tests/test_binder_path.py (a fresh venv from
requirements.txt, as Binder builds it); here every notebook runs again, each in
its own pytest process, on:

- noavx512:  numpy and OpenBLAS without AVX-512 kernels, as on most laptops;
- onethread: one CPU for numpy, OpenBLAS and TensorFlow (`taskset -c 0`);
- py312:     Python 3.12 with tensorflow-cpu 2.20, keras 3.10, numpy 2.0.2 and
             matplotlib 3.10, a Colab-like stack (requirements-py312.txt; `make
             test` creates .venv-py312 from it when Python 3.12 can be found).

No configuration has expected outputs of its own, and none uses a sanitizer.
"""

import os
import shutil
import subprocess

import pytest

from conftest import ROOT, notebook_paths, unavailable

VENV = ROOT / ".venv" / "bin" / "python"
VENV312 = ROOT / ".venv-py312" / "bin" / "python"
CONFIGS = {
    "noavx512": (
        VENV,
        [],
        {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL", "OPENBLAS_CORETYPE": "Haswell"},
    ),
    "onethread": (
        VENV,
        ["taskset", "-c", "0"],
        {
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "TF_NUM_INTRAOP_THREADS": "1",
            "TF_NUM_INTEROP_THREADS": "1",
        },
    ),
    "py312": (VENV312, [], {}),
}
HOW_TO_GET = {
    VENV: "run `make test`, which creates .venv",
    VENV312: "install Python 3.12 (for example `pyenv install 3.12`), then `make test` "
    "creates .venv-py312 from requirements-py312.txt",
}


def run_nbval(python, notebook, prefix=(), env=None):
    """Strict nbval on one notebook with `python`; the finished process."""
    return subprocess.run(
        [
            *prefix,
            str(python),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            str(notebook.relative_to(ROOT)),
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("notebook", notebook_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("config", CONFIGS)
def test_strict_nbval(config, notebook):
    python, prefix, env = CONFIGS[config]
    if not python.exists():
        unavailable(f"{config}: {python.relative_to(ROOT)} is missing: {HOW_TO_GET[python]}")
    if prefix and shutil.which(prefix[0]) is None:
        unavailable(f"{config}: {prefix[0]} not found (util-linux)")
    proc = run_nbval(python, notebook, prefix, env)
    assert proc.returncode == 0, f"{config}: {notebook.name}\n{proc.stdout[-6000:]}"

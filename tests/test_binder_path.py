"""The Binder path, as Binder (repo2docker) meets the repository.

repo2docker reads binder/ before the repository's root: binder/runtime.txt (the
Python version) and binder/requirements.txt, the reader's lean environment (what
the notebooks need, pinned exactly as in requirements.txt), and nothing else.
This test does the same on this machine:

1. copies the repository's files (git's tracked and untracked-but-not-ignored
   files, so no .venv, no _build) to a temporary folder;
2. makes a fresh virtual environment with `python3.11 -m venv` and installs
   binder/requirements.txt into it (then `pip check`), and then nbval and pytest,
   the test's own tools, at requirements.txt's pins;
3. runs strict nbval over every notebook in that environment: this is the
   pinned configuration of the notebook tests (tests/test_configurations.py has
   the others). Each notebook runs in the venv's own kernel, from its folder in
   the copy, with HOME set to an empty folder. An audit hook in the kernel
   records every file opened inside the copy or outside it (the real
   repository, its parent, the real HOME) and every connection or name lookup
   that is not 127.0.0.1: each must be absent. So the notebooks read no local
   file and reach no network, which is also what Colab needs;
4. starts that environment's JupyterLab (the interface the Binder button opens,
   and `make lab`) and fetches lab/tree/<notebook> for every notebook.

It takes a few minutes (installing TensorFlow dominates).
"""

import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import textwrap
import time
import urllib.request

import pytest

from conftest import unavailable

pytestmark = pytest.mark.xdist_group("binder")  # one venv, on one worker

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb"))
PYTHON = "python3.11"

AUDIT_MODULE = textwrap.dedent('''
    """Installed by tests/test_binder_path.py into the throw-away venv only."""
    import os
    import sys
    import threading

    _LOG = os.environ.get("BINDER_AUDIT_LOG")
    _COPY = os.environ.get("BINDER_AUDIT_COPY", "")
    _OUTSIDE = [p for p in os.environ.get("BINDER_AUDIT_OUTSIDE", "").split(os.pathsep) if p]
    _ALLOWED = [p for p in os.environ.get("BINDER_AUDIT_ALLOWED", "").split(os.pathsep) if p]
    _ALLOWED += [os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)]
    _LOCAL = {"127.0.0.1", "localhost", "::1", "0.0.0.0", None, ""}
    _busy = threading.local()

    def _under(path, roots):
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    def _record(kind, detail):
        _busy.on = True
        try:
            with open(_LOG, "a") as log:
                log.write(f"{kind}\\t{detail}\\n")
        finally:
            _busy.on = False

    def _hook(event, args):
        if getattr(_busy, "on", False):
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.fsdecode(args[0])
            path = os.path.realpath(os.path.abspath(path))
            if _under(path, _ALLOWED):
                return
            if _COPY and _under(path, [_COPY]):
                _record("local file", path)
            elif _under(path, _OUTSIDE):
                _record("outside the repository", path)
        elif event in ("socket.connect", "socket.sendto"):
            address = args[1] if len(args) > 1 else None
            host = address[0] if isinstance(address, tuple) and address else address
            if isinstance(host, str) and host not in _LOCAL and not host.startswith("/"):
                _record("network", f"{event} {address}")
        elif event == "socket.getaddrinfo":
            if args and args[0] not in _LOCAL:
                _record("network", f"{event} {args[0]}")
        elif event == "urllib.Request":
            _record("network", f"{event} {args[0] if args else ''}")

    if _LOG:
        sys.addaudithook(_hook)
''')


def _audited_kernelspec(python, log):
    """The fresh venv's own kernel, with the audit hook installed first.

    The log is set in the kernel's env only, so pytest itself is not audited.
    """
    launch = (
        "import _binder_audit, runpy; runpy.run_module('ipykernel_launcher', run_name='__main__')"
    )
    return {
        "argv": [str(python), "-c", launch, "-f", "{connection_file}"],
        "display_name": "Python 3 (audited)",
        "language": "python",
        "env": {"BINDER_AUDIT_LOG": str(log)},
    }


def _repo_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """(copy of the repository, venv python, timings) — removed afterwards."""
    if shutil.which(PYTHON) is None:
        unavailable(f"{PYTHON} not found: install Python 3.11 (runtime.txt)")
    base = tmp_path_factory.mktemp("binder")
    copy, venv, home = base / "repo", base / "venv", base / "home"
    home.mkdir()
    for name in _repo_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    timings = {}
    start = time.perf_counter()
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    timings["install"] = time.perf_counter() - start
    assert pip.returncode == 0, (
        f"pip install -r binder/requirements.txt failed:\n{pip.stderr[-4000:]}"
    )
    timings["binder_env_MB"] = _megabytes(venv)
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    tools = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            "requirements.txt",
            "nbval",
            "pytest",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert tools.returncode == 0, f"installing nbval failed:\n{tools.stderr[-4000:]}"
    try:
        yield copy, python, home, timings, check
    finally:
        print(
            "\nBinder path timings (s) and size (MB):", {k: round(v, 1) for k, v in timings.items()}
        )
        shutil.rmtree(base, ignore_errors=True)


def _kernel_env(copy, python, home):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "JUPYTER", "IPYTHON", "MPL", "KERAS", "VIRTUAL_ENV", "XDG_"))
    }
    venv = python.parent.parent
    real_home = os.path.realpath(os.path.expanduser("~"))
    # Temporary files (kernel connection files, TensorFlow's autograph sources) go
    # to a folder of the test's own: the clone may itself live under /tmp, whose
    # other contents count as outside the repository.
    tmp = home.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        TMPDIR=str(tmp),
        PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
        BINDER_AUDIT_COPY=os.path.realpath(copy),
        BINDER_AUDIT_OUTSIDE=os.pathsep.join(
            p
            for p in (os.path.realpath(ROOT), os.path.realpath(ROOT.parent), real_home)
            if p != os.sep
        ),
        BINDER_AUDIT_ALLOWED=os.pathsep.join(
            [
                os.path.realpath(venv),
                os.path.realpath(home),
                os.path.realpath(tmp),
                "/dev",
                "/proc",
                "/sys",
            ]
        ),
    )
    return env


def _megabytes(path):
    return (
        sum(
            p.stat().st_size
            for p in pathlib.Path(path).rglob("*")
            if p.is_file() and not p.is_symlink()
        )
        / 1e6
    )


def _pins(path):
    """{line without comment} for every requirement line of a file."""
    lines = (ROOT / path).read_text().splitlines()
    return {re.sub(r"\s+", " ", line.split("#")[0].strip()) for line in lines} - {""}


def test_binder_pins_are_those_of_requirements_txt():
    """binder/ holds a subset of requirements.txt, pin for pin, and the same Python."""
    binder, full = _pins("binder/requirements.txt"), _pins("requirements.txt")
    assert binder, "binder/requirements.txt is empty"
    assert binder <= full, f"pins not in requirements.txt: {sorted(binder - full)}"
    assert len(binder) < len(full), "binder/requirements.txt is not leaner"
    names = {re.split(r"[=;\s]", line)[0].lower() for line in binder}
    for package in ("tensorflow-cpu", "keras", "numpy", "matplotlib", "jupyterlab", "ipykernel"):
        assert package in names, f"binder/requirements.txt lacks {package}"
    for tooling in ("jupyter-book", "sphinx", "playwright", "pytest", "nbval", "jupytext"):
        assert tooling not in names, f"binder/requirements.txt installs {tooling}"
    assert (ROOT / "binder" / "runtime.txt").read_text() == (ROOT / "runtime.txt").read_text()


def test_runtime_matches_the_environment(binder):
    copy, python, _, _, _ = binder
    runtime = (copy / "binder" / "runtime.txt").read_text().strip()
    assert runtime.startswith("python-"), runtime
    version = subprocess.run(
        [str(python), "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert runtime == f"python-{version}", f"runtime.txt says {runtime}, venv has {version}"


def test_requirements_are_consistent(binder):
    check = binder[4]  # pip check right after installing binder/requirements.txt
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("path", ["requirements.txt", "binder/requirements.txt"])
def test_requirements_name_nothing_local(path):
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        assert not line.startswith(("-e", "-r", "-c", ".", "/", "file:", "git+")), line
        assert "==" in line, f"unpinned requirement: {line}"


def _run_nbval(copy, python, home, notebooks, log):
    """Strict nbval on notebooks in the fresh venv's audited kernel; (process, audit)."""
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pathlib.Path(site_packages, "_binder_audit.py").write_text(AUDIT_MODULE)
    kernel_dir = python.parent.parent / "share" / "jupyter" / "kernels" / "audited"
    kernel_dir.mkdir(parents=True, exist_ok=True)
    (kernel_dir / "kernel.json").write_text(json.dumps(_audited_kernelspec(python, log)))
    env = _kernel_env(copy, python, home)
    ini = home.parent / "nbval.ini"  # pytest.ini's --nbval-current-env would win
    ini.write_text("[pytest]\n")
    proc = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            "-q",
            "-c",
            str(ini),
            "--rootdir",
            str(copy),
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-kernel-name",
            "audited",
            *map(str, notebooks),
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    audit = log.read_text().splitlines() if log.exists() else []
    return proc, audit


def test_every_notebook_passes_strict_nbval_in_the_binder_environment(binder):
    """The pinned configuration: strict nbval in the fresh venv, as Binder runs it.

    Each notebook runs from its own folder in the copy; the audit hook records any
    local file it reads and any network it reaches. The other configurations are
    in tests/test_configurations.py.
    """
    copy, python, home, timings, _ = binder
    start = time.perf_counter()
    proc, audit = _run_nbval(copy, python, home, NOTEBOOKS, home.parent / "audit.log")
    timings["nbval"] = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert not audit, "notebooks reached outside themselves:\n" + "\n".join(sorted(set(audit))[:40])


def test_the_audit_catches_local_files_and_network(binder):
    """The audit above can fail: a notebook reading files or the network is caught."""
    import nbformat

    copy, python, home, _, _ = binder
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import socket\n"
            "open('../requirements.txt').read()\n"
            f"open({str(ROOT / 'runtime.txt')!r}).read()\n"
            "try:\n    socket.getaddrinfo('pypi.invalid', 443)\nexcept OSError:\n    pass"
        )
    ]
    bad = copy / "notebooks" / "zz_reads_outside.ipynb"
    nbformat.write(nb, bad)
    try:
        proc, audit = _run_nbval(copy, python, home, [bad], home.parent / "bad.log")
    finally:
        bad.unlink()
    assert proc.returncode == 0, proc.stdout[-3000:]
    text = "\n".join(audit)
    assert "local file" in text and "requirements.txt" in text, text
    assert "outside the repository" in text and "runtime.txt" in text, text
    assert "network" in text and "pypi.invalid" in text, text


def test_jupyterlab_opens_every_notebook(binder):
    copy, python, home, timings, _ = binder
    port, token = _free_port(), "binder-path-test"
    env = _kernel_env(copy, python, home)
    start = time.perf_counter()
    lab = subprocess.Popen(
        [
            str(python.parent / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={copy}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=copy,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert lab.poll() is None, lab.stderr.read().decode()[-3000:]
                time.sleep(0.5)
        for nb in NOTEBOOKS:
            page = urllib.request.urlopen(f"{base}/lab/tree/{nb}?token={token}", timeout=30)
            assert page.status == 200 and b"jupyter-config-data" in page.read()
            model = json.load(
                urllib.request.urlopen(f"{base}/api/contents/{nb}?token={token}", timeout=30)
            )
            assert model["type"] == "notebook" and model["content"]["cells"], nb
        timings["jupyterlab"] = time.perf_counter() - start
    finally:
        lab.terminate()
        lab.wait(timeout=30)

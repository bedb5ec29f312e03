"""Figures of merit, printed as a table against their targets (`make bench`).

- each notebook's execution time in a fresh kernel (target: Part I <= 20 s,
  Part II <= 30 s), without rewriting the notebook;
- the strict nbval run over every notebook, as `make test` runs it;
- the book's build time into a fresh folder (target <= 60 s);
- the BPTT training step against Keras (scripts/bench_bptt_step.py), and the
  site's page sizes and render time (scripts/site/metrics.py), where present.

These are measurements, not tests: nothing here fails the build.
"""

import pathlib
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent
TARGET_S = {"0" + str(n): 20 for n in range(1, 5)} | {"05": 30, "06": 30}


def notebook_seconds(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def command_seconds(args):
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def main():
    print(f"{'figure':58s} {'value':>9s}  target")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        target = TARGET_S.get(path.name[:2], 60)
        seconds = notebook_seconds(path)
        flag = "ok" if seconds <= target else "OVER"
        print(f"execute {path.name:50s} {seconds:7.1f} s  <= {target} s {flag}")
    seconds, proc = command_seconds([sys.executable, "-m", "pytest", "-q", "notebooks"])
    print(f"{'strict nbval over every notebook':58s} {seconds:7.1f} s  (exit {proc.returncode})")
    with tempfile.TemporaryDirectory() as out:
        seconds, proc = command_seconds(
            [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going",
             "--path-output", out])
    flag = "ok" if seconds <= 60 and proc.returncode == 0 else "OVER/FAILED"
    print(f"{'book build (fresh, stored outputs)':58s} {seconds:7.1f} s  <= 60 s {flag}")
    for extra in (ROOT / "scripts" / "bench_bptt_step.py", ROOT / "scripts" / "site" / "metrics.py"):
        if extra.exists():
            print(f"\n$ python {extra.relative_to(ROOT)}", flush=True)
            subprocess.run([sys.executable, str(extra)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()

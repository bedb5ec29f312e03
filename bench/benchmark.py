"""Figures of merit, printed as a table against their targets (`make bench`).

- each notebook's execution time in a fresh kernel (target: Part I <= 20 s,
  Part II <= 30 s, Part III <= 60 s), without rewriting the notebook;
- strict nbval over every notebook on the pinned stack, in parallel (target <= 5 min);
- the whole test command, as `make test` and `.ci/run` run it: strict nbval on four
  configurations, the build, the browser and every other test (target <= 15 min);
- the BPTT training step against Keras (bench/bench_bptt_step.py);
- the site: build time into a fresh folder (target <= 60 s), page sizes and
  render time (bench/metrics.py).

These are measurements, not tests: nothing here fails the build.
"""

import pathlib
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET_S = {"0" + str(n): 20 for n in range(1, 5)} | {"05": 30, "06": 30}
NBVAL_TARGET_S = 300  # the whole book's strict nbval run on one configuration
TESTS_TARGET_S = 900  # `make test`: every test, four configurations


def run(path):
    """Execute a notebook from its own folder, as `jupyter execute` does; the file
    is not rewritten. Returns (notebook, seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def command_seconds(args):
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def main():
    print(f"{'figure':58s} {'value':>9s}  target")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        target = TARGET_S.get(path.name[:2], 60)
        _, seconds = run(path)  # the notebook file is not rewritten
        flag = "ok" if seconds <= target else "OVER"
        print(f"execute {path.name:50s} {seconds:7.1f} s  <= {target} s {flag}")
    for label, args, target in (
        (
            "strict nbval over every notebook (pinned, -n auto)",
            ["-q", "-n", "auto", "--dist", "loadfile", "notebooks"],
            NBVAL_TARGET_S,
        ),
        (
            "the whole test command (make test)",
            ["-q", "-n", "auto", "--dist", "loadgroup"],
            TESTS_TARGET_S,
        ),
    ):
        seconds, proc = command_seconds([sys.executable, "-m", "pytest", *args])
        flag = "ok" if seconds <= target and proc.returncode == 0 else "OVER"
        print(
            f"{label:58s} {seconds:7.1f} s  <= {target} s {flag} (exit {proc.returncode})",
            flush=True,
        )
    for extra in ("bench/bench_bptt_step.py", "bench/metrics.py"):
        print(f"\n$ python {extra}", flush=True)
        subprocess.run([sys.executable, extra], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()

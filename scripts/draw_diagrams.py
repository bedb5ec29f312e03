"""Draw every diagram of the book into images/ (or into --out) as SVG.

Each module in scripts/diagrams/ (other than style.py) defines
FIGURES = {"file_stem": function returning a matplotlib Figure}. The output is
deterministic, so tests/test_diagrams.py can check that the committed files in
images/ are exactly what this script draws.

    python scripts/draw_diagrams.py            # redraw images/
    python scripts/draw_diagrams.py --out DIR  # draw somewhere else
"""

import argparse
import importlib
import pathlib
import pkgutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from diagrams import style  # noqa: E402


def _legible(draw):
    """`draw`, with every text raised to the smallest legible size (style.legible)."""
    return lambda: style.legible(draw())


def all_figures():
    """Yield (stem, draw function) for every diagram, in a fixed order."""
    package = HERE / "diagrams"
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        if info.name == "style":
            continue
        module = importlib.import_module(f"diagrams.{info.name}")
        for stem, draw in sorted(getattr(module, "FIGURES", {}).items()):
            yield stem, _legible(draw)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=HERE.parent / "images")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, draw in all_figures():
        style.save(draw(), args.out / f"{stem}.svg")
        print(f"drew {args.out / stem}.svg")


if __name__ == "__main__":
    main()

"""nbval really guards the printed numbers: one changed digit makes it fail.

For every notebook, a copy has the last digit of its first printed taught number
(three or more decimals) changed, and the copy ends with that cell, since later
cells cannot affect it. Strict nbval must pass every cell before it and fail
exactly that one. The untouched notebooks pass in the configuration tests.
"""

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, notebook_paths

TAUGHT = re.compile(r"(?<![\d.eE+-])\d+\.\d{3,}(?![\deE])")


def change_one_digit(nb):
    """Change the last digit of the first taught number printed; return nbval's index.

    nbval numbers the code cells only, from 0. The notebook is cut after that cell.
    """
    index = -1
    for position, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        index += 1
        for out in cell["outputs"]:
            text = "".join(out.get("text", "")) if out.get("name") == "stdout" else ""
            match = TAUGHT.search(text)
            if match:
                end = match.end() - 1
                out["text"] = text[:end] + str((int(text[end]) + 1) % 10) + text[end + 1 :]
                nb["cells"] = nb["cells"][: position + 1]
                return index
    raise AssertionError("the notebook prints no number with 3 or more decimals")


@pytest.mark.parametrize("chapter", notebook_paths(), ids=lambda p: p.stem)
def test_nbval_fails_when_a_printed_digit_changes(chapter, tmp_path):
    nb = json.loads(chapter.read_text(encoding="utf-8"))
    changed_cell = change_one_digit(nb)
    (tmp_path / "notebooks").mkdir()
    shutil.copytree(ROOT / "images", tmp_path / "images")
    (tmp_path / "notebooks" / "changed.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

    report = tmp_path / "report.xml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
            "notebooks",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stdout[-3000:]
    cases = list(ET.parse(report).iter("testcase"))
    failed = [
        case.get("name")
        for case in cases
        if case.find("failure") is not None or case.find("error") is not None
    ]
    # nbval names a test after its cell: "Cell N" is the N-th code cell of the notebook.
    assert failed == [f"Cell {changed_cell}"], proc.stdout[-3000:]
    assert len(cases) == changed_cell + 1, "every cell before the changed one must run"

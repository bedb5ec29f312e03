"""nbval really guards the printed numbers: one changed digit makes it fail.

A copy of a chapter has one digit of one printed number changed. nbval must
pass the untouched copy and fail the changed one, on exactly that cell.
"""

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import ROOT

CHAPTER = ROOT / "notebooks" / "03_the_error.ipynb"


def change_one_digit(nb):
    """Change the last digit of the first printed number; return nbval's cell index.

    nbval numbers the code cells only, from 0.
    """
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    for index, cell in enumerate(code):
        for out in cell["outputs"]:
            if out.get("name") != "stdout":
                continue
            text = "".join(out["text"])
            match = re.search(r"\d\.\d{5,}", text)
            if match:
                end = match.end() - 1
                digit = str((int(text[end]) + 1) % 10)
                out["text"] = text[:end] + digit + text[end + 1:]
                return index
    raise AssertionError(f"{CHAPTER.name} prints no number with 5+ decimals")


def test_nbval_fails_when_a_printed_digit_changes(tmp_path):
    nb = json.loads(CHAPTER.read_text(encoding="utf-8"))
    (tmp_path / "notebooks").mkdir()
    shutil.copytree(ROOT / "images", tmp_path / "images")
    shutil.copy(CHAPTER, tmp_path / "notebooks" / "untouched.ipynb")
    changed_cell = change_one_digit(nb)
    (tmp_path / "notebooks" / "changed.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

    report = tmp_path / "report.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
         "-p", "no:cacheprovider", f"--junitxml={report}", "notebooks"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stdout[-3000:]

    failed = [
        (case.get("classname"), case.get("name"))
        for case in ET.parse(report).iter("testcase")
        if case.find("failure") is not None or case.find("error") is not None
    ]
    # nbval names a test after its cell: "Cell N" is the N-th cell of the notebook.
    assert failed == [("notebooks.changed.ipynb", f"Cell {changed_cell}")], failed
    assert "untouched" not in proc.stdout.split("short test summary")[-1]

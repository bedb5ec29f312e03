# The book's commands. Each one creates the virtual environment first if it is
# missing or older than requirements.txt, so a fresh clone needs nothing else.
#
#   make book      build the static site into _build/html
#   make test      run every test (nbval, repository checks, diagrams, build)
#   make lab       open the notebooks in JupyterLab
#   make execute   re-execute every notebook top to bottom, storing its outputs
#   make figures   redraw every diagram in images/
#   make bench     print the figures of merit (execution and build times)

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test lab execute figures bench clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

execute: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

figures: $(STAMP)
	$(BIN)/python scripts/draw_diagrams.py

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf _build

# The book's commands. Each one creates the virtual environment first if it is
# missing or older than requirements.txt, so a fresh clone needs nothing else.
#
#   make book      build the static site into _build/html
#   make test      run every test (make check, then strict nbval on four
#                  configurations, repository checks, diagrams, build, browser,
#                  PDF); creates .venv-py312 too
#   make lab       open the notebooks in JupyterLab
#   make execute   re-execute every notebook top to bottom, storing its outputs
#                  (jupyter execute; one notebook: make execute NB=notebooks/04_x.ipynb)
#   make figures   redraw every diagram in images/ and its copy in the notebooks
#   make pdf       the whole book as one PDF: _build/html/understanding-rnns.pdf
#   make sync      copy chapter 5's shared cells into the later chapters
#   make check     the fast checks (pre-commit: ruff, workflow schema, JSON/YAML)
#   make bench     print the figures of merit (execution and build times)

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The second configuration the tests run the notebooks on (requirements-py312.txt).
# Python 3.12 is looked for on the PATH, then among pyenv's installed versions.
PYTHON312 ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV312  := .venv-py312
STAMP312 := $(VENV312)/.installed

.PHONY: book test lab execute figures sync pdf check bench clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(STAMP312): requirements-py312.txt
	@if [ -z "$(PYTHON312)" ]; then \
	  echo "Python 3.12 not found (PATH or pyenv): the py312 configuration is skipped"; \
	  echo "(with CI set it fails). To run it: pyenv install 3.12, then make test."; \
	else \
	  set -e; test -x $(VENV312)/bin/python || $(PYTHON312) -m venv $(VENV312); \
	  $(VENV312)/bin/python -m pip install --quiet --upgrade pip; \
	  $(VENV312)/bin/python -m pip install --quiet -r requirements-py312.txt; \
	  touch $@; \
	fi

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

test: $(STAMP) $(STAMP312)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(BIN)/python -m pytest -n auto --dist loadgroup

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

# nbclient's `jupyter execute` runs each notebook with its own folder as the
# working directory, in a fresh kernel, and stores the outputs in place.
NB ?= notebooks/*.ipynb
execute: $(STAMP)
	$(BIN)/jupyter execute --inplace --timeout=600 $(NB)

figures: $(STAMP)
	$(BIN)/python scripts/draw_diagrams.py
	$(BIN)/python scripts/embed_diagrams.py

# Copy chapter 5's cells tagged `shared` over their copies in later chapters
# (then re-execute the notebooks it names; tests/test_shared_code.py checks them).
sync: $(STAMP)
	$(BIN)/python scripts/shared_cells.py --sync

# pre-commit with .pre-commit-config.yaml: ruff, the workflow schema, JSON/YAML.
check: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

# One-page build of the book, printed by the system Chromium (see CONTRIBUTING.md).
PDF := _build/html/understanding-rnns.pdf
pdf: $(STAMP)
	$(BIN)/jupyter-book build . --builder singlehtml -n --keep-going
	$(BIN)/python scripts/build_pdf.py _build/singlehtml $(PDF)

bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

clean:
	rm -rf _build

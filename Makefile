# Two commands do all set-up on a fresh clone: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: report test validate types lint docs clean

# The environment is rebuilt whenever the pinned versions or the package metadata change.
$(STAMP): requirements.lock requirements-test.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "incident needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || { echo "creating the virtual environment in $(VENV)/"; $(PYTHON) -m venv $(VENV); }
	@echo "installing the pinned libraries of requirements.lock (pandas, matplotlib, pydantic, …) and requirements-test.lock (pytest, mypy, ruff, MkDocs, Dask for the incident[dask] test, …) into $(VENV)/ (a minute or so the first time)"
	@$(PIP) -r requirements.lock -r requirements-test.lock
	@echo "installing incident itself (editable) into $(VENV)/"
	@$(PIP) --no-deps --no-build-isolation -e .
	@touch $(STAMP)

validate: $(STAMP)
	$(BIN)/incident validate events.csv
	$(BIN)/incident validate examples/postmortems.csv

report: validate
	$(BIN)/incident report --events events.csv --out reports

types: $(STAMP)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check incident tests benchmarks ci

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site

test: types lint docs
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4
	$(BIN)/incident validate events.csv
	$(BIN)/incident fmt --check --diff events.csv
	$(BIN)/incident report --check --diff --events events.csv --out reports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build dist

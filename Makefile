# `make run` starts the dashboard; `make test` runs the linter and every test; `make test-fast` the linter and
# every test but the AppTest, browser and install ones.
# All build .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast lint bench venv clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: venv
	$(BIN)/python -m pacnet_dashboard.ui.serve --server.port $(PORT) --server.headless true

test: venv lint
	$(BIN)/python -m pytest

test-fast: venv lint
	$(BIN)/python -m pytest -m "not apptest and not browser and not slow"

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

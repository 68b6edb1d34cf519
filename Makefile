# Two entry points for a new user (see README): `make demo` and `make test`.
# Each creates .venv itself with the Python found as $(PYTHON) (3.11 or newer).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint messages clean

demo: $(VENV)/.installed
	$(BIN)/hromada demo

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# ruff with the rules in pyproject.toml, which include the numpy-convention docstring
# rules (D) on src/hromada/econ and src/hromada/refdata only; then mypy on the files
# listed in [tool.mypy] (econ, refdata, and every app's services and selectors with django-stubs).
lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

# Re-extract and compile the translation catalogues (needs GNU gettext; the compiled
# .mo files are committed, so users never need this). Apps with their own locale/ folder
# keep their own catalogue; src/hromada/locale holds the rest.
APP_LOCALES := $(filter-out src/hromada/locale,$(wildcard src/hromada/*/locale))
MAIN_CATALOGUE_DIRS := core accounts workspaces config
messages: $(VENV)/.installed
	set -e; for d in $(APP_LOCALES); do (cd $$d/.. && $(abspath $(BIN))/hromada manage makemessages -l uk --no-obsolete --no-location); done
	cd src/hromada && ../../$(BIN)/hromada manage makemessages -l uk --no-obsolete --no-location $(foreach d,$(filter-out $(MAIN_CATALOGUE_DIRS),$(notdir $(wildcard src/hromada/*))),--ignore "$(d)/*")
	cd src/hromada && ../../$(BIN)/hromada manage compilemessages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis

# The two commands of the README: `make run` opens the console, `make test` runs the whole suite.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint translations compiled-sql bench

run: setup
	$(PY) main.py $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check .

# English translations live per area in resources/i18n/<area>_en.ts (tests/test_translations.py names any
# tr() string that none of them translates); this compiles them all after an edit.
translations: setup
	for ts in resources/i18n/*_en.ts; do $(VENV)/bin/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm"; done

# `rank`'s statements compiled for SQLite (app/services/_compiled_sql.py), after changing one of their factories
compiled-sql: setup
	$(PY) -m app.services.compiled_sql --write

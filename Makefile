# The two commands of the README: `make run` opens the console, `make test` runs the whole suite.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint translations bench

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

translations: setup
	$(VENV)/bin/pyside6-lupdate $$(find app -name '*.py') -ts resources/i18n/hotline_en.ts
	$(VENV)/bin/pyside6-lrelease resources/i18n/hotline_en.ts -qm resources/i18n/hotline_en.qm

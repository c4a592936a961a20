# Hamm Field: one-command setup. Everything lives in .venv; nothing is installed globally.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCALE := hamm_field/i18n/locale

.PHONY: run test lint bench screenshots translations catalogs clean bundle bundle-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Compiled catalogs are built here (for the editable install in .venv), by the package
# build (setup.py) and by the installer spec; never committed.
catalogs: $(STAMP)
	$(BIN)/python -m hamm_field.i18n.compile_catalogs --source translations --target $(LOCALE) >/dev/null

run: $(STAMP) catalogs
	$(BIN)/hamm-field

lint: $(STAMP)
	$(BIN)/ruff check hamm_field tests benchmarks
	$(BIN)/lint-imports

test: $(STAMP) catalogs lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# German, Bulgarian and Romanian, the languages of most families (names end in -bg, -ro), at
# 1366x768; German and Bulgarian also at 1024x600, the smallest laptops (names end in -1024).
screenshots: $(STAMP) catalogs
	for lang in de bg ro; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m hamm_field.ui.screenshots --out docs/screenshots --lang $$lang || exit 1; \
	done
	for lang in de bg; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m hamm_field.ui.screenshots --out docs/screenshots --lang $$lang --size 1024x600 || exit 1; \
	done

bench: $(STAMP)
	$(BIN)/python -m benchmarks

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -c Translators: --no-location --sort-output \
		--project "Hamm Field" -o translations/hamm_field.pot hamm_field
	@for lang in de bg ro tr en; do \
		if [ -f translations/$$lang/LC_MESSAGES/hamm_field.po ]; then \
			$(BIN)/pybabel update -D hamm_field -i translations/hamm_field.pot -d translations -l $$lang --no-fuzzy-matching; \
		else \
			$(BIN)/pybabel init -D hamm_field -i translations/hamm_field.pot -d translations -l $$lang; \
		fi; \
	done
	$(MAKE) catalogs

# The frozen folder dist/hamm-field/ (installer/hamm_field.spec), built in its own venv from
# the pinned, hashed inputs; the project itself is not installed there. Rebuilt only when
# the sources, translations, resources or the spec changed.
BUNDLE_VENV := .venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed
BUNDLE := dist/hamm-field
BUNDLE_INPUTS := $(shell find hamm_field resources translations installer -type f \
	-not -path '*/__pycache__/*' -not -path 'hamm_field/i18n/locale/*' -not -name '*.mo' \
	-not -name '*.nsi' -not -name '*.nsh' -not -name 'README.md' -not -name 'smoke_test.py' \
	2>/dev/null)

$(BUNDLE_STAMP): installer/requirements-bundle.txt
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --only-binary=:all: --require-hashes \
		-r installer/requirements-bundle.txt
	touch $(BUNDLE_STAMP)

build/hamm-field.built: $(BUNDLE_STAMP) $(BUNDLE_INPUTS)
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN installer/hamm_field.spec
	touch build/hamm-field.built

bundle: build/hamm-field.built

# Runs the frozen executables, never the venv; the same script runs on the Windows runner.
bundle-test: bundle
	$(BUNDLE_VENV)/bin/python installer/smoke_test.py $(BUNDLE)

clean:
	rm -rf $(VENV) $(BUNDLE_VENV) $(LOCALE) build dist *.egg-info

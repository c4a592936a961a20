# Hamm Field: one-command setup. Everything lives in .venv; nothing is installed globally.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCALE := hamm_field/i18n/locale

.PHONY: run test lint bench screenshots translations catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Compiled catalogs are built here, never committed.
catalogs: $(STAMP)
	@if ls translations/*/LC_MESSAGES/hamm_field.po >/dev/null 2>&1; then \
		for po in translations/*/LC_MESSAGES/hamm_field.po; do \
			lang=$$(basename $$(dirname $$(dirname $$po))); \
			mkdir -p $(LOCALE)/$$lang/LC_MESSAGES; \
			$(BIN)/pybabel compile -D hamm_field -i $$po -o $(LOCALE)/$$lang/LC_MESSAGES/hamm_field.mo -l $$lang; \
		done; \
	fi

run: $(STAMP) catalogs
	$(BIN)/hamm-field

lint: $(STAMP)
	$(BIN)/ruff check hamm_field tests benchmarks
	$(BIN)/lint-imports

test: $(STAMP) catalogs lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

screenshots: $(STAMP) catalogs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m hamm_field.ui.screenshots --out docs/screenshots

bench: $(STAMP)
	$(BIN)/python -m benchmarks

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project "Hamm Field" -o translations/hamm_field.pot hamm_field
	@for lang in de bg ro tr en; do \
		if [ -f translations/$$lang/LC_MESSAGES/hamm_field.po ]; then \
			$(BIN)/pybabel update -D hamm_field -i translations/hamm_field.pot -d translations -l $$lang --no-fuzzy-matching; \
		else \
			$(BIN)/pybabel init -D hamm_field -i translations/hamm_field.pot -d translations -l $$lang; \
		fi; \
	done
	$(MAKE) catalogs

clean:
	rm -rf $(VENV) $(LOCALE) build *.egg-info

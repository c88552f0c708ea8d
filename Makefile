# The project's commands. `make help` lists them.
# Everything runs from .venv, which the first target that needs it creates.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
KB     := $(PY) scripts/kb.py
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
# `make serve ONLY=es` serves one language (faster rebuilds while editing).
ONLY   ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup serve build preview offline urls linkcheck linkcheck-external survey-export survey-import check test lint translations translations-refresh browser clean docs-reference new-post

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## Create .venv and install the exact pins

serve: $(STAMP) ## Serve the site with live reload at http://127.0.0.1:8000 (ONLY=es for one language)
	$(if $(ONLY),BUILD_ONLY_LOCALE=$(ONLY)) $(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## Strict build (zero warnings) of both languages into site/
	$(MKDOCS) build --strict --clean --site-dir site

check: $(STAMP) ## Check content without rendering (PATHS="content/en/x.md ..." to narrow; FORMAT=github; KB_LANG=es)
	$(KB) check $(if $(FORMAT),--format $(FORMAT)) $(if $(KB_LANG),--lang "$$KB_LANG") $(PATHS)

preview: $(STAMP) ## Build a copy to open from files (no server, no PDFs) into dist/preview/ and check its links
	$(MKDOCS) build --strict --clean -f mkdocs.preview.yml --site-dir dist/preview
	$(KB) links dist/preview

# The languages of the site: the folders of content/ (each a one-language copy of `make offline`).
SITE_LANGUAGES = $(notdir $(patsubst %/,%,$(wildcard content/*/)))

offline: $(STAMP) browser ## Zip the site, with PDFs of the guidance, to browse with no network: both languages, and one per language
	rm -rf dist/offline
	$(MKDOCS) build --strict -f mkdocs.offline.yml --site-dir dist/offline/learning-lab
	$(KB) pdfs dist/offline/learning-lab
	$(KB) links dist/offline/learning-lab
	$(KB) bundle dist/offline/learning-lab dist/learning-lab-offline.zip
	@set -e; for lang in $(SITE_LANGUAGES); do \
	  echo "== $$lang =="; \
	  BUILD_ONLY_LOCALE=$$lang $(MKDOCS) build --strict -f mkdocs.offline.yml --site-dir dist/offline/learning-lab-$$lang; \
	  $(KB) pdfs dist/offline/learning-lab-$$lang --copy-from dist/offline/learning-lab --language $$lang; \
	  $(KB) links dist/offline/learning-lab-$$lang; \
	  $(KB) bundle dist/offline/learning-lab-$$lang dist/learning-lab-offline-$$lang.zip; \
	done

.PHONY: publish
publish: offline ## The public site with its downloads (offline copies, PDFs) into site/, links checked: what the deploy publishes
	$(KB) downloads
	$(MKDOCS) build --strict --clean -f mkdocs.publish.yml --site-dir site
	$(KB) links site

urls: $(STAMP) ## Record the addresses the site publishes now in data/urls.txt (never removes any)
	$(KB) urls

survey-export: $(STAMP) ## Write the survey as a spreadsheet (CSV) to edit: dist/survey-editing.csv (FILE=...)
	$(KB) survey export $(FILE)

survey-import: $(STAMP) ## Read the edited sheet back into data/survey/ (writes nothing if any cell is wrong)
	$(KB) survey import $(FILE)

linkcheck: build ## Every internal link, anchor and asset of site/ resolves; external links well-formed
	$(KB) links site

linkcheck-external: build ## Opt-in, needs a connection: also ask the web for every external link
	$(KB) links site --external

translations: $(STAMP) ## Per page: translated / missing / stale
	$(KB) translations status

translations-refresh: $(STAMP) ## Record that PATHS (translations) now match their source
	$(KB) translations refresh $(PATHS)

browser: ## Install Debian's Chromium for the browser tests (if missing)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Lighthouse, for the tests only (the CSP audit of tests/test_csp.py, the gates of
# tests/test_validators.py): the exact versions of tests/lighthouse/package-lock.json, installed into
# .tools/ (not part of the site). npm: on a Debian machine without it, this installs Debian's with apt.
NPM_IF_MISSING := command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	@$(NPM_IF_MISSING)
	mkdir -p .tools/lighthouse
	cp tests/lighthouse/package.json tests/lighthouse/package-lock.json .tools/lighthouse/
	cd .tools/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

.PHONY: lighthouse
lighthouse: $(LIGHTHOUSE) ## Install the pinned Lighthouse (test-only: CSP audit, validator gates) into .tools/

# The Nu HTML Checker (vnu), for the HTML validation of tests/test_validators.py only: the exact
# version of tests/vnu/package-lock.json, installed into .tools/ (not part of the site). It runs on
# Java: on a Debian machine without one, this installs default-jre-headless with apt.
VNU := .tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/vnu/package.json tests/vnu/package-lock.json
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }
	@$(NPM_IF_MISSING)
	mkdir -p .tools/vnu
	cp tests/vnu/package.json tests/vnu/package-lock.json .tools/vnu/
	cd .tools/vnu && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

.PHONY: vnu
vnu: $(VNU) ## Install the pinned Nu HTML Checker (test-only: HTML validation) into .tools/ (and Java, if missing)

.PHONY: validate
validate: $(STAMP) browser lighthouse vnu ## Run the third-party validators on both builds: vnu, Lighthouse, failing requests, titles
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest tests/test_validators.py

test: $(STAMP) browser lighthouse vnu ## Set up everything and run the whole test suite
	$(VENV)/bin/ruff check labkb hooks scripts tests
	$(VENV)/bin/mypy
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

lint: $(STAMP) ## ruff lint, then the type checker (mypy: strict on labkb/; settings in pyproject.toml)
	$(VENV)/bin/ruff check labkb hooks scripts tests
	$(VENV)/bin/mypy

clean: ## Remove build output (not .venv)
	rm -rf site dist .pytest_cache

docs-reference: $(STAMP) ## Regenerate the field reference in docs/content-model.md from the schema, and the message lists of docs/contributing*.md
	$(KB) docs-reference

# The values of `make new-post` are text, never code. Each is read raw with $(value ...), so make
# expands nothing in it (not even $(shell ...)), and kept as a simple variable, so exporting it
# expands nothing either. It reaches kb.py through the environment, as "$$TITLE": the shell puts
# the text in place and reads none of it as a command (backticks, $(...), quotes stay text).
NEW_POST_VARS := TITLE TITLE_ES TITLE_IN AUTHOR LANGS CATEGORY DESCRIPTION
$(foreach name,$(NEW_POST_VARS),$(if $(filter undefined,$(origin $(name))),,\
  $(eval override $(name) := $$(value $(name)))$(eval export $(name))))
# KB_LANG, the language of the messages of `make check` and `make new-post` (`KB_LANG=es`;
# default: each file's own language), is read the same way. Not LANG: that is the locale.
# Exported, it is also the language of every other scripts/kb.py verb (survey-import, translations,
# urls, linkcheck, desk, the steps of offline and publish): docs/editing.md.
$(if $(filter undefined,$(origin KB_LANG)),,$(eval override KB_LANG := $$(value KB_LANG))$(eval export KB_LANG))

new-post: $(STAMP) ## New blog post: asks, or TITLE="..." AUTHOR=id LANGS=en,es CATEGORY=id DESCRIPTION="..." TITLE_IN="es=..."
	$(KB) new-post $(if $(TITLE),--title "$$TITLE") $(if $(AUTHOR),--author "$$AUTHOR") \
	  $(if $(LANGS),--langs "$$LANGS") $(if $(CATEGORY),--category "$$CATEGORY") \
	  $(if $(DESCRIPTION),--description "$$DESCRIPTION") $(if $(TITLE_ES),--title-es "$$TITLE_ES") \
	  $(if $(TITLE_IN),--title-in "$$TITLE_IN") $(if $(KB_LANG),--lang "$$KB_LANG")

.PHONY: bench
bench: $(STAMP) browser ## Benchmark a synthetic bilingual site: check, builds, sizes, budgets (PAGES=1000 per language)
	$(PY) scripts/bench.py --pages $(or $(PAGES),1000) --json dist/bench.json

.PHONY: desk
desk: $(STAMP) ## Editors' desk: every page's type, translations, review and findings in dist/desk/ (HTML, CSV)
	$(KB) desk

.PHONY: issue-form
issue-form: $(STAMP) ## Regenerate the "Propose a blog post" issue form from the schema and the registries
	$(KB) proposal form

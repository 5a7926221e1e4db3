# One vocabulary for authors, CI and deployment:
#   make serve  - install what is missing, build the front-end assets, serve the site with live reload
#   make build  - the same, then a strict static build into site/
#   make test   - install test needs too (Chromium included), then run the whole test suite
#                 (front-end type check and unit tests first, then pytest)
#   make zensical-build - the same site built with Zensical into site/ instead (tests/zensical builds it too)
# `build` and `serve` run the prepare step first (python -m livedemo prepare: runtime files,
# demo outputs and plots into docs/assets/; see livedemo/README.md).
.PHONY: serve build test assets clean prepare zensical-build

# Material's 12-line notice about its end of maintenance (critical fixes "until November 2026",
# its 9.7.x release notes; see README's design notes) would otherwise open every run and every
# error message.
export NO_MKDOCS_2_WARNING := 1

VENV    := .venv
BIN     := $(VENV)/bin
PYDEPS  := $(VENV)/.installed
NODEDEP := node_modules/.installed
ADDR    ?= 127.0.0.1:8000

$(PYDEPS): pyproject.toml demos/pyproject.toml scripts/find-python.sh
	@test -x $(BIN)/python || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' -e ./demos
	@touch $@

$(NODEDEP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(NODEDEP)
	npm run --silent build

prepare: $(PYDEPS) assets
	$(BIN)/python -m livedemo prepare

serve: prepare
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/mkdocs serve --dev-addr $(ADDR) # no __pycache__ writes in watched demos/

build: prepare
	$(BIN)/mkdocs build --strict

# Zensical has no hooks: the content checks run first, as a command. --clean: Zensical's page
# cache does not know that a page depends on its demos' files (it also clears .cache/livedemo).
zensical-build: prepare
	$(BIN)/python -m contentcheck prebuild --strict
	$(BIN)/zensical build --strict --clean

# The front end's own checks first (seconds, no browser): JSDoc types (tsc --checkJs, configs in
# livedemo/assets/) and node's test runner on livedemo/assets/test/.
test: $(PYDEPS) assets
	npm run --silent typecheck
	npm test --silent
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site .cache livedemo/assets/dist docs/assets/livedemo docs/assets/pyodide

# Contributing (CONTRIBUTING.md):
#   make post TITLE="My title" [AUTHOR=id] [CATEGORY=name] [DEMO=1] [SERIES=name]
#                        - scaffold a draft post (DEMO=1: and a demo with its test;
#                          SERIES=name: as the last part of docs/blog/series/name.md)
#   make series          - rewrite the series navigation from docs/blog/series/*.md
#   make check [ALL=1]   - the checks a pull request must pass, fastest first, for what changed
#                          since the branch left main (ALL=1: every page and demo; BASE=ref)
.PHONY: post check series

post: $(PYDEPS)
	@test -n "$$TITLE" || { echo 'usage: make post TITLE="My title" [AUTHOR=id] [CATEGORY=name] [DEMO=1] [SERIES=name]' >&2; exit 2; }
	$(BIN)/python scripts/new_post.py "$$TITLE" $${AUTHOR:+--author "$$AUTHOR"} $${CATEGORY:+--category "$$CATEGORY"} $${SERIES:+--series "$$SERIES"} $(if $(filter 1 yes true,$(DEMO)),--demo)

series: $(PYDEPS)
	$(BIN)/python scripts/series.py

check: $(PYDEPS) assets
	@scripts/ensure-chromium.sh
	$(BIN)/python scripts/check_content.py --build $(if $(filter 1 yes true,$(ALL)),--all) $${BASE:+--base "$$BASE"}

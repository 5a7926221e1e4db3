# One vocabulary for authors, CI and deployment:
#   make serve  - install what is missing, build the front-end assets, serve the site with live reload
#   make build  - the same, then a strict static build into site/
#   make test   - install test needs too (Chromium included), then run the whole test suite
.PHONY: serve build test assets clean

# Material's 12-line end-of-life notice (Material reaches end of life in May 2027; see
# README's design notes) would otherwise open every run and every error message.
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

serve: $(PYDEPS) assets
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/mkdocs serve --dev-addr $(ADDR) # no __pycache__ writes in watched demos/

build: $(PYDEPS) assets
	$(BIN)/mkdocs build --strict

test: $(PYDEPS) assets
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site .cache livedemo/assets/dist

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

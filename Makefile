# One vocabulary for authors, CI and deployment:
#   make serve  - install what is missing, build the front-end assets, serve the site with live reload
#   make build  - the same, then a strict static build into site/
#   make test   - install test needs too (Chromium included), then run the whole test suite
.PHONY: serve build test assets clean

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
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: $(PYDEPS) assets
	$(BIN)/mkdocs build --strict

test: $(PYDEPS) assets
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site .cache livedemo/assets/dist

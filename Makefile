# One command to build the site, one to run the tests; both set up what they need.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

KATEX := theme/assets/katex

.PHONY: site serve update test lint setup assets node-deps browser-deps clean

## site: set up, then build docs/, feeds and site/ from the configured sources
site: $(VENV)/.site-installed assets
	$(BIN)/paperfeed build

## serve: build, then preview on http://127.0.0.1:8000 with live reload
serve: $(VENV)/.site-installed assets
	$(BIN)/paperfeed serve

## update: what the scheduled workflow runs: fetch the configured sources into the archive,
## build --strict, and say whether data/archive changed (CI then commits it back)
update: $(VENV)/.site-installed assets
	$(BIN)/paperfeed update
	@if [ -n "$$(git status --porcelain -- data/archive)" ]; then \
	  echo "data/archive changed"; else echo "data/archive unchanged"; fi

## test: set up (Python packages and Debian's Chromium), lint, type-check, run every test
test: $(VENV)/.test-installed assets browser-deps lint
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

setup: $(VENV)/.test-installed

$(VENV)/.site-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.site-installed

## assets: KaTeX from the npm package pinned in package-lock.json, copied into the theme so the
## site serves it itself (no CDN)
assets: $(KATEX)/katex.min.js

$(KATEX)/katex.min.js: package.json package-lock.json | node-deps
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(KATEX) && mkdir -p $(KATEX)
	cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css \
	  node_modules/katex/LICENSE $(KATEX)/
	cp -r node_modules/katex/dist/fonts $(KATEX)/fonts

node-deps:
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	  else echo "make needs npm: run 'sudo apt-get install npm'" >&2; exit 1; fi; }

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser-deps:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "make test needs Chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

clean:
	rm -rf site .docs.paperfeed-new .site.paperfeed-new node_modules $(KATEX)

# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.dangjian-installed

.PHONY: build test setup lint format serve clean

NODE_STAMP := node_modules/.dangjian-installed

setup: $(STAMP)

# Test-only tools from npm, pinned by package-lock.json: axe-core (accessibility) and acorn (ES2017)
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: setup
	$(BIN)/dangjian build
	$(BIN)/dangjian pack --no-build

test: setup $(NODE_STAMP)
	$(BIN)/ruff check setup.py plugins tests benchmarks
	$(BIN)/ruff format --check setup.py plugins tests benchmarks
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check setup.py plugins tests benchmarks
	$(BIN)/ruff format --check setup.py plugins tests benchmarks

format: setup
	$(BIN)/ruff format setup.py plugins tests benchmarks
	$(BIN)/ruff check --fix setup.py plugins tests benchmarks

serve: setup
	$(BIN)/dangjian serve

clean:
	rm -rf build

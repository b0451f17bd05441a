# Two entry points for a newcomer: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 1
SERVE  := $(VENV)/.installed-serve
STAMP  := $(VENV)/.installed

.PHONY: run test browser eval bench bench-scale install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# What serving needs, nothing else (no test tools, no plotting, no PyTorch).
$(SERVE): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(SERVE)

# Everything: the test tools and what the tests exercise (extras eval, st, test).
# torch is pinned to the CPU build (a plain `torch` pulls a multi-GB CUDA build).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[st,test]'
	touch $(STAMP) $(SERVE)

install: $(STAMP)

## Ingest the bundled corpus if the index is missing or stale, then serve on http://$(HOST):$(PORT) (WORKERS=2 for two processes)
run: $(SERVE)
	$(BIN)/arrimage ingest --if-stale --plain
	HOST=$(HOST) PORT=$(PORT) $(BIN)/arrimage serve --workers $(WORKERS)

# The chat page test drives Debian's chromium (its own browser downloads cannot reach the network).
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver)

## Install what the tests need and run them all (unit, then end-to-end)
test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -m "not e2e"
	$(BIN)/python -m pytest -q -m e2e

eval: $(STAMP)
	$(BIN)/arrimage ingest --if-stale --plain
	$(BIN)/arrimage eval all --plain
	$(BIN)/arrimage eval alignment --plain

bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/service_bench.py
	$(BIN)/python bench/align_bench.py
	$(BIN)/python bench/upload_bench.py
	$(BIN)/python bench/query_cache_bench.py
	$(BIN)/python bench/load_bench.py

# Synthetic corpora to 1M chunks: about half an hour, 8 GB of memory and of disk under /tmp.
bench-scale: $(STAMP)
	$(BIN)/arrimage ingest --if-stale --plain
	$(BIN)/python bench/scale_bench.py

clean:
	rm -rf $(VENV) var build *.egg-info

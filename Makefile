# Two commands on a fresh machine:  make demo   and   make test
PYTHON ?= python3
VENV ?= .venv
# The CPU build of torch: this exact version comes from the local wheel; an unpinned
# torch would pull a multi-GB CUDA build.
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin
STAMP := $(VENV)/.claimmatch-installed

.PHONY: install demo test lint typecheck check index bench clean browser

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[dev,server,ray,qdrant]"
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/python index/build.py

demo: index
	$(BIN)/claimmatch match --index index/default --file examples/sample_claims.txt --top-k 3
	@article=../shared/data/seed-article/upi-2025-09-05-putin-reassurance-force.txt; \
	if [ -f $$article ]; then $(BIN)/claimmatch check $$article --index index/default --html report.html; \
	else echo "skipping the article check: $$article not found"; fi

# Headless Chromium for tests/test_report_browser.py (Debian's chromium package; needs root).
browser:
	@command -v chromium >/dev/null 2>&1 || (DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
		echo "warning: could not install chromium; the browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check claimmatch tests index benchmarks examples training
	$(BIN)/mypy claimmatch

check: lint test

bench: $(STAMP)
	$(BIN)/python benchmarks/stance.py

clean:
	rm -rf $(VENV) index/default .pytest_cache .mypy_cache .ruff_cache

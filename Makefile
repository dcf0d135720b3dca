# The editor's entry points. `make` sets everything up on a fresh machine (a virtual
# environment in .venv with concord and its dependencies) and builds every edition.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.concord-installed
CONCORD = $(BIN)/concord

.PHONY: all html pdf check update test bench clean distclean venv report

all: html pdf
	@$(MAKE) --no-print-directory report
	@echo
	@echo "Editions built:"
	@for d in build/html/*/; do [ -f "$$d/index.html" ] && echo "  HTML  $${d}index.html"; done; true
	@for f in build/pdf/*.pdf; do [ -f "$$f" ] && echo "  PDF   $$f"; done; true
	@[ -f build/report/index.html ] && echo "  REPORT build/report/index.html"; true

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# an editable install leaves the package uncompiled; with PYTHONDONTWRITEBYTECODE
	@# set, every run would compile it again (a sixth of a one-catalog check)
	$(BIN)/python -m compileall -q scripts/concord
	@touch $(STAMP)

venv: $(STAMP)

html: $(STAMP)              ## build/html/<lang>/ for every language, in parallel
	$(CONCORD) glossary validate
	$(CONCORD) build

pdf: $(STAMP)             ## build/pdf/<article>.<lang>.pdf
	$(CONCORD) glossary validate
	$(CONCORD) pdf

check: $(STAMP)             ## footnotes, markup, completeness: fails on errors
	$(CONCORD) check

report: $(STAMP)            ## build/report/: dashboard, findings, side-by-side review pages
	$(CONCORD) report

update: $(STAMP)            ## extract, merge into every catalog, pretranslate from the memory
	$(CONCORD) update

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_recall.py
	$(BIN)/python bench/bench_tm.py
	$(BIN)/python bench/bench_pdf.py

clean:
	rm -rf build

distclean: clean
	rm -rf $(VENV)
	find locales -name '*.mo' -delete

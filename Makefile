# texcv: `make pdf` sets everything up and builds build/cv.pdf; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
TEX_STAMP := $(VENV)/.tex-installed
TEST_STAMP := $(VENV)/.test-tools-installed
CV ?= cv.yaml
OUT ?= build
SOURCES := $(shell find src -name '*.py' 2>/dev/null) $(wildcard latex_templates/*.tex)

.DEFAULT_GOAL := pdf
LETTERS_DIR := $(dir $(CV))letters
.PHONY: pdf letter all-variants tex schema test lint clean distclean tex-deps bench watch serve preview release gallery

# `make pdf VARIANT=short` builds the variant `short` of cv.yaml as build/cv-short.pdf.
pdf: $(OUT)/$(if $(VARIANT),cv-$(VARIANT),cv).pdf

# Rebuilt only when its inputs changed; a failed build leaves the old PDF (and its date).
# texcv skips the work itself when no input's content changed (then the touch tells make).
$(OUT)/cv.pdf: $(CV) $(SOURCES) $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv build $(CV) -o $(OUT)
	@touch $@

# A variant (`variants:` in cv.yaml): build/cv-NAME.pdf.
$(OUT)/cv-%.pdf: $(CV) $(SOURCES) $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv build $(CV) -o $(OUT) --variant $*
	@touch $@

# `make letter NAME=acme` builds the cover letter letters/acme.yaml as build/letter-acme.pdf
# (the sender, design and language come from cv.yaml).
letter:
	@test -n "$(NAME)" || { echo "texcv: error: say which letter: make letter NAME=... (letters/NAME.yaml)"; exit 2; }
	@test -f $(LETTERS_DIR)/$(NAME).yaml || $(BIN)/texcv letter $(NAME) --cv $(CV) -o $(OUT)
	@$(MAKE) --no-print-directory $(OUT)/letter-$(NAME).pdf

$(OUT)/letter-%.pdf: $(LETTERS_DIR)/%.yaml $(CV) $(SOURCES) $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv letter $* --cv $(CV) -o $(OUT)
	@touch $@

# The default PDF, one PDF per variant that cv.yaml defines, and one per letter in letters/.
all-variants: $(OUT)/cv.pdf
	@for name in $$($(BIN)/texcv variants $(CV)); do \
	  $(MAKE) --no-print-directory pdf VARIANT=$$name || exit 1; done
	@for name in $(basename $(notdir $(wildcard $(LETTERS_DIR)/*.yaml))); do \
	  $(MAKE) --no-print-directory letter NAME=$$name || exit 1; done

# Files cv.yaml refers to (a .bib, a photo), as texcv recorded them at the last build.
-include $(OUT)/cv.d $(wildcard $(OUT)/cv-*.d) $(wildcard $(OUT)/letter-*.d)

# Rebuild on every save of cv.yaml or a file it uses; Ctrl-C stops.
watch: $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv watch $(CV) -o $(OUT)

# The same, with a live preview page on http://127.0.0.1:8765/ (texcv serve).
serve: $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv serve $(CV) -o $(OUT)

# Time five kinds of CV against a plain run of the same engine (see bench/README.md).
bench: $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/python bench/bench.py

tex: $(PY_STAMP)
	$(BIN)/texcv tex $(CV) -o $(OUT)

# A PNG of page 1 beside the PDF (CI uploads both for reviewers).
preview: $(OUT)/cv-page-1.png
$(OUT)/cv-page-1.png: $(OUT)/cv.pdf
	pdftoppm -png -r 110 -f 1 -l 1 -singlefile $< $(basename $@)

# docs/gallery/: page 1 of each CV of tests/corpus (real CVs by other people) as PNG.
gallery: $(PY_STAMP) $(TEX_STAMP)
	@mkdir -p docs/gallery
	@for dir in tests/corpus/*/; do name=$$(basename $$dir); \
	  $(BIN)/texcv build $$dir/cv.yaml -o $(OUT)/gallery/$$name -q || exit 1; \
	  pdftoppm -png -r 60 -f 1 -l 1 -singlefile $(OUT)/gallery/$$name/cv.pdf docs/gallery/$$name; done

# dist/: the PDFs of cv.yaml and its variants named after you and the version
# (VERSION=v1.2.0, default `git describe`), a PNG of each first page, and SHA256SUMS.
DIST ?= dist
release: $(PY_STAMP) $(TEX_STAMP)
	$(BIN)/texcv release $(CV) -o $(DIST) --build-dir $(OUT) $(if $(VERSION),--version $(VERSION))

# cv.schema.json and letter.schema.json (for editors) are generated from the models: run after
# changing src/texcv/schema.
schema: $(PY_STAMP)
	$(BIN)/texcv schema -o cv.schema.json
	$(BIN)/texcv schema --letter -o letter.schema.json
	$(BIN)/texcv schema --diagnostics -o diagnostics.schema.json

test: $(PY_STAMP) $(TEX_STAMP) $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto -q

# Style (ruff) and the architecture: the import contracts in pyproject.toml (import-linter).
lint: $(PY_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

$(PY_STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "texcv: error: $(PYTHON) not found; install Python 3.11+"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "texcv: error: Python 3.11 or newer is needed ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

# TeX Live, moderncv, fonts and poppler-utils from the system's packages (one script for all).
$(TEX_STAMP): .ci/install-tex.sh src/texcv/app/debian-packages.txt | $(PY_STAMP)
	bash .ci/install-tex.sh
	@touch $@

# What only the tests need (.ci/test-packages.txt: strace, chromium and its driver).
$(TEST_STAMP): .ci/install-tex.sh .ci/test-packages.txt | $(TEX_STAMP)
	bash .ci/install-tex.sh --test-tools
	@touch $@

tex-deps:
	bash .ci/install-tex.sh

clean:
	rm -rf $(OUT) $(DIST)

distclean: clean
	rm -rf $(VENV)

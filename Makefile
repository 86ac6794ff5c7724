# make build — set everything up and build the sample site into site/
# make test  — set everything up and run the whole test suite (browser tests included)
# Works on a fresh Debian with only Python 3: Debian packages come from apt, the rest into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends

.PHONY: build test bench check serve portable lint schema messages system-fonts system-test clean

build: $(VENV)/.installed system-fonts
	$(BIN)/casecast build

test: $(VENV)/.installed system-fonts system-test tests/node_modules/.installed
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	@$(BIN)/python -m pytest -q -p no:cacheprovider -n auto; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing the run"; exit 1; fi; exit $$rc

# Speed and scale (a script, not a test): prints a table and writes benchmarks/results.json.
bench: $(VENV)/.installed system-fonts
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/slides.py
	$(BIN)/python benchmarks/preview.py

check: $(VENV)/.installed
	$(BIN)/casecast check

serve: $(VENV)/.installed system-fonts
	$(BIN)/casecast serve

# The pages in site-portable/, to open from a folder or a USB stick without a web server.
portable: $(VENV)/.installed system-fonts
	$(BIN)/casecast build --portable

lint: $(VENV)/.installed
	$(BIN)/ruff check generator tests && $(BIN)/ruff format --check generator tests

schema: $(VENV)/.installed
	$(BIN)/casecast schema

# After adding or changing a message in the code: collect every _("…") into casecast.pot and merge it into
# each language's .po file, where translators write the translation (a test fails while one is missing).
messages: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F generator/locale/babel.cfg -k _ -k N_ --no-location --sort-output \
		--project=Casecast --copyright-holder=Casecast -o generator/locale/casecast.pot .
	$(BIN)/pybabel -q update -D casecast -i generator/locale/casecast.pot -d generator/locale --no-fuzzy-matching --ignore-obsolete

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || \
		{ $(SUDO) apt-get update -q && $(APT) python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# A CJK font for slides and for the screenshots (Noto CJK covers Chinese and Korean); GNU Unifont, a bitmap
# font made for 16-px LED modules, for single-colour strips; ffmpeg makes the H.264 loops of scrolling strips.
system-fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . && [ -f /usr/share/fonts/opentype/unifont/unifont.otf ] && \
		command -v ffmpeg >/dev/null || \
		{ $(SUDO) apt-get update -q && $(APT) fonts-noto-cjk fonts-unifont fontconfig ffmpeg; }

# Debian's Chromium drives the browser tests; node/npm fetch axe-core for the accessibility checks;
# tesseract reads the slides back to prove they are legible, zbarimg reads their QR codes; Java runs the
# Nu HTML Checker (vnu-jar);
# nginx serves a published release with docs/nginx.conf (the tests start and stop it themselves).
system-test:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -q && $(APT) chromium; }
	@tesseract --list-langs 2>/dev/null | grep -q kor && tesseract --list-langs 2>/dev/null | grep -q chi_sim || \
		{ $(SUDO) apt-get update -q && $(APT) tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-kor; }
	@command -v zbarimg >/dev/null || { $(SUDO) apt-get update -q && $(APT) zbar-tools; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(APT) npm; }
	@command -v java >/dev/null || { $(SUDO) apt-get update -q && $(APT) default-jre-headless; }
	@[ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -q && $(APT) nginx; }

tests/node_modules/.installed: tests/package.json
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site site-portable .cache

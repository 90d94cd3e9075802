# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
# Production-like settings for `check --deploy`, which needs no database.
DEPLOY_ENV := DEBUG=0 ALLOWED_HOSTS=expo.example.go.id \
	SECRET_KEY=check-deploy-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ

# Lighthouse 12 is the last line that runs on Debian 12's Node 20 (13 needs Node 22).
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := var/bench/.lighthouse-$(LIGHTHOUSE_VERSION)

.PHONY: help install run migrate demo test lint check pytest coverage messages translations format stop-db clean bench

help:
	@echo "make run          set up, migrate, load the demo editions, serve on http://127.0.0.1:8000"
	@echo "make test         lint, checks and the whole test suite under coverage (browser tests need /usr/bin/chromium)"
	@echo "make pytest       the test suite alone"
	@echo "make bench        measure speed and weight on a 10,000-exhibitor edition (docs/performance.md)"
	@echo "make format       format the code with ruff"
	@echo "make translations update the .po catalogues from the code (needs GNU gettext)"
	@echo "make stop-db      stop the embedded development database if a killed run left it up"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

%.mo: %.po $(VENV)/.installed
	$(PY) scripts/compile_messages.py $<

messages: $(MO_FILES)

migrate: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) load_demo --with-pictures

run: demo
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: install messages
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

pytest: install messages
	$(PY) -m pytest

# The same run, measured: the report fails below the floor in pyproject.toml.
coverage: install messages
	$(PY) -m coverage run -m pytest
	$(PY) -m coverage report

test: lint check coverage

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: install
	$(MANAGE) makemessages --locale id --locale en --no-location --ignore '.venv/*' --ignore 'var/*'

# The load tool and Lighthouse are installed on first use; if either cannot be, the bench
# still runs and marks what it could not measure.
$(LIGHTHOUSE):
	mkdir -p var/bench
	npm install --prefix var/bench --no-save --no-audit --no-fund --silent \
		lighthouse@$(LIGHTHOUSE_VERSION) && touch $@ || echo "Lighthouse could not be installed"

bench: install messages $(LIGHTHOUSE)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } \
		|| echo "wrk could not be installed (apt-get install wrk)"
	@command -v nginx >/dev/null || apt-get install -y -qq nginx-light \
		|| echo "nginx could not be installed (apt-get install nginx-light)"
	$(PY) -m bench

stop-db: install
	$(PY) -m core.embedded_db stop

clean:
	rm -rf $(VENV) var/static

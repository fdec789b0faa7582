# The two commands: `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install install-dev setup lint check pytest clean messages bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Migrating also builds the page tree, collections and role groups (post_migrate).
setup: install
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_content

run: setup
	@echo ""
	@echo "  Kvinnofrid:   http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins (password 'kvinnofrid-demo', no second factor in dev settings only):"
	@echo "    admin, demo-redaktor (Stockholm), demo-samordnare (Stockholm), demo-nationell"
	@echo "  Mail is written to var/mail/. Ctrl-C stops the web server and the worker."
	@echo ""
	@$(PY) manage.py run_platform --addr $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

# The suite names its settings: this Makefile exports the dev settings for `make run`, and
# pytest-django lets the environment win over pyproject.toml.
pytest: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint check pytest

# For translators (needs GNU gettext): refresh the .po files, then compile the .mo files,
# which are committed so that `make run` needs no gettext.
messages: install-dev
	cd kvinnofrid && ../$(PY) ../manage.py makemessages -l en -l sv --ignore=tests --ignore=testing
	cd kvinnofrid && ../$(PY) ../manage.py compilemessages

# Benchmarks are not tests: they print figures (see bench/).
# Benchmarks print their figures; the knowledge-bank one needs PostgreSQL (DATABASE_URL, or
# the local server as user postgres) and makes and drops a database of its own.
bench: install-dev
	$(PY) bench/public_pages.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/knowledge_search.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/events.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/coordination.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/reports.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/newsletter.py

clean:
	rm -rf $(VENV) db.sqlite3 var static media

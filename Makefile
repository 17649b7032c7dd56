# The archive's commands. `make run` and `make test` set everything up on a machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export ARCHIVE_DATA_DIR ?= $(CURDIR)/.data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup stop db serve bench relevance check clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Start (or reuse) the database, migrate, load the fixtures and import the seed articles.
setup: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py setup_archive
	$(PY) manage.py import_articles seeds/ --publish

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

db: $(VENV)/.installed
	$(PY) -m project.embedded_db start

stop: $(VENV)/.installed
	$(PY) -m project.embedded_db stop

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean: stop
	rm -rf $(VENV)

# The archive's commands. `make run` and `make test` set everything up on a machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export ARCHIVE_DATA_DIR ?= $(CURDIR)/.data
HOST ?= 127.0.0.1
PORT ?= 8000
# Two test processes, each with its own test database (PYTEST_WORKERS= runs the suite in one).
PYTEST_WORKERS ?= -n 2

.PHONY: lock run test smoke setup stop db serve worker bench bench-catchup relevance check clean bandit audit loadtest loadtest-distinct import-accuracy

# What running needs (`make run`, `make serve`), then what tests and checks add (`make test`).
# Every package, transitive ones included, is pinned by constraints.txt (`make lock` rewrites it), so a
# fresh clone installs what CI tested.
$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip -c constraints.txt
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Resolve requirements-dev.txt (which includes requirements.txt) in a scratch virtualenv and pin the result.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -r requirements-dev.txt
	( echo "# Every package the archive installs, pinned (written by \`make lock\` from requirements*.txt)."; \
	  .venv-lock/bin/pip freeze --all --exclude-editable | grep -v -i '^setuptools==' ) > constraints.txt
	rm -rf .venv-lock

# Start (or reuse) the database, migrate, load the fixtures and import the seed articles.
setup: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py setup_archive
	$(PY) manage.py import_articles seeds/ --publish

# The development server and the background worker side by side (Procfile.dev, run by honcho); Ctrl-C
# stops both. Neither reads .env (that is `make serve`'s production configuration).
RUN_DEV = HOST=$(HOST) PORT=$(PORT) ARCHIVE_PYTHON=$(PY) $(VENV)/bin/honcho -e /dev/null -f Procfile.dev start
run: setup
	$(RUN_DEV)

test: setup $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The servers a user starts (`make run`, `make serve`), checked in Chromium; screenshots in test-artifacts/.
smoke: $(VENV)/.installed-dev
	$(PY) -m pytest --smoke tests/smoke -p no:xdist -v

db: $(VENV)/.installed
	$(PY) -m project.embedded_db start

stop: $(VENV)/.installed
	$(PY) -m project.embedded_db stop

check: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Production serving on this machine: production settings, hashed and compressed static files, gunicorn
# (workers and threads from WEB_CONCURRENCY and GUNICORN_THREADS) and the background worker as its own
# process beside it (Procfile, run by honcho; Ctrl-C or SIGTERM stops both). Reads .env when there is one.
serve: $(VENV)/.installed
	@set -a; [ ! -f .env ] || . ./.env; set +a; \
	if [ -z "$$SECRET_KEY" ]; then echo "make serve: set SECRET_KEY (in the environment or .env); see .env.example" >&2; exit 2; fi; \
	export ARCHIVE_PRODUCTION=1 GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST):$(PORT)}" ARCHIVE_PYTHON=$(PY); \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py collectstatic --no-input --verbosity 0 && \
	exec $(VENV)/bin/honcho -e /dev/null -f Procfile start

# Only the background worker, with the production settings and .env: for a host (or service manager)
# that runs the web processes separately. Any number of workers may run; jobs are taken once.
worker: $(VENV)/.installed
	@set -a; [ ! -f .env ] || . ./.env; set +a; \
	export ARCHIVE_PRODUCTION=1; \
	exec $(PY) manage.py procrastinate worker

# Security checks: bandit on the code, pip-audit on the installed packages.
# `make audit` fails if either finds something; pip-audit exits 3 ("NOT AUDITED") where it cannot look
# packages up, and CI accepts that one status only.
bandit: $(VENV)/.installed-dev
	$(VENV)/bin/bandit -q -r archive project -x '*/migrations/*,*/tests/*' --severity-level medium --confidence-level medium

audit: bandit
	$(PY) -m project.audit

# 50 clients for 60 s against the search page, article pages and the API of the benchmark archive
# (`make bench` builds it); LOADTEST_DB names its database on the embedded server.
# locust has a virtualenv of its own: its dependencies (brotli) would slow collectstatic down tenfold.
LOADTEST_DB ?= archive_bench
.venv-load/.installed: loadtest/requirements.txt
	$(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet -r loadtest/requirements.txt
	touch $@

loadtest: $(VENV)/.installed-dev .venv-load/.installed
	$(PY) -m loadtest.run --database $(LOADTEST_DB) --users 50 --seconds 60 $(LOADTEST_ARGS)

# The same with every query asked once: what the result cache cannot help.
loadtest-distinct: $(VENV)/.installed-dev .venv-load/.installed
	$(PY) -m loadtest.run --database $(LOADTEST_DB) --users 50 --seconds 60 --distinct $(LOADTEST_ARGS)

# Search relevance on the CISI test collection (ARCHIVE_RELEVANCE_DIR, default ../shared/relevance), in
# a database of its own; prints nDCG@10, MAP@100, recall@100 beside the collection's baselines.
RELEVANCE_DB ?= archive_relevance
relevance: $(VENV)/.installed-dev
	@url=$$($(PY) -m bench.database $(RELEVANCE_DB)) && \
	DATABASE_URL="$$url" $(PY) manage.py migrate --no-input -v 0 && \
	DATABASE_URL="$$url" $(PY) -m bench.relevance

# Search speed on a synthetic archive of BENCH_ARTICLES (default 100 000) in its own database (BENCH_DB),
# built by import_articles alone, bounded by BENCH_TIMEOUT seconds: the search page and the API timed over
# HTTP against runserver as `make run` starts it, beside naive SQL, per query class, with top-10 overlap.
BENCH_DB ?= archive_bench
BENCH_ARTICLES ?= 100000
BENCH_TIMEOUT ?= 3600
bench: $(VENV)/.installed-dev
	@url=$$($(PY) -m bench.database $(BENCH_DB)) && \
	DATABASE_URL="$$url" $(PY) manage.py migrate --no-input -v 0 && \
	DATABASE_URL="$$url" timeout $(BENCH_TIMEOUT) $(PY) -m bench.speed --articles $(BENCH_ARTICLES)

# Catch-up on the same archive (built first when BENCH_DB is empty): the web server and the worker as
# `make run` starts them, searches without pause while import_articles --publish adds 10 % more articles;
# the search page p95 per class before, during, the minute after, once the worker's refresh is done, and
# after the worker's full refresh (the last three on the same queries). Run it from a checkout nobody edits:
# runserver reloads when a file changes.
# Each run grows BENCH_DB by 10 % (CATCHUP_ARGS="--growth 0.25": by a quarter, which a full refresh ends).
bench-catchup: $(VENV)/.installed-dev
	@url=$$($(PY) -m bench.database $(BENCH_DB)) && \
	DATABASE_URL="$$url" $(PY) manage.py migrate --no-input -v 0 && \
	DATABASE_URL="$$url" timeout $(BENCH_TIMEOUT) $(PY) -m bench.catchup --articles $(BENCH_ARTICLES) $(CATCHUP_ARGS)

clean: stop
	rm -rf $(VENV)

# How well the importer reads the corpus of made-up layouts (tests/layouts): per-field accuracy, and the
# held-out layouts (tests/layouts/holdout) apart.
import-accuracy: $(VENV)/.installed
	$(PY) -m archive.importers.accuracy tests/layouts

# The two commands that do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app tracker
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format bench bench-scale migrate seed install install-dev clean audit backup restore backup-check

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## make run: virtualenv, install, migrate, demo data if the database is empty, search index, the
## background-jobs worker (on instance/jobs-queue.db, or Redis when REDIS_URL is set), and serve on
## 127.0.0.1:5000; stopping it (Ctrl-C) stops the worker too
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) search-reindex
	$(FLASK) jobs-worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

seed: $(VENV)/.installed
	$(FLASK) seed-demo

## make test: lint, then the whole test suite (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)
test: lint
	$(BIN)/pytest

## make lint: ruff, then bandit over the code that ships (a finding is fixed, or marked
## "# nosec BXXX  # reason" on its line)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive tracker config.py wsgi.py gunicorn.conf.py

## make audit: pip-audit over requirements.txt and what it pulls in, against PyPI's advisory
## data (AUDIT_SERVICE=osv for OSV). It needs the network: where no advisory database can be
## reached it fails and says so, it never passes without checking.
AUDIT_SERVICE ?= pypi
AUDIT_OPTIONS ?=
audit: $(VENV)/.installed-dev
	@report=$$(mktemp); \
	if $(BIN)/pip-audit --requirement requirements.txt --vulnerability-service $(AUDIT_SERVICE) \
	    --strict --progress-spinner off $(AUDIT_OPTIONS) >$$report 2>&1; then \
	  cat $$report; rm -f $$report; echo "make audit: no known vulnerability in requirements.txt"; \
	else \
	  tail -n 40 $$report; \
	  if grep -q -i -e "could not be audited" -e "ConnectionError" -e "ProxyError" \
	      -e "Max retries" -e "Failed to resolve" -e "timed out" $$report; then \
	    echo "make audit: FAILED: no advisory database could be reached from here ($(AUDIT_SERVICE))," \
	      "so no dependency was checked. This is not a pass: run make audit where it can reach" \
	      "pypi.org (or api.osv.dev with AUDIT_SERVICE=osv)." >&2; \
	  else \
	    echo "make audit: FAILED: known vulnerabilities above; raise those pins in requirements.txt." >&2; \
	  fi; \
	  rm -f $$report; exit 1; \
	fi

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-dev
	@# bench/world_*.py need a generated world (flask generate-world) in DATABASE_URL and are
	@# run by hand (see "Scale benchmark"); every other bench/*.py makes its own data.
	@for script in bench/*.py; do case $$script in bench/world_*) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done

## make bench-scale: demo size and BENCH_CASES (100000) cases on SQLite and PostgreSQL, side by
## side, into bench/results/scale-<date>.md (BENCH_CASES=2000 for a quick run; see the README)
bench-scale: $(VENV)/.installed-dev
	$(BIN)/python -m bench.scale

## make backup: the database (pg_dump, or SQLite's backup API), the uploaded documents and a
## manifest of what the site shows, into backups/<UTC time> (or BACKUP_DIR=...)
BACKUP_DIR ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup: $(VENV)/.installed
	$(FLASK) backup $(BACKUP_DIR)

## make restore FROM=backups/<time>: into the configured (new, empty) database and upload
## folder, then check that the restored site matches the backup
restore: $(VENV)/.installed
	@test -n "$(FROM)" || { echo "usage: make restore FROM=backups/<time>" >&2; exit 2; }
	$(FLASK) restore $(FROM)
	$(FLASK) backup-check $(FROM)

backup-check: $(VENV)/.installed
	@test -n "$(FROM)" || { echo "usage: make backup-check FROM=backups/<time>" >&2; exit 2; }
	$(FLASK) backup-check $(FROM)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

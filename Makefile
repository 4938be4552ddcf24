# Sinergi: set-up, run and test with one command each.
#   make run    set up, load reference and demo data, start the app on http://$(HOST):$(PORT)
#   make test   install system packages if missing, set up, lint, pytest on SQLite and PostgreSQL
#   make bench  benchmarks on a private PostgreSQL cluster, results in docs/benchmarks.md
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV := .venv
VENV_PY := $(VENV)/bin/python
STAMPS := .stamps

HOST ?= 127.0.0.1
PORT ?= 8000
BOUNDARIES_DIR ?= ../shared/data/regions
PYTEST_ARGS ?=

# Interpreter for the virtualenv: `python`, which pyenv resolves to 3.12 through .python-version;
# if that is not 3.12 (pyenv's shims not on PATH), pyenv's 3.12 directly. Override: PYTHON=...
# Expanded only when the virtualenv is created.
IS_PY312 := import sys; sys.exit(sys.version_info[:2] != (3, 12))
PYTHON ?= $(or $(shell python -c '$(IS_PY312)' >/dev/null 2>&1 && echo python),$(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12))),python)

# Stamps are named after a hash of what they install, so a changed requirements file or lock
# file re-runs its step, and an unchanged one makes `make setup` a fast no-op.
PIP_STAMP := $(STAMPS)/pip-$(shell cat /dev/null $(sort $(wildcard requirements*.txt)) | sha256sum | cut -c1-16)
NPM_STAMP := $(STAMPS)/npm-$(shell cat package.json package-lock.json | sha256sum | cut -c1-16)

.PHONY: help setup run test lint bench screenshots clean FORCE

help:
	@echo "Perintah:"
	@echo "  make setup   pasang dependensi Python (.venv) dan npm (node_modules)"
	@echo "  make run     siapkan data dan jalankan aplikasi di http://$(HOST):$(PORT)"
	@echo "  make test    lint + pytest (SQLite dan PostgreSQL); argumen tambahan: PYTEST_ARGS=..."
	@echo "  make lint    ruff dan mypy"
	@echo "  make bench   benchmark nasional di PostgreSQL: daftar, halaman, API, dasbor, impor, laporan tahunan (hasil: docs/benchmarks.md)"
	@echo "  make screenshots  perbarui docs/screenshots/ lewat uji peramban"
	@echo "  make load-test  uji beban locust, 50 pengguna x 10 menit (LOAD_USERS, LOAD_MINUTES)"
	@echo "  make clean   hapus .venv, node_modules, .stamps, var"

# Fails loudly when the virtualenv is not (or no longer) a working Python 3.12.
CHECK_VENV = @$(VENV_PY) -c '$(IS_PY312)' || { \
	echo "GALAT: $(VENV) tidak memakai Python 3.12 ($$($(VENV_PY) --version 2>&1))." >&2; \
	echo "Jalankan 'make clean' lalu 'make setup'." >&2; exit 1; }

setup: $(PIP_STAMP) $(NPM_STAMP)
	$(CHECK_VENV)

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)
	@$(VENV_PY) -c '$(IS_PY312)' || { \
		echo "GALAT: Python 3.12 diperlukan, tetapi $(PYTHON) adalah $$($(VENV_PY) --version 2>&1)." >&2; \
		echo "Pasang 3.12 dengan pyenv (berkas .python-version) atau beri PYTHON=/jalur/python3.12." >&2; \
		rm -rf $(VENV); exit 1; }

# A re-created virtualenv has a newer pyvenv.cfg than the stamp, so packages are installed again.
$(PIP_STAMP): $(VENV)/pyvenv.cfg
	$(CHECK_VENV)
	$(VENV_PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt
	@mkdir -p $(STAMPS) && rm -f $(STAMPS)/pip-* && touch $@

# npm ci when the lock file changed or node_modules is gone.
$(NPM_STAMP): $(if $(wildcard node_modules/.package-lock.json),,FORCE)
	npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && rm -f $(STAMPS)/npm-* && touch $@

FORCE:

# Every step of run (migrate, data loading, the server) sees SINERGI_DEMO=true.
run: export SINERGI_DEMO := true
run: setup
	$(VENV_PY) manage.py migrate --noinput
	$(VENV_PY) manage.py load_reference_data
	@if [ -f "$(BOUNDARIES_DIR)/provinces.geojson" ]; then \
		echo "$(VENV_PY) manage.py load_boundaries $(BOUNDARIES_DIR)/provinces.geojson $(BOUNDARIES_DIR)/regencies.geojson"; \
		$(VENV_PY) manage.py load_boundaries "$(BOUNDARIES_DIR)/provinces.geojson" "$(BOUNDARIES_DIR)/regencies.geojson"; \
	else \
		echo "Catatan: $(BOUNDARIES_DIR)/provinces.geojson tidak ditemukan; batas wilayah tidak dimuat (peta tanpa poligon)."; \
	fi
	$(VENV_PY) manage.py load_demo_data
	@# The background worker (document reading, imports, reminders) runs beside the web
	@# server and stops with it.
	@# A fixed worker id: what a killed run left half-done is queued again at the next start.
	@$(VENV_PY) manage.py requeue_tasks --worker-id pekerja-demo
	@$(VENV_PY) manage.py db_worker --no-reload --interval 1 --worker-id pekerja-demo & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SINERGI_DEMO=true $(VENV_PY) manage.py runserver $(HOST):$(PORT)

# PYTEST_ARGS is pasted into the command line, so its quoting works as typed:
#   make test PYTEST_ARGS="-k 'agreement and not slow' -x"
test:
	bash scripts/install-system-deps.sh
	$(MAKE) --no-print-directory setup
	bash scripts/test-all.sh $(PYTEST_ARGS)

# Runs all three tools even if one fails, so one run shows every problem.
lint: setup
	@status=0; \
	echo "== ruff =="; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	echo "== mypy =="; \
	$(VENV)/bin/mypy sinergi || status=1; \
	echo "== migrasi =="; \
	$(VENV_PY) manage.py makemigrations --check --dry-run || status=1; \
	exit $$status

# Benchmarks on demand, never part of `make test`: a private PostgreSQL cluster of its own for
# this run (always stopped), a fresh database `sinergi_bench` in it, results in
# docs/benchmarks.md. About 35 minutes on two cores. Quicker, smaller run:
# make bench BENCH_AGREEMENTS=20000 BENCH_RUNS=20 BENCH_PAGE_RUNS=10; one part only:
# BENCH_PARTS=pages (lists, dashboards, pages, import).
bench: setup
	@base=$$(mktemp -d /tmp/sinergi-pg-bench.XXXXXX); \
	trap 'PG_BASE=$$base bash scripts/pg-cluster.sh stop >/dev/null 2>&1 || echo "PERINGATAN: klaster $$base gagal dihentikan" >&2' EXIT; \
	trap 'exit 130' INT TERM; \
	url=$$(PG_BASE=$$base bash scripts/pg-cluster.sh start); \
	started=$$(date +%s); \
	DATABASE_URL=$$url BOUNDARIES_DIR=$(BOUNDARIES_DIR) $(VENV_PY) -m bench.agreements; \
	echo "Benchmark selesai dalam $$(( $$(date +%s) - started )) detik; hasil: docs/benchmarks.md"

# Issue #7 (document extraction, embeddings, semantic search) the same way, on demand: its
# section in docs/benchmarks.md. Quicker try: make bench-assistance BENCH_AGREEMENTS=20000
.PHONY: bench-assistance
bench-assistance: setup
	@base=$$(mktemp -d /tmp/sinergi-pg-bench.XXXXXX); \
	trap 'PG_BASE=$$base bash scripts/pg-cluster.sh stop >/dev/null 2>&1 || echo "PERINGATAN: klaster $$base gagal dihentikan" >&2' EXIT; \
	trap 'exit 130' INT TERM; \
	url=$$(PG_BASE=$$base bash scripts/pg-cluster.sh start); \
	started=$$(date +%s); \
	DATABASE_URL=$$url BOUNDARIES_DIR=$(BOUNDARIES_DIR) $(VENV_PY) -m bench.assistance; \
	echo "Benchmark selesai dalam $$(( $$(date +%s) - started )) detik; hasil: docs/benchmarks.md"

# Load test on demand, never part of `make test`: gunicorn with deploy/ files on a private
# PostgreSQL cluster, locust in var/load/venv; summary in docs/benchmarks.md ("Uji beban").
# Shorter: make load-test LOAD_USERS=5 LOAD_MINUTES=1
.PHONY: load-test
load-test: setup
	bash bench/load/run.sh

# The browser journeys write their screenshots into docs/screenshots/ only when asked:
# an ordinary test run must leave committed files alone.
screenshots: setup
	SINERGI_SCREENSHOTS=1 $(VENV_PY) -m pytest -q -m browser sinergi

clean:
	rm -rf $(VENV) node_modules $(STAMPS) var

# Two commands: `make run` sets up and runs Newsstream; `make test` sets up and runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install prometheus run test soak with-kafka kafka-start kafka-stop clean

install:
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then \
		echo "[setup] reusing $(VENV): newsstream and its dependencies are installed"; \
	else \
		echo "[setup] creating $(VENV) and installing newsstream with its dependencies (first run: a few minutes)"; \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/pip install -q --upgrade pip && \
		$(BIN)/pip install -q -e '.[test]' && \
		$(BIN)/python -c 'from streams.enrichment.gazetteer import ensure_table; ensure_table()' && \
		touch $(STAMP); \
	fi

# Prometheus is optional for `make run` (it is started when present) and needed by `make test`.
prometheus:
	@if command -v prometheus >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "[setup] installing Debian's prometheus package (brings promtool)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; \
	else \
		echo "[setup] prometheus is not installed and this is not root: run 'sudo apt-get install prometheus' for dashboards and the monitoring tests"; \
	fi

# `make run FEEDS=deploy/feeds.example.yml` also polls those feeds (newsstream feeds run) beside the worker.
FEEDS ?=
run: install prometheus
	$(BIN)/newsstream run$(if $(FEEDS), --feeds '$(FEEDS)')

kafka-start: install
	$(BIN)/newsstream kafka start

kafka-stop: install
	$(BIN)/newsstream kafka stop

# Starts the local broker unless one runs already (or KAFKA_BOOTSTRAP_SERVERS points elsewhere),
# runs the whole suite against it, and stops the broker again if this target started it.
test: install prometheus
	@$(MAKE) --no-print-directory with-kafka RUN='$(BIN)/pytest -m "not soak" $(PYTEST_ARGS)'

# 20,000 articles through one worker (about half an hour here); prints its figures. Not part of `make test`.
soak: install
	@$(MAKE) --no-print-directory with-kafka RUN='$(BIN)/pytest -m soak -s tests/soak $(PYTEST_ARGS)'

with-kafka:
	@if $(BIN)/newsstream kafka status >/dev/null 2>&1; then was_running=yes; else was_running=no; fi; \
	$(BIN)/newsstream kafka start || exit 1; \
	$(RUN); status=$$?; \
	if [ "$$was_running" = no ]; then $(BIN)/newsstream kafka stop; fi; \
	exit $$status

clean:
	-$(BIN)/newsstream kafka stop
	rm -rf .newsstream

# Two commands: `make run` sets up and runs Newsstream; `make test` sets up and runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install prometheus run test kafka-start kafka-stop clean

install:
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then \
		echo "[setup] reusing $(VENV): newsstream and its dependencies are installed"; \
	else \
		echo "[setup] creating $(VENV) and installing newsstream with its dependencies (first run: a few minutes)"; \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/pip install -q --upgrade pip && \
		$(BIN)/pip install -q -e '.[test]' && \
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

run: install prometheus
	$(BIN)/newsstream run

kafka-start: install
	$(BIN)/newsstream kafka start

kafka-stop: install
	$(BIN)/newsstream kafka stop

# Starts the local broker unless one runs already (or KAFKA_BOOTSTRAP_SERVERS points elsewhere),
# runs the whole suite against it, and stops the broker again if this target started it.
test: install prometheus
	@if $(BIN)/newsstream kafka status >/dev/null 2>&1; then was_running=yes; else was_running=no; fi; \
	$(BIN)/newsstream kafka start || exit 1; \
	$(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ "$$was_running" = no ]; then $(BIN)/newsstream kafka stop; fi; \
	exit $$status

clean:
	-$(BIN)/newsstream kafka stop
	rm -rf .newsstream

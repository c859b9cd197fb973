# Two entry points (README): `make run` builds the seed graph and answers the headline
# question; `make test` runs the whole suite (.ci/run calls exactly this).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED_SEEDS := ../shared/seeds
SOURCES := $(if $(wildcard $(SHARED_SEEDS)/*.txt),--sources $(SHARED_SEEDS),)

.PHONY: run test lint install clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/kg

run: $(BIN)/kg
	$(BIN)/kg build $(SOURCES)
	$(BIN)/kg query participants --param event=Channel-2018

test: $(BIN)/kg
	$(BIN)/python -m pytest -q

lint: $(BIN)/kg
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench

clean:
	rm -rf $(VENV) out

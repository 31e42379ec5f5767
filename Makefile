# orbita: `make all` sets up and builds the dataset from data/raw; `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

CARGO   ?= cargo
PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
PROFILE ?= release
TARGET_DIR := $(shell $(CARGO) metadata --format-version 1 --no-deps 2>/dev/null | $(PYTHON) -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || echo target)
ORBITA  := $(TARGET_DIR)/$(if $(filter release,$(PROFILE)),release,debug)/orbita
OUT     ?= data/datasets
TESTOUT := build/test-dataset
EXPORT_RAW := build/test-export-raw
EXPORT_DS  := build/test-export-dataset
EXPORT_OUT := build/test-export
# The seed articles: data/raw without its README and the compressed corpora (the UN General Debate Corpus).
SEEDS   := $(filter-out data/raw/README.md %.jsonl.zst %.jsonl.zst.meta.yaml %.jsonl.gz %.jsonl.gz.meta.yaml,$(wildcard data/raw/*))

.PHONY: all setup build dataset python test test-rust test-consumer test-python test-install test-kill test-report check lock verify eval eval-setup bench bench-incremental fuzz report export train clean help

help:
	@echo "make all    — set up (Python venv for consumer tests) and build the dataset from data/raw into $(OUT)/latest"
	@echo "make test   — every test: Rust unit, golden and end-to-end tests, pandas/polars/DuckDB/frictionless consumer tests,"
	@echo "              the Python package (pytest) with a sharded build on a local Dask cluster, an installed orbita outside the repo"
	@echo "make python — the Python wheel (build/wheels/orbita-*.whl, abi3) installed into $(VENV)"
	@echo "make check  — rebuild and compare with the committed data/dataset.lock; exits 1 on a difference"
	@echo "make lock   — rebuild and write data/dataset.lock (do this deliberately, then commit it)"
	@echo "make eval   — accuracy against ../shared/eval; make bench — speed on the White House corpus"
	@echo "make train  — fit the model stance labeller: pipeline/model/train/weights.tsv from the development rows"
	@echo "make report — build/report/report.html; make test-report — check it in headless Chromium"
	@echo "make export — the latest dataset as Hive-partitioned Parquet in build/hive (DuckDB, Spark, pandas)"
	@echo "make fuzz   — each fuzz target for FUZZ_SECONDS (600); make test-kill — the SIGKILL test alone"

all: setup dataset python

$(VENV)/.installed: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $@

setup: $(VENV)/.installed

build:
	$(CARGO) build --locked $(if $(filter release,$(PROFILE)),--release,) -p orbita

dataset: build
	$(ORBITA) build --raw data/raw --out $(OUT)
	$(ORBITA) verify $(OUT)/latest
	$(ORBITA) check $(OUT)/latest

test: test-rust test-consumer test-python test-install test-kill

# The Python extension crate is tested from Python (test-python): a Rust test
# binary of it would have to link libpython.
# same_features.py first: the CLI and the wheel share their compiled release dependencies (README: "First build").
test-rust:
	$(PYTHON) tests/build/same_features.py
	$(CARGO) test --locked --workspace --exclude orbita-python

# The seed articles plus every 250th speech of the UN General Debate Corpus in data/raw (each
# with its delegation as speaker): the consumer tests' dataset. All of data/raw is built and
# compared with data/dataset.lock once, by test-install.
CONSUMER_RAW := build/test-consumer-raw
UN_CORPUS    := data/raw/ungdc-1946-2024.jsonl.zst

# Builds that slice with the debug binary, checks it, and reads every table with pandas, DuckDB,
# polars and frictionless (frictionless validate on the export dataset); exports the seed articles
# plus tests/consumer/export_raw (several years, an undated document, a reject) as
# Hive-partitioned Parquet and reads it lazily with DuckDB, pyarrow.dataset and pandas.
test-consumer: setup
	$(CARGO) build --locked -p orbita
	rm -rf $(TESTOUT) $(CONSUMER_RAW) $(EXPORT_RAW) $(EXPORT_DS) $(EXPORT_OUT)
	mkdir -p $(CONSUMER_RAW) && cp $(SEEDS) $(CONSUMER_RAW)/
	zstd -dcq $(UN_CORPUS) | awk 'NR % 250 == 1' > $(CONSUMER_RAW)/ungdc-slice.jsonl
	cp $(UN_CORPUS).meta.yaml $(CONSUMER_RAW)/ungdc-slice.jsonl.meta.yaml
	$(TARGET_DIR)/debug/orbita build --raw $(CONSUMER_RAW) --out $(TESTOUT) > /dev/null
	$(TARGET_DIR)/debug/orbita check $(TESTOUT)/latest | tail -1
	mkdir -p $(EXPORT_RAW) && cp $(SEEDS) tests/consumer/export_raw/* $(EXPORT_RAW)/
	$(TARGET_DIR)/debug/orbita build --raw $(EXPORT_RAW) --out $(EXPORT_DS) > /dev/null
	$(TARGET_DIR)/debug/orbita export $(EXPORT_DS)/latest --out $(EXPORT_OUT) > /dev/null
	$(TARGET_DIR)/debug/orbita verify $(EXPORT_OUT)
	ORBITA_DATASET=$(TESTOUT)/latest ORBITA_EXPORT=$(EXPORT_OUT) ORBITA_EXPORT_DATASET=$(EXPORT_DS)/latest \
	  ORBITA_FRICTIONLESS_DATASET=$(EXPORT_DS)/latest $(PY) -m pytest -q tests/consumer

# The Python package: the release wheel for `make all` (build/wheels), a
# debug wheel for the tests (build/wheels-dev: it shares the test build's
# compiled dependencies). maturin builds an abi3 wheel (CPython 3.10+).
WHEELS     := build/wheels
DEV_WHEELS := build/wheels-dev
PY_CRATE   := pipeline/python/Cargo.toml

python: setup
	rm -rf $(WHEELS)
	$(VENV)/bin/maturin build --locked --release -m $(PY_CRATE) --out $(WHEELS) --quiet
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(WHEELS)/orbita-*.whl

# The White House slice the cluster test builds (two months, ~400 files).
WH_SLICE := build/wh-slice
$(WH_SLICE)/.unpacked:
	rm -rf $(WH_SLICE) && mkdir -p $(WH_SLICE)
	tar --zstd -xf ../shared/corpora/whitehouse-2021-2026.tar.zst -C $(WH_SLICE) --wildcards 'whitehouse/*/2022-02/*' 'whitehouse/*/2025-03/*'
	touch $@

# pytest over the package (tests/python): build/open/verify/diff, tables as
# pyarrow/pandas/polars, the per-document stages against the build, the
# README's notebook snippet, and the sharded build on a local two-worker
# Dask cluster against `orbita build` of the same slice; then the wheel in a
# fresh venv.
test-python: setup $(WH_SLICE)/.unpacked
	$(CARGO) build --locked -p orbita
	rm -rf $(DEV_WHEELS)
	$(VENV)/bin/maturin build --locked -m $(PY_CRATE) --out $(DEV_WHEELS) --quiet
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(DEV_WHEELS)/orbita-*.whl
	ORBITA_BIN=$(TARGET_DIR)/debug/orbita ORBITA_WH_SLICE=$(WH_SLICE)/whitehouse $(PY) -m pytest -q tests/python
	tests/python/fresh_venv.sh $(PYTHON) $(DEV_WHEELS)

# `cargo install` of the CLI, then a build, verify and check from an empty
# directory outside the repository (embedded knowledge base, lexicon, checks).
test-install:
	tests/install/outside_repo.sh

check: dataset
	$(ORBITA) diff --lock data/dataset.lock $(OUT)/latest

lock: dataset
	$(ORBITA) lock $(OUT)/latest --lock data/dataset.lock

verify:
	$(ORBITA) verify $(OUT)/latest

report: dataset
	$(ORBITA) report $(OUT)/latest --out build/report

# Every table as Hive-partitioned Parquet (README: "Partitioned export").
export: dataset
	$(ORBITA) export $(OUT)/latest --out build/hive --force
	$(ORBITA) verify build/hive

# Accuracy against ../shared/eval: splitter vs pySBD, syntok, blingfire and spaCy;
# linker recall, trap precision and the hand-checked White House sample; stance
# labels on the development set; the seed build against seed_gold.csv; alignment
# toward Russia read from the UN General Debate against the UN votes on Ukraine,
# with a keyword and a VADER peer (pipeline/eval/unga_votes.py; its tests first).
EVAL_VENV ?= .venv-eval
# The dataset the UN-vote check reads: one built with the UN General Debate in its inputs.
UNGA_DS ?= $(OUT)/latest
EPY := $(EVAL_VENV)/bin/python
WH_DIR ?= build/whitehouse

$(EVAL_VENV)/.installed: tests/requirements.txt pipeline/eval/requirements-split.txt pipeline/eval/requirements-link.txt pipeline/eval/requirements-unga.txt
	$(PYTHON) -m venv $(EVAL_VENV)
	$(EVAL_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt -r pipeline/eval/requirements-split.txt -r pipeline/eval/requirements-link.txt -r pipeline/eval/requirements-unga.txt
	touch $@

eval-setup: $(EVAL_VENV)/.installed

$(WH_DIR)/.unpacked:
	mkdir -p $(dir $(WH_DIR))
	tar --zstd -xf ../shared/corpora/whitehouse-2021-2026.tar.zst -C $(dir $(WH_DIR))
	touch $@

eval: eval-setup dataset $(WH_DIR)/.unpacked
	@echo "== sentence splitting =="
	$(EPY) pipeline/eval/split_eval.py --speed-corpus $(WH_DIR)
	@echo "== entity linking =="
	$(EPY) pipeline/eval/link_eval.py
	@echo "== stance labels (development set) =="
	$(CARGO) run --locked --release -q -p orbita-stance --example stance_eval -- --whitehouse $(WH_DIR)
	@echo "== stance labellers side by side: rules and model (test split; dev split out-of-fold) =="
	$(CARGO) run --locked --release -q -p orbita-model --example model_eval -- --split test --whitehouse $(WH_DIR)
	$(CARGO) run --locked --release -q -p orbita-model --example model_eval -- --split dev --whitehouse $(WH_DIR)
	@echo "== seed alignment vs ../shared/eval/seed_gold.csv =="
	$(EPY) pipeline/eval/seed_agreement.py $(OUT)/latest
	@echo "== alignment toward Russia vs UN votes on Ukraine (../shared/eval/unga) =="
	$(EPY) -m pytest -q pipeline/eval/test_unga_votes.py
	$(EPY) pipeline/eval/unga_votes.py $(UNGA_DS) --json build/eval/unga_votes.json
	@echo "== the same on further recorded votes, never tuned on (pipeline/eval/unga/votes_extra.csv) =="
	$(EPY) pipeline/eval/unga_votes.py $(UNGA_DS) --votes pipeline/eval/unga/votes_extra.csv --json build/eval/unga_votes_extra.json

# The model stance labeller's weights from the development rows of pipeline/eval/stance
# (dev.tsv, pairs.tsv split=dev) and pipeline/model/train/config.toml, byte for byte.
train: $(WH_DIR)/.unpacked
	$(CARGO) run --locked --release -q -p orbita-model --example train -- --whitehouse $(WH_DIR)

# Speed and memory on the White House corpus (see BENCHMARKS.md).
bench: build $(WH_DIR)/.unpacked eval-setup
	$(EPY) tests/bench/bench.py --orbita $(ORBITA) --corpus $(WH_DIR) --out build/bench
	$(EPY) tests/bench/labellers.py --orbita $(ORBITA) --corpus $(WH_DIR) --out build/bench

# Clean, no-op, one-document and knowledge-base rebuilds of the corpus (BENCHMARKS.md).
bench-incremental: build $(WH_DIR)/.unpacked
	tests/bench/incremental.sh $(ORBITA) $(WH_DIR)

# Optional: render the seed report in headless Chromium (apt-get install chromium) and check the charts are drawn;
# then the same for the synthetic world-scale report (every UN member, 1946-2024), including the world view's script.
test-report: dataset
	$(ORBITA) report $(OUT)/latest --out build/report
	pipeline/report/tests/chromium_screenshot.sh build/report/report.html build/report/report.png
	$(CARGO) run --locked --release -q -p orbita-report --example world -- build/report-world
	pipeline/report/tests/chromium_screenshot.sh build/report-world/report.html build/report-world/report.png

# SIGKILL at random moments during builds: latest always verifies, nothing partial is visible.
# Builds the seeds, a White House slice and 500 UN General Debate speeches (see the script).
test-kill:
	$(CARGO) build --locked -p orbita
	tests/robustness/kill_test.sh $(TARGET_DIR)/debug/orbita 20

# Each fuzz target for FUZZ_SECONDS (libFuzzer on the stable toolchain; see pipeline/fuzz/README.md).
FUZZ_SECONDS ?= 600
fuzz:
	pipeline/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build $(OUT)

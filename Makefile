# LureScan: `make demo` scans the bundled samples; `make test` runs every test.
SWIFT ?= swift
RELEASE_BIN = .build/release/lurescan
DEBUG_BIN = .build/debug/lurescan

.PHONY: setup build release demo test bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# Exit code 1 means "nothing at band medium or above": not a failure for the demo.
demo: release
	$(RELEASE_BIN) scan corpora/samples || [ $$? -eq 1 ]

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DEBUG_BIN) lint --strict
	$(DEBUG_BIN) test

bench: release
	python3 Benchmarks/bench.py

# Learns indicators/<lang>/vocabulary.yml from the dev split of the labeled corpora and the
# rewordings (indicators/README.md, "Vocabulary"); rebuild afterwards, the library is embedded.
.PHONY: vocabulary
vocabulary: release
	for lang in en es pt fr; do $(RELEASE_BIN) vocabulary --language $$lang --labels corpora/labeled/$$lang/labels.csv \
		--labels corpora/rewordings/$$lang/labels.csv --out indicators/$$lang/vocabulary.yml || exit 1; done

clean:
	rm -rf .build

# Scale-out check (scale/README.md): pyspark from PyPI in .venv-spark, the job on local[2]
# against a direct `lurescan scan --stream`. Needs Java 17+. Not part of `make test`.
.PHONY: spark-test
spark-test: setup
	@command -v java >/dev/null || { echo "spark-test: Java 17+ is needed (java not found)"; exit 2; }
	@.venv-spark/bin/python -c 'import pyspark' 2>/dev/null || { python3 -m venv .venv-spark && .venv-spark/bin/pip install -q pyspark; }
	@[ -x .build-spark/release/lurescan ] || $(SWIFT) build -c release --scratch-path .build-spark
	LURESCAN_BIN=.build-spark/release/lurescan .venv-spark/bin/python scale/spark_test.py

# libFuzzer targets (Fuzz/, address sanitizer): each runs FUZZ_SECONDS (60) from Fuzz/corpus. Not part of `make test`.
.PHONY: fuzz
fuzz: setup
	scripts/fuzz.sh

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
	$(DEBUG_BIN) lint
	$(DEBUG_BIN) test

bench: release
	python3 Benchmarks/bench.py

clean:
	rm -rf .build

# baton-swift — the few commands a contributor needs. `make help` lists them.
SWIFT        ?= swift
BUILD_FLAGS  ?=
DEMO_DIR     ?= .demo
BIN          := $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null)

.PHONY: help setup build test demo chaos lint format proto bench clean

help:
	@echo "make demo   — sync the bundled demo connector (and mocks) into .demo/ and print baton stats"
	@echo "make test   — build everything and run every test"
	@echo "make build  — debug build of every target"
	@echo "make lint   — swift format lint"
	@echo "make proto  — regenerate Sources/BatonProto from Shared/Protos"
	@echo "make bench  — release-mode benchmarks"
	@echo "make chaos  — faults, SIGKILLs, hostile files and servers, secret scan (CHAOS_KILLS=20)"
	@echo "make setup  — install the Debian packages the build needs (every target below runs it first)"

# Every target that builds runs this first: a fresh machine with only Swift gets its packages here.
setup:
	@./scripts/setup.sh

build: setup
	$(SWIFT) build --build-tests $(BUILD_FLAGS)

test: setup
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

demo: setup
	$(SWIFT) build $(BUILD_FLAGS) --product baton-demo
	for name in $$(bash -c '. scripts/service-connectors.sh && connector_names'); do \
		$(SWIFT) build $(BUILD_FLAGS) --product baton-$$name || exit 1; done
	$(SWIFT) build $(BUILD_FLAGS) --product baton-mock
	$(SWIFT) build $(BUILD_FLAGS) --product baton
	./scripts/demo.sh "$(BIN)" $(DEMO_DIR)

chaos: setup
	$(SWIFT) build $(BUILD_FLAGS)
	./scripts/chaos.sh "$(BIN)" .chaos

lint:
	$(SWIFT) format lint --strict --recursive Sources Connectors Mocks Shared/TestSupport Shared/MockTestSupport Tests

format:
	$(SWIFT) format --in-place --recursive Sources Connectors Mocks Shared/TestSupport Shared/MockTestSupport Tests

proto:
	./scripts/generate-protos.sh

# Every executable in release mode: the benchmark runs the connectors and baton-mock as child processes.
# BENCH_SERVICES=okta limits the connectors, BENCH_STORE=0 skips the store rows.
bench: setup
	$(SWIFT) build -c release $(BUILD_FLAGS)
	$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/baton-bench

clean:
	rm -rf .build $(DEMO_DIR) .bench .chaos

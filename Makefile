# baton-swift — the few commands a contributor needs. `make help` lists them.
SWIFT        ?= swift
BUILD_FLAGS  ?=
DEMO_DIR     ?= .demo
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
BIN          := $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null)
# Release builds link the Swift runtime, libstdc++, libgcc and the C libraries statically, so dist/
# binaries need only glibc: the linker finds libzstd.a, libsqlite3.a, libz.a and libstdc++.a first in
# .build-static-libs (see scripts/dist.sh).
RELEASE_FLAGS = -c release --scratch-path $(CURDIR)/.build-release --static-swift-stdlib \
                -Xswiftc -L$(CURDIR)/.build-static-libs -Xswiftc -Xclang-linker -Xswiftc -static-libgcc $(BUILD_FLAGS)
VERSION      ?=
SIGNING_KEY  ?=
GPG_KEY      ?=

.PHONY: help setup build release dist-check publish-e2e test demo chaos fuzz lint validate new-connector format proto bench clean

help:
	@echo "make demo   — sync the bundled demo connector (and mocks) into .demo/ and print baton stats"
	@echo "make test   — build everything and run every test"
	@echo "make build  — release binaries of every connector in dist/<os>_<arch>/ (static: glibc only)"
	@echo "make release VERSION=vX.Y.Z [SIGNING_KEY=k.key] [GPG_KEY=id] — archives, checksums, signatures, SBOM"
	@echo "make dist-check — run a dist binary's --help and a demo sync in a root holding only it and glibc"
	@echo "make new-connector NAME=acme [DESCRIPTION=\"…\"] — generate a connector, its mock and tests, registered"
	@echo "make lint   — swift format lint, actionlint, hadolint, and baton-connector validate on every connector"
	@echo "make proto  — regenerate Sources/BatonProto from Shared/Protos"
	@echo "make bench  — release-mode benchmarks"
	@echo "make chaos  — faults, SIGKILLs, hostile files and servers, secret scan (CHAOS_KILLS=20)"
	@echo "make fuzz   — libFuzzer + ASan on every parser, FUZZ_SECONDS=60 each (FUZZ_TARGETS=\"okta-page …\")"
	@echo "make setup  — install the Debian packages the build needs (every target below runs it first)"

# Every target that builds runs this first: a fresh machine with only Swift gets its packages here.
setup:
	@./scripts/setup.sh

build: setup
	SWIFT="$(SWIFT)" RELEASE_FLAGS="$(RELEASE_FLAGS)" ./scripts/dist.sh $(CONNECTORS)

release: setup
	@case "$(VERSION)" in v[0-9]*.[0-9]*.[0-9]*) ;; *) echo "make release: VERSION=vX.Y.Z is required (got '$(VERSION)')" >&2; exit 2;; esac
	$(SWIFT) build $(BUILD_FLAGS) --product baton-connector
	$(SWIFT) package show-dependencies --format json > .build/dependencies.json
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) "$(BIN)/baton-connector" release \
		--version "$(VERSION)" --dependencies .build/dependencies.json \
		$(if $(SIGNING_KEY),--signing-key "$(SIGNING_KEY)") $(if $(GPG_KEY),--gpg-key "$(GPG_KEY)")

dist-check:
	./scripts/dist-check.sh

# build → release → publish → download with the real executables (after make build CONNECTORS=demo).
publish-e2e: setup
	./scripts/publish-e2e.sh

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

# One sanitized build (.build-fuzzer), then every target for FUZZ_SECONDS; see scripts/fuzz.sh.
fuzz: setup
	SWIFT="$(SWIFT)" FUZZ_SECONDS="$(FUZZ_SECONDS)" FUZZ_TARGETS="$(FUZZ_TARGETS)" ./scripts/fuzz.sh

lint:
	$(SWIFT) format lint --strict --recursive Sources Connectors Mocks Shared/TestSupport Shared/MockTestSupport Tests
	@./scripts/lint-tools.sh
	actionlint .github/workflows/*.yml
	hadolint Dockerfile
	$(MAKE) validate

# The publishing checklist for every connector (or CONNECTOR=Connectors/Acme): it runs the executables.
validate:
	$(SWIFT) build $(BUILD_FLAGS) --product baton-connector
	$(SWIFT) build $(BUILD_FLAGS) --product baton-demo
	for name in $$(bash -c '. scripts/service-connectors.sh && connector_names'); do \
		$(SWIFT) build $(BUILD_FLAGS) --product baton-$$name || exit 1; done
	"$(BIN)/baton-connector" validate --bin-path "$(BIN)" $(CONNECTOR)

# A new connector: `make new-connector NAME=acme DESCRIPTION="Syncs Acme users and groups."`.
new-connector:
	@test -n "$$NAME" || { echo "make new-connector: NAME=<lower-kebab name> is required, e.g. NAME=acme" >&2; exit 2; }
	@$(SWIFT) build $(BUILD_FLAGS) --product baton-connector >/dev/null 2>&1 || \
		{ echo "make new-connector: building baton-connector failed (see: $(SWIFT) build --product baton-connector)" >&2; exit 1; }
	@"$(BIN)/baton-connector" init "$$NAME" $${DESCRIPTION:+--description "$$DESCRIPTION"}

format:
	$(SWIFT) format --in-place --recursive Sources Connectors Mocks Shared/TestSupport Shared/MockTestSupport Tests

proto:
	./scripts/generate-protos.sh

# Every executable in release mode: the benchmark runs the connectors and baton-mock as child processes.
# BENCH_SERVICES=okta limits the connectors, BENCH_STORE=0 skips the store rows.
bench: setup
	./scripts/dist.sh --links-only
	for product in baton-bench baton-mock baton $$(./scripts/connectors.sh | sed 's/^/baton-/'); do \
		$(SWIFT) build $(RELEASE_FLAGS) --product $$product || exit 1; done
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/baton-bench

clean:
	rm -rf .build .build-static-libs .build-fuzzer dist $(DEMO_DIR) .bench .chaos

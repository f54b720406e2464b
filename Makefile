# The two commands: `make dev` runs the product, `make test` passes the tests. Both set up what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_STAMP := node_modules/.install-stamp

.PHONY: help dev test stop clean tools deps lint typecheck bench bench-all ui-check

help:
	@echo "make dev    - install, start Temporal (UI :8233) + PostgreSQL, migrate, seed, run worker + API (:3000)"
	@echo "make test   - the same set-up, then every test suite (unit, stack, time-skipping)"
	@echo "make stop   - stop a stack left running by make dev"
	@echo "make clean  - stop and remove .data/ and .tools/"
	@echo "make bench  - region day vs bare Temporal, 10,000 open cases, history growth (bench/RESULTS.md)"
	@echo "make bench-all - every benchmark in bench/"
	@echo "make lint   - biome check --write (format and lint fixes)"
	@echo "make typecheck - tsc --noEmit"
	@echo "make ui-check - screenshot test: a running case in Temporal UI shows its message and named timer (needs chromium)"

# Install only when the lockfile changed since the last install. `npm install` honours the committed lock;
# `npm ci` (npm 11.19) rejects it for lacking other platforms' optional packages that npm itself left out.
$(NPM_STAMP): package-lock.json package.json
	npm install --no-audit --no-fund --prefer-offline
	@touch $@

# scripts/patch-deps.mjs guards a dependency bug until its release carries the fix (idempotent, fast).
deps: $(NPM_STAMP)
	@node scripts/patch-deps.mjs

tools:
	@scripts/tools.sh all

dev: deps tools
	@mkdir -p .data
	@node --import tsx scripts/dev.ts

test: deps tools
	@mkdir -p .data
	npx tsc --noEmit -p .
	npx biome check .
	npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json
	@node --import tsx scripts/test-summary.ts .data/vitest.json

stop:
	@node --import tsx scripts/stop.ts

clean: stop
	rm -rf .data .tools

lint:
	npx biome check --write .

typecheck:
	npx tsc --noEmit -p .

# Not in make test: it needs Debian's chromium (apt-get install chromium). Screenshot: .data/ui-check/case.png
ui-check: deps tools
	@mkdir -p .data
	@node --experimental-websocket --import tsx scripts/ui-check.ts

# The scale benchmarks (README "Performance and scale"): a region's day against bare Temporal (BENCH_SCALE of
# the 4,100-message day), BENCH_OPEN_CASES open cases against the worker's memory bound, history growth.
BENCH_SCALE ?= 0.1
BENCH_OPEN_CASES ?= 10000
bench: deps tools
	@mkdir -p .data
	BENCH_SCALE=$(BENCH_SCALE) npx tsx bench/region-day.bench.ts
	npx tsx bench/memory.bench.ts $(BENCH_OPEN_CASES)
	npx tsx bench/history.bench.ts

# Every benchmark in bench/, the micro-benchmarks (calendar, checks, ingest, report) included.
bench-all: deps tools
	@for b in bench/*.bench.ts; do echo "== $$b"; npx tsx $$b; done

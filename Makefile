# Jiuxiao: `make run` to try it, `make test` to check it. Both install
# PostgreSQL when it is missing and run their own cluster from its binaries.

SHELL   := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
BIN     := bin/jiuxiao

.PHONY: run psql stop test build vet fmt check clean bench-generate

## run: install PostgreSQL if needed, start this checkout's cluster, migrate, seed once, serve
## (the cluster's folder and DATABASE_URL are printed; Ctrl-C or SIGTERM stops both)
run: build
	@scripts/run.sh serve

## psql: a psql shell on make run's database; stop: stop make run's cluster if it still runs
psql:
	@scripts/run.sh psql
stop:
	@scripts/run.sh stop

## test: the whole test suite against a throwaway PostgreSQL cluster
test:
	@scripts/test.sh

## bench-generate: schedule generation against its floor, on a throwaway durable cluster
## (BENCH_VENUES="75276 1200000" by default; docs/BENCHMARKS.md has the figures)
bench-generate:
	@scripts/bench.sh

## build: the jiuxiao binary in bin/
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) .

## vet, fmt, check: the checks a reviewer runs first
vet:
	$(GO) vet ./...
fmt:
	gofmt -l -w .
check: vet
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }

clean:
	rm -rf bin

## reliability: concurrency, retries, a database outage, hostile input, access, load and
## SIGTERM against the real binary and a throwaway durable cluster (docs/RELIABILITY.md);
## exits non-zero on any violation. reliability-<step> runs one step: fuzz, access,
## concurrency, retries, outage, hostile, uploads, shutdown, limits, load, nginx (the service
## behind deploy/nginx with Debian's nginx), standby (a streaming read replica paused and killed under load). fuzz runs every fuzz
## target for FUZZTIME (their seed corpora run in make test).
RELIABILITY_STEPS := fuzz access concurrency retries outage hostile uploads shutdown limits load nginx standby
.PHONY: reliability fuzz $(addprefix reliability-,$(RELIABILITY_STEPS))
reliability:
	@scripts/reliability.sh all
$(addprefix reliability-,$(RELIABILITY_STEPS)):
	@scripts/reliability.sh $(@:reliability-%=%)
fuzz:
	@RELIABILITY_FUZZTIME=$${FUZZTIME:-10s} scripts/reliability.sh fuzz

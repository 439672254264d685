# Jiuxiao: `make run` to try it, `make test` to check it. Both install
# PostgreSQL when it is missing and run their own cluster from its binaries.

SHELL   := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
BIN     := bin/jiuxiao

.PHONY: run test build vet fmt check clean

## run: install PostgreSQL if needed, start a local cluster under DATA_DIR, migrate, seed once, serve
run: build
	@scripts/run.sh

## test: the whole test suite against a throwaway PostgreSQL cluster
test:
	@scripts/test.sh

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

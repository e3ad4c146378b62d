# Huanxin 焕新 — the two commands of the README, and a few more.
#   make run    install what is missing, build, migrate, load demo data, serve on http://127.0.0.1:8080
#   make test   every suite CI runs
#   make bench  benchmarks (figures go to docs/BENCHMARKS.md by hand, with the command)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8080
DB ?= sqlite:var/huanxin.db
DEMO_PASSWORD ?= Huanxin\#2026
# ccache: reuse compile results across clones in different folders.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
# ccache caches compilations that use precompiled headers only with these (cmake/pch.hpp).
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: run test bench deps web build build-release clean format

deps:
	@tools/install-deps.sh

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web: deps web/node_modules/.package-lock.json
	cd web && npm run --silent build

build: deps
	cmake --preset dev >/dev/null && cmake --build --preset dev -j $(JOBS)

build-release: deps
	cmake --preset release >/dev/null && cmake --build --preset release -j $(JOBS)

run: web build-release
	@mkdir -p var
	./build/release/bin/huanxin migrate --db '$(DB)'
	./build/release/bin/huanxin demo --db '$(DB)' --password '$(DEMO_PASSWORD)'
	@echo
	@echo "Huanxin: http://$(HOST):$(PORT)/   (API docs: http://$(HOST):$(PORT)/api/docs)"
	@if [ -f var/admin-password ]; then echo "Login: admin / $$(cat var/admin-password)  (var/admin-password)"; \
	 else echo "Login: admin / the password printed below (or HUANXIN_ADMIN_PASSWORD)"; fi
	@echo "Demo accounts (password $(DEMO_PASSWORD)): qyp.bureau, hongdu.street, jingshan.street, grid.worker"
	@echo
	exec ./build/release/bin/huanxin serve --db '$(DB)' --host $(HOST) --port $(PORT)

test: web
	tools/run-tests.sh

bench: web build-release
	bench/run.sh

clean:
	rm -rf build web/dist

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

# Tongban: `make run` serves the demo on http://127.0.0.1:8080; `make test` runs every test.
BUILD_DIR ?= build
DATA_DIR  ?= var
PORT      ?= 8080
JOBS      ?= 2

WEB_SOURCES := $(shell find web/src web/scripts web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)

.PHONY: deps build run test bench format clean web

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja web
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The front end: npm ci from the committed lock file when it changed, then a Vite build.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES) src/api/openapi.json
	cd web && npm run build

web: deps web/dist/index.html

run: build
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) migrate
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) seed --demo
	@echo "Tongban is starting on http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) serve --port $(PORT) --web-root web/dist

test: build
	@scripts/install-deps.sh --browser
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

bench: build
	@scripts/install-deps.sh --bench
	bench/run

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

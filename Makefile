# Tongban: `make run` serves the demo on http://127.0.0.1:8080; `make test` runs every test.
BUILD_DIR ?= build
DATA_DIR  ?= var
PORT      ?= 8080
JOBS      ?= 2

.PHONY: deps build run test bench format clean web

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) migrate
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) seed --demo
	@echo "Tongban is starting on http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	$(BUILD_DIR)/tongban --data-dir $(DATA_DIR) serve --port $(PORT)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

bench: build
	@scripts/install-deps.sh --bench
	bench/run

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

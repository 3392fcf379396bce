#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

#include "common/clock.h"

namespace tongban::log {

namespace {
std::atomic<Level> gLevel{Level::kInfo};

spdlog::logger& Logger() {
  static auto logger = [] {
    auto l = spdlog::stderr_logger_mt("tongban");
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *logger;
}

const char* Name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}
}  // namespace

void SetLevel(Level level) { gLevel = level; }

bool SetLevel(std::string_view name) {
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError})
    if (name == Name(l)) {
      gLevel = l;
      return true;
    }
  return false;
}

void Write(Level level, std::string_view msg, json::object fields) {
  if (level < gLevel.load()) return;
  json::object line;
  line["ts"] = FormatTimestamp(std::chrono::system_clock::now());
  line["level"] = Name(level);
  line["msg"] = msg;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  Logger().info(json::serialize(line));
}

}  // namespace tongban::log

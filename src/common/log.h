#pragma once
// Structured logs: one JSON object per line on stderr, with time, level and message.

#include <string_view>

#include "common/json.h"

namespace tongban::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void SetLevel(Level level);
//! Sets the minimum level from "debug" | "info" | "warn" | "error"; false if unknown.
bool SetLevel(std::string_view name);
void Write(Level level, std::string_view msg, json::object fields = {});
inline void Info(std::string_view msg, json::object fields = {}) {
  Write(Level::kInfo, msg, std::move(fields));
}
inline void Warn(std::string_view msg, json::object fields = {}) {
  Write(Level::kWarn, msg, std::move(fields));
}
inline void Error(std::string_view msg, json::object fields = {}) {
  Write(Level::kError, msg, std::move(fields));
}

}  // namespace tongban::log

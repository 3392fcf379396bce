#pragma once
// Time as the system sees it, behind an interface so tests can move it.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tongban {

using TimePoint = std::chrono::system_clock::time_point;
using Date = std::chrono::sys_days;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

//! A clock that stands still until told to move; for tests only.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint t) : t_(t.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(t_.load())); }
  void advance(std::chrono::milliseconds d) {
    t_ += std::chrono::duration_cast<TimePoint::duration>(d).count();
  }
  void set(TimePoint t) { t_ = t.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::rep> t_;
};

//! "2026-11-23T13:28:41.123Z" (UTC, milliseconds).
std::string FormatTimestamp(TimePoint t);
std::optional<TimePoint> ParseTimestamp(std::string_view s);
//! "2026-11-23".
std::string FormatDate(Date d);
//! Parses a valid proleptic Gregorian "YYYY-MM-DD"; nullopt for anything else (2026-02-30 too).
std::optional<Date> ParseDate(std::string_view s);
//! The calendar date at `t` in a zone `utcOffsetMinutes` east of UTC.
Date LocalDate(TimePoint t, int utcOffsetMinutes);

}  // namespace tongban

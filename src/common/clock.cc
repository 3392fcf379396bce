#include "common/clock.h"

#include <charconv>
#include <cstdio>

namespace tongban {

namespace {
bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

std::string FormatTimestamp(TimePoint t) {
  using namespace std::chrono;
  auto ms = time_point_cast<milliseconds>(t);
  auto day = floor<days>(ms);
  year_month_day ymd{day};
  hh_mm_ss hms{ms - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

std::optional<TimePoint> ParseTimestamp(std::string_view s) {
  using namespace std::chrono;
  // YYYY-MM-DDTHH:MM:SS(.mmm)?Z
  if (s.size() < 20 || s[10] != 'T' || s.back() != 'Z') return std::nullopt;
  auto d = ParseDate(s.substr(0, 10));
  if (!d) return std::nullopt;
  int h, m, sec, milli = 0;
  if (s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!ParseInt(s.substr(11, 2), h) || !ParseInt(s.substr(14, 2), m) ||
      !ParseInt(s.substr(17, 2), sec))
    return std::nullopt;
  if (s.size() == 24) {
    if (s[19] != '.' || !ParseInt(s.substr(20, 3), milli)) return std::nullopt;
  } else if (s.size() != 20) {
    return std::nullopt;
  }
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  return TimePoint(*d) + hours(h) + minutes(m) + seconds(sec) + milliseconds(milli);
}

std::string FormatDate(Date d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y, m, d;
  if (!ParseInt(s.substr(0, 4), y) || !ParseInt(s.substr(5, 2), m) || !ParseInt(s.substr(8, 2), d))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(m)),
                                  std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

Date LocalDate(TimePoint t, int utcOffsetMinutes) {
  return std::chrono::floor<std::chrono::days>(t + std::chrono::minutes(utcOffsetMinutes));
}

}  // namespace tongban

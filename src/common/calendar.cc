#include "common/calendar.h"

namespace tongban {

bool WorkingCalendar::isWorkingDay(Date d) const {
  if (auto it = overrides_.find(d); it != overrides_.end()) return it->second == DayKind::kWorkday;
  std::chrono::weekday wd{d};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

Date WorkingCalendar::addWorkingDays(Date start, int n) const {
  Date d = start;
  while (n > 0) {
    d += std::chrono::days(1);
    if (isWorkingDay(d)) --n;
  }
  return d;
}

int WorkingCalendar::workingDaysBetween(Date from, Date to) const {
  int n = 0;
  for (Date d = from + std::chrono::days(1); d <= to; d += std::chrono::days(1))
    if (isWorkingDay(d)) ++n;
  return n;
}

}  // namespace tongban

#pragma once
// Working days: Monday to Friday, minus public holidays, plus the make-up working days
// (调休) that the State Council moves onto weekends.

#include <map>
#include <string>

#include "common/clock.h"

namespace tongban {

class WorkingCalendar {
 public:
  enum class DayKind { kHoliday, kWorkday };

  //! Marks `d` as a holiday or as a make-up working day; a later call for the same day wins.
  void set(Date d, DayKind kind) { overrides_[d] = kind; }
  bool isWorkingDay(Date d) const;
  //! The date on which `n` working days after `start` have elapsed (start itself not counted).
  //! n == 0 returns start.
  Date addWorkingDays(Date start, int n) const;
  //! Working days in (from, to]; 0 when to <= from.
  int workingDaysBetween(Date from, Date to) const;
  size_t overrideCount() const { return overrides_.size(); }

 private:
  std::map<Date, DayKind> overrides_;
};

}  // namespace tongban

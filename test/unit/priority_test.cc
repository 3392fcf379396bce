// Working minutes for green-channel decisions (priority/): office hours 08:30–12:00 and
// 14:00–17:30 China time on working days, so a request made on Friday afternoon or before a
// holiday is due on the next working morning, not at night.

#include <gtest/gtest.h>

#include "priority/green_channel.h"

namespace tongban::priority {
namespace {

using namespace std::chrono;

//! `y-m-d hh:mm` China time as a TimePoint.
TimePoint Cst(int y, unsigned m, unsigned d, int hh, int mm) {
  return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) - hours(8);
}

TEST(GreenChannelHours, CountOnlyOfficeHoursOnWorkingDays) {
  WorkingCalendar cal;
  // Monday 2026-11-23 10:00: two hours later is 12:00.
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 23, 10, 0), 120, 480), Cst(2026, 11, 23, 12, 0));
  // 11:00 + 2 h: one hour before lunch, one after it.
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 23, 11, 0), 120, 480), Cst(2026, 11, 23, 15, 0));
  // In the lunch break: counting starts at 14:00.
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 23, 12, 30), 120, 480), Cst(2026, 11, 23, 16, 0));
  // At night: the next morning.
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 23, 22, 0), 120, 480), Cst(2026, 11, 24, 10, 30));
  // Friday 17:00: half an hour on Friday, the rest on Monday morning.
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 27, 17, 0), 120, 480), Cst(2026, 11, 30, 10, 0));
  // A holiday on Monday moves it to Tuesday; a make-up Saturday counts.
  cal.set(sys_days(year(2026) / 11 / 30), WorkingCalendar::DayKind::kHoliday);
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 27, 17, 0), 120, 480), Cst(2026, 12, 1, 10, 0));
  cal.set(sys_days(year(2026) / 11 / 28), WorkingCalendar::DayKind::kWorkday);
  EXPECT_EQ(AddWorkingMinutes(cal, Cst(2026, 11, 27, 17, 0), 120, 480), Cst(2026, 11, 28, 10, 0));
}

}  // namespace
}  // namespace tongban::priority

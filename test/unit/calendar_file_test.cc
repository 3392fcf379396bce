// iCalendar files for appointments (RFC 5545): escaping, folding at 75 octets without
// breaking UTF-8, CRLF, UTC times.

#include <gtest/gtest.h>

#include "identity/calendar_file.h"

namespace tongban::identity {
namespace {

//! Physical lines of `ics` (split on CRLF); fails if a bare LF or CR appears.
std::vector<std::string> Lines(const std::string& ics) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < ics.size()) {
    size_t end = ics.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "no CRLF at the end";
    if (end == std::string::npos) break;
    std::string line = ics.substr(pos, end - pos);
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << line;
    out.push_back(line);
    pos = end + 2;
  }
  return out;
}

//! Content lines after unfolding (RFC 5545 3.1).
std::vector<std::string> Unfold(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    if (!l.empty() && (l[0] == ' ' || l[0] == '\t') && !out.empty())
      out.back() += l.substr(1);
    else
      out.push_back(l);
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char b = s[i];
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (!n || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

TEST(CalendarFile, EscapesTextAsTheStandardSays) {
  EXPECT_EQ(IcsEscape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
  EXPECT_EQ(IcsEscape("no\x01"
                      "control"),
            "nocontrol");
  EXPECT_EQ(IcsTime("2026-11-24T08:00:00.000Z"), "20261124T080000Z");
  EXPECT_EQ(IcsTime("2026-11-24T08:00:00Z"), "20261124T080000Z");
  EXPECT_EQ(IcsTime("2026-11-24 08:00"), "");
}

TEST(CalendarFile, FoldsLongLinesWithoutBreakingCharacters) {
  std::string chinese;
  for (int i = 0; i < 60; ++i) chinese += "青田";  // 3 octets each
  std::string folded = IcsFold("DESCRIPTION:" + chinese);
  auto lines = Lines(folded);
  ASSERT_GT(lines.size(), 3u);
  for (const auto& l : lines) {
    EXPECT_LE(l.size(), 75u);
    EXPECT_TRUE(ValidUtf8(l.substr(l[0] == ' ' ? 1 : 0))) << "a character was split";
  }
  EXPECT_EQ(Unfold(lines)[0], "DESCRIPTION:" + chinese);
  EXPECT_EQ(IcsFold("SHORT:x"), "SHORT:x\r\n");
}

TEST(CalendarFile, AnAppointmentIsOneEventWithEverythingACalendarNeeds) {
  CalendarWords w =
      AppointmentWords("it", "window", "Sede di collegamento di Milano", "Via Paolo Sarpi, Milano",
                       "https://tongban.example/appointments");
  CalendarEvent e;
  e.uid = "appointment-7@tongban.example";
  e.stamp = "2026-11-23T02:00:00.000Z";
  e.start = "2026-11-24T08:00:00.000Z";
  e.end = "2026-11-24T08:30:00.000Z";
  e.summary = w.summary;
  e.location = w.location;
  e.description = w.description;
  e.url = "https://tongban.example/appointments";
  e.alarm = w.alarm;
  std::string ics = CalendarFile(e);
  auto lines = Unfold(Lines(ics));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  std::map<std::string, std::string> props;
  int events = 0;
  for (const auto& l : lines) {
    if (l == "BEGIN:VEVENT") ++events;
    auto colon = l.find(':');
    ASSERT_NE(colon, std::string::npos) << l;
    props.emplace(l.substr(0, colon), l.substr(colon + 1));
  }
  EXPECT_EQ(events, 1);
  EXPECT_EQ(props["VERSION"], "2.0");
  EXPECT_FALSE(props["PRODID"].empty());
  EXPECT_EQ(props["UID"], "appointment-7@tongban.example");
  EXPECT_EQ(props["DTSTAMP"], "20261123T020000Z");
  EXPECT_EQ(props["DTSTART"], "20261124T080000Z");
  EXPECT_EQ(props["DTEND"], "20261124T083000Z");
  EXPECT_EQ(props["STATUS"], "CONFIRMED");
  EXPECT_EQ(props["SUMMARY"], "Appuntamento allo sportello (Tongban)");
  // The address's comma is escaped; unescaped commas would split the value.
  EXPECT_EQ(props["LOCATION"], "Sede di collegamento di Milano\\, Via Paolo Sarpi\\, Milano");
  EXPECT_NE(props["DESCRIPTION"].find("https://tongban.example/appointments"), std::string::npos);
  EXPECT_EQ(props["TRIGGER"], "-PT1H");
  e.cancelled = true;
  std::string cancelled = CalendarFile(e);
  EXPECT_NE(cancelled.find("\r\nSTATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_EQ(cancelled.find("VALARM"), std::string::npos);
}

TEST(CalendarFile, VideoChecksSayTheyAreOnlineInEveryLanguage) {
  std::set<std::string> summaries;
  for (const char* loc : {"zh-CN", "en", "it", "es", "fr", "pt", "de"}) {
    CalendarWords w = AppointmentWords(loc, "identity", "UNIT", "ADDRESS", "URL");
    summaries.insert(w.summary);
    EXPECT_NE(w.location.find("UNIT"), std::string::npos) << loc;
    EXPECT_NE(w.location.find("ADDRESS"), std::string::npos) << loc;
    EXPECT_NE(w.description.find("URL"), std::string::npos) << loc;
    EXPECT_EQ(w.description.find('{'), std::string::npos) << loc;
  }
  EXPECT_EQ(summaries.size(), 7u);
}

}  // namespace
}  // namespace tongban::identity

#pragma once
// Calendar files (iCalendar, RFC 5545) for appointments, so a person can add one to the
// calendar on their phone: UTC times, the unit's name and address, one stable UID per
// appointment, CRLF line endings, long lines folded at 75 octets, text escaped.

#include <string>
#include <string_view>

namespace tongban::identity {

struct CalendarEvent {
  std::string uid;
  std::string stamp;       // when the file was made (timestamp as stored, UTC)
  std::string start, end;  // timestamps as stored (UTC)
  std::string summary, location, description, url;
  bool cancelled = false;
  std::string alarm;  // text of a reminder an hour before; empty: none
};

//! TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
std::string IcsEscape(std::string_view text);
//! Folds one content line into lines of at most 75 octets joined by CRLF + space, never
//! splitting a UTF-8 sequence (RFC 5545 3.1). The result ends with CRLF.
std::string IcsFold(std::string_view line);
//! "2026-11-24T08:00:00.000Z" → "20261124T080000Z"; empty if `ts` is not a timestamp.
std::string IcsTime(const std::string& ts);
//! A VCALENDAR with one VEVENT.
std::string CalendarFile(const CalendarEvent& e);

//! The words of an appointment's calendar entry in `locale` (zh-CN, en, it, es, fr, pt, de;
//! others get English). `purpose` is identity (a video check) or window (a visit).
struct CalendarWords {
  std::string summary, location, description, alarm;
};
CalendarWords AppointmentWords(const std::string& locale, const std::string& purpose,
                               const std::string& unitName, const std::string& address,
                               const std::string& url);

}  // namespace tongban::identity

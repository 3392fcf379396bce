#include <gtest/gtest.h>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "common/json.h"

namespace tongban {
namespace {

Date D(const char* s) { return *ParseDate(s); }

TEST(Clock, TimestampsRoundTripInUtcWithMilliseconds) {
  auto t = ParseTimestamp("2026-11-23T13:28:41.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatTimestamp(*t), "2026-11-23T13:28:41.123Z");
  EXPECT_FALSE(ParseTimestamp("2026-11-23 13:28:41Z"));
  EXPECT_FALSE(ParseTimestamp("2026-13-23T13:28:41Z"));
}

TEST(Clock, DatesRejectImpossibleDays) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2026-02-29"));
  EXPECT_FALSE(ParseDate("2026-2-01"));
  EXPECT_FALSE(ParseDate("abcd-ef-gh"));
  EXPECT_EQ(FormatDate(D("2026-01-05")), "2026-01-05");
}

TEST(Clock, LocalDateUsesTheOffset) {
  auto t = *ParseTimestamp("2026-11-23T20:00:00Z");
  EXPECT_EQ(FormatDate(LocalDate(t, 0)), "2026-11-23");
  EXPECT_EQ(FormatDate(LocalDate(t, 480)), "2026-11-24");  // already the next morning in China
}

TEST(WorkingCalendar, SkipsWeekendsAndHolidaysAndCountsMakeUpDays) {
  WorkingCalendar cal;
  EXPECT_FALSE(cal.isWorkingDay(D("2026-11-21")));  // Saturday
  EXPECT_TRUE(cal.isWorkingDay(D("2026-11-23")));   // Monday
  // Friday + 1 working day = Monday.
  EXPECT_EQ(FormatDate(cal.addWorkingDays(D("2026-11-20"), 1)), "2026-11-23");
  // National Day 2026: 1–7 October off (1, 2, 5, 6, 7 are weekdays), Saturday 10th worked.
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"})
    cal.set(D(d), WorkingCalendar::DayKind::kHoliday);
  cal.set(D("2026-10-10"), WorkingCalendar::DayKind::kWorkday);
  EXPECT_EQ(FormatDate(cal.addWorkingDays(D("2026-09-30"), 1)), "2026-10-08");
  EXPECT_EQ(FormatDate(cal.addWorkingDays(D("2026-10-09"), 1)), "2026-10-10");
  EXPECT_EQ(cal.workingDaysBetween(D("2026-09-30"), D("2026-10-12")), 4);  // 8, 9, 10, 12
  EXPECT_EQ(cal.workingDaysBetween(D("2026-10-12"), D("2026-09-30")), 0);
  EXPECT_EQ(FormatDate(cal.addWorkingDays(D("2026-10-09"), 0)), "2026-10-09");
}

TEST(Crypto, PasswordsVerifyOnlyWithTheRightSecret) {
  ASSERT_TRUE(crypto::InitCrypto().ok());
  auto h = crypto::HashPassword("correct horse battery", crypto::PasswordCost::Minimum());
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(crypto::VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(crypto::VerifyPassword("not a hash", "x"));
}

TEST(Crypto, Sha256MatchesTheStandardVectorAndStreams) {
  EXPECT_EQ(crypto::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  crypto::Sha256 s;
  s.update("a", 1);
  s.update("bc", 2);
  EXPECT_EQ(s.finishHex(), crypto::Sha256Hex("abc"));
  EXPECT_NE(crypto::RandomToken(), crypto::RandomToken());
  EXPECT_EQ(crypto::RandomToken(32).size(), 43u);
}

TEST(Json, FieldReaderCollectsOneErrorPerField) {
  auto obj = ParseJsonObject(R"({"name": 3, "age": 200, "ok": true, "extra": 1})");
  ASSERT_TRUE(obj.ok());
  FieldReader r(*obj, "person.");
  EXPECT_FALSE(r.string("name", true));
  EXPECT_FALSE(r.integer("age", true, 0, 150));
  EXPECT_EQ(r.boolean("ok", true), true);
  EXPECT_FALSE(r.string("missing", true));
  r.rejectUnknown({"name", "age", "ok", "missing"});
  Status s = r.status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.fields().at("person.name").code, "type");
  EXPECT_EQ(s.fields().at("person.age").code, "range");
  EXPECT_EQ(s.fields().at("person.missing").code, "required");
  EXPECT_EQ(s.fields().at("person.extra").code, "unknown");
}

TEST(Json, BodiesMustBeObjectsOfBoundedDepth) {
  EXPECT_FALSE(ParseJsonObject("[1,2]").ok());
  EXPECT_FALSE(ParseJsonObject("{").ok());
  EXPECT_FALSE(ParseJsonObject(std::string(100, '[') + std::string(100, ']')).ok());
  std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  EXPECT_FALSE(ParseJsonObject(deep).ok());
  EXPECT_TRUE(ParseJsonObject("{\"a\":[[1]]}").ok());
}

}  // namespace
}  // namespace tongban

#include "common/text.h"
#include "notify/notification_center.h"

namespace tongban {
namespace {

TEST(Text, ChineseIsIndexedPerCharacterAndLatinPerWord) {
  EXPECT_EQ(text::SegmentCjk("护照passport遗失"), "护 照 passport 遗 失 ");
  EXPECT_EQ(text::SegmentCjk("ID card，身份证"), "ID card 身 份 证 ");
  EXPECT_EQ(text::FtsQuery("护照"), "\"护 照\"");
  EXPECT_EQ(text::FtsQuery("lost passport"), "\"lost\"* AND \"passport\"*");
  EXPECT_EQ(text::FtsQuery("驾驶证 renewal"), "\"驾 驶 证\" AND \"renewal\"*");
  EXPECT_EQ(text::FtsQuery("\")(*:^"), "");  // FTS5 syntax never gets through
}

TEST(Notify, MessagesAreRenderedInTheUsersLanguage) {
  json::object vars{{"case_no", "TB-2026-ABC"}, {"service", "Rinnovo"}};
  EXPECT_EQ(notify::Render("case_approved", "it", vars).title, "Rinnovo: domanda approvata");
  EXPECT_EQ(notify::Render("case_approved", "zh-CN", vars).title, "Rinnovo：已批准");
  EXPECT_EQ(notify::Render("case_approved", "fr", vars).title, "Rinnovo\u00a0: demande acceptée");
  EXPECT_EQ(notify::Render("case_approved", "ko", vars).title,
            "Rinnovo: approved");  // falls back to English
}

}  // namespace
}  // namespace tongban

namespace tongban {
namespace {
TEST(Text, SuggestionsMatchAnyMeaningfulWord) {
  EXPECT_EQ(text::FtsQuery("Can I renew my passport", true), "\"renew\"* OR \"passport\"*");
  EXPECT_EQ(text::FtsQuery("护照 renew", true), "\"护 照\" OR \"renew\"*");
}
}  // namespace
}  // namespace tongban

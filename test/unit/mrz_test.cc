#include <gtest/gtest.h>

#include "identity/mrz.h"

namespace tongban::identity {
namespace {

// The specimen of ICAO Doc 9303 part 4 (Utopia, Anna Maria Eriksson).
const char* kIcao1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const char* kIcao2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
// A Chinese passport; check digits computed independently of this code.
const char* kChn1 = "P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
const char* kChn2 = "E123456782CHN8005067M3001019<<<<<<<<<<<<<<<4";

TEST(Mrz, CheckDigitsFollowIcao) {
  EXPECT_EQ(CheckDigit("L898902C3"), 6);
  EXPECT_EQ(CheckDigit("740812"), 2);
  EXPECT_EQ(CheckDigit("120415"), 9);
  EXPECT_EQ(CheckDigit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(CheckDigit("<<<<"), 0);
}

TEST(Mrz, ParsesTheIcaoSpecimen) {
  auto m = ParseTd3(kIcao1, kIcao2, 2026);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->issuingState, "UTO");
  EXPECT_EQ(m->surname, "ERIKSSON");
  EXPECT_EQ(m->givenNames, "ANNA MARIA");
  EXPECT_EQ(m->documentNumber, "L898902C3");
  EXPECT_EQ(m->birthDate, "1974-08-12");
  EXPECT_EQ(m->sex, "F");
  EXPECT_EQ(m->expiryDate, "2012-04-15");
  EXPECT_EQ(m->personalNumber, "ZE184226B");
}

TEST(Mrz, ParsesAChinesePassportWithAnEmptyPersonalNumber) {
  auto m = ParseTd3(kChn1, kChn2, 2026);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->surname, "ZHANG");
  EXPECT_EQ(m->givenNames, "WEI");
  EXPECT_EQ(m->documentNumber, "E12345678");
  EXPECT_EQ(m->birthDate, "1980-05-06");
  EXPECT_EQ(m->expiryDate, "2030-01-01");
  EXPECT_EQ(m->personalNumber, "");
}

struct Bad {
  const char* name;
  std::string line2;
  const char* field;
};

TEST(Mrz, EveryWrongCheckDigitIsCaughtAndNamed) {
  std::string good = kIcao2;
  auto with = [&](size_t pos, char c) {
    std::string s = good;
    s[pos] = c;
    return s;
  };
  const Bad cases[] = {
      {"number", with(9, '7'), "line2.document_number_check"},
      {"typo in number", with(2, '5'), "line2.document_number_check"},
      {"birth", with(19, '3'), "line2.birth_date_check"},
      {"expiry", with(27, '0'), "line2.expiry_date_check"},
      {"personal", with(42, '2'), "line2.personal_number_check"},
      {"composite", with(43, '1'), "line2.composite_check"},
  };
  for (const auto& c : cases) {
    auto r = ParseTd3(kIcao1, c.line2, 2026);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_TRUE(r.status().fields().count(c.field)) << c.name << ": " << r.status().ToString();
  }
}

TEST(Mrz, MalformedLinesAreRefused) {
  EXPECT_FALSE(ParseTd3("P<UTO", kIcao2, 2026).ok());
  EXPECT_FALSE(ParseTd3(kIcao1, std::string(kIcao2).substr(0, 43), 2026).ok());
  EXPECT_FALSE(ParseTd3("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", kIcao2, 2026).ok());
  EXPECT_FALSE(ParseTd3("P<utoERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", kIcao2, 2026).ok());
  EXPECT_FALSE(ParseTd3("P<UTOERIKSSON<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<",
                        "L898902C36UTO7413122F1204159ZE184226B<<<<<10", 2026)
                   .ok());
}

TEST(Mrz, ComparesWithTheForm) {
  auto m = ParseTd3(kChn1, kChn2, 2026);
  ASSERT_TRUE(m.ok());
  json::object form{{"surname", "ZHANG"},
                    {"given_names", "Wei"},
                    {"passport_number", "E12345678"},
                    {"date_of_birth", "1980-05-06"},
                    {"sex", "M"},
                    {"phone", "+39 1"}};
  auto cmp = CompareWithForm(*m, form);
  EXPECT_EQ(cmp.size(), 5u);
  EXPECT_TRUE(MatchesForm(cmp));
  form["date_of_birth"] = "1980-06-05";
  cmp = CompareWithForm(*m, form);
  EXPECT_FALSE(MatchesForm(cmp));
  EXPECT_FALSE(
      MatchesForm(CompareWithForm(*m, json::object{{"surname", "ZHANG"}})));  // no number compared
}

}  // namespace
}  // namespace tongban::identity

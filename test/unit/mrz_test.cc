#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "identity/mrz.h"

namespace tongban::identity {
namespace {

namespace chr = std::chrono;

// The day the independent check ran: Monday 2026-11-23.
const chr::sys_days kToday = chr::sys_days(chr::year(2026) / 11 / 23);

// ---------------------------------------------------------------------------------------------
// An MRZ writer, written from ICAO 9303 independently of the parser: it lays out the fields and
// computes every check digit itself, so the lines it makes are valid by construction.

int Digit(std::string_view s) {
  static const int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    int v = c == '<' ? 0 : (c <= '9' ? c - '0' : c - 'A' + 10);
    sum += v * kWeights[i % 3];
  }
  return sum % 10;
}

std::string Pad(std::string s, size_t n) {
  s.resize(n, '<');
  return s;
}

struct Fields {
  std::string code = "P<";
  std::string state = "CHN";
  std::string names = "ZHANG<<WEI";  // unpadded
  std::string number = "E12345678";
  std::string nationality = "CHN";
  std::string birth = "800506";
  std::string sex = "M";
  std::string expiry = "300101";
  std::string optional;             // unpadded
  bool optionalFillerCheck = true;  // an empty optional field gets '<' (else '0')
  // Overrides of computed check digits (0: computed).
  char numberCheck = 0, birthCheck = 0, expiryCheck = 0, optionalCheck = 0, compositeCheck = 0;

  std::string line1() const { return code + state + Pad(names, 39); }
  std::string line2() const {
    std::string num = Pad(number, 9), opt = Pad(optional, 14);
    auto d = [](std::string_view s) { return char('0' + Digit(s)); };
    std::string s = num + (numberCheck ? numberCheck : d(num)) + nationality + birth +
                    (birthCheck ? birthCheck : d(birth)) + sex + expiry +
                    (expiryCheck ? expiryCheck : d(expiry)) + opt;
    s += optionalCheck ? optionalCheck : optional.empty() && optionalFillerCheck ? '<' : d(opt);
    std::string composite = s.substr(0, 10) + s.substr(13, 7) + s.substr(21, 22);
    s += compositeCheck ? compositeCheck : d(composite);
    return s;
  }
};

Result<Mrz> Parse(const Fields& f, chr::sys_days today = kToday) {
  return ParseTd3(f.line1(), f.line2(), today);
}

//! The fields the parser reported, for messages.
std::string Reported(const Result<Mrz>& r) { return r.ok() ? "accepted" : r.status().ToString(); }

bool Refused(const Result<Mrz>& r, const std::string& field) {
  return !r.ok() && r.status().fields().count(field) == 1;
}

// ---------------------------------------------------------------------------------------------
// Examples.

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

TEST(Mrz, TheIcaoSpecimenIsWellFormedButUtopiaIsNotAState) {
  auto m = ParseTd3(kIcao1, kIcao2, kToday);
  ASSERT_FALSE(m.ok());
  // Every check digit of the specimen is right; only the fictitious state codes are refused.
  EXPECT_EQ(m.status().fields().size(), 2u) << Reported(m);
  EXPECT_TRUE(Refused(m, "line1.issuing_state"));
  EXPECT_TRUE(Refused(m, "line2.nationality"));
  // The same passport issued by a real state parses, personal number and all.
  Fields f{.code = "P<",
           .state = "NLD",
           .names = "ERIKSSON<<ANNA<MARIA",
           .number = "L898902C3",
           .nationality = "NLD",
           .birth = "740812",
           .sex = "F",
           .expiry = "120415",
           .optional = "ZE184226B"};
  auto nl = Parse(f);
  ASSERT_TRUE(nl.ok()) << Reported(nl);
  EXPECT_EQ(nl->surname, "ERIKSSON");
  EXPECT_EQ(nl->givenNames, "ANNA MARIA");
  EXPECT_EQ(nl->documentNumber, "L898902C3");
  EXPECT_EQ(nl->birthDate, "1974-08-12");
  EXPECT_EQ(nl->sex, "F");
  EXPECT_EQ(nl->expiryDate, "2012-04-15");
  EXPECT_EQ(nl->personalNumber, "ZE184226B");
}

TEST(Mrz, ParsesAChinesePassportWithAnEmptyPersonalNumber) {
  auto m = ParseTd3(kChn1, kChn2, kToday);
  ASSERT_TRUE(m.ok()) << Reported(m);
  EXPECT_EQ(m->documentCode, "P");
  EXPECT_EQ(m->issuingState, "CHN");
  EXPECT_EQ(m->surname, "ZHANG");
  EXPECT_EQ(m->givenNames, "WEI");
  EXPECT_EQ(m->documentNumber, "E12345678");
  EXPECT_EQ(m->birthDate, "1980-05-06");
  EXPECT_TRUE(m->birthDateComplete);
  EXPECT_EQ(m->expiryDate, "2030-01-01");
  EXPECT_EQ(m->personalNumber, "");
  // The year-only overload still works for old callers.
  EXPECT_TRUE(ParseTd3(kChn1, kChn2, 2026).ok());
}

TEST(Mrz, EveryWrongCheckDigitIsCaughtAndNamed) {
  std::string good = kChn2;
  auto with = [&](size_t pos, char c) {
    std::string s = good;
    s[pos] = c;
    return s;
  };
  const struct {
    const char* name;
    std::string line2;
    const char* field;
  } cases[] = {
      {"number", with(9, '7'), "line2.document_number_check"},
      {"typo in number", with(2, '5'), "line2.document_number_check"},
      {"birth", with(19, '3'), "line2.birth_date_check"},
      {"expiry", with(27, '0'), "line2.expiry_date_check"},
      {"personal", with(42, '2'), "line2.personal_number_check"},
      {"composite", with(43, '1'), "line2.composite_check"},
  };
  for (const auto& c : cases) {
    auto r = ParseTd3(kChn1, c.line2, kToday);
    EXPECT_TRUE(Refused(r, c.field)) << c.name << ": " << Reported(r);
  }
}

TEST(Mrz, MalformedLinesAreRefused) {
  EXPECT_TRUE(Refused(ParseTd3("P<CHN", kChn2, kToday), "line1"));
  EXPECT_TRUE(Refused(ParseTd3(kChn1, std::string(kChn2).substr(0, 43), kToday), "line2"));
  EXPECT_TRUE(
      Refused(ParseTd3("P<chnZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", kChn2, kToday), "line1"));
  // Not a passport.
  EXPECT_TRUE(Refused(ParseTd3("I<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", kChn2, kToday),
                      "line1.document_code"));
}

TEST(Mrz, EveryProblemIsReportedAtOnce) {
  Fields f;
  f.state = "ZZZ";
  f.names = "ZHANG<<WEI2";
  f.birth = "800230";
  f.expiryCheck = '8';  // the right one is 9
  auto r = Parse(f);
  ASSERT_FALSE(r.ok());
  for (const char* field :
       {"line1.issuing_state", "line1.names", "line2.birth_date", "line2.expiry_date_check"})
    EXPECT_TRUE(r.status().fields().count(field)) << field << ": " << Reported(r);
}

// ---------------------------------------------------------------------------------------------
// One test per rule that an independent implementation found broken.

TEST(MrzRule, ImpossibleDatesAreRefused) {
  for (const char* birth : {"800230", "800231", "800431", "800631", "800931", "801131", "810229",
                            "801301", "800001", "800100", "800132"}) {
    Fields f;
    f.birth = birth;  // check digits are recomputed, so only the date itself is wrong
    EXPECT_TRUE(Refused(Parse(f), "line2.birth_date")) << birth << ": " << Reported(Parse(f));
  }
  for (const char* expiry : {"300230", "300431", "290229", "301300", "300000"}) {
    Fields f;
    f.expiry = expiry;
    EXPECT_TRUE(Refused(Parse(f), "line2.expiry_date")) << expiry << ": " << Reported(Parse(f));
  }
  // 29 February exists in leap years (2000 is one: divisible by 400).
  for (const char* leap : {"800229", "000229", "040229"}) {
    Fields f;
    f.birth = leap;
    EXPECT_TRUE(Parse(f).ok()) << leap << ": " << Reported(Parse(f));
  }
  Fields f;
  f.expiry = "280229";
  ASSERT_TRUE(Parse(f).ok()) << Reported(Parse(f));
  EXPECT_EQ(Parse(f)->expiryDate, "2028-02-29");
}

TEST(MrzRule, AFillerStandsInForACheckDigitOnlyInTheOptionalDataField) {
  // An all-filler document number with a filler check digit: refused (the number is mandatory
  // and its check digit always a digit).
  Fields empty;
  empty.number = "";
  empty.numberCheck = '<';
  auto r = Parse(empty);
  EXPECT_TRUE(Refused(r, "line2.document_number_check")) << Reported(r);
  EXPECT_TRUE(Refused(r, "line2.document_number")) << Reported(r);
  // Nor for the dates.
  Fields birth;
  birth.birth = "<<<<<<";
  birth.birthCheck = '<';
  EXPECT_TRUE(Refused(Parse(birth), "line2.birth_date_check")) << Reported(Parse(birth));
  // The empty optional-data field may have '<' or 0 as its check digit…
  Fields filler, zero;
  zero.optionalFillerCheck = false;
  EXPECT_EQ(filler.line2()[42], '<');
  EXPECT_EQ(zero.line2()[42], '0');
  EXPECT_TRUE(Parse(filler).ok()) << Reported(Parse(filler));
  EXPECT_TRUE(Parse(zero).ok()) << Reported(Parse(zero));
  // …but a filled one needs its digit.
  Fields filled;
  filled.optional = "ZE184226B";
  filled.optionalCheck = '<';
  EXPECT_TRUE(Refused(Parse(filled), "line2.personal_number_check")) << Reported(Parse(filled));
  // And the composite check digit is always a digit.
  Fields composite;
  composite.compositeCheck = '<';
  EXPECT_TRUE(Refused(Parse(composite), "line2.composite_check"));
}

TEST(MrzRule, TheNamesFieldHoldsLettersAndFillersOnly) {
  for (const char* names : {"ZHANG<<WEI1", "ZH4NG<<WEI", "ZHANG1<<WEI", "0<<WEI"}) {
    Fields f;
    f.names = names;
    EXPECT_TRUE(Refused(Parse(f), "line1.names")) << names << ": " << Reported(Parse(f));
  }
  // The structure: a primary identifier first, one separator, fillers to the end.
  for (const char* names : {"<<WEI", "<ZHANG<<WEI", "ZHANG<<WEI<<LI", "ZHANG<<<WEI", ""}) {
    Fields f;
    f.names = names;
    EXPECT_TRUE(Refused(Parse(f), "line1.names")) << names << ": " << Reported(Parse(f));
  }
  // One name only; components; a truncated name that fills the field.
  Fields one;
  one.names = "MADONNA";
  ASSERT_TRUE(Parse(one).ok()) << Reported(Parse(one));
  EXPECT_EQ(Parse(one)->surname, "MADONNA");
  EXPECT_EQ(Parse(one)->givenNames, "");
  Fields many;
  many.names = "DE<LA<CRUZ<<MARIA<JOSE";
  ASSERT_TRUE(Parse(many).ok()) << Reported(Parse(many));
  EXPECT_EQ(Parse(many)->surname, "DE LA CRUZ");
  EXPECT_EQ(Parse(many)->givenNames, "MARIA JOSE");
  Fields full;
  full.names = "WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<JO";
  ASSERT_EQ(full.names.size(), 39u);
  ASSERT_TRUE(Parse(full).ok()) << Reported(Parse(full));
  EXPECT_EQ(Parse(full)->givenNames, "JO");
}

TEST(MrzRule, TheSecondCharacterOfTheDocumentCodeIsALetterOrAFiller) {
  for (const char* code : {"P1", "P9", "PP"}) {
    Fields f;
    f.code = code;
    auto r = Parse(f);
    if (code[1] >= '0' && code[1] <= '9')
      EXPECT_TRUE(Refused(r, "line1.document_code")) << code << ": " << Reported(r);
    else
      EXPECT_TRUE(r.ok()) << code << ": " << Reported(r);
  }
  Fields diplomatic;
  diplomatic.code = "PD";
  ASSERT_TRUE(Parse(diplomatic).ok());
  EXPECT_EQ(Parse(diplomatic)->documentCode, "PD");
}

TEST(MrzRule, StatesAndNationalitiesComeFromTheIcaoCodeList) {
  for (const char* code :
       {"CHN", "ITA", "D<<", "GBR", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA",
        "XXB", "XXC", "XXX", "EUE", "XOM", "XPO", "XCC", "XES", "XIM", "XBA", "XCE", "XCO", "XEC",
        "XMP", "XDC", "RKS", "ZWE", "HKG", "MAC", "TWN", "PSE", "SSD", "BES", "CUW", "SXM"})
    EXPECT_TRUE(IsIcaoCode(code)) << code;
  // Fictitious (UTO), not ISO (GER, EUR, UK, D written otherwise), withdrawn from ISO 3166 (YUG,
  // ANT, SCG), codes other lists use (XKX), and names not in 9303 part 3 (ZIM for Zimbabwe,
  // whose code is ZWE).
  for (const char* code : {"UTO", "ZZZ", "GER", "EUR", "UK<", "DE<", "D<D", "<<D", "<<<", "DEU<",
                           "YUG", "ANT", "SCG", "XKX", "ZIM", "chn", ""})
    EXPECT_FALSE(IsIcaoCode(code)) << code;
  Fields stateless;
  stateless.state = "D<<";
  stateless.nationality = "XXA";
  ASSERT_TRUE(Parse(stateless).ok()) << Reported(Parse(stateless));
  EXPECT_EQ(Parse(stateless)->issuingState, "D");
  EXPECT_EQ(Parse(stateless)->nationality, "XXA");
  Fields badState, badNationality;
  badState.state = "ABC";
  badNationality.nationality = "ABC";
  EXPECT_TRUE(Refused(Parse(badState), "line1.issuing_state"));
  EXPECT_TRUE(Refused(Parse(badNationality), "line2.nationality"));
}

TEST(MrzRule, ABirthDateIsNeverInTheFutureComparedByFullDate) {
  auto birth = [](const char* yymmdd) {
    Fields f;
    f.birth = yymmdd;
    auto r = Parse(f);
    return r.ok() ? r->birthDate : Reported(r);
  };
  // Read on 2026-11-23: later in 2026 cannot be a birth date yet, so it is 1926.
  EXPECT_EQ(birth("261231"), "1926-12-31");
  EXPECT_EQ(birth("261124"), "1926-11-24");
  EXPECT_EQ(birth("261123"), "2026-11-23");  // born today
  EXPECT_EQ(birth("260101"), "2026-01-01");
  EXPECT_EQ(birth("270101"), "1927-01-01");
  EXPECT_EQ(birth("000229"), "2000-02-29");
}

TEST(MrzRule, AnExpiryDateLiesWithinFiftyYearsOfToday) {
  auto expiry = [](const char* yymmdd) {
    Fields f;
    f.expiry = yymmdd;
    auto r = Parse(f);
    return r.ok() ? r->expiryDate : Reported(r);
  };
  EXPECT_EQ(expiry("361122"), "2036-11-22");  // a ten-year passport issued today
  EXPECT_EQ(expiry("120415"), "2012-04-15");  // an expired one
  EXPECT_EQ(expiry("761122"), "2076-11-22");
  EXPECT_EQ(expiry("761123"), "1976-11-23");
  EXPECT_EQ(expiry("991231"), "1999-12-31");
}

TEST(MrzRule, UnknownBirthDatePartsAreKeptUnknown) {
  auto parse = [](const char* yymmdd) {
    Fields f;
    f.birth = yymmdd;  // the check digit counts each '<' as 0
    return Parse(f);
  };
  auto yearOnly = parse("74<<<<");
  ASSERT_TRUE(yearOnly.ok()) << Reported(yearOnly);
  EXPECT_EQ(yearOnly->birthDate, "1974-XX-XX");
  EXPECT_FALSE(yearOnly->birthDateComplete);
  EXPECT_EQ(yearOnly->birthYear, 1974);
  EXPECT_EQ(yearOnly->birthMonth, 0);
  EXPECT_EQ(yearOnly->birthDay, 0);
  auto noDay = parse("7408<<");
  ASSERT_TRUE(noDay.ok());
  EXPECT_EQ(noDay->birthDate, "1974-08-XX");
  auto unknown = parse("<<<<<<");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->birthDate, "XXXX-XX-XX");
  EXPECT_EQ(unknown->birthYear, 0);
  auto noYear = parse("<<0229");  // any year: 29 February may exist
  ASSERT_TRUE(noYear.ok()) << Reported(noYear);
  EXPECT_EQ(noYear->birthDate, "XXXX-02-29");
  // The century: the earliest day allowed must not be in the future.
  EXPECT_EQ(parse("26<<<<")->birthDate, "2026-XX-XX");
  EXPECT_EQ(parse("2612<<")->birthDate, "1926-12-XX");
  // A part is two digits or two fillers.
  for (const char* bad : {"7<0812", "74<812", "740<12", "74081<", "<40812", "7408<2"})
    EXPECT_TRUE(Refused(parse(bad), "line2.birth_date")) << bad;
  EXPECT_TRUE(parse("74<<31").ok());  // day 31 of an unknown month
  EXPECT_TRUE(Refused(parse("74<<32"), "line2.birth_date"));
  // Expiry dates have no unknown parts.
  Fields f;
  f.expiry = "30<<<<";
  EXPECT_TRUE(Refused(Parse(f), "line2.expiry_date"));

  // Compared with the form, the known parts must agree and the row says it is partial.
  json::object form{
      {"surname", "ZHANG"}, {"passport_number", "E12345678"}, {"date_of_birth", "1974-03-09"}};
  auto cmp = CompareWithForm(*yearOnly, form);
  ASSERT_EQ(cmp.size(), 3u);
  EXPECT_EQ(cmp[2].at("mrz"), "1974-XX-XX");
  EXPECT_EQ(cmp[2].at("partial"), true);
  EXPECT_TRUE(MatchesForm(cmp));
  form["date_of_birth"] = "1975-03-09";
  EXPECT_FALSE(MatchesForm(CompareWithForm(*yearOnly, form)));
}

TEST(MrzRule, SexIsMFOrAFiller) {
  for (const char* sex : {"X", "U", "1"}) {
    Fields f;
    f.sex = sex;
    EXPECT_TRUE(Refused(Parse(f), "line2.sex")) << sex;
  }
  Fields unspecified;
  unspecified.sex = "<";
  ASSERT_TRUE(Parse(unspecified).ok());
  EXPECT_EQ(Parse(unspecified)->sex, "X");
}

TEST(MrzRule, TheDocumentNumberStartsAtTheFirstPosition) {
  Fields f;
  f.number = "<1234567";
  EXPECT_TRUE(Refused(Parse(f), "line2.document_number")) << Reported(Parse(f));
  Fields shortNumber;
  shortNumber.number = "G1234";
  ASSERT_TRUE(Parse(shortNumber).ok());
  EXPECT_EQ(Parse(shortNumber)->documentNumber, "G1234");
}

TEST(Mrz, ComparesWithTheForm) {
  auto m = ParseTd3(kChn1, kChn2, kToday);
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

// ---------------------------------------------------------------------------------------------
// A generated corpus: valid lines from random fields, and invalid ones made by one specific
// mutation each; the outcome of every line is known by construction and the parser must agree.

class Corpus {
 public:
  explicit Corpus(uint32_t seed) : rng_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T, size_t N>
  const T& pick(const T (&a)[N]) {
    return a[size_t(uniform(0, int(N) - 1))];
  }
  char letter() { return char('A' + uniform(0, 25)); }
  char alnum() { return uniform(0, 35) < 10 ? char('0' + uniform(0, 9)) : letter(); }
  std::string word(int lo, int hi) {
    std::string w;
    for (int i = uniform(lo, hi); i > 0; --i) w += letter();
    return w;
  }

  static std::string Yymmdd(chr::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%02u%02u", int(d.year()) % 100, unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
  }
  static std::string Iso(chr::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
  }
  chr::year_month_day day(chr::sys_days from, chr::sys_days to) {  // inclusive
    return chr::year_month_day(from + chr::days(uniform(0, int((to - from).count()))));
  }

  struct Expected {
    std::string surname, given, number, birth, expiry, optional, sex, state, nationality;
  };

  //! Random valid fields and what the parser must read from them.
  std::pair<Fields, Expected> valid() {
    static const char* kStates[] = {"CHN", "ITA", "FRA", "ESP", "PRT", "DEU", "D<<", "GBR", "GBN",
                                    "USA", "CAN", "BRA", "HKG", "MAC", "TWN", "SGP", "JPN", "KOR",
                                    "UNO", "XXA", "XXB", "XXC", "XXX", "EUE", "XOM", "XPO", "RKS"};
    Fields f;
    Expected x;
    f.code = std::string("P") + (chance(0.7) ? '<' : letter());
    f.state = pick(kStates);
    f.nationality = pick(kStates);
    x.state = f.state.substr(0, f.state.find('<'));
    x.nationality = f.nationality.substr(0, f.nationality.find('<'));
    // Names that fit the 39 positions.
    for (;;) {
      std::string primary, given, names;
      for (int i = uniform(1, 3); i > 0; --i) primary += (primary.empty() ? "" : " ") + word(2, 12);
      if (chance(0.9))
        for (int i = uniform(1, 3); i > 0; --i) given += (given.empty() ? "" : " ") + word(1, 10);
      names = primary + (given.empty() ? "" : "  " + given);
      if (names.size() > 39) continue;
      for (char& c : names)
        if (c == ' ') c = '<';
      f.names = names;
      x.surname = primary;
      x.given = given;
      break;
    }
    f.number.clear();
    for (int i = uniform(1, 9); i > 0; --i) f.number += alnum();
    x.number = f.number;
    // Birth: any day of the last hundred years, often close to today or to a hundred years ago,
    // where the century is decided.
    const chr::sys_days oldest = chr::sys_days(chr::year(1926) / 11 / 24);  // today - 100 y + 1 d
    chr::year_month_day b = chance(0.2)   ? day(kToday - chr::days(60), kToday)
                            : chance(0.2) ? day(oldest, oldest + chr::days(60))
                                          : day(oldest, kToday);
    f.birth = Yymmdd(b);
    x.birth = Iso(b);
    if (chance(0.1)) {  // unknown parts
      int kind = uniform(0, 2);
      if (kind == 0) f.birth.replace(2, 4, "<<<<");
      if (kind == 1) f.birth.replace(4, 2, "<<");
      if (kind == 2) f.birth = "<<<<<<";
      // The century the rule gives to the earliest day the written parts allow.
      int yy = int(b.year()) % 100, m = kind == 0 ? 1 : int(unsigned(b.month()));
      chr::year_month_day earliest(chr::year(2000 + yy) / m / 1);
      int year = chr::sys_days(earliest) <= kToday ? 2000 + yy : 1900 + yy;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d", year);
      x.birth = kind == 2   ? "XXXX-XX-XX"
                : kind == 0 ? std::string(buf) + "-XX-XX"
                            : std::string(buf) + x.birth.substr(4, 3) + "-XX";
    }
    f.sex = pick({"M", "F", "<"});
    x.sex = f.sex == "<" ? "X" : f.sex;
    // Expiry: mostly the usual ten years either side, sometimes anywhere in the window.
    chr::sys_days earliestExpiry = chr::sys_days(chr::year(1976) / 11 / 23),
                  latestExpiry = chr::sys_days(chr::year(2076) / 11 / 22);
    chr::year_month_day e = chance(0.8) ? day(kToday - chr::days(3650), kToday + chr::days(3650))
                                        : day(earliestExpiry, latestExpiry);
    f.expiry = Yymmdd(e);
    x.expiry = Iso(e);
    f.optional.clear();
    if (chance(0.5)) {
      for (int i = uniform(1, 14); i > 0; --i) f.optional += alnum();
      if (f.optional.size() > 3 && chance(0.3)) f.optional[size_t(uniform(1, 2))] = '<';
      while (!f.optional.empty() && f.optional.back() == '<') f.optional.pop_back();
    }
    f.optionalFillerCheck = chance(0.5);
    x.optional = f.optional;
    for (char& c : x.optional)
      if (c == '<') c = ' ';
    return {f, x};
  }

 private:
  std::mt19937 rng_;
};

char OtherDigit(Corpus& c, char d) {
  char o;
  do o = char('0' + c.uniform(0, 9));
  while (o == d);
  return o;
}

TEST(MrzCorpus, TheParserAgreesOnEveryGeneratedLine) {
  Corpus c(20261123);
  std::map<std::string, int> counts;
  int total = 0, disagreements = 0;
  auto fail = [&](const std::string& kind, const Fields& f, const std::string& why) {
    if (++disagreements <= 20)
      ADD_FAILURE() << kind << ": " << why << "\n  " << f.line1() << "\n  " << f.line2();
  };

  // Valid lines.
  for (int i = 0; i < 1000; ++i) {
    auto [f, x] = c.valid();
    ++total;
    ++counts["valid"];
    auto r = Parse(f);
    if (!r.ok()) {
      fail("valid", f, Reported(r));
      continue;
    }
    std::string got = r->surname + "|" + r->givenNames + "|" + r->documentNumber + "|" +
                      r->birthDate + "|" + r->expiryDate + "|" + r->personalNumber + "|" + r->sex +
                      "|" + r->issuingState + "|" + r->nationality;
    std::string want = x.surname + "|" + x.given + "|" + x.number + "|" + x.birth + "|" + x.expiry +
                       "|" + x.optional + "|" + x.sex + "|" + x.state + "|" + x.nationality;
    if (got != want) fail("valid", f, "read " + got + "\n  want " + want);
  }

  // Invalid lines: one mutation of a valid line each; the field that must be refused.
  using Mutation = std::function<std::string(Fields&)>;
  const std::vector<std::pair<std::string, Mutation>> mutations = {
      {"impossible birth date",
       [&](Fields& f) {
         f.birth = f.birth.substr(0, 2) + c.pick({"0230", "0231", "0431", "0631", "0931", "1131",
                                                  "1301", "0001", "0100", "0132"});
         return "line2.birth_date";
       }},
      {"29 February in a common year",
       [&](Fields& f) {
         f.birth = std::string(c.pick({"01", "59", "75", "90", "23"})) + "0229";
         return "line2.birth_date";
       }},
      {"impossible expiry date",
       [&](Fields& f) {
         f.expiry = f.expiry.substr(0, 2) +
                    c.pick({"0230", "0431", "0631", "0931", "1131", "1300", "0015", "0532"});
         return "line2.expiry_date";
       }},
      {"filler check digit on an empty document number",
       [&](Fields& f) {
         f.number = "";
         f.numberCheck = '<';
         return "line2.document_number_check";
       }},
      {"filler check digit on a document number",
       [&](Fields& f) {
         f.numberCheck = '<';
         return "line2.document_number_check";
       }},
      {"wrong document number check digit",
       [&](Fields& f) {
         f.numberCheck = OtherDigit(c, f.line2()[9]);
         return "line2.document_number_check";
       }},
      {"wrong birth date check digit",
       [&](Fields& f) {
         f.birthCheck = c.chance(0.2) ? '<' : OtherDigit(c, f.line2()[19]);
         return "line2.birth_date_check";
       }},
      {"wrong expiry date check digit",
       [&](Fields& f) {
         f.expiryCheck = c.chance(0.2) ? '<' : OtherDigit(c, f.line2()[27]);
         return "line2.expiry_date_check";
       }},
      {"wrong optional data check digit",
       [&](Fields& f) {
         if (f.optional.empty()) f.optional = "A" + c.word(0, 5);
         f.optionalCheck = c.chance(0.3) ? '<' : OtherDigit(c, f.line2()[42]);
         return "line2.personal_number_check";
       }},
      {"wrong composite check digit",
       [&](Fields& f) {
         f.compositeCheck = c.chance(0.2) ? '<' : OtherDigit(c, f.line2()[43]);
         return "line2.composite_check";
       }},
      {"digit in the names",
       [&](Fields& f) {
         f.names[size_t(c.uniform(0, int(f.names.size()) - 1))] = char('0' + c.uniform(0, 9));
         return "line1.names";
       }},
      {"names without a primary identifier",
       [&](Fields& f) {
         f.names = "<<" + f.names.substr(0, 37);
         return "line1.names";
       }},
      {"a second separator in the names",
       [&](Fields& f) {
         f.names = c.word(2, 10) + "<<" + c.word(2, 10) + "<<" + c.word(2, 10);
         return "line1.names";
       }},
      {"digit as the second character of the document code",
       [&](Fields& f) {
         f.code = std::string("P") + char('0' + c.uniform(0, 9));
         return "line1.document_code";
       }},
      {"not a passport",
       [&](Fields& f) {
         f.code = std::string(1, c.pick({'I', 'A', 'C', 'V', '<', '1'})) + f.code[1];
         return "line1.document_code";
       }},
      {"unknown issuing state",
       [&](Fields& f) {
         f.state = c.pick({"UTO", "ZZZ", "GER", "EUR", "ABC", "UK<", "DE<", "<<<", "YUG", "ANT",
                           "ZIM", "XKX", "QQQ", "123", "C1N"});
         return "line1.issuing_state";
       }},
      {"unknown nationality",
       [&](Fields& f) {
         f.nationality = c.pick({"UTO", "ZZZ", "GER", "EUR", "ABC", "UK<", "DE<", "<<<", "YUG",
                                 "ANT", "ZIM", "XKX", "QQQ", "123", "C1N"});
         return "line2.nationality";
       }},
      {"sex other than M, F or <",
       [&](Fields& f) {
         f.sex = std::string(1, c.pick({'X', 'U', 'N', '0', '1'}));
         return "line2.sex";
       }},
      {"half-unknown birth date part",
       [&](Fields& f) {
         size_t at = size_t(c.uniform(0, 5));
         f.birth = c.Yymmdd(chr::year_month_day(chr::year(1980) / 5 / 6));
         f.birth[at] = '<';
         return "line2.birth_date";
       }},
      {"unknown expiry date part",
       [&](Fields& f) {
         f.expiry.replace(size_t(c.uniform(0, 2)) * 2, 2, "<<");
         return "line2.expiry_date";
       }},
      {"leading filler in the document number",
       [&](Fields& f) {
         f.number = "<" + f.number.substr(0, 8);
         return "line2.document_number";
       }},
  };
  for (const auto& [kind, mutate] : mutations) {
    for (int i = 0; i < 60; ++i) {
      Fields f = c.valid().first;
      std::string field = mutate(f);
      ++total;
      ++counts[kind];
      auto r = Parse(f);
      if (!Refused(r, field)) fail(kind, f, "expected " + field + " refused, got " + Reported(r));
    }
  }
  // Lines that are not two 44-character lines of A–Z, 0–9 and <.
  for (int i = 0; i < 60; ++i) {
    Fields f = c.valid().first;
    std::string l1 = f.line1(), l2 = f.line2();
    bool first = c.chance(0.5);
    std::string& line = first ? l1 : l2;
    int kind = c.uniform(0, 2);
    if (kind == 0) line.pop_back();
    if (kind == 1) line += '<';
    if (kind == 2) line[size_t(c.uniform(0, 43))] = c.pick({'a', ' ', '-', '/', '\xc3'});
    ++total;
    ++counts["wrong length or character"];
    auto r = ParseTd3(l1, l2, kToday);
    if (!Refused(r, first ? "line1" : "line2"))
      fail("wrong length or character", f, "got " + Reported(r));
  }

  std::printf("MRZ corpus: %d lines, %d disagreements\n", total, disagreements);
  for (const auto& [kind, n] : counts) std::printf("  %4d  %s\n", n, kind.c_str());
  EXPECT_GE(total, 2000);
  EXPECT_EQ(disagreements, 0);
}

}  // namespace
}  // namespace tongban::identity

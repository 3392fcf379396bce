#include "identity/mrz.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

namespace tongban::identity {

namespace chr = std::chrono;

int CheckDigit(std::string_view s) {
  static const int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    int v = 0;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'A' && c <= 'Z')
      v = c - 'A' + 10;
    else
      v = 0;  // '<'
    sum += v * kWeights[i % 3];
  }
  return sum % 10;
}

namespace {

// ISO 3166-1 alpha-3 (the 249 codes assigned today, from Debian's iso-codes 4.15), which ICAO
// Doc 9303 part 3 adopts for states.
constexpr std::string_view kIso3166[] = {
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF",
    "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS",
    "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF",
    "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV",
    "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA",
    "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM",
    "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD",
    "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN",
    "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ",
    "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE",
    "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX",
    "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS",
    "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL",
    "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK",
    "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP",
    "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR",
    "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL",
    "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY",
    "USA", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF",
    "ZMB", "ZWE",
};

// The codes ICAO 9303 part 3 adds (section 5): Germany's one-letter code, the British
// nationality categories, the United Nations, other organisations, the European Union, and
// the codes for stateless people, refugees and unspecified nationality.
// clang-format off
constexpr std::string_view kIcaoSpecial[] = {
    // Germany.
    "D<<",
    // British Overseas Territories Citizen, British National (Overseas), British Overseas
    // Citizen, British Protected Person, British Subject.
    "GBD", "GBN", "GBO", "GBP", "GBS",
    // The United Nations or its officials, its specialised agencies, and UNMIK's documents for
    // residents of Kosovo.
    "UNO", "UNA", "UNK",
    // AfDB, Afreximbank, CARICOM, Council of Europe, COMESA, ECOWAS, INTERPOL, OECS, the
    // Parliamentary Assembly of the Mediterranean, the Sovereign Military Order of Malta, SADC.
    "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC",
    // The European Union.
    "EUE",
    // Stateless person (1954 convention), refugee (1951 convention), other refugee, person of
    // unspecified nationality.
    "XXA", "XXB", "XXC", "XXX",
    // Not in 9303 but printed on real passports that states accept: Kosovo issues its own with
    // RKS (UNK above is UNMIK's travel document).
    "RKS",
};
static_assert(std::size(kIso3166) == 249);
static_assert(std::is_sorted(std::begin(kIso3166), std::end(kIso3166)));  // binary_search
// clang-format on

std::string Fillers(std::string_view s) {
  std::string out(s);
  while (!out.empty() && out.back() == '<') out.pop_back();
  for (char& c : out)
    if (c == '<') c = ' ';
  return out;
}

bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ValidChars(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsLetter(c) || IsDigit(c) || c == '<'; });
}

class Errors {
 public:
  void add(const std::string& field, const std::string& code, const std::string& message) {
    fields_.emplace(field, FieldError{code, message});  // the first problem of a field wins
  }
  bool empty() const { return fields_.empty(); }
  Status status() const { return Status::InvalidArgument("the MRZ is not valid", fields_); }

 private:
  FieldErrors fields_;
};

//! The check digit of `data` is `check`. Only the optional-data field may write a filler
//! instead (and only when the field itself is all fillers): `fillerAllowed`.
bool CheckOk(std::string_view data, char check, bool fillerAllowed) {
  if (check == '<') return fillerAllowed && data.find_first_not_of('<') == std::string_view::npos;
  return IsDigit(check) && CheckDigit(data) == check - '0';
}

//! SURNAME<<GIVEN<NAMES<<<: letters only; components separated by one filler, the primary and
//! secondary identifiers by two, fillers to the end. A name that fills the field is truncated
//! and has no separator.
bool ParseNames(std::string_view f, std::string& primary, std::string& secondary) {
  size_t i = 0;
  auto component = [&](std::string& out) {
    size_t start = i;
    while (i < f.size() && IsLetter(f[i])) ++i;
    out.append(f.substr(start, i - start));
    return i > start;
  };
  auto identifier = [&](std::string& out) {
    if (!component(out)) return false;
    while (i + 1 < f.size() && f[i] == '<' && IsLetter(f[i + 1])) {
      ++i;
      out += ' ';
      component(out);
    }
    return true;
  };
  if (!identifier(primary)) return false;  // the primary identifier is mandatory
  if (i + 1 < f.size() && f[i] == '<' && f[i + 1] == '<') {
    i += 2;
    if (i < f.size() && IsLetter(f[i])) identifier(secondary);
  }
  return f.substr(i).find_first_not_of('<') == std::string_view::npos;
}

struct Ymd {
  int y, m, d;
  auto operator<=>(const Ymd&) const = default;
};

Ymd ToYmd(chr::sys_days day) {
  chr::year_month_day ymd(day);
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

int DaysInMonth(int year, int month) {  // year 0: unknown, so February may have 29 days
  static const int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2 || year == 0) return kDays[month - 1];
  return chr::year(year).is_leap() ? 29 : 28;
}

//! Two digits, or "<<" (unknown: nullopt, when `unknownAllowed`); anything else sets `bad`.
std::optional<int> Part(std::string_view two, bool unknownAllowed, bool& bad) {
  if (IsDigit(two[0]) && IsDigit(two[1])) return (two[0] - '0') * 10 + (two[1] - '0');
  if (unknownAllowed && two == "<<") return std::nullopt;
  bad = true;
  return std::nullopt;
}

//! The year ending in `yy` that puts (year, m, d) in [from, to); from and to are 100 years apart.
int Century(int yy, int m, int d, Ymd from, Ymd to) {
  for (int base = (from.y / 100) * 100; base <= to.y; base += 100) {
    Ymd c{base + yy, m, d};
    if (c >= from && c < to) return base + yy;
  }
  return (from.y / 100) * 100 + yy;  // unreachable: the window holds every yy once
}

std::string Iso(int y, int m, int d) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

//! Date of birth: unknown parts may be "<<"; never after today.
bool BirthDate(std::string_view f, Ymd today, Mrz& m) {
  bool bad = false;
  auto yy = Part(f.substr(0, 2), true, bad), mm = Part(f.substr(2, 2), true, bad),
       dd = Part(f.substr(4, 2), true, bad);
  if (bad) return false;
  if (mm && (*mm < 1 || *mm > 12)) return false;
  if (dd && (*dd < 1 || *dd > 31)) return false;
  int year = 0;
  if (yy) {
    // The century puts the earliest day the written parts allow in (today - 100 years, today].
    // Dates compare as (y, m, d) tuples, so (y, m, d + 1) stands for "just after that day".
    year = Century(*yy, mm.value_or(1), dd.value_or(1), Ymd{today.y - 100, today.m, today.d + 1},
                   Ymd{today.y, today.m, today.d + 1});
  }
  if (mm && dd && *dd > DaysInMonth(year, *mm)) return false;
  m.birthYear = year;
  m.birthMonth = mm.value_or(0);
  m.birthDay = dd.value_or(0);
  m.birthDateComplete = yy && mm && dd;
  char y4[8] = "XXXX", m2[4] = "XX", d2[4] = "XX";
  if (yy) std::snprintf(y4, sizeof y4, "%04d", year);
  if (mm) std::snprintf(m2, sizeof m2, "%02d", *mm);
  if (dd) std::snprintf(d2, sizeof d2, "%02d", *dd);
  m.birthDate = std::string(y4) + "-" + m2 + "-" + d2;
  return true;
}

//! Date of expiry: complete, within 50 years of today.
bool ExpiryDate(std::string_view f, Ymd today, Mrz& m) {
  bool bad = false;
  auto yy = Part(f.substr(0, 2), false, bad), mm = Part(f.substr(2, 2), false, bad),
       dd = Part(f.substr(4, 2), false, bad);
  if (bad || *mm < 1 || *mm > 12 || *dd < 1) return false;
  int year = Century(*yy, *mm, *dd, Ymd{today.y - 50, today.m, today.d},
                     Ymd{today.y + 50, today.m, today.d});
  if (*dd > DaysInMonth(year, *mm)) return false;
  m.expiryDate = Iso(year, *mm, *dd);
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Collapse(std::string s) {
  std::string out;
  for (char c : Upper(std::move(s))) {
    if (c == '-' || c == '\'') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

//! A form date (YYYY-MM-DD) agrees with every known part of the MRZ birth date.
bool AgreesWithKnownParts(const std::string& typed, const Mrz& m) {
  int y = 0, mo = 0, d = 0;
  char tail = 0;
  if (typed.size() != 10 || std::sscanf(typed.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
    return false;
  return (!m.birthYear || m.birthYear == y) && (!m.birthMonth || m.birthMonth == mo) &&
         (!m.birthDay || m.birthDay == d);
}

}  // namespace

bool IsIcaoCode(std::string_view code) {
  if (std::binary_search(std::begin(kIso3166), std::end(kIso3166), code)) return true;
  return std::find(std::begin(kIcaoSpecial), std::end(kIcaoSpecial), code) !=
         std::end(kIcaoSpecial);
}

Result<Mrz> ParseTd3(std::string_view l1, std::string_view l2, chr::sys_days todayDays) {
  Errors e;
  if (l1.size() != 44) e.add("line1", "length", "must be 44 characters");
  if (l2.size() != 44) e.add("line2", "length", "must be 44 characters");
  if (!ValidChars(l1)) e.add("line1", "charset", "only A–Z, 0–9 and < are allowed");
  if (!ValidChars(l2)) e.add("line2", "charset", "only A–Z, 0–9 and < are allowed");
  if (!e.empty()) return e.status();  // positions mean nothing until both lines are well formed

  Ymd today = ToYmd(todayDays);
  Mrz m;
  // Line 1.
  if (l1[0] != 'P' || !(IsLetter(l1[1]) || l1[1] == '<'))
    e.add("line1.document_code", "format", "a passport MRZ starts with P, then a letter or <");
  m.documentCode = Fillers(l1.substr(0, 2));
  if (!IsIcaoCode(l1.substr(2, 3)))
    e.add("line1.issuing_state", "code_list",
          "'" + std::string(l1.substr(2, 3)) + "' is not an ICAO state or organisation code");
  m.issuingState = Fillers(l1.substr(2, 3));
  if (!ParseNames(l1.substr(5), m.surname, m.givenNames))
    e.add("line1.names", "format", "letters only, as SURNAME<<GIVEN<NAMES followed by fillers (<)");

  // Line 2.
  std::string_view number = l2.substr(0, 9);
  if (!IsLetter(number[0]) && !IsDigit(number[0]))
    e.add("line2.document_number", "format",
          "the passport number starts at the first position (no leading <)");
  if (!CheckOk(number, l2[9], false))
    e.add("line2.document_number_check", "check_digit",
          "check digit of the passport number is wrong");
  m.documentNumber = Fillers(number);
  for (char& c : m.documentNumber)
    if (c == ' ') c = '<';
  if (!IsIcaoCode(l2.substr(10, 3)))
    e.add("line2.nationality", "code_list",
          "'" + std::string(l2.substr(10, 3)) + "' is not an ICAO nationality code");
  m.nationality = Fillers(l2.substr(10, 3));
  if (!BirthDate(l2.substr(13, 6), today, m))
    e.add("line2.birth_date", "date", "is not a date (YYMMDD; unknown parts as <<)");
  if (!CheckOk(l2.substr(13, 6), l2[19], false))
    e.add("line2.birth_date_check", "check_digit", "check digit of the birth date is wrong");
  if (l2[20] != 'M' && l2[20] != 'F' && l2[20] != '<')
    e.add("line2.sex", "format", "must be M, F or < (unspecified)");
  m.sex = l2[20] == '<' ? "X" : std::string(1, l2[20]);
  if (!ExpiryDate(l2.substr(21, 6), today, m))
    e.add("line2.expiry_date", "date", "is not a date (YYMMDD)");
  if (!CheckOk(l2.substr(21, 6), l2[27], false))
    e.add("line2.expiry_date_check", "check_digit", "check digit of the expiry date is wrong");
  if (!CheckOk(l2.substr(28, 14), l2[42], true))
    e.add("line2.personal_number_check", "check_digit",
          "check digit of the personal number is wrong");
  m.personalNumber = Fillers(l2.substr(28, 14));
  std::string composite = std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) +
                          std::string(l2.substr(21, 22));
  if (!CheckOk(composite, l2[43], false))
    e.add("line2.composite_check", "check_digit", "the composite check digit is wrong");
  if (!e.empty()) return e.status();
  return m;
}

Result<Mrz> ParseTd3(std::string_view l1, std::string_view l2, int currentYear) {
  return ParseTd3(l1, l2, chr::sys_days(chr::year(currentYear) / 12 / 31));
}

json::array CompareWithForm(const Mrz& mrz, const json::object& form) {
  json::array out;
  auto typedValue = [&](const char* field) -> std::optional<std::string> {
    auto it = form.find(field);
    if (it == form.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().as_string());
  };
  auto cmp = [&](const char* field, const std::string& fromMrz, bool names) {
    auto typed = typedValue(field);
    if (!typed) return;
    bool match = names ? Collapse(*typed) == Collapse(fromMrz) : Upper(*typed) == Upper(fromMrz);
    out.push_back({{"field", field}, {"form", *typed}, {"mrz", fromMrz}, {"match", match}});
  };
  cmp("surname", mrz.surname, true);
  cmp("given_names", mrz.givenNames, true);
  cmp("passport_number", mrz.documentNumber, false);
  if (mrz.birthDateComplete) {
    cmp("date_of_birth", mrz.birthDate, false);
  } else if (auto typed = typedValue("date_of_birth")) {
    out.push_back({{"field", "date_of_birth"},
                   {"form", *typed},
                   {"mrz", mrz.birthDate},
                   {"match", AgreesWithKnownParts(*typed, mrz)},
                   {"partial", true}});
  }
  cmp("sex", mrz.sex, false);
  return out;
}

bool MatchesForm(const json::array& comparison) {
  bool surname = false, number = false;
  for (const auto& c : comparison) {
    if (!c.at("match").as_bool()) return false;
    surname = surname || c.at("field") == "surname";
    number = number || c.at("field") == "passport_number";
  }
  return surname && number;
}

json::object ToJson(const Mrz& m) {
  return {{"document_code", m.documentCode},
          {"issuing_state", m.issuingState},
          {"surname", m.surname},
          {"given_names", m.givenNames},
          {"document_number", m.documentNumber},
          {"nationality", m.nationality},
          {"birth_date", m.birthDate},
          {"birth_date_complete", m.birthDateComplete},
          {"sex", m.sex},
          {"expiry_date", m.expiryDate},
          {"personal_number", m.personalNumber}};
}

}  // namespace tongban::identity

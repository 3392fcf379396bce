#include "identity/mrz.h"

#include <cctype>

namespace tongban::identity {

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

std::string Fillers(std::string_view s) {
  std::string out(s);
  while (!out.empty() && out.back() == '<') out.pop_back();
  for (char& c : out)
    if (c == '<') c = ' ';
  return out;
}

bool ValidChars(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<')) return false;
  return true;
}

Status Fail(const std::string& field, const std::string& msg) {
  return Status::InvalidArgument("the MRZ is not valid", {{field, {"mrz", msg}}});
}

bool CheckOk(std::string_view data, char check) {
  if (check == '<')
    return data.find_first_not_of('<') == std::string_view::npos;  // empty optional field
  return check >= '0' && check <= '9' && CheckDigit(data) == check - '0';
}

//! YYMMDD to YYYY-MM-DD; birth dates take the latest century that is not in the future.
std::string Date(std::string_view yymmdd, int currentYear, bool birth) {
  for (char c : yymmdd)
    if (c < '0' || c > '9') return "";
  int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  int mm = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  int dd = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return "";
  int year = birth ? (2000 + yy > currentYear ? 1900 + yy : 2000 + yy) : 2000 + yy;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, mm, dd);
  return buf;
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

}  // namespace

Result<Mrz> ParseTd3(std::string_view l1, std::string_view l2, int currentYear) {
  if (l1.size() != 44) return Fail("line1", "must be 44 characters");
  if (l2.size() != 44) return Fail("line2", "must be 44 characters");
  if (!ValidChars(l1)) return Fail("line1", "only A–Z, 0–9 and < are allowed");
  if (!ValidChars(l2)) return Fail("line2", "only A–Z, 0–9 and < are allowed");
  if (l1[0] != 'P') return Fail("line1", "a passport MRZ starts with P");
  Mrz m;
  m.documentCode = Fillers(l1.substr(0, 2));
  m.issuingState = Fillers(l1.substr(2, 3));
  std::string_view names = l1.substr(5);
  size_t sep = names.find("<<");
  if (sep == std::string_view::npos || sep == 0)
    return Fail("line1", "the names need SURNAME<<GIVEN NAMES");
  m.surname = Fillers(names.substr(0, sep));
  m.givenNames = Fillers(names.substr(sep + 2));

  if (!CheckOk(l2.substr(0, 9), l2[9]))
    return Fail("line2.document_number_check", "check digit of the passport number is wrong");
  if (!CheckOk(l2.substr(13, 6), l2[19]))
    return Fail("line2.birth_date_check", "check digit of the birth date is wrong");
  if (!CheckOk(l2.substr(21, 6), l2[27]))
    return Fail("line2.expiry_date_check", "check digit of the expiry date is wrong");
  if (!CheckOk(l2.substr(28, 14), l2[42]))
    return Fail("line2.personal_number_check", "check digit of the personal number is wrong");
  std::string composite = std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) +
                          std::string(l2.substr(21, 22));
  if (l2[43] < '0' || l2[43] > '9' || CheckDigit(composite) != l2[43] - '0')
    return Fail("line2.composite_check", "the composite check digit is wrong");
  m.documentNumber = Fillers(l2.substr(0, 9));
  for (char& c : m.documentNumber)
    if (c == ' ') c = '<';
  m.nationality = Fillers(l2.substr(10, 3));
  m.birthDate = Date(l2.substr(13, 6), currentYear, true);
  if (m.birthDate.empty()) return Fail("line2.birth_date", "is not a date");
  m.sex = l2[20] == '<' ? "X" : std::string(1, l2[20]);
  if (m.sex != "M" && m.sex != "F" && m.sex != "X") return Fail("line2.sex", "must be M, F or <");
  m.expiryDate = Date(l2.substr(21, 6), currentYear, false);
  if (m.expiryDate.empty()) return Fail("line2.expiry_date", "is not a date");
  m.personalNumber = Fillers(l2.substr(28, 14));
  return m;
}

json::array CompareWithForm(const Mrz& mrz, const json::object& form) {
  json::array out;
  auto cmp = [&](const char* field, const std::string& fromMrz, bool names) {
    auto it = form.find(field);
    if (it == form.end() || !it->value().is_string()) return;
    std::string typed(it->value().as_string());
    bool match = names ? Collapse(typed) == Collapse(fromMrz) : Upper(typed) == Upper(fromMrz);
    out.push_back({{"field", field}, {"form", typed}, {"mrz", fromMrz}, {"match", match}});
  };
  cmp("surname", mrz.surname, true);
  cmp("given_names", mrz.givenNames, true);
  cmp("passport_number", mrz.documentNumber, false);
  cmp("date_of_birth", mrz.birthDate, false);
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
          {"sex", m.sex},
          {"expiry_date", m.expiryDate},
          {"personal_number", m.personalNumber}};
}

}  // namespace tongban::identity

// libFuzzer target for the passport MRZ parser (not part of the normal build; see README.md).
// Input: two lines separated by '\n' (or the first 44 bytes and the rest). Besides "no crash, no
// sanitizer report", it checks what every accepted MRZ must satisfy.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "identity/mrz.h"

using namespace tongban;

namespace {
void Require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view l1 = nl == std::string_view::npos ? in.substr(0, 44) : in.substr(0, nl);
  std::string_view l2 =
      nl == std::string_view::npos ? (in.size() > 44 ? in.substr(44) : "") : in.substr(nl + 1);
  const auto today = std::chrono::sys_days(std::chrono::year(2026) / 11 / 23);
  auto m = identity::ParseTd3(l1, l2, today);
  if (!m.ok()) {
    Require(!m.status().fields().empty());  // a refusal always says where
    return 0;
  }
  Require(l1.size() == 44 && l2.size() == 44);
  Require(l2[9] - '0' == identity::CheckDigit(l2.substr(0, 9)));
  Require(identity::IsIcaoCode(l1.substr(2, 3)) && identity::IsIcaoCode(l2.substr(10, 3)));
  Require(!m->surname.empty() && m->surname.find_first_of("0123456789<") == std::string::npos);
  Require(m->birthDate.size() == 10 && m->expiryDate.size() == 10);
  Require(m->birthDate <= "2026-11-23" || m->birthDate.rfind("XXXX", 0) == 0);
  Require(m->sex == "M" || m->sex == "F" || m->sex == "X");
  // What the MRZ says, typed into a form, matches it.
  json::object form{{"surname", m->surname},
                    {"given_names", m->givenNames},
                    {"passport_number", m->documentNumber},
                    {"sex", m->sex}};
  if (m->birthDateComplete) form["date_of_birth"] = m->birthDate;
  Require(identity::MatchesForm(identity::CompareWithForm(*m, form)));
  return 0;
}

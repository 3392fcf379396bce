#pragma once
// Machine-readable zone of passports (ICAO Doc 9303 part 4, TD3: two lines of 44 characters;
// part 3 for the character set, check digits, dates and the three-letter codes), with every
// rule checked, and its comparison with what the applicant typed.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace tongban::identity {

struct Mrz {
  std::string documentCode;    // "P" (and the optional second letter, e.g. "PD")
  std::string issuingState;    // ICAO code without fillers, e.g. CHN, or D for Germany
  std::string surname;         // primary identifier, spaces instead of '<'
  std::string givenNames;      // secondary identifier ("" when the holder has one name only)
  std::string documentNumber;  // without trailing fillers
  std::string nationality;
  //! YYYY-MM-DD when the whole date is known. ICAO lets unknown parts be written as "<<" in the
  //! MRZ; they are then kept unknown, written as in the visual zone: "1974-XX-XX", "XXXX-08-12".
  //! The century is chosen so that the date is not after today (birth dates are never in the
  //! future) and not 100 years or more before it.
  std::string birthDate;
  bool birthDateComplete = true;
  int birthYear = 0, birthMonth = 0, birthDay = 0;  // 0 = unknown
  std::string sex;                                  // M | F | X (the MRZ writes unspecified as '<')
  //! YYYY-MM-DD; the century that puts it within 50 years of today (either side).
  std::string expiryDate;
  std::string personalNumber;  // optional data, without fillers
};

//! ICAO 9303 check digit of `s` (weights 7, 3, 1; A=10 … Z=35; '<'=0).
int CheckDigit(std::string_view s);

//! True if `code` (three characters as written in the MRZ, e.g. "CHN", "D<<", "XXA") is an
//! ICAO 9303 part 3 code for a state, an organisation or a special nationality.
bool IsIcaoCode(std::string_view code);

//! Parses and verifies two TD3 lines against every rule of ICAO 9303. `today` decides the
//! centuries of the dates. Errors name the line and the part that failed
//! ("line2.birth_date_check"), one entry per failing part.
Result<Mrz> ParseTd3(std::string_view line1, std::string_view line2, std::chrono::sys_days today);
//! Deprecated: takes 31 December of `currentYear` as today. Use the overload with the date.
Result<Mrz> ParseTd3(std::string_view line1, std::string_view line2, int currentYear);

//! Compares the MRZ with form fields (surname, given_names, passport_number, date_of_birth,
//! sex); returns one entry per compared field: {"field", "form", "mrz", "match"}. A birth date
//! with unknown parts matches a form date that agrees on every known part (the row then has
//! "partial": true).
json::array CompareWithForm(const Mrz& mrz, const json::object& form);
//! True if every field present in both agrees and at least the names and number were compared.
bool MatchesForm(const json::array& comparison);

json::object ToJson(const Mrz& mrz);

}  // namespace tongban::identity

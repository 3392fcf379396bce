#pragma once
// Machine-readable zone of passports (ICAO Doc 9303 part 4, TD3: two lines of 44 characters),
// with every check digit verified, and its comparison with what the applicant typed.

#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace tongban::identity {

struct Mrz {
  std::string documentCode;  // "P" (and the optional second character)
  std::string issuingState;  // ICAO code, e.g. CHN
  std::string surname;       // spaces instead of '<'
  std::string givenNames;
  std::string documentNumber;  // without fillers
  std::string nationality;
  std::string birthDate;   // YYYY-MM-DD (century chosen so the date is not in the future)
  std::string sex;         // M | F | X
  std::string expiryDate;  // YYYY-MM-DD (20YY)
  std::string personalNumber;
};

//! ICAO 9303 check digit of `s` (weights 7, 3, 1; A=10 … Z=35; '<'=0).
int CheckDigit(std::string_view s);

//! Parses and verifies two TD3 lines. `currentYear` decides the century of the birth date.
//! Errors name the line and the check that failed ("line2.birth_date_check").
Result<Mrz> ParseTd3(std::string_view line1, std::string_view line2, int currentYear);

//! Compares the MRZ with form fields (surname, given_names, passport_number, date_of_birth,
//! sex); returns one entry per compared field: {"field", "form", "mrz", "match"}.
json::array CompareWithForm(const Mrz& mrz, const json::object& form);
//! True if every field present in both agrees and at least the names and number were compared.
bool MatchesForm(const json::array& comparison);

json::object ToJson(const Mrz& mrz);

}  // namespace tongban::identity

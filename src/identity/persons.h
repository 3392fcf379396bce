#pragma once
// Acting for others, identity side:
// - people verified without an account of their own (an elderly parent at home, confirmed by an
//   officer in a video call with the relative abroad: a "family" session), whom the relative
//   may then name in applications;
// - the consent a person gives at a desk for a liaison or window officer to submit an
//   application for them: a one-time code sent to the person, which they read out to the
//   officer. The case engine (cases/) checks and uses up the confirmed consent in the
//   transaction that creates the case.

#include <optional>
#include <string>

#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/status.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::identity {

//! Checks a person's details as given for a family session: name (as on the ID card), optional
//! Latin name, 18-character resident identity card number (GB 11643 check digit, its birth date
//! matching `birth_date`), phone and relationship to the account holder. Field errors are named
//! `<prefix>.<field>`. Returns the details with spaces trimmed and the check letter upper case.
Result<json::object> ValidatePerson(const json::object& in, const std::string& prefix = "person");

//! Whether `id` is a well-formed resident identity card number with a correct check character.
bool ValidResidentId(const std::string& id);

struct AssistOptions {
  std::chrono::minutes codeValid{10};     // a code not read out by then is void
  std::chrono::minutes consentValid{60};  // a confirmed consent must be used by then
  int maxCodeFailures = 5;                // wrong codes before the consent is void
};

class PersonService {
 public:
  PersonService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                AssistOptions options = {});

  //! The people the signed-in applicant may name in applications (verified in their family
  //! sessions): [{id, name, name_latin, birth_date, relationship, verified_at}]. The ID number
  //! is shown masked.
  Result<json::array> mine(const Actor& actor);

  //! A liaison or window officer asks the person at the desk (by the e-mail of their account)
  //! for consent to submit `itemCode` for them: a six-digit code goes to the person's inbox and
  //! e-mail. Answers {id, status, expires_at, applicant: {id, display_name}}.
  Result<json::object> requestConsent(const Actor& officer, const std::string& email,
                                      const std::string& itemCode);
  //! The officer types the code the person read out. Five wrong codes void the request.
  Result<json::object> confirmConsent(const Actor& officer, int64_t consentId,
                                      const std::string& code);
  //! The consent as its officer sees it.
  Result<json::object> consent(const Actor& officer, int64_t consentId);

 private:
  json::object view(const db::AssistConsentRow& c, const db::UserRow& applicant) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  AssistOptions options_;
};

}  // namespace tongban::identity

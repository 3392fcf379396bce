#include "identity/persons.h"

#include <cctype>
#include <cstring>
#include <regex>

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"
#include "common/text.h"

namespace tongban::identity {

namespace {

constexpr const char* kRelationships[] = {"parent", "grandparent", "child", "grandchild",
                                          "spouse", "sibling",     "other"};

bool HasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7f;
  });
}

//! Six decimal digits, uniform: four random bytes, drawing again in the rare case they fall in
//! the incomplete last block of a million.
std::string SixDigits() {
  for (;;) {
    std::string r = crypto::RandomBytes(4);
    uint32_t v = 0;
    std::memcpy(&v, r.data(), 4);
    constexpr uint32_t kLimit = 4294000000u;  // a multiple of 1,000,000
    if (v >= kLimit) continue;
    std::string s = std::to_string(v % 1000000);
    return std::string(6 - s.size(), '0') + s;
  }
}

std::string MaskId(const std::string& id) {
  if (id.size() < 8) return id;
  return id.substr(0, 3) + std::string(id.size() - 7, '*') + id.substr(id.size() - 4);
}

std::string Str(const json::object& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().as_string());
}

}  // namespace

bool ValidResidentId(const std::string& id) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  if (id.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  return id[17] == kCheck[sum % 11];
}

Result<json::object> ValidatePerson(const json::object& in, const std::string& prefix) {
  FieldErrors errors;
  auto fail = [&](const char* field, const char* code, const char* msg) {
    errors[prefix + "." + field] = {code, msg};
  };
  for (const auto& kv : in) {
    static constexpr const char* kKnown[] = {"name",       "name_latin", "id_number",
                                             "birth_date", "phone",      "relationship"};
    if (std::none_of(std::begin(kKnown), std::end(kKnown),
                     [&](const char* k) { return kv.key() == k; }))
      errors[prefix + "." + std::string(kv.key())] = {"unknown", "is not a field of a person"};
    else if (!kv.value().is_string())
      errors[prefix + "." + std::string(kv.key())] = {"type", "must be text"};
  }
  if (!errors.empty()) return Status::InvalidArgument("the person's details have errors", errors);
  json::object out;
  std::string name = text::Trim(Str(in, "name"));
  if (name.empty())
    fail("name", "required", "the name as on the identity card");
  else if (name.size() > 100 || HasControl(name))
    fail("name", "invalid", "at most 100 bytes, no control characters");
  std::string latin = text::Trim(Str(in, "name_latin"));
  static const std::regex kLatin(R"(^[A-Za-z][A-Za-z ,.'-]{0,99}$)");
  if (!latin.empty() && !std::regex_match(latin, kLatin))
    fail("name_latin", "pattern", "Latin letters, spaces and - ' . only");
  std::string id = text::Trim(Str(in, "id_number"));
  if (!id.empty() && id.back() == 'x') id.back() = 'X';
  std::string birth = text::Trim(Str(in, "birth_date"));
  auto birthDate = ParseDate(birth);
  if (birth.empty())
    fail("birth_date", "required", "the date of birth");
  else if (!birthDate)
    fail("birth_date", "date", "must be a date YYYY-MM-DD");
  if (id.empty()) {
    fail("id_number", "required", "the 18-character identity card number");
  } else if (!ValidResidentId(id)) {
    fail("id_number", "checksum", "is not a valid identity card number (check every character)");
  } else if (birthDate) {
    std::string digits = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
    if (id.substr(6, 8) != digits)
      fail("id_number", "birth_date_mismatch", "does not match the date of birth");
  }
  std::string phone = text::Trim(Str(in, "phone"));
  static const std::regex kPhone(R"(^\+?[0-9 ()-]{5,24}$)");
  if (phone.empty())
    fail("phone", "required", "a phone number to reach the person");
  else if (!std::regex_match(phone, kPhone))
    fail("phone", "phone", "must be a phone number");
  std::string rel = Str(in, "relationship");
  if (rel.empty())
    fail("relationship", "required", "how the person is related to you");
  else if (std::none_of(std::begin(kRelationships), std::end(kRelationships),
                        [&](const char* r) { return rel == r; }))
    fail("relationship", "option", "is not one of the options");
  if (!errors.empty()) return Status::InvalidArgument("the person's details have errors", errors);
  return json::object{{"name", name},        {"name_latin", latin}, {"id_number", id},
                      {"birth_date", birth}, {"phone", phone},      {"relationship", rel}};
}

PersonService::PersonService(db::Database& db, const Clock& clock,
                             const reference::ReferenceData& ref, AssistOptions options)
    : db_(db), clock_(clock), ref_(ref), options_(options) {}

Result<json::array> PersonService::mine(const Actor& actor) {
  if (!access::IsApplicant(actor) || !actor.userId)
    return Status::PermissionDenied("only applicants have family members on file");
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.persons().linkedTo(*actor.userId));
    for (const auto& [p, l] : rows)
      out.push_back({{"id", p.id},
                     {"name", p.name},
                     {"name_latin", p.nameLatin},
                     {"id_number", MaskId(p.idNumber)},
                     {"birth_date", p.birthDate},
                     {"relationship", l.relationship},
                     {"verified_at", TimeJson(p.verifiedAt)}});
    return Status::Ok();
  }));
  return out;
}

json::object PersonService::view(const db::AssistConsentRow& c,
                                 const db::UserRow& applicant) const {
  return {{"id", c.id},
          {"status", c.status},
          {"method", c.method},
          {"item_code", c.itemCode},
          {"expires_at", TimeJson(c.status == "confirmed" ? *c.confirmedAt + options_.consentValid
                                                          : c.expiresAt)},
          {"confirmed_at", TimeJson(c.confirmedAt)},
          {"attempts_left", std::max(0, options_.maxCodeFailures - c.failures)},
          {"case_id", c.caseId ? json::value(*c.caseId) : json::value(nullptr)},
          {"applicant", {{"id", applicant.id}, {"display_name", applicant.displayName}}}};
}

Result<json::object> PersonService::requestConsent(const Actor& officer, const std::string& email,
                                                   const std::string& itemCode) {
  if (!access::ServesApplicants(officer) || !officer.userId)
    return Status::PermissionDenied("liaison and window officers assist people at a desk");
  auto ref = ref_.get();
  const catalog::Item* item = ref->catalog->item(itemCode);
  if (!item) return Status::InvalidField("item_code", "unknown", "no such item in the catalogue");
  if (item->kind == "query")
    return Status::InvalidField("item_code", "query_item",
                                "query items are looked up, not applied for");
  std::string code = SixDigits();
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto person = tx.users().byEmail(text::Trim(email));
    // The officer has the person in front of them; an unknown address is said plainly so they
    // can check it with the person (no account can be probed from outside the desk).
    if (!person.ok() || access::RoleOf(*person) != access::Role::kApplicant || person->disabled)
      return Status::InvalidField("email", "unknown", "no applicant account with this e-mail");
    TB_ASSIGN_OR_RETURN(db::UserRow me, tx.users().byId(*officer.userId));
    db::AssistConsentRow c;
    c.applicantId = person->id;
    c.officerId = *officer.userId;
    c.unitId = officer.unitId;
    c.itemCode = item->code;
    c.codeSalt = crypto::RandomToken(16);
    c.codeHash = crypto::Sha256Hex(c.codeSalt + ":" + code);
    c.createdAt = clock_.now();
    c.expiresAt = c.createdAt + options_.codeValid;
    TB_ASSIGN_OR_RETURN(c.id, tx.assistConsents().insert(c));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(officer, c.createdAt, "assist.consent_requested", "assist_consent",
                     std::to_string(c.id), person->id, {{"item", item->code}})));
    TB_RETURN_IF_ERROR(
        tx.outbox().append({0, c.createdAt, "assist.consent_code",
                            json::serialize(json::object{{"applicant_id", person->id},
                                                         {"consent_id", c.id},
                                                         {"private_code", code},
                                                         {"item_code", item->code},
                                                         {"officer", me.displayName},
                                                         {"unit_id", officer.unitId.value_or(0)},
                                                         {"minutes", options_.codeValid.count()},
                                                         {"expires_at", TimeJson(c.expiresAt)}})}));
    out = view(c, *person);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> PersonService::confirmConsent(const Actor& officer, int64_t consentId,
                                                   const std::string& code) {
  std::string typed;
  for (char ch : code)
    if (ch != ' ' && ch != '-') typed += ch;
  if (typed.size() != 6 || !std::all_of(typed.begin(), typed.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch));
      }))
    return Status::InvalidField("code", "format", "the six digits the person read out");
  json::object out;
  Status failed;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto c = tx.assistConsents().byId(consentId);
    if (!c.ok() || !officer.userId || c->officerId != *officer.userId)
      return Status::NotFound("consent not found");
    TB_ASSIGN_OR_RETURN(db::UserRow person, tx.users().byId(c->applicantId));
    TimePoint now = clock_.now();
    if (c->status != "pending")
      return Status::Conflict(c->status == "void" ? "this request is void; send a new code"
                                                  : "this consent was already confirmed");
    if (now > c->expiresAt) {
      c->status = "void";
      TB_RETURN_IF_ERROR(tx.assistConsents().update(*c));
      out = view(*c, person);
      failed = Status::InvalidField("code", "expired", "the code has expired; send a new one");
      return Status::Ok();  // keep the void state
    }
    if (!crypto::ConstantTimeEquals(crypto::Sha256Hex(c->codeSalt + ":" + typed), c->codeHash)) {
      c->failures += 1;
      if (c->failures >= options_.maxCodeFailures) c->status = "void";
      TB_RETURN_IF_ERROR(tx.assistConsents().update(*c));
      failed =
          c->status == "void"
              ? Status::InvalidField("code", "too_many", "too many wrong codes; send a new one")
              : Status::InvalidField("code", "wrong", "that is not the code that was sent");
      return Status::Ok();  // the failure counts
    }
    c->status = "confirmed";
    c->confirmedAt = now;
    c->codeHash.clear();  // works once
    TB_RETURN_IF_ERROR(tx.assistConsents().update(*c));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        officer, now, "assist.consent_confirmed", "assist_consent", std::to_string(c->id),
        c->applicantId, {{"item", c->itemCode}, {"method", c->method}})));
    out = view(*c, person);
    return Status::Ok();
  }));
  if (!failed.ok()) return failed;
  return out;
}

Result<json::object> PersonService::consent(const Actor& officer, int64_t consentId) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto c = tx.assistConsents().byId(consentId);
    if (!c.ok() || !officer.userId || c->officerId != *officer.userId)
      return Status::NotFound("consent not found");
    TB_ASSIGN_OR_RETURN(db::UserRow person, tx.users().byId(c->applicantId));
    out = view(*c, person);
    return Status::Ok();
  }));
  return out;
}

}  // namespace tongban::identity

#pragma once
// Powers of attorney: a person living abroad (the grantor) authorises someone (the grantee) to
// take some steps of their cases for them: a relative at home submits, answers a request for
// more documents, pays at the counter or collects the result under a signed letter of
// authorisation.
//
// The rules, in one place:
// - The grantee is either a registered applicant named by e-mail (bound at once), or a person at
//   home named by full name, ID number and phone. The latter is bound when they register and
//   claim the mandate with the one-time code the grantor passes on to them AND enter the same ID
//   number (five wrong ID numbers void the code; the grantor then makes a new mandate). The code
//   is shown once and only its hash is kept.
// - Scope: a list of item codes (which all belong to one owning unit) or one of the grantor's
//   cases; steps: any of submit, supplement, pay, collect, sign_delivery; valid_from (today or
//   later) to valid_until (at most five years later).
// - Evidence: a photo or scan of the signed letter and of the grantor's ID document, uploaded
//   through the blob store like case documents. The check belongs to the unit that owns the
//   scope (the case's unit, or the items' owning unit): one of its officers (or of a unit above
//   it) approves or rejects it as a document check, or approves it in a supervised video
//   session whose subject is this mandate (identity/ stores the mandate id on the session,
//   server/ wires the decision back here in the session's own transaction).
// - States: requested → verified | rejected; revoked by the grantor at any time (effective at
//   once: every request acting under it resolves it again). "active" and "expired" are computed
//   on read: verified, bound, and today (China Standard Time) within the dates.
// - Every use is recorded with both identities (audit event with acting_for/mandate_id, the
//   case history's mandate_id, a mandate_uses row) and written to the outbox
//   (`mandate.used`), so the grantor is told.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "access/mandate_use.h"
#include "blobs/blob_store.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::mandates {

//! The steps a mandate may grant.
const std::vector<std::string>& Steps();

struct CreateRequest {
  // The grantee: a registered applicant by e-mail, or a person at home.
  std::string granteeEmail;
  std::string granteeName, granteeIdNumber, granteePhone;
  std::vector<std::string> items;
  std::optional<int64_t> caseId;
  std::vector<std::string> steps;
  std::string validFrom, validUntil;  // YYYY-MM-DD
};

struct Created {
  json::object mandate;
  std::string claimCode;  // only for a person at home: shown once
};

struct EvidenceFile {
  std::filesystem::path path;
  std::string mime, filename;
};

class MandateService final : public access::MandateUses {
 public:
  MandateService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                 blobs::BlobStore& blobs, int calendarOffsetMinutes = 480);

  Result<Created> create(const Actor& actor, const CreateRequest& r);
  //! `{"given": [...], "held": [...]}`
  Result<json::object> mine(const Actor& actor);
  //! For the grantor, the grantee and the officers who check it.
  Result<json::object> get(const Actor& actor, int64_t id);
  //! `kind`: letter | id_document. Grantor only, while the mandate is requested.
  Result<json::object> uploadEvidence(const Actor& actor, int64_t id, const std::string& kind,
                                      const std::string& filename,
                                      const std::filesystem::path& tempFile);
  //! The grantor, or a checking officer (their read is audited).
  Result<EvidenceFile> evidence(const Actor& actor, int64_t id, const std::string& kind);
  Result<json::object> revoke(const Actor& actor, int64_t id);
  Result<json::object> claim(const Actor& actor, const std::string& code,
                             const std::string& idNumber);
  //! Requested mandates the officer's unit (and the units below it) checks.
  Result<json::array> pending(const Actor& actor);
  Result<json::object> check(const Actor& actor, int64_t id, bool approve, const std::string& note);

  //! What `X-Act-For: mandateId` lets `userId` do now; PermissionDenied when the mandate is not
  //! theirs or not active (revoked, expired, not yet valid, not verified).
  Result<Actor::Proxy> actingFor(int64_t userId, int64_t mandateId);
  //! Records a step a grantee took (`actor.proxy` set) inside the step's own transaction, so the
  //! use, its audit event and the grantor's notification commit with the step or not at all.
  //! Used for creating a case and for its workflow steps.
  Status noteUseIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                   std::string_view step, std::string_view action, const std::string& reference);
  //! The same in its own transaction right after the step, for the steps whose service takes no
  //! part in a caller's transaction yet (a document upload, a delivery confirmation): a crash
  //! between the two loses the use record (the step's own audit event and history remain).
  Status noteUse(const Actor& actor, int64_t caseId, std::string_view step, std::string_view action,
                 const std::string& reference);
  //! access::MandateUses: a payment or hand-over staff record for a grantee.
  Result<access::MandateUse> use(db::Transaction& tx, const Actor& recorder, int64_t mandateId,
                                 const db::CaseRow& c, std::string_view step,
                                 std::string_view action, const std::string& reference) override;

  // Supervised video checks (server/ wires them into identity/).
  //! A session about to be opened for `applicantId` names `mandateId`: it must be theirs and
  //! still waiting for its check.
  Status checkVideoSubject(db::Transaction& tx, int64_t applicantId, int64_t mandateId);
  //! The session was decided: approval verifies the mandate, refusal rejects it.
  Status videoDecided(db::Transaction& tx, const Actor& officer, int64_t sessionId,
                      int64_t mandateId, bool approve, const std::string& note);

  //! The steps taken on `c` under mandates, for the case view (`proxy_actions`).
  Result<json::array> usesOf(db::Transaction& tx, const db::CaseRow& c);

 private:
  Date today() const;
  std::string stateOf(const db::MandateRow& m) const;
  json::object toJson(db::Transaction& tx, const Actor& actor, const db::MandateRow& m) const;
  bool checks(const Actor& actor, const db::MandateRow& m) const;
  Status recordUse(db::Transaction& tx, const Actor& actor, const db::MandateRow& m,
                   const db::CaseRow& c, std::string_view step, std::string_view action,
                   const std::string& reference, int64_t granteeId,
                   std::optional<int64_t> recordedBy);
  Status decide(db::Transaction& tx, const Actor& officer, db::MandateRow& m, bool approve,
                const std::string& note, const std::string& method);

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  blobs::BlobStore& blobs_;
  int offsetMinutes_;
};

}  // namespace tongban::mandates

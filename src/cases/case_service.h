#pragma once
// The case engine: applications move through their item's workflow. Every change writes the
// case, a status-history row, an audit event and an outbox event in one transaction.

#include <memory>
#include <optional>
#include <string>

#include "cases/reference.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"

namespace tongban::cases {

struct CreateRequest {
  std::string itemCode;
  json::object form;
  bool submit = false;
  std::string priority = "normal";    // normal | care
  std::optional<int64_t> onBehalfOf;  // liaison submitting for an applicant (with consent)
  std::string idempotencyKey;         // empty: none
  std::string requestHash;            // of the request body, to detect a reused key
};

//! A stored answer: replayed as-is for a retried request with the same Idempotency-Key.
struct Answer {
  int status = 200;
  json::object body;
  bool replayed = false;
};

struct QueueRequest {
  std::optional<int64_t> unitId;
  std::optional<std::string> state;
  bool overdueOnly = false;
  std::optional<std::string> priority;
  int limit = 50;
  int64_t afterId = 0;
};

class CaseService {
 public:
  //! `calendarOffsetMinutes`: the legal clock's zone (China Standard Time, +480).
  CaseService(db::Database& db, const Clock& clock, std::shared_ptr<const Reference> ref,
              int calendarOffsetMinutes = 480);

  //! Creates a draft, or a submitted case when req.submit; instant/auto items are then decided
  //! by their rules in the same transaction.
  Result<Answer> create(const Actor& actor, const CreateRequest& req);
  //! Applies a workflow action ("submit", "accept", "approve", …). NotFound if the actor may not
  //! see the case, PermissionDenied if their role may not take the action, Conflict if the state
  //! does not allow it or `expectedVersion` is stale.
  Result<json::object> transition(const Actor& actor, int64_t caseId, const std::string& action,
                                  const std::string& note, std::optional<int64_t> expectedVersion,
                                  const std::string& idempotencyKey = "",
                                  const std::string& requestHash = "");
  //! Replaces a draft's form (partial forms allowed until submission).
  Result<json::object> updateDraft(const Actor& actor, int64_t caseId, const json::object& form);
  //! One case with its timeline, documents and the actions open to the caller. Reads by anyone
  //! but the applicant are audited.
  Result<json::object> get(const Actor& actor, int64_t caseId);
  //! The caller's own cases, newest first.
  Result<json::array> mine(const Actor& actor, int limit);
  //! Staff queue of the caller's unit and the units below it.
  Result<json::array> queue(const Actor& actor, const QueueRequest& req);

  //! The applicant rates the service once the case is decided (1..5 and an optional comment).
  Result<json::object> rate(const Actor& actor, int64_t caseId, int score,
                            const std::string& comment);
  //! Re-reads the catalogue, units and workflows (after an administrator's edit).
  Status reloadReference();

  //! The case if `actor` may see it; NotFound otherwise (existence is not revealed).
  Result<db::CaseRow> loadVisible(db::Transaction& tx, const Actor& actor, int64_t caseId) const;
  bool canSee(const Actor& actor, const db::CaseRow& c) const;
  std::shared_ptr<const Reference> reference() const;
  Date today() const;

 private:
  struct Step {
    std::string action;
    std::string note;
  };
  Status apply(db::Transaction& tx, const Actor& actor, db::CaseRow& c, const std::string& action,
               const std::string& note, const catalog::Item& item);
  Status runRules(db::Transaction& tx, const Actor& actor, db::CaseRow& c,
                  const catalog::Item& item);
  Status checkSubmittable(db::Transaction& tx, const db::CaseRow& c, const catalog::Item& item,
                          const db::UserRow& applicant);
  json::object view(db::Transaction& tx, const Actor& actor, const db::CaseRow& c, bool full) const;

  db::Database& db_;
  const Clock& clock_;
  std::shared_ptr<const Reference> ref_;
  int offsetMinutes_;
};

}  // namespace tongban::cases

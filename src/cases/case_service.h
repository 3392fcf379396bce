#pragma once
// The case engine: applications move through their item's workflow. Every change writes the
// case, a status-history row, an audit event and an outbox event in one transaction.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_hook.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::cases {

struct CreateRequest {
  std::string itemCode;
  json::object form;
  bool submit = false;
  std::string priority = "normal";  // normal | care
  //! A liaison or window officer applying for the person at their desk: the person's account,
  //! and their consent confirmed with the code they read out (identity/persons.h), used up here.
  std::optional<int64_t> onBehalfOf;
  std::optional<int64_t> consentId;
  //! The application is for a family member verified without an account of their own (a
  //! persons record the applicant may name), not for the applicant.
  std::optional<int64_t> personId;
  //! Runs in the creating transaction once the case row exists (before a `submit`): its error
  //! refuses the whole creation, and what it writes commits with it (the record of a step taken
  //! under a power of attorney).
  std::function<Status(db::Transaction&, const db::CaseRow&)> alsoInTx;
  std::string idempotencyKey;  // empty: none
  std::string requestHash;     // of the request body, to detect a reused key
};

//! The answer to a create: replayed as-is for a retried request with the same
//! Idempotency-Key. `created` is false when an earlier request with the key already created it.
struct Answer {
  json::object body;
  bool created = true;
  bool replayed = false;
};

struct QueueRequest {
  std::optional<int64_t> unitId;
  std::optional<std::string> state;
  bool overdueOnly = false;
  std::optional<std::string> priority;
  std::string text;      // search words ("" = none)
  std::string assignee;  // "" anyone | "me" | "none" | a user id
  std::string sort;      // "" or "deadline" | "oldest" | "newest" | "updated"
  int limit = 50;
  int offset = 0;
};

//! One page of the queue; `more` when further cases match.
struct QueuePage {
  json::array cases;
  bool more = false;
};

class CaseService {
 public:
  //! `calendarOffsetMinutes`: the legal clock's zone (China Standard Time, +480).
  CaseService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
              int calendarOffsetMinutes = 480);

  //! Creates a draft, or a submitted case when req.submit; instant/auto items are then decided
  //! by their rules in the same transaction.
  Result<Answer> create(const Actor& actor, const CreateRequest& req);
  //! Applies a workflow action ("submit", "accept", "approve", …). NotFound if the actor may not
  //! see the case, PermissionDenied if their role may not take the action, Conflict if the state
  //! does not allow it or `expectedVersion` is stale. `alsoInTx`, when given, runs in the same
  //! transaction just before the action (e.g. checking a pickup code for `deliver`): its error
  //! refuses the action, and what it writes commits with it.
  Result<json::object> transition(
      const Actor& actor, int64_t caseId, const std::string& action, const std::string& note,
      std::optional<int64_t> expectedVersion, const std::string& idempotencyKey = "",
      const std::string& requestHash = "",
      std::function<Status(db::Transaction&, const db::CaseRow&)> alsoInTx = nullptr);
  //! Replaces a draft's form (partial forms allowed until submission).
  Result<json::object> updateDraft(const Actor& actor, int64_t caseId, const json::object& form);
  //! One case with its timeline, documents and the actions open to the caller. Reads by anyone
  //! but the applicant are audited.
  Result<json::object> get(const Actor& actor, int64_t caseId);
  //! Staff find a case by the number a person reads out or shows (a liaison officer at the desk
  //! collecting a fee or handing a result over): {id, case_no} if the caller may see it, else
  //! NotFound. Spaces are ignored and letters may be typed in lower case.
  Result<json::object> findByNumber(const Actor& actor, const std::string& number);
  //! The caller's own cases, newest first.
  Result<json::array> mine(const Actor& actor, int limit);
  //! Staff queue of the caller's unit and the units below it.
  Result<QueuePage> queue(const Actor& actor, const QueueRequest& req);
  //! Gives the case to `assigneeId` (nullopt: nobody). Officers take a case for themselves or
  //! give it back; supervisors (and administrators) assign any officer or supervisor of the
  //! case's unit. Audited; the answer is the case as the caller sees it.
  Result<json::object> assign(const Actor& actor, int64_t caseId, std::optional<int64_t> assigneeId,
                              std::optional<int64_t> expectedVersion);
  //! Who the case can be assigned to: the enabled officers and supervisors of its unit.
  Result<json::array> assignable(const Actor& actor, int64_t caseId);
  //! Marks a case urgent (a reason is required), for care (elderly, disabled), or normal again.
  //! Urgent cases lead every queue. Audited with the reason and written to the timeline.
  Result<json::object> setPriority(const Actor& actor, int64_t caseId, const std::string& priority,
                                   const std::string& reason,
                                   std::optional<int64_t> expectedVersion);

  //! The applicant rates the service once the case is decided (1..5 and an optional comment).
  Result<json::object> rate(const Actor& actor, int64_t caseId, int score,
                            const std::string& comment);
  Date today() const;

  //! Lets another module take part in transitions and views (case_hook.h). Call before serving;
  //! the hook must outlive the service. Hooks run in the order they were added.
  void addHook(CaseHook* hook) { hooks_.push_back(hook); }

 private:
  struct Step {
    std::string action;
    std::string note;
  };
  //! The case `actor` may see, for a change: NotFound if they may not see it, Conflict if
  //! `expectedVersion` is given and stale (someone changed it since the caller loaded it).
  Result<db::CaseRow> loadForChange(db::Transaction& tx, const Actor& actor, int64_t caseId,
                                    std::optional<int64_t> expectedVersion) const;
  Status apply(db::Transaction& tx, const Actor& actor, db::CaseRow& c, const std::string& action,
               const std::string& note, const catalog::Item& item);
  Status runRules(db::Transaction& tx, const Actor& actor, db::CaseRow& c,
                  const catalog::Item& item);
  Status checkSubmittable(db::Transaction& tx, const db::CaseRow& c, const catalog::Item& item,
                          const db::UserRow& applicant);
  json::object view(db::Transaction& tx, const Actor& actor, const db::CaseRow& c, bool full) const;

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  int offsetMinutes_;
  std::vector<CaseHook*> hooks_;
};

}  // namespace tongban::cases

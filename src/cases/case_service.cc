#include "cases/case_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"
#include "common/text.h"

namespace tongban::cases {

using workflow::Effect;
using workflow::StateKind;

CaseService::CaseService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                         int calendarOffsetMinutes)
    : db_(db), clock_(clock), ref_(ref), offsetMinutes_(calendarOffsetMinutes) {}

namespace {
bool IsRateable(const std::string& state) {
  return state == "approved" || state == "rejected" || state == "issued" || state == "delivered" ||
         state == "closed";
}
}  // namespace

Result<json::object> CaseService::rate(const Actor& actor, int64_t caseId, int score,
                                       const std::string& comment) {
  FieldErrors errors;
  if (score < 1 || score > 5) errors["score"] = {"range", "must be 1 to 5"};
  if (comment.size() > 1000) errors["comment"] = {"too_long", "must be at most 1000 bytes"};
  if (!errors.empty()) return Status::InvalidArgument("invalid rating", errors);
  json::object out;
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    if (!actor.userId || c.applicantId != *actor.userId)
      return Status::PermissionDenied("only the applicant rates the service");
    if (!IsRateable(c.state)) return Status::Conflict("the case is not finished yet");
    TimePoint now = clock_.now();
    TB_RETURN_IF_ERROR(tx.cases().insertRating({c.id, c.applicantId, score, comment, now}));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, now, "case.rate", "case", std::to_string(c.id), c.applicantId, {{"score", score}})));
    TB_RETURN_IF_ERROR(
        tx.outbox().append({0, now, "case.rated",
                            json::serialize(json::object{
                                {"case_id", c.id}, {"unit_id", c.unitId}, {"score", score}})}));
    out = view(tx, actor, c, true);
    return Status::Ok();
  });
  if (s.code() == StatusCode::kConflict && s.message().find("constraint") != std::string::npos)
    return Status::Conflict("this case has already been rated");
  TB_RETURN_IF_ERROR(s);
  return out;
}

Date CaseService::today() const { return LocalDate(clock_.now(), offsetMinutes_); }

namespace {

//! "TB-2026-7K3M9Q2X": year plus 8 random Crockford base-32 characters; unguessable and easy
//! to read out over the phone.
std::string NewCaseNo(Date today) {
  static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  // Raw bytes: 256 is a multiple of 32, so every character is equally likely. (Drawing from
  // RandomToken's base64 text, as before, never gave 0, V, W, X or Y and fewer bits per character.)
  std::string raw = crypto::RandomBytes(8);
  std::string code;
  for (size_t i = 0; i < 8; ++i) code += kAlphabet[static_cast<unsigned char>(raw[i]) % 32];
  return "TB-" + FormatDate(today).substr(0, 4) + "-" + code;
}

}  // namespace

Status CaseService::checkSubmittable(db::Transaction& tx, const db::CaseRow& c,
                                     const catalog::Item& item, const db::UserRow& applicant) {
  FieldErrors errors;
  auto form = ParseJsonObject(c.formJson);
  if (!form.ok()) return Status::Internal("stored form is not JSON");
  auto valid = catalog::Catalog::ValidateForm(item, *form, true);
  if (!valid.ok()) errors = valid.status().fields();
  bool ruled = item.mode == catalog::Mode::kInstant || item.mode == catalog::Mode::kAuto;
  if (!ruled) {
    // Review items need their documents and assurance up front; instant/auto items leave
    // those to their rules, which send a failing case to an officer instead.
    TB_ASSIGN_OR_RETURN(auto docs, tx.documents().byCase(c.id));
    for (const auto& req : item.documents) {
      if (!req.required) continue;
      bool present =
          std::any_of(docs.begin(), docs.end(), [&](auto& d) { return d.docType == req.type; });
      if (!present)
        errors["documents." + req.type] = {"required", "this document must be uploaded"};
    }
    if (item.assurance == "verified" && applicant.assurance != "verified")
      errors["assurance"] = {"verification_required",
                             "this item needs an identity verified in a video session"};
  }
  if (!errors.empty()) return Status::InvalidArgument("the application is not complete", errors);
  return Status::Ok();
}

Status CaseService::apply(db::Transaction& tx, const Actor& actor, db::CaseRow& c,
                          const std::string& action, const std::string& note,
                          const catalog::Item& item) {
  auto ref = ref_.get();
  const workflow::Workflow* wf = ref->workflows.get(c.workflow);
  if (!wf) return Status::Internal("case " + c.caseNo + " has unknown workflow " + c.workflow);
  const workflow::Transition* t = wf->find(action, c.state);
  if (!t) {
    bool known = std::any_of(wf->transitions().begin(), wf->transitions().end(),
                             [&](const auto& tr) { return tr.action == action; });
    if (!known) return Status::InvalidField("action", "unknown", "unknown action '" + action + "'");
    return Status::Conflict("a case that is " + c.state + " cannot be given '" + action + "'");
  }
  if (!t->allows(actor.role))
    return Status::PermissionDenied("your role may not " + action + " this case");
  // Staff submit only the applications they prepared at their desk, never someone's own draft.
  if (action == "submit" && !access::IsApplicant(actor) &&
      (!actor.userId || c.submittedById != *actor.userId))
    return Status::PermissionDenied("only the person or the officer who prepared it submits it");
  if (note.size() > 2000)
    return Status::InvalidField("note", "too_long", "must be at most 2000 bytes");
  if (t->noteRequired && note.empty()) return Status::InvalidField("note", "required", "say why");
  for (CaseHook* hook : hooks_) TB_RETURN_IF_ERROR(hook->before(tx, actor, c, item, action, t->to));

  TimePoint now = clock_.now();
  Date day = today();
  std::string from = c.state;
  c.state = t->to;
  if (t->has(Effect::kStartClock)) {
    c.acceptedAt = now;
    if (item.timeLimitDays > 0) c.deadline = ref->calendar.addWorkingDays(day, item.timeLimitDays);
    for (CaseHook* hook : hooks_) TB_RETURN_IF_ERROR(hook->clockStarted(tx, c, item));
  }
  if (t->has(Effect::kPauseClock)) {
    c.pausedSince = day;
    c.supplementDue = day + std::chrono::days(std::max(1, item.submissionWindowDays));
  }
  if (t->has(Effect::kResumeClock) && c.pausedSince) {
    // Working days spent waiting for the applicant do not count against the legal limit.
    if (c.deadline) {
      int waited = ref->calendar.workingDaysBetween(*c.pausedSince, day);
      c.deadline = ref->calendar.addWorkingDays(*c.deadline, waited);
    }
    c.pausedSince.reset();
    c.supplementDue.reset();
  }
  if (t->has(Effect::kStopClock)) {
    c.pausedSince.reset();
    c.supplementDue.reset();
  }
  if (action == "submit") c.submittedAt = now;
  if ((action == "approve" || action == "reject") && !note.empty()) c.decisionNote = note;
  if (access::DecidesCases(actor) && !c.assigneeId) c.assigneeId = actor.userId;
  c.updatedAt = now;
  c.version += 1;
  TB_RETURN_IF_ERROR(tx.cases().update(c));

  db::HistoryRow h;
  h.caseId = c.id;
  h.at = c.updatedAt;
  h.fromState = from;
  h.toState = c.state;
  h.action = action;
  h.actorId = actor.userId;
  h.actorRole = actor.role;
  h.unitId = c.unitId;
  h.note = note;
  h.mandateId = actor.mandateId();
  TB_RETURN_IF_ERROR(tx.cases().appendHistory(h));
  TB_RETURN_IF_ERROR(
      tx.audit().append(audit::Event(actor, now, "case." + action, "case", std::to_string(c.id),
                                     c.applicantId, {{"from", from}, {"to", c.state}})));
  json::object event{{"case_id", c.id},
                     {"case_no", c.caseNo},
                     {"applicant_id", c.applicantId},
                     {"item_code", c.itemCode},
                     {"from", from},
                     {"to", c.state},
                     {"action", action},
                     {"unit_id", c.unitId},
                     {"actor_role", actor.role},
                     {"notify", t->has(Effect::kNotifyApplicant)}};
  TB_RETURN_IF_ERROR(
      tx.outbox().append({0, c.updatedAt, "case.state_changed", json::serialize(event)}));
  for (CaseHook* hook : hooks_) TB_RETURN_IF_ERROR(hook->after(tx, actor, c, item, action, from));
  return Status::Ok();
}

Status CaseService::runRules(db::Transaction& tx, const Actor& actor, db::CaseRow& c,
                             const catalog::Item& item) {
  // Rules of instant/auto items. Each is named so the case records which decided it.
  TB_ASSIGN_OR_RETURN(auto docs, tx.documents().byCase(c.id));
  TB_ASSIGN_OR_RETURN(db::UserRow applicant, tx.users().byId(c.applicantId));
  std::vector<std::string> failed;
  for (const auto& req : item.documents) {
    if (!req.required) continue;
    if (std::none_of(docs.begin(), docs.end(), [&](auto& d) { return d.docType == req.type; })) {
      failed.push_back("documents_present");
      break;
    }
  }
  if (item.assurance == "verified" && applicant.assurance != "verified")
    failed.push_back("assurance_met");

  Actor system = actor;
  system.userId.reset();
  system.role = "system";
  if (!failed.empty()) {
    std::string names;
    for (const auto& f : failed) names += (names.empty() ? "" : ",") + f;
    c.decidedRule = "failed:" + names + " -> officer review";
    c.updatedAt = clock_.now();
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.cases().update(c));
    return tx.audit().append(audit::Event(system, clock_.now(), "case.rules_evaluated", "case",
                                          std::to_string(c.id), c.applicantId,
                                          {{"outcome", "manual"}, {"failed", names}}));
  }
  c.decidedRule = "passed:form_valid,documents_present,assurance_met";
  std::string note = std::string("decided by rules (") + catalog::ModeName(item.mode) + ")";
  TB_RETURN_IF_ERROR(apply(tx, system, c, "accept", note, item));
  TB_RETURN_IF_ERROR(apply(tx, system, c, "start_review", note, item));
  TB_RETURN_IF_ERROR(apply(tx, system, c, "approve", note, item));
  bool electronic =
      std::find(item.delivery.begin(), item.delivery.end(), "electronic") != item.delivery.end();
  if (item.mode == catalog::Mode::kInstant && electronic) {
    // A hook may hold the result back (an unpaid fine): the case then waits, approved, for an
    // officer to issue it once that is settled, instead of failing the application.
    const workflow::Workflow* wf = ref_.get()->workflows.get(c.workflow);
    const workflow::Transition* issue = wf ? wf->find("issue", c.state) : nullptr;
    bool held = false;
    for (CaseHook* hook : hooks_)
      held = held || (issue && !hook->before(tx, system, c, item, "issue", issue->to).ok());
    if (!held) TB_RETURN_IF_ERROR(apply(tx, system, c, "issue", "issued on the spot", item));
  }
  return Status::Ok();
}

namespace {

//! The answer stored for (user, Idempotency-Key): nullopt when the key is new; InvalidArgument
//! when it was used for a different request. One rule for every idempotent write.
Result<std::optional<db::IdempotencyRow>> Replay(db::Transaction& tx, int64_t userId,
                                                 const std::string& key,
                                                 const std::string& requestHash) {
  auto prior = tx.idempotency().get(userId, key);
  if (prior.status().IsNotFound()) return std::optional<db::IdempotencyRow>();
  if (!prior.ok()) return prior.status();
  if (prior->requestHash != requestHash)
    return Status::InvalidField("Idempotency-Key", "reused",
                                "was already used for a different request");
  return std::optional<db::IdempotencyRow>(std::move(*prior));
}

//! Idempotency rows keep the kind of the first answer in the numbers HTTP gives them (rows
//! written before this rule hold the same values).
constexpr int kStoredCreated = 201;
constexpr int kStoredOk = 200;

}  // namespace

Result<Answer> CaseService::create(const Actor& actor, const CreateRequest& req) {
  auto ref = ref_.get();
  const catalog::Item* item = ref->catalog->item(req.itemCode);
  if (!item) return Status::InvalidField("item_code", "unknown", "no such item in the catalogue");
  if (item->kind == "query")
    return Status::InvalidField("item_code", "query_item",
                                "query items are looked up, not applied for");
  if (req.priority != "normal" && req.priority != "care")
    return Status::InvalidField("priority", "option", "must be normal or care");
  int64_t applicantId = 0;
  bool assisted = false;
  if (access::IsApplicant(actor)) {
    if (req.onBehalfOf)
      return Status::InvalidField("on_behalf_of", "forbidden", "applicants apply for themselves");
    if (req.consentId)
      return Status::InvalidField("consent_id", "forbidden", "applicants apply for themselves");
    applicantId = *actor.userId;
    // A grantee acting under a power of attorney applies in the grantor's name.
    if (actor.proxy) {
      if (!access::ProxyMayApply(actor, item->code))
        return Status::PermissionDenied("your authorisation does not cover applying for this");
      applicantId = actor.proxy->principalId;
    }
  } else if (access::IsLiaison(actor) || access::DecidesCases(actor)) {
    // Assisted submission: the person is at the desk and consented with a one-time code.
    if (!req.onBehalfOf)
      return Status::InvalidField("on_behalf_of", "required", "whom is this application for?");
    if (!req.consentId)
      return Status::InvalidField("consent_id", "required",
                                  "the person's consent is needed: send them a code first");
    if (req.personId)
      return Status::InvalidField("person_id", "forbidden",
                                  "an assisted application is for the person at the desk");
    applicantId = *req.onBehalfOf;
    assisted = true;
  } else {
    return Status::PermissionDenied("only applicants, liaison and window officers apply");
  }
  TB_ASSIGN_OR_RETURN(json::object form,
                      catalog::Catalog::ValidateForm(*item, req.form, req.submit));
  const db::UnitRow* unit = ref->units->byCode(item->owner);
  if (!unit) return Status::Internal("item owner unit missing");

  Answer answer;
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    if (!req.idempotencyKey.empty()) {
      TB_ASSIGN_OR_RETURN(auto prior,
                          Replay(tx, *actor.userId, req.idempotencyKey, req.requestHash));
      if (prior) {
        TB_ASSIGN_OR_RETURN(answer.body, ParseJsonObject(prior->body));
        answer.created = prior->status == kStoredCreated;
        answer.replayed = true;
        return Status::Ok();
      }
    }
    auto applicant = tx.users().byId(applicantId);
    if (!applicant.ok() || access::ParseRole(applicant->role) != access::Role::kApplicant)
      return Status::InvalidField("on_behalf_of", "unknown", "no such applicant");
    TimePoint now = clock_.now();
    db::CaseRow c;
    c.caseNo = NewCaseNo(today());
    c.itemCode = item->code;
    c.workflow = item->workflow;
    c.applicantId = applicantId;
    c.submittedById = *actor.userId;
    c.unitId = unit->id;
    c.state = ref->workflows.get(item->workflow)->initial();
    c.priority = req.priority;
    c.formJson = json::serialize(form);
    c.createdAt = c.updatedAt = now;
    c.version = 1;
    TB_ASSIGN_OR_RETURN(c.id, tx.cases().insert(c));
    if (req.alsoInTx) TB_RETURN_IF_ERROR(req.alsoInTx(tx, c));
    if (assisted) {
      // The consent must be this officer's, for this person and item, confirmed and unused.
      auto consent = tx.assistConsents().byId(*req.consentId);
      if (!consent.ok() || consent->officerId != *actor.userId ||
          consent->applicantId != applicantId)
        return Status::InvalidField("consent_id", "unknown", "no such consent for this person");
      if (consent->itemCode != item->code)
        return Status::InvalidField("consent_id", "other_item",
                                    "the person consented to another service");
      if (consent->status == "used")
        return Status::InvalidField("consent_id", "used", "this consent was already used");
      if (consent->status != "confirmed" || !consent->confirmedAt)
        return Status::InvalidField("consent_id", "not_confirmed",
                                    "type the code the person read out first");
      if (now > *consent->confirmedAt + std::chrono::hours(1))
        return Status::InvalidField("consent_id", "expired",
                                    "the consent is more than an hour old; ask again");
      consent->status = "used";
      consent->caseId = c.id;
      TB_RETURN_IF_ERROR(tx.assistConsents().update(*consent));
    }
    if (req.personId) {
      if (!tx.persons().linkOf(applicantId, *req.personId).ok())
        return Status::InvalidField("person_id", "unknown",
                                    "not a family member verified in your video checks");
      TB_RETURN_IF_ERROR(tx.persons().setPersonOfCase(c.id, *req.personId));
    }
    TB_RETURN_IF_ERROR(
        tx.cases().appendHistory({0, c.id, c.createdAt, "", c.state, "create", actor.userId,
                                  actor.role, c.unitId, "", actor.mandateId()}));
    json::object auditDetail{{"item", c.itemCode}};
    if (assisted) auditDetail["consent_id"] = *req.consentId;
    if (req.personId) auditDetail["person_id"] = *req.personId;
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, now, assisted ? "assist.case_create" : "case.create",
                                       "case", std::to_string(c.id), c.applicantId, auditDetail)));
    if (assisted) {
      // The person gets a copy of what was submitted in their name, and by whom.
      auto officer = tx.users().byId(*actor.userId);
      TB_RETURN_IF_ERROR(tx.outbox().append(
          {0, now, "case.assisted",
           json::serialize(json::object{{"case_id", c.id},
                                        {"case_no", c.caseNo},
                                        {"applicant_id", c.applicantId},
                                        {"item_code", c.itemCode},
                                        {"officer", officer.ok() ? officer->displayName : ""},
                                        {"unit_id", actor.unitId.value_or(0)}})}));
    }
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, c.createdAt, "case.created",
         json::serialize(json::object{
             {"case_id", c.id}, {"applicant_id", c.applicantId}, {"item_code", c.itemCode}})}));
    if (req.submit) {
      TB_RETURN_IF_ERROR(checkSubmittable(tx, c, *item, *applicant));
      TB_RETURN_IF_ERROR(apply(tx, actor, c, "submit", "", *item));
      if (item->mode == catalog::Mode::kInstant || item->mode == catalog::Mode::kAuto)
        TB_RETURN_IF_ERROR(runRules(tx, actor, c, *item));
    }
    answer.created = true;
    answer.body = view(tx, actor, c, true);
    if (!req.idempotencyKey.empty())
      TB_RETURN_IF_ERROR(tx.idempotency().put({*actor.userId, req.idempotencyKey, req.requestHash,
                                               kStoredCreated, json::serialize(answer.body), now}));
    return Status::Ok();
  });
  if (s.code() == StatusCode::kConflict && s.message().find("case_no") != std::string::npos)
    return create(actor, req);  // a case number collided (about one in 10^12): draw another
  TB_RETURN_IF_ERROR(s);
  return answer;
}

Result<db::CaseRow> CaseService::loadForChange(db::Transaction& tx, const Actor& actor,
                                               int64_t caseId,
                                               std::optional<int64_t> expectedVersion) const {
  TB_ASSIGN_OR_RETURN(db::CaseRow c,
                      access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
  if (expectedVersion && *expectedVersion != c.version)
    return Status::Conflict("the case changed since you loaded it; reload and try again");
  return c;
}

Result<json::object> CaseService::transition(
    const Actor& actor, int64_t caseId, const std::string& action, const std::string& note,
    std::optional<int64_t> expectedVersion, const std::string& idempotencyKey,
    const std::string& requestHash,
    std::function<Status(db::Transaction&, const db::CaseRow&)> alsoInTx) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    if (!idempotencyKey.empty() && actor.userId) {
      TB_ASSIGN_OR_RETURN(auto prior, Replay(tx, *actor.userId, idempotencyKey, requestHash));
      if (prior) {
        TB_ASSIGN_OR_RETURN(out, ParseJsonObject(prior->body));
        return Status::Ok();
      }
    }
    TB_ASSIGN_OR_RETURN(db::CaseRow c, loadForChange(tx, actor, caseId, expectedVersion));
    auto ref = ref_.get();
    const catalog::Item* item = ref->catalog->item(c.itemCode);
    if (!item) return Status::Internal("case item " + c.itemCode + " left the catalogue");
    if (action == "submit") {
      // Staff submit only the applications they prepared at their desk, never someone's own
      // draft (asked before what the draft lacks, which is none of their business).
      if (!access::IsApplicant(actor) && (!actor.userId || c.submittedById != *actor.userId))
        return Status::PermissionDenied(
            "only the person or the officer who prepared it submits it");
      TB_ASSIGN_OR_RETURN(db::UserRow applicant, tx.users().byId(c.applicantId));
      TB_RETURN_IF_ERROR(checkSubmittable(tx, c, *item, applicant));
    }
    if (alsoInTx) TB_RETURN_IF_ERROR(alsoInTx(tx, c));
    TB_RETURN_IF_ERROR(apply(tx, actor, c, action, note, *item));
    if (action == "submit" &&
        (item->mode == catalog::Mode::kInstant || item->mode == catalog::Mode::kAuto))
      TB_RETURN_IF_ERROR(runRules(tx, actor, c, *item));
    out = view(tx, actor, c, true);
    if (!idempotencyKey.empty() && actor.userId)
      TB_RETURN_IF_ERROR(tx.idempotency().put({*actor.userId, idempotencyKey, requestHash,
                                               kStoredOk, json::serialize(out), clock_.now()}));
    return Status::Ok();
  }));
  return out;
}

Result<json::object> CaseService::updateDraft(const Actor& actor, int64_t caseId,
                                              const json::object& form) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    if (c.state != "draft") return Status::Conflict("only drafts can be edited");
    if (actor.userId != c.submittedById)
      return Status::PermissionDenied("only the author edits a draft");
    const catalog::Item* item = ref_.get()->catalog->item(c.itemCode);
    if (!item) return Status::Internal("case item left the catalogue");
    TB_ASSIGN_OR_RETURN(json::object clean, catalog::Catalog::ValidateForm(*item, form, false));
    c.formJson = json::serialize(clean);
    c.updatedAt = clock_.now();
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.cases().update(c));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, clock_.now(), "case.edit_draft", "case", std::to_string(c.id), c.applicantId)));
    out = view(tx, actor, c, true);
    return Status::Ok();
  }));
  return out;
}

json::object CaseService::view(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                               bool full) const {
  auto ref = ref_.get();
  const catalog::Item* item = ref->catalog->item(c.itemCode);
  const workflow::Workflow* wf = ref->workflows.get(c.workflow);
  const db::UnitRow* unit = ref->units->byId(c.unitId);
  Date day = today();
  json::object o;
  o["id"] = c.id;
  o["case_no"] = c.caseNo;
  json::object itemJson{{"code", c.itemCode}};
  if (item) {
    itemJson["name"] = item->name.ToJson();
    itemJson["mode"] = catalog::ModeName(item->mode);
    itemJson["time_limit_days"] = item->timeLimitDays;
  }
  o["item"] = std::move(itemJson);
  o["state"] = c.state;
  o["priority"] = c.priority;
  o["version"] = c.version;
  o["applicant_id"] = c.applicantId;
  if (unit)
    o["unit"] = {{"id", unit->id},
                 {"code", unit->code},
                 {"name", catalog::UnitDirectory::Name(*unit)},
                 {"timezone", unit->timezone}};
  o["created_at"] = TimeJson(c.createdAt);
  o["updated_at"] = TimeJson(c.updatedAt);
  o["submitted_at"] = TimeJson(c.submittedAt);
  o["accepted_at"] = TimeJson(c.acceptedAt);
  o["deadline"] = DateJson(c.deadline);
  o["paused_since"] = DateJson(c.pausedSince);
  o["supplement_due"] = DateJson(c.supplementDue);
  bool open =
      wf && (wf->kind(c.state) == StateKind::kActive || wf->kind(c.state) == StateKind::kWaiting);
  bool overdue = false;
  if (open && c.deadline && !c.pausedSince) {
    Date d = *c.deadline;
    overdue = d < day;
    o["working_days_left"] = d >= day ? ref->calendar.workingDaysBetween(day, d)
                                      : -ref->calendar.workingDaysBetween(d, day);
  }
  o["overdue"] = overdue;
  o["decided_rule"] = c.decidedRule;
  o["decision_note"] = c.decisionNote;
  for (CaseHook* hook : hooks_) hook->summarize(tx, actor, c, o);

  // Who must act next: the workflow says which party or role holds each state (the applicant
  // while the case waits for them, a supervisor while it waits for a countersignature, …).
  // Staff read the names of the officers involved; the applicant reads the unit and the officer.
  bool staffViewer = access::WorksCases(actor);
  std::optional<db::UserRow> assignee;
  if (c.assigneeId) {
    auto a = tx.users().byId(*c.assigneeId);
    if (a.ok()) assignee = std::move(*a);
  }
  json::object holder;
  std::string holderRole = wf ? wf->holder(c.state) : "";
  holder["since"] = TimeJson(c.updatedAt);
  if (holderRole == "applicant") {
    holder["party"] = "applicant";
  } else if (!holderRole.empty()) {
    holder["party"] = "unit";
    holder["role"] = holderRole;
    if (unit) holder["unit"] = catalog::UnitDirectory::Name(*unit);
    // The assigned officer holds the officer's steps; a countersignature is any supervisor's.
    if (assignee && holderRole == "officer") {
      holder["officer"] = assignee->displayName;
      if (staffViewer) holder["officer_id"] = assignee->id;
    }
  } else {
    holder["party"] = "none";
  }
  o["holder"] = std::move(holder);
  if (staffViewer)
    o["assignee"] =
        assignee
            ? json::value(json::object{
                  {"id", assignee->id}, {"name", assignee->displayName}, {"role", assignee->role}})
            : json::value(nullptr);

  auto rating = tx.cases().rating(c.id);
  o["rating"] =
      rating.ok()
          ? json::value(json::object{{"score", rating->score}, {"comment", rating->comment}})
          : json::value(nullptr);
  o["can_rate"] =
      !rating.ok() && IsRateable(c.state) && actor.userId && *actor.userId == c.applicantId;

  json::array actions;
  json::array details;  // what each open action does, for confirmations and note hints
  if (wf && access::CanSeeCase(*ref->units, actor, c))
    for (const auto* t : wf->available(c.state, actor.role)) {
      actions.emplace_back(t->action);
      json::object d{
          {"action", t->action},
          {"to", t->to},
          {"note_required", t->noteRequired},
          {"notifies_applicant", t->has(Effect::kNotifyApplicant)},
          {"final", wf->kind(t->to) == StateKind::kDone || wf->kind(t->to) == StateKind::kFinal}};
      // What would refuse the action now (an unpaid fee before `issue`), so the page can say
      // what must happen first instead of offering a button that fails.
      if (item)
        for (CaseHook* hook : hooks_) {
          Status why = hook->before(tx, actor, c, *item, t->action, t->to);
          if (why.ok()) continue;
          json::object fields;
          for (const auto& [name, err] : why.fields())
            fields[name] = {{"code", err.code}, {"message", err.message}};
          d["blocked"] = {{"message", why.message()}, {"fields", std::move(fields)}};
          break;
        }
      details.push_back(std::move(d));
    }
  o["actions"] = std::move(actions);
  o["action_details"] = std::move(details);

  if (full) {
    auto form = ParseJsonObject(c.formJson);
    o["form"] = form.ok() ? json::value(std::move(*form)) : json::value(json::object());
    if (staffViewer) {
      auto applicant = tx.users().byId(c.applicantId);
      if (applicant.ok()) o["applicant_name"] = applicant->displayName;
    }
    json::array timeline;
    auto hist = tx.cases().history(c.id);
    if (hist.ok()) {
      for (const auto& h : *hist) {
        json::object e{{"at", TimeJson(h.at)}, {"from", h.fromState},       {"to", h.toState},
                       {"action", h.action},   {"actor_role", h.actorRole}, {"note", h.note}};
        e["by_you"] = actor.userId && h.actorId && *h.actorId == *actor.userId;
        // A step a grantee took under a power of attorney names them and the mandate, so the
        // grantor reads "by <grantee> for you under authorisation #n".
        if (h.mandateId) {
          json::object proxy{{"mandate_id", *h.mandateId}};
          if (h.actorId)
            if (auto who = tx.users().byId(*h.actorId); who.ok()) proxy["name"] = who->displayName;
          e["proxy"] = std::move(proxy);
        }
        // Staff see which colleague took a step; the applicant sees roles only.
        if (staffViewer && h.actorId && h.actorRole != "applicant") {
          auto who = tx.users().byId(*h.actorId);
          if (who.ok()) e["actor_name"] = who->displayName;
        }
        if (h.unitId)
          if (const auto* u = ref->units->byId(*h.unitId))
            e["unit"] = catalog::UnitDirectory::Name(*u);
        timeline.push_back(std::move(e));
      }
    }
    o["timeline"] = std::move(timeline);
    json::array docs;
    auto d = tx.documents().byCase(c.id);
    if (d.ok())
      for (const auto& doc : *d) {
        json::object j{{"id", doc.id},
                       {"type", doc.docType},
                       {"filename", doc.filename},
                       {"mime", doc.mime},
                       {"size", doc.size},
                       {"sha256", doc.sha256},
                       {"created_at", TimeJson(doc.createdAt)}};
        // The item's name for the document, in every language; types every item accepts
        // ("supplement", "other", "photo") are named by the front end.
        if (item)
          for (const auto& r : item->documents)
            if (r.type == doc.docType) j["name"] = r.name.ToJson();
        docs.push_back(std::move(j));
      }
    o["documents"] = std::move(docs);
    if (item) {
      json::array required;
      for (const auto& r : item->documents)
        required.push_back({{"type", r.type}, {"name", r.name.ToJson()}, {"required", r.required}});
      o["required_documents"] = std::move(required);
    }
    // Whom the application is for when it is not the account holder, and how an application
    // made at a desk was consented to.
    auto person = tx.persons().personOfCase(c.id);
    if (person.ok() && *person) {
      auto p = tx.persons().byId(**person);
      auto link = tx.persons().linkOf(c.applicantId, **person);
      if (p.ok())
        o["for_person"] = {{"id", p->id},
                           {"name", p->name},
                           {"name_latin", p->nameLatin},
                           {"birth_date", p->birthDate},
                           {"relationship", link.ok() ? link->relationship : ""},
                           {"verified_at", TimeJson(p->verifiedAt)}};
    }
    auto consent = tx.assistConsents().byCase(c.id);
    if (consent.ok() && *consent) {
      const auto& k = **consent;
      json::object a{{"method", k.method}, {"confirmed_at", TimeJson(k.confirmedAt)}};
      auto officer = tx.users().byId(k.officerId);
      if (officer.ok()) a["officer"] = officer->displayName;
      if (k.unitId)
        if (const auto* u = ref->units->byId(*k.unitId))
          a["unit"] = catalog::UnitDirectory::Name(*u);
      o["assisted"] = std::move(a);
    }
    if (item)
      for (CaseHook* hook : hooks_) hook->describe(tx, actor, c, *item, o);
  }
  return o;
}

Result<json::object> CaseService::findByNumber(const Actor& actor, const std::string& number) {
  if (!access::IsStaff(actor)) return Status::PermissionDenied("staff find cases by number");
  std::string caseNo;
  for (char ch : number)
    if (ch != ' ') caseNo += char(std::toupper(static_cast<unsigned char>(ch)));
  if (caseNo.empty()) return Status::InvalidField("number", "required", "type the case number");
  if (caseNo.size() > 40) return Status::InvalidField("number", "too_long", "not a case number");
  json::object out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto c = tx.cases().byCaseNo(caseNo);
    // The same rule as opening it (a liaison also sees the cases collected at their site).
    if (!c.ok() || !access::LoadVisibleCase(tx, *ref_.get()->units, actor, c->id).ok())
      return Status::NotFound("no case with this number that you may open");
    out = {{"id", c->id}, {"case_no", c->caseNo}};
    return Status::Ok();
  }));
  return out;
}

Result<json::object> CaseService::get(const Actor& actor, int64_t caseId) {
  json::object out;
  // The applicant reading their own case is not an access to someone else's data; anyone
  // else's read is audited in the same transaction that reads it.
  bool own = false;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    own = actor.userId && c.applicantId == *actor.userId;
    if (own) out = view(tx, actor, c, true);
    return Status::Ok();
  }));
  if (own) return out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    out = view(tx, actor, c, true);
    return tx.audit().append(audit::Event(actor, clock_.now(), "case.read", "case",
                                          std::to_string(c.id), c.applicantId));
  }));
  return out;
}

Result<json::array> CaseService::mine(const Actor& actor, int limit) {
  if (!actor.userId) return Status::Unauthenticated("not signed in");
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    std::vector<db::CaseRow> rows;
    if (access::IsApplicant(actor) && actor.proxy) {
      // Acting for someone: only their cases the mandate covers.
      TB_ASSIGN_OR_RETURN(auto all, tx.cases().byApplicant(actor.proxy->principalId, limit));
      for (auto& c : all)
        if (access::ProxyMay(actor, c, "read")) rows.push_back(std::move(c));
    } else if (access::IsApplicant(actor)) {
      TB_ASSIGN_OR_RETURN(rows, tx.cases().byApplicant(*actor.userId, limit));
    } else {
      return Status::PermissionDenied("staff use the queue");
    }
    for (const auto& c : rows) out.push_back(view(tx, actor, c, false));
    return Status::Ok();
  }));
  return out;
}

Result<QueuePage> CaseService::queue(const Actor& actor, const QueueRequest& req) {
  if (!access::WorksCases(actor)) return Status::PermissionDenied("the queue is for staff");
  auto ref = ref_.get();
  db::QueueFilter f;
  if (req.unitId) {
    if (!ref->units->byId(*req.unitId))
      return Status::InvalidField("unit", "unknown", "no such unit");
    if (!access::InUnitScope(*ref->units, actor, *req.unitId))
      return Status::PermissionDenied("that unit is outside yours");
    f.unitIds = ref->units->subtree(*req.unitId);
  } else if (!access::IsAdmin(actor)) {
    if (!actor.unitId) return Status::PermissionDenied("you have no unit");
    f.unitIds = ref->units->subtree(*actor.unitId);
  }
  if (req.state) {
    bool known = false;
    for (const auto& s :
         {"draft", "submitted", "accepted", "in_review", "needs_supplement", "pending_second",
          "approved", "rejected", "issued", "delivered", "closed", "withdrawn"})
      known = known || *req.state == s;
    if (!known) return Status::InvalidField("state", "option", "unknown state");
    f.state = req.state;
  }
  if (req.priority && *req.priority != "normal" && *req.priority != "care" &&
      *req.priority != "urgent")
    return Status::InvalidField("priority", "option", "must be normal, care or urgent");
  using Sort = db::QueueFilter::Sort;
  if (req.sort.empty() || req.sort == "deadline")
    f.sort = Sort::kDeadline;
  else if (req.sort == "oldest")
    f.sort = Sort::kOldest;
  else if (req.sort == "newest")
    f.sort = Sort::kNewest;
  else if (req.sort == "updated")
    f.sort = Sort::kUpdated;
  else
    return Status::InvalidField("sort", "option", "must be deadline, oldest, newest or updated");
  if (req.assignee == "me") {
    f.assigneeId = actor.userId.value_or(-1);
  } else if (req.assignee == "none") {
    f.assigneeId = 0;
  } else if (!req.assignee.empty()) {
    int64_t id = 0;
    auto [p, ec] =
        std::from_chars(req.assignee.data(), req.assignee.data() + req.assignee.size(), id);
    if (ec != std::errc() || p != req.assignee.data() + req.assignee.size() || id < 1)
      return Status::InvalidField("assignee", "option", "must be me, none or a user id");
    f.assigneeId = id;
  }
  std::string text = text::Trim(req.text);
  if (text.size() > 100)
    return Status::InvalidField("q", "too_long", "must be at most 100 characters");
  if (!text.empty()) {
    // SQLite's lower() folds ASCII only, so the words are folded the same way here.
    std::string folded = text;
    for (char& ch : folded)
      if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
    f.text = folded;
    for (const auto* item : ref->catalog->search(text, "")) f.itemCodes.push_back(item->code);
  }
  f.activeStates = ref->workflows.openStates();
  f.activeStates.push_back("approved");
  f.activeStates.push_back("issued");
  f.overdueOnly = req.overdueOnly;
  f.today = today();
  f.priority = req.priority;
  f.limit = std::clamp(req.limit, 1, 200) + 1;  // one more tells whether another page exists
  f.offset = std::clamp(req.offset, 0, 100000);
  QueuePage page;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.cases().queue(f));
    if (int(rows.size()) == f.limit) {
      page.more = true;
      rows.pop_back();
    }
    for (const auto& c : rows) {
      json::object v = view(tx, actor, c, false);
      auto applicant = tx.users().byId(c.applicantId);
      if (applicant.ok()) v["applicant_name"] = applicant->displayName;
      page.cases.push_back(std::move(v));
    }
    json::object detail{{"count", rows.size()}};
    if (!text.empty()) detail["searched"] = true;  // what was searched is not kept
    return tx.audit().append(audit::Event(actor, clock_.now(), "queue.read", "queue",
                                          req.unitId ? std::to_string(*req.unitId) : "",
                                          std::nullopt, std::move(detail)));
  }));
  return page;
}

Result<json::object> CaseService::assign(const Actor& actor, int64_t caseId,
                                         std::optional<int64_t> assigneeId,
                                         std::optional<int64_t> expectedVersion) {
  if (!access::DecidesCases(actor) && !access::IsAdmin(actor))
    return Status::PermissionDenied("officers and supervisors assign cases");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c, loadForChange(tx, actor, caseId, expectedVersion));
    const workflow::Workflow* wf = ref_.get()->workflows.get(c.workflow);
    if (!wf || wf->holder(c.state).empty() || wf->kind(c.state) == StateKind::kDraft)
      return Status::Conflict("a case that is " + c.state + " is not assigned to anyone");
    bool supervising = access::Supervises(actor);
    if (!supervising) {
      // An officer takes a case for themselves or gives their own back.
      bool takes = assigneeId && *assigneeId == *actor.userId;
      bool givesBack = !assigneeId && c.assigneeId == actor.userId;
      if (!takes && !givesBack)
        return Status::PermissionDenied("officers take a case for themselves; ask a supervisor");
      if (takes && c.assigneeId && *c.assigneeId != *actor.userId)
        return Status::Conflict("this case is already assigned to a colleague");
    }
    std::string name;
    if (assigneeId) {
      auto u = tx.users().byId(*assigneeId);
      if (!u.ok() ||
          (access::ParseRole(u->role) != access::Role::kOfficer &&
           access::ParseRole(u->role) != access::Role::kSupervisor) ||
          u->disabled || !u->unitId || *u->unitId != c.unitId)
        return Status::InvalidField("user_id", "not_assignable",
                                    "choose an officer or supervisor of the case's unit");
      name = u->displayName;
    }
    TimePoint now = clock_.now();
    std::optional<int64_t> before = c.assigneeId;
    c.assigneeId = assigneeId;
    c.updatedAt = now;
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.cases().update(c));
    json::object detail{{"from", before ? json::value(*before) : json::value(nullptr)},
                        {"to", assigneeId ? json::value(*assigneeId) : json::value(nullptr)}};
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, now, "case.assign", "case", std::to_string(c.id),
                                       c.applicantId, std::move(detail))));
    out = view(tx, actor, c, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::array> CaseService::assignable(const Actor& actor, int64_t caseId) {
  if (!access::DecidesCases(actor) && !access::IsAdmin(actor))
    return Status::PermissionDenied("officers and supervisors assign cases");
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c,
                        access::LoadVisibleCase(tx, *ref_.get()->units, actor, caseId));
    TB_ASSIGN_OR_RETURN(auto users, tx.users().caseworkers({c.unitId}));
    for (const auto& u : users)
      out.push_back({{"id", u.id},
                     {"name", u.displayName},
                     {"role", u.role},
                     {"you", actor.userId && u.id == *actor.userId}});
    return Status::Ok();
  }));
  return out;
}

Result<json::object> CaseService::setPriority(const Actor& actor, int64_t caseId,
                                              const std::string& priority,
                                              const std::string& reason,
                                              std::optional<int64_t> expectedVersion) {
  if (!access::DecidesCases(actor))
    return Status::PermissionDenied("officers and supervisors set a case's priority");
  if (priority != "normal" && priority != "care" && priority != "urgent")
    return Status::InvalidField("priority", "option", "must be normal, care or urgent");
  if (reason.size() > 500)
    return Status::InvalidField("reason", "too_long", "must be at most 500 bytes");
  if (priority == "urgent" && text::Trim(reason).empty())
    return Status::InvalidField("reason", "required", "say why the case is urgent");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::CaseRow c, loadForChange(tx, actor, caseId, expectedVersion));
    const workflow::Workflow* wf = ref_.get()->workflows.get(c.workflow);
    if (!wf || wf->kind(c.state) == StateKind::kDraft || wf->holder(c.state).empty())
      return Status::Conflict("a case that is " + c.state + " has no priority to change");
    if (c.priority == priority) return Status::Conflict("the case already has that priority");
    TimePoint now = clock_.now();
    std::string before = c.priority;
    c.priority = priority;
    c.updatedAt = now;
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.cases().update(c));
    db::HistoryRow h;
    h.caseId = c.id;
    h.at = c.updatedAt;
    h.fromState = c.state;
    h.toState = c.state;
    h.action = "priority_" + priority;
    h.actorId = actor.userId;
    h.actorRole = actor.role;
    h.unitId = c.unitId;
    h.note = text::Trim(reason);
    TB_RETURN_IF_ERROR(tx.cases().appendHistory(h));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, now, "case.priority", "case", std::to_string(c.id),
                                       c.applicantId, {{"from", before}, {"to", priority}})));
    out = view(tx, actor, c, true);
    return Status::Ok();
  }));
  return out;
}

}  // namespace tongban::cases

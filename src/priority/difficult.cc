#include "priority/difficult.h"

#include "access/access.h"
#include "audit/audit.h"
#include "common/text.h"
#include "priority/case_facts.h"

namespace tongban::priority {

DifficultCaseService::DifficultCaseService(db::Database& db, const Clock& clock,
                                           const reference::ReferenceData& ref,
                                           DifficultOptions options)
    : db_(db), clock_(clock), ref_(ref), options_(options) {}

const db::UnitRow* DifficultCaseService::teamFor(const catalog::UnitDirectory& units,
                                                 int64_t unitId) const {
  for (std::optional<int64_t> at = unitId; at;) {
    for (const auto& u : units.all())
      if (u.kind == "special_team" && u.parentId && *u.parentId == *at) return &u;
    const db::UnitRow* row = units.byId(*at);
    at = row ? row->parentId : std::nullopt;
  }
  return nullptr;
}

json::array DifficultCaseService::notesJson(db::Transaction& tx, const Actor& actor,
                                            int64_t caseId) const {
  json::array out;
  auto notes = tx.difficultCases().notes(caseId);
  if (!notes.ok()) return out;
  auto ref = ref_.get();
  for (const auto& n : *notes) {
    json::object o{{"id", n.id}, {"at", TimeJson(n.at)}, {"body", n.body}};
    o["by_you"] = actor.userId && *actor.userId == n.authorId;
    auto who = tx.users().byId(n.authorId);
    if (who.ok()) {
      o["author"] = who->displayName;
      if (who->unitId) o["unit"] = UnitJson(*ref, *who->unitId);
    }
    out.push_back(std::move(o));
  }
  return out;
}

Result<json::object> DifficultCaseService::handOver(const Actor& actor, int64_t caseId,
                                                    const std::string& reason) {
  if (!access::DecidesCases(actor))
    return Status::PermissionDenied("officers and supervisors hand cases to the team");
  std::string why = text::Trim(reason);
  if (why.empty()) return Status::InvalidField("reason", "required", "say what makes it difficult");
  if (why.size() > 1000)
    return Status::InvalidField("reason", "too_long", "must be at most 1000 bytes");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    // The case's own unit hands it over; the team (which sees it only once handed) does not.
    if (!access::CanSeeCase(*ref->units, actor, c))
      return Status::PermissionDenied("the case's own unit hands it over");
    if (!Open(*ref, c) || c.state == "draft")
      return Status::Conflict("only a case being handled can be handed to the team");
    if (tx.difficultCases().byCase(c.id).ok())
      return Status::Conflict("the case is already with the difficult-case team");
    const db::UnitRow* team = teamFor(*ref->units, c.unitId);
    if (!team) return Status::Conflict("no difficult-case team serves this unit");
    TimePoint now = clock_.now();
    db::DifficultCaseRow d;
    d.caseId = c.id;
    d.teamUnitId = team->id;
    d.fromUnitId = c.unitId;
    d.reason = why;
    d.handedBy = *actor.userId;
    d.handedAt = now;
    d.due = ref->calendar.addWorkingDays(LocalDate(now, options_.calendarOffsetMinutes),
                                         options_.teamDays);
    TB_ASSIGN_OR_RETURN(d.id, tx.difficultCases().insert(d));
    // The timeline says who has the case, without the reason (the applicant reads it).
    db::HistoryRow h;
    h.caseId = c.id;
    h.at = now;
    h.fromState = h.toState = c.state;
    h.action = "difficult_handed_over";
    h.actorId = actor.userId;
    h.actorRole = actor.role;
    h.unitId = c.unitId;  // the applicant reads the case's own unit, not the team's name
    TB_RETURN_IF_ERROR(tx.cases().appendHistory(h));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, now, "case.difficult", "case", std::to_string(c.id),
                                       c.applicantId, {{"team_unit", team->id}, {"reason", why}})));
    TB_ASSIGN_OR_RETURN(auto members, tx.users().caseworkers({team->id}));
    json::array to;
    for (const auto& m : members) to.emplace_back(m.id);
    TB_RETURN_IF_ERROR(
        tx.outbox().append({0, now, "difficult.handed_over",
                            json::serialize(json::object{{"case_id", c.id},
                                                         {"case_no", c.caseNo},
                                                         {"item_code", c.itemCode},
                                                         {"applicant_id", c.applicantId},
                                                         {"team_unit_id", team->id},
                                                         {"member_ids", std::move(to)}})}));
    auto described = describe(tx, actor, c);
    out = described ? std::move(*described) : json::object{};
    return Status::Ok();
  }));
  return out;
}

Result<json::array> DifficultCaseService::teamQueue(const Actor& actor) {
  auto ref = ref_.get();
  if (!access::OnDifficultTeam(*ref->units, actor))
    return Status::PermissionDenied("the team queue is for the difficult-case team");
  json::array out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.difficultCases().byTeam(*actor.unitId));
    Date today = LocalDate(clock_.now(), options_.calendarOffsetMinutes);
    for (const auto& d : rows) {
      auto c = tx.cases().byId(d.caseId);
      if (!c.ok()) continue;
      json::object cj{{"id", c->id},
                      {"case_no", c->caseNo},
                      {"state", c->state},
                      {"priority", c->priority},
                      {"deadline", DateJson(c->deadline)},
                      {"open", Open(*ref, *c)},
                      {"unit", UnitJson(*ref, c->unitId)}};
      json::object itemJson{{"code", c->itemCode}};
      if (const auto* item = ref->catalog->item(c->itemCode))
        itemJson["name"] = item->name.ToJson();
      cj["item"] = std::move(itemJson);
      auto applicant = tx.users().byId(c->applicantId);
      if (applicant.ok()) cj["applicant_name"] = applicant->displayName;
      json::object o{{"case", std::move(cj)},
                     {"reason", d.reason},
                     {"handed_at", TimeJson(d.handedAt)},
                     {"due", DateJson(d.due)},
                     {"overdue", Open(*ref, *c) && d.due && *d.due < today},
                     {"from_unit", UnitJson(*ref, d.fromUnitId)},
                     {"notes", notesJson(tx, actor, c->id)}};
      auto by = tx.users().byId(d.handedBy);
      if (by.ok()) o["handed_by"] = by->displayName;
      out.push_back(std::move(o));
    }
    return tx.audit().append(audit::Event(actor, clock_.now(), "queue.read", "difficult_team",
                                          std::to_string(*actor.unitId), std::nullopt,
                                          {{"count", rows.size()}}));
  }));
  return out;
}

Result<json::object> DifficultCaseService::addNote(const Actor& actor, int64_t caseId,
                                                   const std::string& body) {
  if (!access::WorksCases(actor)) return Status::PermissionDenied("notes are for staff");
  std::string text = text::Trim(body);
  if (text.empty()) return Status::InvalidField("text", "required", "write the note");
  if (text.size() > 2000) return Status::InvalidField("text", "too_long", "at most 2000 bytes");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    if (!tx.difficultCases().byCase(c.id).ok())
      return Status::Conflict("notes are shared on cases handed to the difficult-case team");
    TimePoint now = clock_.now();
    db::CaseNoteRow n{0, c.id, *actor.userId, now, text};
    TB_ASSIGN_OR_RETURN(n.id, tx.difficultCases().insertNote(n));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, now, "case.note", "case", std::to_string(c.id),
                                       c.applicantId, {{"note_id", n.id}})));
    out = {{"id", n.id}, {"at", TimeJson(n.at)}, {"body", n.body}, {"by_you", true}};
    return Status::Ok();
  }));
  return out;
}

bool DifficultCaseService::handedOver(db::Transaction& tx, const db::CaseRow& c) const {
  return tx.difficultCases().byCase(c.id).ok();
}

std::optional<json::object> DifficultCaseService::describe(db::Transaction& tx, const Actor& actor,
                                                           const db::CaseRow& c) const {
  auto ref = ref_.get();
  auto d = tx.difficultCases().byCase(c.id);
  bool staff = access::WorksCases(actor);
  if (!d.ok()) {
    if (!staff || !access::DecidesCases(actor) || !access::CanSeeCase(*ref->units, actor, c))
      return std::nullopt;
    bool can = Open(*ref, c) && c.state != "draft" && teamFor(*ref->units, c.unitId) != nullptr;
    return json::object{{"handling", false}, {"can_hand_over", can}};
  }
  json::object o{{"handling", true}, {"since", TimeJson(d->handedAt)}};
  if (!staff) return o;  // the applicant: no team, reason or notes
  o["team"] = UnitJson(*ref, d->teamUnitId);
  o["reason"] = d->reason;
  o["due"] = DateJson(d->due);
  o["from_unit"] = UnitJson(*ref, d->fromUnitId);
  auto by = tx.users().byId(d->handedBy);
  if (by.ok()) o["handed_by"] = by->displayName;
  o["notes"] = notesJson(tx, actor, c.id);
  o["can_note"] = true;
  o["can_hand_over"] = false;
  return o;
}

}  // namespace tongban::priority

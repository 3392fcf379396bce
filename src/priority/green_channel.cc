#include "priority/green_channel.h"

#include <algorithm>
#include <set>

#include "access/access.h"
#include "audit/audit.h"
#include "common/text.h"
#include "priority/case_facts.h"

namespace tongban::priority {

using namespace std::chrono;

const std::vector<std::string>& Categories() {
  static const std::vector<std::string> k = {
      "bereavement", "medical", "travel_booked", "exam_or_enrolment", "holiday_emergency", "other"};
  return k;
}

TimePoint AddWorkingMinutes(const WorkingCalendar& calendar, TimePoint from, int minutes,
                            int offsetMinutes) {
  // Office hours in local minutes of the day; the same for every unit, as the duty rota is.
  static constexpr int kPeriods[][2] = {{8 * 60 + 30, 12 * 60}, {14 * 60, 17 * 60 + 30}};
  auto local = floor<std::chrono::minutes>(from) + std::chrono::minutes(offsetMinutes);
  int left = std::max(0, minutes);
  for (int guard = 0; guard < 4000; ++guard) {
    Date day = floor<days>(local);
    int m = int(duration_cast<std::chrono::minutes>(local - day).count());
    if (calendar.isWorkingDay(day)) {
      for (const auto& p : kPeriods) {
        if (m >= p[1]) continue;
        int start = std::max(m, p[0]);
        int room = p[1] - start;
        if (left <= room)
          return TimePoint(day) + std::chrono::minutes(start + left - offsetMinutes);
        left -= room;
        m = p[1];
      }
    }
    local = sys_days(day + days(1));
  }
  return from + hours(24 * 365);  // a calendar without working days: effectively never
}

namespace {

std::vector<int64_t> ParseIds(const std::string& s) {
  std::vector<int64_t> out;
  boost::system::error_code ec;
  json::value v = json::parse(s, ec);
  if (!ec && v.is_array())
    for (const auto& x : v.as_array())
      if (x.is_int64()) out.push_back(x.as_int64());
  return out;
}

}  // namespace

GreenChannelService::GreenChannelService(db::Database& db, const Clock& clock,
                                         const reference::ReferenceData& ref,
                                         GreenChannelOptions options)
    : db_(db), clock_(clock), ref_(ref), options_(options) {}

Result<std::vector<int64_t>> GreenChannelService::supervisorsOf(db::Transaction& tx,
                                                                int64_t unitId) const {
  TB_ASSIGN_OR_RETURN(auto users, tx.users().caseworkers({unitId}));
  std::vector<int64_t> out;
  for (const auto& u : users)
    if (access::Supervises(access::RoleOf(u))) out.push_back(u.id);
  return out;
}

bool GreenChannelService::mayDecide(const Actor& actor, const db::GreenChannelRow& r) const {
  // The supervisors of the level the request waits at, or of a level below it that let it
  // escalate (a late answer is better than none). Not the levels above it before it gets there,
  // nor administrators: this is the duty supervisors' call.
  if (!actor.userId || !actor.unitId || access::RoleOf(actor) != access::Role::kSupervisor)
    return false;
  auto ref = ref_.get();
  std::optional<int64_t> unit = r.unitId;
  for (int level = 0; unit && level <= r.level; ++level) {
    if (*unit == *actor.unitId) return true;
    const db::UnitRow* u = ref->units->byId(*unit);
    unit = u ? u->parentId : std::nullopt;
  }
  return false;
}

json::object GreenChannelService::requestJson(db::Transaction& tx, const Actor& actor,
                                              const db::GreenChannelRow& r, bool staff) const {
  auto ref = ref_.get();
  json::array evidence;
  for (int64_t id : ParseIds(r.evidenceJson)) {
    auto d = tx.documents().byId(id);
    if (d.ok()) evidence.push_back({{"id", d->id}, {"filename", d->filename}, {"mime", d->mime}});
  }
  json::object o{{"id", r.id},
                 {"case_id", r.caseId},
                 {"category", r.category},
                 {"explanation", r.explanation},
                 {"evidence", std::move(evidence)},
                 {"status", r.status},
                 {"requested_at", TimeJson(r.requestedAt)},
                 {"due_at", TimeJson(r.dueAt)},
                 {"level", r.level},
                 {"level_unit", UnitJson(*ref, r.levelUnitId)},
                 {"decided_at", TimeJson(r.decidedAt)},
                 {"decision_reason", r.decisionReason},
                 {"expedited_deadline", DateJson(r.expeditedDeadline)}};
  if (staff) {
    json::array escalations;
    auto es = tx.greenChannel().escalations(r.id);
    if (es.ok())
      for (const auto& e : *es)
        escalations.push_back({{"at", TimeJson(e.at)},
                               {"from_unit", UnitJson(*ref, e.fromUnitId)},
                               {"to_unit", UnitJson(*ref, e.toUnitId)},
                               {"level", e.level}});
    o["escalations"] = std::move(escalations);
    o["overdue"] = r.status == "pending" && r.dueAt <= clock_.now();
    o["can_decide"] = r.status == "pending" && mayDecide(actor, r);
    if (r.decidedBy) {
      auto who = tx.users().byId(*r.decidedBy);
      if (who.ok()) o["decided_by"] = who->displayName;
    }
  }
  return o;
}

Result<json::object> GreenChannelService::request(const Actor& actor, int64_t caseId,
                                                  const GreenChannelRequest& r) {
  if (!access::IsApplicant(actor) && !access::IsLiaison(actor))
    return Status::PermissionDenied(
        "the applicant or their liaison officer asks for the green channel");
  FieldErrors errors;
  const auto& cats = Categories();
  if (std::find(cats.begin(), cats.end(), r.category) == cats.end())
    errors["category"] = {"option", "must be one of the reason categories"};
  std::string explanation = text::Trim(r.explanation);
  if (explanation.size() < 10)
    errors["explanation"] = {explanation.empty() ? "required" : "too_short",
                             "explain the urgency in a few words (at least 10 characters)"};
  else if (explanation.size() > 2000)
    errors["explanation"] = {"too_long", "must be at most 2000 bytes"};
  if (r.evidenceDocumentIds.empty())
    errors["evidence_document_ids"] = {"required", "upload at least one piece of evidence"};
  else if (r.evidenceDocumentIds.size() > 10)
    errors["evidence_document_ids"] = {"too_many", "at most 10 documents"};
  if (!errors.empty()) return Status::InvalidArgument("the request is not complete", errors);
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(db::CaseRow c, access::LoadVisibleCase(tx, *ref->units, actor, caseId));
    if (access::IsApplicant(actor) ? c.applicantId != *actor.userId
                                   : c.submittedById != *actor.userId)
      return Status::PermissionDenied("only the applicant or the liaison officer who applied");
    for (int64_t id : r.evidenceDocumentIds) {
      auto d = tx.documents().byId(id);
      if (!d.ok() || !d->caseId || *d->caseId != c.id)
        return Status::InvalidField("evidence_document_ids", "unknown",
                                    "evidence must be documents uploaded to this case");
    }
    if (!Open(*ref, c) || c.state == "draft")
      return Status::Conflict("only a submitted case that is not decided yet can be expedited");
    if (c.priority == "urgent") return Status::Conflict("the case is already handled urgently");
    TB_ASSIGN_OR_RETURN(auto prior, tx.greenChannel().byCase(c.id));
    for (const auto& p : prior)
      if (p.status == "pending" || p.status == "approved")
        return Status::Conflict(p.status == "pending"
                                    ? "a request for this case is waiting for a decision"
                                    : "this case is already expedited");
    TimePoint now = clock_.now();
    db::GreenChannelRow g;
    g.caseId = c.id;
    g.requestedBy = *actor.userId;
    g.requestedAt = now;
    g.category = r.category;
    g.explanation = explanation;
    json::array ids;
    for (int64_t id : r.evidenceDocumentIds) ids.emplace_back(id);
    g.evidenceJson = json::serialize(ids);
    g.unitId = g.levelUnitId = c.unitId;
    g.level = 0;
    g.dueAt = AddWorkingMinutes(ref->calendar, now, options_.decisionMinutes,
                                options_.calendarOffsetMinutes);
    TB_ASSIGN_OR_RETURN(g.id, tx.greenChannel().insert(g));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, "green_channel.request", "case", std::to_string(c.id),
                     c.applicantId, {{"request_id", g.id}, {"category", g.category}})));
    TB_ASSIGN_OR_RETURN(auto supervisors, supervisorsOf(tx, g.levelUnitId));
    json::array to;
    for (int64_t id : supervisors) to.emplace_back(id);
    TB_RETURN_IF_ERROR(
        tx.outbox().append({0, now, "green_channel.requested",
                            json::serialize(json::object{{"request_id", g.id},
                                                         {"case_id", c.id},
                                                         {"case_no", c.caseNo},
                                                         {"item_code", c.itemCode},
                                                         {"category", g.category},
                                                         {"unit_id", g.levelUnitId},
                                                         {"level", g.level},
                                                         {"due_at", TimeJson(g.dueAt)},
                                                         {"supervisor_ids", std::move(to)}})}));
    out = requestJson(tx, actor, g, false);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> GreenChannelService::decide(const Actor& actor, int64_t requestId,
                                                 bool approve, const std::string& reason) {
  if (access::RoleOf(actor) != access::Role::kSupervisor)
    return Status::PermissionDenied("the duty supervisor decides green-channel requests");
  std::string why = text::Trim(reason);
  if (!approve && why.empty())
    return Status::InvalidField("reason", "required", "tell the applicant why");
  if (why.size() > 1000)
    return Status::InvalidField("reason", "too_long", "must be at most 1000 bytes");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    auto found = tx.greenChannel().byId(requestId);
    if (found.status().IsNotFound()) return Status::NotFound("request not found");
    TB_RETURN_IF_ERROR(found.status());
    db::GreenChannelRow g = std::move(*found);
    if (!mayDecide(actor, g)) {
      // Whoever may not decide it may not learn it exists either, unless it is in their scope.
      if (!actor.unitId || !ref->units->isWithin(g.unitId, *actor.unitId))
        return Status::NotFound("request not found");
      return Status::PermissionDenied("the supervisors of the unit it waits at decide it");
    }
    if (g.status != "pending") return Status::Conflict("this request was already decided");
    TB_ASSIGN_OR_RETURN(db::CaseRow c, tx.cases().byId(g.caseId));
    TimePoint now = clock_.now();
    if (approve && !Open(*ref, c))
      return Status::Conflict("the case was decided meanwhile; nothing to expedite");
    g.status = approve ? "approved" : "refused";
    g.decidedAt = now;
    g.decidedBy = actor.userId;
    g.decidedLevel = g.level;
    g.decisionReason = why;
    std::string before = c.priority;
    if (approve) {
      Date today = LocalDate(now, options_.calendarOffsetMinutes);
      Date due = ref->calendar.addWorkingDays(today, options_.expeditedDays);
      g.expeditedDeadline = due;
      // Urgent cases lead every queue; the deadline only ever gets shorter.
      c.priority = "urgent";
      if (!c.deadline || *c.deadline > due) c.deadline = due;
      c.updatedAt = now;
      c.version += 1;
      TB_RETURN_IF_ERROR(tx.cases().update(c));
    }
    TB_RETURN_IF_ERROR(tx.greenChannel().update(g));
    db::HistoryRow h;
    h.caseId = c.id;
    h.at = now;
    h.fromState = h.toState = c.state;
    h.action = approve ? "green_channel_approved" : "green_channel_refused";
    h.actorId = actor.userId;
    h.actorRole = actor.role;
    h.unitId = actor.unitId;
    h.note = why;
    TB_RETURN_IF_ERROR(tx.cases().appendHistory(h));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, approve ? "green_channel.approve" : "green_channel.refuse", "case",
                     std::to_string(c.id), c.applicantId,
                     {{"request_id", g.id}, {"level", g.level}, {"priority_from", before}})));
    TB_RETURN_IF_ERROR(
        tx.outbox().append({0, now, "green_channel.decided",
                            json::serialize(json::object{{"request_id", g.id},
                                                         {"case_id", c.id},
                                                         {"case_no", c.caseNo},
                                                         {"item_code", c.itemCode},
                                                         {"applicant_id", c.applicantId},
                                                         {"outcome", g.status},
                                                         {"level", g.level},
                                                         {"reason", why}})}));
    out = requestJson(tx, actor, g, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::array> GreenChannelService::pending(const Actor& actor) {
  if (access::RoleOf(actor) != access::Role::kSupervisor || !actor.unitId)
    return Status::PermissionDenied("green-channel requests are decided by supervisors");
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto ref = ref_.get();
    // Waiting at the caller's unit (escalated ones included), and the ones still waiting below
    // it that escalated past it: both are theirs to decide.
    std::vector<int64_t> units = ref->units->subtree(*actor.unitId);
    std::vector<int64_t> above;
    for (std::optional<int64_t> u = *actor.unitId; u;) {
      above.push_back(*u);
      const db::UnitRow* row = ref->units->byId(*u);
      u = row ? row->parentId : std::nullopt;
    }
    units.insert(units.end(), above.begin(), above.end());
    TB_ASSIGN_OR_RETURN(auto rows, tx.greenChannel().pendingAt(units));
    std::set<int64_t> seen;
    for (const auto& g : rows) {
      if (!seen.insert(g.id).second || !mayDecide(actor, g)) continue;
      auto c = tx.cases().byId(g.caseId);
      if (!c.ok()) continue;
      json::object o = requestJson(tx, actor, g, true);
      json::object cj{{"id", c->id},
                      {"case_no", c->caseNo},
                      {"state", c->state},
                      {"priority", c->priority},
                      {"deadline", DateJson(c->deadline)},
                      {"unit", UnitJson(*ref, c->unitId)}};
      json::object itemJson{{"code", c->itemCode}};
      if (const auto* item = ref->catalog->item(c->itemCode))
        itemJson["name"] = item->name.ToJson();
      cj["item"] = std::move(itemJson);
      auto applicant = tx.users().byId(c->applicantId);
      if (applicant.ok()) cj["applicant_name"] = applicant->displayName;
      o["case"] = std::move(cj);
      out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  return out;
}

Result<int> GreenChannelService::escalateDue(TimePoint now) {
  int moved = 0;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    moved = 0;
    auto ref = ref_.get();
    TB_ASSIGN_OR_RETURN(auto rows, tx.greenChannel().overdue(now));
    for (auto& g : rows) {
      auto c = tx.cases().byId(g.caseId);
      TB_RETURN_IF_ERROR(c.status());
      if (!Open(*ref, *c)) {
        // Decided (or withdrawn) while nobody answered: nothing left to expedite. Kept as
        // `lapsed`, so the figures still count a request nobody decided in time.
        g.status = "lapsed";
        g.decidedAt = now;
        g.decidedLevel = g.level;
        TB_RETURN_IF_ERROR(tx.greenChannel().update(g));
        continue;
      }
      const db::UnitRow* at = ref->units->byId(g.levelUnitId);
      if (!at || !at->parentId) continue;  // the top of the tree: it stays overdue there
      int64_t from = g.levelUnitId;
      g.levelUnitId = *at->parentId;
      g.level += 1;
      g.dueAt = AddWorkingMinutes(ref->calendar, now, options_.decisionMinutes,
                                  options_.calendarOffsetMinutes);
      TB_RETURN_IF_ERROR(tx.greenChannel().update(g));
      TB_RETURN_IF_ERROR(
          tx.greenChannel().insertEscalation({0, g.id, now, from, g.levelUnitId, g.level}));
      Actor system;
      system.role = "system";
      system.requestId = "green-channel-sweep";
      TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
          system, now, "green_channel.escalate", "case", std::to_string(g.caseId), c->applicantId,
          {{"request_id", g.id}, {"from_unit", from}, {"to_unit", g.levelUnitId}})));
      TB_ASSIGN_OR_RETURN(auto supervisors, supervisorsOf(tx, g.levelUnitId));
      json::array to;
      for (int64_t id : supervisors) to.emplace_back(id);
      TB_RETURN_IF_ERROR(
          tx.outbox().append({0, now, "green_channel.escalated",
                              json::serialize(json::object{{"request_id", g.id},
                                                           {"case_id", g.caseId},
                                                           {"case_no", c->caseNo},
                                                           {"item_code", c->itemCode},
                                                           {"category", g.category},
                                                           {"from_unit_id", from},
                                                           {"unit_id", g.levelUnitId},
                                                           {"level", g.level},
                                                           {"due_at", TimeJson(g.dueAt)},
                                                           {"supervisor_ids", std::move(to)}})}));
      ++moved;
    }
    return Status::Ok();
  }));
  return moved;
}

json::object GreenChannelService::describe(db::Transaction& tx, const Actor& actor,
                                           const db::CaseRow& c) const {
  auto ref = ref_.get();
  bool staff = access::WorksCases(actor);
  bool party = actor.userId && ((access::IsApplicant(actor) && c.applicantId == *actor.userId) ||
                                (access::IsLiaison(actor) && c.submittedById == *actor.userId));
  json::array requests;
  bool blocking = false;
  auto rows = tx.greenChannel().byCase(c.id);
  if (rows.ok())
    for (const auto& g : *rows) {
      blocking = blocking || g.status == "pending" || g.status == "approved";
      requests.push_back(requestJson(tx, actor, g, staff));
    }
  json::array cats;
  for (const auto& k : Categories()) cats.emplace_back(k);
  return {{"requests", std::move(requests)},
          {"categories", std::move(cats)},
          {"can_request",
           party && !blocking && c.priority != "urgent" && c.state != "draft" && Open(*ref, c)}};
}

std::optional<Date> GreenChannelService::expeditedDeadline(db::Transaction& tx,
                                                           const db::CaseRow& c) const {
  auto rows = tx.greenChannel().byCase(c.id);
  if (!rows.ok()) return std::nullopt;
  for (const auto& g : *rows)
    if (g.status == "approved" && g.expeditedDeadline) return g.expeditedDeadline;
  return std::nullopt;
}

}  // namespace tongban::priority

#include "identity/appointment_service.h"

#include "access/access.h"

#include "audit/audit.h"
#include "identity/calendar_file.h"

namespace tongban::identity {

AppointmentService::AppointmentService(db::Database& db, const Clock& clock,
                                       const reference::ReferenceData& ref)
    : db_(db), clock_(clock), ref_(ref) {}

json::object AppointmentService::SlotJson(const db::SlotRow& s) {
  return {{"id", s.id},
          {"unit_id", s.unitId},
          {"officer_id", s.officerId},
          {"kind", s.kind},
          {"starts_at", TimeJson(s.startsAt)},
          {"ends_at", TimeJson(s.endsAt)},
          {"care", s.care},
          {"booked", s.booked}};
}

Result<json::array> AppointmentService::publish(const Actor& actor, const PublishRequest& req) {
  if (!access::ServesApplicants(actor) || !actor.unitId)
    return Status::PermissionDenied("only officers and liaison officers publish slots");
  auto ref = ref_.get();
  int64_t unit = req.unitId.value_or(*actor.unitId);
  FieldErrors errors;
  if (!ref->units->byId(unit))
    errors["unit_id"] = {"unknown", "no such unit"};
  else if (!ref->units->isWithin(unit, *actor.unitId))
    errors["unit_id"] = {"forbidden", "outside your unit"};
  if (req.kind != "video" && req.kind != "window")
    errors["kind"] = {"option", "must be video or window"};
  auto start = ParseTimestamp(req.startsAt);
  if (!start)
    errors["starts_at"] = {"date", "must be a UTC timestamp like 2026-11-24T08:00:00Z"};
  else if (*start < clock_.now())
    errors["starts_at"] = {"past", "must be in the future"};
  if (req.durationMinutes < 5 || req.durationMinutes > 240)
    errors["duration_minutes"] = {"range", "must be 5 to 240"};
  if (req.count < 1 || req.count > 48) errors["count"] = {"range", "must be 1 to 48"};
  if (!errors.empty()) return Status::InvalidArgument("invalid slots", errors);
  json::array out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    for (int i = 0; i < req.count; ++i) {
      db::SlotRow s;
      s.unitId = unit;
      s.officerId = *actor.userId;
      s.kind = req.kind;
      s.startsAt = *start + std::chrono::minutes(req.durationMinutes * i);
      s.endsAt = *start + std::chrono::minutes(req.durationMinutes * (i + 1));
      s.care = req.care;
      s.createdAt = clock_.now();
      TB_ASSIGN_OR_RETURN(s.id, tx.appointments().insertSlot(s));
      out.push_back(SlotJson(s));
    }
    return tx.audit().append(audit::Event(actor, clock_.now(), "slots.publish", "unit",
                                          std::to_string(unit), std::nullopt,
                                          {{"count", req.count}, {"kind", req.kind}}));
  }));
  return out;
}

Result<json::array> AppointmentService::slots(const Actor& actor, std::optional<int64_t> unitId,
                                              const std::string& kind, const std::string& from,
                                              const std::string& to) {
  auto ref = ref_.get();
  if (unitId && !ref->units->byId(*unitId))
    return Status::InvalidField("unit", "unknown", "no such unit");
  if (!kind.empty() && kind != "video" && kind != "window")
    return Status::InvalidField("kind", "option", "video or window");
  std::optional<TimePoint> f = from.empty() ? clock_.now() : ParseTimestamp(from);
  std::optional<TimePoint> t =
      to.empty() ? clock_.now() + std::chrono::hours(24 * 60) : ParseTimestamp(to);
  if (!f) return Status::InvalidField("from", "date", "must be a UTC timestamp");
  if (!t) return Status::InvalidField("to", "date", "must be a UTC timestamp");
  bool staff = access::ServesApplicants(actor);
  std::vector<int64_t> units;
  if (unitId) units = ref->units->subtree(*unitId);
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.appointments().slots(units, kind, *f, *t, !staff));
    for (const auto& s : rows) {
      if (staff && actor.unitId && !ref->units->isWithin(s.unitId, *actor.unitId) && s.booked)
        continue;
      json::object o = SlotJson(s);
      if (const auto* u = ref->units->byId(s.unitId))
        o["unit"] = {{"code", u->code},
                     {"name", catalog::UnitDirectory::Name(*u)},
                     {"timezone", u->timezone}};
      out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  return out;
}

Status AppointmentService::checkBookable(const db::SlotRow& slot, bool careDeclared) const {
  if (slot.startsAt <= clock_.now()) return Status::Conflict("this time has passed");
  if (slot.care && !careDeclared)
    return Status::InvalidField(
        "care", "required",
        "care windows are for elderly and disabled people; confirm that this applies");
  return Status::Ok();
}

json::object AppointmentService::view(db::Transaction& tx, const db::AppointmentRow& a) const {
  json::object o{{"id", a.id},
                 {"status", a.status},
                 {"purpose", a.purpose},
                 {"applicant_id", a.applicantId},
                 {"created_at", TimeJson(a.createdAt)},
                 {"case_id", a.caseId ? json::value(*a.caseId) : json::value(nullptr)},
                 {"reminder_sent_at", TimeJson(a.reminderSentAt)}};
  auto slot = tx.appointments().slotById(a.slotId);
  if (slot.ok()) {
    json::object s = SlotJson(*slot);
    if (const auto* u = ref_.get()->units->byId(slot->unitId))
      s["unit"] = {
          {"code", u->code}, {"name", catalog::UnitDirectory::Name(*u)}, {"timezone", u->timezone}};
    o["slot"] = std::move(s);
  }
  auto session = tx.videoSessions().byAppointment(a.id);
  o["session"] = session.ok()
                     ? json::value(json::object{{"id", session->id}, {"state", session->state}})
                     : json::value(nullptr);
  return o;
}

Result<json::object> AppointmentService::book(const Actor& actor, int64_t slotId,
                                              std::optional<int64_t> caseId, bool careDeclared) {
  if (!access::IsApplicant(actor)) return Status::PermissionDenied("applicants book appointments");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto slot = tx.appointments().slotById(slotId);
    if (!slot.ok()) return Status::InvalidField("slot_id", "unknown", "no such slot");
    TB_RETURN_IF_ERROR(checkBookable(*slot, careDeclared));
    if (caseId) {
      auto c = access::LoadVisibleCase(tx, *ref_.get()->units, actor, *caseId);
      if (!c.ok()) return Status::InvalidField("case_id", "unknown", "no such case of yours");
    }
    db::AppointmentRow a;
    a.slotId = slotId;
    a.applicantId = *actor.userId;
    a.caseId = caseId;
    a.purpose = slot->kind == "video" ? "identity" : "window";
    a.status = "booked";
    a.createdAt = a.updatedAt = clock_.now();
    TB_ASSIGN_OR_RETURN(a.id, tx.appointments().insert(a));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(actor, clock_.now(), "appointment.book",
                                                      "appointment", std::to_string(a.id),
                                                      a.applicantId, {{"slot_id", slotId}})));
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, a.createdAt, "appointment.booked",
         json::serialize(json::object{{"appointment_id", a.id},
                                      {"applicant_id", a.applicantId},
                                      {"starts_at", TimeJson(slot->startsAt)}})}));
    out = view(tx, a);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> AppointmentService::reschedule(const Actor& actor, int64_t appointmentId,
                                                    int64_t slotId, bool careDeclared) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto a = tx.appointments().byId(appointmentId);
    if (!a.ok() || !actor.userId || a->applicantId != *actor.userId)
      return Status::NotFound("appointment not found");
    if (a->status != "booked") return Status::Conflict("only a booked appointment can be moved");
    auto slot = tx.appointments().slotById(slotId);
    if (!slot.ok()) return Status::InvalidField("slot_id", "unknown", "no such slot");
    auto old = tx.appointments().slotById(a->slotId);
    if (old.ok() && old->kind != slot->kind)
      return Status::InvalidField("slot_id", "kind", "choose a slot of the same kind");
    TB_RETURN_IF_ERROR(checkBookable(*slot, careDeclared));
    a->status = "cancelled";
    a->updatedAt = clock_.now();
    TB_RETURN_IF_ERROR(tx.appointments().update(*a));
    db::AppointmentRow moved = *a;
    moved.id = 0;
    moved.slotId = slotId;
    moved.status = "booked";
    moved.reminderSentAt.reset();
    moved.createdAt = moved.updatedAt;
    TB_ASSIGN_OR_RETURN(moved.id, tx.appointments().insert(moved));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, clock_.now(), "appointment.reschedule", "appointment", std::to_string(moved.id),
        moved.applicantId, {{"from", a->id}, {"slot_id", slotId}})));
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, moved.updatedAt, "appointment.rescheduled",
         json::serialize(json::object{{"appointment_id", moved.id},
                                      {"previous_appointment_id", a->id},
                                      {"applicant_id", moved.applicantId},
                                      {"starts_at", TimeJson(slot->startsAt)}})}));
    out = view(tx, moved);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> AppointmentService::cancel(const Actor& actor, int64_t appointmentId) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto a = tx.appointments().byId(appointmentId);
    if (!a.ok() || !actor.userId || a->applicantId != *actor.userId)
      return Status::NotFound("appointment not found");
    if (a->status != "booked") return Status::Conflict("the appointment is not booked");
    a->status = "cancelled";
    a->updatedAt = clock_.now();
    TB_RETURN_IF_ERROR(tx.appointments().update(*a));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, clock_.now(), "appointment.cancel", "appointment",
                                       std::to_string(a->id), a->applicantId)));
    auto slot = tx.appointments().slotById(a->slotId);
    TB_RETURN_IF_ERROR(tx.outbox().append(
        {0, a->updatedAt, "appointment.cancelled",
         json::serialize(json::object{
             {"appointment_id", a->id},
             {"applicant_id", a->applicantId},
             {"starts_at", slot.ok() ? TimeJson(slot->startsAt) : json::value("")}})}));
    out = view(tx, *a);
    return Status::Ok();
  }));
  return out;
}

Result<json::array> AppointmentService::list(const Actor& actor) {
  json::array out;
  auto ref = ref_.get();
  // Staff see applicants' names: that read is audited, so it is a write transaction.
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    std::vector<db::AppointmentRow> rows;
    if (access::IsApplicant(actor)) {
      TB_ASSIGN_OR_RETURN(rows, tx.appointments().byApplicant(*actor.userId));
    } else if (access::ServesApplicants(actor) && actor.unitId) {
      TB_ASSIGN_OR_RETURN(rows, tx.appointments().forUnits(ref->units->subtree(*actor.unitId),
                                                           clock_.now() - std::chrono::hours(12)));
    } else {
      return Status::PermissionDenied("no appointments for your role");
    }
    for (const auto& a : rows) {
      json::object v = view(tx, a);
      if (!access::IsApplicant(actor)) {
        auto u = tx.users().byId(a.applicantId);
        if (u.ok()) v["applicant_name"] = u->displayName;
      }
      out.push_back(std::move(v));
    }
    if (access::IsApplicant(actor)) return Status::Ok();
    return tx.audit().append(audit::Event(actor, clock_.now(), "appointments.read", "unit",
                                          actor.unitId ? std::to_string(*actor.unitId) : "",
                                          std::nullopt, {{"count", rows.size()}}));
  }));
  return out;
}

Result<std::string> AppointmentService::calendarFile(const Actor& actor, int64_t appointmentId,
                                                     const std::string& locale,
                                                     const std::string& baseUrl) {
  db::AppointmentRow a;
  db::SlotRow slot;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    auto found = tx.appointments().byId(appointmentId);
    if (!found.ok() || !actor.userId || found->applicantId != *actor.userId)
      return Status::NotFound("appointment not found");
    a = *found;
    TB_ASSIGN_OR_RETURN(slot, tx.appointments().slotById(a.slotId));
    return Status::Ok();
  }));
  std::string unitName, address;
  if (const auto* u = ref_.get()->units->byId(slot.unitId)) {
    bool zh = locale == "zh-CN";
    unitName = zh ? u->nameZh : u->nameEn;
    address = zh ? u->addressZh : u->addressEn;
  }
  // The host part of the base URL names the deployment, so UIDs differ between deployments.
  std::string host =
      baseUrl.substr(baseUrl.find("//") == std::string::npos ? 0 : baseUrl.find("//") + 2);
  host = host.substr(0, host.find(':'));
  if (host.empty()) host = "tongban";
  CalendarWords words =
      AppointmentWords(locale, a.purpose, unitName, address, baseUrl + "/appointments");
  CalendarEvent e;
  e.uid = "appointment-" + std::to_string(a.id) + "@" + host;
  e.stamp = FormatTimestamp(clock_.now());
  e.start = FormatTimestamp(slot.startsAt);
  e.end = FormatTimestamp(slot.endsAt);
  e.summary = words.summary;
  e.location = words.location;
  e.description = words.description;
  e.url = baseUrl + "/appointments";
  e.cancelled = a.status == "cancelled" || a.status == "void";
  e.alarm = words.alarm;
  return CalendarFile(e);
}

Result<size_t> AppointmentService::sendReminders(std::chrono::hours ahead) {
  size_t n = 0;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto due, tx.appointments().dueReminders(clock_.now() + ahead));
    for (auto a : due) {
      TimePoint now = clock_.now();
      auto slot = tx.appointments().slotById(a.slotId);
      a.reminderSentAt = now;
      TB_RETURN_IF_ERROR(tx.appointments().update(a));
      TB_RETURN_IF_ERROR(tx.outbox().append(
          {0, now, "appointment.reminder",
           json::serialize(json::object{
               {"appointment_id", a.id},
               {"applicant_id", a.applicantId},
               {"starts_at", slot.ok() ? TimeJson(slot->startsAt) : json::value("")}})}));
      ++n;
    }
    return Status::Ok();
  }));
  return n;
}

}  // namespace tongban::identity

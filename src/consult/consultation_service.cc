#include "consult/consultation_service.h"

#include "access/access.h"

#include "audit/audit.h"
#include "catalog/i18n.h"
#include "common/text.h"

namespace tongban::consult {

ConsultationService::ConsultationService(db::Database& db, const Clock& clock,
                                         const reference::ReferenceData& ref,
                                         blobs::BlobStore& blobs, Deadlines deadlines)
    : db_(db), clock_(clock), ref_(ref), blobs_(blobs), deadlines_(deadlines) {}

Result<db::ConsultationRow> ConsultationService::loadVisible(db::Transaction& tx,
                                                             const Actor& actor, int64_t id) const {
  auto c = tx.consultations().byId(id);
  if (!c.ok()) return c.status();
  if (actor.userId && c->applicantId == *actor.userId) return c;
  if (access::ServesApplicants(actor) && actor.userId) {
    if (c->assigneeId && *c->assigneeId == *actor.userId) return c;
    // Liaison officers answer questions from anywhere; officers those of their units.
    if (access::IsLiaison(actor)) return c;
    if (actor.unitId && ref_.get()->units->isWithin(c->unitId, *actor.unitId)) return c;
  }
  return Status::NotFound("consultation not found");
}

Result<std::optional<int64_t>> ConsultationService::pickAssignee(db::Transaction& tx,
                                                                 int64_t unitId) {
  // Whoever is on duty now and may answer for this unit, with the fewest open questions.
  TB_ASSIGN_OR_RETURN(auto duty, tx.consultations().onDuty());
  auto ref = ref_.get();
  std::optional<int64_t> best;
  int64_t bestLoad = INT64_MAX;
  for (int64_t uid : duty) {
    auto u = tx.users().byId(uid);
    if (!u.ok() || u->disabled) continue;
    bool eligible = access::IsLiaison(access::RoleOf(*u)) ||
                    (access::ServesApplicants(access::RoleOf(*u)) && u->unitId &&
                     ref->units->isWithin(unitId, *u->unitId));
    if (!eligible) continue;
    TB_ASSIGN_OR_RETURN(int64_t load, tx.consultations().openCount(uid));
    if (load < bestLoad) {
      bestLoad = load;
      best = uid;
    }
  }
  return best;
}

json::object ConsultationService::view(db::Transaction& tx, const db::ConsultationRow& c,
                                       bool withMessages) const {
  TimePoint now = clock_.now();
  json::object o{{"id", c.id},
                 {"topic", c.topic},
                 {"item_code", c.itemCode ? json::value(*c.itemCode) : json::value(nullptr)},
                 {"status", c.status},
                 {"applicant_id", c.applicantId},
                 {"assignee_id", c.assigneeId ? json::value(*c.assigneeId) : json::value(nullptr)},
                 {"created_at", TimeJson(c.createdAt)},
                 {"updated_at", TimeJson(c.updatedAt)},
                 {"first_response_due", TimeJson(c.firstResponseDue)},
                 {"first_response_at", TimeJson(c.firstResponseAt)},
                 {"resolution_due", TimeJson(c.resolutionDue)},
                 {"closed_at", TimeJson(c.closedAt)},
                 {"rating", c.rating ? json::value(*c.rating) : json::value(nullptr)},
                 {"version", c.version}};
  o["first_response_overdue"] =
      !c.firstResponseAt && c.status != "closed" && now > c.firstResponseDue;
  o["resolution_overdue"] = c.status != "closed" && now > c.resolutionDue;
  if (c.assigneeId) {
    auto a = tx.users().byId(*c.assigneeId);
    if (a.ok()) o["assignee_name"] = a->displayName;
  }
  auto applicant = tx.users().byId(c.applicantId);
  if (applicant.ok()) o["applicant_name"] = applicant->displayName;
  if (const auto* u = ref_.get()->units->byId(c.unitId))
    o["unit"] = {{"id", u->id}, {"name", catalog::UnitDirectory::Name(*u)}};
  if (withMessages) {
    json::array msgs;
    auto rows = tx.consultations().messages(c.id);
    if (rows.ok())
      for (const auto& m : *rows) {
        json::object mo{{"id", m.id},
                        {"at", TimeJson(m.at)},
                        {"author_role", m.authorRole},
                        {"body", m.body},
                        {"mine", m.authorId == c.applicantId}};
        if (m.documentId) {
          auto d = tx.documents().byId(*m.documentId);
          if (d.ok())
            mo["attachment"] = {
                {"id", d->id}, {"filename", d->filename}, {"mime", d->mime}, {"size", d->size}};
        }
        msgs.push_back(std::move(mo));
      }
    o["messages"] = std::move(msgs);
  }
  return o;
}

Status ConsultationService::message(db::Transaction& tx, const Actor& actor, db::ConsultationRow& c,
                                    const std::string& body, std::optional<int64_t> documentId) {
  TimePoint now = clock_.now();
  bool fromApplicant = actor.userId && *actor.userId == c.applicantId;
  db::MessageRow m{0,    c.id,      now, *actor.userId, fromApplicant ? "applicant" : actor.role,
                   body, documentId};
  TB_ASSIGN_OR_RETURN(m.id, tx.consultations().addMessage(m));
  if (!fromApplicant) {
    if (!c.firstResponseAt) c.firstResponseAt = now;
    if (!c.assigneeId) c.assigneeId = actor.userId;
    c.status = "answered";
  } else if (c.status == "answered") {
    c.status = "open";
  }
  c.updatedAt = now;
  c.version += 1;
  TB_RETURN_IF_ERROR(tx.consultations().update(c));
  TB_RETURN_IF_ERROR(
      tx.audit().append(audit::Event(actor, clock_.now(), "consultation.message", "consultation",
                                     std::to_string(c.id), c.applicantId)));
  json::object event{
      {"consultation_id", c.id},       {"message_id", m.id},
      {"applicant_id", c.applicantId}, {"topic", c.topic},
      {"author_role", m.authorRole},   {"body", body},
      {"at", TimeJson(now)},           {"assignee_id", c.assigneeId ? *c.assigneeId : 0}};
  return tx.outbox().append({0, now, "consultation.message", json::serialize(event)});
}

Result<json::object> ConsultationService::ask(const Actor& actor, const std::string& topic,
                                              const std::string& itemCode,
                                              const std::string& body) {
  if (!actor.userId) return Status::Unauthenticated("sign in to ask");
  FieldErrors errors;
  if (topic.empty() || topic.size() > 200) errors["topic"] = {"required", "1 to 200 bytes"};
  if (body.empty() || body.size() > 4000) errors["body"] = {"required", "1 to 4000 bytes"};
  auto ref = ref_.get();
  const catalog::Item* item = itemCode.empty() ? nullptr : ref->catalog->item(itemCode);
  if (!itemCode.empty() && !item) errors["item_code"] = {"unknown", "no such item"};
  if (!errors.empty()) return Status::InvalidArgument("invalid question", errors);
  // Questions about an item go to its unit; general ones to the exit-entry service centre.
  const db::UnitRow* unit = ref->units->byCode(item ? item->owner : "QT-EEB");
  if (!unit) unit = &ref->units->all().front();
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TimePoint now = clock_.now();
    db::ConsultationRow c;
    c.applicantId = *actor.userId;
    c.topic = topic;
    if (item) c.itemCode = item->code;
    c.unitId = unit->id;
    c.createdAt = c.updatedAt = now;
    c.firstResponseDue = now + deadlines_.firstResponse;
    c.resolutionDue = now + deadlines_.resolution;
    TB_ASSIGN_OR_RETURN(c.assigneeId, pickAssignee(tx, c.unitId));
    TB_ASSIGN_OR_RETURN(c.id, tx.consultations().insert(c));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, now, "consultation.ask", "consultation", std::to_string(c.id), c.applicantId)));
    TB_RETURN_IF_ERROR(message(tx, actor, c, body, std::nullopt));
    out = view(tx, c, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::array> ConsultationService::list(const Actor& actor) {
  json::array out;
  auto ref = ref_.get();
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    std::vector<db::ConsultationRow> rows;
    if (access::ServesApplicants(actor)) {
      std::vector<int64_t> units;
      if (!access::IsLiaison(actor) && actor.unitId) units = ref->units->subtree(*actor.unitId);
      TB_ASSIGN_OR_RETURN(rows, tx.consultations().open(units, actor.userId));
    } else {
      TB_ASSIGN_OR_RETURN(rows, tx.consultations().byApplicant(*actor.userId));
    }
    for (const auto& c : rows) out.push_back(view(tx, c, false));
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ConsultationService::get(const Actor& actor, int64_t id) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow c, loadVisible(tx, actor, id));
    out = view(tx, c, true);
    if (actor.userId && *actor.userId != c.applicantId)
      return tx.audit().append(audit::Event(actor, clock_.now(), "consultation.read",
                                            "consultation", std::to_string(c.id), c.applicantId));
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ConsultationService::post(const Actor& actor, int64_t id,
                                               const std::string& body) {
  if (body.empty() || body.size() > 4000)
    return Status::InvalidField("body", "required", "1 to 4000 bytes");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow c, loadVisible(tx, actor, id));
    if (c.status == "closed") return Status::Conflict("this consultation is closed");
    TB_RETURN_IF_ERROR(message(tx, actor, c, body, std::nullopt));
    out = view(tx, c, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ConsultationService::attach(const Actor& actor, int64_t id,
                                                 const std::string& filename,
                                                 const std::filesystem::path& temp) {
  db::ConsultationRow c;
  Status visible = db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(c, loadVisible(tx, actor, id));
    return Status::Ok();
  });
  if (!visible.ok()) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    return visible;
  }
  TB_ASSIGN_OR_RETURN(blobs::Blob blob,
                      blobs_.ingest(temp, {"image/jpeg", "image/png", "application/pdf"}));
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow fresh, loadVisible(tx, actor, id));
    if (fresh.status == "closed") return Status::Conflict("this consultation is closed");
    db::DocumentRow d;
    d.ownerId = fresh.applicantId;
    d.docType = "consultation";
    d.sha256 = blob.sha256;
    d.size = blob.size;
    d.mime = blob.mime;
    d.filename = filename;
    d.createdAt = clock_.now();
    d.uploadedBy = *actor.userId;
    TB_ASSIGN_OR_RETURN(d.id, tx.documents().insert(d));
    TB_RETURN_IF_ERROR(tx.documents().setConsultation(d.id, fresh.id));
    TB_RETURN_IF_ERROR(message(tx, actor, fresh, filename, d.id));
    out = view(tx, fresh, true);
    return Status::Ok();
  }));
  return out;
}

Result<std::filesystem::path> ConsultationService::attachment(const Actor& actor, int64_t id,
                                                              int64_t documentId,
                                                              std::string& mime) {
  std::filesystem::path path;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow c, loadVisible(tx, actor, id));
    TB_ASSIGN_OR_RETURN(auto owner, tx.documents().consultationOf(documentId));
    if (!owner || *owner != c.id) return Status::NotFound("attachment not found");
    TB_ASSIGN_OR_RETURN(db::DocumentRow d, tx.documents().byId(documentId));
    mime = d.mime;
    path = blobs_.pathOf(d.sha256);
    if (actor.userId && *actor.userId != c.applicantId)
      return tx.audit().append(audit::Event(actor, clock_.now(), "document.read", "document",
                                            std::to_string(d.id), c.applicantId));
    return Status::Ok();
  }));
  return path;
}

Result<json::object> ConsultationService::take(const Actor& actor, int64_t id) {
  if (!access::ServesApplicants(actor))
    return Status::PermissionDenied("only staff take consultations");
  return handover(actor, id, actor.userId);
}

Result<json::object> ConsultationService::handover(const Actor& actor, int64_t id,
                                                   std::optional<int64_t> to) {
  if (!access::ServesApplicants(actor))
    return Status::PermissionDenied("only staff hand consultations over");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow c, loadVisible(tx, actor, id));
    if (c.status == "closed") return Status::Conflict("this consultation is closed");
    if (to) {
      auto target = tx.users().byId(*to);
      if (!target.ok() || !access::ServesApplicants(access::RoleOf(*target)))
        return Status::InvalidField("to_user_id", "unknown",
                                    "not a staff member who answers consultations");
    }
    std::optional<int64_t> from = c.assigneeId;
    c.assigneeId = to;
    c.updatedAt = clock_.now();
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.consultations().update(c));
    TB_RETURN_IF_ERROR(
        tx.audit().append(audit::Event(actor, clock_.now(), "consultation.handover", "consultation",
                                       std::to_string(c.id), c.applicantId,
                                       {{"from", from ? json::value(*from) : json::value(nullptr)},
                                        {"to", to ? json::value(*to) : json::value(nullptr)}})));
    out = view(tx, c, true);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> ConsultationService::close(const Actor& actor, int64_t id,
                                                std::optional<int> score,
                                                const std::string& comment) {
  if (score && (*score < 1 || *score > 5)) return Status::InvalidField("score", "range", "1 to 5");
  if (comment.size() > 1000)
    return Status::InvalidField("comment", "too_long", "at most 1000 bytes");
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::ConsultationRow c, loadVisible(tx, actor, id));
    bool applicant = actor.userId && *actor.userId == c.applicantId;
    if (score && !applicant)
      return Status::PermissionDenied("only the person who asked rates the answer");
    if (c.status == "closed") {
      // The applicant may still rate a question staff closed.
      if (!applicant || !score || c.rating) return Status::Conflict("this consultation is closed");
    }
    if (c.status != "closed") {
      c.status = "closed";
      c.closedAt = clock_.now();
    }
    if (score) {
      c.rating = *score;
      c.ratingComment = comment;
    }
    c.updatedAt = clock_.now();
    c.version += 1;
    TB_RETURN_IF_ERROR(tx.consultations().update(c));
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, clock_.now(), "consultation.close", "consultation", std::to_string(c.id),
        c.applicantId, {{"score", score ? json::value(*score) : json::value(nullptr)}})));
    out = view(tx, c, true);
    return Status::Ok();
  }));
  return out;
}

Status ConsultationService::setDuty(const Actor& actor, bool onDuty) {
  if (!access::ServesApplicants(actor)) return Status::PermissionDenied("only staff go on duty");
  return db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.consultations().setDuty(*actor.userId, onDuty, clock_.now()));
    return tx.audit().append(audit::Event(actor, clock_.now(), onDuty ? "duty.on" : "duty.off",
                                          "user", std::to_string(*actor.userId), std::nullopt));
  });
}

Result<json::array> ConsultationService::onDutyNow() {
  json::array out;
  auto ref = ref_.get();
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto ids, tx.consultations().onDuty());
    for (int64_t id : ids) {
      auto u = tx.users().byId(id);
      if (!u.ok()) continue;
      json::object o{{"id", u->id}, {"display_name", u->displayName}, {"role", u->role}};
      if (u->unitId)
        if (const auto* unit = ref->units->byId(*u->unitId))
          o["unit"] = {{"id", unit->id},
                       {"name", catalog::UnitDirectory::Name(*unit)},
                       {"timezone", unit->timezone}};
      TB_ASSIGN_OR_RETURN(int64_t load, tx.consultations().openCount(id));
      o["open"] = load;
      out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  return out;
}

Result<json::array> ConsultationService::canned() {
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.consultations().canned());
    for (const auto& c : rows)
      out.push_back({{"code", c.code},
                     {"title", catalog::TextJson(c.titleZh, c.titleEn, c.translations, "title")},
                     {"body", catalog::TextJson(c.bodyZh, c.bodyEn, c.translations, "body")}});
    return Status::Ok();
  }));
  return out;
}

namespace {
json::object FaqJson(const db::FaqRow& r) {
  return {{"code", r.code},
          {"item_code", r.itemCode ? json::value(*r.itemCode) : json::value(nullptr)},
          {"title", catalog::TextJson(r.titleZh, r.titleEn, r.translations, "title")},
          {"body", catalog::TextJson(r.bodyZh, r.bodyEn, r.translations, "body")}};
}
}  // namespace

Result<json::array> FaqService::search(const std::string& query, int limit, bool any) {
  std::string match = text::FtsQuery(query, any);
  json::array out;
  if (match.empty()) return out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.faq().search(match, limit));
    for (const auto& r : rows) out.push_back(FaqJson(r));
    return Status::Ok();
  }));
  return out;
}

Result<json::array> FaqService::forItem(const std::string& itemCode) {
  json::array out;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(auto rows, tx.faq().byItem(itemCode));
    for (const auto& r : rows) out.push_back(FaqJson(r));
    return Status::Ok();
  }));
  return out;
}

}  // namespace tongban::consult

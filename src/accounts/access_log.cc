#include "accounts/access_log.h"

#include <map>

namespace tongban::accounts {

namespace {

//! Why someone touched the person's data, as a code the app words: own | automatic | security
//! | assisted | case | identity | consultation | verification | other.
std::string Purpose(const db::AuditRow& a, bool byMe, bool aboutCase, bool aboutConsultation) {
  if (byMe) return "own";
  // An officer at a desk asked for the person's consent and applied for them.
  if (a.action.rfind("assist.", 0) == 0) return "assisted";
  if (a.actorRole == "system") return "automatic";
  if (a.action.rfind("auth.", 0) == 0) return "security";
  // Someone the person gave a document to (a bank checking the QR code, a share link's
  // recipient) looked at it.
  if (a.action == "certificate.verify" || a.action.rfind("certificate.shared_", 0) == 0)
    return "verification";
  if (a.action.rfind("certificate.", 0) == 0) return "case";
  if (aboutCase) return "case";
  if (aboutConsultation || a.action.rfind("consultation.", 0) == 0) return "consultation";
  if (a.action.rfind("video.", 0) == 0 || a.action.rfind("identity.", 0) == 0 ||
      a.action.rfind("appointment", 0) == 0 || a.action.rfind("profile.photo", 0) == 0)
    return "identity";
  return "other";
}

}  // namespace

Result<json::array> AccessLog::events(int64_t userId, bool othersOnly) {
  auto ref = reference_.get();
  json::array events;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    std::vector<db::AuditRow> rows;
    if (othersOnly) {
      TB_ASSIGN_OR_RETURN(rows, tx.audit().bySubjectFromOthers(userId, 200));
    } else {
      TB_ASSIGN_OR_RETURN(rows, tx.audit().bySubject(userId, 200));
    }
    std::map<int64_t, json::value> units;  // actor → their unit
    std::map<int64_t, json::value> cases;  // case → what it is
    auto unitOf = [&](int64_t actorId) -> json::value {
      auto it = units.find(actorId);
      if (it != units.end()) return it->second;
      json::value v = nullptr;
      auto u = tx.users().byId(actorId);
      if (u.ok() && u->unitId)
        if (const auto* unit = ref->units->byId(*u->unitId))
          v = json::object{{"code", unit->code},
                           {"name", {{"zh", unit->nameZh}, {"en", unit->nameEn}}}};
      return units[actorId] = v;
    };
    auto caseOf = [&](int64_t caseId) -> json::value {
      auto it = cases.find(caseId);
      if (it != cases.end()) return it->second;
      json::value v = nullptr;
      auto c = tx.cases().byId(caseId);
      if (c.ok()) {
        json::object o{{"id", c->id}, {"case_no", c->caseNo}, {"item_code", c->itemCode}};
        if (const auto* item = ref->catalog->item(c->itemCode))
          o["item_name"] = {{"zh", item->name.zh}, {"en", item->name.en}};
        v = std::move(o);
      }
      return cases[caseId] = v;
    };
    for (const auto& a : rows) {
      // Registering is done before there is an account to act as: it is still the person.
      bool byMe = (a.actorId && *a.actorId == userId) ||
                  (a.action == "user.create" && a.actorRole == "anonymous");
      if (byMe && othersOnly) continue;
      int64_t objectId = 0;
      try {
        objectId = std::stoll(a.objectId);
      } catch (...) {
      }
      json::value aboutCase = nullptr;
      bool aboutConsultation = a.objectType == "consultation";
      if (a.objectType == "case" && objectId) {
        aboutCase = caseOf(objectId);
      } else if (a.objectType == "certificate") {
        auto cert = tx.certificates().byId(a.objectId);
        if (cert.ok()) aboutCase = caseOf(cert->caseId);
      } else if (a.objectType == "document" && objectId) {
        auto doc = tx.documents().byId(objectId);
        if (doc.ok() && doc->caseId) aboutCase = caseOf(*doc->caseId);
        auto consultation = tx.documents().consultationOf(objectId);
        aboutConsultation = consultation.ok() && consultation->has_value();
      }
      std::string purpose = Purpose(a, byMe, !aboutCase.is_null(), aboutConsultation);
      json::object e{{"at", TimeJson(a.at)},
                     {"action", a.action},
                     {"actor_role", a.actorRole},
                     {"actor_unit", a.actorId && !byMe ? unitOf(*a.actorId) : nullptr},
                     {"by_me", byMe},
                     {"object_type", a.objectType},
                     {"object_id", a.objectId},
                     {"case", aboutCase},
                     {"purpose", purpose}};
      // The person met the officer who applied for them and gave consent to them by name.
      if (purpose == "assisted" && a.actorId) {
        auto who = tx.users().byId(*a.actorId);
        if (who.ok()) e["actor_name"] = who->displayName;
      }
      events.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  return events;
}

}  // namespace tongban::accounts

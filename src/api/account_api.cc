// A person's own account: profile (name, e-mail, language), password, notification
// preferences, who looked at their data, deleting the account, and calendar files of their
// appointments.

#include <map>

#include "api/routes.h"
#include "common/log.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

json::object PrefsJson(const db::NotificationPrefsRow& p) {
  return {{"in_app", true},
          {"email",
           {{"cases", p.emailCases},
            {"appointments", p.emailAppointments},
            {"consultations", p.emailConsultations}}}};
}

//! Why someone touched the person's data, as a code the app words: own | automatic | security
//! | case | identity | consultation | other.
std::string Purpose(const db::AuditRow& a, bool byMe, bool aboutCase, bool aboutConsultation) {
  if (byMe) return "own";
  if (a.actorRole == "system") return "automatic";
  if (a.action.rfind("auth.", 0) == 0) return "security";
  if (aboutCase) return "case";
  if (aboutConsultation || a.action.rfind("consultation.", 0) == 0) return "consultation";
  if (a.action.rfind("video.", 0) == 0 || a.action.rfind("identity.", 0) == 0 ||
      a.action.rfind("appointment", 0) == 0 || a.action.rfind("profile.photo", 0) == 0)
    return "identity";
  return "other";
}

//! "https://host" for links in files the person keeps (calendar entries).
std::string BaseUrl(const ApiDeps& d, const Request& req) {
  std::string host = req.header(bhttp::field::host);
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
        c != '[' && c != ']')
      return "";
  return (d.options.secureCookies ? "https://" : "http://") + host;
}

}  // namespace

void RegisterAccountRoutes(http::Router& r, ApiDeps& d) {
  const size_t kSmall = 8 * 1024;

  // Name, e-mail and language. The language is what notifications and e-mails are written in;
  // the web app saves it whenever the person changes the language menu while signed in.
  r.add(bhttp::verb::patch, "/api/v1/me", BodyKind::kJson, kSmall, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"display_name", "email", "locale", "current_password"});
    accounts::ProfileChange change;
    change.displayName = f.string("display_name", false, 100, 1);
    change.email = f.string("email", false, 254, 1);
    change.locale = f.string("locale", false, 10, 1);
    change.currentPassword = f.string("current_password", false, 256).value_or("");
    if (!f.ok()) return StatusResponse(f.status(), req);
    auto u = d.accounts.updateProfile(ActorOf(*p, req), *p, change);
    if (!u.ok()) return StatusResponse(u.status(), req);
    return Response::Json(200, json::object{{"user", UserJson(*u)}});
  });

  r.add(bhttp::verb::post, "/api/v1/me/password", BodyKind::kJson, kSmall, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"current_password", "new_password"});
    auto current = f.string("current_password", true, 256, 1);
    auto replacement = f.string("new_password", true, 256, 1);
    if (!f.ok()) return StatusResponse(f.status(), req);
    auto ended = d.accounts.changePassword(ActorOf(*p, req), *p, *current, *replacement);
    if (!ended.ok()) return StatusResponse(ended.status(), req);
    return Response::Json(200, json::object{{"changed", true}, {"other_sessions_ended", *ended}});
  });

  // Deleting one's account, confirmed with the password. What the law keeps stays (submitted
  // cases, their audit trail, identity-check records); the rest is erased (see
  // AccountService::deleteAccount) and the account can no longer sign in.
  r.add(bhttp::verb::delete_, "/api/v1/me", BodyKind::kJson, kSmall, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    FieldReader f(*body);
    f.rejectUnknown({"password"});
    auto password = f.string("password", true, 256, 1);
    if (!f.ok()) return StatusResponse(f.status(), req);
    auto erased = d.accounts.deleteAccount(ActorOf(*p, req), *p, *password);
    if (!erased.ok()) return StatusResponse(erased.status(), req);
    Status released = d.documents.releaseBlobs(erased->documentHashes);
    if (!released.ok())
      log::Warn("erased documents' files not all removed",
                {{"request_id", req.requestId}, {"error", released.message()}});
    Response resp = Response::Json(
        200, json::object{{"deleted", true},
                          {"erased",
                           {{"drafts", erased->drafts},
                            {"documents", erased->documents},
                            {"notifications", erased->notifications},
                            {"consultations", erased->consultations},
                            {"appointments_cancelled", erased->appointmentsCancelled}}},
                          {"kept", {"submitted_cases", "audit_trail", "identity_checks"}}});
    resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, d.options.secureCookies));
    return resp;
  });

  r.add(bhttp::verb::get, "/api/v1/me/notification-preferences", BodyKind::kNone, 0,
        [&d](Request& req) {
          auto p = Authenticate(d, req);
          if (!p.ok()) return StatusResponse(p.status(), req);
          db::NotificationPrefsRow prefs;
          Status s = d.db.read([&](db::Transaction& tx) -> Status {
            TB_ASSIGN_OR_RETURN(prefs, tx.notifications().preferences(p->user.id));
            return Status::Ok();
          });
          if (!s.ok()) return StatusResponse(s, req);
          return Response::Json(200, json::object{{"preferences", PrefsJson(prefs)}});
        });

  // In-app notifications are always on; e-mail can be turned off per kind.
  r.add(bhttp::verb::put, "/api/v1/me/notification-preferences", BodyKind::kJson, 2048,
        [&d](Request& req) {
          auto p = Authenticate(d, req);
          if (!p.ok()) return StatusResponse(p.status(), req);
          auto body = ParseJsonObject(req.body);
          if (!body.ok()) return StatusResponse(body.status(), req);
          FieldReader f(*body);
          f.rejectUnknown({"email", "in_app"});
          if (auto inApp = f.boolean("in_app", false); inApp && !*inApp)
            f.fail("in_app", "always_on", "in-app notifications cannot be turned off");
          const json::object* email = f.object("email", true);
          std::optional<bool> cases, appointments, consultations;
          static const json::object kNone;
          FieldReader e(email ? *email : kNone, "email.");
          if (email) {
            e.rejectUnknown({"cases", "appointments", "consultations"});
            cases = e.boolean("cases", false);
            appointments = e.boolean("appointments", false);
            consultations = e.boolean("consultations", false);
          }
          for (auto& [k, v] : e.errors()) f.errors()[k] = v;
          if (!f.ok()) return StatusResponse(f.status(), req);
          db::NotificationPrefsRow prefs;
          Status s = d.db.write([&](db::Transaction& tx) -> Status {
            TB_ASSIGN_OR_RETURN(prefs, tx.notifications().preferences(p->user.id));
            if (cases) prefs.emailCases = *cases;
            if (appointments) prefs.emailAppointments = *appointments;
            if (consultations) prefs.emailConsultations = *consultations;
            prefs.updatedAt = d.clock.now();
            return tx.notifications().setPreferences(prefs);
          });
          if (!s.ok()) return StatusResponse(s, req);
          return Response::Json(200, json::object{{"preferences", PrefsJson(prefs)}});
        });

  // Who looked at or changed my data: the person's view of the audit trail. Staff appear by
  // role and unit, never by name; each entry says what was touched and why.
  r.add(bhttp::verb::get, "/api/v1/me/access-log", BodyKind::kNone, 0, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    std::string by = req.query.count("by") ? req.query["by"] : "all";
    if (by != "all" && by != "others")
      return StatusResponse(Status::InvalidField("by", "option", "must be all or others"), req);
    auto ref = d.reference.get();
    json::array events;
    Status s = d.db.read([&](db::Transaction& tx) -> Status {
      std::vector<db::AuditRow> rows;
      if (by == "others") {
        TB_ASSIGN_OR_RETURN(rows, tx.audit().bySubjectFromOthers(p->user.id, 200));
      } else {
        TB_ASSIGN_OR_RETURN(rows, tx.audit().bySubject(p->user.id, 200));
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
        bool byMe = (a.actorId && *a.actorId == p->user.id) ||
                    (a.action == "user.create" && a.actorRole == "anonymous");
        if (byMe && by == "others") continue;
        int64_t objectId = 0;
        try {
          objectId = std::stoll(a.objectId);
        } catch (...) {
        }
        json::value aboutCase = nullptr;
        bool aboutConsultation = a.objectType == "consultation";
        if (a.objectType == "case" && objectId) {
          aboutCase = caseOf(objectId);
        } else if (a.objectType == "document" && objectId) {
          auto doc = tx.documents().byId(objectId);
          if (doc.ok() && doc->caseId) aboutCase = caseOf(*doc->caseId);
          auto consultation = tx.documents().consultationOf(objectId);
          aboutConsultation = consultation.ok() && consultation->has_value();
        }
        json::object e{{"at", TimeJson(a.at)},
                       {"action", a.action},
                       {"actor_role", a.actorRole},
                       {"actor_unit", a.actorId && !byMe ? unitOf(*a.actorId) : nullptr},
                       {"by_me", byMe},
                       {"object_type", a.objectType},
                       {"object_id", a.objectId},
                       {"case", aboutCase},
                       {"purpose", Purpose(a, byMe, !aboutCase.is_null(), aboutConsultation)}};
        events.push_back(std::move(e));
      }
      return Status::Ok();
    });
    if (!s.ok()) return StatusResponse(s, req);
    return Response::Json(200, json::object{{"events", std::move(events)}});
  });

  // An appointment as a calendar file (RFC 5545), in the person's language unless `lang` says.
  r.add(bhttp::verb::get, "/api/v1/appointments/:id/calendar.ics", BodyKind::kNone, 0,
        [&d](Request& req) {
          auto t = CallerAndId(d, req, "appointment");
          if (!t.ok()) return StatusResponse(t.status(), req);
          std::string lang = t->principal.user.locale;
          if (req.query.count("lang")) {
            lang = req.query["lang"];
            if (!accounts::IsSupportedLocale(lang))
              return StatusResponse(
                  Status::InvalidField("lang", "option",
                                       "must be one of zh-CN, en, it, es, fr, pt, de"),
                  req);
          }
          auto ics = d.appointments.calendarFile(t->actor, t->id, lang, BaseUrl(d, req));
          if (!ics.ok()) return StatusResponse(ics.status(), req);
          Response resp;
          resp.status = 200;
          resp.contentType = "text/calendar; charset=utf-8";
          resp.body = std::move(*ics);
          resp.headers.emplace_back(
              "Content-Disposition",
              "attachment; filename=\"tongban-appointment-" + std::to_string(t->id) + ".ics\"");
          resp.headers.emplace_back("Cache-Control", "no-store");
          return resp;
        });
}

}  // namespace tongban::api

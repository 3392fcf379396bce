// A person's own account: profile (name, e-mail, language), password, notification
// preferences, who looked at their data, deleting the account, and calendar files of their
// appointments.

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

//! "https://host" for links in files the person keeps (calendar entries).
std::string BaseUrl(const ApiDeps& d, const Request& req) {
  std::string host = req.header(bhttp::field::host);
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
        c != '[' && c != ']')
      return "";
  return (d.options.secureCookies ? "https://" : "http://") + host;
}

// Name, e-mail and language. The language is what notifications and e-mails are written in; the
// web app saves it whenever the person changes the language menu while signed in.
Result<Response> UpdateProfile(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"display_name", "email", "locale", "current_password"});
  accounts::ProfileChange change;
  change.displayName = f.string("display_name", false, 100, 1);
  change.email = f.string("email", false, 254, 1);
  change.locale = f.string("locale", false, 10, 1);
  change.currentPassword = f.string("current_password", false, 256).value_or("");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto u, d.accounts.updateProfile(ActorOf(p, req), p, change));
  return Response::Json(200, json::object{{"user", UserJson(u)}});
}

Result<Response> ChangePassword(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"current_password", "new_password"});
  auto current = f.string("current_password", true, 256, 1);
  auto replacement = f.string("new_password", true, 256, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto ended,
                      d.accounts.changePassword(ActorOf(p, req), p, *current, *replacement));
  return Response::Json(200, json::object{{"changed", true}, {"other_sessions_ended", ended}});
}

// Deleting one's account, confirmed with the password. What the law keeps stays (submitted
// cases, their audit trail, identity-check records); the rest is erased (see
// AccountService::deleteAccount) and the account can no longer sign in.
Result<Response> DeleteAccount(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"password"});
  auto password = f.string("password", true, 256, 1);
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto erased, d.accounts.deleteAccount(ActorOf(p, req), p, *password));
  d.hub.closeRoom(UserRoom(p.user.id));  // the person's other tabs and phones
  Status released = d.documents.releaseBlobs(erased.documentHashes);
  if (!released.ok())
    log::Warn("erased documents' files not all removed",
              {{"request_id", req.requestId}, {"error", released.message()}});
  Response resp = Response::Json(
      200, json::object{{"deleted", true},
                        {"erased",
                         {{"drafts", erased.drafts},
                          {"documents", erased.documents},
                          {"notifications", erased.notifications},
                          {"consultations", erased.consultations},
                          {"appointments_cancelled", erased.appointmentsCancelled}}},
                        {"kept", {"submitted_cases", "audit_trail", "identity_checks"}}});
  resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, d.options.secureCookies));
  return resp;
}

Result<Response> GetPreferences(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto prefs, d.inbox.preferences(p.user.id));
  return Response::Json(200, json::object{{"preferences", PrefsJson(prefs)}});
}

// In-app notifications are always on; e-mail can be turned off per kind.
Result<Response> SetPreferences(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"email", "in_app"});
  if (auto inApp = f.boolean("in_app", false); inApp && !*inApp)
    f.fail("in_app", "always_on", "in-app notifications cannot be turned off");
  const json::object* email = f.object("email", true);
  notify::EmailChoices change;
  static const json::object kNone;
  FieldReader e(email ? *email : kNone, "email.");
  if (email) {
    e.rejectUnknown({"cases", "appointments", "consultations"});
    change.cases = e.boolean("cases", false);
    change.appointments = e.boolean("appointments", false);
    change.consultations = e.boolean("consultations", false);
  }
  for (auto& [k, v] : e.errors()) f.errors()[k] = v;
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto prefs, d.inbox.setPreferences(p.user.id, change));
  return Response::Json(200, json::object{{"preferences", PrefsJson(prefs)}});
}

// Who looked at or changed my data: the person's view of the audit trail (accounts::AccessLog).
Result<Response> MyAccessLog(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Authenticate(d, req));
  std::string by = req.query.count("by") ? req.query["by"] : "all";
  if (by != "all" && by != "others")
    return Status::InvalidField("by", "option", "must be all or others");
  TB_ASSIGN_OR_RETURN(auto events, d.accessLog.events(p.user.id, by == "others"));
  return Response::Json(200, json::object{{"events", std::move(events)}});
}

// An appointment as a calendar file (RFC 5545), in the person's language unless `lang` says.
Result<Response> CalendarFile(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto t, CallerAndId(d, req, "appointment"));
  std::string lang = t.principal.user.locale;
  if (req.query.count("lang")) {
    lang = req.query["lang"];
    if (!accounts::IsSupportedLocale(lang))
      return Status::InvalidField("lang", "option", "must be one of zh-CN, en, it, es, fr, pt, de");
  }
  TB_ASSIGN_OR_RETURN(auto ics, d.appointments.calendarFile(t.actor, t.id, lang, BaseUrl(d, req)));
  Response resp;
  resp.status = 200;
  resp.contentType = "text/calendar; charset=utf-8";
  resp.body = std::move(ics);
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"tongban-appointment-" +
                                                       std::to_string(t.id) + ".ics\"");
  resp.headers.emplace_back("Cache-Control", "no-store");
  return resp;
}

}  // namespace

void RegisterAccountRoutes(http::Router& r, ApiDeps& d) {
  using V = bhttp::verb;
  constexpr size_t kSmall = 8 * 1024;
  static constexpr ApiRoute kRoutes[] = {
      {V::patch, "/api/v1/me", BodyKind::kJson, UpdateProfile, kSmall},
      {V::post, "/api/v1/me/password", BodyKind::kJson, ChangePassword, kSmall},
      {V::delete_, "/api/v1/me", BodyKind::kJson, DeleteAccount, kSmall},
      {V::get, "/api/v1/me/notification-preferences", BodyKind::kNone, GetPreferences},
      {V::put, "/api/v1/me/notification-preferences", BodyKind::kJson, SetPreferences, 2048},
      {V::get, "/api/v1/me/access-log", BodyKind::kNone, MyAccessLog},
      {V::get, "/api/v1/appointments/:id/calendar.ics", BodyKind::kNone, CalendarFile},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api

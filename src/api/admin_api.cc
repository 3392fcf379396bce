// Administration: staff and applicant accounts, units, webhooks and their deliveries, and the
// list of event topics. Every route is for administrators only (403 for anyone else), every
// change writes its audit event in the same transaction, and reading the list of accounts is
// audited too (it is personal data of many people).

#include <regex>
#include <set>

#include "access/access.h"
#include "api/routes.h"
#include "common/countries.h"
#include "common/crypto.h"
#include "common/event_topics.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

const std::set<std::string> kStaffRoles = {"officer", "supervisor", "department", "liaison",
                                           "admin"};
const std::set<std::string> kUnitKinds = {"bureau",       "branch_centre", "service_site",
                                          "liaison_site", "department",    "special_team"};

//! The caller if they are an administrator: Unauthenticated or PermissionDenied otherwise.
Result<accounts::Principal> Admin(ApiDeps& d, const Request& req) {
  auto p = Authenticate(d, req);
  if (!p.ok()) return p.status();
  if (!access::IsAdmin(access::RoleOf(p->user)))
    return Status::PermissionDenied("for administrators");
  return p;
}

json::value UnitRef(const catalog::UnitDirectory& units, std::optional<int64_t> id) {
  if (!id) return nullptr;
  const auto* u = units.byId(*id);
  if (!u) return json::object{{"id", *id}};
  return json::object{{"id", u->id}, {"code", u->code}, {"name", catalog::UnitDirectory::Name(*u)}};
}

json::object AdminUserJson(const db::UserRow& u, const catalog::UnitDirectory& units) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.displayName},
          {"role", u.role},
          {"unit_id", u.unitId ? json::value(*u.unitId) : json::value(nullptr)},
          {"unit", UnitRef(units, u.unitId)},
          {"disabled", u.disabled},
          {"created_at", TimeJson(u.createdAt)},
          {"assurance", u.assurance},
          {"locale", u.locale}};
}

json::object UnitJson(const db::UnitRow& u) {
  json::object o = catalog::UnitDirectory::ToJson(u);
  o["parent_id"] = u.parentId ? json::value(*u.parentId) : json::value(nullptr);
  return o;
}

//! `unit_id` of a body: absent (nullopt), explicitly null (a value holding nullopt), or an id.
std::optional<std::optional<int64_t>> UnitIdField(const json::object& body, FieldReader& f) {
  auto it = body.find("unit_id");
  if (it == body.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<int64_t>();
  auto id = f.integer("unit_id", false, 1, INT64_MAX);
  if (!id) return std::nullopt;
  return std::optional<int64_t>(*id);
}

// ------------------------------------------------------------------------------------ units

//! Reads the fields of a unit from `body` into `u`; `create` makes the basic ones required.
//! Field errors name the body's keys (name.zh, opening_hours[0].close, …).
void ReadUnit(const json::object& body, bool create, db::UnitRow& u, FieldReader& f,
              const catalog::UnitDirectory& units) {
  f.rejectUnknown({"code", "parent_id", "kind", "name", "country", "city", "timezone", "address",
                   "opening_hours", "phone", "lat", "lon"});
  static const std::regex kCode("^[A-Z0-9][A-Z0-9-]{1,29}$");
  static const std::regex kTz("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$");
  static const std::regex kTime("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  static const std::regex kPhone("^\\+[0-9][0-9 ()-]{4,30}$");
  if (auto code = f.string("code", create, 30, 1)) {
    if (!std::regex_match(*code, kCode))
      f.fail("code", "pattern", "2 to 30 capital letters, digits or hyphens, e.g. LS-LYON");
    else
      u.code = *code;
  }
  if (auto kind = f.string("kind", create, 20, 1)) {
    if (!kUnitKinds.count(*kind))
      f.fail("kind", "option",
             "must be bureau, branch_centre, service_site, liaison_site, department or "
             "special_team");
    else
      u.kind = *kind;
  }
  if (body.contains("parent_id")) {
    if (body.at("parent_id").is_null()) {
      u.parentId.reset();
    } else if (auto parent = f.integer("parent_id", false, 1, INT64_MAX)) {
      if (!units.byId(*parent))
        f.fail("parent_id", "no_such_unit", "no such unit");
      else if (u.id && units.isWithin(*parent, u.id))
        f.fail("parent_id", "cycle", "a unit cannot be placed under itself or a unit below it");
      else
        u.parentId = *parent;
    }
  }
  for (const char* key : {"name", "address"}) {
    const json::object* text = f.object(key, create);
    if (!text) continue;
    FieldReader t(*text, std::string(key) + ".");
    t.rejectUnknown({"zh", "en"});
    bool isName = std::string(key) == "name";
    auto zh = t.string("zh", create, isName ? 100 : 300, 1);
    auto en = t.string("en", create, isName ? 100 : 300, 1);
    for (auto& [k, v] : t.errors()) f.errors()[k] = v;
    std::string& zhOut = isName ? u.nameZh : u.addressZh;
    std::string& enOut = isName ? u.nameEn : u.addressEn;
    // Translations beyond zh/en come from catalog/i18n by the English text: a changed text
    // drops them (English is shown until they are translated again) rather than keep a stale one.
    if ((zh && *zh != zhOut) || (en && *en != enOut)) u.translations.erase(key);
    if (zh) zhOut = *zh;
    if (en) enOut = *en;
  }
  if (auto country = f.string("country", create, 2, 1)) {
    if (!IsIsoCountry(*country))
      f.fail("country", "country", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. IT");
    else
      u.country = *country;
  }
  if (auto city = f.string("city", create, 100, 1)) u.city = *city;
  if (auto tz = f.string("timezone", create, 60, 1)) {
    if (!std::regex_match(*tz, kTz))
      f.fail("timezone", "timezone", "must be an IANA time zone like Europe/Rome");
    else
      u.timezone = *tz;
  }
  if (auto phone = f.string("phone", false, 40)) {
    if (!phone->empty() && !std::regex_match(*phone, kPhone))
      f.fail("phone", "phone", "must start with + and the country code, e.g. +39 02 1234 5678");
    else
      u.phone = *phone;
  }
  if (auto it = body.find("opening_hours"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_array() || it->value().as_array().size() > 14) {
      f.fail("opening_hours", "type", "must be a list of at most 14 {days, open, close}");
    } else {
      const auto& hours = it->value().as_array();
      bool good = true;
      for (size_t i = 0; i < hours.size(); ++i) {
        std::string p = "opening_hours[" + std::to_string(i) + "].";
        if (!hours[i].is_object()) {
          f.fail(p.substr(0, p.size() - 1), "type", "must be {days, open, close}");
          good = false;
          continue;
        }
        FieldReader h(hours[i].as_object(), p);
        h.rejectUnknown({"days", "open", "close"});
        auto days = hours[i].as_object().find("days");
        bool daysOk = days != hours[i].as_object().end() && days->value().is_array() &&
                      !days->value().as_array().empty();
        if (daysOk)
          for (const auto& dd : days->value().as_array())
            daysOk = daysOk && dd.is_int64() && dd.as_int64() >= 1 && dd.as_int64() <= 7;
        if (!daysOk) h.fail("days", "range", "a non-empty list of ISO weekdays 1 (Monday)..7");
        auto open = h.string("open", true, 5, 1);
        auto close = h.string("close", true, 5, 1);
        if (open && !std::regex_match(*open, kTime)) h.fail("open", "time", "must be HH:MM");
        if (close && (!std::regex_match(*close, kTime) || (open && *close <= *open)))
          h.fail("close", "time", "must be HH:MM after the opening time");
        for (auto& [k, v] : h.errors()) f.errors()[k] = v;
        good = good && h.ok();
      }
      if (good) u.openingHoursJson = json::serialize(hours);
    }
  } else if (create) {
    u.openingHoursJson = "[]";
  }
  for (const char* key : {"lat", "lon"}) {
    auto it = body.find(key);
    if (it == body.end()) continue;
    auto& out = std::string(key) == "lat" ? u.lat : u.lon;
    if (it->value().is_null()) {
      out.reset();
      continue;
    }
    double lim = std::string(key) == "lat" ? 90 : 180;
    if (!it->value().is_number() || it->value().to_number<double>() < -lim ||
        it->value().to_number<double>() > lim)
      f.fail(key, "range",
             "must be a number between -" + std::to_string(int(lim)) + " and " +
                 std::to_string(int(lim)));
    else
      out = it->value().to_number<double>();
  }
  if (u.lat.has_value() != u.lon.has_value()) f.fail("lon", "required", "give both lat and lon");
}

// --------------------------------------------------------------------------------- webhooks

}  // namespace

json::object DeliveryJson(const db::DeliveryRow& r) {
  return {{"id", r.id},
          {"channel", r.channel},
          {"target", r.target},
          {"topic", r.topic},
          {"status", r.status},
          {"attempts", r.attempts},
          {"last_error", r.lastError},
          {"next_attempt_at", TimeJson(r.nextAttemptAt)},
          {"updated_at", TimeJson(r.updatedAt)},
          {"webhook_id", r.webhookId ? json::value(*r.webhookId) : json::value(nullptr)}};
}

namespace {

json::object WebhookJson(const db::WebhookRow& h, const db::WebhookStatsRow* stats,
                         const catalog::UnitDirectory& units) {
  boost::system::error_code ec;
  json::value topics = json::parse(h.topicsJson, ec);
  if (ec || !topics.is_array()) topics = json::array();
  json::object counts{{"pending", 0}, {"sent", 0}, {"failed", 0}};
  if (stats)
    for (const auto& [status, n] : stats->byStatus) counts[status] = n;
  return {{"id", h.id},
          {"url", h.url},
          {"topics", topics},
          {"owner_unit_id", h.ownerUnitId ? json::value(*h.ownerUnitId) : json::value(nullptr)},
          {"owner_unit", UnitRef(units, h.ownerUnitId)},
          {"disabled", !h.active},
          {"created_at", TimeJson(h.createdAt)},
          {"deliveries", counts},
          {"last_error", stats ? stats->lastError : ""},
          {"last_error_at", stats ? TimeJson(stats->lastErrorAt) : json::value(nullptr)}};
}

// ------------------------------------------------------------------------------ handlers

Result<Response> ListUsers(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto ref = d.reference.get();
  FieldErrors errors;
  db::UserQuery q;
  auto param = [&](const char* k) { return req.query.count(k) ? req.query[k] : std::string(); };
  q.q = param("q");
  if (q.q.size() > 100) errors["q"] = {"too_long", "at most 100 bytes"};
  if (std::string role = param("role"); !role.empty()) {
    if (!kStaffRoles.count(role) && role != "applicant")
      errors["role"] = {"option",
                        "must be applicant, officer, supervisor, department, liaison or admin"};
    q.role = role;
  }
  if (std::string unit = param("unit"); !unit.empty()) {
    const db::UnitRow* u = ref->units->byCode(unit);
    if (!u && unit.find_first_not_of("0123456789") == std::string::npos && unit.size() < 16)
      u = ref->units->byId(std::stoll(unit));
    if (!u)
      errors["unit"] = {"no_such_unit", "no such unit (give its id or code)"};
    else
      q.unitId = u->id;
  }
  if (std::string dis = param("disabled"); !dis.empty()) {
    if (dis == "true" || dis == "1")
      q.disabled = true;
    else if (dis == "false" || dis == "0")
      q.disabled = false;
    else
      errors["disabled"] = {"option", "must be true or false"};
  }
  auto number = [&](const char* k, int64_t def, int64_t min, int64_t max) -> int64_t {
    std::string v = param(k);
    if (v.empty()) return def;
    if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(v) < min || std::stoll(v) > max) {
      errors[k] = {"range", "must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max)};
      return def;
    }
    return std::stoll(v);
  };
  q.limit = int(number("limit", 50, 1, 200));
  q.offset = number("offset", 0, 0, 100000000);
  if (!errors.empty()) return Status::InvalidArgument("invalid query", errors);
  TB_ASSIGN_OR_RETURN(auto page, d.accounts.searchUsers(ActorOf(p, req), q));
  json::array out;
  for (const auto& u : page.users) out.push_back(AdminUserJson(u, *ref->units));
  return Response::Json(200, json::object{{"users", std::move(out)},
                                          {"total", page.total},
                                          {"limit", q.limit},
                                          {"offset", q.offset}});
}

// A staff account. The administrator gives a temporary password (12 characters or more) or the
// server makes one and returns it once.
Result<Response> CreateUser(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  auto ref = d.reference.get();
  FieldReader f(body);
  f.rejectUnknown({"email", "display_name", "role", "unit_id", "password"});
  auto email = f.string("email", true, 254, 1);
  auto name = f.string("display_name", true, 100, 1);
  auto role = f.string("role", true, 20, 1);
  auto unit = UnitIdField(body, f);
  auto password = f.string("password", false, 256);
  if (role && !kStaffRoles.count(*role))
    f.fail("role", "option", "must be officer, supervisor, department, liaison or admin");
  std::optional<int64_t> unitId = unit ? *unit : std::nullopt;
  if (unitId && !ref->units->byId(*unitId)) f.fail("unit_id", "no_such_unit", "no such unit");
  if (role && *role != "admin" && !unitId && !f.errors().count("unit_id"))
    f.fail("unit_id", "required", "every staff role but admin belongs to a unit");
  bool generated = !password || password->empty();
  if (!generated && password->size() < 12)
    f.fail("password", "too_short",
           "a temporary password has at least 12 characters (or leave it out to generate one)");
  TB_RETURN_IF_ERROR(f.status());
  std::string pw = generated ? crypto::RandomToken(12) : *password;
  auto u = d.accounts.createUser(ActorOf(p, req), *email, pw, *name, *role, unitId);
  if (!u.ok()) {
    // The account code names the unit "unit"; this API calls it unit_id.
    Status st = u.status();
    if (st.fields().count("unit")) {
      FieldErrors fe = st.fields();
      fe["unit_id"] = fe["unit"];
      fe.erase("unit");
      st = Status::InvalidArgument(st.message(), fe);
    }
    return st;
  }
  json::object out{{"user", AdminUserJson(*u, *ref->units)}};
  if (generated) out["password"] = pw;  // shown once; never stored in clear
  return Response::Json(201, out);
}

// Role, unit, name; disabling ends every session of the account at once. Administrators cannot
// disable or demote themselves (someone must be left to undo it).
Result<Response> UpdateUser(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("user not found");
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  auto ref = d.reference.get();
  FieldReader f(body);
  f.rejectUnknown({"role", "unit_id", "display_name", "disabled"});
  accounts::AccountChange change;
  change.role = f.string("role", false, 20, 1);
  change.unitId = UnitIdField(body, f);
  change.displayName = f.string("display_name", false, 100, 1);
  change.disabled = f.boolean("disabled", false);
  if (change.role && !kStaffRoles.count(*change.role))
    f.fail("role", "option", "must be officer, supervisor, department, liaison or admin");
  if (change.unitId && *change.unitId && !ref->units->byId(**change.unitId))
    f.fail("unit_id", "no_such_unit", "no such unit");
  if (body.empty()) f.fail("body", "required", "nothing to change");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto changed, d.accounts.changeAccount(ActorOf(p, req), *id, change));
  if (changed.user.disabled) d.hub.closeRoom(UserRoom(changed.user.id));
  return Response::Json(200, json::object{{"user", AdminUserJson(changed.user, *ref->units)},
                                          {"sessions_ended", changed.sessionsEnded}});
}

// After a change the server's unit directory (queues, appointments, notifications, the public
// list) is reloaded. `tongban seed --demo` writes catalog/units.json over units of the same code.
Result<Response> CreateUnit(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  auto ref = d.reference.get();
  db::UnitRow u;
  FieldReader f(body);
  ReadUnit(body, true, u, f, *ref->units);
  if (f.ok() && ref->units->byCode(u.code))
    f.fail("code", "code_taken", "another unit has this code");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto fresh, d.unitEditor.create(ActorOf(p, req), u, body));
  return Response::Json(201, json::object{{"unit", UnitJson(fresh)}});
}

Result<Response> UpdateUnit(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto id = IdParam(req, "id");
  auto ref = d.reference.get();
  const db::UnitRow* old = id ? ref->units->byId(*id) : nullptr;
  if (!old) return Status::NotFound("no such unit");
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  db::UnitRow u = *old;
  FieldReader f(body);
  ReadUnit(body, false, u, f, *ref->units);
  if (body.empty()) f.fail("body", "required", "nothing to change");
  if (f.ok() && u.code != old->code && ref->units->byCode(u.code))
    f.fail("code", "code_taken", "another unit has this code");
  TB_RETURN_IF_ERROR(f.status());
  TB_ASSIGN_OR_RETURN(auto fresh, d.unitEditor.update(ActorOf(p, req), u, body));
  return Response::Json(200, json::object{{"unit", UnitJson(fresh)}});
}

Result<Response> ListWebhooks(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto ref = d.reference.get();
  TB_ASSIGN_OR_RETURN(auto hooks, d.webhooks.list(ActorOf(p, req)));
  json::array out;
  for (const auto& h : hooks)
    out.push_back(WebhookJson(h.hook, h.stats ? &*h.stats : nullptr, *ref->units));
  return Response::Json(200, json::object{{"webhooks", std::move(out)}});
}

// A disabled webhook is given no new deliveries and its pending ones wait (they are sent if it
// is enabled again).
Result<Response> UpdateWebhook(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("webhook not found");
  TB_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req.body));
  FieldReader f(body);
  f.rejectUnknown({"disabled"});
  auto disabled = f.boolean("disabled", true);
  TB_RETURN_IF_ERROR(f.status());
  auto ref = d.reference.get();
  TB_ASSIGN_OR_RETURN(auto h, d.webhooks.setDisabled(ActorOf(p, req), *id, *disabled));
  return Response::Json(
      200,
      json::object{{"webhook", WebhookJson(h.hook, h.stats ? &*h.stats : nullptr, *ref->units)}});
}

// A failed delivery (e-mail or webhook) goes back to pending, due now, with its attempts counted
// afresh.
Result<Response> RetryDelivery(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(auto p, Admin(d, req));
  auto id = IdParam(req, "id");
  if (!id) return Status::NotFound("delivery not found");
  TB_ASSIGN_OR_RETURN(auto row, d.webhooks.retry(ActorOf(p, req), *id));
  return Response::Json(200, json::object{{"delivery", DeliveryJson(row)}});
}

// What a webhook can subscribe to (src/common/event_topics.cc is the one list).
Result<Response> ListEventTopics(ApiDeps& d, Request& req) {
  TB_RETURN_IF_ERROR(Admin(d, req).status());
  json::array out;
  for (const auto& t : EventTopics())
    out.push_back(
        {{"name", t.name}, {"description", {{"zh", t.descriptionZh}, {"en", t.descriptionEn}}}});
  return Response::Json(200, json::object{{"topics", std::move(out)}, {"wildcard", "*"}});
}

}  // namespace

void RegisterAdminRoutes(http::Router& r, ApiDeps& d) {
  using V = bhttp::verb;
  constexpr size_t kSmall = 8 * 1024;
  static constexpr ApiRoute kRoutes[] = {
      {V::get, "/api/v1/admin/users", BodyKind::kNone, ListUsers},
      {V::post, "/api/v1/admin/users", BodyKind::kJson, CreateUser, kSmall},
      {V::patch, "/api/v1/admin/users/:id", BodyKind::kJson, UpdateUser, kSmall},
      {V::post, "/api/v1/admin/units", BodyKind::kJson, CreateUnit, 16 * 1024},
      {V::patch, "/api/v1/admin/units/:id", BodyKind::kJson, UpdateUnit, 16 * 1024},
      {V::get, "/api/v1/admin/webhooks", BodyKind::kNone, ListWebhooks},
      {V::patch, "/api/v1/admin/webhooks/:id", BodyKind::kJson, UpdateWebhook, 1024},
      {V::post, "/api/v1/admin/deliveries/:id/retry", BodyKind::kJson, RetryDelivery, 1024},
      {V::get, "/api/v1/event-topics", BodyKind::kNone, ListEventTopics},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api

#include <cmath>

#include "access/access.h"
#include "api/routes.h"
#include "audit/audit.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

json::object Text(const catalog::Text& t) { return t.ToJson(); }

//! Whole amounts as integers (120, not 1.2E2).
json::value Amount(double d) {
  return d == std::floor(d) && std::fabs(d) < 1e15 ? json::value(int64_t(d)) : json::value(d);
}

json::object ItemSummary(const catalog::Item& i) {
  return {{"code", i.code},
          {"kind", i.kind},
          {"category", i.category},
          {"name", Text(i.name)},
          {"mode", catalog::ModeName(i.mode)},
          {"assurance", i.assurance},
          {"time_limit_days", i.timeLimitDays},
          {"fee", {{"amount", Amount(i.fee)}, {"currency", i.currency}}},
          {"proxy_allowed", i.proxyAllowed}};
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0, kRad = M_PI / 180;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::sqrt(a));
}

std::optional<double> ParseCoordinate(const std::string& s, double limit) {
  if (s.empty() || s.size() > 24) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < -limit || v > limit)
    return std::nullopt;
  return v;
}

}  // namespace

void RegisterCatalogRoutes(http::Router& r, ApiDeps& d) {
  r.add(bhttp::verb::get, "/api/v1/categories", BodyKind::kNone, 0, [&d](Request& req) {
    auto ref = d.reference.get();
    json::array out;
    for (const auto& c : ref->catalog->categories()) {
      json::object o{
          {"code", c.code}, {"name", Text(c.name)}, {"description", Text(c.description)}};
      o["business_items"] = ref->catalog->list(c.code, "business").size();
      o["query_items"] = ref->catalog->list(c.code, "query").size();
      out.push_back(std::move(o));
    }
    return Response::Json(200, json::object{{"categories", std::move(out)}});
  });

  r.add(bhttp::verb::get, "/api/v1/items", BodyKind::kNone, 0, [&d](Request& req) {
    auto ref = d.reference.get();
    FieldErrors errors;
    std::string category = req.query.count("category") ? req.query["category"] : "";
    std::string kind = req.query.count("kind") ? req.query["kind"] : "";
    std::string q = req.query.count("q") ? req.query["q"] : "";
    if (!category.empty() && !ref->catalog->category(category))
      errors["category"] = {"unknown", "no such category"};
    if (!kind.empty() && kind != "business" && kind != "query")
      errors["kind"] = {"option", "must be business or query"};
    if (q.size() > 100) errors["q"] = {"too_long", "must be at most 100 bytes"};
    if (!errors.empty())
      return StatusResponse(Status::InvalidArgument("invalid query", errors), req);
    std::vector<const catalog::Item*> items =
        q.empty() ? ref->catalog->list(category, kind) : ref->catalog->search(q, category);
    json::array out;
    for (const auto* i : items)
      if (kind.empty() || i->kind == kind) out.push_back(ItemSummary(*i));
    return Response::Json(200, json::object{{"items", std::move(out)}});
  });

  r.add(bhttp::verb::get, "/api/v1/items/:code", BodyKind::kNone, 0, [&d](Request& req) {
    auto ref = d.reference.get();
    const catalog::Item* item = ref->catalog->item(req.params["code"]);
    if (!item) return StatusResponse(Status::NotFound("no such item"), req);
    json::object o = item->spec;
    if (const auto* u = ref->units->byCode(item->owner))
      o["owner_unit"] = catalog::UnitDirectory::ToJson(*u);
    return Response::Json(200, json::object{{"item", std::move(o)}});
  });

  r.add(bhttp::verb::patch, "/api/v1/items/:code", BodyKind::kJson, 16 * 1024, [&d](Request& req) {
    auto p = Authenticate(d, req);
    if (!p.ok()) return StatusResponse(p.status(), req);
    if (!access::IsAdmin(access::RoleOf(p->user)))
      return StatusResponse(Status::PermissionDenied("administrators edit the catalogue"), req);
    const catalog::Item* item = d.reference.get()->catalog->item(req.params["code"]);
    if (!item) return StatusResponse(Status::NotFound("no such item"), req);
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return StatusResponse(body.status(), req);
    auto spec = catalog::EditItemBasics(*item, *body);
    if (!spec.ok()) return StatusResponse(spec.status(), req);
    Actor actor = ActorOf(*p, req);
    std::string code = item->code, category = item->category, kind = item->kind;
    Status s = d.db.write([&](db::Transaction& tx) -> Status {
      TB_RETURN_IF_ERROR(tx.catalog().upsertItem(
          {code, category, kind, json::serialize(*spec), FormatTimestamp(d.clock.now())}));
      return tx.audit().append(audit::Event(actor, d.clock.now(), "catalog.item_update", "item",
                                            code, std::nullopt, *body));
    });
    if (!s.ok()) return StatusResponse(s, req);
    if (Status r = d.reference.reload(); !r.ok()) return StatusResponse(r, req);
    json::object o = d.reference.get()->catalog->item(code)->spec;
    return Response::Json(200, json::object{{"item", std::move(o)}});
  });

  r.add(bhttp::verb::get, "/api/v1/units", BodyKind::kNone, 0, [&d](Request& req) {
    auto ref = d.reference.get();
    FieldErrors errors;
    std::string kind = req.query.count("kind") ? req.query["kind"] : "";
    std::string country = req.query.count("country") ? req.query["country"] : "";
    std::optional<double> lat, lon;
    if (req.query.count("lat") || req.query.count("lon")) {
      lat = ParseCoordinate(req.query["lat"], 90);
      lon = ParseCoordinate(req.query["lon"], 180);
      if (!lat) errors["lat"] = {"range", "must be a latitude between -90 and 90"};
      if (!lon) errors["lon"] = {"range", "must be a longitude between -180 and 180"};
    }
    if (kind.size() > 20) errors["kind"] = {"too_long", "unknown kind"};
    if (!errors.empty())
      return StatusResponse(Status::InvalidArgument("invalid query", errors), req);
    std::vector<std::pair<double, json::object>> rows;
    for (const auto& u : ref->units->all()) {
      if (!kind.empty() && u.kind != kind) continue;
      if (!country.empty() && u.country != country) continue;
      json::object o = catalog::UnitDirectory::ToJson(u);
      o["parent_id"] = u.parentId ? json::value(*u.parentId) : json::value(nullptr);
      double dist = 0;
      if (lat && lon && u.lat && u.lon) {
        dist = DistanceKm(*lat, *lon, *u.lat, *u.lon);
        o["distance_km"] = std::round(dist * 10) / 10;
      }
      rows.emplace_back(dist, std::move(o));
    }
    if (lat && lon)
      std::stable_sort(rows.begin(), rows.end(),
                       [](auto& a, auto& b) { return a.first < b.first; });
    json::array out;
    for (auto& [dist, o] : rows) out.push_back(std::move(o));
    return Response::Json(200, json::object{{"units", std::move(out)}});
  });

  r.add(bhttp::verb::get, "/api/v1/units/:id", BodyKind::kNone, 0, [&d](Request& req) {
    auto id = IdParam(req, "id");
    const db::UnitRow* u = id ? d.reference.get()->units->byId(*id) : nullptr;
    if (!u) return StatusResponse(Status::NotFound("no such unit"), req);
    json::object o = catalog::UnitDirectory::ToJson(*u);
    o["parent_id"] = u->parentId ? json::value(*u->parentId) : json::value(nullptr);
    return Response::Json(200, json::object{{"unit", std::move(o)}});
  });
}

}  // namespace tongban::api

#include <cmath>

#include "api/routes.h"

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

Result<Response> Categories(ApiDeps& d, Request&) {
  auto ref = d.reference.get();
  json::array out;
  for (const auto& c : ref->catalog->categories()) {
    json::object o{{"code", c.code}, {"name", Text(c.name)}, {"description", Text(c.description)}};
    o["business_items"] = ref->catalog->list(c.code, "business").size();
    o["query_items"] = ref->catalog->list(c.code, "query").size();
    out.push_back(std::move(o));
  }
  return Response::Json(200, json::object{{"categories", std::move(out)}});
}

Result<Response> Items(ApiDeps& d, Request& req) {
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
  if (!errors.empty()) return Status::InvalidArgument("invalid query", errors);
  std::vector<const catalog::Item*> items =
      q.empty() ? ref->catalog->list(category, kind) : ref->catalog->search(q, category);
  json::array out;
  for (const auto* i : items)
    if (kind.empty() || i->kind == kind) out.push_back(ItemSummary(*i));
  return Response::Json(200, json::object{{"items", std::move(out)}});
}

Result<Response> GetItem(ApiDeps& d, Request& req) {
  auto ref = d.reference.get();
  const catalog::Item* item = ref->catalog->item(req.params["code"]);
  if (!item) return Status::NotFound("no such item");
  json::object o = item->spec;
  if (const auto* u = ref->units->byCode(item->owner))
    o["owner_unit"] = catalog::UnitDirectory::ToJson(*u);
  return Response::Json(200, json::object{{"item", std::move(o)}});
}

Result<Response> EditItem(ApiDeps& d, Request& req) {
  TB_ASSIGN_OR_RETURN(accounts::Principal p, Authenticate(d, req));
  TB_ASSIGN_OR_RETURN(json::object spec,
                      d.reference.editItem(ActorOf(p, req), d.clock, req.params["code"], req.body));
  return Response::Json(200, json::object{{"item", std::move(spec)}});
}

Result<Response> Units(ApiDeps& d, Request& req) {
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
  if (!errors.empty()) return Status::InvalidArgument("invalid query", errors);
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
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.first < b.first; });
  json::array out;
  for (auto& [dist, o] : rows) out.push_back(std::move(o));
  return Response::Json(200, json::object{{"units", std::move(out)}});
}

Result<Response> GetUnit(ApiDeps& d, Request& req) {
  auto id = IdParam(req, "id");
  auto ref = d.reference.get();
  const db::UnitRow* u = id ? ref->units->byId(*id) : nullptr;
  if (!u) return Status::NotFound("no such unit");
  json::object o = catalog::UnitDirectory::ToJson(*u);
  o["parent_id"] = u->parentId ? json::value(*u->parentId) : json::value(nullptr);
  return Response::Json(200, json::object{{"unit", std::move(o)}});
}

}  // namespace

void RegisterCatalogRoutes(http::Router& r, ApiDeps& d) {
  using bhttp::verb;
  static constexpr ApiRoute kRoutes[] = {
      {verb::get, "/api/v1/categories", BodyKind::kNone, Categories},
      {verb::get, "/api/v1/items", BodyKind::kNone, Items},
      {verb::get, "/api/v1/items/:code", BodyKind::kNone, GetItem},
      {verb::patch, "/api/v1/items/:code", BodyKind::kJson, EditItem, 16 * 1024},
      {verb::get, "/api/v1/units", BodyKind::kNone, Units},
      {verb::get, "/api/v1/units/:id", BodyKind::kNone, GetUnit},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api

#include "catalog/units.h"

#include "catalog/i18n.h"

#include <regex>
#include <set>

namespace tongban::catalog {

namespace {
Status Err(const std::string& where, const std::string& path, const std::string& msg) {
  return Status::InvalidArgument(where + ": " + path + ": " + msg,
                                 {{path, {"invalid_catalog", msg}}});
}
Result<std::string> Str(const json::object& o, const char* key, const std::string& where,
                        const std::string& path, bool required = true) {
  auto it = o.find(key);
  if (it == o.end()) {
    if (required) return Err(where, path + "." + key, "is required");
    return std::string();
  }
  if (!it->value().is_string()) return Err(where, path + "." + key, "must be a string");
  return std::string(it->value().as_string());
}
}  // namespace

Result<db::UnitRow> ParseUnit(const json::object& o, const std::string& where,
                              std::string& parentCode) {
  db::UnitRow u;
  TB_ASSIGN_OR_RETURN(u.code, Str(o, "code", where, "unit"));
  std::string p = "unit " + u.code;
  TB_ASSIGN_OR_RETURN(parentCode, Str(o, "parent", where, p, false));
  TB_ASSIGN_OR_RETURN(u.kind, Str(o, "kind", where, p));
  static const std::set<std::string> kKinds = {"bureau",       "branch_centre", "service_site",
                                               "liaison_site", "department",    "special_team"};
  if (!kKinds.count(u.kind))
    return Err(where, p + ".kind",
               "must be bureau, branch_centre, service_site, liaison_site, department or "
               "special_team");
  auto name = o.find("name");
  if (name == o.end() || !name->value().is_object())
    return Err(where, p + ".name", "must be {\"zh\", \"en\"}");
  TB_ASSIGN_OR_RETURN(u.nameZh, Str(name->value().as_object(), "zh", where, p + ".name"));
  TB_ASSIGN_OR_RETURN(u.nameEn, Str(name->value().as_object(), "en", where, p + ".name"));
  TB_ASSIGN_OR_RETURN(u.country, Str(o, "country", where, p));
  static const std::regex kCountry("^[A-Z]{2}$");
  if (!std::regex_match(u.country, kCountry))
    return Err(where, p + ".country", "must be an ISO 3166 alpha-2 code");
  TB_ASSIGN_OR_RETURN(u.city, Str(o, "city", where, p));
  TB_ASSIGN_OR_RETURN(u.timezone, Str(o, "timezone", where, p));
  static const std::regex kTz("^[A-Za-z_]+(/[A-Za-z_+-]+)+$");
  if (!std::regex_match(u.timezone, kTz))
    return Err(where, p + ".timezone", "must be an IANA zone like Europe/Rome");
  auto addr = o.find("address");
  if (addr == o.end() || !addr->value().is_object())
    return Err(where, p + ".address", "must be {\"zh\", \"en\"}");
  TB_ASSIGN_OR_RETURN(u.addressZh, Str(addr->value().as_object(), "zh", where, p + ".address"));
  TB_ASSIGN_OR_RETURN(u.addressEn, Str(addr->value().as_object(), "en", where, p + ".address"));
  u.translations = {{"name", OtherLanguages(name->value())},
                    {"address", OtherLanguages(addr->value())}};
  TB_ASSIGN_OR_RETURN(u.phone, Str(o, "phone", where, p, false));
  auto hours = o.find("opening_hours");
  if (hours == o.end() || !hours->value().is_array())
    return Err(where, p + ".opening_hours", "must be an array");
  static const std::regex kTime("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  for (size_t i = 0; i < hours->value().as_array().size(); ++i) {
    const auto& h = hours->value().as_array()[i];
    std::string hp = p + ".opening_hours[" + std::to_string(i) + "]";
    if (!h.is_object())
      return Err(where, hp,
                 "must be {\"days\": [1..7], \"open\": \"HH:MM\", \"close\": \"HH:MM\"}");
    auto days = h.as_object().find("days");
    if (days == h.as_object().end() || !days->value().is_array() ||
        days->value().as_array().empty())
      return Err(where, hp + ".days", "must be a non-empty array of ISO weekdays 1..7");
    for (const auto& d : days->value().as_array())
      if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
        return Err(where, hp + ".days", "must be ISO weekdays 1 (Monday) .. 7 (Sunday)");
    TB_ASSIGN_OR_RETURN(std::string open, Str(h.as_object(), "open", where, hp));
    TB_ASSIGN_OR_RETURN(std::string close, Str(h.as_object(), "close", where, hp));
    if (!std::regex_match(open, kTime)) return Err(where, hp + ".open", "must be HH:MM");
    if (!std::regex_match(close, kTime) || close <= open)
      return Err(where, hp + ".close", "must be HH:MM after open");
  }
  u.openingHoursJson = json::serialize(hours->value());
  for (const char* key : {"lat", "lon"}) {
    auto it = o.find(key);
    if (it == o.end()) return Err(where, p + "." + key, "is required");
    if (!it->value().is_number()) return Err(where, p + "." + key, "must be a number");
    double v = it->value().to_number<double>();
    double lim = std::string(key) == "lat" ? 90 : 180;
    if (v < -lim || v > lim) return Err(where, p + "." + key, "is out of range");
    (std::string(key) == "lat" ? u.lat : u.lon) = v;
  }
  return u;
}

UnitDirectory::UnitDirectory(std::vector<db::UnitRow> units) : units_(std::move(units)) {
  for (size_t i = 0; i < units_.size(); ++i) {
    byId_[units_[i].id] = i;
    byCode_[units_[i].code] = i;
  }
}

const db::UnitRow* UnitDirectory::byId(int64_t id) const {
  auto it = byId_.find(id);
  return it == byId_.end() ? nullptr : &units_[it->second];
}

const db::UnitRow* UnitDirectory::byCode(const std::string& code) const {
  auto it = byCode_.find(code);
  return it == byCode_.end() ? nullptr : &units_[it->second];
}

std::vector<int64_t> UnitDirectory::subtree(int64_t id) const {
  std::vector<int64_t> out{id};
  for (size_t i = 0; i < out.size(); ++i)
    for (const auto& u : units_)
      if (u.parentId && *u.parentId == out[i]) out.push_back(u.id);
  return out;
}

bool UnitDirectory::isWithin(int64_t unit, int64_t ancestor) const {
  for (int depth = 0; depth < 32; ++depth) {
    if (unit == ancestor) return true;
    const auto* u = byId(unit);
    if (!u || !u->parentId) return false;
    unit = *u->parentId;
  }
  return false;
}

json::object UnitDirectory::Name(const db::UnitRow& u) {
  return TextJson(u.nameZh, u.nameEn, u.translations, "name");
}

json::object UnitDirectory::ToJson(const db::UnitRow& u) {
  json::object o;
  o["id"] = u.id;
  o["code"] = u.code;
  o["kind"] = u.kind;
  o["name"] = Name(u);
  o["country"] = u.country;
  o["city"] = u.city;
  o["timezone"] = u.timezone;
  o["address"] = TextJson(u.addressZh, u.addressEn, u.translations, "address");
  o["phone"] = u.phone;
  boost::system::error_code ec;
  o["opening_hours"] = json::parse(u.openingHoursJson, ec);
  if (ec) o["opening_hours"] = json::array();
  if (u.lat && u.lon) o["location"] = {{"lat", *u.lat}, {"lon", *u.lon}};
  return o;
}

}  // namespace tongban::catalog

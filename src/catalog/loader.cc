#include "catalog/loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "catalog/units.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/text.h"
#include "workflow/workflow.h"

namespace tongban::catalog {

namespace fs = std::filesystem;

namespace {

//! Reads one catalogue file and adds the translations from catalog/i18n to its texts.
Result<json::object> ReadJsonFile(const fs::path& path, const Translations& tr) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec) return Status::InvalidArgument(path.string() + ": not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::InvalidArgument(path.string() + ": must hold a JSON object");
  tr.fill(v);
  return std::move(v.as_object());
}

Result<const json::array*> ArrayIn(const json::object& o, const char* key, const fs::path& file) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_array())
    return Status::InvalidArgument(file.string() + ": " + key + ": must be an array");
  return &it->value().as_array();
}

}  // namespace

Result<CatalogData> LoadCatalogDir(const fs::path& dir, TimePoint now) {
  CatalogData data;
  // Translations into further languages (catalog/i18n/<lang>.json), added to every text.
  TB_ASSIGN_OR_RETURN(Translations tr, Translations::LoadDir(dir / "i18n"));
  data.languages = tr.languages();
  // Categories.
  fs::path catFile = dir / "categories.json";
  TB_ASSIGN_OR_RETURN(json::object cats, ReadJsonFile(catFile, tr));
  TB_ASSIGN_OR_RETURN(const json::array* catArr, ArrayIn(cats, "categories", catFile));
  std::set<std::string> categoryCodes;
  for (size_t i = 0; i < catArr->size(); ++i) {
    if (!(*catArr)[i].is_object())
      return Status::InvalidArgument(catFile.string() + ": categories[" + std::to_string(i) +
                                     "]: must be an object");
    auto c = ParseCategory((*catArr)[i].as_object(), catFile.string());
    if (!c.ok()) return c.status();
    if (!categoryCodes.insert(c->code).second)
      return Status::InvalidArgument(catFile.string() + ": categories[" + std::to_string(i) +
                                     "].code: duplicate");
    data.categories.push_back({c->code, c->sort, json::serialize(c->spec)});
  }

  // Units (parents before children).
  fs::path unitFile = dir / "units.json";
  TB_ASSIGN_OR_RETURN(json::object units, ReadJsonFile(unitFile, tr));
  TB_ASSIGN_OR_RETURN(const json::array* unitArr, ArrayIn(units, "units", unitFile));
  std::set<std::string> unitCodes;
  for (size_t i = 0; i < unitArr->size(); ++i) {
    std::string where = unitFile.string();
    if (!(*unitArr)[i].is_object())
      return Status::InvalidArgument(where + ": units[" + std::to_string(i) +
                                     "]: must be an object");
    std::string parent;
    auto u = ParseUnit((*unitArr)[i].as_object(), where, parent);
    if (!u.ok()) return u.status();
    if (!parent.empty() && !unitCodes.count(parent))
      return Status::InvalidArgument(where + ": unit " + u->code + ".parent: '" + parent +
                                     "' is not defined above it");
    if (!unitCodes.insert(u->code).second)
      return Status::InvalidArgument(where + ": unit " + u->code + ".code: duplicate");
    data.units.emplace_back(std::move(u).value(), parent);
  }

  // Workflows.
  fs::path wfFile = dir / "workflows.json";
  TB_ASSIGN_OR_RETURN(json::object wfs, ReadJsonFile(wfFile, tr));
  TB_ASSIGN_OR_RETURN(const json::array* wfArr, ArrayIn(wfs, "workflows", wfFile));
  std::set<std::string> wfCodes;
  for (const auto& v : *wfArr) {
    if (!v.is_object())
      return Status::InvalidArgument(wfFile.string() + ": workflows: entries must be objects");
    TB_ASSIGN_OR_RETURN(workflow::Workflow w,
                        workflow::Workflow::Parse(v.as_object(), wfFile.string()));
    wfCodes.insert(w.code());
    data.workflows.push_back({w.code(), json::serialize(v)});
  }

  // Holidays.
  fs::path holFile = dir / "holidays.json";
  TB_ASSIGN_OR_RETURN(json::object hols, ReadJsonFile(holFile, tr));
  for (const char* kind : {"holidays", "workdays"}) {
    TB_ASSIGN_OR_RETURN(const json::array* arr, ArrayIn(hols, kind, holFile));
    for (size_t i = 0; i < arr->size(); ++i) {
      std::string p = holFile.string() + ": " + kind + "[" + std::to_string(i) + "]";
      const auto& v = (*arr)[i];
      if (!v.is_object() || !v.as_object().contains("date") ||
          !v.as_object().at("date").is_string())
        return Status::InvalidArgument(p + ": must be {\"date\": \"YYYY-MM-DD\", \"name\": …}");
      std::string date(v.as_object().at("date").as_string());
      auto day = ParseDate(date);
      if (!day) return Status::InvalidArgument(p + ".date: '" + date + "' is not a date");
      std::string name;
      if (auto n = v.as_object().find("name"); n != v.as_object().end() && n->value().is_string())
        name = n->value().as_string();
      data.holidays.push_back(
          {*day, std::string(kind) == "holidays" ? "holiday" : "workday", name});
    }
  }

  // Field sets and items.
  fs::path fsFile = dir / "fieldsets.json";
  TB_ASSIGN_OR_RETURN(json::object fieldsets, ReadJsonFile(fsFile, tr));
  std::vector<fs::path> itemFiles;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "items", ec))
    if (e.path().extension() == ".json") itemFiles.push_back(e.path());
  if (ec) return Status::NotFound((dir / "items").string() + ": " + ec.message());
  std::sort(itemFiles.begin(), itemFiles.end());
  std::set<std::string> itemCodes;
  for (const auto& file : itemFiles) {
    TB_ASSIGN_OR_RETURN(json::object doc, ReadJsonFile(file, tr));
    TB_ASSIGN_OR_RETURN(const json::array* arr, ArrayIn(doc, "items", file));
    for (size_t i = 0; i < arr->size(); ++i) {
      std::string where = file.string();
      if (!(*arr)[i].is_object())
        return Status::InvalidArgument(where + ": items[" + std::to_string(i) +
                                       "]: must be an object");
      json::object spec = (*arr)[i].as_object();
      // Field sets are shared groups of fields ("applicant", "passport"), prepended in order.
      if (auto fsIt = spec.find("fieldsets"); fsIt != spec.end()) {
        if (!fsIt->value().is_array())
          return Status::InvalidArgument(where + ": items[" + std::to_string(i) +
                                         "].fieldsets: must be an array");
        json::array fields;
        for (const auto& name : fsIt->value().as_array()) {
          if (!name.is_string() || !fieldsets.contains(name.as_string()) ||
              !fieldsets.at(name.as_string()).is_array())
            return Status::InvalidArgument(
                where + ": items[" + std::to_string(i) + "].fieldsets: '" +
                (name.is_string() ? std::string(name.as_string()) : "?") +
                "' is not defined in fieldsets.json");
          for (const auto& f : fieldsets.at(name.as_string()).as_array()) fields.push_back(f);
        }
        if (auto own = spec.find("fields"); own != spec.end() && own->value().is_array())
          for (const auto& f : own->value().as_array()) fields.push_back(f);
        spec["fields"] = std::move(fields);
        spec.erase("fieldsets");
      }
      auto item = ParseItem(spec, where);
      if (!item.ok()) return item.status();
      std::string p = where + ": item " + item->code;
      if (!categoryCodes.count(item->category))
        return Status::InvalidArgument(p + ".category: '" + item->category +
                                       "' is not in categories.json");
      if (!unitCodes.count(item->owner))
        return Status::InvalidArgument(p + ".owner: '" + item->owner + "' is not in units.json");
      if (!wfCodes.count(item->workflow))
        return Status::InvalidArgument(p + ".mode: needs workflow '" + item->workflow +
                                       "', not in workflows.json");
      // Every business item says what the applicant receives (certificate or decision letter).
      // Only the catalogue files must: items already stored before results existed still load
      // from the database until the catalogue is seeded again.
      if (item->kind == "business" && !item->result)
        return Status::InvalidArgument(
            p +
            ".result: is required for a business item ({\"kind\": \"certificate\" or "
            "\"decision_letter\", \"title\": {\"zh\": …, \"en\": …}, …}, see "
            "catalog/README.md)");
      if (!itemCodes.insert(item->code).second)
        return Status::InvalidArgument(p + ".code: duplicate");
      data.items.push_back(
          {item->code, item->category, item->kind, json::serialize(item->spec), now});
    }
  }
  // FAQ articles and canned answers (optional files).
  auto text = [](const json::object& o, const char* k, const char* lang) -> std::string {
    auto it = o.find(k);
    if (it == o.end() || !it->value().is_object()) return "";
    auto l = it->value().as_object().find(lang);
    return l != it->value().as_object().end() && l->value().is_string()
               ? std::string(l->value().as_string())
               : "";
  };
  auto others = [](const json::object& o, const char* k) {
    const json::value* v = o.if_contains(k);
    return v ? OtherLanguages(*v) : std::map<std::string, std::string>{};
  };
  fs::path faqFile = dir / "faq.json";
  if (fs::exists(faqFile)) {
    TB_ASSIGN_OR_RETURN(json::object faq, ReadJsonFile(faqFile, tr));
    TB_ASSIGN_OR_RETURN(const json::array* arr, ArrayIn(faq, "articles", faqFile));
    for (size_t i = 0; i < arr->size(); ++i) {
      std::string p = faqFile.string() + ": articles[" + std::to_string(i) + "]";
      if (!(*arr)[i].is_object()) return Status::InvalidArgument(p + ": must be an object");
      const auto& o = (*arr)[i].as_object();
      db::FaqRow r;
      if (!o.contains("code") || !o.at("code").is_string())
        return Status::InvalidArgument(p + ".code: is required");
      r.code = o.at("code").as_string();
      if (o.contains("item_code") && o.at("item_code").is_string()) {
        r.itemCode = std::string(o.at("item_code").as_string());
        if (!itemCodes.count(*r.itemCode))
          return Status::InvalidArgument(p + ".item_code: '" + *r.itemCode +
                                         "' is not in the catalogue");
      }
      if (o.contains("category") && o.at("category").is_string())
        r.category = std::string(o.at("category").as_string());
      r.titleZh = text(o, "title", "zh");
      r.titleEn = text(o, "title", "en");
      r.bodyZh = text(o, "body", "zh");
      r.bodyEn = text(o, "body", "en");
      r.translations = {{"title", others(o, "title")}, {"body", others(o, "body")}};
      if (r.titleZh.empty() || r.titleEn.empty() || r.bodyZh.empty() || r.bodyEn.empty())
        return Status::InvalidArgument(p + ": title and body need zh and en");
      data.faq.push_back(std::move(r));
    }
  }
  fs::path cannedFile = dir / "canned_answers.json";
  if (fs::exists(cannedFile)) {
    TB_ASSIGN_OR_RETURN(json::object canned, ReadJsonFile(cannedFile, tr));
    TB_ASSIGN_OR_RETURN(const json::array* arr, ArrayIn(canned, "answers", cannedFile));
    for (size_t i = 0; i < arr->size(); ++i) {
      std::string p = cannedFile.string() + ": answers[" + std::to_string(i) + "]";
      if (!(*arr)[i].is_object() || !(*arr)[i].as_object().contains("code"))
        return Status::InvalidArgument(p + ": must be an object with a code");
      const auto& o = (*arr)[i].as_object();
      db::CannedRow r{std::string(o.at("code").as_string()), text(o, "title", "zh"),
                      text(o, "title", "en"), text(o, "body", "zh"), text(o, "body", "en")};
      r.translations = {{"title", others(o, "title")}, {"body", others(o, "body")}};
      if (r.titleZh.empty() || r.bodyEn.empty())
        return Status::InvalidArgument(p + ": title and body need zh and en");
      data.canned.push_back(std::move(r));
    }
  }
  return data;
}

Status StoreCatalog(db::Database& database, const CatalogData& data) {
  return database.write([&](db::Transaction& tx) -> Status {
    std::map<std::string, int64_t> ids;
    for (auto [unit, parent] : data.units) {
      if (!parent.empty()) unit.parentId = ids.at(parent);
      TB_ASSIGN_OR_RETURN(int64_t id, tx.units().upsert(unit));
      ids[unit.code] = id;
    }
    for (const auto& c : data.categories) TB_RETURN_IF_ERROR(tx.catalog().upsertCategory(c));
    for (const auto& w : data.workflows) TB_RETURN_IF_ERROR(tx.catalog().upsertWorkflow(w));
    for (const auto& h : data.holidays) TB_RETURN_IF_ERROR(tx.catalog().upsertHoliday(h));
    for (const auto& i : data.items) TB_RETURN_IF_ERROR(tx.catalog().upsertItem(i));
    // FAQ articles are indexed in every language they have, so a question in any of them
    // finds the article.
    auto all = [](const std::string& zh, const std::string& en, const db::TextTranslations& t,
                  const char* field) {
      std::string s = zh + "\n" + en;
      if (auto it = t.find(field); it != t.end())
        for (const auto& [lang, text] : it->second) s += "\n" + text;
      return text::SegmentCjk(s);
    };
    for (const auto& f : data.faq)
      TB_RETURN_IF_ERROR(tx.faq().upsert(f, all(f.titleZh, f.titleEn, f.translations, "title"),
                                         all(f.bodyZh, f.bodyEn, f.translations, "body")));
    for (const auto& c : data.canned) TB_RETURN_IF_ERROR(tx.consultations().upsertCanned(c));
    return Status::Ok();
  });
}

}  // namespace tongban::catalog

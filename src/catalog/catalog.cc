#include "catalog/catalog.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/clock.h"
#include "common/countries.h"
#include "common/text.h"

namespace tongban::catalog {

const std::string& Text::in(const std::string& lang) const {
  std::string base = lang.substr(0, lang.find('-'));
  if (base == "zh" && !zh.empty()) return zh;
  if (auto it = other.find(lang); it != other.end() && !it->second.empty()) return it->second;
  if (auto it = other.find(base); it != other.end() && !it->second.empty()) return it->second;
  return en.empty() ? zh : en;
}

bool IsLanguageCode(std::string_view code) {
  static const std::regex kLang("^[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?$");
  return code.size() <= 12 && std::regex_match(code.begin(), code.end(), kLang);
}

json::object Text::ToJson() const {
  json::object o{{"zh", zh}, {"en", en}};
  for (const auto& [lang, text] : other) o[lang] = text;
  return o;
}

const char* FeeDueName(Item::FeeDue d) {
  return d == Item::FeeDue::kOnCollection ? "on_collection" : "before_issue";
}

const char* ModeName(Mode m) {
  switch (m) {
    case Mode::kInstant:
      return "instant";
    case Mode::kAuto:
      return "auto";
    case Mode::kReview:
      return "review";
    case Mode::kTwoLevel:
      return "two_level";
    case Mode::kQuery:
      return "query";
  }
  return "review";
}

const char* ResultKindName(ResultKind k) {
  return k == ResultKind::kDecisionLetter ? "decision_letter" : "certificate";
}

const std::vector<std::string>& DecisionFields() {
  static const std::vector<std::string> kFields = {"case_number", "decision_date", "decision_note"};
  return kFields;
}

namespace {

class Parser {
 public:
  Parser(std::string where, std::string prefix)
      : where_(std::move(where)), prefix_(std::move(prefix)) {}

  Status err(const std::string& field, const std::string& msg) const {
    std::string path = prefix_.empty() ? field : prefix_ + "." + field;
    return Status::InvalidArgument(where_ + ": " + path + ": " + msg,
                                   {{path, {"invalid_catalog", msg}}});
  }
  Result<std::string> str(const json::object& o, const std::string& key, bool required = true,
                          const std::string& path = "") const {
    std::string p = path.empty() ? key : path + "." + key;
    auto it = o.find(key);
    if (it == o.end()) {
      if (required) return err(p, "is required");
      return std::string();
    }
    if (!it->value().is_string()) return err(p, "must be a string");
    if (required && it->value().as_string().empty()) return err(p, "must not be empty");
    return std::string(it->value().as_string());
  }
  Result<Text> text(const json::object& o, const std::string& key, bool required = true,
                    const std::string& path = "") const {
    std::string p = path.empty() ? key : path + "." + key;
    auto it = o.find(key);
    if (it == o.end()) {
      if (required) return err(p, "is required ({\"zh\": …, \"en\": …})");
      return Text{};
    }
    if (!it->value().is_object()) return err(p, "must be an object {\"zh\": …, \"en\": …}");
    Text t;
    TB_ASSIGN_OR_RETURN(t.zh, str(it->value().as_object(), "zh", required, p));
    TB_ASSIGN_OR_RETURN(t.en, str(it->value().as_object(), "en", required, p));
    // Translations into further languages (filled in from catalog/i18n by the loader).
    for (const auto& kv : it->value().as_object()) {
      if (kv.key() == "zh" || kv.key() == "en") continue;
      if (!IsLanguageCode(kv.key()))
        return err(p + "." + std::string(kv.key()), "is not a language code (it, es, pt-BR, …)");
      if (!kv.value().is_string()) return err(p + "." + std::string(kv.key()), "must be a string");
      if (!kv.value().as_string().empty())
        t.other[std::string(kv.key())] = std::string(kv.value().as_string());
    }
    return t;
  }
  Result<double> number(const json::object& o, const std::string& key, double min, double max,
                        std::optional<double> def = std::nullopt,
                        const std::string& path = "") const {
    std::string p = path.empty() ? key : path + "." + key;
    auto it = o.find(key);
    if (it == o.end()) {
      if (def) return *def;
      return err(p, "is required");
    }
    if (!it->value().is_number()) return err(p, "must be a number");
    double d = it->value().to_number<double>();
    if (d < min || d > max)
      return err(p, "must be between " + std::to_string(int64_t(min)) + " and " +
                        std::to_string(int64_t(max)));
    return d;
  }
  Result<bool> boolean(const json::object& o, const std::string& key, bool def,
                       const std::string& path = "") const {
    auto it = o.find(key);
    if (it == o.end()) return def;
    if (!it->value().is_bool())
      return err(path.empty() ? key : path + "." + key, "must be true or false");
    return it->value().as_bool();
  }
  Result<const json::array*> array(const json::object& o, const std::string& key, bool required,
                                   const std::string& path = "") const {
    static const json::array kEmpty;
    auto it = o.find(key);
    if (it == o.end()) {
      if (required) return err(path.empty() ? key : path + "." + key, "is required");
      return &kEmpty;
    }
    if (!it->value().is_array())
      return err(path.empty() ? key : path + "." + key, "must be an array");
    return &it->value().as_array();
  }

 private:
  std::string where_;
  std::string prefix_;
};

template <typename E>
Result<E> OneOf(const Parser& p, const std::string& path, const std::string& value,
                const std::vector<std::pair<const char*, E>>& allowed) {
  std::string names;
  for (const auto& [n, e] : allowed) {
    if (value == n) return e;
    names += names.empty() ? n : std::string(", ") + n;
  }
  return p.err(path, "unknown value '" + value + "' (expected one of " + names + ")");
}

const std::vector<std::pair<const char*, FieldType>> kFieldTypes = {
    {"text", FieldType::kText},      {"textarea", FieldType::kTextarea},
    {"number", FieldType::kNumber},  {"date", FieldType::kDate},
    {"select", FieldType::kSelect},  {"checkbox", FieldType::kCheckbox},
    {"email", FieldType::kEmail},    {"phone", FieldType::kPhone},
    {"country", FieldType::kCountry}};

const std::vector<std::pair<const char*, ResultKind>> kResultKinds = {
    {"certificate", ResultKind::kCertificate}, {"decision_letter", ResultKind::kDecisionLetter}};

const std::vector<std::pair<const char*, Mode>> kModes = {{"instant", Mode::kInstant},
                                                          {"auto", Mode::kAuto},
                                                          {"review", Mode::kReview},
                                                          {"two_level", Mode::kTwoLevel},
                                                          {"query", Mode::kQuery}};

Result<ItemResult> ParseResult(const Parser& p, const json::value& v,
                               const std::set<std::string>& formFields) {
  if (!v.is_object())
    return p.err("result", "must be {\"kind\": …, \"title\": {\"zh\": …, \"en\": …}, …}");
  const json::object& o = v.as_object();
  ItemResult r;
  TB_ASSIGN_OR_RETURN(std::string kind, p.str(o, "kind", true, "result"));
  TB_ASSIGN_OR_RETURN(r.kind, OneOf(p, "result.kind", kind, kResultKinds));
  TB_ASSIGN_OR_RETURN(r.title, p.text(o, "title", true, "result"));
  for (const auto& kv : o) {
    static const std::set<std::string> kKnown = {"kind",          "title",    "print",
                                                 "validity_days", "physical", "sensitive"};
    if (!kKnown.count(std::string(kv.key())))
      return p.err("result." + std::string(kv.key()), "is not a member of a result");
  }
  if (auto sv = o.find("sensitive"); sv != o.end()) {
    if (!sv->value().is_bool()) return p.err("result.sensitive", "must be true or false");
    r.sensitive = sv->value().as_bool();
  }
  bool certificate = r.kind == ResultKind::kCertificate;
  TB_ASSIGN_OR_RETURN(const json::array* print, p.array(o, "print", certificate, "result"));
  std::set<std::string> printed;
  const auto& decision = DecisionFields();
  for (size_t i = 0; i < print->size(); ++i) {
    std::string path = "result.print[" + std::to_string(i) + "]";
    if (!(*print)[i].is_string()) return p.err(path, "must be a field name");
    std::string name((*print)[i].as_string());
    // What is printed must be something the case has: a form field or a decision value.
    if (!formFields.count(name) &&
        std::find(decision.begin(), decision.end(), name) == decision.end())
      return p.err(path, "'" + name +
                             "' is neither a field of this item's form (fieldsets and fields) "
                             "nor a decision field (case_number, decision_date, decision_note)");
    if (!printed.insert(name).second) return p.err(path, "'" + name + "' is printed twice");
    r.print.push_back(std::move(name));
  }
  if (certificate && r.print.empty())
    return p.err("result.print", "a certificate prints at least one field");
  if (certificate) {
    // Required, so that "no time limit" is a decision written down, not a forgotten member.
    auto vd = o.find("validity_days");
    if (vd == o.end())
      return p.err("result.validity_days", "is required for a certificate (days, or null)");
    if (!vd->value().is_null()) {
      TB_ASSIGN_OR_RETURN(double days,
                          p.number(o, "validity_days", 1, 3650, std::nullopt, "result"));
      if (days != double(int(days))) return p.err("result.validity_days", "must be whole days");
      r.validityDays = int(days);
    }
    if (o.contains("physical"))
      return p.err("result.physical", "only a decision_letter hands over a physical document");
  } else {
    if (o.contains("validity_days"))
      return p.err("result.validity_days",
                   "a decision_letter has no validity (the physical document has its own)");
    TB_ASSIGN_OR_RETURN(r.physical, p.text(o, "physical", true, "result"));
  }
  return r;
}

}  // namespace

Result<Category> ParseCategory(const json::object& spec, const std::string& where) {
  Parser p(where, "");
  Category c;
  TB_ASSIGN_OR_RETURN(c.code, p.str(spec, "code"));
  Parser pc(where, "categories[" + c.code + "]");
  TB_ASSIGN_OR_RETURN(c.name, pc.text(spec, "name"));
  TB_ASSIGN_OR_RETURN(c.description, pc.text(spec, "description", false));
  TB_ASSIGN_OR_RETURN(double sort, pc.number(spec, "sort", 0, 1000, 0));
  c.sort = int(sort);
  c.spec = spec;
  return c;
}

Result<Item> ParseItem(const json::object& spec, const std::string& where) {
  Item it;
  {
    Parser p0(where, "item");
    TB_ASSIGN_OR_RETURN(it.code, p0.str(spec, "code"));
  }
  Parser p(where, "item " + it.code);
  static const std::regex kCode("^[A-Z]{2,4}-[0-9]{3}$");
  if (!std::regex_match(it.code, kCode)) return p.err("code", "must look like EE-001");
  TB_ASSIGN_OR_RETURN(it.kind, p.str(spec, "kind"));
  if (it.kind != "business" && it.kind != "query")
    return p.err("kind", "must be business or query");
  TB_ASSIGN_OR_RETURN(it.category, p.str(spec, "category"));
  TB_ASSIGN_OR_RETURN(it.name, p.text(spec, "name"));
  TB_ASSIGN_OR_RETURN(it.description, p.text(spec, "description"));
  TB_ASSIGN_OR_RETURN(const json::array* kw, p.array(spec, "keywords", false));
  for (const auto& k : *kw) {
    if (!k.is_string()) return p.err("keywords", "must be strings");
    it.keywords.emplace_back(k.as_string());
  }
  TB_ASSIGN_OR_RETURN(std::string mode, p.str(spec, "mode"));
  TB_ASSIGN_OR_RETURN(it.mode, OneOf(p, "mode", mode, kModes));
  if ((it.kind == "query") != (it.mode == Mode::kQuery))
    return p.err("mode", "query items and only they have mode 'query'");
  it.workflow = it.mode == Mode::kTwoLevel ? "two_level" : "standard";
  TB_ASSIGN_OR_RETURN(it.owner, p.str(spec, "owner"));
  TB_ASSIGN_OR_RETURN(it.assurance, p.str(spec, "assurance"));
  if (it.assurance != "account" && it.assurance != "verified")
    return p.err("assurance", "must be account or verified");
  TB_ASSIGN_OR_RETURN(it.proxyAllowed, p.boolean(spec, "proxy_allowed", false));
  TB_ASSIGN_OR_RETURN(double limit, p.number(spec, "time_limit_days", 0, 365, 0));
  it.timeLimitDays = int(limit);
  TB_ASSIGN_OR_RETURN(double window, p.number(spec, "submission_window_days", 0, 365, 14));
  it.submissionWindowDays = int(window);
  if (auto f = spec.find("fee"); f != spec.end()) {
    if (!f->value().is_object())
      return p.err("fee", "must be {\"amount\": n, \"currency\": \"CNY\"}");
    TB_ASSIGN_OR_RETURN(it.fee,
                        p.number(f->value().as_object(), "amount", 0, 100000, std::nullopt, "fee"));
    TB_ASSIGN_OR_RETURN(it.currency, p.str(f->value().as_object(), "currency", true, "fee"));
  }
  TB_ASSIGN_OR_RETURN(std::string feeDue, p.str(spec, "fee_due", false));
  if (feeDue == "on_collection")
    it.feeDue = Item::FeeDue::kOnCollection;
  else if (!feeDue.empty() && feeDue != "before_issue")
    return p.err("fee_due", "must be before_issue or on_collection");
  TB_ASSIGN_OR_RETURN(it.feeFromField, p.str(spec, "fee_from_field", false));
  TB_ASSIGN_OR_RETURN(const json::array* delivery,
                      p.array(spec, "delivery", it.kind == "business"));
  for (const auto& d : *delivery) {
    static const std::set<std::string> kDelivery = {"pickup", "post", "electronic",
                                                    "home_delivery"};
    if (!d.is_string() || !kDelivery.count(std::string(d.as_string())))
      return p.err("delivery", "entries must be pickup, post, electronic or home_delivery");
    it.delivery.emplace_back(d.as_string());
  }
  TB_ASSIGN_OR_RETURN(const json::array* steps, p.array(spec, "steps", false));
  for (size_t i = 0; i < steps->size(); ++i) {
    std::string path = "steps[" + std::to_string(i) + "]";
    if (!(*steps)[i].is_object()) return p.err(path, "must be an object");
    const auto& so = (*steps)[i].as_object();
    TB_ASSIGN_OR_RETURN(std::string where2, p.str(so, "where", true, path));
    if (where2 != "online" && where2 != "offline")
      return p.err(path + ".where", "must be online or offline");
    TB_ASSIGN_OR_RETURN(Text t, p.text(so, "text", true, path));
    (void)t;
  }

  TB_ASSIGN_OR_RETURN(const json::array* fields, p.array(spec, "fields", false));
  std::set<std::string> names;
  for (size_t i = 0; i < fields->size(); ++i) {
    std::string path = "fields[" + std::to_string(i) + "]";
    if (!(*fields)[i].is_object()) return p.err(path, "must be an object");
    const auto& fo = (*fields)[i].as_object();
    Field f;
    TB_ASSIGN_OR_RETURN(f.name, p.str(fo, "name", true, path));
    static const std::regex kName("^[a-z][a-z0-9_]{0,39}$");
    if (!std::regex_match(f.name, kName))
      return p.err(path + ".name", "must be snake_case, at most 40 characters");
    if (!names.insert(f.name).second)
      return p.err(path + ".name", "duplicate field '" + f.name + "'");
    TB_ASSIGN_OR_RETURN(std::string type, p.str(fo, "type", true, path));
    TB_ASSIGN_OR_RETURN(f.type, OneOf(p, path + ".type", type, kFieldTypes));
    TB_ASSIGN_OR_RETURN(f.label, p.text(fo, "label", true, path));
    TB_ASSIGN_OR_RETURN(f.required, p.boolean(fo, "required", false, path));
    TB_ASSIGN_OR_RETURN(f.pattern, p.str(fo, "pattern", false, path));
    if (!f.pattern.empty()) {
      try {
        f.regex = std::make_shared<const std::regex>(f.pattern,
                                                     std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        return p.err(path + ".pattern",
                     std::string("is not a valid regular expression: ") + e.what());
      }
    }
    double defMax = f.type == FieldType::kTextarea ? 2000 : 200;
    TB_ASSIGN_OR_RETURN(double maxLen, p.number(fo, "max_length", 1, 10000, defMax, path));
    f.maxLength = size_t(maxLen);
    if (fo.contains("case")) {
      TB_ASSIGN_OR_RETURN(std::string letterCase, p.str(fo, "case", true, path));
      if (letterCase != "upper") return p.err(path + ".case", "must be \"upper\"");
      f.upper = true;
    }
    if (fo.contains("hint")) {
      TB_ASSIGN_OR_RETURN(f.hint, p.text(fo, "hint", true, path));
    }
    TB_ASSIGN_OR_RETURN(f.example, p.str(fo, "example", false, path));
    if (fo.contains("min")) {
      TB_ASSIGN_OR_RETURN(f.min, p.number(fo, "min", -1e12, 1e12, std::nullopt, path));
    }
    if (fo.contains("max")) {
      TB_ASSIGN_OR_RETURN(f.max, p.number(fo, "max", -1e12, 1e12, std::nullopt, path));
    }
    TB_ASSIGN_OR_RETURN(const json::array* opts,
                        p.array(fo, "options", f.type == FieldType::kSelect, path));
    for (size_t j = 0; j < opts->size(); ++j) {
      std::string op = path + ".options[" + std::to_string(j) + "]";
      if (!(*opts)[j].is_object()) return p.err(op, "must be {\"value\": …, \"label\": {…}}");
      Option o;
      TB_ASSIGN_OR_RETURN(o.value, p.str((*opts)[j].as_object(), "value", true, op));
      TB_ASSIGN_OR_RETURN(o.label, p.text((*opts)[j].as_object(), "label", true, op));
      f.options.push_back(std::move(o));
    }
    if (f.type == FieldType::kSelect && f.options.empty())
      return p.err(path + ".options", "a select needs options");
    it.fields.push_back(std::move(f));
  }
  if (!it.feeFromField.empty() &&
      std::none_of(it.fields.begin(), it.fields.end(), [&](const Field& f) {
        return f.name == it.feeFromField && f.type == FieldType::kNumber && f.required;
      }))
    return p.err("fee_from_field", "must name a required number field of this item's form");
  TB_ASSIGN_OR_RETURN(const json::array* docs, p.array(spec, "documents", false));
  std::set<std::string> docTypes;
  for (size_t i = 0; i < docs->size(); ++i) {
    std::string path = "documents[" + std::to_string(i) + "]";
    if (!(*docs)[i].is_object()) return p.err(path, "must be an object");
    DocumentRequirement d;
    TB_ASSIGN_OR_RETURN(d.type, p.str((*docs)[i].as_object(), "type", true, path));
    if (!docTypes.insert(d.type).second) return p.err(path + ".type", "duplicate document type");
    TB_ASSIGN_OR_RETURN(d.name, p.text((*docs)[i].as_object(), "name", true, path));
    TB_ASSIGN_OR_RETURN(d.required, p.boolean((*docs)[i].as_object(), "required", true, path));
    it.documents.push_back(std::move(d));
  }
  if (auto r = spec.find("result"); r != spec.end()) {
    if (it.kind == "query") return p.err("result", "query items are looked up and have no result");
    TB_ASSIGN_OR_RETURN(it.result, ParseResult(p, r->value(), names));
  }
  it.spec = spec;
  it.spec["workflow"] = it.workflow;
  return it;
}

Result<json::object> EditItemBasics(const Item& item, const json::object& patch) {
  json::object spec = item.spec;
  spec.erase("workflow");  // derived, not stored
  FieldErrors errors;
  auto text = [&](const char* key, size_t maxLen) {
    auto it = patch.find(key);
    if (it == patch.end()) return;
    if (!it->value().is_object()) {
      errors[key] = {"type", "must be {\"zh\": …, \"en\": …}"};
      return;
    }
    json::object merged = spec[key].is_object() ? spec[key].as_object() : json::object{};
    const json::object& given = it->value().as_object();
    for (const auto& l : given) {
      std::string lang(l.key());
      if (!IsLanguageCode(lang)) {
        errors[std::string(key) + "." + lang] = {"unknown", "is not a language code"};
        continue;
      }
      if (!l.value().is_string() || l.value().as_string().empty() ||
          l.value().as_string().size() > maxLen) {
        errors[std::string(key) + "." + lang] = {
            "invalid", "must be 1 to " + std::to_string(maxLen) + " bytes of text"};
        continue;
      }
      merged[lang] = l.value();
    }
    // Translations are of the English text: when it changes, the ones not given with it no
    // longer say the same thing and are dropped (readers then see English until
    // catalog/i18n has the new text and the catalogue is seeded again).
    bool englishChanged = given.contains("en") && spec[key].is_object() &&
                          spec[key].as_object().contains("en") &&
                          spec[key].as_object().at("en") != given.at("en");
    if (englishChanged)
      for (auto l = merged.begin(); l != merged.end();) {
        if (l->key() != "zh" && l->key() != "en" && !given.contains(l->key()))
          l = merged.erase(l);
        else
          ++l;
      }
    spec[key] = std::move(merged);
  };
  auto integer = [&](const char* key, int64_t min, int64_t max) {
    auto it = patch.find(key);
    if (it == patch.end()) return;
    if (!it->value().is_int64() || it->value().as_int64() < min || it->value().as_int64() > max) {
      errors[key] = {"range", "must be a whole number from " + std::to_string(min) + " to " +
                                  std::to_string(max)};
      return;
    }
    spec[key] = it->value();
  };
  for (const auto& kv : patch) {
    static const std::set<std::string> kAllowed = {
        "name", "description", "fee", "time_limit_days", "submission_window_days", "proxy_allowed"};
    if (!kAllowed.count(std::string(kv.key())))
      errors[std::string(kv.key())] = {"unknown", "cannot be edited here"};
  }
  text("name", 200);
  text("description", 2000);
  integer("time_limit_days", 0, 365);
  integer("submission_window_days", 0, 365);
  if (auto it = patch.find("proxy_allowed"); it != patch.end()) {
    if (!it->value().is_bool())
      errors["proxy_allowed"] = {"type", "must be true or false"};
    else
      spec["proxy_allowed"] = it->value();
  }
  if (auto it = patch.find("fee"); it != patch.end()) {
    const json::value* amount =
        it->value().is_object() ? it->value().as_object().if_contains("amount") : nullptr;
    if (!amount || !amount->is_number() || amount->to_number<double>() < 0 ||
        amount->to_number<double>() > 100000)
      errors["fee.amount"] = {"range", "must be a number from 0 to 100000"};
    else
      spec["fee"] = {{"amount", *amount}, {"currency", item.currency}};
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid edit", errors);
  auto check = ParseItem(spec, "edit");
  if (!check.ok()) return check.status();
  return spec;
}

namespace {
//! Every language of `t`, folded for search, one per line.
std::string FoldedLanguages(const Text& t) {
  std::string s = t.zh + "\n" + t.en;
  for (const auto& [lang, text] : t.other) s += "\n" + text;
  return text::FoldForSearch(s);
}
}  // namespace

Catalog::Catalog(std::vector<Category> categories, std::vector<Item> items)
    : categories_(std::move(categories)) {
  std::sort(categories_.begin(), categories_.end(), [](const Category& a, const Category& b) {
    return std::tie(a.sort, a.code) < std::tie(b.sort, b.code);
  });
  for (auto& i : items) {
    std::string code = i.code;
    items_.emplace(std::move(code), std::move(i));
  }
  for (const auto& [code, item] : items_) {
    Searchable& s = searchable_[code];
    s.name = FoldedLanguages(item.name) + "\n" + text::FoldForSearch(item.code);
    for (const auto& k : item.keywords) s.keywords += text::FoldForSearch(k) + "\n";
    s.description = FoldedLanguages(item.description);
  }
}

const Item* Catalog::item(const std::string& code) const {
  auto it = items_.find(code);
  return it == items_.end() ? nullptr : &it->second;
}

const Category* Catalog::category(const std::string& code) const {
  for (const auto& c : categories_)
    if (c.code == code) return &c;
  return nullptr;
}

std::vector<const Item*> Catalog::list(const std::string& category, const std::string& kind) const {
  std::vector<const Item*> out;
  for (const auto& [code, item] : items_)
    if ((category.empty() || item.category == category) && (kind.empty() || item.kind == kind))
      out.push_back(&item);
  return out;
}

std::vector<const Item*> Catalog::search(const std::string& query,
                                         const std::string& category) const {
  // Substring match on UTF-8 text folded to lower case without accents, so "Pasaporte",
  // "passeport" and "Führerschein" match as typed or without accents; Chinese needs no word
  // splitting for this. Each whitespace-separated term must match somewhere, in any language;
  // names weigh more than keywords, keywords more than descriptions.
  std::vector<std::string> terms;
  std::string q = text::FoldForSearch(query);
  size_t pos = 0;
  while (pos < q.size()) {
    size_t end = q.find(' ', pos);
    if (end == std::string::npos) end = q.size();
    if (end > pos) terms.push_back(q.substr(pos, end - pos));
    pos = end + 1;
  }
  std::vector<std::pair<int, const Item*>> scored;
  for (const auto& [code, item] : items_) {
    if (!category.empty() && item.category != category) continue;
    const Searchable& idx = searchable_.at(code);
    const std::string &name = idx.name, &kw = idx.keywords, &desc = idx.description;
    int score = 0;
    bool all = true;
    for (const auto& t : terms) {
      int s = 0;
      if (name.find(t) != std::string::npos) s += 10;
      if (kw.find(t) != std::string::npos) s += 5;
      if (desc.find(t) != std::string::npos) s += 1;
      if (s == 0) all = false;
      score += s;
    }
    if (all && !terms.empty()) scored.emplace_back(score, &item);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<const Item*> out;
  for (auto& [s, i] : scored) out.push_back(i);
  return out;
}

Result<json::object> Catalog::ValidateForm(const Item& item, const json::object& form,
                                           bool requireAll) {
  FieldErrors errors;
  json::object out;
  auto fail = [&](const std::string& name, std::string code, std::string msg) {
    errors.emplace("form." + name, FieldError{std::move(code), std::move(msg)});
  };
  for (const auto& kv : form) {
    bool known = std::any_of(item.fields.begin(), item.fields.end(),
                             [&](const Field& f) { return f.name == kv.key(); });
    if (!known) fail(std::string(kv.key()), "unknown", "is not a field of this form");
  }
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  static const std::regex kPhone(R"(^\+?[0-9 ()-]{5,24}$)");
  for (const auto& f : item.fields) {
    auto it = form.find(f.name);
    bool missing = it == form.end() || it->value().is_null() ||
                   (it->value().is_string() && it->value().as_string().empty());
    if (missing) {
      if (f.required && requireAll) fail(f.name, "required", "is required");
      continue;
    }
    const json::value& v = it->value();
    switch (f.type) {
      case FieldType::kCheckbox:
        if (!v.is_bool()) {
          fail(f.name, "type", "must be true or false");
          continue;
        }
        if (f.required && requireAll && !v.as_bool()) {
          fail(f.name, "required", "must be accepted");
          continue;
        }
        out[f.name] = v;
        continue;
      case FieldType::kNumber: {
        if (!v.is_number()) {
          fail(f.name, "type", "must be a number");
          continue;
        }
        double d = v.to_number<double>();
        if ((f.min && d < *f.min) || (f.max && d > *f.max)) {
          fail(f.name, "range", "is out of range");
          continue;
        }
        out[f.name] = v;
        continue;
      }
      default:
        break;
    }
    if (!v.is_string()) {
      fail(f.name, "type", "must be a string");
      continue;
    }
    std::string s(v.as_string());
    // trim
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    // People type "zhang" or "it"; passports and country codes are in capitals (ASCII only:
    // Chinese characters have no case).
    if (f.upper || f.type == FieldType::kCountry)
      for (char& ch : s)
        if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
    if (s.empty() && f.required) {
      fail(f.name, "required", "is required");
      continue;
    }
    if (s.size() > f.maxLength) {
      fail(f.name, "too_long", "must be at most " + std::to_string(f.maxLength) + " bytes");
      continue;
    }
    if (s.find('\0') != std::string::npos) {
      fail(f.name, "invalid", "contains a NUL character");
      continue;
    }
    switch (f.type) {
      case FieldType::kDate:
        if (!ParseDate(s)) {
          fail(f.name, "date", "must be a date YYYY-MM-DD");
          continue;
        }
        break;
      case FieldType::kSelect:
        if (std::none_of(f.options.begin(), f.options.end(),
                         [&](const Option& o) { return o.value == s; })) {
          fail(f.name, "option", "is not one of the options");
          continue;
        }
        break;
      case FieldType::kEmail:
        if (!std::regex_match(s, kEmail)) {
          fail(f.name, "email", "must be an e-mail address");
          continue;
        }
        break;
      case FieldType::kPhone:
        if (!std::regex_match(s, kPhone)) {
          fail(f.name, "phone", "must be a phone number");
          continue;
        }
        break;
      case FieldType::kCountry:
        if (!IsIsoCountry(s)) {
          fail(f.name, "country", "must be a country (ISO 3166 alpha-2 code)");
          continue;
        }
        break;
      default:
        break;
    }
    if (f.regex && !std::regex_match(s, *f.regex)) {
      fail(f.name, "pattern", "does not have the expected format");
      continue;
    }
    out[f.name] = s;
  }
  if (!errors.empty()) return Status::InvalidArgument("the form has errors", std::move(errors));
  return out;
}

}  // namespace tongban::catalog

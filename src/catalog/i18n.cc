#include "catalog/i18n.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "catalog/catalog.h"

namespace tongban::catalog {

namespace fs = std::filesystem;

namespace {

Result<json::value> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec) return Status::InvalidArgument(path.string() + ": not valid JSON: " + ec.message());
  return v;
}

bool IsText(const json::object& o) {
  auto zh = o.find("zh"), en = o.find("en");
  return zh != o.end() && en != o.end() && zh->value().is_string() && en->value().is_string();
}

void Collect(const json::value& v, const std::string& file,
             std::map<std::string, std::string>& out) {
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (IsText(o) && !o.at("en").as_string().empty())
      out.emplace(std::string(o.at("en").as_string()), file);
    for (const auto& kv : o) Collect(kv.value(), file, out);
  } else if (v.is_array()) {
    for (const auto& x : v.as_array()) Collect(x, file, out);
  }
}

//! The catalogue's JSON files: *.json in the folder, then items/*.json, each sorted.
std::vector<fs::path> CatalogFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const fs::path& sub : {dir, dir / "items"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(sub, ec))
      if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

}  // namespace

Result<Translations> Translations::LoadDir(const fs::path& dir) {
  Translations t;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return t;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return Status::NotFound(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string lang = file.stem().string();
    if (!IsLanguageCode(lang))
      return Status::InvalidArgument(file.string() +
                                     ": the file name must be a language code (it.json, "
                                     "pt-BR.json)");
    if (lang == "zh" || lang.rfind("zh-", 0) == 0 || lang == "en" || lang.rfind("en-", 0) == 0)
      return Status::InvalidArgument(file.string() +
                                     ": Chinese and English are written in the catalogue files "
                                     "themselves, not in catalog/i18n");
    TB_ASSIGN_OR_RETURN(json::value v, ReadJson(file));
    if (!v.is_object())
      return Status::InvalidArgument(file.string() +
                                     ": must hold one JSON object {\"English text\": "
                                     "\"translation\", …}");
    auto& map = t.byLang_[lang];
    for (const auto& kv : v.as_object()) {
      std::string key(kv.key());
      if (key.empty()) return Status::InvalidArgument(file.string() + ": an empty key");
      if (!kv.value().is_string() || kv.value().as_string().empty())
        return Status::InvalidArgument(file.string() + ": \"" + key +
                                       "\": the translation must be a non-empty string");
      map[key] = std::string(kv.value().as_string());
    }
    t.files_[lang] = file;
  }
  return t;
}

std::vector<std::string> Translations::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, map] : byLang_) out.push_back(lang);
  return out;
}

const std::string* Translations::find(const std::string& lang, const std::string& english) const {
  auto l = byLang_.find(lang);
  if (l == byLang_.end()) return nullptr;
  auto it = l->second.find(english);
  return it == l->second.end() ? nullptr : &it->second;
}

void Translations::fill(json::value& v) const {
  if (v.is_object()) {
    auto& o = v.as_object();
    if (IsText(o)) {
      std::string en(o.at("en").as_string());
      for (const auto& [lang, map] : byLang_) {
        if (o.contains(lang)) continue;
        if (auto it = map.find(en); it != map.end()) o[lang] = it->second;
      }
      return;
    }
    for (auto& kv : o) fill(kv.value());
  } else if (v.is_array()) {
    for (auto& x : v.as_array()) fill(x);
  }
}

std::map<std::string, std::string> OtherLanguages(const json::value& text) {
  std::map<std::string, std::string> out;
  if (!text.is_object()) return out;
  for (const auto& kv : text.as_object())
    if (kv.key() != "zh" && kv.key() != "en" && kv.value().is_string() &&
        !kv.value().as_string().empty() && IsLanguageCode(kv.key()))
      out[std::string(kv.key())] = std::string(kv.value().as_string());
  return out;
}

json::object TextJson(const std::string& zh, const std::string& en,
                      const db::TextTranslations& translations, const std::string& field) {
  json::object o{{"zh", zh}, {"en", en}};
  if (auto it = translations.find(field); it != translations.end())
    for (const auto& [lang, text] : it->second) o[lang] = text;
  return o;
}

Result<std::map<std::string, std::string>> CatalogSourceTexts(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& file : CatalogFiles(dir)) {
    TB_ASSIGN_OR_RETURN(json::value v, ReadJson(file));
    Collect(v, fs::relative(file, dir).string(), out);
  }
  return out;
}

std::string TranslationProblem::describe() const {
  if (kind == "stale")
    return file.string() + ": [" + lang + "] \"" + text +
           "\" is no longer in the catalogue (remove it, or update it to the new English text)";
  return file.string() + ": [" + lang + "] no translation of \"" + text + "\" (used in " + usedIn +
         ")";
}

Result<std::vector<TranslationProblem>> CheckTranslations(const fs::path& dir) {
  TB_ASSIGN_OR_RETURN(auto sources, CatalogSourceTexts(dir));
  TB_ASSIGN_OR_RETURN(Translations tr, Translations::LoadDir(dir / "i18n"));
  std::vector<TranslationProblem> out;
  for (const auto& [lang, map] : tr.all()) {
    for (const auto& [english, file] : sources)
      if (!map.count(english)) out.push_back({tr.file(lang), lang, english, "missing", file});
    for (const auto& [english, translation] : map)
      if (!sources.count(english)) out.push_back({tr.file(lang), lang, english, "stale", ""});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.lang, a.kind, a.text) < std::tie(b.lang, b.kind, b.text);
  });
  return out;
}

}  // namespace tongban::catalog

#pragma once
// Translations of the catalogue, gettext-style. The catalogue files carry every text in Chinese
// and English ({"zh": …, "en": …}); catalog/i18n/<lang>.json maps the exact English text to its
// translation ({"Passport data page": "Pagina dei dati del passaporto", …}). The loader adds
// each translation to the text it belongs to, so items, categories, units, FAQ articles and
// canned answers carry {"zh", "en", "it", "es", …} and the API answers all of them; a text
// without a translation falls back to English where it is shown.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "db/records.h"

namespace tongban::catalog {

class Translations {
 public:
  //! Reads every <lang>.json in `dir`; no folder means no translations. Errors name the file
  //! and the key: a file name that is not a language code, "zh" or "en" (those are written in
  //! the catalogue itself), anything but a flat object of non-empty strings.
  static Result<Translations> LoadDir(const std::filesystem::path& dir);

  //! The languages with a file, sorted ("de", "es", "fr", "it", "pt").
  std::vector<std::string> languages() const;
  //! The translation of `english` into `lang`, or nullptr.
  const std::string* find(const std::string& lang, const std::string& english) const;
  //! Adds to every {"zh": …, "en": …} object inside `v` each language that translates its
  //! English text. A language already present in the object is kept as it is.
  void fill(json::value& v) const;
  //! lang → (English → translation).
  const std::map<std::string, std::map<std::string, std::string>>& all() const { return byLang_; }
  const std::filesystem::path& file(const std::string& lang) const { return files_.at(lang); }

 private:
  std::map<std::string, std::map<std::string, std::string>> byLang_;
  std::map<std::string, std::filesystem::path> files_;
};

//! The languages of a text object beyond "zh" and "en": {"it": …, …} of {"zh", "en", "it", …}.
std::map<std::string, std::string> OtherLanguages(const json::value& text);

//! {"zh": zh, "en": en, …every language of `translations[field]`}, as the API answers text.
json::object TextJson(const std::string& zh, const std::string& en,
                      const db::TextTranslations& translations, const std::string& field);

//! Every English text of the catalogue under `dir` (the "en" of every {"zh", "en"} object in
//! categories.json, fieldsets.json, items/*.json, units.json, faq.json, …), each with the first
//! file that has it.
Result<std::map<std::string, std::string>> CatalogSourceTexts(const std::filesystem::path& dir);

struct TranslationProblem {
  std::filesystem::path file;  // catalog/i18n/it.json
  std::string lang;            // "it"
  std::string text;            // the English text
  std::string kind;            // "missing": no translation; "stale": no longer in the catalogue
  std::string usedIn;          // missing: the catalogue file that has the text
  std::string describe() const;
};

//! Compares every catalog/i18n/<lang>.json under `dir` with the catalogue's English texts:
//! each text without a translation in a language present, and each translation of a text the
//! catalogue no longer has. Sorted by language, then kind, then text.
Result<std::vector<TranslationProblem>> CheckTranslations(const std::filesystem::path& dir);

}  // namespace tongban::catalog

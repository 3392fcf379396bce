#pragma once
// The service catalogue: categories and items (business and query), each item with its form
// fields, required documents, fee, legal time limit, handling mode, owning unit, identity
// assurance, proxy rule and delivery options. Read-only once built; replace the whole
// Catalog to change it.

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace tongban::catalog {

//! A text of the catalogue in every language it has. Chinese and English are written in the
//! catalogue files; the other languages are translations of the English text, filled in from
//! catalog/i18n/<lang>.json by the loader (see catalog/i18n.h).
struct Text {
  std::string zh, en;
  std::map<std::string, std::string> other;  // "it", "es", "fr", "pt", "de", …
  //! The text in `lang` ("zh", "zh-CN", "en", "it", "pt-BR", …), falling back to English then
  //! Chinese.
  const std::string& in(const std::string& lang) const;
  //! {"zh": …, "en": …, "it": …, …}: every language, as the API answers text.
  json::object ToJson() const;
};
using LocalText = Text;

//! "it", "es", "pt-BR", "zh-Hant": a language code as the catalogue's texts are keyed.
bool IsLanguageCode(std::string_view code);

enum class FieldType {
  kText,
  kTextarea,
  kNumber,
  kDate,
  kSelect,
  kCheckbox,
  kEmail,
  kPhone,
  kCountry
};

struct Option {
  std::string value;
  Text label;
};

struct Field {
  std::string name;
  FieldType type = FieldType::kText;
  Text label;
  bool required = false;
  std::string pattern;
  std::shared_ptr<const std::regex> regex;  // compiled `pattern`
  std::vector<Option> options;
  size_t maxLength = 200;
  std::optional<double> min, max;
  //! Letters are turned to capitals before checking and storing ("case": "upper"): names as
  //! printed in a passport, document numbers.
  bool upper = false;
  //! What to type, shown under the label and with any error ("hint"); optional.
  std::optional<Text> hint;
  //! A sample value ("example"), not translated; optional.
  std::string example;
};

struct DocumentRequirement {
  std::string type;
  Text name;
  bool required = true;
};

enum class Mode { kInstant, kAuto, kReview, kTwoLevel, kQuery };

//! What an applicant receives when a business item is issued (the item's "result"; see
//! catalog/README.md). Named ItemResult, not Result, because tongban::Result<T> is the error
//! type every function here returns.
enum class ResultKind {
  //! A signed certificate is the result itself (no criminal record, kinship, a receipt).
  kCertificate,
  //! The result is a physical document (passport, ID card, licence); the signed decision letter
  //! says so and that the document follows by the chosen delivery.
  kDecisionLetter
};

struct ItemResult {
  ResultKind kind = ResultKind::kCertificate;
  Text title;
  //! Printed in this order: names of the item's form fields or of DecisionFields().
  std::vector<std::string> print;
  //! Certificates: days of validity from the issue date; nullopt for no time limit. Decision
  //! letters have none (the physical document carries its own validity).
  std::optional<int> validityDays;
  //! Decision letters: what is handed over ("The new ordinary passport").
  std::optional<Text> physical;
  //! Revoking it needs a supervisor's countersignature as well as the officer's request
  //! ("sensitive": true; e.g. a no-criminal-record certificate a foreign authority relies on).
  bool sensitive = false;
};

const char* ResultKindName(ResultKind k);

//! Values that come from the decision, not the form, and may be printed on a result:
//! case_number, decision_date, decision_note.
const std::vector<std::string>& DecisionFields();

struct Item {
  std::string code;
  std::string kind;  // business | query
  std::string category;
  Text name, description;
  std::vector<std::string> keywords;
  std::vector<Field> fields;
  std::vector<DocumentRequirement> documents;
  double fee = 0;
  std::string currency = "CNY";
  //! When the fee must be paid ("fee_due"): before the result is issued (the default; `issue` is
  //! refused while it is unpaid) or on collection (paid when the applicant collects the document,
  //! so issuing does not wait for it).
  enum class FeeDue { kBeforeIssue, kOnCollection };
  FeeDue feeDue = FeeDue::kBeforeIssue;
  //! A fee whose amount the applicant states in the form ("fee_from_field": a number field):
  //! a traffic fine, whose amount is on the penalty decision. Empty: `fee` is the amount.
  std::string feeFromField;
  int timeLimitDays = 0;         // legal time limit, working days
  int submissionWindowDays = 0;  // days the applicant has to send requested material
  Mode mode = Mode::kReview;
  std::string owner;      // unit code
  std::string assurance;  // account | verified
  bool proxyAllowed = false;
  std::vector<std::string> delivery;
  //! What the applicant receives; business items from the catalogue files always have one
  //! (the loader requires it), query items never.
  std::optional<ItemResult> result;
  std::string workflow;  // derived from mode
  json::object spec;     // the validated JSON, for the API
};

struct Category {
  std::string code;
  int sort = 0;
  Text name, description;
  json::object spec;
};

const char* ModeName(Mode m);
//! "before_issue" | "on_collection"
const char* FeeDueName(Item::FeeDue d);

//! Parses one item; `where` names the source (file) for error messages. Field paths in errors
//! are relative to the item ("fields[2].type").
Result<Item> ParseItem(const json::object& spec, const std::string& where);
Result<Category> ParseCategory(const json::object& spec, const std::string& where);

//! An administrator's edit of an item's basic fields (name, description, fee, time limit,
//! submission window, proxy rule). Returns the new, fully re-validated spec; field errors
//! name the patch keys.
Result<json::object> EditItemBasics(const Item& item, const json::object& patch);

class Catalog {
 public:
  Catalog(std::vector<Category> categories, std::vector<Item> items);

  const std::vector<Category>& categories() const { return categories_; }
  const Item* item(const std::string& code) const;
  const Category* category(const std::string& code) const;
  //! Items of a category (all when empty), optionally of one kind, ordered by code.
  std::vector<const Item*> list(const std::string& category, const std::string& kind) const;
  //! Items matching `query` in any language (names, keywords, descriptions; case and accents
  //! ignored), best first.
  std::vector<const Item*> search(const std::string& query, const std::string& category) const;
  size_t size() const { return items_.size(); }

  //! Checks a submitted form against the item's fields. Errors are keyed "form.<field>".
  //! On success returns the normalised form (only known fields, trimmed strings).
  static Result<json::object> ValidateForm(const Item& item, const json::object& form,
                                           bool requireAll = true);

 private:
  struct Searchable {
    std::string name, keywords, description;  // every language, folded (text::FoldForSearch)
  };
  std::vector<Category> categories_;
  std::map<std::string, Item> items_;
  std::map<std::string, Searchable> searchable_;
};

}  // namespace tongban::catalog

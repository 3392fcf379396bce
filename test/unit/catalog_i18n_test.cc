// The catalogue in every language: catalog/i18n/<lang>.json translations reach every text,
// search finds items and FAQ articles in every language, and a missing or stale translation
// fails a test that names the file, the language and the English text.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "catalog/loader.h"
#include "common/text.h"
#include "db/sqlite/sqlite_database.h"
#include "test_support.h"

namespace tongban::catalog {
namespace {

namespace fs = std::filesystem;

// TODO(lead, i18n merge): set to false when the translators' catalog/i18n/{it,es,fr,pt,de}.json
// are merged. Until then the repository holds only a short partial it.json for development, so
// texts without a translation are listed and the test is skipped; stale keys and broken files
// fail even now. With `false`, every missing translation fails the test.
constexpr bool kTranslatorFilesPending = false;

TEST(CatalogTranslations, EveryCatalogueTextIsTranslatedInEveryLanguageFileAndNoneIsStale) {
  auto problems = CheckTranslations(testing::SourceCatalogDir());
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  std::string missing, stale;
  size_t missingCount = 0;
  for (const auto& p : *problems) {
    if (p.kind == "stale") {
      stale += p.describe() + "\n";
    } else {
      missing += p.describe() + "\n";
      ++missingCount;
    }
  }
  EXPECT_TRUE(stale.empty()) << stale;
  if (kTranslatorFilesPending && stale.empty() && missingCount) {
    GTEST_SKIP() << missingCount
                 << " catalogue texts have no translation yet (translators' files pending "
                    "merge):\n"
                 << missing;
  }
  EXPECT_TRUE(missing.empty()) << missingCount << " catalogue texts lack a translation:\n"
                               << missing;
}

TEST(CatalogTranslations, TheMessageIdListMatchesTheCatalogue) {
  // Every text the translators are given is one the catalogue has, and the other way round;
  // the list is regenerated with CatalogSourceTexts when the catalogue changes.
  auto sources = CatalogSourceTexts(testing::SourceCatalogDir());
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  EXPECT_GT(sources->size(), 250u);
  EXPECT_EQ(sources->count("Passport data page"), 1u);
  EXPECT_EQ(sources->at("Passport data page").rfind("items/", 0), 0u);
  EXPECT_EQ(sources->count("Qingtian Exit-Entry Service Centre"), 1u);    // units.json
  EXPECT_EQ(sources->count("What do I do if my passport is lost?"), 1u);  // faq.json
  EXPECT_EQ(sources->count("Hello, thank you for your question. Let us look into it."),
            1u);                                      // canned
  EXPECT_EQ(sources->count("Surname (pinyin)"), 1u);  // fieldsets.json
}

//! A copy of the repository's catalogue whose i18n folder the test writes.
class TranslatedCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::SourceCatalogDir(), dir(), fs::copy_options::recursive);
    fs::remove_all(dir() / "i18n");
    fs::create_directories(dir() / "i18n");
  }
  fs::path dir() const { return tmp_.path() / "catalog"; }
  void write(const std::string& file, const json::object& o) {
    std::ofstream(dir() / "i18n" / file) << json::serialize(o);
  }
  void writeRaw(const std::string& file, const std::string& text) {
    std::ofstream(dir() / "i18n" / file) << text;
  }
  //! Every text of the catalogue "translated" as "<lang>:<English>".
  json::object everything(const std::string& lang) {
    auto sources = CatalogSourceTexts(dir());
    EXPECT_TRUE(sources.ok());
    json::object o;
    for (const auto& [en, file] : *sources) o[en] = lang + ":" + en;
    return o;
  }
  CatalogData load() {
    auto data = LoadCatalogDir(dir(), TimePoint{});
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    return data.ok() ? std::move(*data) : CatalogData{};
  }
  Catalog catalogOf(const CatalogData& data) {
    std::vector<Category> cats;
    for (const auto& c : data.categories)
      cats.push_back(*ParseCategory(*ParseJsonObject(c.specJson), "t"));
    std::vector<Item> items;
    for (const auto& row : data.items)
      items.push_back(*ParseItem(*ParseJsonObject(row.specJson), "t"));
    return Catalog(std::move(cats), std::move(items));
  }
  testing::TempDir tmp_;
};

TEST_F(TranslatedCatalog, CheckNamesTheFileTheLanguageAndTheTextMissingOrStale) {
  json::object fr = everything("fr");
  fr.erase("Passport data page");
  fr["A text the catalogue no longer has"] = "Un texte disparu";
  write("fr.json", fr);
  write("de.json", everything("de"));
  auto problems = CheckTranslations(dir());
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  ASSERT_EQ(problems->size(), 2u);
  const auto& missing = (*problems)[0];
  EXPECT_EQ(missing.kind, "missing");
  EXPECT_EQ(missing.lang, "fr");
  EXPECT_EQ(missing.text, "Passport data page");
  std::string m = missing.describe();
  EXPECT_NE(m.find("i18n/fr.json"), std::string::npos) << m;
  EXPECT_NE(m.find("[fr]"), std::string::npos) << m;
  EXPECT_NE(m.find("\"Passport data page\""), std::string::npos) << m;
  EXPECT_NE(m.find("items/"), std::string::npos) << m;
  const auto& stale = (*problems)[1];
  EXPECT_EQ(stale.kind, "stale");
  EXPECT_EQ(stale.text, "A text the catalogue no longer has");
  EXPECT_NE(stale.describe().find("no longer in the catalogue"), std::string::npos);
}

TEST_F(TranslatedCatalog, ACompleteFileHasNoProblemAndNoFileMeansNoCheck) {
  auto none = CheckTranslations(dir());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  write("pt.json", everything("pt"));
  auto problems = CheckTranslations(dir());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
}

TEST_F(TranslatedCatalog, EveryKindOfTextCarriesItsTranslations) {
  write("it.json", everything("it"));
  write("de.json", json::object{{"First ordinary passport", "Erster gewöhnlicher Reisepass"}});
  CatalogData data = load();
  EXPECT_EQ(data.languages, (std::vector<std::string>{"de", "it"}));
  Catalog catalog = catalogOf(data);

  const Category* cat = catalog.category("exit_entry");
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(cat->name.in("it"), "it:" + cat->name.en);
  EXPECT_EQ(cat->description.in("it"), "it:" + cat->description.en);

  const Item* item = catalog.item("EE-001");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->name.in("it"), "it:First ordinary passport");
  EXPECT_EQ(item->name.in("de"), "Erster gewöhnlicher Reisepass");
  EXPECT_EQ(item->name.in("de-AT"), "Erster gewöhnlicher Reisepass");
  EXPECT_EQ(item->description.in("de"), item->description.en);  // no German: English
  EXPECT_EQ(item->name.in("zh-CN"), item->name.zh);
  ASSERT_FALSE(item->documents.empty());
  for (const auto& d : item->documents) EXPECT_EQ(d.name.in("it"), "it:" + d.name.en);
  ASSERT_FALSE(item->fields.empty());
  for (const auto& f : item->fields) {  // fieldsets' fields and the item's own
    EXPECT_EQ(f.label.in("it"), "it:" + f.label.en) << f.name;
    for (const auto& o : f.options) EXPECT_EQ(o.label.in("it"), "it:" + o.label.en) << f.name;
  }
  // What the applicant receives is named in every language too.
  ASSERT_TRUE(item->result.has_value());
  EXPECT_EQ(item->result->title.in("it"), "it:" + item->result->title.en);
  ASSERT_TRUE(item->result->physical.has_value());
  EXPECT_EQ(item->result->physical->in("it"), "it:" + item->result->physical->en);
  // The API answers the spec: steps, documents and labels carry every language.
  const auto& steps = item->spec.at("steps").as_array();
  ASSERT_FALSE(steps.empty());
  for (const auto& s : steps) {
    const auto& text = s.as_object().at("text").as_object();
    EXPECT_EQ(text.at("it").as_string(), "it:" + std::string(text.at("en").as_string()));
  }
  json::object name = item->name.ToJson();
  EXPECT_EQ(name.size(), 4u);  // zh, en, de, it
  EXPECT_EQ(name.at("de").as_string(), "Erster gewöhnlicher Reisepass");

  bool sawUnit = false;
  for (const auto& [u, parent] : data.units) {
    json::object n = TextJson(u.nameZh, u.nameEn, u.translations, "name");
    json::object a = TextJson(u.addressZh, u.addressEn, u.translations, "address");
    EXPECT_EQ(n.at("it").as_string(), "it:" + u.nameEn) << u.code;
    EXPECT_EQ(a.at("it").as_string(), "it:" + u.addressEn) << u.code;
    sawUnit = true;
  }
  EXPECT_TRUE(sawUnit);
  ASSERT_FALSE(data.faq.empty());
  for (const auto& f : data.faq) {
    EXPECT_EQ(f.translations.at("title").at("it"), "it:" + f.titleEn) << f.code;
    EXPECT_EQ(f.translations.at("body").at("it"), "it:" + f.bodyEn) << f.code;
  }
  ASSERT_FALSE(data.canned.empty());
  for (const auto& c : data.canned) {
    EXPECT_EQ(c.translations.at("title").at("it"), "it:" + c.titleEn) << c.code;
    EXPECT_EQ(c.translations.at("body").at("it"), "it:" + c.bodyEn) << c.code;
  }
}

TEST_F(TranslatedCatalog, BrokenTranslationFilesAreRefusedNamingFileAndKey) {
  writeRaw("it.json", R"({"Passport data page": 3})");
  auto r = LoadCatalogDir(dir(), TimePoint{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("i18n/it.json: \"Passport data page\""), std::string::npos)
      << r.status().message();

  fs::remove(dir() / "i18n" / "it.json");
  writeRaw("en.json", "{}");
  r = LoadCatalogDir(dir(), TimePoint{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("en.json: Chinese and English are written"),
            std::string::npos)
      << r.status().message();

  fs::remove(dir() / "i18n" / "en.json");
  writeRaw("Italiano.json", "{}");
  r = LoadCatalogDir(dir(), TimePoint{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Italiano.json: the file name must be a language code"),
            std::string::npos)
      << r.status().message();

  fs::remove(dir() / "i18n" / "Italiano.json");
  writeRaw("es.json", "[1, 2]");
  r = LoadCatalogDir(dir(), TimePoint{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("es.json: must hold one JSON object"), std::string::npos)
      << r.status().message();
}

// The passport items' names in the five host-country languages, as a translator would write
// them; the search must find the items by the word for "passport" in each.
const std::map<std::string, std::map<std::string, std::string>> kPassportNames = {
    {"it",
     {{"First ordinary passport", "Primo passaporto ordinario"},
      {"Passport renewal on expiry", "Rinnovo del passaporto in scadenza"},
      {"Replacement of a lost passport", "Sostituzione di un passaporto smarrito"}}},
    {"es",
     {{"First ordinary passport", "Primer pasaporte ordinario"},
      {"Passport renewal on expiry", "Renovación del pasaporte al vencer"},
      {"Replacement of a lost passport", "Sustitución de un pasaporte perdido"}}},
    {"fr",
     {{"First ordinary passport", "Premier passeport ordinaire"},
      {"Passport renewal on expiry", "Renouvellement du passeport à expiration"},
      {"Replacement of a lost passport", "Remplacement d'un passeport perdu"}}},
    {"pt",
     {{"First ordinary passport", "Primeiro passaporte comum"},
      {"Passport renewal on expiry", "Renovação do passaporte no vencimento"},
      {"Replacement of a lost passport", "Substituição de um passaporte perdido"}}},
    {"de",
     {{"First ordinary passport", "Erster gewöhnlicher Reisepass"},
      {"Passport renewal on expiry", "Verlängerung des Reisepasses bei Ablauf"},
      {"Replacement of a lost passport", "Ersatz eines verlorenen Reisepasses"}}},
};

TEST_F(TranslatedCatalog, SearchFindsThePassportItemsInEveryLanguage) {
  for (const auto& [lang, names] : kPassportNames) {
    json::object o;
    for (const auto& [en, tr] : names) o[en] = tr;
    write(lang + ".json", o);
  }
  Catalog catalog = catalogOf(load());
  for (const char* word : {"passaporto", "pasaporte", "passeport", "passaporte", "Reisepass",
                           "REISEPASS", "passport", "护照"}) {
    auto found = catalog.search(word, "");
    std::set<std::string> codes;
    for (const auto* i : found) codes.insert(i->code);
    for (const char* code : {"EE-001", "EE-002", "EE-003"})
      EXPECT_TRUE(codes.count(code)) << word << " does not find " << code;
    ASSERT_FALSE(found.empty()) << word;
    EXPECT_EQ(found[0]->category, "exit_entry") << word;
  }
  // Accents are optional, and two words narrow down to the one item.
  for (const char* q :
       {"Renovación", "renovacion", "Sustitución pasaporte", "remplacement passeport perdu",
        "SUBSTITUIÇÃO", "verlorenen Reisepasses", "passaporto smarrito"}) {
    auto found = catalog.search(q, "");
    ASSERT_FALSE(found.empty()) << q;
    EXPECT_TRUE(found[0]->code == "EE-002" || found[0]->code == "EE-003") << q;
  }
  EXPECT_EQ(catalog.search("passaporto smarrito", "")[0]->code, "EE-003");
  EXPECT_TRUE(catalog.search("passaporto", "traffic").empty());
  EXPECT_TRUE(catalog.search("passaportoxyz", "").empty());
}

TEST_F(TranslatedCatalog, FaqIsIndexedAndSearchedInEveryLanguage) {
  write("de.json", json::object{{"What do I do if my passport is lost?",
                                 "Was tun, wenn mein Reisepass verloren ist?"},
                                {"First declare the passport void online, then apply for a "
                                 "replacement. Upload a statement of loss and an ID photo.",
                                 "Erklären Sie den Pass zuerst online für ungültig und beantragen "
                                 "Sie dann Ersatz. Laden Sie eine Verlusterklärung hoch."}});
  write("es.json", json::object{{"What do I do if my passport is lost?",
                                 "¿Qué hago si pierdo el pasaporte?"}});
  CatalogData data = load();
  db::SqliteOptions o;
  o.path = (tmp_.path() / "t.db").string();
  o.migrate = true;
  auto database = db::SqliteDatabase::Open(std::move(o));
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  ASSERT_TRUE(StoreCatalog(**database, data).ok());
  auto search = [&](const std::string& q) {
    std::vector<db::FaqRow> rows;
    EXPECT_TRUE((*database)
                    ->read([&](db::Transaction& tx) -> Status {
                      TB_ASSIGN_OR_RETURN(rows, tx.faq().search(text::FtsQuery(q), 5));
                      return Status::Ok();
                    })
                    .ok());
    return rows;
  };
  for (const char* q : {"Reisepass verloren", "Verlusterklärung", "verlusterklarung", "pasaporte",
                        "pierdo", "passport lost", "护照"}) {
    auto rows = search(q);
    bool found = false;
    for (const auto& r : rows)
      if (r.titleEn == "What do I do if my passport is lost?") {
        found = true;
        // The stored row carries its translations, for the API to answer every language.
        EXPECT_EQ(r.translations.at("title").at("de"),
                  "Was tun, wenn mein Reisepass verloren ist?");
        EXPECT_EQ(r.translations.at("title").at("es"), "¿Qué hago si pierdo el pasaporte?");
      }
    EXPECT_TRUE(found) << q;
  }
  EXPECT_TRUE(search("Reisepass Führerscheinzzz").empty());
}

TEST(CatalogText, InPicksTheLanguageThenEnglishThenChinese) {
  Text t{"护照", "Passport", {{"it", "Passaporto"}, {"pt-BR", "Passaporte"}}};
  EXPECT_EQ(t.in("zh"), "护照");
  EXPECT_EQ(t.in("zh-CN"), "护照");
  EXPECT_EQ(t.in("en"), "Passport");
  EXPECT_EQ(t.in("it"), "Passaporto");
  EXPECT_EQ(t.in("it-CH"), "Passaporto");
  EXPECT_EQ(t.in("pt-BR"), "Passaporte");
  EXPECT_EQ(t.in("fr"), "Passport");
  Text zhOnly{"护照", "", {}};
  EXPECT_EQ(zhOnly.in("fr"), "护照");
  EXPECT_TRUE(IsLanguageCode("it"));
  EXPECT_TRUE(IsLanguageCode("pt-BR"));
  EXPECT_TRUE(IsLanguageCode("zh-Hant"));
  EXPECT_FALSE(IsLanguageCode("Italiano"));
  EXPECT_FALSE(IsLanguageCode("it_IT"));
  EXPECT_FALSE(IsLanguageCode(""));
}

TEST_F(TranslatedCatalog, EditingTheEnglishNameDropsTranslationsThatNoLongerMatch) {
  write("it.json", json::object{{"First ordinary passport", "Primo passaporto ordinario"},
                                {"Passport renewal on expiry", "Rinnovo del passaporto"}});
  Catalog catalog = catalogOf(load());
  const Item* item = catalog.item("EE-001");
  ASSERT_NE(item, nullptr);
  auto same = EditItemBasics(*item, json::object{{"name", {{"zh", "首次申请普通护照"}}}});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->at("name").as_object().at("it").as_string(), "Primo passaporto ordinario");
  auto changed =
      EditItemBasics(*item, json::object{{"name", {{"en", "First ordinary passport (adults)"}}}});
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->at("name").as_object().contains("it"));
  auto both = EditItemBasics(
      *item,
      json::object{
          {"name", {{"en", "First passport (adults)"}, {"it", "Primo passaporto (adulti)"}}}});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->at("name").as_object().at("it").as_string(), "Primo passaporto (adulti)");
  auto bad = EditItemBasics(*item, json::object{{"name", {{"Italian", "Passaporto"}}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().fields().count("name.Italian"));
}

TEST(SearchText, FoldingIgnoresCaseAndAccents) {
  EXPECT_EQ(text::FoldForSearch("Pérdida DEL Pasaporte"), "perdida del pasaporte");
  EXPECT_EQ(text::FoldForSearch("Führerschein Straße"), "fuhrerschein strasse");
  EXPECT_EQ(text::FoldForSearch("Ça SUBSTITUIÇÃO Œuvre"), "ca substituicao oeuvre");
  EXPECT_EQ(text::FoldForSearch("护照 Passport"), "护照 passport");
  // Accented letters are part of words for the FAQ index, not separators.
  EXPECT_EQ(text::FtsQuery("pérdida"), "\"pérdida\"*");
  EXPECT_EQ(text::FtsQuery("Führerschein verloren"), "\"Führerschein\"* AND \"verloren\"*");
}

}  // namespace
}  // namespace tongban::catalog

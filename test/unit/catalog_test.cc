#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalog/catalog.h"
#include "catalog/loader.h"
#include "test_support.h"

namespace tongban::catalog {
namespace {

namespace fs = std::filesystem;

std::vector<Item> ParseAll(const CatalogData& data) {
  std::vector<Item> items;
  for (const auto& row : data.items) {
    auto obj = ParseJsonObject(row.specJson);
    auto item = ParseItem(*obj, "t");
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    if (item.ok()) items.push_back(*item);
  }
  return items;
}

TEST(CatalogLoader, DemoCatalogueHasFourCategoriesAndAtLeast45BusinessItems) {
  auto data =
      LoadCatalogDir(testing::SourceCatalogDir(), *ParseTimestamp("2026-11-23T00:00:00.000Z"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->categories.size(), 4u);
  size_t business = 0, query = 0;
  for (const auto& i : data->items) (i.kind == "business" ? business : query)++;
  EXPECT_GE(business, 45u);
  EXPECT_GT(query, 0u);
  auto items = ParseAll(*data);
  std::set<std::string> modes;
  for (const auto& i : items) {
    modes.insert(ModeName(i.mode));
    EXPECT_FALSE(i.name.zh.empty());
    EXPECT_FALSE(i.name.en.empty());
    if (i.kind == "business") {
      EXPECT_FALSE(i.fields.empty()) << i.code;
    }
  }
  EXPECT_EQ(modes, (std::set<std::string>{"auto", "instant", "query", "review", "two_level"}));
  // Every business item says what the applicant receives, in every language of catalog/i18n;
  // both kinds of result are used.
  std::set<std::string> resultKinds;
  for (const auto& i : items) {
    if (i.kind == "query") {
      EXPECT_FALSE(i.result) << i.code;
      continue;
    }
    ASSERT_TRUE(i.result) << i.code;
    resultKinds.insert(ResultKindName(i.result->kind));
    EXPECT_FALSE(i.result->title.zh.empty()) << i.code;
    for (const auto& lang : data->languages) {
      EXPECT_TRUE(i.result->title.other.count(lang)) << i.code << " " << lang;
      if (i.result->physical) EXPECT_TRUE(i.result->physical->other.count(lang)) << i.code;
    }
    if (i.result->kind == ResultKind::kCertificate) {
      EXPECT_FALSE(i.result->print.empty()) << i.code;
      EXPECT_FALSE(i.result->physical) << i.code;
    } else {
      EXPECT_TRUE(i.result->physical) << i.code;
      EXPECT_FALSE(i.result->validityDays) << i.code;
    }
  }
  EXPECT_EQ(resultKinds, (std::set<std::string>{"certificate", "decision_letter"}));
  // Every unit kind of the organisation is represented.
  std::set<std::string> kinds;
  for (const auto& [u, parent] : data->units) kinds.insert(u.kind);
  EXPECT_EQ(kinds, (std::set<std::string>{"bureau", "branch_centre", "service_site", "liaison_site",
                                          "department", "special_team"}));
}

class BrokenCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::SourceCatalogDir(), dir_.path() / "catalog", fs::copy_options::recursive);
  }
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    fs::path p = dir_.path() / "catalog" / file;
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    auto pos = s.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    s.replace(pos, from.size(), to);
    std::ofstream(p) << s;
  }
  std::string error() {
    auto r = LoadCatalogDir(dir_.path() / "catalog", TimePoint{});
    EXPECT_FALSE(r.ok());
    return r.ok() ? "" : r.status().message();
  }
  testing::TempDir dir_;
};

TEST_F(BrokenCatalog, UnknownFieldTypeNamesFileItemAndField) {
  edit("fieldsets.json", "\"type\": \"date\"", "\"type\": \"calendar\"");
  std::string e = error();
  EXPECT_NE(e.find("items/"), std::string::npos) << e;
  EXPECT_NE(e.find("fields["), std::string::npos) << e;
  EXPECT_NE(e.find("unknown value 'calendar'"), std::string::npos) << e;
}

TEST_F(BrokenCatalog, OwnerMustBeAKnownUnit) {
  edit("items/traffic.json", "\"owner\": \"QT-TRAFFIC\"", "\"owner\": \"NOWHERE\"");
  std::string e = error();
  EXPECT_NE(e.find("items/traffic.json: item TV-001.owner"), std::string::npos) << e;
}

TEST_F(BrokenCatalog, InvalidJsonNamesTheFile) {
  edit("units.json", "{", "{{");
  EXPECT_NE(error().find("units.json: not valid JSON"), std::string::npos);
}

TEST_F(BrokenCatalog, BadPatternIsReported) {
  edit("fieldsets.json", "^[0-9]{17}[0-9X]$", "^[0-9]{17}([0-9X]$");
  EXPECT_NE(error().find("pattern: is not a valid regular expression"), std::string::npos);
}

TEST_F(BrokenCatalog, LetterCaseMustBeUpper) {
  edit("fieldsets.json", "\"case\": \"upper\"", "\"case\": \"title\"");
  std::string e = error();
  EXPECT_NE(e.find("case: must be \"upper\""), std::string::npos) << e;
}

TEST_F(BrokenCatalog, UnitTimezoneMustLookLikeIana) {
  edit("units.json", "\"Europe/Rome\"", "\"Rome time\"");
  EXPECT_NE(error().find("timezone"), std::string::npos);
}

// traffic.json begins with TV-001, a driving licence: its result is a decision letter printing
// name_zh, licence_number and case_number; each edit below changes the first occurrence.
TEST_F(BrokenCatalog, PrintedFieldMustBeAFormOrDecisionField) {
  edit("items/traffic.json", "\"licence_number\",\n     \"case_number\"",
       "\"engine_number\",\n     \"case_number\"");
  std::string e = error();
  EXPECT_NE(e.find("items/traffic.json: item TV-001.result.print[1]: 'engine_number' is neither"),
            std::string::npos)
      << e;
}

TEST_F(BrokenCatalog, BusinessItemWithoutResultIsRefused) {
  edit("items/traffic.json", "\"result\": {", "\"result_draft\": {");
  std::string e = error();
  EXPECT_NE(e.find("items/traffic.json: item TV-001.result: is required for a business item"),
            std::string::npos)
      << e;
}

TEST_F(BrokenCatalog, UnknownResultKindIsRefused) {
  edit("items/traffic.json", "\"kind\": \"decision_letter\"", "\"kind\": \"letter\"");
  std::string e = error();
  EXPECT_NE(e.find("item TV-001.result.kind: unknown value 'letter' (expected one of "
                   "certificate, decision_letter)"),
            std::string::npos)
      << e;
}

TEST_F(BrokenCatalog, ResultWithoutTitleIsRefused) {
  edit("items/traffic.json", "\"title\": {\n     \"zh\": \"机动车驾驶证业务审批决定书\"",
       "\"heading\": {\n     \"zh\": \"机动车驾驶证业务审批决定书\"");
  std::string e = error();
  EXPECT_NE(e.find("item TV-001.result.title: is required"), std::string::npos) << e;
}

TEST_F(BrokenCatalog, UnknownResultMemberIsRefused) {
  edit("items/traffic.json", "\"physical\": {", "\"handed_over\": {");
  std::string e = error();
  EXPECT_NE(e.find("item TV-001.result.handed_over: is not a member of a result"),
            std::string::npos)
      << e;
}

TEST(CatalogItem, ResultRulesForCertificatesAndQueryItems) {
  auto parse = [](const std::string& kind, const std::string& mode, const std::string& result) {
    std::string spec = R"({"code": "XX-001", "kind": ")" + kind + R"(", "category": "c",
      "name": {"zh": "名", "en": "Name"}, "description": {"zh": "说", "en": "Says"},
      "mode": ")" + mode +
                       R"(", "owner": "U", "assurance": "account", "delivery": ["electronic"],
      "fields": [{"name": "purpose", "type": "text", "label": {"zh": "用途", "en": "Purpose"}}],
      "result": )" + result +
                       "}";
    return ParseItem(*ParseJsonObject(spec), "t");
  };
  const std::string title = R"("title": {"zh": "证明", "en": "Certificate"})";
  auto ok = parse("business", "review",
                  R"({"kind": "certificate", )" + title +
                      R"(, "print": ["purpose", "decision_date"], "validity_days": 180})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_TRUE(ok->result);
  EXPECT_EQ(ok->result->print, (std::vector<std::string>{"purpose", "decision_date"}));
  EXPECT_EQ(ok->result->validityDays, 180);
  auto open = parse(
      "business", "review",
      R"({"kind": "certificate", )" + title + R"(, "print": ["purpose"], "validity_days": null})");
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_FALSE(open->result->validityDays);

  auto message = [&](const std::string& kind, const std::string& mode, const std::string& r) {
    auto item = parse(kind, mode, r);
    EXPECT_FALSE(item.ok()) << r;
    return item.ok() ? std::string() : item.status().message();
  };
  EXPECT_NE(message("business", "review",
                    R"({"kind": "certificate", )" + title + R"(, "print": ["purpose"]})")
                .find("item XX-001.result.validity_days: is required for a certificate"),
            std::string::npos);
  EXPECT_NE(message("business", "review",
                    R"({"kind": "certificate", )" + title + R"(, "print": [], "validity_days": 1})")
                .find("result.print: a certificate prints at least one field"),
            std::string::npos);
  EXPECT_NE(message("business", "review",
                    R"({"kind": "certificate", )" + title +
                        R"(, "print": ["purpose", "purpose"], "validity_days": 1})")
                .find("result.print[1]: 'purpose' is printed twice"),
            std::string::npos);
  EXPECT_NE(message("business", "review",
                    R"({"kind": "decision_letter", )" + title +
                        R"(, "physical": {"zh": "护照", "en": "Passport"}, "validity_days": 1})")
                .find("result.validity_days: a decision_letter has no validity"),
            std::string::npos);
  EXPECT_NE(message("business", "review", R"({"kind": "decision_letter", )" + title + "}")
                .find("item XX-001.result.physical: is required"),
            std::string::npos);
  EXPECT_NE(message("query", "query",
                    R"({"kind": "certificate", )" + title +
                        R"(, "print": ["purpose"], "validity_days": 1})")
                .find("item XX-001.result: query items are looked up and have no result"),
            std::string::npos);
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto data = LoadCatalogDir(testing::SourceCatalogDir(), TimePoint{});
    ASSERT_TRUE(data.ok());
    std::vector<Category> cats;
    for (const auto& c : data->categories)
      cats.push_back(*ParseCategory(*ParseJsonObject(c.specJson), "t"));
    catalog_ = std::make_unique<Catalog>(std::move(cats), ParseAll(*data));
  }
  std::unique_ptr<Catalog> catalog_;
};

TEST_F(CatalogTest, SearchFindsChineseAndEnglish) {
  auto zh = catalog_->search("护照", "");
  auto en = catalog_->search("PASSPORT", "");
  ASSERT_FALSE(zh.empty());
  ASSERT_FALSE(en.empty());
  EXPECT_EQ(zh[0]->category, "exit_entry");
  auto both = catalog_->search("lost passport", "");
  ASSERT_FALSE(both.empty());
  EXPECT_EQ(both[0]->code, "EE-003");
  EXPECT_TRUE(catalog_->search("zzzz-nothing", "").empty());
  EXPECT_TRUE(catalog_->search("护照", "traffic").empty());
}

TEST_F(CatalogTest, FormValidationChecksEveryRule) {
  const Item* item = catalog_->item("EE-001");
  ASSERT_NE(item, nullptr);
  json::object form{{"surname", "ZHANG"},
                    {"given_names", "WEI"},
                    {"sex", "M"},
                    {"date_of_birth", "1980-05-06"},
                    {"phone", "+39 02 1234 5678"},
                    {"id_number", "33112119800506001X"},
                    {"address_abroad", "  Milano  "}};
  auto ok = Catalog::ValidateForm(*item, form);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at("address_abroad"), "Milano");  // trimmed

  form["id_number"] = "3311211980050600";  // too short
  form["phone"] = "call me";
  form["sex"] = true;
  form["country_of_residence"] = "Italy";
  auto bad = Catalog::ValidateForm(*item, form);
  ASSERT_FALSE(bad.ok());
  const auto& f = bad.status().fields();
  EXPECT_EQ(f.at("form.id_number").code, "pattern");
  EXPECT_EQ(f.at("form.phone").code, "phone");
  EXPECT_EQ(f.at("form.sex").code, "type");
  EXPECT_EQ(f.at("form.country_of_residence").code, "country");

  // Drafts may be incomplete but not wrong.
  EXPECT_TRUE(Catalog::ValidateForm(*item, json::object{{"surname", "ZHANG"}}, false).ok());
  EXPECT_FALSE(Catalog::ValidateForm(*item, json::object{{"surname", "zh4ng"}}, false).ok());
  json::object huge{{"surname", std::string(5000, 'A')}};
  EXPECT_EQ(Catalog::ValidateForm(*item, huge, false).status().fields().at("form.surname").code,
            "too_long");
}

TEST_F(CatalogTest, NamesAndCodesAreTurnedToCapitalsAsPeopleTypeThem) {
  const Item* item = catalog_->item("EE-001");
  ASSERT_NE(item, nullptr);
  auto ok = Catalog::ValidateForm(*item,
                                  json::object{{"surname", " zhang "},
                                               {"given_names", "Xiao Ming"},
                                               {"id_number", "33112119800506001x"},
                                               {"country_of_residence", "it"}},
                                  false);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at("surname"), "ZHANG");
  EXPECT_EQ(ok->at("given_names"), "XIAO MING");
  EXPECT_EQ(ok->at("id_number"), "33112119800506001X");
  EXPECT_EQ(ok->at("country_of_residence"), "IT");
  // Chinese characters have no case and are kept as typed.
  auto zh = Catalog::ValidateForm(*item, json::object{{"name_zh", "张小明"}}, false);
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh->at("name_zh"), "张小明");
}

TEST_F(CatalogTest, OnlyAssignedCountryCodesAreAccepted) {
  const Item* item = catalog_->item("EE-001");
  ASSERT_NE(item, nullptr);
  for (const char* bad : {"XX", "ZZ", "UK", "I", "ITA"}) {
    auto r = Catalog::ValidateForm(*item, json::object{{"country_of_residence", bad}}, false);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().fields().at("form.country_of_residence").code, "country") << bad;
  }
  for (const char* good : {"IT", "ES", "FR", "PT", "DE", "GB", "US", "CN", "HK"})
    EXPECT_TRUE(
        Catalog::ValidateForm(*item, json::object{{"country_of_residence", good}}, false).ok())
        << good;
}

TEST_F(CatalogTest, EveryFieldWithAFormatExplainsIt) {
  size_t checked = 0;
  for (const Item* item : catalog_->list("", "")) {
    for (const auto& f : item->fields) {
      if (f.pattern.empty()) continue;
      ++checked;
      ASSERT_TRUE(f.hint.has_value()) << item->code << "." << f.name << " has a format but no hint";
      EXPECT_FALSE(f.hint->en.empty()) << item->code << "." << f.name;
      EXPECT_FALSE(f.hint->zh.empty()) << item->code << "." << f.name;
    }
  }
  EXPECT_GT(checked, 50u);
}

}  // namespace
}  // namespace tongban::catalog

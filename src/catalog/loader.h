#pragma once
// Reads the catalogue folder (catalog/ in the repository), validates every file, and writes
// it to the database. Errors name the file and the field.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "db/database.h"

namespace tongban::catalog {

struct CatalogData {
  std::vector<db::CategoryRow> categories;
  std::vector<db::ItemRow> items;
  std::vector<db::WorkflowRow> workflows;
  std::vector<db::HolidayRow> holidays;
  std::vector<std::pair<db::UnitRow, std::string>> units;  // unit, parent code (parents first)
  std::vector<db::FaqRow> faq;
  std::vector<db::CannedRow> canned;
  std::vector<std::string> languages;  // of catalog/i18n, besides Chinese and English
};

//! Loads and checks categories.json, fieldsets.json, items/*.json, units.json,
//! workflows.json, holidays.json, faq.json and canned_answers.json under `dir`, with the
//! translations of i18n/<lang>.json added to every text (see catalog/i18n.h).
Result<CatalogData> LoadCatalogDir(const std::filesystem::path& dir, TimePoint now);

//! Inserts or updates everything in `data` in one transaction.
Status StoreCatalog(db::Database& database, const CatalogData& data);

}  // namespace tongban::catalog

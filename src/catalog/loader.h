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
};

//! Loads and checks categories.json, fieldsets.json, items/*.json, units.json,
//! workflows.json and holidays.json under `dir`.
Result<CatalogData> LoadCatalogDir(const std::filesystem::path& dir, const std::string& now);

//! Inserts or updates everything in `data` in one transaction.
Status StoreCatalog(db::Database& database, const CatalogData& data);

}  // namespace tongban::catalog

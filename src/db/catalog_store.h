#pragma once
// The catalogue and the organisation: units, categories, items, workflows, holidays.
// Rows are plain data as the repositories hand them to domain code; timestamps are
// TimePoint (UTC) and calendar dates Date (common/clock.h); the store converts them to its
// own column types. Every method returns a
// non-OK Status on error. Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "db/records.h"

namespace tongban::db {

struct UnitRow {
  int64_t id = 0;
  std::string code;
  std::optional<int64_t> parentId;
  std::string kind;  // bureau | branch_centre | service_site | liaison_site | department
  std::string nameZh, nameEn;
  std::string country, city, timezone;
  std::string addressZh, addressEn;
  std::string openingHoursJson = "[]";
  std::string phone;
  std::optional<double> lat, lon;
  TextTranslations translations;  // "name", "address"
};

struct CategoryRow {
  std::string code;
  int sort = 0;
  std::string specJson;
};

struct ItemRow {
  std::string code;
  std::string category;
  std::string kind;  // business | query
  std::string specJson;
  TimePoint updatedAt;
};

struct WorkflowRow {
  std::string code;
  std::string specJson;
};

struct HolidayRow {
  Date date{};
  std::string kind;  // holiday | workday
  std::string name;
};

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  //! Inserts or updates by code; returns the id.
  virtual Result<int64_t> upsert(const UnitRow& row) = 0;
  //! A new unit; Conflict if the code is taken.
  virtual Result<int64_t> insert(const UnitRow& row) = 0;
  //! Rewrites the unit `row.id` (code included); NotFound, or Conflict if the code is taken.
  virtual Status update(const UnitRow& row) = 0;
  virtual Result<std::vector<UnitRow>> all() = 0;
};

class CatalogRepository {
 public:
  virtual ~CatalogRepository() = default;
  virtual Status upsertCategory(const CategoryRow& row) = 0;
  virtual Status upsertItem(const ItemRow& row) = 0;
  virtual Status upsertWorkflow(const WorkflowRow& row) = 0;
  virtual Status upsertHoliday(const HolidayRow& row) = 0;
  virtual Result<std::vector<CategoryRow>> categories() = 0;
  virtual Result<std::vector<ItemRow>> items() = 0;
  virtual Result<std::vector<WorkflowRow>> workflows() = 0;
  virtual Result<std::vector<HolidayRow>> holidays() = 0;
};

}  // namespace tongban::db

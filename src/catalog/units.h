#pragma once
// The organisation: a tree of units (bureau -> branch centres -> service sites; overseas
// liaison sites; external departments), read from the database once and shared read-only.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "db/catalog_store.h"

namespace tongban::catalog {

//! Parses one unit of catalog/units.json; `parentId` is left empty (resolved by code later).
Result<db::UnitRow> ParseUnit(const json::object& spec, const std::string& where,
                              std::string& parentCode);

class UnitDirectory {
 public:
  explicit UnitDirectory(std::vector<db::UnitRow> units);

  const db::UnitRow* byId(int64_t id) const;
  const db::UnitRow* byCode(const std::string& code) const;
  //! `id` and every unit below it.
  std::vector<int64_t> subtree(int64_t id) const;
  bool isWithin(int64_t unit, int64_t ancestor) const;
  const std::vector<db::UnitRow>& all() const { return units_; }
  static json::object ToJson(const db::UnitRow& u);
  //! The unit's name in every language: {"zh", "en", "it", …}.
  static json::object Name(const db::UnitRow& u);

 private:
  std::vector<db::UnitRow> units_;
  std::map<int64_t, size_t> byId_;
  std::map<std::string, size_t> byCode_;
};

}  // namespace tongban::catalog

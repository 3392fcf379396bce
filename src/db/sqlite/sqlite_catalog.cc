// SQLite repositories of units and the catalogue (categories, items, workflows, holidays)
// (db/catalog_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- units
class SqliteUnits final : public UnitRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> upsert(const UnitRow& u) override {
    PREPARE(s,
            "INSERT INTO units (code, parent_id, kind, name_zh, name_en, country, city, timezone, "
            "address_zh, address_en, opening_hours, phone, lat, lon, translations) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET parent_id=excluded.parent_id, kind=excluded.kind, "
            "name_zh=excluded.name_zh, name_en=excluded.name_en, country=excluded.country, "
            "city=excluded.city, timezone=excluded.timezone, address_zh=excluded.address_zh, "
            "address_en=excluded.address_en, opening_hours=excluded.opening_hours, "
            "phone=excluded.phone, lat=excluded.lat, lon=excluded.lon, "
            "translations=excluded.translations RETURNING id");
    s.bind(1, u.code).bind(2, u.parentId).bind(3, u.kind).bind(4, u.nameZh).bind(5, u.nameEn);
    s.bind(6, u.country).bind(7, u.city).bind(8, u.timezone).bind(9, u.addressZh);
    s.bind(10, u.addressEn).bind(11, u.openingHoursJson).bind(12, u.phone);
    s.bind(13, u.lat).bind(14, u.lon).bind(15, TranslationsJson(u.translations));
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::Internal("unit upsert returned no id");
    int64_t id = s.i64(0);
    TB_RETURN_IF_ERROR(s.run());
    return id;
  }
  Result<int64_t> insert(const UnitRow& u) override {
    PREPARE(s,
            "INSERT INTO units (code, parent_id, kind, name_zh, name_en, country, city, timezone, "
            "address_zh, address_en, opening_hours, phone, lat, lon, translations) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindUnit(s, u);
    auto r = s.run();
    if (r.code() == StatusCode::kConflict) return Status::Conflict("unit code already in use");
    TB_RETURN_IF_ERROR(r);
    return conn_.lastInsertId();
  }
  Status update(const UnitRow& u) override {
    PREPARE(s,
            "UPDATE units SET code=?, parent_id=?, kind=?, name_zh=?, name_en=?, country=?, "
            "city=?, timezone=?, address_zh=?, address_en=?, opening_hours=?, phone=?, lat=?, "
            "lon=?, translations=? WHERE id=?");
    bindUnit(s, u);
    s.bind(16, u.id);
    auto r = s.run();
    if (r.code() == StatusCode::kConflict) return Status::Conflict("unit code already in use");
    TB_RETURN_IF_ERROR(r);
    if (conn_.changes() == 0) return Status::NotFound("unit not found");
    return Status::Ok();
  }
  Result<std::vector<UnitRow>> all() override {
    PREPARE(s,
            "SELECT id, code, parent_id, kind, name_zh, name_en, country, city, timezone, "
            "address_zh, address_en, opening_hours, phone, lat, lon, translations FROM units "
            "ORDER BY id");
    std::vector<UnitRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      UnitRow u;
      u.id = s.i64(0);
      u.code = s.text(1);
      u.parentId = s.optI64(2);
      u.kind = s.text(3);
      u.nameZh = s.text(4);
      u.nameEn = s.text(5);
      u.country = s.text(6);
      u.city = s.text(7);
      u.timezone = s.text(8);
      u.addressZh = s.text(9);
      u.addressEn = s.text(10);
      u.openingHoursJson = s.text(11);
      u.phone = s.text(12);
      u.lat = s.optF64(13);
      u.lon = s.optF64(14);
      u.translations = ParseTranslations(s.text(15));
      out.push_back(std::move(u));
    }
    return out;
  }

 private:
  static void bindUnit(Stmt& s, const UnitRow& u) {
    s.bind(1, u.code).bind(2, u.parentId).bind(3, u.kind).bind(4, u.nameZh).bind(5, u.nameEn);
    s.bind(6, u.country).bind(7, u.city).bind(8, u.timezone).bind(9, u.addressZh);
    s.bind(10, u.addressEn).bind(11, u.openingHoursJson).bind(12, u.phone);
    s.bind(13, u.lat).bind(14, u.lon).bind(15, TranslationsJson(u.translations));
  }
};

// ---------------------------------------------------------------- catalogue
class SqliteCatalog final : public CatalogRepository, Repo {
 public:
  using Repo::Repo;
  Status upsertCategory(const CategoryRow& r) override {
    PREPARE(s,
            "INSERT INTO categories (code, sort, spec) VALUES (?,?,?) ON CONFLICT(code) DO "
            "UPDATE SET sort=excluded.sort, spec=excluded.spec");
    s.bind(1, r.code).bind(2, r.sort).bind(3, r.specJson);
    return s.run();
  }
  Status upsertItem(const ItemRow& r) override {
    PREPARE(s,
            "INSERT INTO items (code, category, kind, spec, updated_at) VALUES (?,?,?,?,?) ON "
            "CONFLICT(code) DO UPDATE SET category=excluded.category, kind=excluded.kind, "
            "spec=excluded.spec, updated_at=excluded.updated_at");
    s.bind(1, r.code).bind(2, r.category).bind(3, r.kind).bind(4, r.specJson).bind(5, r.updatedAt);
    return s.run();
  }
  Status upsertWorkflow(const WorkflowRow& r) override {
    PREPARE(s,
            "INSERT INTO workflows (code, spec) VALUES (?,?) ON CONFLICT(code) DO UPDATE SET "
            "spec=excluded.spec");
    s.bind(1, r.code).bind(2, r.specJson);
    return s.run();
  }
  Status upsertHoliday(const HolidayRow& r) override {
    PREPARE(s,
            "INSERT INTO holidays (date, kind, name) VALUES (?,?,?) ON CONFLICT(date) DO UPDATE "
            "SET kind=excluded.kind, name=excluded.name");
    s.bind(1, r.date).bind(2, r.kind).bind(3, r.name);
    return s.run();
  }
  Result<std::vector<CategoryRow>> categories() override {
    PREPARE(s, "SELECT code, sort, spec FROM categories ORDER BY sort, code");
    std::vector<CategoryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), int(s.i64(1)), s.text(2)});
    }
    return out;
  }
  Result<std::vector<ItemRow>> items() override {
    PREPARE(s, "SELECT code, category, kind, spec, updated_at FROM items ORDER BY code");
    std::vector<ItemRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.time(4)});
    }
    return out;
  }
  Result<std::vector<WorkflowRow>> workflows() override {
    PREPARE(s, "SELECT code, spec FROM workflows ORDER BY code");
    std::vector<WorkflowRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.text(0), s.text(1)});
    }
    return out;
  }
  Result<std::vector<HolidayRow>> holidays() override {
    PREPARE(s, "SELECT date, kind, name FROM holidays ORDER BY date");
    std::vector<HolidayRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.date(0), s.text(1), s.text(2)});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<UnitRepository> MakeSqliteUnits(SqliteConnection& conn) {
  return std::make_unique<SqliteUnits>(conn);
}

std::unique_ptr<CatalogRepository> MakeSqliteCatalog(SqliteConnection& conn) {
  return std::make_unique<SqliteCatalog>(conn);
}

}  // namespace tongban::db

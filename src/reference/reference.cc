#include "reference/reference.h"

#include <atomic>
#include <map>

#include "access/access.h"
#include "audit/audit.h"

namespace tongban::reference {

Result<std::shared_ptr<const Snapshot>> Load(db::Database& db) {
  std::vector<db::CategoryRow> cats;
  std::vector<db::ItemRow> items;
  std::vector<db::WorkflowRow> wfs;
  std::vector<db::HolidayRow> hols;
  std::vector<db::UnitRow> units;
  TB_RETURN_IF_ERROR(db.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(cats, tx.catalog().categories());
    TB_ASSIGN_OR_RETURN(items, tx.catalog().items());
    TB_ASSIGN_OR_RETURN(wfs, tx.catalog().workflows());
    TB_ASSIGN_OR_RETURN(hols, tx.catalog().holidays());
    TB_ASSIGN_OR_RETURN(units, tx.units().all());
    return Status::Ok();
  }));
  auto ref = std::make_shared<Snapshot>();
  std::map<std::string, std::string> specs;
  for (const auto& w : wfs) specs[w.code] = w.specJson;
  TB_ASSIGN_OR_RETURN(ref->workflows, workflow::WorkflowSet::Load(specs));
  ref->units = std::make_shared<catalog::UnitDirectory>(std::move(units));

  std::vector<catalog::Category> categories;
  for (const auto& c : cats) {
    TB_ASSIGN_OR_RETURN(json::object o, ParseJsonObject(c.specJson));
    TB_ASSIGN_OR_RETURN(catalog::Category cat, catalog::ParseCategory(o, "categories table"));
    categories.push_back(std::move(cat));
  }
  std::vector<catalog::Item> parsed;
  for (const auto& i : items) {
    TB_ASSIGN_OR_RETURN(json::object o, ParseJsonObject(i.specJson));
    TB_ASSIGN_OR_RETURN(catalog::Item item, catalog::ParseItem(o, "items table"));
    if (!ref->workflows.get(item.workflow))
      return Status::Internal("item " + item.code + " needs workflow " + item.workflow +
                              ", which is not loaded");
    if (!ref->units->byCode(item.owner))
      return Status::Internal("item " + item.code + " is owned by unknown unit " + item.owner);
    parsed.push_back(std::move(item));
  }
  if (parsed.empty())
    return Status::Unavailable("the catalogue is empty: run `tongban seed --demo`");
  ref->catalog = std::make_shared<catalog::Catalog>(std::move(categories), std::move(parsed));
  for (const auto& h : hols) {
    ref->calendar.set(h.date, h.kind == "holiday" ? WorkingCalendar::DayKind::kHoliday
                                                  : WorkingCalendar::DayKind::kWorkday);
  }
  return std::shared_ptr<const Snapshot>(std::move(ref));
}

ReferenceData::ReferenceData(db::Database& db, std::shared_ptr<const Snapshot> initial)
    : db_(db), current_(std::move(initial)) {}

Result<std::unique_ptr<ReferenceData>> ReferenceData::Open(db::Database& db) {
  TB_ASSIGN_OR_RETURN(auto first, Load(db));
  return std::make_unique<ReferenceData>(db, std::move(first));
}

std::shared_ptr<const Snapshot> ReferenceData::get() const { return std::atomic_load(&current_); }

Status ReferenceData::reload() {
  TB_ASSIGN_OR_RETURN(auto fresh, Load(db_));
  std::atomic_store(&current_, std::move(fresh));
  return Status::Ok();
}

Result<json::object> ReferenceData::editItem(const Actor& actor, const Clock& clock,
                                             const std::string& code,
                                             const std::string& patchJson) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied("administrators edit the catalogue");
  auto before = get();
  const catalog::Item* item = before->catalog->item(code);
  if (!item) return Status::NotFound("no such item");
  TB_ASSIGN_OR_RETURN(json::object patch, ParseJsonObject(patchJson));
  TB_ASSIGN_OR_RETURN(json::object spec, catalog::EditItemBasics(*item, patch));
  TimePoint now = clock.now();
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.catalog().upsertItem(
        {item->code, item->category, item->kind, json::serialize(spec), now}));
    return tx.audit().append(
        audit::Event(actor, now, "catalog.item_update", "item", item->code, std::nullopt, patch));
  }));
  TB_RETURN_IF_ERROR(reload());
  const catalog::Item* fresh = get()->catalog->item(code);
  if (!fresh) return Status::Internal("item " + code + " left the catalogue on reload");
  return fresh->spec;
}

}  // namespace tongban::reference

// SQLite repository of deliveries of results and their events (db/delivery_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

#define DELIVERY_COLS                                                                     \
  "id, case_id, option, status, site_unit_id, address, carrier, tracking_no, code_salt, " \
  "code_hash, code_failures, assignee_id, handed_over_by, handed_over_at, attempt, "      \
  "created_at, updated_at"

CaseDeliveryRow ReadDelivery(const Stmt& s) {
  CaseDeliveryRow d;
  d.id = s.i64(0);
  d.caseId = s.i64(1);
  d.option = s.text(2);
  d.status = s.text(3);
  d.siteUnitId = s.optI64(4);
  d.addressJson = s.text(5);
  d.carrier = s.text(6);
  d.trackingNo = s.text(7);
  d.codeSalt = s.text(8);
  d.codeHash = s.text(9);
  d.codeFailures = int(s.i64(10));
  d.assigneeId = s.optI64(11);
  d.handedOverById = s.optI64(12);
  d.handedOverAt = s.optTime(13);
  d.attempt = int(s.i64(14));
  d.createdAt = s.time(15);
  d.updatedAt = s.time(16);
  return d;
}

void BindDelivery(Stmt& s, const CaseDeliveryRow& d) {
  s.bind(1, d.caseId).bind(2, d.option).bind(3, d.status).bind(4, d.siteUnitId);
  s.bind(5, d.addressJson).bind(6, d.carrier).bind(7, d.trackingNo).bind(8, d.codeSalt);
  s.bind(9, d.codeHash).bind(10, int64_t(d.codeFailures)).bind(11, d.assigneeId);
  s.bind(12, d.handedOverById).bind(13, d.handedOverAt).bind(14, int64_t(d.attempt));
  s.bind(15, d.createdAt).bind(16, d.updatedAt);
}

class SqliteDeliveries final : public CaseDeliveryRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const CaseDeliveryRow& d) override {
    PREPARE(s, "INSERT INTO case_deliveries (" DELIVERY_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    BindDelivery(s, d);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<CaseDeliveryRow> byCase(int64_t caseId) override {
    PREPARE(s, "SELECT " DELIVERY_COLS " FROM case_deliveries WHERE case_id = ?");
    s.bind(1, caseId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("no delivery for this case");
    return ReadDelivery(s);
  }
  Status update(const CaseDeliveryRow& d) override {
    PREPARE(s,
            "UPDATE case_deliveries SET case_id=?, option=?, status=?, site_unit_id=?, address=?, "
            "carrier=?, tracking_no=?, code_salt=?, code_hash=?, code_failures=?, assignee_id=?, "
            "handed_over_by=?, handed_over_at=?, attempt=?, created_at=?, updated_at=? "
            "WHERE id=?");
    BindDelivery(s, d);
    s.bind(17, d.id);
    return s.run();
  }
  Result<std::vector<CaseDeliveryRow>> byTracking(const std::string& carrier,
                                                  const std::string& trackingNo) override {
    PREPARE(s, "SELECT " DELIVERY_COLS
               " FROM case_deliveries WHERE carrier = ? AND tracking_no = ? ORDER BY id");
    s.bind(1, carrier).bind(2, trackingNo);
    std::vector<CaseDeliveryRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(ReadDelivery(s));
    }
    return out;
  }
  Result<int64_t> appendEvent(const CaseDeliveryEventRow& e) override {
    PREPARE(s,
            "INSERT INTO case_delivery_events (delivery_id, at, kind, source, actor_id, "
            "actor_role, note, location, external_id) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, e.deliveryId).bind(2, e.at).bind(3, e.kind).bind(4, e.source).bind(5, e.actorId);
    s.bind(6, e.actorRole).bind(7, e.note).bind(8, e.location).bind(9, e.externalId);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<std::vector<CaseDeliveryEventRow>> events(int64_t deliveryId) override {
    PREPARE(s,
            "SELECT id, delivery_id, at, kind, source, actor_id, actor_role, note, location, "
            "external_id FROM case_delivery_events WHERE delivery_id = ? ORDER BY id");
    s.bind(1, deliveryId);
    std::vector<CaseDeliveryEventRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      CaseDeliveryEventRow e;
      e.id = s.i64(0);
      e.deliveryId = s.i64(1);
      e.at = s.time(2);
      e.kind = s.text(3);
      e.source = s.text(4);
      e.actorId = s.optI64(5);
      e.actorRole = s.text(6);
      e.note = s.text(7);
      e.location = s.text(8);
      e.externalId = s.text(9);
      out.push_back(std::move(e));
    }
    return out;
  }
  Result<bool> hasExternalEvent(int64_t deliveryId, const std::string& externalId) override {
    PREPARE(s,
            "SELECT 1 FROM case_delivery_events WHERE delivery_id = ? AND external_id = ? "
            "LIMIT 1");
    s.bind(1, deliveryId).bind(2, externalId);
    return s.step();
  }
  Result<std::vector<DeliveryOfficer>> officers(const std::vector<int64_t>& unitIds) override {
    PREPARE(s,
            "SELECT id, display_name, role, unit_id FROM users "
            "WHERE role IN ('liaison', 'officer', 'supervisor') AND disabled = 0 "
            "AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY display_name, id");
    s.bind(1, IdArray(unitIds));
    std::vector<DeliveryOfficer> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.text(1), s.text(2), s.i64(3)});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<CaseDeliveryRepository> MakeSqliteDeliveries(SqliteConnection& conn) {
  return std::make_unique<SqliteDeliveries>(conn);
}

}  // namespace tongban::db

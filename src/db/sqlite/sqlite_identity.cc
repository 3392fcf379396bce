// SQLite repositories of appointment slots and bookings, video sessions and their events
// (db/identity_store.h).

#include "db/sqlite/sqlite_repo.h"

namespace tongban::db {

namespace {

// ---------------------------------------------------------------- appointments
#define SLOT_COLS \
  "s.id, s.unit_id, s.officer_id, s.kind, s.starts_at, s.ends_at, s.care, s.created_at"
#define APPT_COLS \
  "id, slot_id, applicant_id, case_id, purpose, status, created_at, updated_at, reminder_sent_at"

class SqliteAppointments final : public AppointmentRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insertSlot(const SlotRow& r) override {
    PREPARE(s,
            "INSERT INTO slots (unit_id, officer_id, kind, starts_at, ends_at, care, created_at) "
            "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, r.unitId).bind(2, r.officerId).bind(3, r.kind).bind(4, r.startsAt).bind(5, r.endsAt);
    s.bind(6, int64_t(r.care ? 1 : 0)).bind(7, r.createdAt);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<SlotRow> slotById(int64_t id) override {
    PREPARE(
        s, "SELECT " SLOT_COLS
           ", EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked') "
           "FROM slots s WHERE s.id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("slot not found");
    return readSlot(s);
  }
  Result<std::vector<SlotRow>> slots(const std::vector<int64_t>& unitIds, const std::string& kind,
                                     TimePoint from, TimePoint to, bool freeOnly) override {
    PREPARE(s, "SELECT " SLOT_COLS
               ", EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = "
               "'booked') AS taken "
               "FROM slots s WHERE s.starts_at >= ?1 AND s.starts_at < ?2 "
               "AND (?3 IS NULL OR s.unit_id IN (SELECT value FROM json_each(?3))) "
               "AND (?4 = '' OR s.kind = ?4) AND (?5 = 0 OR taken = 0) ORDER BY s.starts_at, s.id "
               "LIMIT 500");
    s.bind(1, from).bind(2, to);
    if (unitIds.empty())
      s.bindNull(3);
    else
      s.bind(3, IdArray(unitIds));
    s.bind(4, kind).bind(5, int64_t(freeOnly ? 1 : 0));
    std::vector<SlotRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(readSlot(s));
    }
    return out;
  }
  Result<int64_t> insert(const AppointmentRow& r) override {
    PREPARE(s,
            "INSERT INTO appointments (slot_id, applicant_id, case_id, purpose, status, "
            "created_at, updated_at, reminder_sent_at) "
            "VALUES (?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    Status st = s.run();
    if (st.code() == StatusCode::kConflict)
      return Status::Conflict("this time has just been taken; choose another");
    TB_RETURN_IF_ERROR(st);
    return conn_.lastInsertId();
  }
  Result<AppointmentRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " APPT_COLS " FROM appointments WHERE id = ?");
    s.bind(1, id);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("appointment not found");
    return readAppt(s);
  }
  Status update(const AppointmentRow& r) override {
    PREPARE(s,
            "UPDATE appointments SET slot_id=?, applicant_id=?, case_id=?, purpose=?, status=?, "
            "created_at=?, updated_at=?, "
            "reminder_sent_at=? WHERE id=?");
    bindAll(s, r);
    s.bind(9, r.id);
    Status st = s.run();
    if (st.code() == StatusCode::kConflict)
      return Status::Conflict("this time has just been taken; choose another");
    return st;
  }
  Result<std::vector<AppointmentRow>> byApplicant(int64_t applicantId) override {
    PREPARE(s, "SELECT " APPT_COLS
               " FROM appointments WHERE applicant_id = ? ORDER BY id DESC LIMIT 100");
    s.bind(1, applicantId);
    return many(s);
  }
  Result<std::vector<AppointmentRow>> forUnits(const std::vector<int64_t>& unitIds,
                                               TimePoint from) override {
    PREPARE(
        s,
        "SELECT a.id, a.slot_id, a.applicant_id, a.case_id, a.purpose, a.status, a.created_at, "
        "a.updated_at, "
        "a.reminder_sent_at FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE a.status = "
        "'booked' "
        "AND s.ends_at >= ?1 AND (?2 IS NULL OR s.unit_id IN (SELECT value FROM json_each(?2))) "
        "ORDER BY s.starts_at LIMIT 500");
    s.bind(1, from);
    if (unitIds.empty())
      s.bindNull(2);
    else
      s.bind(2, IdArray(unitIds));
    return many(s);
  }
  Result<std::vector<AppointmentRow>> dueReminders(TimePoint before) override {
    PREPARE(s,
            "SELECT a.id, a.slot_id, a.applicant_id, a.case_id, a.purpose, a.status, a.created_at, "
            "a.updated_at, "
            "a.reminder_sent_at FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE "
            "a.status = 'booked' "
            "AND a.reminder_sent_at IS NULL AND s.starts_at < ? ORDER BY s.starts_at LIMIT 200");
    s.bind(1, before);
    return many(s);
  }

 private:
  static SlotRow readSlot(const Stmt& s) {
    SlotRow r;
    r.id = s.i64(0);
    r.unitId = s.i64(1);
    r.officerId = s.i64(2);
    r.kind = s.text(3);
    r.startsAt = s.time(4);
    r.endsAt = s.time(5);
    r.care = s.i64(6) != 0;
    r.createdAt = s.time(7);
    r.booked = s.i64(8) != 0;
    return r;
  }
  static AppointmentRow readAppt(const Stmt& s) {
    return {s.i64(0),  s.i64(1),  s.i64(2),  s.optI64(3), s.text(4),
            s.text(5), s.time(6), s.time(7), s.optTime(8)};
  }
  static void bindAll(Stmt& s, const AppointmentRow& r) {
    s.bind(1, r.slotId)
        .bind(2, r.applicantId)
        .bind(3, r.caseId)
        .bind(4, r.purpose)
        .bind(5, r.status);
    s.bind(6, r.createdAt).bind(7, r.updatedAt).bind(8, r.reminderSentAt);
  }
  static Result<std::vector<AppointmentRow>> many(Stmt& s) {
    std::vector<AppointmentRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(readAppt(s));
    }
    return out;
  }
};

// ---------------------------------------------------------------- video sessions
#define VS_COLS                                                                                 \
  "id, appointment_id, applicant_id, officer_id, case_id, subject, state, void_reason, "        \
  "recording_consent, "                                                                         \
  "consent_at, recording, resolution_w, resolution_h, coercion, checklist, mrz, outcome_note, " \
  "created_at, updated_at, "                                                                    \
  "live_since, ended_at, version, person"

class SqliteVideoSessions final : public VideoSessionRepository, Repo {
 public:
  using Repo::Repo;
  Result<int64_t> insert(const VideoSessionRow& r) override {
    PREPARE(s, "INSERT INTO video_sessions (" VS_COLS
               ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindAll(s, r);
    TB_RETURN_IF_ERROR(s.run());
    return conn_.lastInsertId();
  }
  Result<VideoSessionRow> byId(int64_t id) override {
    PREPARE(s, "SELECT " VS_COLS " FROM video_sessions WHERE id = ?");
    s.bind(1, id);
    return one(s);
  }
  Result<VideoSessionRow> byAppointment(int64_t appointmentId) override {
    PREPARE(s, "SELECT " VS_COLS " FROM video_sessions WHERE appointment_id = ?");
    s.bind(1, appointmentId);
    return one(s);
  }
  Status update(const VideoSessionRow& r) override {
    PREPARE(s,
            "UPDATE video_sessions SET appointment_id=?, applicant_id=?, officer_id=?, case_id=?, "
            "subject=?, state=?, "
            "void_reason=?, recording_consent=?, consent_at=?, recording=?, resolution_w=?, "
            "resolution_h=?, coercion=?, "
            "checklist=?, mrz=?, outcome_note=?, created_at=?, updated_at=?, live_since=?, "
            "ended_at=?, version=?, person=? "
            "WHERE id=? AND version=?");
    bindAll(s, r);
    s.bind(23, r.id).bind(24, r.version - 1);
    TB_RETURN_IF_ERROR(s.run());
    if (conn_.changes() == 0) return Status::Conflict("the session changed; reload");
    return Status::Ok();
  }
  Status appendEvent(const SessionEventRow& e) override {
    PREPARE(
        s,
        "INSERT INTO session_events (session_id, at, kind, actor_role, detail) VALUES (?,?,?,?,?)");
    s.bind(1, e.sessionId).bind(2, e.at).bind(3, e.kind).bind(4, e.actorRole).bind(5, e.detailJson);
    return s.run();
  }
  Result<std::vector<SessionEventRow>> events(int64_t sessionId) override {
    PREPARE(s,
            "SELECT id, session_id, at, kind, actor_role, detail FROM session_events WHERE "
            "session_id = ? ORDER BY id");
    s.bind(1, sessionId);
    std::vector<SessionEventRow> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back({s.i64(0), s.i64(1), s.time(2), s.text(3), s.text(4), s.text(5)});
    }
    return out;
  }
  Status setMandate(int64_t sessionId, int64_t mandateId) override {
    PREPARE(s, "UPDATE video_sessions SET mandate_id = ? WHERE id = ?");
    s.bind(1, mandateId).bind(2, sessionId);
    return s.run();
  }
  Result<std::optional<int64_t>> mandateOf(int64_t sessionId) override {
    PREPARE(s, "SELECT mandate_id FROM video_sessions WHERE id = ?");
    s.bind(1, sessionId);
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    std::optional<int64_t> m = row ? s.optI64(0) : std::nullopt;
    if (row) {
      TB_ASSIGN_OR_RETURN(bool more, s.step());
      (void)more;
    }
    return m;
  }

 private:
  static void bindAll(Stmt& s, const VideoSessionRow& r) {
    s.bind(1, r.appointmentId)
        .bind(2, r.applicantId)
        .bind(3, r.officerId)
        .bind(4, r.caseId)
        .bind(5, r.subject);
    s.bind(6, r.state)
        .bind(7, r.voidReason)
        .bind(8, int64_t(r.recordingConsent))
        .bind(9, r.consentAt);
    s.bind(10, int64_t(r.recording))
        .bind(11, int64_t(r.resolutionW))
        .bind(12, int64_t(r.resolutionH));
    s.bind(13, int64_t(r.coercion))
        .bind(14, r.checklistJson)
        .bind(15, r.mrzJson)
        .bind(16, r.outcomeNote);
    s.bind(17, r.createdAt)
        .bind(18, r.updatedAt)
        .bind(19, r.liveSince)
        .bind(20, r.endedAt)
        .bind(21, r.version)
        .bind(22, r.personJson);
  }
  static Result<VideoSessionRow> one(Stmt& s) {
    TB_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return Status::NotFound("session not found");
    VideoSessionRow r;
    r.id = s.i64(0);
    r.appointmentId = s.i64(1);
    r.applicantId = s.i64(2);
    r.officerId = s.i64(3);
    r.caseId = s.optI64(4);
    r.subject = s.text(5);
    r.state = s.text(6);
    r.voidReason = s.text(7);
    r.recordingConsent = s.i64(8) != 0;
    r.consentAt = s.optTime(9);
    r.recording = s.i64(10) != 0;
    r.resolutionW = int(s.i64(11));
    r.resolutionH = int(s.i64(12));
    r.coercion = s.i64(13) != 0;
    r.checklistJson = s.text(14);
    r.mrzJson = s.text(15);
    r.outcomeNote = s.text(16);
    r.createdAt = s.time(17);
    r.updatedAt = s.time(18);
    r.liveSince = s.optTime(19);
    r.endedAt = s.optTime(20);
    r.version = s.i64(21);
    r.personJson = s.text(22);
    return r;
  }
};

}  // namespace

std::unique_ptr<AppointmentRepository> MakeSqliteAppointments(SqliteConnection& conn) {
  return std::make_unique<SqliteAppointments>(conn);
}

std::unique_ptr<VideoSessionRepository> MakeSqliteVideoSessions(SqliteConnection& conn) {
  return std::make_unique<SqliteVideoSessions>(conn);
}

}  // namespace tongban::db

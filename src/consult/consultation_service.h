#pragma once
// 24-hour consultations: anyone with an account asks about a topic or catalogue item; the
// question goes to a staff member on duty now (officers and overseas liaison officers across
// units and time zones), or waits in the queue; staff take it, hand it over, answer with canned
// answers; first-response and resolution deadlines; closing with a satisfaction rating.
// Every message is an outbox event, which the notification centre pushes live and e-mails.

#include <filesystem>
#include <string>

#include "blobs/blob_store.h"
#include "common/actor.h"
#include "common/clock.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::consult {

struct Deadlines {
  std::chrono::minutes firstResponse{120};
  std::chrono::hours resolution{72};
};

class ConsultationService {
 public:
  ConsultationService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                      blobs::BlobStore& blobs, Deadlines deadlines = {});

  Result<json::object> ask(const Actor& actor, const std::string& topic,
                           const std::string& itemCode, const std::string& body);
  //! Applicants: their own; staff: open ones of their units and those assigned to them.
  Result<json::array> list(const Actor& actor);
  Result<json::object> get(const Actor& actor, int64_t id);
  Result<json::object> post(const Actor& actor, int64_t id, const std::string& body);
  Result<json::object> attach(const Actor& actor, int64_t id, const std::string& filename,
                              const std::filesystem::path& temp);
  //! The attachment file if `actor` takes part in the consultation.
  Result<std::filesystem::path> attachment(const Actor& actor, int64_t id, int64_t documentId,
                                           std::string& mime);
  Result<json::object> take(const Actor& actor, int64_t id);
  //! To another staff member, or back to the queue when `to` is empty.
  Result<json::object> handover(const Actor& actor, int64_t id, std::optional<int64_t> to);
  Result<json::object> close(const Actor& actor, int64_t id, std::optional<int> score,
                             const std::string& comment);
  Status setDuty(const Actor& actor, bool onDuty);
  Result<json::array> onDutyNow();
  Result<json::array> canned();

 private:
  Result<db::ConsultationRow> loadVisible(db::Transaction& tx, const Actor& actor,
                                          int64_t id) const;
  Result<std::optional<int64_t>> pickAssignee(db::Transaction& tx, int64_t unitId);
  json::object view(db::Transaction& tx, const db::ConsultationRow& c, bool withMessages) const;
  Status message(db::Transaction& tx, const Actor& actor, db::ConsultationRow& c,
                 const std::string& body, std::optional<int64_t> documentId);

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  blobs::BlobStore& blobs_;
  Deadlines deadlines_;
};

//! FAQ articles in Chinese and English with full-text search that works for both.
class FaqService {
 public:
  explicit FaqService(db::Database& db) : db_(db) {}
  Result<json::array> search(const std::string& query, int limit, bool any = false);
  Result<json::array> forItem(const std::string& itemCode);

 private:
  db::Database& db_;
};

}  // namespace tongban::consult

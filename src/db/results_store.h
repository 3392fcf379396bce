#pragma once
// Results people hold: signed certificates and decision letters issued on cases, and the
// time-limited links their holders share with third parties. Rows are plain data; times are
// TimePoint/Date (common/clock.h). Reached through db::Transaction (db/database.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace tongban::db {

struct CertificateRow {
  std::string id;  // public and unguessable: printed, in the QR code, in /verify/<id>
  int64_t caseId = 0;
  int64_t holderId = 0;  // the applicant of the case
  std::string itemCode;
  std::string kind;  // certificate | decision_letter
  int64_t unitId = 0;
  std::string kid;
  std::string payload;                   // canonical JSON exactly as signed
  std::string signature;                 // base64url of the 64-byte Ed25519 signature
  std::optional<std::string> pdfSha256;  // the rendered PDF in the blob store, once rendered
  TimePoint issuedAt;
  std::optional<Date> validUntil;
  //! valid | revoke_pending (an officer asked, a supervisor must co-sign) | revoked
  std::string status = "valid";
  std::string revokeReason;
  std::optional<int64_t> revokeRequestedBy, revokedBy;
  std::optional<TimePoint> revokeRequestedAt, revokedAt;
  std::optional<std::string> replaces, replacedBy;  // re-issue chain
};

struct ShareRow {
  int64_t id = 0;
  std::string certificateId;
  std::string tokenHash;  // sha256 hex of the token; the token itself is shown once
  std::string label;      // who the holder gave it to, in their own words ("bank", "employer")
  int64_t createdBy = 0;
  TimePoint createdAt, expiresAt;
  std::optional<TimePoint> revokedAt;
  int64_t uses = 0;
  std::optional<TimePoint> lastUsedAt;
};

class CertificateRepository {
 public:
  virtual ~CertificateRepository() = default;
  virtual Status insert(const CertificateRow& row) = 0;
  virtual Result<CertificateRow> byId(const std::string& id) = 0;
  //! Newest first.
  virtual Result<std::vector<CertificateRow>> byCase(int64_t caseId) = 0;
  //! Newest first, at most `limit`.
  virtual Result<std::vector<CertificateRow>> byHolder(int64_t holderId, int limit) = 0;
  //! Writes status, revocation and replacement columns of `row`.
  virtual Status updateStatus(const CertificateRow& row) = 0;
  //! Records the rendered PDF unless one was recorded meanwhile; returns the sha256 that stands.
  virtual Result<std::string> setPdf(const std::string& id, const std::string& sha256) = 0;

  virtual Result<int64_t> insertShare(const ShareRow& row) = 0;
  virtual Result<ShareRow> shareByTokenHash(const std::string& tokenHash) = 0;
  virtual Result<ShareRow> shareById(int64_t id) = 0;
  virtual Result<std::vector<ShareRow>> sharesOf(const std::string& certificateId) = 0;
  virtual Status revokeShare(int64_t id, TimePoint at) = 0;
  virtual Status countShareUse(int64_t id, TimePoint at) = 0;
};

}  // namespace tongban::db

#pragma once
// What a person holds at the end of a case: the signed certificate or decision letter issued on
// the `issue` step, its public verification, the holder's wallet and the time-limited links they
// share with a third party; revocation (with a supervisor's countersignature for sensitive items)
// and re-issue by staff.
//
// The signed payload is made in the issue transaction (signing is fast); the PDF is rendered on
// first download, outside any transaction, and kept in the blob store. Every read of a result by
// someone other than its holder (staff, a verifier, a share link) is audited with the holder as
// subject, so it shows in the holder's access log.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "blobs/blob_store.h"
#include "catalog/catalog.h"
#include "certificates/keys.h"
#include "common/actor.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/rate_limiter.h"
#include "common/status.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::results {

struct ResultOptions {
  //! The public site without a trailing slash (QR codes and links point here); asked each time
  //! because the listening port is known only once the server listens.
  std::function<std::string()> publicUrl;
  int calendarOffsetMinutes = 480;  // printed dates are China Standard Time
  //! Public verifications and share-link uses allowed per client address per minute.
  int lookupsPerMinute = 30;
  int maxShareDays = 90;
};

//! A rendered PDF in the blob store, with the name to offer when downloading.
struct PdfFile {
  std::filesystem::path path;
  std::string filename;
};

class ResultService {
 public:
  ResultService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
                const certificates::KeyRing& keys, blobs::BlobStore& blobs, ResultOptions options);

  // ------------------------------------------------ inside a case's transaction (server/ hook)
  //! Signs and stores the result of `c` (issued now by `actor`); `replaces` is the certificate a
  //! re-issue supersedes. Audited; writes a `certificate.issued` outbox event.
  Result<db::CertificateRow> issueIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                                     const catalog::Item& item,
                                     const std::optional<std::string>& replaces = std::nullopt);
  //! The case's results as `actor` sees them, newest first (the case view's `results`).
  json::array describeIn(db::Transaction& tx, const Actor& actor, const db::CaseRow& c);

  // ------------------------------------------------ the holder
  //! Every result the caller holds, newest first, with its share links.
  Result<json::array> wallet(const Actor& actor);
  //! The PDF of a result, for its holder or staff who may see its case (audited for staff).
  Result<PdfFile> pdf(const Actor& actor, const std::string& id);
  //! A link a third party can open without an account until `days` from now (1..maxShareDays).
  //! The answer carries the token once (`url`); only its hash is stored.
  Result<json::object> share(const Actor& actor, const std::string& id, int days,
                             const std::string& label);
  Result<json::object> revokeShare(const Actor& actor, const std::string& id, int64_t shareId);

  // ------------------------------------------------ anyone (rate-limited per address)
  //! genuine | revoked | unknown, with only what is printed on it. Audited for the holder.
  Result<json::object> verify(const Actor& caller, const std::string& id);
  //! What a share link shows (as verify), counting the use; NotFound once expired or revoked.
  Result<json::object> openShare(const Actor& caller, const std::string& token);
  Result<PdfFile> sharedPdf(const Actor& caller, const std::string& token);

  // ------------------------------------------------ staff of the case's unit
  //! Revokes with a reason (officer or supervisor). Sensitive items wait for a supervisor's
  //! countersignature (status revoke_pending) and stay genuine until then.
  Result<json::object> revoke(const Actor& actor, const std::string& id, const std::string& reason);
  //! A supervisor other than the requester confirms (approve) or refuses a pending revocation.
  Result<json::object> cosign(const Actor& actor, const std::string& id, bool approve,
                              const std::string& note);
  //! Issues a new result from the case as it is now and revokes the one it replaces (the newest
  //! still valid one). Only for a case whose result was issued. Answers the new result.
  Result<json::object> reissue(const Actor& actor, int64_t caseId, const std::string& reason);

 private:
  Status limit(const Actor& caller);
  json::object viewOf(db::Transaction& tx, const Actor& actor, const db::CertificateRow& r,
                      bool staff) const;
  json::object publicView(const db::CertificateRow& r) const;
  Result<PdfFile> renderOrLoad(const db::CertificateRow& r);
  Result<db::ShareRow> liveShare(db::Transaction& tx, const std::string& token);

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  const certificates::KeyRing& keys_;
  blobs::BlobStore& blobs_;
  ResultOptions options_;
  RateLimiter lookups_;
};

}  // namespace tongban::results

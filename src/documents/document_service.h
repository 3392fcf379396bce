#pragma once
// Documents attached to cases, and the applicant's reusable profile photo ("take one photo,
// use it everywhere": once an officer has verified it, any later application can attach it).

#include <filesystem>
#include <string>

#include "blobs/blob_store.h"
#include "common/actor.h"
#include "common/clock.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::documents {

struct Download {
  db::DocumentRow doc;
  std::filesystem::path path;
};

class DocumentService {
 public:
  DocumentService(db::Database& db, const Clock& clock, blobs::BlobStore& blobs,
                  const reference::ReferenceData& ref);

  //! Stores an uploaded file (already streamed to `tempFile`) and attaches it to a case.
  Result<json::object> upload(const Actor& actor, int64_t caseId, const std::string& docType,
                              const std::string& filename, const std::filesystem::path& tempFile);
  //! Replaces the caller's profile photo; an officer must verify it before it can be reused.
  Result<json::object> uploadPhoto(const Actor& actor, const std::filesystem::path& tempFile);
  //! Attaches the caller's verified profile photo to one of their cases.
  Result<json::object> reusePhoto(const Actor& actor, int64_t caseId);
  //! An officer handling `caseId` confirms the applicant's current profile photo.
  Result<json::object> verifyPhoto(const Actor& actor, int64_t caseId);
  //! The file if `actor` may read it; reads by anyone but the owner are audited.
  Result<Download> download(const Actor& actor, int64_t docId);

  //! Deletes the files of `sha256` blobs that no document refers to any more.
  Status releaseBlobs(const std::vector<std::string>& sha256);

  static json::object ToJson(const db::DocumentRow& d);

 private:
  Status checkCanAttach(const Actor& actor, const db::CaseRow& c, const std::string& docType) const;
  db::Database& db_;
  const Clock& clock_;
  blobs::BlobStore& blobs_;
  const reference::ReferenceData& ref_;
};

}  // namespace tongban::documents

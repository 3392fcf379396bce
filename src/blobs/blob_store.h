#pragma once
// Content-addressed file store (infrastructure beside db/, used by documents and consultations):
// var/blobs/ab/abcdef… (sha256). A blob is durable (file and directory fsynced) before ingest()
// returns.

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace tongban::blobs {

struct Blob {
  std::string sha256;
  int64_t size = 0;
  std::string mime;  // image/jpeg | image/png | application/pdf
};

//! The type a file's first bytes announce, or empty when it is none of JPEG, PNG, PDF.
std::string SniffMime(const unsigned char* head, size_t n);

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  //! Creates the folders. Call once at start-up.
  Status init();
  //! Checks the type of `tempFile`, hashes it, makes it durable and moves it into the store.
  //! The temp file is gone afterwards whatever the outcome. `allowed` limits the types.
  Result<Blob> ingest(const std::filesystem::path& tempFile,
                      const std::vector<std::string>& allowed);
  std::filesystem::path pathOf(const std::string& sha256) const;
  //! Deletes a blob no document refers to any more (an erased account's photo). Missing is fine.
  Status remove(const std::string& sha256);
  std::filesystem::path tempDir() const { return root_ / "tmp"; }

 private:
  std::filesystem::path root_;
};

}  // namespace tongban::blobs

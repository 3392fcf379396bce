#include "blobs/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/crypto.h"

namespace tongban::blobs {

namespace fs = std::filesystem;

std::string SniffMime(const unsigned char* h, size_t n) {
  if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return "image/jpeg";
  static const unsigned char kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (n >= 8 && std::memcmp(h, kPng, 8) == 0) return "image/png";
  if (n >= 5 && std::memcmp(h, "%PDF-", 5) == 0) return "application/pdf";
  return "";
}

namespace {
Status FsyncPath(const fs::path& p, bool dir) {
  int fd = ::open(p.c_str(), dir ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return Status::Internal("open " + p.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Internal("fsync " + p.string() + ": " + std::strerror(err));
  return Status::Ok();
}

struct TempGuard {
  fs::path p;
  ~TempGuard() {
    std::error_code ec;
    if (!p.empty()) fs::remove(p, ec);
  }
};
}  // namespace

Status BlobStore::init() {
  std::error_code ec;
  fs::create_directories(root_ / "tmp", ec);
  if (ec)
    return Status::Internal("cannot create " + (root_ / "tmp").string() + ": " + ec.message());
  // Leftovers of uploads cut off by a crash are never referenced: clear them.
  for (const auto& e : fs::directory_iterator(root_ / "tmp", ec)) fs::remove(e.path(), ec);
  return Status::Ok();
}

fs::path BlobStore::pathOf(const std::string& sha) const { return root_ / sha.substr(0, 2) / sha; }

Status BlobStore::remove(const std::string& sha) {
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos)
    return Status::Internal("not a blob name: " + sha);
  std::error_code ec;
  fs::remove(pathOf(sha), ec);
  if (ec) return Status::Internal("remove blob " + sha + ": " + ec.message());
  return Status::Ok();
}

Result<Blob> BlobStore::ingest(const fs::path& tempFile, const std::vector<std::string>& allowed) {
  TempGuard guard{tempFile};
  int fd = ::open(tempFile.c_str(), O_RDONLY);
  if (fd < 0) return Status::Internal("cannot open upload: " + std::string(std::strerror(errno)));
  crypto::Sha256 hash;
  Blob blob;
  unsigned char buf[64 * 1024];
  bool first = true;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Status::Internal("reading upload: " + std::string(std::strerror(errno)));
    }
    if (n == 0) break;
    if (first) {
      blob.mime = SniffMime(buf, size_t(n));
      first = false;
    }
    hash.update(buf, size_t(n));
    blob.size += n;
  }
  ::close(fd);
  if (blob.size == 0) return Status::InvalidField("body", "empty", "the file is empty");
  if (blob.mime.empty())
    return Status::UnsupportedMedia(
        "only JPEG, PNG and PDF files are accepted (checked by content)");
  if (std::find(allowed.begin(), allowed.end(), blob.mime) == allowed.end())
    return Status::UnsupportedMedia(blob.mime + " is not accepted here");
  blob.sha256 = hash.finishHex();
  fs::path dest = pathOf(blob.sha256);
  std::error_code ec;
  if (fs::exists(dest, ec)) return blob;  // same content already stored (and durable)
  TB_RETURN_IF_ERROR(FsyncPath(tempFile, false));
  fs::create_directories(dest.parent_path(), ec);
  if (ec)
    return Status::Internal("cannot create " + dest.parent_path().string() + ": " + ec.message());
  fs::rename(tempFile, dest, ec);
  if (ec) return Status::Internal("cannot store blob: " + ec.message());
  guard.p.clear();
  TB_RETURN_IF_ERROR(FsyncPath(dest.parent_path(), true));
  TB_RETURN_IF_ERROR(FsyncPath(root_, true));
  return blob;
}

}  // namespace tongban::blobs

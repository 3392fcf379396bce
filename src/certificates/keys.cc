#include "certificates/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

namespace tongban::certificates {

namespace fs = std::filesystem;

struct KeyRing::Entry {
  PublicKey pub;
  unsigned char secret[crypto_sign_SECRETKEYBYTES];
  ~Entry() { sodium_memzero(secret, sizeof secret); }
};

namespace {

constexpr std::string_view kKeySuffix = ".key";
constexpr const char* kCurrentFile = "current";

std::string ErrnoText(int err) { return std::strerror(err); }

Status FsyncPath(const fs::path& p, bool dir) {
  int fd = ::open(p.c_str(), dir ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return Status::Internal("open " + p.string() + ": " + ErrnoText(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Internal("fsync " + p.string() + ": " + ErrnoText(err));
  return Status::Ok();
}

//! Writes `dir/name` so that it holds either its old content or all of `content`: a temporary
//! file created with `mode` (never wider, whatever the umask), fsync, rename, fsync of the dir.
Status WriteFileAtomic(const fs::path& dir, const std::string& name, std::string_view content,
                       mode_t mode) {
  fs::path tmp = dir / ("." + name + ".tmp");
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Status::Internal("create " + tmp.string() + ": " + ErrnoText(errno));
  // The umask can only narrow the mode; fchmod makes it exact.
  bool ok = ::fchmod(fd, mode) == 0;
  size_t off = 0;
  while (ok && off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      ok = false;
    else
      off += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    return Status::Internal("write " + tmp.string() + ": " + ErrnoText(err));
  }
  if (::rename(tmp.c_str(), (dir / name).c_str()) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    return Status::Internal("rename " + tmp.string() + ": " + ErrnoText(err));
  }
  return FsyncPath(dir, true);
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::Internal("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<PublicKey> PublicKeyFromJson(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return Status::InvalidArgument("key: not an object");
  const auto* kid = o->if_contains("kid");
  const auto* alg = o->if_contains("alg");
  const auto* pk = o->if_contains("public_key");
  const auto* created = o->if_contains("created_at");
  if (!kid || !kid->is_string() || !alg || !alg->is_string() || !pk || !pk->is_string() ||
      !created || !created->is_string()) {
    return Status::InvalidArgument("key: kid, alg, public_key and created_at are required strings");
  }
  if (alg->get_string() != kAlgorithm) {
    return Status::InvalidArgument("key " + std::string(kid->get_string()) + ": alg is not " +
                                   std::string(kAlgorithm));
  }
  TB_ASSIGN_OR_RETURN(std::string raw, Base64UrlDecode(pk->get_string()));
  if (raw.size() != kPublicKeyBytes) return Status::InvalidArgument("key: public_key length");
  PublicKey out;
  std::copy(raw.begin(), raw.end(), out.key.begin());
  out.kid = std::string(kid->get_string());
  if (out.kid != KeyIdOf(out.key)) {
    return Status::InvalidArgument("key " + out.kid + ": kid does not match its public key");
  }
  auto t = ParseTimestamp(created->get_string());
  if (!t) return Status::InvalidArgument("key " + out.kid + ": bad created_at");
  out.createdAt = *t;
  return out;
}

json::object PublicKeyToJson(const PublicKey& k) {
  return {
      {"kid", k.kid},
      {"alg", kAlgorithm},
      {"public_key", Base64UrlEncode({reinterpret_cast<const char*>(k.key.data()), k.key.size()})},
      {"created_at", FormatTimestamp(k.createdAt)}};
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return Status::InvalidArgument("not base64url");
  }
  out.resize(len);
  // libsodium accepts non-zero unused bits in the last character; insisting on the one
  // canonical text form means a changed character always changes the bytes.
  if (Base64UrlEncode(out) != text) return Status::InvalidArgument("not canonical base64url");
  return out;
}

std::string KeyIdOf(const PublicKeyBytes& publicKey) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, publicKey.data(), publicKey.size());
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, 8);
  return hex;
}

// ---- PublicKeySet ----

Result<PublicKeySet> PublicKeySet::FromJson(const json::value& doc) {
  const auto* o = doc.if_object();
  const json::value* keys = o ? o->if_contains("keys") : nullptr;
  if (!keys || !keys->is_array()) return Status::InvalidArgument("key set: no \"keys\" array");
  std::vector<PublicKey> out;
  for (const auto& k : keys->get_array()) {
    TB_ASSIGN_OR_RETURN(PublicKey key, PublicKeyFromJson(k));
    out.push_back(std::move(key));
  }
  return PublicKeySet(std::move(out));
}

Result<PublicKeySet> PublicKeySet::FromJsonText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status::InvalidArgument("key set: not JSON: " + ec.message());
  return FromJson(v);
}

json::value PublicKeySet::toJson() const {
  json::array arr;
  for (const auto& k : keys_) arr.push_back(PublicKeyToJson(k));
  return json::object{{"keys", std::move(arr)}};
}

const PublicKey* PublicKeySet::find(std::string_view kid) const {
  for (const auto& k : keys_) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

Status PublicKeySet::verify(std::string_view kid, std::string_view message,
                            std::string_view signature) const {
  const PublicKey* k = find(kid);
  if (!k) return Status::NotFound("unknown key id " + std::string(kid));
  if (signature.size() != kSignatureBytes ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), k->key.data()) != 0) {
    return Status::InvalidArgument("signature does not verify");
  }
  return Status::Ok();
}

// ---- KeyRing ----

KeyRing::KeyRing(fs::path dir, const Clock& clock) : dir_(std::move(dir)), clock_(clock) {}
KeyRing::~KeyRing() = default;

Result<std::unique_ptr<KeyRing>> KeyRing::Open(fs::path dir, const Clock& clock) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::Internal("create " + dir.string() + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec) return Status::Internal("chmod " + dir.string() + ": " + ec.message());
  }
  std::unique_ptr<KeyRing> ring(new KeyRing(std::move(dir), clock));
  TB_RETURN_IF_ERROR(ring->load());
  return ring;
}

Status KeyRing::load() {
  std::error_code ec;
  for (const auto& de : fs::directory_iterator(dir_, ec)) {
    std::string name = de.path().filename().string();
    if (!name.ends_with(kKeySuffix) || name.starts_with(".")) continue;
    struct stat st {};
    if (::stat(de.path().c_str(), &st) != 0) {
      return Status::Internal("stat " + de.path().string() + ": " + ErrnoText(errno));
    }
    // Like ssh: a secret key others can read is refused rather than used.
    if ((st.st_mode & 077) != 0) {
      return Status::Internal(de.path().string() + " is readable by others; chmod 600 it");
    }
    TB_ASSIGN_OR_RETURN(std::string text, ReadFile(de.path()));
    boost::system::error_code jec;
    json::value v = json::parse(text, jec);
    if (jec) return Status::Internal(de.path().string() + ": not JSON");
    auto pub = PublicKeyFromJson(v);
    if (!pub.ok()) return Status::Internal(de.path().string() + ": " + pub.status().message());
    const auto* seedText = v.as_object().if_contains("seed");
    if (!seedText || !seedText->is_string()) return Status::Internal(de.path().string() + ": seed");
    auto seed = Base64UrlDecode(seedText->get_string());
    if (!seed.ok() || seed->size() != crypto_sign_SEEDBYTES) {
      return Status::Internal(de.path().string() + ": bad seed");
    }
    auto e = std::make_unique<Entry>();
    e->pub = std::move(*pub);
    PublicKeyBytes derived;
    crypto_sign_seed_keypair(derived.data(), e->secret,
                             reinterpret_cast<const unsigned char*>(seed->data()));
    sodium_memzero(seed->data(), seed->size());
    if (derived != e->pub.key) {
      return Status::Internal(de.path().string() + ": seed does not match public_key");
    }
    if (name != e->pub.kid + std::string(kKeySuffix)) {
      return Status::Internal(de.path().string() + ": file name does not match kid");
    }
    entries_.push_back(std::move(e));
  }
  if (ec) return Status::Internal("list " + dir_.string() + ": " + ec.message());
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a->pub.createdAt != b->pub.createdAt ? a->pub.createdAt < b->pub.createdAt
                                                : a->pub.kid < b->pub.kid;
  });

  fs::path currentPath = dir_ / kCurrentFile;
  if (fs::exists(currentPath)) {
    TB_ASSIGN_OR_RETURN(std::string kid, ReadFile(currentPath));
    while (!kid.empty() && (kid.back() == '\n' || kid.back() == ' ')) kid.pop_back();
    bool known = std::any_of(entries_.begin(), entries_.end(),
                             [&](const auto& e) { return e->pub.kid == kid; });
    if (!known) return Status::Internal("current key " + kid + " has no key file");
    current_ = kid;
    return Status::Ok();
  }
  if (entries_.empty()) {
    auto kid = create();
    return kid.ok() ? Status::Ok() : kid.status();
  }
  // A crash between writing a new key and naming it current: the newest key wins.
  current_ = entries_.back()->pub.kid;
  return WriteFileAtomic(dir_, kCurrentFile, current_ + "\n", 0644);
}

Result<std::string> KeyRing::create() {
  auto e = std::make_unique<Entry>();
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  crypto_sign_seed_keypair(e->pub.key.data(), e->secret, seed);
  e->pub.kid = KeyIdOf(e->pub.key);
  // Whole milliseconds, so the time read back from the file equals the one held here.
  e->pub.createdAt = std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.now());
  json::object file = PublicKeyToJson(e->pub);
  file["seed"] = Base64UrlEncode({reinterpret_cast<const char*>(seed), sizeof seed});
  sodium_memzero(seed, sizeof seed);
  std::string text = json::serialize(file);
  Status written = WriteFileAtomic(dir_, e->pub.kid + std::string(kKeySuffix), text, 0600);
  sodium_memzero(text.data(), text.size());
  TB_RETURN_IF_ERROR(written);
  TB_RETURN_IF_ERROR(WriteFileAtomic(dir_, kCurrentFile, e->pub.kid + "\n", 0644));
  current_ = e->pub.kid;
  entries_.push_back(std::move(e));
  return current_;
}

std::string KeyRing::currentKid() const {
  std::shared_lock lock(mu_);
  return current_;
}

Result<std::string> KeyRing::rotate() {
  std::unique_lock lock(mu_);
  return create();
}

Result<std::string> KeyRing::sign(std::string_view kid, std::string_view message) const {
  std::shared_lock lock(mu_);
  for (const auto& e : entries_) {
    if (e->pub.kid != kid) continue;
    std::string sig(kSignatureBytes, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         e->secret);
    return sig;
  }
  return Status::NotFound("unknown key id " + std::string(kid));
}

PublicKeySet KeyRing::publicKeys() const {
  std::shared_lock lock(mu_);
  std::vector<PublicKey> out;
  for (const auto& e : entries_) out.push_back(e->pub);
  return PublicKeySet(std::move(out));
}

}  // namespace tongban::certificates

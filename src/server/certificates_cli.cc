// The certificate commands of the CLI: `keys rotate`, `keys list`, `cert verify`.

#include <cstdio>
#include <fstream>
#include <sstream>

#include "certificates/certificate.h"
#include "certificates/pdf.h"
#include "server/app.h"

namespace tongban::server {

namespace fs = std::filesystem;

namespace {
Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return Status::Internal("cannot read " + path.string());
  return out.str();
}

//! The keys to check against: a public key set file, or the data directory's ring. The ring is
//! only opened if it exists: KeyRing::Open would otherwise create one with a fresh key, which
//! verifies nothing and leaves a secret key behind on a verifier's machine.
Result<certificates::PublicKeySet> KeysFor(const Config& config, const Clock& clock,
                                           const std::string& source) {
  if (source.starts_with("http://") || source.starts_with("https://"))
    return Status::InvalidArgument(
        "--keys takes a file: save " + source +
        " (the JSON of GET /api/v1/keys) and pass its path; fetching it is not supported yet");
  if (!source.empty()) {
    TB_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(source));
    auto keys = certificates::PublicKeySet::FromJsonText(text);
    if (!keys.ok())
      return Status::InvalidArgument(source +
                                     " is not a public key set: " + keys.status().message());
    return keys;
  }
  std::error_code ec;
  if (!fs::is_directory(config.keyDir(), ec))
    return Status::NotFound("no key ring at " + config.keyDir().string() +
                            "; pass --keys with the public key set (GET /api/v1/keys)");
  TB_ASSIGN_OR_RETURN(auto ring, certificates::KeyRing::Open(config.keyDir(), clock));
  return ring->publicKeys();
}

void PrintContent(const certificates::CertificateContent& c) {
  // The issue date as printed on the certificate: in China Standard Time (README, payload rule).
  Date issued = LocalDate(c.issuedAt, certificates::RenderOptions{}.utcOffsetMinutes);
  std::printf("  id:          %s\n", c.id.c_str());
  std::printf("  item:        %s %s / %s\n", c.itemCode.c_str(), c.titleZh.c_str(),
              c.titleEn.c_str());
  std::printf("  holder:      %s\n", c.holderName.c_str());
  std::printf("  unit:        %s %s / %s\n", c.unit.code.c_str(), c.unit.nameZh.c_str(),
              c.unit.nameEn.c_str());
  std::printf("  issued:      %s (%s)\n", FormatDate(issued).c_str(),
              FormatTimestamp(c.issuedAt).c_str());
  std::printf("  valid until: %s\n",
              c.validUntil ? FormatDate(*c.validUntil).c_str() : "no time limit");
  std::printf("  key:         %s\n", c.kid.c_str());
}
}  // namespace

Status RotateKey(const Config& config, const Clock& clock) {
  TB_ASSIGN_OR_RETURN(auto ring, certificates::KeyRing::Open(config.keyDir(), clock));
  TB_ASSIGN_OR_RETURN(std::string kid, ring->rotate());
  std::printf("%s\n", kid.c_str());
  return Status::Ok();
}

Status ListKeys(const Config& config, const Clock& clock) {
  TB_ASSIGN_OR_RETURN(auto ring, certificates::KeyRing::Open(config.keyDir(), clock));
  std::string current = ring->currentKid();
  certificates::PublicKeySet keys = ring->publicKeys();  // keys() refers into it
  for (const auto& k : keys.keys())
    std::printf("%s  %s%s\n", k.kid.c_str(), FormatTimestamp(k.createdAt).c_str(),
                k.kid == current ? "  current" : "");
  return Status::Ok();
}

int VerifyCertificateFile(const Config& config, const Clock& clock, const fs::path& pdf,
                          const std::string& keysSource) {
  auto keys = KeysFor(config, clock, keysSource);
  if (!keys.ok()) {
    std::fprintf(stderr, "tongban: %s\n", keys.status().message().c_str());
    return 1;
  }
  auto bytes = ReadWholeFile(pdf);
  if (!bytes.ok()) {
    std::fprintf(stderr, "tongban: %s\n", bytes.status().message().c_str());
    return 1;
  }
  auto content = certificates::VerifyPdf(*bytes, *keys);
  if (content.ok()) {
    std::printf("genuine\n");
    PrintContent(*content);
    return 0;
  }
  std::printf("not genuine: %s\n", content.status().message().c_str());
  // A file changed after issue (or re-saved by other software) may still carry a payload the
  // issuer signed: say what was issued, so the reader can compare it with the printed page.
  auto embedded = certificates::ParseEmbedded(*bytes);
  if (embedded.ok()) {
    auto issued = certificates::Verify(embedded->payload, embedded->signature, *keys);
    if (issued.ok()) {
      std::printf("the file was changed after issue; what was issued is genuine:\n");
      PrintContent(*issued);
    }
  }
  return 1;
}

}  // namespace tongban::server

// The certificate keys as the server publishes them (GET /api/v1/keys), and the CLI that rotates
// them and verifies a certificate PDF offline (`tongban keys rotate|list`, `cert verify`).

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "certificates/certificate.h"
#include "certificates/pdf.h"
#include "common/crypto.h"
#include "integration/server_fixture.h"

namespace tongban::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<std::string> KidsOf(const json::value& doc) {
  std::vector<std::string> kids;
  for (const auto& k : doc.at("keys").as_array())
    kids.emplace_back(k.at("kid").as_string().c_str());
  return kids;
}

using KeysApiTest = ServerTest;

TEST_F(KeysApiTest, PublishesTheCurrentKeyAndAfterARotationBoth) {
  std::string first = app_->keyRing().currentKid();
  auto r = client_->get("/api/v1/keys");  // no log-in
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["cache-control"], "public, max-age=300");
  EXPECT_EQ(KidsOf(r.json()), std::vector<std::string>{first});
  const auto& key = r.json().at("keys").at(0);
  EXPECT_EQ(key.at("alg"), "Ed25519");
  // What a verifier downloads is a key set it can use as it is.
  auto set = certificates::PublicKeySet::FromJsonText(r.body);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_NE(set->find(first), nullptr);

  auto second = app_->keyRing().rotate();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  r = client_->get("/api/v1/keys");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(KidsOf(r.json()), (std::vector<std::string>{first, *second}));  // oldest first
}

TEST_F(KeysApiTest, KeysLiveInTheDataDirectory) {
  std::string kid = app_->keyRing().currentKid();
  EXPECT_TRUE(fs::exists(config_.keyDir() / (kid + ".key")));
}

// Runs the tongban binary with `args` (after --data-dir); returns its exit code and stdout.
struct CliRun {
  int code = -1;
  std::string out;
};
CliRun Tongban(const fs::path& dataDir, const std::string& args) {
  std::string cmd =
      std::string(TB_BINARY) + " --log-level warn --data-dir '" + dataDir.string() + "' " + args;
  CliRun run;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) run.out.append(buf, n);
  int status = pclose(p);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class CertCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto().ok());
    config_ = TestConfig(dir_.path());
    // Issue a certificate with the data directory's first key, as the server would.
    auto ring = certificates::KeyRing::Open(config_.keyDir(), clock_);
    ASSERT_TRUE(ring.ok()) << ring.status().ToString();
    firstKid_ = (*ring)->currentKid();
    certificates::CertificateContent c;
    c.id = "C7QJ2M4X9KPA";
    c.itemCode = "TV-003";
    c.titleZh = "无犯罪记录证明";
    c.titleEn = "Certificate of No Criminal Record";
    c.holderName = "张小明";
    c.fields = {{"护照号码", "Passport number", "E12345678"}};
    c.unit = {"CN-MIL", "中华人民共和国驻米兰总领事馆",
              "Consulate General of the People's Republic of China in Milan"};
    c.issuedAt = TestEpoch() + 20h;  // 2026-11-23T22:00Z: already the 24th in China
    c.validUntil = Date(std::chrono::year(2027) / 5 / 23);
    auto s = certificates::Sign(c, **ring);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto pdf =
        certificates::RenderPdf(*s, **ring, {.verifyBaseUrl = "https://tongban.example.org"});
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    pdf_ = *pdf;
    write(pdfPath(), pdf_);
  }
  fs::path pdfPath() const { return dir_.path() / "certificate.pdf"; }
  static void write(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
  }
  CliRun tongban(const std::string& args) { return Tongban(config_.dataDir, args); }

  TempDir dir_;
  server::Config config_;
  FakeClock clock_{TestEpoch()};
  std::string firstKid_;
  std::string pdf_;
};

TEST_F(CertCliTest, RotateMakesANewCurrentKeyAndTheOldOneStillVerifies) {
  CliRun rotate = tongban("keys rotate");
  ASSERT_EQ(rotate.code, 0) << rotate.out;
  std::string second = rotate.out.substr(0, rotate.out.find('\n'));
  EXPECT_EQ(second.size(), 16u) << rotate.out;
  EXPECT_NE(second, firstKid_);

  CliRun list = tongban("keys list");
  ASSERT_EQ(list.code, 0) << list.out;
  size_t a = list.out.find(firstKid_), b = list.out.find(second);
  ASSERT_NE(a, std::string::npos) << list.out;
  ASSERT_NE(b, std::string::npos) << list.out;
  EXPECT_LT(a, b) << "oldest first: " << list.out;
  std::string secondLine = list.out.substr(b, list.out.find('\n', b) - b);
  std::string firstLine = list.out.substr(a, list.out.find('\n', a) - a);
  EXPECT_TRUE(secondLine.ends_with("current")) << list.out;
  EXPECT_FALSE(firstLine.ends_with("current")) << list.out;
  EXPECT_NE(firstLine.find("2026-11-23T02:00:00.000Z"), std::string::npos) << list.out;

  // The PDF signed by the first key is still genuine.
  CliRun verify = tongban("cert verify '" + pdfPath().string() + "'");
  EXPECT_EQ(verify.code, 0) << verify.out;
  EXPECT_TRUE(verify.out.starts_with("genuine\n")) << verify.out;
  EXPECT_NE(verify.out.find("C7QJ2M4X9KPA"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("张小明"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("CN-MIL"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("2026-11-24"), std::string::npos) << "printed date, CST" << verify.out;
  EXPECT_NE(verify.out.find(firstKid_), std::string::npos) << verify.out;
}

TEST_F(CertCliTest, ATamperedFileIsNotGenuine) {
  // One printed character changed: the payload is intact, the file signature is not.
  std::string tampered = pdf_;
  size_t at = tampered.find("/Type /Page");
  ASSERT_NE(at, std::string::npos);
  tampered[at + 1] = 'X';
  write(dir_.path() / "tampered.pdf", tampered);
  CliRun r = tongban("cert verify '" + (dir_.path() / "tampered.pdf").string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(r.out.starts_with("not genuine: ")) << r.out;
  // It still says what was issued, since the signed payload itself was not touched.
  EXPECT_NE(r.out.find("changed after issue"), std::string::npos) << r.out;

  // A changed payload byte: nothing in it can be trusted.
  std::string badPayload = pdf_;
  size_t p = badPayload.find(certificates::kEmbedPrefix);
  ASSERT_NE(p, std::string::npos);
  char& c = badPayload[p + certificates::kEmbedPrefix.size() + 10];
  c = c == 'A' ? 'B' : 'A';
  write(dir_.path() / "bad-payload.pdf", badPayload);
  r = tongban("cert verify '" + (dir_.path() / "bad-payload.pdf").string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(r.out.starts_with("not genuine: ")) << r.out;
  EXPECT_EQ(r.out.find("genuine:\n"), std::string::npos) << r.out;
}

TEST_F(CertCliTest, VerifiesAgainstAPublishedKeySetFile) {
  auto ring = certificates::KeyRing::Open(config_.keyDir(), clock_);
  ASSERT_TRUE(ring.ok());
  fs::path keys = dir_.path() / "keys.json";
  write(keys, json::serialize((*ring)->publicKeys().toJson()));
  // A verifier elsewhere: no key ring of its own.
  fs::path elsewhere = dir_.path() / "elsewhere";
  CliRun r =
      Tongban(elsewhere, "cert verify '" + pdfPath().string() + "' --keys '" + keys.string() + "'");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(r.out.starts_with("genuine\n")) << r.out;
  EXPECT_FALSE(fs::exists(elsewhere / "keys")) << "verifying must not create a key ring";

  // Another issuer's keys do not verify it.
  TempDir other;
  auto otherRing = certificates::KeyRing::Open(other.path() / "keys", clock_);
  ASSERT_TRUE(otherRing.ok());
  write(keys, json::serialize((*otherRing)->publicKeys().toJson()));
  r = Tongban(elsewhere, "cert verify '" + pdfPath().string() + "' --keys '" + keys.string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(r.out.starts_with("not genuine: ")) << r.out;

  // Without --keys and without a key ring there is nothing to verify against.
  r = Tongban(elsewhere, "cert verify '" + pdfPath().string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
}

}  // namespace
}  // namespace tongban::testing

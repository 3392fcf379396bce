// Signed e-certificates (src/certificates): the canonical payload (RFC 8785), the Ed25519 key
// ring and public key set, and the PDF with its embedded payload.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <thread>

#include "certificates/canonical_json.h"
#include "certificates/certificate.h"
#include "certificates/keys.h"
#include "certificates/pdf.h"
#include "common/crypto.h"
#include "test_support.h"

namespace tongban::certificates {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string Canon(std::string_view jsonText) {
  auto r = Canonicalize(json::parse(jsonText));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : "";
}

TEST(CanonicalJson, SortsMembersByUtf16CodeUnitsAsInRfc8785) {
  // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16 order, though
  // after it by code point or UTF-8 bytes.
  std::string in = R"({
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
  })";
  EXPECT_EQ(Canon(in),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(CanonicalJson, EscapesStringsAsRfc8785) {
  // RFC 8785 §3.2.2.2's string example.
  EXPECT_EQ(Canon(R"({"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"})"),
            "{\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  // Short escapes, lower-case \u00xx for the other controls; DEL, U+2028 and '/' stay literal.
  EXPECT_EQ(Canon(R"(["\b\t\n\f\r", "\u0000\u001f\u007f", "\u2028/<"])"),
            "[\"\\b\\t\\n\\f\\r\",\"\\u0000\\u001f\x7F\",\"\xE2\x80\xA8/<\"]");
  EXPECT_EQ(Canon("\"\xE5\xBC\xA0\xE4\xBC\x9F\""), "\"\xE5\xBC\xA0\xE4\xBC\x9F\"");  // 张伟
}

TEST(CanonicalJson, LiteralsIntegersAndNesting) {
  EXPECT_EQ(Canon(R"({"literals": [null, true, false]})"), R"({"literals":[null,true,false]})");
  EXPECT_EQ(Canon(R"({ "b" : [ 1, -2, 0, 9007199254740991 ], "a" : { "z" : {}, "y" : [] } })"),
            R"({"a":{"y":[],"z":{}},"b":[1,-2,0,9007199254740991]})");
  EXPECT_EQ(Canon("[]"), "[]");
  EXPECT_EQ(Canon("18446744073709"), "18446744073709");
}

TEST(CanonicalJson, RefusesWhatItDoesNotCover) {
  for (const char* bad : {"1.5", "1.0", "-0.0", "1e3", "9007199254740992", "-9007199254740992",
                          "18446744073709551615", R"({"a":[2.5]})"}) {
    auto r = Canonicalize(json::parse(bad));
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(Canonicalize(json::value(std::string("\xC3"))).ok());          // truncated
  EXPECT_FALSE(Canonicalize(json::value(std::string("\xED\xA0\x80"))).ok());  // surrogate
  EXPECT_FALSE(Canonicalize(json::value(std::string("\xC0\xAF"))).ok());      // overlong
  EXPECT_FALSE(Canonicalize(json::object{{std::string("\xFF"), 1}}).ok());
}

TEST(Base64Url, RoundTripsAndRefusesOtherForms) {
  for (std::string s :
       {std::string(), std::string("a"), std::string("ab"), std::string("\xFF\xFE\x00", 3)}) {
    auto enc = Base64UrlEncode(s);
    EXPECT_EQ(enc.find('='), std::string::npos);
    auto dec = Base64UrlDecode(enc);
    ASSERT_TRUE(dec.ok());
    EXPECT_EQ(*dec, s);
  }
  EXPECT_EQ(Base64UrlEncode("\xFB\xFF"), "-_8");
  EXPECT_FALSE(Base64UrlDecode("+/8").ok());
  EXPECT_FALSE(Base64UrlDecode("YQ==").ok());
  EXPECT_FALSE(Base64UrlDecode("YR").ok());  // non-zero unused bits: not the canonical "YQ"
}

class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::InitCrypto().ok()); }
  std::unique_ptr<KeyRing> open() {
    auto r = KeyRing::Open(dir_.path() / "keys", clock_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }
  testing::TempDir dir_;
  FakeClock clock_{testing::TestEpoch()};
};

TEST_F(KeyRingTest, FirstOpenMakesAKeyInA0600FileAndReopeningKeepsIt) {
  auto ring = open();
  ASSERT_TRUE(ring);
  std::string kid = ring->currentKid();
  EXPECT_TRUE(std::regex_match(kid, std::regex("[0-9a-f]{16}"))) << kid;
  fs::path file = dir_.path() / "keys" / (kid + ".key");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_.path() / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);

  auto keys = ring->publicKeys();
  ASSERT_EQ(keys.keys().size(), 1u);
  EXPECT_EQ(keys.keys()[0].kid, kid);
  EXPECT_EQ(KeyIdOf(keys.keys()[0].key), kid);
  EXPECT_EQ(keys.keys()[0].createdAt, testing::TestEpoch());

  ring.reset();
  auto again = open();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->currentKid(), kid);
  EXPECT_EQ(again->publicKeys().toJson(), keys.toJson());
}

TEST_F(KeyRingTest, RotateMakesANewCurrentKeyAndOldSignaturesStillVerify) {
  auto ring = open();
  std::string oldKid = ring->currentKid();
  auto oldSig = ring->sign(oldKid, "message");
  ASSERT_TRUE(oldSig.ok());
  clock_.advance(24h);
  auto newKid = ring->rotate();
  ASSERT_TRUE(newKid.ok()) << newKid.status().ToString();
  EXPECT_NE(*newKid, oldKid);
  EXPECT_EQ(ring->currentKid(), *newKid);

  // The published set, reloaded as a verifier elsewhere would, verifies both.
  auto published = PublicKeySet::FromJsonText(json::serialize(ring->publicKeys().toJson()));
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->keys().size(), 2u);
  EXPECT_TRUE(published->verify(oldKid, "message", *oldSig).ok());
  auto newSig = ring->sign(*newKid, "message");
  ASSERT_TRUE(newSig.ok());
  EXPECT_TRUE(published->verify(*newKid, "message", *newSig).ok());
  EXPECT_FALSE(published->verify(oldKid, "message", *newSig).ok());
  EXPECT_FALSE(published->verify(*newKid, "messagf", *newSig).ok());
  EXPECT_EQ(published->verify("0000000000000000", "message", *newSig).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ring->sign("0000000000000000", "x").status().code(), StatusCode::kNotFound);

  // After a restart the rotated key is still current and the old one still there.
  ring.reset();
  auto again = open();
  EXPECT_EQ(again->currentKid(), *newKid);
  EXPECT_EQ(again->publicKeys().keys().size(), 2u);
}

TEST_F(KeyRingTest, PublicKeySetJsonShapeAndChecks) {
  auto ring = open();
  json::value doc = ring->publicKeys().toJson();
  const auto& k = doc.at("keys").at(0).as_object();
  EXPECT_EQ(k.size(), 4u);
  EXPECT_EQ(k.at("alg"), "Ed25519");
  EXPECT_EQ(k.at("kid"), json::value(ring->currentKid()));
  EXPECT_EQ(k.at("created_at"), "2026-11-23T02:00:00.000Z");
  EXPECT_EQ(Base64UrlDecode(k.at("public_key").as_string())->size(), 32u);

  json::value wrongKid = doc;
  wrongKid.at("keys").at(0).as_object()["kid"] = "0123456789abcdef";
  EXPECT_FALSE(PublicKeySet::FromJson(wrongKid).ok());
  json::value wrongAlg = doc;
  wrongAlg.at("keys").at(0).as_object()["alg"] = "RS256";
  EXPECT_FALSE(PublicKeySet::FromJson(wrongAlg).ok());
  EXPECT_FALSE(PublicKeySet::FromJsonText("{\"keys\":{}}").ok());
  EXPECT_FALSE(PublicKeySet::FromJsonText("not json").ok());
}

TEST_F(KeyRingTest, RefusesASecretKeyFileOthersCanRead) {
  std::string kid = open()->currentKid();
  fs::permissions(dir_.path() / "keys" / (kid + ".key"), fs::perms::others_read,
                  fs::perm_options::add);
  auto r = KeyRing::Open(dir_.path() / "keys", clock_);
  EXPECT_FALSE(r.ok());
}

CertificateContent Sample() {
  CertificateContent c;
  c.id = "C7QJ2M4X9KPA";
  c.itemCode = "TV-003";
  c.titleZh = "无犯罪记录证明";
  c.titleEn = "Certificate of No Criminal Record";
  c.holderName = "张小明";
  c.fields = {{"出生日期", "Date of birth", "1990-05-17"},
              {"护照号码", "Passport number", "E12345678"},
              {"备注", "Remarks", "用于在\"意大利\"办理居留 / for a residence permit\\n"}};
  c.unit = {"CN-MIL", "中华人民共和国驻米兰总领事馆",
            "Consulate General of the People's Republic of China in Milan"};
  c.issuedAt = testing::TestEpoch() + 1234ms;
  c.validUntil = Date(std::chrono::year(2027) / 5 / 23);
  return c;
}

class SignedTest : public KeyRingTest {
 protected:
  void SetUp() override {
    KeyRingTest::SetUp();
    ring_ = open();
    ASSERT_TRUE(ring_);
    auto s = Sign(Sample(), *ring_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    signed_ = *s;
    keys_ = ring_->publicKeys();
  }
  std::unique_ptr<KeyRing> ring_;
  SignedCertificate signed_;
  PublicKeySet keys_;
};

TEST_F(SignedTest, PayloadIsCanonicalAndVerifies) {
  EXPECT_EQ(signed_.content.kid, ring_->currentKid());
  EXPECT_EQ(signed_.signature.size(), 64u);
  EXPECT_TRUE(signed_.payload.starts_with(R"({"fields":[{"label_en":"Date of birth",)"))
      << signed_.payload;
  EXPECT_NE(signed_.payload.find(R"("issued_at":"2026-11-23T02:00:01.234Z")"), std::string::npos);
  EXPECT_NE(signed_.payload.find(R"("valid_until":"2027-05-23")"), std::string::npos);
  EXPECT_NE(signed_.payload.find(R"("v":1,"valid_until")"), std::string::npos);
  auto v = Verify(signed_.payload, signed_.signature, keys_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, signed_.content);

  CertificateContent noExpiry = Sample();
  noExpiry.validUntil.reset();
  auto s = Sign(noExpiry, *ring_);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->payload.find(R"("valid_until":null)"), std::string::npos);
  auto back = Verify(s->payload, s->signature, keys_);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->validUntil);
}

TEST_F(SignedTest, ChangingAnyByteOfPayloadOrSignatureFails) {
  for (size_t i = 0; i < signed_.payload.size(); ++i) {
    std::string p = signed_.payload;
    p[i] = static_cast<char>(p[i] ^ 0x01);
    EXPECT_FALSE(Verify(p, signed_.signature, keys_).ok()) << "payload byte " << i;
  }
  for (size_t i = 0; i < signed_.signature.size(); ++i) {
    std::string s = signed_.signature;
    s[i] = static_cast<char>(s[i] ^ 0x80);
    EXPECT_FALSE(Verify(signed_.payload, s, keys_).ok()) << "signature byte " << i;
  }
  // Same data, not canonical (a space): refused even before the signature is looked at.
  std::string spaced = signed_.payload;
  spaced.insert(1, " ");
  EXPECT_FALSE(Verify(spaced, signed_.signature, keys_).ok());
  // A verifier that does not know the key says so.
  EXPECT_EQ(Verify(signed_.payload, signed_.signature, PublicKeySet()).status().code(),
            StatusCode::kNotFound);
}

TEST_F(SignedTest, OldCertificatesVerifyAfterRotation) {
  ASSERT_TRUE(ring_->rotate().ok());
  auto after = Sign(Sample(), *ring_);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after->content.kid, signed_.content.kid);
  auto published = ring_->publicKeys();
  EXPECT_TRUE(Verify(signed_.payload, signed_.signature, published).ok());
  EXPECT_TRUE(Verify(after->payload, after->signature, published).ok());
}

TEST(CertificatePayload, FromPayloadRefusesWrongShapes) {
  CertificateContent c = Sample();
  c.kid = "0123456789abcdef";
  json::value good = ToPayload(c);
  ASSERT_TRUE(FromPayload(good).ok());
  json::value extra = good;
  extra.as_object()["note"] = "x";
  EXPECT_FALSE(FromPayload(extra).ok());
  json::value missing = good;
  missing.as_object().erase("holder_name");
  EXPECT_FALSE(FromPayload(missing).ok());
  json::value version = good;
  version.as_object()["v"] = 2;
  EXPECT_FALSE(FromPayload(version).ok());
  json::value badDate = good;
  badDate.as_object()["valid_until"] = "2027-02-30";
  EXPECT_FALSE(FromPayload(badDate).ok());
  json::value badField = good;
  badField.at("fields").at(0).as_object()["value"] = 5;
  EXPECT_FALSE(FromPayload(badField).ok());
}

//! Standard output of a shell command.
std::string RunCommand(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

fs::path WritePdf(const testing::TempDir& dir, const std::string& pdf) {
  fs::path file = dir.path() / "cert.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  return file;
}

std::string PdfToText(const testing::TempDir& dir, const std::string& pdf) {
  return RunCommand("pdftotext -enc UTF-8 '" + WritePdf(dir, pdf).string() + "' - 2>&1");
}

class PdfTest : public SignedTest {
 protected:
  void SetUp() override {
    SignedTest::SetUp();
    auto pdf = RenderPdf(signed_, *ring_, {.verifyBaseUrl = "https://tongban.example.org/"});
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    pdf_ = *pdf;
  }
  std::string pdf_;
};

TEST_F(PdfTest, IsOneA4PageWhoseTextHasTheChineseName) {
  EXPECT_TRUE(pdf_.starts_with("%PDF-1.5"));
  EXPECT_NE(pdf_.find("/MediaBox [ 0 0 595.28 841.89 ]"), std::string::npos);
  // TB_CERT_PDF_OUT=/tmp/x.pdf keeps the sample, to look at the layout.
  if (const char* keep = std::getenv("TB_CERT_PDF_OUT"))
    std::ofstream(keep, std::ios::binary) << pdf_;
  std::string text = PdfToText(dir_, pdf_);
  EXPECT_NE(text.find("张小明"), std::string::npos) << text;
  EXPECT_NE(text.find("无犯罪记录证明"), std::string::npos) << text;
  EXPECT_NE(text.find("Certificate of No Criminal Record"), std::string::npos) << text;
  EXPECT_NE(text.find("中华人民共和国驻米兰总领事馆"), std::string::npos) << text;
  EXPECT_NE(text.find("E12345678"), std::string::npos) << text;
  EXPECT_NE(text.find("C7QJ2M4X9KPA"), std::string::npos) << text;
  EXPECT_NE(text.find("2027-05-23"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-11-23"), std::string::npos) << text;
  EXPECT_NE(text.find(signed_.content.kid), std::string::npos) << text;
  EXPECT_NE(text.find("https://tongban.example.org/verify/C7QJ2M4X9KPA"), std::string::npos)
      << text;
}

TEST_F(PdfTest, QrCodeHoldsTheVerificationUrl) {
  // zbarimg (zbar-tools) reads the code from the page rasterised by pdftoppm (poppler-utils).
  if (RunCommand("command -v zbarimg").empty())
    GTEST_SKIP() << "zbarimg (zbar-tools) not installed";
  fs::path pdf = WritePdf(dir_, pdf_);
  fs::path png = dir_.path() / "page";
  RunCommand("pdftoppm -r 150 -png -singlefile '" + pdf.string() + "' '" + png.string() + "'");
  std::string decoded = RunCommand("zbarimg -q --raw '" + png.string() + ".png' 2>/dev/null");
  EXPECT_EQ(decoded, "https://tongban.example.org/verify/C7QJ2M4X9KPA\n");
}

TEST_F(PdfTest, RendersOnSeveralThreadsAtOnce) {
  // The server renders on its worker pool; Pango's font map is per thread, Cairo surfaces are
  // per call, and signing only reads the ring.
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        auto pdf = RenderPdf(signed_, *ring_, {.verifyBaseUrl = "https://tongban.example.org"});
        if (pdf.ok() && VerifyPdf(*pdf, keys_).ok()) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 9);
}

TEST_F(PdfTest, RefusesTextThatDoesNotFitOnOnePage) {
  CertificateContent c = Sample();
  for (int i = 0; i < 40; ++i) c.fields.push_back({"字段", "Field", std::to_string(i)});
  auto s = Sign(c, *ring_);
  ASSERT_TRUE(s.ok());
  auto pdf = RenderPdf(*s, *ring_, {.verifyBaseUrl = "https://tongban.example.org"});
  EXPECT_EQ(pdf.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PdfTest, RefusesAMissingFontRatherThanPrintingBoxes) {
  auto pdf =
      RenderPdf(signed_, *ring_, {.verifyBaseUrl = "https://x", .fontFamily = "No Such Font Sans"});
  EXPECT_EQ(pdf.status().code(), StatusCode::kInternal);
}

TEST_F(PdfTest, EmbeddedPayloadComesBackAndVerifies) {
  auto e = ParseEmbedded(pdf_);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->payload, signed_.payload);
  EXPECT_EQ(e->signature, signed_.signature);
  auto v = VerifyPdf(pdf_, keys_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, signed_.content);
  // Offline: only the published JSON is needed.
  auto published = PublicKeySet::FromJsonText(json::serialize(keys_.toJson()));
  ASSERT_TRUE(published.ok());
  EXPECT_TRUE(VerifyPdf(pdf_, *published).ok());
}

TEST_F(PdfTest, ChangingAnyByteOfTheFileFails) {
  ASSERT_TRUE(VerifyPdf(pdf_, keys_).ok());
  // Every 101st byte (all of them would take minutes), plus the first and last.
  int tried = 0;
  for (size_t i = 0; i < pdf_.size(); i += (i == 0 ? 1 : 101)) {
    std::string t = pdf_;
    t[i] = static_cast<char>(t[i] ^ 0x20);
    EXPECT_FALSE(VerifyPdf(t, keys_).ok()) << "byte " << i;
    ++tried;
  }
  std::string t = pdf_;
  t.back() = static_cast<char>(t.back() ^ 0x20);
  EXPECT_FALSE(VerifyPdf(t, keys_).ok());
  EXPECT_FALSE(VerifyPdf(pdf_ + " ", keys_).ok());
  EXPECT_GT(tried, 100);
}

TEST_F(PdfTest, AlteredEmbeddedPayloadFails) {
  size_t at = pdf_.find(kEmbedPrefix);
  ASSERT_NE(at, std::string::npos);
  size_t start = at + kEmbedPrefix.size();
  size_t dot = pdf_.find('.', start);
  // A PDF whose embedded payload says something else, re-encoded properly: the payload parses,
  // is canonical, but the signature does not cover it.
  std::string forged = signed_.payload;
  size_t name = forged.find("张小明");
  ASSERT_NE(name, std::string::npos);
  forged.replace(name, std::string("张小明").size(), "李小明");
  std::string tampered = pdf_;
  tampered.replace(start, dot - start, Base64UrlEncode(forged));
  auto e = ParseEmbedded(tampered);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->payload, forged);
  EXPECT_FALSE(VerifyPdf(tampered, keys_).ok());

  // One character of the base64 text changed in place.
  for (size_t i : {start, start + 40, dot - 2, dot + 5}) {
    std::string t = pdf_;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(VerifyPdf(t, keys_).ok()) << i;
  }
  // The payload alone still verifies when only the file around it changed.
  std::string retitled = pdf_;
  size_t creator = retitled.find("(Tongban)");
  ASSERT_NE(creator, std::string::npos);
  retitled[creator + 1] = 'X';
  EXPECT_FALSE(VerifyPdf(retitled, keys_).ok());
  auto e2 = ParseEmbedded(retitled);
  ASSERT_TRUE(e2.ok());
  EXPECT_TRUE(Verify(e2->payload, e2->signature, keys_).ok());

  // No data, or two candidates: nothing to trust.
  std::string none = pdf_;
  none.replace(at, kEmbedPrefix.size(), std::string(kEmbedPrefix.size(), 'x'));
  EXPECT_FALSE(ParseEmbedded(none).ok());
  std::string twice = pdf_ + "\n(" + pdf_.substr(at, pdf_.find(')', at) - at + 1) + "\n";
  EXPECT_FALSE(ParseEmbedded(twice).ok());
  EXPECT_FALSE(ParseEmbedded("").ok());
}

TEST(CertificatesModule, IncludesOnlyCommon) {
  // tb_certificates links tb_common alone; an include of db/, http/ or a domain module would
  // not even link in a build that does not pull those in through the tests.
  std::regex include(R"re(#include "([a-z_]+)/)re");
  int scanned = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(TB_SOURCE_DIR) / "src" / "certificates")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (!std::regex_search(line, m, include)) continue;
      EXPECT_TRUE(m[1] == "common" || m[1] == "certificates")
          << entry.path().filename() << " includes " << m[1] << "/";
    }
    ++scanned;
  }
  EXPECT_GE(scanned, 8);
}

}  // namespace
}  // namespace tongban::certificates

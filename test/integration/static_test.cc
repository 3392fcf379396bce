// The built front end (web/dist, made by `make web`, which `make build` and `make test` run) as
// the browser gets it: precompressed by Accept-Encoding, cached by name, and the anonymous
// session answer the web app starts with.
#include <brotli/decode.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "integration/server_fixture.h"

namespace tongban::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kDist = fs::path(TB_SOURCE_DIR) / "web" / "dist";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Gunzip(const std::string& in) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "<inflateInit failed>";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = uInt(in.size());
  std::string out;
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "<not gzip>";
}

std::string Unbrotli(const std::string& in) {
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  size_t availIn = in.size();
  const uint8_t* next = reinterpret_cast<const uint8_t*>(in.data());
  std::string out;
  BrotliDecoderResult r = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    uint8_t buf[65536];
    size_t availOut = sizeof buf;
    uint8_t* nextOut = buf;
    r = BrotliDecoderDecompressStream(s, &availIn, &next, &availOut, &nextOut, nullptr);
    out.append(reinterpret_cast<char*>(buf), sizeof buf - availOut);
  }
  BrotliDecoderDestroyInstance(s);
  return r == BROTLI_DECODER_RESULT_SUCCESS ? out : "<not brotli>";
}

class StaticFilesTest : public ServerTest {
 protected:
  void configure(server::Config& c) override { c.webRoot = kDist; }

  void SetUp() override {
    ASSERT_TRUE(fs::exists(kDist / "index.html")) << "web/dist is missing: run `make web`";
    ServerTest::SetUp();
    // The app's script, as index.html names it.
    std::smatch m;
    std::string index = ReadFile(kDist / "index.html");
    ASSERT_TRUE(std::regex_search(index, m, std::regex(R"re(src="(/assets/[^"]+\.js)")re")));
    js_ = m[1];
    original_ = ReadFile(kDist / js_.substr(1));
    ASSERT_GT(original_.size(), 10000u);
  }

  std::string js_, original_;
};

TEST_F(StaticFilesTest, TheScriptIsSentBrotliOrGzipAsAskedAndIdentityOtherwise) {
  auto br = client_->get(js_, {{"Accept-Encoding", "gzip, deflate, br, zstd"}});  // Chromium's
  ASSERT_EQ(br.status, 200u);
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(br.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_LT(br.body.size(), original_.size() / 3);
  EXPECT_EQ(Unbrotli(br.body), original_);

  auto gz = client_->get(js_, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(gz.status, 200u);
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.headers["vary"], "Accept-Encoding");
  EXPECT_LT(gz.body.size(), original_.size() / 2);
  EXPECT_EQ(Gunzip(gz.body), original_);

  // q-values decide; brotli refused explicitly; nothing accepted; no header at all.
  EXPECT_EQ(client_->get(js_, {{"Accept-Encoding", "br;q=0.5, gzip"}}).headers["content-encoding"],
            "gzip");
  EXPECT_EQ(client_->get(js_, {{"Accept-Encoding", "*, br;q=0"}}).headers["content-encoding"],
            "gzip");
  for (const char* accept : {"identity", "deflate", ""}) {
    auto plain = accept[0] ? client_->get(js_, {{"Accept-Encoding", accept}}) : client_->get(js_);
    ASSERT_EQ(plain.status, 200u) << accept;
    EXPECT_EQ(plain.headers.count("content-encoding"), 0u) << accept;
    EXPECT_EQ(plain.headers["vary"], "Accept-Encoding") << accept;
    EXPECT_EQ(plain.body, original_) << accept;
  }
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYearAndTheAppShellIsRevalidated) {
  auto js = client_->get(js_, {{"Accept-Encoding", "br"}});
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
  for (const char* path : {"/", "/index.html", "/cases/12"}) {
    auto shell = client_->get(path, {{"Accept-Encoding", "br"}});
    ASSERT_EQ(shell.status, 200u) << path;
    EXPECT_EQ(shell.headers["cache-control"], "no-cache") << path;
    EXPECT_EQ(shell.headers["content-type"], "text/html; charset=utf-8") << path;
    EXPECT_EQ(shell.headers["content-encoding"], "br") << path;
    EXPECT_EQ(Unbrotli(shell.body), ReadFile(kDist / "index.html")) << path;
  }
  // A hashed name that does not exist (an old page after a deploy) is a 404, not the shell.
  auto gone = client_->get("/assets/index-00000000.js");
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(gone.headers["content-type"], "application/json");
}

TEST_F(StaticFilesTest, TheSessionEndpointAnswersAnonymousCallersWithoutAnError) {
  auto anonymous = client_->get("/api/v1/session");
  ASSERT_EQ(anonymous.status, 200u) << anonymous.body;
  EXPECT_TRUE(anonymous.json().at("user").is_null());
  auto stale = client_->get("/api/v1/session", {{"Cookie", "tb_session=not-a-session"}});
  ASSERT_EQ(stale.status, 200u);
  EXPECT_TRUE(stale.json().at("user").is_null());
  // /me keeps its meaning for API clients.
  EXPECT_EQ(client_->get("/api/v1/me").status, 401u);

  Session cookie = applicant("session@example.org", /*bearer=*/false);
  auto signedIn = client_->get("/api/v1/session", {{"Cookie", cookie.cookie}});
  ASSERT_EQ(signedIn.status, 200u);
  EXPECT_EQ(signedIn.json().at("user").at("email"), "session@example.org");
  EXPECT_EQ(signedIn.json().at("csrf_token").as_string(), cookie.csrf);
  Session bearer = Login(*client_, "session@example.org", "correct horse battery");
  auto viaToken = client_->get("/api/v1/session", bearer.headers());
  EXPECT_EQ(viaToken.json().at("user").at("email"), "session@example.org");
  EXPECT_FALSE(viaToken.json().as_object().contains("csrf_token"));
}

}  // namespace
}  // namespace tongban::testing

#include <gtest/gtest.h>

#include <fstream>

#include "blobs/blob_store.h"
#include "common/crypto.h"
#include "test_support.h"

namespace tongban::blobs {
namespace {

namespace fs = std::filesystem;

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store_.init().ok()); }
  fs::path temp(const std::string& bytes) {
    fs::path p = store_.tempDir() / ("t" + std::to_string(n_++));
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  testing::TempDir dir_;
  BlobStore store_{dir_.path() / "blobs"};
  int n_ = 0;
};

TEST(SniffMime, RecognisesOnlyJpegPngAndPdf) {
  auto sniff = [](const std::string& s) {
    return SniffMime(reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  EXPECT_EQ(sniff("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(sniff(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(sniff("%PDF-1.7"), "application/pdf");
  EXPECT_EQ(sniff("GIF89a"), "");
  EXPECT_EQ(sniff("<html>"), "");
  EXPECT_EQ(sniff("\xFF"), "");
}

TEST_F(BlobStoreTest, StoresByContentHashAndRemovesTheTempFile) {
  std::string pdf = "%PDF-1.4 hello";
  fs::path t = temp(pdf);
  auto b = store_.ingest(t, {"application/pdf"});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->sha256, crypto::Sha256Hex(pdf));
  EXPECT_EQ(b->size, int64_t(pdf.size()));
  EXPECT_FALSE(fs::exists(t));
  EXPECT_TRUE(fs::exists(store_.pathOf(b->sha256)));
  // The same bytes again: same blob, temp file still cleaned up.
  fs::path t2 = temp(pdf);
  auto again = store_.ingest(t2, {"application/pdf"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sha256, b->sha256);
  EXPECT_FALSE(fs::exists(t2));
}

TEST_F(BlobStoreTest, RefusesWrongTypesAndEmptyFiles) {
  fs::path gif = temp("GIF89a....");
  EXPECT_EQ(store_.ingest(gif, {"image/png"}).status().code(), StatusCode::kUnsupportedMedia);
  EXPECT_FALSE(fs::exists(gif));
  EXPECT_EQ(store_.ingest(temp("%PDF-1.4"), {"image/png"}).status().code(),
            StatusCode::kUnsupportedMedia);
  EXPECT_EQ(store_.ingest(temp(""), {"image/png"}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tongban::blobs

#include <gtest/gtest.h>

#include "http/content_coding.h"

namespace tongban::http {
namespace {

TEST(ContentCoding, TheClientsPreferencesDecide) {
  EXPECT_EQ(ChooseEncoding("gzip, deflate, br, zstd", true, true), "br");  // Chromium
  EXPECT_EQ(ChooseEncoding("gzip, deflate, br", false, true), "gzip");     // no .br on disk
  EXPECT_EQ(ChooseEncoding("gzip, deflate, br", false, false), "");
  EXPECT_EQ(ChooseEncoding("gzip", true, true), "gzip");
  EXPECT_EQ(ChooseEncoding("x-gzip", true, true), "gzip");
  EXPECT_EQ(ChooseEncoding("BR", true, true), "br");
  EXPECT_EQ(ChooseEncoding("br;q=0.5, gzip", true, true), "gzip");
  EXPECT_EQ(ChooseEncoding("br ; q=1.0 , gzip;q=0.9", true, true), "br");
  EXPECT_EQ(ChooseEncoding("br;q=0, gzip;q=0", true, true), "");
  EXPECT_EQ(ChooseEncoding("*", true, true), "br");
  EXPECT_EQ(ChooseEncoding("*;q=0.1, br;q=0", true, true), "gzip");
  EXPECT_EQ(ChooseEncoding("identity", true, true), "");
  EXPECT_EQ(ChooseEncoding("deflate", true, true), "");
  EXPECT_EQ(ChooseEncoding("", true, true), "");                    // no header: the file as it is
  EXPECT_EQ(ChooseEncoding("br;q=abc, gzip;q=2", true, true), "");  // malformed q: refused
  EXPECT_EQ(ChooseEncoding(",,, br", true, true), "br");
}

}  // namespace
}  // namespace tongban::http

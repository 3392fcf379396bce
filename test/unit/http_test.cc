#include <gtest/gtest.h>

#include "http/metrics.h"
#include "http/router.h"

namespace tongban::http {
namespace {

Response Named(const char* name) {
  Response r;
  r.body = name;
  return r;
}

TEST(Router, MatchesPatternsAndExtractsParameters) {
  Router r;
  r.add(bhttp::verb::get, "/api/v1/cases/:id", BodyKind::kNone, 0,
        [](Request&) { return Named("case"); });
  r.add(bhttp::verb::post, "/api/v1/cases/:id/actions/:action", BodyKind::kJson, 10,
        [](Request&) { return Named("act"); });
  r.add(bhttp::verb::get, "/*", BodyKind::kNone, 0, [](Request&) { return Named("static"); });
  auto m = r.match(bhttp::verb::post, "/api/v1/cases/12/actions/approve");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "12");
  EXPECT_EQ(m.params["action"], "approve");
  m = r.match(bhttp::verb::get, "/api/v1/cases/12");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/cases/:id");
  // A wrong method on a known path is 405, not the catch-all.
  m = r.match(bhttp::verb::delete_, "/api/v1/cases/12");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.methodNotAllowed);
  // Empty segments do not match parameters.
  m = r.match(bhttp::verb::post, "/api/v1/cases//actions/x");
  EXPECT_EQ(m.route, nullptr);
  m = r.match(bhttp::verb::get, "/cases/12/detail");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["*"], "cases/12/detail");
  EXPECT_FALSE(r.match(bhttp::verb::post, "/nothing").methodNotAllowed);
}

TEST(Metrics, RendersPrometheusTextWithCumulativeBuckets) {
  Metrics m;
  m.observeRequest("/a", 200, 0.0007);
  m.observeRequest("/a", 200, 0.3);
  m.observeRequest("/a", 500, 0.001);
  m.observeCommitBatch(1);
  m.observeCommitBatch(40);
  std::string t = m.render();
  EXPECT_NE(t.find("tongban_http_requests_total{route=\"/a\",status=\"200\"} 2"), std::string::npos)
      << t;
  EXPECT_NE(t.find("tongban_http_requests_total{route=\"/a\",status=\"500\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("tongban_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.001\"} 2"),
            std::string::npos);
  EXPECT_NE(t.find("tongban_http_request_duration_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3"),
            std::string::npos);
  EXPECT_NE(t.find("tongban_db_commit_batch_size_bucket{le=\"32\"} 1"), std::string::npos);
  EXPECT_NE(t.find("tongban_db_commit_batch_size_bucket{le=\"64\"} 2"), std::string::npos);
  EXPECT_NE(t.find("tongban_db_commit_batch_size_sum 41"), std::string::npos);
}

}  // namespace
}  // namespace tongban::http

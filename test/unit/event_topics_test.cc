// The list of event topics (src/common/event_topics.cc) is the one webhooks are validated
// against: it must name every topic the code writes to the outbox, and nothing else.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "common/event_topics.h"

namespace tongban {
namespace {

//! Topics the sources write: the "a.b" strings of each outbox().append( before its payload.
std::set<std::string> TopicsInSources() {
  std::set<std::string> out;
  std::regex literal("\"([a-z_]+\\.[a-z_]+)\"");
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(TB_SOURCE_DIR) / "src")) {
    if (e.path().extension() != ".cc") continue;
    if (e.path().string().find("/db/") != std::string::npos) continue;  // the repositories
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (size_t at = text.find("outbox().append("); at != std::string::npos;
         at = text.find("outbox().append(", at + 1)) {
      // The topic comes before the payload; `a ? "x.y" : "x.z"` names two.
      std::string window = text.substr(at, 400);
      window = window.substr(0, std::min(window.find("serialize"), window.find(';')));
      size_t found = 0;
      for (std::sregex_iterator m(window.begin(), window.end(), literal), end; m != end; ++m) {
        out.insert((*m)[1]);
        ++found;
      }
      if (!found)
        ADD_FAILURE() << e.path() << ": an outbox append whose topic this test cannot read";
    }
  }
  return out;
}

TEST(EventTopics, TheListNamesEveryTopicTheCodeEmitsAndNoOther) {
  std::set<std::string> emitted = TopicsInSources();
  ASSERT_GE(emitted.size(), 10u) << "the scan found too few topics; is TB_SOURCE_DIR right?";
  std::set<std::string> listed;
  for (const auto& t : EventTopics()) {
    listed.insert(std::string(t.name));
    EXPECT_FALSE(t.descriptionZh.empty()) << t.name;
    EXPECT_FALSE(t.descriptionEn.empty()) << t.name;
  }
  for (const auto& t : emitted)
    EXPECT_TRUE(listed.count(t)) << t << " is emitted but missing from src/common/event_topics.cc";
  for (const auto& t : listed)
    EXPECT_TRUE(emitted.count(t)) << t << " is listed but nothing emits it";
  EXPECT_TRUE(IsEventTopic("case.state_changed"));
  EXPECT_FALSE(IsEventTopic("*"));
  EXPECT_FALSE(IsEventTopic("case.nope"));
}

}  // namespace
}  // namespace tongban

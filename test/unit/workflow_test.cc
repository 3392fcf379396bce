#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.h"
#include "workflow/workflow.h"

namespace tongban::workflow {
namespace {

json::object DemoWorkflow(const char* code) {
  std::ifstream in(testing::SourceCatalogDir() / "workflows.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto all = json::parse(ss.str()).as_object().at("workflows").as_array();
  for (auto& w : all)
    if (w.at("code") == code) return w.as_object();
  return {};
}

TEST(Workflow, DemoWorkflowsPassTheStartUpChecks) {
  for (const char* code : {"standard", "two_level"}) {
    auto w = Workflow::Parse(DemoWorkflow(code), "workflows.json");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ(w->initial(), "draft");
  }
}

TEST(Workflow, RolesDecideWhoMayTakeEachAction) {
  auto w = Workflow::Parse(DemoWorkflow("standard"), "t");
  ASSERT_TRUE(w.ok());
  const Transition* approve = w->find("approve", "in_review");
  ASSERT_NE(approve, nullptr);
  EXPECT_TRUE(approve->allows("officer"));
  EXPECT_FALSE(approve->allows("applicant"));
  EXPECT_EQ(w->find("approve", "draft"), nullptr);
  std::vector<std::string> applicantActions;
  for (auto* t : w->available("needs_supplement", "applicant"))
    applicantActions.push_back(t->action);
  EXPECT_EQ(applicantActions, (std::vector<std::string>{"supplement", "withdraw"}));
  EXPECT_TRUE(w->find("request_supplement", "in_review")->has(Effect::kPauseClock));
}

TEST(Workflow, TwoLevelNeedsASupervisorsSecondSignature) {
  auto w = Workflow::Parse(DemoWorkflow("two_level"), "t");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->find("approve", "in_review")->to, "pending_second");
  EXPECT_FALSE(w->find("second_sign", "pending_second")->allows("officer"));
  EXPECT_TRUE(w->find("second_sign", "pending_second")->allows("supervisor"));
}

TEST(Workflow, EachStateSaysWhoMustActNext) {
  auto w = Workflow::Parse(DemoWorkflow("two_level"), "t");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->holder("draft"), "applicant");
  EXPECT_EQ(w->holder("needs_supplement"), "applicant");
  EXPECT_EQ(w->holder("in_review"), "officer");
  EXPECT_EQ(w->holder("pending_second"), "supervisor");  // declared in workflows.json
  EXPECT_EQ(w->holder("approved"), "officer");           // declared: the officer issues
  EXPECT_EQ(w->holder("rejected"), "");
  EXPECT_EQ(w->holder("closed"), "");
}

struct Broken {
  const char* name;
  std::function<void(json::object&)> breakIt;
  const char* expect;
};

void PrintTo(const Broken& b, std::ostream* os) { *os << b.name; }

class BrokenWorkflow : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenWorkflow, IsRefusedWithTheFieldNamed) {
  json::object w = DemoWorkflow("standard");
  GetParam().breakIt(w);
  auto r = Workflow::Parse(w, "workflows.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("workflows.json"), std::string::npos);
  EXPECT_NE(r.status().message().find(GetParam().expect), std::string::npos)
      << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Checks, BrokenWorkflow,
    ::testing::Values(
        Broken{"unknown_target",
               [](json::object& w) { w["transitions"].as_array()[0].as_object()["to"] = "limbo"; },
               "'limbo' is not a declared state"},
        Broken{"unknown_role",
               [](json::object& w) {
                 w["transitions"].as_array()[0].as_object()["roles"] = json::array{"janitor"};
               },
               "unknown role 'janitor'"},
        Broken{"leaving_final",
               [](json::object& w) {
                 w["transitions"].as_array()[0].as_object()["from"] = json::array{"closed"};
               },
               "is final"},
        Broken{"unknown_effect",
               [](json::object& w) {
                 w["transitions"].as_array()[0].as_object()["effects"] = json::array{"teleport"};
               },
               "unknown effect"},
        Broken{"unreachable",
               [](json::object& w) {
                 w["states"].as_array().push_back({{"name", "orphan"}, {"kind", "final"}});
               },
               "'orphan' cannot be reached"},
        Broken{"dead_end",
               [](json::object& w) {
                 for (auto& t : w["transitions"].as_array())
                   if (t.at("action") == "close") t.as_object()["from"] = json::array{"rejected"};
               },
               "'delivered' has no way out"},
        Broken{"duplicate_action",
               [](json::object& w) {
                 w["transitions"].as_array().push_back(w["transitions"].as_array()[0]);
               },
               "declared twice"},
        Broken{"unknown_holder",
               [](json::object& w) { w["states"].as_array()[1].as_object()["holder"] = "janitor"; },
               "unknown role 'janitor'"},
        Broken{"bad_initial", [](json::object& w) { w["initial"] = "nowhere"; }, "initial"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tongban::workflow

// Administration over the real server: accounts (create, sign in, disable at once, no
// self-lockout), units (visible to everyone after a change), webhooks (disable, pending ones
// held, retry) and event topics. Every route is refused to non-administrators, and every change
// leaves an audit event.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>

#include "db/sqlite/sqlite_database.h"
#include "integration/http_client.h"
#include "integration/server_fixture.h"
#include "integration/ws_client.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

class AdminApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override {
    // A failed webhook attempt waits a minute before the next: deliveries stay where the test
    // puts them.
    c.deliveryBackoffMs = 60000;
  }
  void SetUp() override {
    ServerTest::SetUp();
    admin_ = Login(*client_, "admin@demo.tongban.example", "demo-admin-2026");
  }
  HttpResult send(const std::string& method, const std::string& path, const Session& s,
                  const json::value& body = json::object{}) {
    auto h = s.headers();
    h["Content-Type"] = "application/json";
    return client_->request(method, path, method == "GET" ? "" : json::serialize(body), h);
  }
  //! Audit events with `action`, as "object_id detail" strings.
  std::vector<std::string> audit(const std::string& action) {
    std::vector<std::string> out;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(config_.dbPath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT object_id, detail, actor_role FROM audit_events WHERE action = ? "
                       "ORDER BY id",
                       -1, &st, nullptr);
    sqlite3_bind_text(st, 1, action.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
      out.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " " +
                    reinterpret_cast<const char*>(sqlite3_column_text(st, 1)) + " " +
                    reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }
  int64_t unitId(const std::string& code) {
    auto units = client_->get("/api/v1/units");
    for (const auto& u : units.json().at("units").as_array())
      if (u.at("code") == code.c_str()) return u.at("id").as_int64();
    ADD_FAILURE() << "no unit " << code;
    return 0;
  }
  json::array deliveries() {
    return client_->get("/api/v1/deliveries", admin_.headers()).json().at("deliveries").as_array();
  }

  Session admin_;
};

TEST_F(AdminApiTest, EveryAdministrationRouteIsRefusedToOthers) {
  Session officer = this->officer();
  Session applicant = this->applicant("someone@example.org");
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/admin/users"},        {"POST", "/api/v1/admin/users"},
      {"PATCH", "/api/v1/admin/users/1"},    {"POST", "/api/v1/admin/units"},
      {"PATCH", "/api/v1/admin/units/1"},    {"GET", "/api/v1/admin/webhooks"},
      {"PATCH", "/api/v1/admin/webhooks/1"}, {"POST", "/api/v1/admin/deliveries/1/retry"},
      {"GET", "/api/v1/event-topics"},
  };
  for (const auto& [method, path] : routes) {
    EXPECT_EQ(send(method, path, officer, json::object{{"disabled", true}}).status, 403u)
        << method << " " << path;
    EXPECT_EQ(send(method, path, applicant, json::object{{"disabled", true}}).status, 403u)
        << method << " " << path;
    auto h = std::map<std::string, std::string>{{"Content-Type", "application/json"}};
    EXPECT_EQ(client_->request(method, path, method == "GET" ? "" : "{}", h).status, 401u)
        << method << " " << path;
  }
  // Nothing changed for the attempts.
  EXPECT_TRUE(audit("admin.user_disable").empty());
  EXPECT_TRUE(audit("webhook.disable").empty());
}

TEST_F(AdminApiTest, AStaffAccountIsCreatedSignsInAndIsDisabledAtOnce) {
  int64_t qt = unitId("QT-EEB");
  // Field errors, one per bad field.
  auto bad = send("POST", "/api/v1/admin/users", admin_,
                  json::object{{"email", "not-an-address"},
                               {"display_name", ""},
                               {"role", "applicant"},
                               {"password", "short"},
                               {"colour", "red"}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  for (const char* f : {"display_name", "role", "password", "colour"})
    EXPECT_TRUE(bad.fields().contains(f)) << f << " in " << bad.body;
  auto noUnit = send(
      "POST", "/api/v1/admin/users", admin_,
      json::object{
          {"email", "li@tongban.example"}, {"display_name", "Officer Li"}, {"role", "officer"}});
  EXPECT_EQ(noUnit.status, 422u);
  EXPECT_EQ(noUnit.fields().at("unit_id").at("code"), "required");
  auto badUnit = send("POST", "/api/v1/admin/users", admin_,
                      json::object{{"email", "li@tongban.example"},
                                   {"display_name", "Officer Li"},
                                   {"role", "officer"},
                                   {"unit_id", 999999}});
  EXPECT_EQ(badUnit.fields().at("unit_id").at("code"), "no_such_unit");
  auto badEmail = send(
      "POST", "/api/v1/admin/users", admin_,
      json::object{
          {"email", "nope"}, {"display_name", "Officer Li"}, {"role", "officer"}, {"unit_id", qt}});
  EXPECT_EQ(badEmail.status, 422u);
  EXPECT_TRUE(badEmail.fields().contains("email"));

  // Given password.
  auto made = send("POST", "/api/v1/admin/users", admin_,
                   json::object{{"email", "Li.Officer@Tongban.example"},
                                {"display_name", "Officer Li"},
                                {"role", "officer"},
                                {"unit_id", qt},
                                {"password", "temporary-pass-2026"}});
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto& user = made.json().at("user");
  int64_t id = user.at("id").as_int64();
  EXPECT_EQ(user.at("email"), "li.officer@tongban.example");
  EXPECT_EQ(user.at("unit").at("code"), "QT-EEB");
  EXPECT_EQ(user.at("disabled"), false);
  EXPECT_FALSE(made.json().as_object().contains("password"));  // the admin chose it
  auto taken = send("POST", "/api/v1/admin/users", admin_,
                    json::object{{"email", "li.officer@tongban.example"},
                                 {"display_name", "Again"},
                                 {"role", "officer"},
                                 {"unit_id", qt},
                                 {"password", "temporary-pass-2026"}});
  EXPECT_EQ(taken.fields().at("email").at("code"), "taken");

  // The new officer signs in and sees their unit's queue.
  Session li = Login(*client_, "li.officer@tongban.example", "temporary-pass-2026");
  EXPECT_EQ(client_->get("/api/v1/queue", li.headers()).status, 200u);
  Session liCookie =
      Login(*client_, "li.officer@tongban.example", "temporary-pass-2026", /*bearer=*/false);

  // Generated password: returned once, and it works.
  auto gen = send("POST", "/api/v1/admin/users", admin_,
                  json::object{{"email", "second.admin@tongban.example"},
                               {"display_name", "Second Admin"},
                               {"role", "admin"}});
  ASSERT_EQ(gen.status, 201u) << gen.body;
  std::string generated(gen.json().at("password").as_string());
  EXPECT_GE(generated.size(), 12u);
  Session second = Login(*client_, "second.admin@tongban.example", generated);
  EXPECT_EQ(client_->get("/api/v1/admin/webhooks", second.headers()).status, 200u);

  // The list: search by part of the e-mail or name, case ignored; filters.
  auto list = send("GET", "/api/v1/admin/users?q=OFFICER%20LI", admin_);
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.json().at("total"), 1);
  EXPECT_EQ(list.json().at("users").at(0).at("id"), id);
  EXPECT_EQ(send("GET", "/api/v1/admin/users?q=li.officer", admin_).json().at("total"), 1);
  auto inUnit = send("GET", "/api/v1/admin/users?unit=QT-EEB&role=officer", admin_);
  bool found = false;
  for (const auto& u : inUnit.json().at("users").as_array()) {
    EXPECT_EQ(u.at("unit").at("code"), "QT-EEB");
    EXPECT_EQ(u.at("role"), "officer");
    found = found || u.at("id") == id;
  }
  EXPECT_TRUE(found);
  auto applicants = send("GET", "/api/v1/admin/users?role=applicant&limit=1", admin_);
  EXPECT_EQ(applicants.json().at("users").as_array().size(), 1u);
  EXPECT_EQ(applicants.json().at("users").at(0).at("role"), "applicant");
  auto badQuery =
      send("GET", "/api/v1/admin/users?role=king&disabled=maybe&limit=0&unit=NOPE", admin_);
  EXPECT_EQ(badQuery.status, 422u);
  for (const char* f : {"role", "disabled", "limit", "unit"})
    EXPECT_TRUE(badQuery.fields().contains(f)) << f;
  // Reading the list is itself in the audit trail.
  auto reads = audit("admin.users_list");
  ASSERT_GE(reads.size(), 4u);
  EXPECT_NE(reads.front().find("OFFICER LI"), std::string::npos) << reads.front();

  // Change unit and role.
  int64_t wz = unitId("WZ-EEB");
  auto moved = send("PATCH", "/api/v1/admin/users/" + std::to_string(id), admin_,
                    json::object{{"unit_id", wz}, {"role", "supervisor"}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.json().at("user").at("unit").at("code"), "WZ-EEB");
  EXPECT_EQ(moved.json().at("user").at("role"), "supervisor");
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + std::to_string(id), admin_,
                 json::object{{"role", "emperor"}, {"unit_id", "x"}})
                .status,
            422u);
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + std::to_string(id), admin_,
                 json::object{{"unit_id", nullptr}})
                .fields()
                .at("unit_id")
                .at("code"),
            "required");
  EXPECT_EQ(
      send("PATCH", "/api/v1/admin/users/999999", admin_, json::object{{"disabled", true}}).status,
      404u);

  // Disable: both sessions are refused at once, signing in fails, and a live socket opened
  // before is dropped (it would otherwise keep receiving pushes and accepting messages).
  WsClient live(app_->port(), "/api/v1/live", li.token);
  EXPECT_EQ(live.until("hello").at("user_id"), id);
  auto off = send("PATCH", "/api/v1/admin/users/" + std::to_string(id), admin_,
                  json::object{{"disabled", true}});
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(off.json().at("user").at("disabled"), true);
  EXPECT_EQ(off.json().at("sessions_ended"), 2);
  EXPECT_TRUE(live.closedWithin(std::chrono::seconds(5)));
  EXPECT_EQ(client_->get("/api/v1/queue", li.headers()).status, 401u);
  EXPECT_EQ(client_->get("/api/v1/me", liCookie.headers()).status, 401u);
  auto login = client_->postJson(
      "/api/v1/auth/login",
      json::object{{"email", "li.officer@tongban.example"}, {"password", "temporary-pass-2026"}});
  EXPECT_EQ(login.status, 401u);
  auto disabledList = send("GET", "/api/v1/admin/users?disabled=true", admin_);
  ASSERT_EQ(disabledList.json().at("total"), 1);
  EXPECT_EQ(disabledList.json().at("users").at(0).at("id"), id);

  // Enabled again, the password works again.
  ASSERT_EQ(send("PATCH", "/api/v1/admin/users/" + std::to_string(id), admin_,
                 json::object{{"disabled", false}})
                .status,
            200u);
  Login(*client_, "li.officer@tongban.example", "temporary-pass-2026");

  // Every change is in the audit trail, by the administrator.
  bool createdByAdmin = false;
  for (const auto& e : audit("user.create"))
    createdByAdmin = createdByAdmin || e.rfind(std::to_string(id) + " ", 0) == 0;
  EXPECT_TRUE(createdByAdmin);
  ASSERT_EQ(audit("admin.user_update").size(), 1u);
  EXPECT_NE(audit("admin.user_update")[0].find("supervisor"), std::string::npos);
  ASSERT_EQ(audit("admin.user_disable").size(), 1u);
  EXPECT_NE(audit("admin.user_disable")[0].find("\"sessions_ended\":2"), std::string::npos);
  EXPECT_NE(audit("admin.user_disable")[0].find("admin"), std::string::npos);
  EXPECT_EQ(audit("admin.user_enable").size(), 1u);
}

TEST_F(AdminApiTest, AnAdministratorCannotLockThemselvesOut) {
  std::string me = "/api/v1/admin/users/" + std::to_string(admin_.userId);
  auto off = send("PATCH", me, admin_, json::object{{"disabled", true}});
  EXPECT_EQ(off.status, 409u) << off.body;
  EXPECT_NE(off.body.find("your own account"), std::string::npos);
  auto demote = send("PATCH", me, admin_, json::object{{"role", "officer"}});
  EXPECT_EQ(demote.status, 409u);
  EXPECT_EQ(client_->get("/api/v1/admin/webhooks", admin_.headers()).status, 200u);
  // Renaming oneself is fine.
  EXPECT_EQ(send("PATCH", me, admin_, json::object{{"display_name", "Chief Admin"}}).status, 200u);
  EXPECT_TRUE(audit("admin.user_disable").empty());
}

TEST_F(AdminApiTest, UnitsAreCreatedAndEditedAndEveryoneSeesThem) {
  json::object paris{
      {"code", "LS-LYON"},
      {"kind", "liaison_site"},
      {"name", {{"zh", "里昂联络点"}, {"en", "Lyon liaison site"}}},
      {"country", "FR"},
      {"city", "Lyon"},
      {"timezone", "Europe/Paris"},
      {"address", {{"zh", "里昂第二区"}, {"en", "2nd arrondissement, Lyon"}}},
      {"opening_hours",
       json::array{{{"days", {1, 2, 3, 4, 5}}, {"open", "09:00"}, {"close", "17:00"}}}},
      {"phone", "+33 1 23 45 67 89"},
      {"parent_id", unitId("QT-PSB")}};
  auto bad = send("POST", "/api/v1/admin/units", admin_,
                  json::object{{"code", "paris!"},
                               {"kind", "castle"},
                               {"name", {{"zh", ""}}},
                               {"country", "XX"},
                               {"timezone", "Paris"},
                               {"opening_hours",
                                json::array{{{"days", {8}}, {"open", "9"}, {"close", "08:00"}}}},
                               {"parent_id", 999999}});
  ASSERT_EQ(bad.status, 422u) << bad.body;
  for (const char* f : {"code", "kind", "name.zh", "name.en", "country", "city", "timezone",
                        "address", "opening_hours[0].days", "opening_hours[0].open", "parent_id"})
    EXPECT_TRUE(bad.fields().contains(f)) << f << " in " << bad.body;

  auto made = send("POST", "/api/v1/admin/units", admin_, paris);
  ASSERT_EQ(made.status, 201u) << made.body;
  int64_t id = made.json().at("unit").at("id").as_int64();
  EXPECT_EQ(send("POST", "/api/v1/admin/units", admin_, paris).fields().at("code").at("code"),
            "code_taken");
  // Everyone's unit list has it at once, with its parent.
  auto pub = client_->get("/api/v1/units/" + std::to_string(id));
  ASSERT_EQ(pub.status, 200u);
  EXPECT_EQ(pub.json().at("unit").at("name").at("en"), "Lyon liaison site");
  EXPECT_EQ(pub.json().at("unit").at("parent_id"), unitId("QT-PSB"));
  // A staff account can now be placed there.
  EXPECT_EQ(send("POST", "/api/v1/admin/users", admin_,
                 json::object{{"email", "paris@tongban.example"},
                              {"display_name", "Liaison Paris"},
                              {"role", "liaison"},
                              {"unit_id", id},
                              {"password", "temporary-pass-2026"}})
                .status,
            201u);

  // Edit: a new name and phone; a unit cannot be put under itself or below itself.
  std::string path = "/api/v1/admin/units/" + std::to_string(id);
  auto edited = send("PATCH", path, admin_,
                     json::object{{"name", {{"zh", "里昂联络站"}, {"en", "Lyon liaison office"}}},
                                  {"phone", "+33 1 98 76 54 32"}});
  ASSERT_EQ(edited.status, 200u) << edited.body;
  auto after = client_->get("/api/v1/units?kind=liaison_site");
  bool seen = false;
  for (const auto& u : after.json().at("units").as_array())
    if (u.at("id") == id) {
      seen = true;
      EXPECT_EQ(u.at("name").at("zh"), "里昂联络站");
      EXPECT_EQ(u.at("phone"), "+33 1 98 76 54 32");
      EXPECT_EQ(u.at("city"), "Lyon");  // untouched fields stay
    }
  EXPECT_TRUE(seen);
  EXPECT_EQ(send("PATCH", path, admin_, json::object{{"parent_id", id}})
                .fields()
                .at("parent_id")
                .at("code"),
            "cycle");
  std::string psb = "/api/v1/admin/units/" + std::to_string(unitId("QT-PSB"));
  EXPECT_EQ(send("PATCH", psb, admin_, json::object{{"parent_id", id}})
                .fields()
                .at("parent_id")
                .at("code"),
            "cycle");
  EXPECT_EQ(
      send("PATCH", path, admin_, json::object{{"code", "QT-EEB"}}).fields().at("code").at("code"),
      "code_taken");
  EXPECT_EQ(send("PATCH", "/api/v1/admin/units/999999", admin_, json::object{{"city", "X"}}).status,
            404u);
  EXPECT_EQ(audit("admin.unit_create").size(), 1u);
  EXPECT_EQ(audit("admin.unit_update").size(), 1u);
}

TEST_F(AdminApiTest, EventTopicsAreListedAndWebhooksOnlyTakeThose) {
  auto topics = send("GET", "/api/v1/event-topics", admin_);
  ASSERT_EQ(topics.status, 200u);
  std::set<std::string> names;
  for (const auto& t : topics.json().at("topics").as_array()) {
    names.insert(std::string(t.at("name").as_string()));
    EXPECT_FALSE(t.at("description").at("zh").as_string().empty());
    EXPECT_FALSE(t.at("description").at("en").as_string().empty());
  }
  EXPECT_TRUE(names.count("case.state_changed"));
  EXPECT_TRUE(names.count("consultation.message"));
  auto unknown = client_->postJson("/api/v1/webhooks",
                                   json::object{{"url", "http://127.0.0.1:1/x"},
                                                {"topics", {"case.state_changed", "case.nope"}}},
                                   admin_.headers());
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(unknown.fields().at("topics").at("code"), "topic");
  EXPECT_NE(unknown.body.find("case.nope"), std::string::npos);
  EXPECT_EQ(client_
                ->postJson("/api/v1/webhooks",
                           json::object{{"url", "http://127.0.0.1:1/x"}, {"topics", {"*"}}},
                           admin_.headers())
                .status,
            201u);
}

TEST_F(AdminApiTest, ADisabledWebhookGetsNoDeliveriesAndAFailedOneIsRetried) {
  auto hook = [&](const std::string& name) {
    auto r = client_->postJson(
        "/api/v1/webhooks",
        json::object{{"url", "http://127.0.0.1:1/" + name}, {"topics", {"user.created"}}},
        admin_.headers());
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("webhook").at("id").as_int64();
  };
  int64_t a = hook("a"), b = hook("b");
  EXPECT_EQ(send("PATCH", "/api/v1/admin/webhooks/" + std::to_string(a), admin_,
                 json::object{{"disabled", "yes"}})
                .status,
            422u);
  EXPECT_EQ(send("PATCH", "/api/v1/admin/webhooks/999999", admin_, json::object{{"disabled", true}})
                .status,
            404u);
  auto off = send("PATCH", "/api/v1/admin/webhooks/" + std::to_string(a), admin_,
                  json::object{{"disabled", true}});
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(off.json().at("webhook").at("disabled"), true);

  // An event both subscribe to: only the enabled one gets a delivery.
  applicant("event@example.org");
  int64_t deliveryB = 0;
  for (int i = 0; i < 100 && !deliveryB; ++i) {
    for (const auto& d : deliveries())
      if (d.at("webhook_id") == b) deliveryB = d.at("id").as_int64();
    if (!deliveryB) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_NE(deliveryB, 0) << "the enabled webhook got no delivery";
  for (const auto& d : deliveries()) EXPECT_NE(d.at("webhook_id"), a) << json::serialize(d);

  // The list counts deliveries by status and shows the latest error (nothing listens there).
  json::object listedB;
  for (int i = 0; i < 100; ++i) {
    auto list = send("GET", "/api/v1/admin/webhooks", admin_);
    for (const auto& h : list.json().at("webhooks").as_array())
      if (h.at("id") == b) listedB = h.as_object();
    if (!listedB.empty() && !listedB.at("last_error").as_string().empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(listedB.empty());
  EXPECT_EQ(listedB.at("disabled"), false);
  EXPECT_EQ(listedB.at("deliveries").at("pending"), 1);
  EXPECT_EQ(listedB.at("topics").at(0), "user.created");
  EXPECT_FALSE(listedB.at("last_error").as_string().empty());

  // While b is disabled its pending delivery is not due for sending; enabled, it is again.
  auto db = db::SqliteDatabase::Open({.path = config_.dbPath().string()});
  ASSERT_TRUE(db.ok());
  TimePoint later = std::chrono::system_clock::now() + std::chrono::hours(1);
  auto dueOf = [&](int64_t id) {
    bool due = false;
    EXPECT_TRUE((*db)
                    ->read([&](db::Transaction& tx) -> Status {
                      TB_ASSIGN_OR_RETURN(auto rows, tx.notifications().dueDeliveries(later, 500));
                      for (const auto& r : rows) due = due || r.id == id;
                      return Status::Ok();
                    })
                    .ok());
    return due;
  };
  EXPECT_TRUE(dueOf(deliveryB));
  ASSERT_EQ(send("PATCH", "/api/v1/admin/webhooks/" + std::to_string(b), admin_,
                 json::object{{"disabled", true}})
                .status,
            200u);
  EXPECT_FALSE(dueOf(deliveryB));
  ASSERT_EQ(send("PATCH", "/api/v1/admin/webhooks/" + std::to_string(b), admin_,
                 json::object{{"disabled", false}})
                .status,
            200u);
  EXPECT_TRUE(dueOf(deliveryB));

  // Retry: only a failed delivery. Make this one fail for good, as six attempts would.
  std::string retry = "/api/v1/admin/deliveries/" + std::to_string(deliveryB) + "/retry";
  EXPECT_EQ(send("POST", retry, admin_).status, 409u);  // still pending
  ASSERT_TRUE((*db)
                  ->write([&](db::Transaction& tx) -> Status {
                    TB_ASSIGN_OR_RETURN(auto row, tx.notifications().deliveryById(deliveryB));
                    row.status = "failed";
                    row.attempts = 6;
                    return tx.notifications().updateDelivery(row);
                  })
                  .ok());
  auto again = send("POST", retry, admin_);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.json().at("delivery").at("status"), "pending");
  EXPECT_EQ(again.json().at("delivery").at("attempts"), 0);
  EXPECT_TRUE(dueOf(deliveryB));
  // The worker takes it up again: a new attempt is counted.
  bool attempted = false;
  for (int i = 0; i < 100 && !attempted; ++i) {
    for (const auto& d : deliveries())
      if (d.at("id") == deliveryB && d.at("attempts").as_int64() >= 1) attempted = true;
    if (!attempted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(attempted);
  EXPECT_EQ(send("POST", "/api/v1/admin/deliveries/999999/retry", admin_).status, 404u);
  (*db)->close();

  EXPECT_EQ(audit("webhook.disable").size(), 2u);
  EXPECT_EQ(audit("webhook.enable").size(), 1u);
  ASSERT_EQ(audit("delivery.retry").size(), 1u);
  EXPECT_NE(audit("delivery.retry")[0].find("\"previous_attempts\":6"), std::string::npos);
}

}  // namespace
}  // namespace tongban::testing

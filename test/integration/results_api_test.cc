// Results people hold: a signed certificate is issued on the `issue` step, downloaded as a PDF
// that verifies offline, checked publicly at /api/v1/verify/<id>, shared through a time-limited
// link, revoked (with a supervisor's countersignature for sensitive items) and re-issued.

#include <cstdio>
#include <fstream>

#include "certificates/keys.h"
#include "certificates/pdf.h"
#include "integration/server_fixture.h"
#include "test_support.h"

namespace tongban::testing {
namespace {

namespace fs = std::filesystem;

json::object RecordsForm() {  // EE-011, an instant item: issued on submission by its rules
  return {{"surname", "ZHANG"},
          {"given_names", "WEI"},
          {"name_zh", "张伟"},
          {"sex", "M"},
          {"date_of_birth", "1980-05-06"},
          {"phone", "+39 02 1234 5678"},
          {"id_number", "33112119800506001X"},
          {"period_from", "2020-01-01"},
          {"period_to", "2026-01-01"}};
}

class ResultsApiTest : public ServerTest {
 protected:
  void configure(server::Config& c) override { c.verifyPerMinute = 1000; }

  HttpResult post(const std::string& path, const Session& s, const json::object& body) {
    return client_->postJson(path, body, s.headers());
  }
  //! Submits `item` with `form` (instant: issued at once); returns the case.
  json::object submit(const Session& s, const std::string& item, const json::object& form) {
    auto r = post("/api/v1/cases", s,
                  json::object{{"item_code", item}, {"submit", true}, {"form", form}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("case").as_object();
  }
  static std::string FirstResult(const json::object& c) {
    const auto& results = c.at("results").as_array();
    EXPECT_FALSE(results.empty());
    return results.empty() ? "" : std::string(results.at(0).at("id").as_string());
  }
  std::string verifyStatus(const std::string& id) {
    auto r = client_->get("/api/v1/verify/" + id);  // no log-in
    EXPECT_EQ(r.status, 200u) << r.body;
    return std::string(r.json().at("status").as_string());
  }
  json::object getCase(const Session& s, int64_t id) {
    auto r = client_->get("/api/v1/cases/" + std::to_string(id), s.headers());
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("case").as_object();
  }
  Session supervisor() {
    return Login(*client_, "supervisor.qingtian@demo.tongban.example", "demo-supervisor-2026");
  }
};

std::string PdfToText(const std::string& pdf, const fs::path& dir) {
  fs::path file = dir / "c.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  std::string cmd = "pdftotext -enc UTF-8 '" + file.string() + "' -";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST_F(ResultsApiTest, IssueSignsACertificateThatVerifiesOnlineAndOffline) {
  Session a = applicant("holder@example.org");
  json::object c = submit(a, "EE-011", RecordsForm());
  ASSERT_EQ(c.at("state"), "issued");
  std::string id = FirstResult(c);
  const auto& view = c.at("results").at(0).as_object();
  EXPECT_EQ(view.at("status"), "valid");
  EXPECT_EQ(view.at("kind"), "certificate");
  EXPECT_EQ(view.at("holder_name"), "张伟");
  EXPECT_EQ(view.at("kid"), json::value(app_->keyRing().currentKid()));

  // The PDF: real Chinese text, and a file that verifies against the published keys.
  auto pdf = client_->get("/api/v1/certificates/" + id + "/pdf", a.headers());
  ASSERT_EQ(pdf.status, 200u) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  std::string text = PdfToText(pdf.body, dir_.path());
  EXPECT_NE(text.find("张伟"), std::string::npos) << text;
  EXPECT_NE(text.find(id), std::string::npos);
  auto keys = certificates::PublicKeySet::FromJsonText(client_->get("/api/v1/keys").body);
  ASSERT_TRUE(keys.ok());
  auto content = certificates::VerifyPdf(pdf.body, *keys);
  ASSERT_TRUE(content.ok()) << content.status().ToString();
  EXPECT_EQ(content->id, id);
  // One byte changed anywhere fails: in the printed page and in the signed payload.
  std::string tampered = pdf.body;
  tampered[tampered.size() / 2] ^= 0x01;
  EXPECT_FALSE(certificates::VerifyPdf(tampered, *keys).ok());
  auto embedded = certificates::ParseEmbedded(pdf.body);
  ASSERT_TRUE(embedded.ok());
  std::string payload = embedded->payload;
  payload[payload.find("张伟")] ^= 0x01;
  EXPECT_FALSE(certificates::Verify(payload, embedded->signature, *keys).ok());
  // The same file twice: rendered once, then served from the blob store.
  auto again = client_->get("/api/v1/certificates/" + id + "/pdf", a.headers());
  EXPECT_EQ(again.body, pdf.body);

  // The public answer: genuine, with what is printed and no log-in.
  auto v = client_->get("/api/v1/verify/" + id);
  ASSERT_EQ(v.status, 200u) << v.body;
  EXPECT_EQ(v.json().at("status"), "genuine");
  EXPECT_EQ(v.json().at("holder_name"), "张伟");
  EXPECT_EQ(v.json().at("unit").at("code"), "QT-EEB");
  bool printsId = false;
  for (const auto& f : v.json().at("fields").as_array())
    printsId |= f.at("value") == json::value("33112119800506001X");
  EXPECT_TRUE(printsId);
  EXPECT_FALSE(v.json().as_object().contains("case_id"));  // only what the paper shows
  // Typed from paper: lower case, spaces and dashes are fine.
  std::string typed;
  for (size_t i = 0; i < id.size(); ++i)
    typed += (i && i % 4 == 0 ? "-" : "") + std::string(1, char(std::tolower(id[i])));
  EXPECT_EQ(verifyStatus(typed), "genuine");
  EXPECT_EQ(verifyStatus("0000000000000000000A"), "unknown");
  EXPECT_EQ(verifyStatus("not-an-id"), "unknown");

  // The holder sees each check by a third party in their access log.
  auto log = client_->get("/api/v1/me/access-log", a.headers());
  ASSERT_EQ(log.status, 200u) << log.body;
  EXPECT_NE(log.body.find("certificate.verify"), std::string::npos);
  // The wallet lists it.
  auto w = client_->get("/api/v1/wallet", a.headers());
  ASSERT_EQ(w.status, 200u) << w.body;
  ASSERT_EQ(w.json().at("results").as_array().size(), 1u);
  EXPECT_EQ(w.json().at("results").at(0).at("id"), json::value(id));
}

TEST_F(ResultsApiTest, OnlyTheHolderAndStaffOfTheCaseDownload) {
  Session a = applicant("owner@example.org");
  std::string id = FirstResult(submit(a, "EE-011", RecordsForm()));
  Session other = applicant("other@example.org");
  EXPECT_EQ(client_->get("/api/v1/certificates/" + id + "/pdf", other.headers()).status, 404u);
  EXPECT_EQ(client_->get("/api/v1/certificates/" + id + "/pdf").status, 401u);
  Session wenzhou = Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  EXPECT_EQ(client_->get("/api/v1/certificates/" + id + "/pdf", wenzhou.headers()).status, 404u);
  Session off = officer();
  EXPECT_EQ(client_->get("/api/v1/certificates/" + id + "/pdf", off.headers()).status, 200u);
  // The officer's read is in the holder's access log.
  auto log = client_->get("/api/v1/me/access-log", a.headers());
  EXPECT_NE(log.body.find("certificate.read"), std::string::npos);
}

TEST_F(ResultsApiTest, AnOfficerRevokesWithAReasonAndTheVerificationSaysRevoked) {
  Session a = applicant("revoked@example.org");
  json::object c = submit(a, "EE-011", RecordsForm());
  std::string id = FirstResult(c);
  std::string path = "/api/v1/certificates/" + id + "/revoke";
  EXPECT_EQ(post(path, a, {{"reason", "mine"}}).status, 403u);  // not the holder's to revoke
  Session off = officer();
  auto missing = post(path, off, json::object{});
  EXPECT_EQ(missing.status, 422u);
  EXPECT_NE(missing.body.find("reason"), std::string::npos);
  auto r = post(path, off, {{"reason", "issued on a wrong period"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("result").at("status"), "revoked");
  EXPECT_EQ(verifyStatus(id), "revoked");
  EXPECT_EQ(post(path, off, {{"reason", "again"}}).status, 409u);
  json::object after = getCase(a, c.at("id").as_int64());
  EXPECT_EQ(after.at("results").at(0).at("status"), "revoked");
  EXPECT_EQ(after.at("results").at(0).at("revoke_reason"), "issued on a wrong period");
}

TEST_F(ResultsApiTest, ASensitiveResultNeedsASupervisorsCountersignature) {
  Session a = applicant("void@example.org");
  json::object form = RecordsForm();
  form.erase("period_from");
  form.erase("period_to");
  form["document_number"] = "E12345678";
  std::string id = FirstResult(submit(a, "EE-013", form));  // sensitive: true
  Session off = officer();
  auto r = post("/api/v1/certificates/" + id + "/revoke", off, {{"reason", "declared by mistake"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("result").at("status"), "revoke_pending");
  EXPECT_EQ(verifyStatus(id), "genuine");  // in force until countersigned
  std::string cosign = "/api/v1/certificates/" + id + "/cosign";
  EXPECT_EQ(post(cosign, off, {{"approve", true}}).status, 403u);  // an officer cannot
  Session sup = supervisor();
  auto done = post(cosign, sup, {{"approve", true}, {"note", "checked the file"}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json().at("result").at("status"), "revoked");
  EXPECT_EQ(verifyStatus(id), "revoked");
  EXPECT_EQ(post(cosign, sup, {{"approve", true}}).status, 409u);

  // The supervisor who asks cannot countersign their own request.
  std::string id2 = FirstResult(submit(a, "EE-013", form));
  ASSERT_EQ(post("/api/v1/certificates/" + id2 + "/revoke", sup, {{"reason", "by mistake"}}).status,
            200u);
  EXPECT_EQ(post("/api/v1/certificates/" + id2 + "/cosign", sup, {{"approve", true}}).status, 403u);
}

TEST_F(ResultsApiTest, ReissueReplacesTheOldResultAndOldKeysStillVerify) {
  Session a = applicant("reissue@example.org");
  json::object c = submit(a, "EE-011", RecordsForm());
  std::string old = FirstResult(c);
  std::string oldKid = app_->keyRing().currentKid();
  ASSERT_TRUE(app_->keyRing().rotate().ok());
  Session off = officer();
  std::string path = "/api/v1/cases/" + std::to_string(c.at("id").as_int64()) + "/results";
  EXPECT_EQ(post(path, a, {{"reason", "lost"}}).status, 403u);
  auto r = post(path, off, {{"reason", "the holder lost the printout"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  std::string fresh(r.json().at("result").at("id").as_string());
  EXPECT_NE(fresh, old);
  EXPECT_EQ(r.json().at("result").at("replaces"), json::value(old));
  EXPECT_NE(r.json().at("result").at("kid"), json::value(oldKid));  // signed with the new key
  EXPECT_EQ(verifyStatus(fresh), "genuine");
  auto v = client_->get("/api/v1/verify/" + old);
  EXPECT_EQ(v.json().at("status"), "revoked");
  EXPECT_EQ(v.json().at("replaced"), true);

  // A result signed before the rotation still verifies offline with the published keys.
  Session b = applicant("before@example.org");
  std::string kept = FirstResult(submit(b, "EE-011", RecordsForm()));
  auto pdf = client_->get("/api/v1/certificates/" + kept + "/pdf", b.headers());
  ASSERT_EQ(pdf.status, 200u);
  auto keys = certificates::PublicKeySet::FromJsonText(client_->get("/api/v1/keys").body);
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->keys().size(), 2u);
  EXPECT_TRUE(certificates::VerifyPdf(pdf.body, *keys).ok());
  auto oldPdf = client_->get("/api/v1/certificates/" + old + "/pdf", a.headers());
  ASSERT_EQ(oldPdf.status, 200u);
  auto content = certificates::VerifyPdf(oldPdf.body, *keys);  // rendered after the rotation
  ASSERT_TRUE(content.ok()) << content.status().ToString();
  EXPECT_EQ(content->kid, oldKid);
}

TEST_F(ResultsApiTest, AShareLinkWorksUntilRevokedAndEveryUseIsLogged) {
  Session a = applicant("sharer@example.org");
  std::string id = FirstResult(submit(a, "EE-011", RecordsForm()));
  std::string path = "/api/v1/certificates/" + id + "/shares";
  EXPECT_EQ(post(path, a, {{"days", 0}}).status, 422u);
  EXPECT_EQ(post(path, a, {{"days", 91}}).status, 422u);
  Session other = applicant("notmine@example.org");
  EXPECT_EQ(post(path, other, {{"days", 7}}).status, 404u);
  auto r = post(path, a, {{"days", 7}, {"label", "Banca di Milano"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  std::string url(r.json().at("share").at("url").as_string());
  std::string token = url.substr(url.rfind('/') + 1);
  int64_t shareId = r.json().at("share").at("id").as_int64();

  auto seen = client_->get("/api/v1/shared/" + token);  // the bank, no account
  ASSERT_EQ(seen.status, 200u) << seen.body;
  EXPECT_EQ(seen.json().at("status"), "genuine");
  EXPECT_EQ(seen.json().at("holder_name"), "张伟");
  auto pdf = client_->get("/api/v1/shared/" + token + "/pdf");
  ASSERT_EQ(pdf.status, 200u);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(client_->get("/api/v1/shared/wrong" + token).status, 404u);

  auto w = client_->get("/api/v1/wallet", a.headers());
  const auto& share = w.json().at("results").at(0).at("shares").at(0);
  EXPECT_EQ(share.at("uses"), 2);
  EXPECT_EQ(share.at("label"), "Banca di Milano");
  auto log = client_->get("/api/v1/me/access-log", a.headers());
  EXPECT_NE(log.body.find("certificate.shared_view"), std::string::npos);
  EXPECT_NE(log.body.find("certificate.shared_download"), std::string::npos);

  auto h = a.headers();
  EXPECT_EQ(
      client_->request("DELETE", path + "/" + std::to_string(shareId), "", other.headers()).status,
      404u);
  auto del = client_->request("DELETE", path + "/" + std::to_string(shareId), "", h);
  ASSERT_EQ(del.status, 200u) << del.body;
  EXPECT_EQ(client_->get("/api/v1/shared/" + token).status, 404u);
  EXPECT_EQ(client_->get("/api/v1/shared/" + token + "/pdf").status, 404u);
}

TEST_F(ResultsApiTest, StaffFindACaseByTheNumberThePersonReadsOut) {
  Session a = applicant("number@example.org");
  json::object c = submit(a, "EE-011", RecordsForm());
  std::string number(c.at("case_no").as_string());
  std::string typed;
  for (char ch : number) typed += char(std::tolower(static_cast<unsigned char>(ch)));
  Session off = officer();
  auto found = client_->get("/api/v1/case-lookup?number=" + typed, off.headers());
  ASSERT_EQ(found.status, 200u) << found.body;
  EXPECT_EQ(found.json().at("case").at("id"), c.at("id"));
  // Only cases the caller may open: not another unit's, not for applicants, not unknown ones.
  Session wenzhou = Login(*client_, "officer.wenzhou@demo.tongban.example", "demo-officer-2026");
  EXPECT_EQ(client_->get("/api/v1/case-lookup?number=" + number, wenzhou.headers()).status, 404u);
  EXPECT_EQ(client_->get("/api/v1/case-lookup?number=" + number, a.headers()).status, 403u);
  EXPECT_EQ(client_->get("/api/v1/case-lookup?number=TB-2026-00000000", off.headers()).status,
            404u);
  EXPECT_EQ(client_->get("/api/v1/case-lookup?number=", off.headers()).status, 422u);
}

class ResultsRateTest : public ResultsApiTest {
 protected:
  void configure(server::Config& c) override { c.verifyPerMinute = 5; }
};

TEST_F(ResultsRateTest, PublicLookUpsAreLimitedPerAddress) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client_->get("/api/v1/verify/0000000000000000000A").status, 200u);
  auto r = client_->get("/api/v1/verify/0000000000000000000A");
  EXPECT_EQ(r.status, 429u) << r.body;
  EXPECT_FALSE(r.headers["retry-after"].empty());
}

}  // namespace
}  // namespace tongban::testing

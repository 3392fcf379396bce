#pragma once
// Powers of attorney wired into the modules that do not know them: the case view lists the
// steps taken under a mandate (`proxy_actions`), and a supervised video session whose subject is
// a mandate checks it (identity/ stores the mandate id, its decision verifies or rejects it in
// the session's own transaction).

#include "cases/case_hook.h"
#include "identity/video_service.h"
#include "mandates/mandate_service.h"

namespace tongban::server {

class MandateHook final : public cases::CaseHook, public identity::VideoSubjectLink {
 public:
  explicit MandateHook(mandates::MandateService& mandates) : mandates_(mandates) {}
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view) override;
  Status check(db::Transaction& tx, int64_t applicantId, int64_t mandateId) override;
  Status decided(db::Transaction& tx, const Actor& officer, int64_t sessionId, int64_t mandateId,
                 bool approve, const std::string& note) override;

 private:
  mandates::MandateService& mandates_;
};

}  // namespace tongban::server

#pragma once
// Connects results/ to the case engine (cases/ and results/ do not know each other): the `issue`
// step signs the case's result in the same transaction, and the case view lists its results.

#include "cases/case_hook.h"
#include "results/result_service.h"

namespace tongban::server {

class ResultHook final : public cases::CaseHook {
 public:
  explicit ResultHook(results::ResultService& results) : results_(results) {}

  Status after(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
               const catalog::Item& item, const std::string& action,
               const std::string& from) override;
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view) override;

 private:
  results::ResultService& results_;
};

}  // namespace tongban::server

#pragma once
// The green channel and the difficult-case team in a case's life, wired here because cases/ and
// priority/ do not know each other: the `accept` step keeps an approved request's shortened
// deadline, every view marks an expedited case (`expedited`) and one with the team
// (`specialist_team`), and the full view carries `green_channel` and `specialist`.

#include "cases/case_hook.h"
#include "priority/difficult.h"
#include "priority/green_channel.h"

namespace tongban::server {

class PriorityHook final : public cases::CaseHook {
 public:
  PriorityHook(priority::GreenChannelService& green, priority::DifficultCaseService& difficult)
      : green_(green), difficult_(difficult) {}
  Status clockStarted(db::Transaction& tx, db::CaseRow& c, const catalog::Item& item) override;
  void summarize(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                 json::object& view) override;
  void describe(db::Transaction& tx, const Actor& actor, const db::CaseRow& c,
                const catalog::Item& item, json::object& view) override;

 private:
  priority::GreenChannelService& green_;
  priority::DifficultCaseService& difficult_;
};

}  // namespace tongban::server

#pragma once
// How other modules take part in a case's life without cases/ knowing them: fees block the
// `issue` step while unpaid, a certificate is signed on `issue`, a refund is due on a rejection,
// a delivery is opened once there is something to deliver. Hooks are registered by server/ (the
// composition root) with CaseService::addHook; cases/ never includes the modules behind them.
//
// Every method runs inside the transaction of the change (or of the read) it belongs to, so what a
// hook writes commits or rolls back with the case. Keep them short: the write transaction runs on
// the database's single writer. Slow work (rendering a PDF) belongs outside, e.g. on first use.

#include <string>

#include "catalog/catalog.h"
#include "common/actor.h"
#include "common/json.h"
#include "common/status.h"
#include "db/database.h"

namespace tongban::cases {

class CaseHook {
 public:
  virtual ~CaseHook() = default;

  //! Before `action` moves `c` (still in its old state) to `to`, once the workflow and the role
  //! allowed it. A non-OK status refuses the action and nothing is written; a step that must happen
  //! first answers Conflict with a field naming it (`{"fee": {"code": "unpaid"}}`, a 409).
  //! Also asked, in a read transaction, for every action the case view offers (its
  //! `action_details[].blocked`), so it must only read.
  virtual Status before(db::Transaction& /*tx*/, const Actor& /*actor*/, const db::CaseRow& /*c*/,
                        const catalog::Item& /*item*/, const std::string& /*action*/,
                        const std::string& /*to*/) {
    return Status::Ok();
  }

  //! After the case, its history, audit event and outbox event are written; `c` is in its new
  //! state, `from` was the old one. A non-OK status undoes the whole change.
  virtual Status after(db::Transaction& /*tx*/, const Actor& /*actor*/, const db::CaseRow& /*c*/,
                       const catalog::Item& /*item*/, const std::string& /*action*/,
                       const std::string& /*from*/) {
    return Status::Ok();
  }

  //! When a step starts the legal clock (`accept`), just before the case is written: may tighten
  //! the deadline the step set (an approved green-channel request keeps its shortened one).
  //! Only the deadline may change here.
  virtual Status clockStarted(db::Transaction& /*tx*/, db::CaseRow& /*c*/,
                              const catalog::Item& /*item*/) {
    return Status::Ok();
  }

  //! Adds a short marker to the case as every view shows it, lists included (a queue row, the
  //! applicant's list): e.g. `"expedited": true`. Called once per row, so one indexed read at
  //! most. Must not fail.
  virtual void summarize(db::Transaction& /*tx*/, const Actor& /*actor*/, const db::CaseRow& /*c*/,
                         json::object& /*view*/) {}

  //! Adds this module's part to the case as `actor` sees it (one member named after the module,
  //! e.g. "fee", "certificates", "delivery"). Only for the full view of one case. Must not fail:
  //! on a storage error, leave the member out and log.
  virtual void describe(db::Transaction& /*tx*/, const Actor& /*actor*/, const db::CaseRow& /*c*/,
                        const catalog::Item& /*item*/, json::object& /*view*/) {}
};

}  // namespace tongban::cases

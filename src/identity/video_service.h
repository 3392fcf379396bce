#pragma once
// Supervised remote identity proofing (NIST SP 800-63A "remote attended"): an officer and the
// applicant in a live video session. The officer must be present throughout: if either side or
// the media connection drops while the session is live, the session is interrupted, cannot be
// approved, and becomes void unless the missing side (or the media) is back within the
// reconnect grace period. Interruptions are logged with their times. Random liveness
// challenges are logged with their times; the officer completes a checklist, reads the
// passport's MRZ (checked and compared with the fields the linked application has), and
// decides. Recording is off unless the applicant consents. A coercion flag blocks approval.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "common/actor.h"
#include "common/clock.h"
#include "db/database.h"
#include "reference/reference.h"

namespace tongban::identity {

struct Mrz;

struct VideoOptions {
  //! How long a live session waits for a participant whose connection dropped (or for the
  //! media to flow again) before it is void.
  std::chrono::seconds reconnectGrace{30};
};

//! One interruption of a live session: "applicant" or "officer" (their connection dropped) or
//! "media" (the video stopped flowing), from `since` until `until` (unset while it lasts).
struct Interruption {
  std::string who;
  TimePoint since;
  std::optional<TimePoint> deadline;  // the end of the grace period, from the event's detail
  std::optional<TimePoint> until;     // when they came back
};

//! The interruptions recorded in a session's events, oldest first.
std::vector<Interruption> Interruptions(const std::vector<db::SessionEventRow>& events);

//! The MRZ compared with the linked application: only the fields the application's item has
//! are compared (a first-passport application has no passport number). `item` null: no
//! application. Returns {"matches", "summary", "comparison": [{field, form, mrz, match}],
//! "not_compared": [{field, mrz, reason: "not_on_form" | "empty"}]}; summary is "matches",
//! "mismatch", "nothing_compared" or "no_application".
json::object CompareMrzWithApplication(const Mrz& mrz, const catalog::Item* item,
                                       const json::object& form);

//! A session whose subject is a power of attorney (`authorisation`, `proxy`) names the mandate;
//! server/ wires mandates/ in here, so identity/ does not include it. Both run in the session's
//! transaction.
class VideoSubjectLink {
 public:
  virtual ~VideoSubjectLink() = default;
  //! Ok if the session about to open for `applicantId` may check `mandateId`.
  virtual Status check(db::Transaction& tx, int64_t applicantId, int64_t mandateId) = 0;
  //! The session was approved or refused.
  virtual Status decided(db::Transaction& tx, const Actor& officer, int64_t sessionId,
                         int64_t mandateId, bool approve, const std::string& note) = 0;
};

class VideoService {
 public:
  VideoService(db::Database& db, const Clock& clock, const reference::ReferenceData& ref,
               VideoOptions options = {});

  //! The session of an identity appointment, created on first join. Applicant: their own
  //! appointment; officer: one of their units (the first officer to join hosts it).
  //! `subject`: whose identity the session proves: the applicant ("self"), a proxy they
  //! authorise, the letter of authorisation itself, or a family member without an account who
  //! is with the applicant or at home on the call ("family", with `person`: see
  //! ValidatePerson in identity/persons.h). Fixed by whoever joins first; the applicant may still
  //! change it while the session has not started.
  //! `mandateId`: the power of attorney an `authorisation`/`proxy` session checks.
  Result<json::object> join(const Actor& actor, int64_t appointmentId,
                            const std::string& subject = "self",
                            const std::optional<json::object>& person = std::nullopt,
                            std::optional<int64_t> mandateId = std::nullopt);
  void setSubjectLink(VideoSubjectLink* link) { link_ = link; }
  Result<json::object> get(const Actor& actor, int64_t sessionId);
  //! "applicant" or "officer" if `actor` takes part in the session; NotFound otherwise.
  Result<std::string> roleIn(const Actor& actor, int64_t sessionId);

  // Presence and media, reported by the signalling connection. A participant whose last
  // connection closes while the session is live is "reconnecting" until they connect again or
  // the grace period runs out (see expireInterruptions).
  Result<json::object> connected(const Actor& actor, int64_t sessionId);
  Result<json::object> disconnected(const Actor& actor, int64_t sessionId);
  //! state: connected | disconnected | failed | closed, as each side's browser sees its peer
  //! connection; the officer's report carries the measured resolution of the applicant's video
  //! and the frames decoded so far. A side that loses the media while live interrupts the
  //! session until every side that reported the loss reports frames again.
  Result<json::object> media(const Actor& actor, int64_t sessionId, const std::string& state,
                             int width, int height, int64_t framesDecoded);
  //! A participant ends the call on purpose: a live session is void at once (no grace).
  Result<json::object> hangUp(const Actor& actor, int64_t sessionId);

  struct Expiry {
    std::optional<json::object> changed;            // the session's view if it was voided now
    std::optional<std::chrono::milliseconds> next;  // until the next pending deadline
  };
  //! Voids a live session whose interruption outlasted the grace period (the clock decides).
  //! Called by the server when a deadline passes; safe to call any time.
  Result<Expiry> expireInterruptions(int64_t sessionId);
  std::chrono::seconds reconnectGrace() const { return options_.reconnectGrace; }

  Result<json::object> challenge(const Actor& officer, int64_t sessionId);
  Result<json::object> challengeResult(const Actor& officer, int64_t sessionId,
                                       const std::string& challengeId, bool passed);
  //! `present`: who the officer saw on the call: {"subject": bool (the person being verified),
  //! "account_holder": bool (the applicant who booked), "others": "names of anyone else"}.
  //! A family session cannot be approved unless both the person and the account holder were.
  Result<json::object> checklist(const Actor& officer, int64_t sessionId, bool documentMatches,
                                 bool faceMatches,
                                 const std::optional<json::object>& present = std::nullopt);
  Result<json::object> mrz(const Actor& officer, int64_t sessionId, const std::string& line1,
                           const std::string& line2);
  Result<json::object> coercion(const Actor& officer, int64_t sessionId, const std::string& note);
  Result<json::object> recording(const Actor& officer, int64_t sessionId, bool on);
  Result<json::object> consent(const Actor& applicant, int64_t sessionId, bool granted);
  //! Approve (if every rule holds) or reject. Approval of a "self" session makes the account
  //! verified; "proxy" and "authorisation" sessions record the evidence on the case; a "family"
  //! session makes the person a verified record (db::PersonRow) the applicant may name.
  Result<json::object> decide(const Actor& officer, int64_t sessionId, bool approve,
                              const std::string& note);

  //! What blocks approval right now (empty when it may be approved).
  static std::vector<std::string> Blockers(const db::VideoSessionRow& s,
                                           const std::vector<db::SessionEventRow>& events);

 private:
  using Mutation = std::function<Status(db::Transaction&, db::VideoSessionRow&, std::string& role)>;
  //! Loads the session for a participant, applies `fn`, stores it and returns the view.
  Result<json::object> mutate(const Actor& actor, int64_t sessionId, const char* requiredRole,
                              Mutation fn);
  Result<std::string> roleOf(db::Transaction& tx, const Actor& actor,
                             const db::VideoSessionRow& s) const;
  json::object view(db::Transaction& tx, const db::VideoSessionRow& s) const;
  Status event(db::Transaction& tx, const db::VideoSessionRow& s, const std::string& kind,
               const std::string& role, const json::object& detail = {});
  Status voidSession(db::Transaction& tx, db::VideoSessionRow& s, const std::string& reason,
                     const std::string& role);
  //! Starts an interruption of `who` unless one is already pending.
  Status interrupt(db::Transaction& tx, const db::VideoSessionRow& s, const std::string& who,
                   const std::string& role);
  //! Ends the pending interruption of `who`, if any.
  Status resume(db::Transaction& tx, const db::VideoSessionRow& s, const std::string& who,
                const std::string& role);

  db::Database& db_;
  const Clock& clock_;
  const reference::ReferenceData& ref_;
  VideoOptions options_;
  VideoSubjectLink* link_ = nullptr;
  std::mutex mu_;
  std::map<int64_t, std::map<std::string, int>>
      presence_;  // session -> role -> open connections; guarded by mu_
  std::map<int64_t, std::set<std::string>>
      mediaDown_;  // session -> roles whose media is down while live; guarded by mu_
};

}  // namespace tongban::identity

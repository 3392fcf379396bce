#pragma once
// Supervised remote identity proofing (NIST SP 800-63A "remote attended"): an officer and the
// applicant in a live video session. The officer must be present throughout; if either side or
// the media connection drops while the session is live, it is void and cannot be approved.
// Random liveness challenges are logged with their times; the officer completes a checklist,
// reads the passport's MRZ (checked and compared with the form), and decides. Recording is off
// unless the applicant consents. A coercion flag blocks approval.

#include <map>
#include <mutex>
#include <string>

#include "cases/case_service.h"
#include "common/actor.h"
#include "common/clock.h"
#include "db/database.h"

namespace tongban::identity {

class VideoService {
 public:
  VideoService(db::Database& db, const Clock& clock, cases::CaseService& cases);

  //! The session of an identity appointment, created on first join. Applicant: their own
  //! appointment; officer: one of their units (the first officer to join hosts it).
  //! `subject`: whose identity the session proves: the applicant ("self"), a proxy they
  //! authorise, or the letter of authorisation itself (fixed by whoever joins first).
  Result<json::object> join(const Actor& actor, int64_t appointmentId,
                            const std::string& subject = "self");
  Result<json::object> get(const Actor& actor, int64_t sessionId);
  //! "applicant" or "officer" if `actor` takes part in the session; NotFound otherwise.
  Result<std::string> roleIn(const Actor& actor, int64_t sessionId);

  // Presence and media, reported by the signalling connection.
  Result<json::object> connected(const Actor& actor, int64_t sessionId);
  Result<json::object> disconnected(const Actor& actor, int64_t sessionId);
  //! state: connected | disconnected | failed | closed; the officer's report carries the
  //! measured resolution of the applicant's video and the frames decoded so far.
  Result<json::object> media(const Actor& actor, int64_t sessionId, const std::string& state,
                             int width, int height, int64_t framesDecoded);

  Result<json::object> challenge(const Actor& officer, int64_t sessionId);
  Result<json::object> challengeResult(const Actor& officer, int64_t sessionId,
                                       const std::string& challengeId, bool passed);
  Result<json::object> checklist(const Actor& officer, int64_t sessionId, bool documentMatches,
                                 bool faceMatches);
  Result<json::object> mrz(const Actor& officer, int64_t sessionId, const std::string& line1,
                           const std::string& line2);
  Result<json::object> coercion(const Actor& officer, int64_t sessionId, const std::string& note);
  Result<json::object> recording(const Actor& officer, int64_t sessionId, bool on);
  Result<json::object> consent(const Actor& applicant, int64_t sessionId, bool granted);
  //! Approve (if every rule holds) or reject. Approval of a "self" session makes the account
  //! verified; "proxy" and "authorisation" sessions record the evidence on the case.
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

  db::Database& db_;
  const Clock& clock_;
  cases::CaseService& cases_;
  std::mutex mu_;
  std::map<int64_t, std::map<std::string, int>>
      presence_;  // session -> role -> open connections; guarded by mu_
};

}  // namespace tongban::identity

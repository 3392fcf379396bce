#include "identity/video_service.h"

#include "access/access.h"
#include "audit/audit.h"
#include "common/crypto.h"
#include "common/text.h"
#include "identity/mrz.h"
#include "identity/persons.h"

namespace tongban::identity {

namespace {

struct ChallengeText {
  const char* id;
  const char* zh;
  const char* en;
  const char* it;
};

const ChallengeText kChallenges[] = {
    {"turn_left", "请把头慢慢转向左边", "Slowly turn your head to the left",
     "Gira lentamente la testa a sinistra"},
    {"turn_right", "请把头慢慢转向右边", "Slowly turn your head to the right",
     "Gira lentamente la testa a destra"},
    {"look_up", "请抬头向上看", "Look up", "Guarda in alto"},
    {"blink_twice", "请眨两次眼", "Blink twice", "Sbatti le palpebre due volte"},
    {"hold_document", "请把护照举到脸旁", "Hold your passport beside your face",
     "Tieni il passaporto accanto al viso"},
    {"show_photo_page", "请把护照照片页对准镜头",
     "Show the photo page of your passport to the camera",
     "Mostra alla telecamera la pagina con la foto del passaporto"},
    {"touch_ear", "请用右手摸左耳", "Touch your left ear with your right hand",
     "Tocca l'orecchio sinistro con la mano destra"},
    {"say_digits", "请读出屏幕上的数字：{digits}", "Read out the digits: {digits}",
     "Leggi le cifre: {digits}"},
};

json::object ChallengeJson(const ChallengeText& c, const std::string& digits) {
  auto fill = [&](std::string s) {
    auto pos = s.find("{digits}");
    if (pos != std::string::npos) s.replace(pos, 8, digits);
    return s;
  };
  return {{"zh", fill(c.zh)}, {"en", fill(c.en)}, {"it", fill(c.it)}};
}

bool Live(const db::VideoSessionRow& s) { return s.state == "live"; }
bool Finished(const db::VideoSessionRow& s) {
  return s.state == "void" || s.state == "approved" || s.state == "rejected";
}

std::string DetailString(const json::object& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

//! Names as the MRZ writes them: capitals, hyphens and apostrophes as spaces, single spaces.
std::string MrzName(std::string_view s) {
  std::string out;
  for (char c : s) {
    c = char(std::toupper(static_cast<unsigned char>(c)));
    if (c == '-' || c == '\'' || c == '<' || c == ',' ||
        std::isspace(static_cast<unsigned char>(c)))
      c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

std::string UpperNoSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<Interruption> Interruptions(const std::vector<db::SessionEventRow>& events) {
  std::vector<Interruption> out;
  std::map<std::string, size_t> open;  // who -> index in out
  for (const auto& e : events) {
    if (e.kind != "interrupted" && e.kind != "resumed") continue;
    auto d = ParseJsonObject(e.detailJson);
    if (!d.ok()) continue;
    std::string who = DetailString(*d, "who");
    if (e.kind == "interrupted") {
      if (open.count(who)) continue;
      open[who] = out.size();
      out.push_back({who, e.at, ParseTimestamp(DetailString(*d, "deadline")), std::nullopt});
    } else if (auto it = open.find(who); it != open.end()) {
      out[it->second].until = e.at;
      open.erase(it);
    }
  }
  return out;
}

json::object CompareMrzWithApplication(const Mrz& mrz, const catalog::Item* item,
                                       const json::object& form) {
  struct Comparable {
    const char* field;  // the form field, as the catalogue names it
    std::string value;  // what the MRZ says
    bool name;          // compared as a name (case, spaces, hyphens ignored)
  };
  const Comparable fields[] = {
      {"surname", mrz.surname, true},
      {"given_names", mrz.givenNames, true},
      {"date_of_birth", mrz.birthDate, false},
      {"sex", mrz.sex, false},
      {"passport_number", mrz.documentNumber, false},
      {"passport_expiry", mrz.expiryDate, false},
  };
  json::array compared, notCompared;
  bool mismatch = false;
  for (const auto& f : fields) {
    bool onForm = false;
    if (item)
      for (const auto& field : item->fields) onForm = onForm || field.name == f.field;
    std::string typed;
    if (auto it = form.find(f.field); it != form.end() && it->value().is_string())
      typed = Trimmed(it->value().as_string());
    if (!item || !onForm) {
      notCompared.push_back({{"field", f.field}, {"mrz", f.value}, {"reason", "not_on_form"}});
      continue;
    }
    if (typed.empty() || f.value.empty()) {
      notCompared.push_back({{"field", f.field},
                             {"mrz", f.value},
                             {"reason", typed.empty() ? "empty" : "not_in_mrz"}});
      continue;
    }
    bool match = f.name ? MrzName(typed) == MrzName(f.value)
                        : UpperNoSpaces(typed) == UpperNoSpaces(f.value);
    mismatch = mismatch || !match;
    compared.push_back({{"field", f.field}, {"form", typed}, {"mrz", f.value}, {"match", match}});
  }
  std::string summary = !item              ? "no_application"
                        : mismatch         ? "mismatch"
                        : compared.empty() ? "nothing_compared"
                                           : "matches";
  return {{"matches", !mismatch},
          {"summary", summary},
          {"comparison", std::move(compared)},
          {"not_compared", std::move(notCompared)}};
}

VideoService::VideoService(db::Database& db, const Clock& clock,
                           const reference::ReferenceData& ref, VideoOptions options)
    : db_(db), clock_(clock), ref_(ref), options_(options) {}

std::vector<std::string> VideoService::Blockers(const db::VideoSessionRow& s,
                                                const std::vector<db::SessionEventRow>& events) {
  std::vector<std::string> out;
  if (s.state != "live") out.push_back(s.state == "void" ? "session_void" : "not_live");
  if (s.coercion) out.push_back("coercion_flagged");
  auto checklist = ParseJsonObject(s.checklistJson);
  auto flag = [&](const char* k) {
    return checklist.ok() && checklist->contains(k) && checklist->at(k).is_bool() &&
           checklist->at(k).as_bool();
  };
  if (!flag("document_matches")) out.push_back("document_not_confirmed");
  if (!flag("face_matches")) out.push_back("face_not_confirmed");
  if (s.subject == "family") {
    // The person at home shows a resident identity card (no MRZ): the officer compares it with
    // the details given (document_matches) and notes who is on the call.
    auto person = ParseJsonObject(s.personJson);
    if (!person.ok() || !person->contains("id_number")) out.push_back("person_missing");
    const json::object* present = nullptr;
    if (checklist.ok() && checklist->contains("present") && checklist->at("present").is_object())
      present = &checklist->at("present").as_object();
    auto was = [&](const char* k) {
      return present && present->contains(k) && present->at(k).is_bool() &&
             present->at(k).as_bool();
    };
    if (!was("subject")) out.push_back("subject_not_present");
    if (!was("account_holder")) out.push_back("account_holder_not_present");
  } else {
    auto mrz = ParseJsonObject(s.mrzJson);
    if (!mrz.ok() || !mrz->contains("matches") || !mrz->at("matches").as_bool())
      out.push_back("mrz_not_matching");
  }
  int passed = 0;
  for (const auto& e : events)
    if (e.kind == "challenge_result") {
      auto d = ParseJsonObject(e.detailJson);
      if (d.ok() && d->contains("passed") && d->at("passed").as_bool()) ++passed;
    }
  if (passed < 2) out.push_back("liveness_challenges_missing");
  if (s.resolutionW <= 0) out.push_back("resolution_unknown");
  // Nobody is approved while a side is away or the video is not flowing.
  if (s.state == "live")
    for (const auto& i : Interruptions(events))
      if (!i.until) out.push_back(i.who + "_reconnecting");
  return out;
}

Result<std::string> VideoService::roleOf(db::Transaction& tx, const Actor& actor,
                                         const db::VideoSessionRow& s) const {
  if (!actor.userId) return Status::NotFound("session not found");
  if (access::IsApplicant(actor) && s.applicantId == *actor.userId) return std::string("applicant");
  if (access::ServesApplicants(actor) && s.officerId == *actor.userId)
    return std::string("officer");
  (void)tx;
  return Status::NotFound("session not found");
}

Status VideoService::event(db::Transaction& tx, const db::VideoSessionRow& s,
                           const std::string& kind, const std::string& role,
                           const json::object& detail) {
  return tx.videoSessions().appendEvent(
      {0, s.id, clock_.now(), kind, role, json::serialize(detail)});
}

Status VideoService::interrupt(db::Transaction& tx, const db::VideoSessionRow& s,
                               const std::string& who, const std::string& role) {
  TB_ASSIGN_OR_RETURN(auto events, tx.videoSessions().events(s.id));
  for (const auto& i : Interruptions(events))
    if (i.who == who && !i.until) return Status::Ok();
  return event(tx, s, "interrupted", role,
               {{"who", who},
                {"deadline", FormatTimestamp(clock_.now() + options_.reconnectGrace)},
                {"grace_seconds", options_.reconnectGrace.count()}});
}

Status VideoService::resume(db::Transaction& tx, const db::VideoSessionRow& s,
                            const std::string& who, const std::string& role) {
  TB_ASSIGN_OR_RETURN(auto events, tx.videoSessions().events(s.id));
  for (const auto& i : Interruptions(events))
    if (i.who == who && !i.until) {
      auto away = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - i.since);
      return event(tx, s, "resumed", role,
                   {{"who", who}, {"away_seconds", double(away.count()) / 1000.0}});
    }
  return Status::Ok();
}

Status VideoService::voidSession(db::Transaction& tx, db::VideoSessionRow& s,
                                 const std::string& reason, const std::string& role) {
  {
    std::lock_guard lock(mu_);
    mediaDown_.erase(s.id);
  }
  s.state = "void";
  s.voidReason = reason;
  s.endedAt = clock_.now();
  s.recording = false;
  // The appointment is used up: the applicant books a new time for a new session.
  auto a = tx.appointments().byId(s.appointmentId);
  if (a.ok() && a->status == "booked") {
    a->status = "void";
    a->updatedAt = *s.endedAt;
    TB_RETURN_IF_ERROR(tx.appointments().update(*a));
  }
  return event(tx, s, "void", role, {{"reason", reason}});
}

json::object VideoService::view(db::Transaction& tx, const db::VideoSessionRow& s) const {
  json::object o{{"id", s.id},
                 {"appointment_id", s.appointmentId},
                 {"applicant_id", s.applicantId},
                 {"officer_id", s.officerId},
                 {"case_id", s.caseId ? json::value(*s.caseId) : json::value(nullptr)},
                 {"subject", s.subject},
                 {"state", s.state},
                 {"void_reason", s.voidReason},
                 {"recording_consent", s.recordingConsent},
                 {"recording", s.recording},
                 {"resolution", {{"width", s.resolutionW}, {"height", s.resolutionH}}},
                 {"coercion", s.coercion},
                 {"outcome_note", s.outcomeNote},
                 {"live_since", TimeJson(s.liveSince)},
                 {"ended_at", TimeJson(s.endedAt)},
                 {"version", s.version}};
  auto checklist = ParseJsonObject(s.checklistJson);
  o["checklist"] = checklist.ok() ? json::value(*checklist) : json::value(json::object());
  auto person = ParseJsonObject(s.personJson);
  o["person"] = s.subject == "family" && person.ok() ? json::value(*person) : json::value(nullptr);
  auto mrz = ParseJsonObject(s.mrzJson);
  o["mrz"] = mrz.ok() ? json::value(*mrz) : json::value(json::object());
  json::array events;
  std::vector<db::SessionEventRow> rows;
  auto ev = tx.videoSessions().events(s.id);
  if (ev.ok()) rows = *ev;
  for (const auto& e : rows) {
    auto d = ParseJsonObject(e.detailJson);
    events.push_back({{"at", TimeJson(e.at)},
                      {"kind", e.kind},
                      {"role", e.actorRole},
                      {"detail", d.ok() ? json::value(*d) : json::value(nullptr)}});
  }
  o["events"] = std::move(events);
  // Interruptions with their times, and who is being waited for right now (and how long).
  json::array interruptions, reconnecting;
  auto now = clock_.now();
  for (const auto& i : Interruptions(rows)) {
    std::optional<TimePoint> end = i.until ? i.until : s.endedAt;
    json::object entry{{"who", i.who},
                       {"from", TimeJson(i.since)},
                       {"to", TimeJson(i.until)},
                       {"resumed", i.until.has_value()}};
    if (end)
      entry["seconds"] =
          double(std::chrono::duration_cast<std::chrono::milliseconds>(*end - i.since).count()) /
          1000.0;
    interruptions.push_back(entry);
    if (!i.until && Live(s)) {
      const auto& deadline = i.deadline;
      int64_t left = deadline
                         ? std::max<int64_t>(
                               0, std::chrono::ceil<std::chrono::seconds>(*deadline - now).count())
                         : 0;
      reconnecting.push_back({{"who", i.who},
                              {"since", TimeJson(i.since)},
                              {"deadline", deadline ? TimeJson(*deadline) : json::value("")},
                              {"seconds_left", left}});
    }
  }
  o["interruptions"] = std::move(interruptions);
  o["reconnecting"] = std::move(reconnecting);
  o["reconnect_grace_seconds"] = options_.reconnectGrace.count();
  json::array blockers;
  for (const auto& b : Blockers(s, rows)) blockers.emplace_back(b);
  o["blockers"] = std::move(blockers);
  auto mandate = tx.videoSessions().mandateOf(s.id);
  o["mandate_id"] = mandate.ok() && *mandate ? json::value(**mandate) : json::value(nullptr);
  return o;
}

Result<json::object> VideoService::join(const Actor& actor, int64_t appointmentId,
                                        const std::string& subject,
                                        const std::optional<json::object>& person,
                                        std::optional<int64_t> mandateId) {
  if (subject != "self" && subject != "proxy" && subject != "authorisation" && subject != "family")
    return Status::InvalidField("subject", "option", "self, proxy, authorisation or family");
  json::object details;
  if (subject == "family") {
    if (!person)
      return Status::InvalidField("person", "required", "whom does the family check verify?");
    TB_ASSIGN_OR_RETURN(details, ValidatePerson(*person));
  } else if (person) {
    return Status::InvalidField("person", "forbidden", "only a family check names a person");
  }
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto a = tx.appointments().byId(appointmentId);
    if (!a.ok()) return Status::NotFound("appointment not found");
    auto slot = tx.appointments().slotById(a->slotId);
    if (!slot.ok()) return Status::NotFound("appointment not found");
    auto ref = ref_.get();
    bool isApplicant =
        access::IsApplicant(actor) && actor.userId && a->applicantId == *actor.userId;
    bool isHost = access::ServesApplicants(actor) && actor.unitId &&
                  ref->units->isWithin(slot->unitId, *actor.unitId);
    if (!isApplicant && !isHost) return Status::NotFound("appointment not found");
    if (a->purpose != "identity")
      return Status::Conflict("this appointment is a window visit, not a video session");
    auto existing = tx.videoSessions().byAppointment(a->id);
    db::VideoSessionRow s;
    if (existing.ok()) {
      s = *existing;
      if (isHost && s.officerId != *actor.userId && !Finished(s))
        return Status::Conflict("another officer is hosting this session");
      // The officer may have opened the session first (as "self"): until the call starts, the
      // applicant says whom it is for. Joining again without saying ("self", the default) keeps
      // what was chosen.
      if (isApplicant && s.state == "open" && subject != "self" &&
          (s.subject != subject || s.personJson != json::serialize(details))) {
        s.subject = subject;
        s.personJson = json::serialize(details);
        s.updatedAt = clock_.now();
        s.version += 1;
        TB_RETURN_IF_ERROR(tx.videoSessions().update(s));
        TB_RETURN_IF_ERROR(event(tx, s, "subject", "applicant", {{"subject", subject}}));
      }
    } else {
      if (a->status != "booked") return Status::Conflict("the appointment is not booked");
      if (slot->endsAt < clock_.now())
        return Status::Conflict("the time of this appointment has passed; please book a new one");
      s.appointmentId = a->id;
      s.applicantId = a->applicantId;
      s.officerId = isHost ? *actor.userId : slot->officerId;
      s.caseId = a->caseId;
      s.subject = isApplicant ? subject : "self";
      if (isApplicant) s.personJson = json::serialize(details);
      s.createdAt = s.updatedAt = clock_.now();
      if (mandateId && (subject == "self" || subject == "family" || !link_))
        return Status::InvalidField("mandate_id", "subject", "only an authorisation check");
      if (mandateId) TB_RETURN_IF_ERROR(link_->check(tx, s.applicantId, *mandateId));
      TB_ASSIGN_OR_RETURN(s.id, tx.videoSessions().insert(s));
      if (mandateId) TB_RETURN_IF_ERROR(tx.videoSessions().setMandate(s.id, *mandateId));
      TB_RETURN_IF_ERROR(event(tx, s, "created", isHost ? "officer" : "applicant"));
    }
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, clock_.now(), "video.join", "video_session", std::to_string(s.id), s.applicantId)));
    out = view(tx, s);
    return Status::Ok();
  }));
  return out;
}

Result<std::string> VideoService::roleIn(const Actor& actor, int64_t sessionId) {
  std::string role;
  TB_RETURN_IF_ERROR(db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::VideoSessionRow s, tx.videoSessions().byId(sessionId));
    TB_ASSIGN_OR_RETURN(role, roleOf(tx, actor, s));
    return Status::Ok();
  }));
  return role;
}

Result<json::object> VideoService::get(const Actor& actor, int64_t sessionId) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::VideoSessionRow s, tx.videoSessions().byId(sessionId));
    TB_ASSIGN_OR_RETURN(std::string role, roleOf(tx, actor, s));
    out = view(tx, s);
    if (role == "applicant") return Status::Ok();
    return tx.audit().append(audit::Event(actor, clock_.now(), "video.read", "video_session",
                                          std::to_string(s.id), s.applicantId));
  }));
  return out;
}

Result<json::object> VideoService::mutate(const Actor& actor, int64_t sessionId,
                                          const char* requiredRole, Mutation fn) {
  json::object out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto s = tx.videoSessions().byId(sessionId);
    if (!s.ok()) return Status::NotFound("session not found");
    TB_ASSIGN_OR_RETURN(std::string role, roleOf(tx, actor, *s));
    if (requiredRole && role != requiredRole)
      return Status::PermissionDenied(std::string("only the ") + requiredRole + " may do this");
    int64_t before = s->version;
    TB_RETURN_IF_ERROR(fn(tx, *s, role));
    s->version = before + 1;
    s->updatedAt = clock_.now();
    TB_RETURN_IF_ERROR(tx.videoSessions().update(*s));
    out = view(tx, *s);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> VideoService::connected(const Actor& actor, int64_t sessionId) {
  return mutate(actor, sessionId, nullptr,
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  {
                    std::lock_guard lock(mu_);
                    ++presence_[s.id][role];
                  }
                  TB_RETURN_IF_ERROR(event(tx, s, "joined", role));
                  if (Live(s)) return resume(tx, s, role, role);
                  return Status::Ok();
                });
}

Result<json::object> VideoService::disconnected(const Actor& actor, int64_t sessionId) {
  return mutate(actor, sessionId, nullptr,
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  int left;
                  {
                    std::lock_guard lock(mu_);
                    auto& n = presence_[s.id][role];
                    if (n > 0) --n;
                    left = n;
                  }
                  TB_RETURN_IF_ERROR(event(tx, s, "left", role));
                  // Supervision must be continuous: a live session that loses a side waits for it
                  // for the grace period (expireInterruptions voids it after that).
                  if (Live(s) && left == 0) return interrupt(tx, s, role, role);
                  return Status::Ok();
                });
}

Result<json::object> VideoService::hangUp(const Actor& actor, int64_t sessionId) {
  return mutate(actor, sessionId, nullptr,
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (Finished(s)) return Status::Ok();
                  TB_RETURN_IF_ERROR(event(tx, s, "hung_up", role));
                  if (Live(s)) return voidSession(tx, s, role + "_hung_up", role);
                  return Status::Ok();
                });
}

Result<VideoService::Expiry> VideoService::expireInterruptions(int64_t sessionId) {
  Expiry out;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    auto s = tx.videoSessions().byId(sessionId);
    if (!s.ok()) return Status::NotFound("session not found");
    if (!Live(*s)) return Status::Ok();
    TB_ASSIGN_OR_RETURN(auto events, tx.videoSessions().events(s->id));
    auto now = clock_.now();
    std::optional<TimePoint> next;
    std::set<std::string> expired;
    for (const auto& i : Interruptions(events)) {
      if (i.until) continue;
      const auto& deadline = i.deadline;
      if (!deadline || *deadline <= now)
        expired.insert(i.who);
      else if (!next || *deadline < *next)
        next = *deadline;
    }
    if (expired.empty()) {
      if (next) out.next = std::chrono::ceil<std::chrono::milliseconds>(*next - now);
      return Status::Ok();
    }
    // Name the side that is missing; the media alone only when both sides are there.
    std::string reason = expired.count("applicant") ? "applicant_left"
                         : expired.count("officer") ? "officer_left"
                                                    : "media_lost";
    int64_t before = s->version;
    TB_RETURN_IF_ERROR(voidSession(tx, *s, reason, "system"));
    s->version = before + 1;
    s->updatedAt = now;
    TB_RETURN_IF_ERROR(tx.videoSessions().update(*s));
    out.changed = view(tx, *s);
    return Status::Ok();
  }));
  return out;
}

Result<json::object> VideoService::media(const Actor& actor, int64_t sessionId,
                                         const std::string& state, int width, int height,
                                         int64_t framesDecoded) {
  if (state != "connected" && state != "disconnected" && state != "failed" && state != "closed")
    return Status::InvalidField("state", "option", "connected, disconnected, failed or closed");
  if (width < 0 || width > 10000 || height < 0 || height > 10000)
    return Status::InvalidField("width", "range", "0..10000");
  return mutate(actor, sessionId, nullptr,
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (Finished(s)) return Status::Ok();
                  TB_RETURN_IF_ERROR(event(
                      tx, s, "media_" + state, role,
                      {{"width", width}, {"height", height}, {"frames_decoded", framesDecoded}}));
                  if (state != "connected") {
                    if (!Live(s)) return Status::Ok();
                    {
                      std::lock_guard lock(mu_);
                      mediaDown_[s.id].insert(role);
                    }
                    return interrupt(tx, s, "media", role);
                  }
                  if (role == "officer" && width > 0) {
                    s.resolutionW = width;
                    s.resolutionH = height;
                  }
                  bool both, flowing;
                  {
                    std::lock_guard lock(mu_);
                    both = presence_[s.id]["applicant"] > 0 && presence_[s.id]["officer"] > 0;
                    auto& down = mediaDown_[s.id];
                    if (framesDecoded > 0) down.erase(role);
                    flowing = down.empty();
                  }
                  // Live once the officer actually sees the applicant's video with both connected.
                  if (s.state == "open" && role == "officer" && framesDecoded > 0 && both) {
                    s.state = "live";
                    s.liveSince = clock_.now();
                    return event(tx, s, "live", role);
                  }
                  // The video is back once every side that lost it decodes frames again.
                  if (Live(s) && framesDecoded > 0 && flowing) return resume(tx, s, "media", role);
                  return Status::Ok();
                });
}

Result<json::object> VideoService::challenge(const Actor& officer, int64_t sessionId) {
  return mutate(officer, sessionId, "officer",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (!Live(s))
                    return Status::Conflict("challenges are given during a live session");
                  std::string r = crypto::RandomBytes(8);
                  const auto& c =
                      kChallenges[static_cast<unsigned char>(r[0]) % std::size(kChallenges)];
                  std::string digits;
                  for (int i = 0; i < 4; ++i)
                    digits += char('0' + static_cast<unsigned char>(r[1 + i]) % 10);
                  std::string id = std::string(c.id) + "-" + crypto::RandomToken(4);
                  return event(tx, s, "challenge", role,
                               {{"id", id}, {"key", c.id}, {"text", ChallengeJson(c, digits)}});
                });
}

Result<json::object> VideoService::challengeResult(const Actor& officer, int64_t sessionId,
                                                   const std::string& challengeId, bool passed) {
  return mutate(
      officer, sessionId, "officer",
      [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
        if (!Live(s)) return Status::Conflict("the session is not live");
        TB_ASSIGN_OR_RETURN(auto events, tx.videoSessions().events(s.id));
        bool issued = false, answered = false;
        for (const auto& e : events) {
          auto d = ParseJsonObject(e.detailJson);
          if (!d.ok() || !d->contains("id") || d->at("id") != challengeId.c_str()) continue;
          issued = issued || e.kind == "challenge";
          answered = answered || e.kind == "challenge_result";
        }
        if (!issued)
          return Status::InvalidField("challenge_id", "unknown",
                                      "no such challenge in this session");
        if (answered) return Status::Conflict("this challenge was already judged");
        return event(tx, s, "challenge_result", role, {{"id", challengeId}, {"passed", passed}});
      });
}

Result<json::object> VideoService::checklist(const Actor& officer, int64_t sessionId,
                                             bool documentMatches, bool faceMatches,
                                             const std::optional<json::object>& present) {
  json::object who;
  if (present) {
    FieldReader f(*present, "present.");
    f.rejectUnknown({"subject", "account_holder", "others"});
    auto subject = f.boolean("subject", true);
    auto holder = f.boolean("account_holder", true);
    auto others = f.string("others", false, 300);
    TB_RETURN_IF_ERROR(f.status());
    who = {{"subject", *subject},
           {"account_holder", *holder},
           {"others", text::Trim(others.value_or(""))}};
  }
  return mutate(officer, sessionId, "officer",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (Finished(s)) return Status::Conflict("the session has ended");
                  auto c = ParseJsonObject(s.checklistJson);
                  json::object list = c.ok() ? *c : json::object{};
                  list["document_matches"] = documentMatches;
                  list["face_matches"] = faceMatches;
                  if (present) list["present"] = who;
                  s.checklistJson = json::serialize(list);
                  return event(tx, s, "checklist", role, list);
                });
}

Result<json::object> VideoService::mrz(const Actor& officer, int64_t sessionId,
                                       const std::string& line1, const std::string& line2) {
  auto parsed = ParseTd3(line1, line2, std::chrono::floor<std::chrono::days>(clock_.now()));
  return mutate(officer, sessionId, "officer",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (Finished(s)) return Status::Conflict("the session has ended");
                  json::object record;
                  if (!parsed.ok()) {
                    record = {{"valid", false},
                              {"matches", false},
                              {"summary", "invalid"},
                              {"error", parsed.status().ToString()}};
                  } else {
                    // Only what the application's item asks for can be compared (a first passport
                    // has no passport number); the answer says what was compared and what was not.
                    json::object form;
                    const catalog::Item* item = nullptr;
                    auto ref = ref_.get();
                    if (s.caseId) {
                      auto c = tx.cases().byId(*s.caseId);
                      if (c.ok()) {
                        item = ref->catalog->item(c->itemCode);
                        auto f = ParseJsonObject(c->formJson);
                        if (f.ok()) form = *f;
                      }
                    }
                    record = CompareMrzWithApplication(*parsed, item, form);
                    record["valid"] = true;
                    record["parsed"] = ToJson(*parsed);
                  }
                  s.mrzJson = json::serialize(record);
                  return event(tx, s, "mrz", role,
                               {{"valid", record["valid"]}, {"matches", record["matches"]}});
                });
}

Result<json::object> VideoService::coercion(const Actor& officer, int64_t sessionId,
                                            const std::string& note) {
  if (note.size() > 1000) return Status::InvalidField("note", "too_long", "at most 1000 bytes");
  return mutate(officer, sessionId, "officer",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (Finished(s)) return Status::Conflict("the session has ended");
                  s.coercion = true;
                  return event(tx, s, "coercion_flag", role, {{"note", note}});
                });
}

Result<json::object> VideoService::recording(const Actor& officer, int64_t sessionId, bool on) {
  return mutate(officer, sessionId, "officer",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  if (on && !s.recordingConsent)
                    return Status::Conflict("recording needs the applicant's consent first");
                  if (Finished(s)) return Status::Conflict("the session has ended");
                  s.recording = on;
                  return event(tx, s, on ? "recording_on" : "recording_off", role);
                });
}

Result<json::object> VideoService::consent(const Actor& applicant, int64_t sessionId,
                                           bool granted) {
  return mutate(applicant, sessionId, "applicant",
                [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
                  s.recordingConsent = granted;
                  s.consentAt = clock_.now();
                  if (!granted)
                    s.recording = false;  // withdrawing consent stops a recording at once
                  return event(tx, s, granted ? "consent_given" : "consent_withdrawn", role);
                });
}

Result<json::object> VideoService::decide(const Actor& officer, int64_t sessionId, bool approve,
                                          const std::string& note) {
  if (note.size() > 2000) return Status::InvalidField("note", "too_long", "at most 2000 bytes");
  return mutate(
      officer, sessionId, "officer",
      [&](db::Transaction& tx, db::VideoSessionRow& s, std::string& role) -> Status {
        if (Finished(s))
          return Status::Conflict(s.state == "void" ? "the session is void (" + s.voidReason +
                                                          ") and cannot be decided"
                                                    : "the session is already decided");
        TB_ASSIGN_OR_RETURN(auto events, tx.videoSessions().events(s.id));
        if (approve) {
          auto blockers = Blockers(s, events);
          if (!blockers.empty()) {
            FieldErrors f;
            for (const auto& b : blockers) f[b] = {b, "must be resolved before approval"};
            return Status(StatusCode::kConflict, "the session cannot be approved yet", f);
          }
        } else if (note.empty()) {
          return Status::InvalidField("note", "required", "say why");
        }
        {
          std::lock_guard lock(mu_);
          mediaDown_.erase(s.id);
        }
        s.state = approve ? "approved" : "rejected";
        s.outcomeNote = note;
        s.endedAt = clock_.now();
        s.recording = false;
        TB_RETURN_IF_ERROR(event(tx, s, approve ? "approved" : "rejected", role, {{"note", note}}));
        auto a = tx.appointments().byId(s.appointmentId);
        if (a.ok()) {
          a->status = "completed";
          a->updatedAt = s.endedAt.value();
          TB_RETURN_IF_ERROR(tx.appointments().update(*a));
        }
        if (auto m = tx.videoSessions().mandateOf(s.id); link_ && m.ok() && *m)
          TB_RETURN_IF_ERROR(link_->decided(tx, officer, s.id, **m, approve, note));
        if (approve && s.subject == "self") {
          TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(s.applicantId));
          u.assurance = "verified";
          u.verifiedAt = s.endedAt;
          u.verifiedBy = *officer.userId;
          u.verificationEvidence = json::serialize(
              json::array{"supervised_video_session", "passport_mrz", "liveness_challenges",
                          "document_comparison", "face_comparison"});
          TB_RETURN_IF_ERROR(tx.users().update(u));
        }
        json::object payload{
            {"session_id", s.id}, {"applicant_id", s.applicantId}, {"subject", s.subject}};
        if (approve && s.subject == "family") {
          // The person becomes a record the relative may name in later applications.
          TB_ASSIGN_OR_RETURN(json::object p, ParseJsonObject(s.personJson));
          auto checklist = ParseJsonObject(s.checklistJson);
          db::PersonRow row;
          row.name = std::string(p.at("name").as_string());
          row.nameLatin = std::string(p.at("name_latin").as_string());
          row.idNumber = std::string(p.at("id_number").as_string());
          row.birthDate = std::string(p.at("birth_date").as_string());
          row.phone = std::string(p.at("phone").as_string());
          row.verifiedAt = row.createdAt = *s.endedAt;
          row.verifiedBy = *officer.userId;
          row.sessionId = s.id;
          row.presentJson = checklist.ok() && checklist->contains("present")
                                ? json::serialize(checklist->at("present"))
                                : "{}";
          TB_ASSIGN_OR_RETURN(int64_t personId, tx.persons().upsert(row));
          TB_RETURN_IF_ERROR(
              tx.persons().link({s.applicantId, personId,
                                 std::string(p.at("relationship").as_string()), *s.endedAt}));
          p["person_id"] = personId;
          s.personJson = json::serialize(p);
          payload["person_id"] = personId;
          payload["person_name"] = row.name;
        }
        TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
            officer, clock_.now(), approve ? "identity.approve" : "identity.reject",
            "video_session", std::to_string(s.id), s.applicantId, {{"subject", s.subject}})));
        return tx.outbox().append({0, s.endedAt.value(),
                                   approve ? "identity.verified" : "identity.rejected",
                                   json::serialize(payload)});
      });
}

}  // namespace tongban::identity

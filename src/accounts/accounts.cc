#include "accounts/accounts.h"

#include <algorithm>
#include <regex>

#include "access/access.h"
#include "audit/audit.h"
#include "workflow/workflow.h"

namespace tongban::accounts {

AccountService::AccountService(db::Database& db, const Clock& clock, AccountOptions options)
    : db_(db),
      clock_(clock),
      options_(options),
      perAccount_(options.failuresPerAccount, options.throttleWindow),
      perIp_(options.failuresPerIp, options.throttleWindow) {
  auto h = crypto::HashPassword(crypto::RandomToken(16), options_.cost);
  if (h.ok()) dummyHash_ = *h;
}

namespace {
const std::regex kEmail(R"(^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$)");

std::string Normalise(std::string email) {
  for (char& c : email)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return email;
}
}  // namespace

const std::vector<std::string>& SupportedLocales() {
  static const std::vector<std::string> k = {"zh-CN", "en", "it", "es", "fr", "pt", "de"};
  return k;
}

bool IsSupportedLocale(const std::string& locale) {
  const auto& all = SupportedLocales();
  return std::find(all.begin(), all.end(), locale) != all.end();
}

Status AccountService::ValidatePassword(const std::string& password, FieldErrors& errors) {
  if (password.size() < 10)
    errors["password"] = {"too_short", "must be at least 10 characters"};
  else if (password.size() > 256)
    errors["password"] = {"too_long", "must be at most 256 characters"};
  return Status::Ok();
}

Result<db::UserRow> AccountService::createUser(const Actor& actor, const std::string& emailIn,
                                               const std::string& password,
                                               const std::string& displayName,
                                               const std::string& role,
                                               std::optional<int64_t> unitId) {
  FieldErrors errors;
  std::string email = Normalise(emailIn);
  if (email.size() > 254 || !std::regex_match(email, kEmail))
    errors["email"] = {"email", "must be an e-mail address"};
  (void)ValidatePassword(password, errors);
  if (displayName.empty() || displayName.size() > 100)
    errors["display_name"] = {"required", "must be 1 to 100 characters"};
  if (!workflow::IsKnownRole(role) || role == "system") errors["role"] = {"role", "unknown role"};
  if (role != "applicant" && role != "admin" && !unitId)
    errors["unit"] = {"required", "staff need a unit"};
  if (!errors.empty()) return Status::InvalidArgument("invalid input", errors);

  TB_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(password, options_.cost));
  db::UserRow u;
  u.email = email;
  u.passwordHash = hash;
  u.displayName = displayName;
  u.role = role;
  u.unitId = unitId;
  u.verificationEvidence = "[]";
  u.createdAt = clock_.now();
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    auto id = tx.users().insert(u);
    if (!id.ok()) return id.status();
    u.id = *id;
    TB_RETURN_IF_ERROR(tx.audit().append(audit::Event(
        actor, clock_.now(), "user.create", "user", std::to_string(u.id), u.id, {{"role", role}})));
    return tx.outbox().append({0, u.createdAt, "user.created",
                               json::serialize(json::object{{"user_id", u.id}, {"role", role}})});
  });
  if (s.code() == StatusCode::kConflict)
    return Status::InvalidArgument("invalid input",
                                   {{"email", {"taken", "is already registered"}}});
  TB_RETURN_IF_ERROR(s);
  return u;
}

Result<db::UserRow> AccountService::registerApplicant(const Actor& actor, const std::string& email,
                                                      const std::string& password,
                                                      const std::string& displayName,
                                                      const std::string& locale) {
  TB_ASSIGN_OR_RETURN(db::UserRow u,
                      createUser(actor, email, password, displayName, "applicant", std::nullopt));
  if (!locale.empty() && locale != u.locale) {
    u.locale = locale;
    TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) { return tx.users().update(u); }));
  }
  return u;
}

Result<LoginResult> AccountService::login(const Actor& actor, const std::string& emailIn,
                                          const std::string& password, const std::string& kind,
                                          int64_t* retryAfterSeconds) {
  std::string email = Normalise(emailIn);
  TimePoint now = clock_.now();
  int64_t wait = std::max(perAccount_.retryAfter(email, now), perIp_.retryAfter(actor.ip, now));
  if (wait > 0) {
    if (retryAfterSeconds) *retryAfterSeconds = wait;
    return Status::TooManyRequests("too many failed log-ins; try again in " + std::to_string(wait) +
                                   " s");
  }
  db::UserRow user;
  Status found = db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(user, tx.users().byEmail(email));
    return Status::Ok();
  });
  bool ok = false;
  if (found.ok()) {
    ok = crypto::VerifyPassword(user.passwordHash, password) && !user.disabled;
  } else if (found.IsNotFound()) {
    (void)crypto::VerifyPassword(dummyHash_,
                                 password);  // same cost whether or not the account exists
  } else {
    return found;
  }
  if (!ok) {
    perAccount_.recordFailure(email, now);
    perIp_.recordFailure(actor.ip, now);
    (void)db_.write([&](db::Transaction& tx) {
      return tx.audit().append(audit::Event(
          actor, now, "auth.login_failed", "user", found.ok() ? std::to_string(user.id) : "",
          found.ok() ? std::optional<int64_t>(user.id) : std::nullopt));
    });
    return Status::Unauthenticated("e-mail or password is wrong");
  }
  perAccount_.reset(email);
  LoginResult r;
  r.token = crypto::RandomToken(32);
  r.csrf = kind == "cookie" ? crypto::RandomToken(24) : "";
  r.user = user;
  r.expiresAt = now + (kind == "cookie" ? options_.cookieTtl : options_.bearerTtl);
  db::SessionRow session{crypto::Sha256Hex(r.token), user.id, kind, r.csrf, now, r.expiresAt};
  Actor who = actor;
  who.userId = user.id;
  who.role = user.role;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.sessions().insert(session));
    TB_RETURN_IF_ERROR(tx.sessions().removeExpired(now));
    return tx.audit().append(audit::Event(who, now, "auth.login", "user", std::to_string(user.id),
                                          user.id, {{"kind", kind}}));
  }));
  return r;
}

Status AccountService::logout(const Actor& actor, const Principal& p) {
  return db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.sessions().remove(p.tokenHash));
    return tx.audit().append(audit::Event(actor, clock_.now(), "auth.logout", "user",
                                          std::to_string(p.user.id), p.user.id));
  });
}

Result<Principal> AccountService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Status::Unauthenticated("not signed in");
  Principal p;
  p.tokenHash = crypto::Sha256Hex(token);
  Status s = db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::SessionRow session, tx.sessions().byTokenHash(p.tokenHash));
    if (session.expiresAt <= clock_.now()) return Status::NotFound("expired");
    TB_ASSIGN_OR_RETURN(p.user, tx.users().byId(session.userId));
    p.sessionKind = session.kind;
    p.csrf = session.csrf;
    return Status::Ok();
  });
  if (s.IsNotFound() || (s.ok() && p.user.disabled))
    return Status::Unauthenticated("session expired or unknown");
  TB_RETURN_IF_ERROR(s);
  return p;
}

}  // namespace tongban::accounts

namespace tongban::accounts {

Status AccountService::checkOwnPassword(const Actor& actor, const db::UserRow& user,
                                        const std::string& password, const std::string& field) {
  TimePoint now = clock_.now();
  int64_t wait = perAccount_.retryAfter(user.email, now);
  if (wait > 0)
    return Status::TooManyRequests("too many wrong passwords; try again in " +
                                   std::to_string(wait) + " s");
  if (password.empty()) return Status::InvalidField(field, "required", "is required");
  if (crypto::VerifyPassword(user.passwordHash, password)) {
    perAccount_.reset(user.email);
    return Status::Ok();
  }
  perAccount_.recordFailure(user.email, now);
  (void)db_.write([&](db::Transaction& tx) {
    return tx.audit().append(audit::Event(actor, now, "auth.password_check_failed", "user",
                                          std::to_string(user.id), user.id, {{"field", field}}));
  });
  return Status::InvalidField(field, "wrong_password", "is not the account's current password");
}

Result<db::UserRow> AccountService::updateProfile(const Actor& actor, const Principal& p,
                                                  const ProfileChange& change) {
  db::UserRow u = p.user;
  FieldErrors errors;
  json::array changed;
  if (change.displayName) {
    if (change.displayName->empty() || change.displayName->size() > 100)
      errors["display_name"] = {"required", "must be 1 to 100 characters"};
    else if (*change.displayName != u.displayName) {
      u.displayName = *change.displayName;
      changed.push_back("display_name");
    }
  }
  bool emailChanges = false;
  if (change.email) {
    std::string email = Normalise(*change.email);
    if (email.size() > 254 || !std::regex_match(email, kEmail))
      errors["email"] = {"email", "must be an e-mail address"};
    else if (email != u.email) {
      u.email = email;
      emailChanges = true;
      changed.push_back("email");
    }
  }
  if (change.locale) {
    if (!IsSupportedLocale(*change.locale))
      errors["locale"] = {"option", "must be one of zh-CN, en, it, es, fr, pt, de"};
    else if (*change.locale != u.locale) {
      u.locale = *change.locale;
      changed.push_back("locale");
    }
  }
  if (!errors.empty()) return Status::InvalidArgument("invalid input", errors);
  // A new address is where password resets and messages would go: confirm who asks.
  if (emailChanges)
    TB_RETURN_IF_ERROR(checkOwnPassword(actor, p.user, change.currentPassword, "current_password"));
  if (changed.empty()) return u;
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.users().update(u));
    return tx.audit().append(audit::Event(actor, clock_.now(), "profile.update", "user",
                                          std::to_string(u.id), u.id, {{"fields", changed}}));
  });
  if (s.code() == StatusCode::kConflict)
    return Status::InvalidField("email", "taken", "is already registered");
  TB_RETURN_IF_ERROR(s);
  return u;
}

Result<int64_t> AccountService::changePassword(const Actor& actor, const Principal& p,
                                               const std::string& current,
                                               const std::string& replacement) {
  FieldErrors errors;
  if (current.empty()) errors["current_password"] = {"required", "is required"};
  FieldErrors pw;
  (void)ValidatePassword(replacement, pw);
  if (pw.count("password")) errors["new_password"] = pw["password"];
  if (!errors.empty()) return Status::InvalidArgument("invalid input", errors);
  TB_RETURN_IF_ERROR(checkOwnPassword(actor, p.user, current, "current_password"));
  if (replacement == current)
    return Status::InvalidField("new_password", "same_password",
                                "must differ from the current password");
  TB_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(replacement, options_.cost));
  int64_t ended = 0;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(p.user.id));
    u.passwordHash = hash;
    TB_RETURN_IF_ERROR(tx.users().update(u));
    TB_ASSIGN_OR_RETURN(ended, tx.sessions().removeForUser(u.id, p.tokenHash));
    return tx.audit().append(audit::Event(actor, clock_.now(), "auth.password_change", "user",
                                          std::to_string(u.id), u.id, {{"sessions_ended", ended}}));
  }));
  return ended;
}

Result<db::ErasureResult> AccountService::deleteAccount(const Actor& actor, const Principal& p,
                                                        const std::string& password) {
  if (!access::IsApplicant(access::RoleOf(p.user)))
    return Status::PermissionDenied("staff accounts are closed by an administrator");
  TB_RETURN_IF_ERROR(checkOwnPassword(actor, p.user, password, "password"));
  db::ErasureResult erased;
  TimePoint now = clock_.now();
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(db::UserRow u, tx.users().byId(p.user.id));
    TB_ASSIGN_OR_RETURN(erased, tx.users().erasePersonalData(u.id, u.email, now));
    // The row stays: submitted cases and the audit trail point at it. Nothing in it identifies
    // the person any more, the address is free to register again, and no password matches.
    u.email = "deleted-" + std::to_string(u.id) + "@deleted.invalid";
    u.displayName = "—";
    u.passwordHash = "!";
    u.photoDocumentId.reset();
    u.photoVerifiedAt.reset();
    u.disabled = true;
    TB_RETURN_IF_ERROR(tx.users().update(u));
    TB_RETURN_IF_ERROR(tx.audit().append(
        audit::Event(actor, now, "account.delete", "user", std::to_string(u.id), u.id,
                     {{"drafts", erased.drafts},
                      {"documents", erased.documents},
                      {"notifications", erased.notifications},
                      {"consultations", erased.consultations},
                      {"appointments_cancelled", erased.appointmentsCancelled}})));
    return tx.outbox().append(
        {0, now, "user.deleted", json::serialize(json::object{{"user_id", u.id}})});
  }));
  perAccount_.reset(p.user.email);
  return erased;
}

Result<db::UserPage> AccountService::searchUsers(const Actor& actor, const db::UserQuery& q) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied("for administrators");
  db::UserPage page;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(page, tx.users().search(q));
    return tx.audit().append(
        audit::Event(actor, clock_.now(), "admin.users_list", "user", "", std::nullopt,
                     {{"q", q.q},
                      {"role", q.role ? json::value(*q.role) : json::value(nullptr)},
                      {"unit_id", q.unitId ? json::value(*q.unitId) : json::value(nullptr)},
                      {"disabled", q.disabled ? json::value(*q.disabled) : json::value(nullptr)},
                      {"offset", q.offset},
                      {"returned", int64_t(page.users.size())}}));
  }));
  return page;
}

Result<AccountChanged> AccountService::changeAccount(const Actor& actor, int64_t userId,
                                                     const AccountChange& change) {
  if (!access::IsAdmin(actor)) return Status::PermissionDenied("for administrators");
  const auto& [role, unit, name, disabled] = change;
  bool self = actor.userId && *actor.userId == userId;
  if (self && disabled && *disabled)
    return Status::Conflict("you cannot disable your own account; ask another administrator");
  if (self && role && *role != "admin")
    return Status::Conflict(
        "you cannot take the administrator role from yourself; ask another administrator");
  AccountChanged out;
  db::UserRow& u = out.user;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(u, tx.users().byId(userId));
    json::object changes;
    bool applicant = access::IsApplicant(access::RoleOf(u));
    if (role && *role != u.role) {
      if (applicant)
        return Status::InvalidField("role", "applicant",
                                    "an applicant's account cannot become a staff account");
      changes["role"] = {{"from", u.role}, {"to", *role}};
      u.role = *role;
    }
    if (unit && *unit != u.unitId) {
      if (applicant)
        return Status::InvalidField("unit_id", "applicant", "applicants belong to no unit");
      changes["unit_id"] = {{"from", u.unitId ? json::value(*u.unitId) : json::value(nullptr)},
                            {"to", *unit ? json::value(**unit) : json::value(nullptr)}};
      u.unitId = *unit;
    }
    if (!applicant && !access::IsAdmin(access::RoleOf(u)) && !u.unitId)
      return Status::InvalidField("unit_id", "required",
                                  "every staff role but admin belongs to a unit");
    if (name && *name != u.displayName) {
      changes["display_name"] = true;  // names are personal data: not copied into the trail
      u.displayName = *name;
    }
    if (disabled && *disabled != u.disabled) {
      if (!*disabled && u.email.ends_with("@deleted.invalid"))
        return Status::Conflict("a deleted account cannot be enabled again");
      changes["disabled"] = *disabled;
      u.disabled = *disabled;
    }
    if (changes.empty()) return Status::Ok();
    TB_RETURN_IF_ERROR(tx.users().update(u));
    TimePoint now = clock_.now();
    if (u.disabled && changes.contains("disabled")) {
      // Out at once: no session survives, and no question is routed to them any more.
      TB_ASSIGN_OR_RETURN(out.sessionsEnded, tx.sessions().removeForUser(u.id, ""));
      if (!applicant) TB_RETURN_IF_ERROR(tx.consultations().setDuty(u.id, false, now));
      changes["sessions_ended"] = out.sessionsEnded;
    }
    std::string action = changes.contains("disabled")
                             ? (u.disabled ? "admin.user_disable" : "admin.user_enable")
                             : "admin.user_update";
    return tx.audit().append(
        audit::Event(actor, clock_.now(), action, "user", std::to_string(u.id), u.id, changes));
  }));
  return out;
}

}  // namespace tongban::accounts

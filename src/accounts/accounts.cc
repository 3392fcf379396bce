#include "accounts/accounts.h"

#include <regex>

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
  u.createdAt = FormatTimestamp(clock_.now());
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
  r.expiresAt = FormatTimestamp(now + (kind == "cookie" ? options_.cookieTtl : options_.bearerTtl));
  db::SessionRow session{crypto::Sha256Hex(r.token), user.id,    kind, r.csrf,
                         FormatTimestamp(now),       r.expiresAt};
  Actor who = actor;
  who.userId = user.id;
  who.role = user.role;
  TB_RETURN_IF_ERROR(db_.write([&](db::Transaction& tx) -> Status {
    TB_RETURN_IF_ERROR(tx.sessions().insert(session));
    TB_RETURN_IF_ERROR(tx.sessions().removeExpired(FormatTimestamp(now)));
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
    if (session.expiresAt <= FormatTimestamp(clock_.now())) return Status::NotFound("expired");
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

#include "db/migrations.h"

namespace tongban::db {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "core", R"SQL(
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES units(id),
  kind TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  country TEXT NOT NULL, city TEXT NOT NULL, timezone TEXT NOT NULL,
  address_zh TEXT NOT NULL, address_en TEXT NOT NULL,
  opening_hours TEXT NOT NULL, phone TEXT NOT NULL,
  lat REAL, lon REAL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  assurance TEXT NOT NULL,
  verified_at TEXT, verified_by INTEGER, verification_evidence TEXT NOT NULL,
  photo_document_id INTEGER, photo_verified_at TEXT,
  locale TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE categories (code TEXT PRIMARY KEY, sort INTEGER NOT NULL, spec TEXT NOT NULL);
CREATE TABLE items (
  code TEXT PRIMARY KEY, category TEXT NOT NULL, kind TEXT NOT NULL,
  spec TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE workflows (code TEXT PRIMARY KEY, spec TEXT NOT NULL);
CREATE TABLE holidays (date TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE,
  item_code TEXT NOT NULL, workflow TEXT NOT NULL,
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  submitted_by_id INTEGER NOT NULL REFERENCES users(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  state TEXT NOT NULL, priority TEXT NOT NULL,
  form TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  submitted_at TEXT, accepted_at TEXT,
  deadline TEXT, paused_since TEXT, supplement_due TEXT,
  decided_rule TEXT NOT NULL, decision_note TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX cases_applicant ON cases(applicant_id, id);
CREATE INDEX cases_queue ON cases(unit_id, state, id);
CREATE TABLE case_history (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, action TEXT NOT NULL,
  actor_id INTEGER, actor_role TEXT NOT NULL, unit_id INTEGER, note TEXT NOT NULL
);
CREATE INDEX case_history_case ON case_history(case_id, id);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  case_id INTEGER REFERENCES cases(id),
  doc_type TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  mime TEXT NOT NULL, filename TEXT NOT NULL, created_at TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL
);
CREATE INDEX documents_case ON documents(case_id);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, actor_id INTEGER, actor_role TEXT NOT NULL,
  action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL,
  subject_user_id INTEGER, request_id TEXT NOT NULL, ip TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit_events(subject_user_id, id);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, topic TEXT NOT NULL, payload TEXT NOT NULL, delivered_at TEXT
);
CREATE INDEX outbox_pending ON outbox(id) WHERE delivered_at IS NULL;
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);
)SQL"},
      {2, "ratings", R"SQL(
CREATE TABLE case_ratings (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)SQL"},
      {3, "appointments_and_video", R"SQL(
CREATE TABLE slots (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  officer_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
  care INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX slots_time ON slots(starts_at);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  slot_id INTEGER NOT NULL REFERENCES slots(id),
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  case_id INTEGER REFERENCES cases(id),
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  reminder_sent_at TEXT
);
-- One live booking per slot: the database refuses the second, however the requests race.
CREATE UNIQUE INDEX appointments_one_per_slot ON appointments(slot_id) WHERE status = 'booked';
CREATE INDEX appointments_applicant ON appointments(applicant_id, id);
CREATE TABLE video_sessions (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  officer_id INTEGER NOT NULL REFERENCES users(id),
  case_id INTEGER REFERENCES cases(id),
  subject TEXT NOT NULL,
  state TEXT NOT NULL,
  void_reason TEXT NOT NULL,
  recording_consent INTEGER NOT NULL, consent_at TEXT, recording INTEGER NOT NULL,
  resolution_w INTEGER NOT NULL, resolution_h INTEGER NOT NULL,
  coercion INTEGER NOT NULL,
  checklist TEXT NOT NULL, mrz TEXT NOT NULL, outcome_note TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, live_since TEXT, ended_at TEXT,
  version INTEGER NOT NULL
);
CREATE TABLE session_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES video_sessions(id),
  at TEXT NOT NULL, kind TEXT NOT NULL, actor_role TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX session_events_session ON session_events(session_id, id);
)SQL"},
      {4, "consultations_faq_notifications", R"SQL(
CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  topic TEXT NOT NULL,
  item_code TEXT,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  assignee_id INTEGER REFERENCES users(id),
  status TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  first_response_due TEXT NOT NULL, first_response_at TEXT,
  resolution_due TEXT NOT NULL, closed_at TEXT,
  rating INTEGER, rating_comment TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX consultations_queue ON consultations(status, unit_id, id);
CREATE INDEX consultations_applicant ON consultations(applicant_id, id);
CREATE TABLE consultation_messages (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  at TEXT NOT NULL, author_id INTEGER NOT NULL, author_role TEXT NOT NULL,
  body TEXT NOT NULL, document_id INTEGER REFERENCES documents(id)
);
CREATE INDEX consultation_messages_c ON consultation_messages(consultation_id, id);
ALTER TABLE documents ADD COLUMN consultation_id INTEGER REFERENCES consultations(id);
CREATE TABLE canned_answers (
  code TEXT PRIMARY KEY, title_zh TEXT NOT NULL, title_en TEXT NOT NULL, body_zh TEXT NOT NULL, body_en TEXT NOT NULL
);
CREATE TABLE staff_duty (user_id INTEGER PRIMARY KEY REFERENCES users(id), on_duty INTEGER NOT NULL, since TEXT NOT NULL);
CREATE TABLE faq_articles (
  code TEXT PRIMARY KEY, item_code TEXT, category TEXT,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, body_zh TEXT NOT NULL, body_en TEXT NOT NULL
);
-- Full-text index; CJK text is stored one character per token (see common/text.h), so Chinese
-- queries of any length match, and English words match as words.
CREATE VIRTUAL TABLE faq_fts USING fts5(code UNINDEXED, title, body, tokenize = 'unicode61');
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, link TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY, owner_unit_id INTEGER REFERENCES units(id), url TEXT NOT NULL, secret TEXT NOT NULL,
  topics TEXT NOT NULL, active INTEGER NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL, target TEXT NOT NULL, webhook_id INTEGER REFERENCES webhooks(id),
  event_id INTEGER NOT NULL, topic TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
)SQL"},
      // Catalogue texts in languages beyond Chinese and English (catalog/i18n): field →
      // language → text as JSON, e.g. {"name": {"it": "…"}, "address": {"it": "…"}}.
      {6, "catalog_translations", R"SQL(
ALTER TABLE units ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE faq_articles ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE canned_answers ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
)SQL"},
      {7, "notification_preferences", R"SQL(
-- Which kinds of notification a person also wants by e-mail (in-app is always on). No row: all on.
CREATE TABLE notification_prefs (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  email_cases INTEGER NOT NULL, email_appointments INTEGER NOT NULL,
  email_consultations INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_target ON deliveries(channel, target);
)SQL"},
      // The administrators' webhook list counts each webhook's deliveries by status.
      {8, "webhook_delivery_counts", R"SQL(
CREATE INDEX deliveries_webhook ON deliveries(webhook_id, status);
)SQL"},
      // Signed results of cases (src/results/) and the links their holders share.
      {9, "certificates", R"SQL(
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  holder_id INTEGER NOT NULL REFERENCES users(id),
  item_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('certificate', 'decision_letter')),
  unit_id INTEGER NOT NULL,
  kid TEXT NOT NULL,
  payload TEXT NOT NULL,
  signature TEXT NOT NULL,
  pdf_sha256 TEXT,
  issued_at TEXT NOT NULL,
  valid_until TEXT,
  status TEXT NOT NULL CHECK (status IN ('valid', 'revoke_pending', 'revoked')),
  revoke_reason TEXT NOT NULL DEFAULT '',
  revoke_requested_by INTEGER,
  revoke_requested_at TEXT,
  revoked_by INTEGER,
  revoked_at TEXT,
  replaces TEXT,
  replaced_by TEXT
);
CREATE INDEX certificates_case ON certificates(case_id, issued_at);
CREATE INDEX certificates_holder ON certificates(holder_id, issued_at);
CREATE TABLE certificate_shares (
  id INTEGER PRIMARY KEY,
  certificate_id TEXT NOT NULL REFERENCES certificates(id),
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  uses INTEGER NOT NULL DEFAULT 0,
  last_used_at TEXT
);
CREATE INDEX certificate_shares_cert ON certificate_shares(certificate_id);
)SQL"},
      // Fees paid on cases and their refunds, each with a receipt number unique across the
      // system; the counters keep each issuing unit's numbers gap-free within a year.
      {10, "payments", R"SQL(
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  amount_cents INTEGER NOT NULL, currency TEXT NOT NULL,
  method TEXT NOT NULL,
  payer_kind TEXT NOT NULL, payer_name TEXT NOT NULL, payer_relationship TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  provider TEXT NOT NULL, provider_ref TEXT NOT NULL,
  receipt_no TEXT NOT NULL UNIQUE,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  refund_of INTEGER REFERENCES payments(id),
  refund_due_since TEXT,
  note TEXT NOT NULL
);
CREATE INDEX payments_case ON payments(case_id, id);
CREATE UNIQUE INDEX payments_one_refund ON payments(refund_of) WHERE refund_of IS NOT NULL;
CREATE TABLE receipt_counters (
  issuer TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
  PRIMARY KEY (issuer, year)
);
)SQL"},
      // How a case's result reaches the person (delivery/). Named case_deliveries because
      // `deliveries` is the e-mail and webhook delivery log.
      {11, "deliveries", R"SQL(
CREATE TABLE case_deliveries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  option TEXT NOT NULL, status TEXT NOT NULL, site_unit_id INTEGER REFERENCES units(id),
  address TEXT NOT NULL, carrier TEXT NOT NULL, tracking_no TEXT NOT NULL,
  code_salt TEXT NOT NULL, code_hash TEXT NOT NULL, code_failures INTEGER NOT NULL,
  assignee_id INTEGER REFERENCES users(id), handed_over_by INTEGER REFERENCES users(id),
  handed_over_at TEXT, attempt INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX case_deliveries_tracking ON case_deliveries(carrier, tracking_no);
CREATE TABLE case_delivery_events (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES case_deliveries(id),
  at TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
  actor_id INTEGER REFERENCES users(id), actor_role TEXT NOT NULL,
  note TEXT NOT NULL, location TEXT NOT NULL, external_id TEXT NOT NULL
);
CREATE INDEX case_delivery_events_d ON case_delivery_events(delivery_id, id);
)SQL"},
      // Acting for others (identity/): people verified without an account of their own, the
      // accounts that may name them, the application made for one, and the consent a person
      // gives at a desk for an officer to apply for them. A family video session keeps the
      // details of the person it verifies until the officer decides.
      {12, "persons_and_consents", R"SQL(
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, name_latin TEXT NOT NULL, id_number TEXT NOT NULL UNIQUE,
  birth_date TEXT NOT NULL, phone TEXT NOT NULL,
  verified_at TEXT NOT NULL, verified_by INTEGER NOT NULL REFERENCES users(id),
  session_id INTEGER REFERENCES video_sessions(id),
  present TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE person_links (
  user_id INTEGER NOT NULL REFERENCES users(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  relationship TEXT NOT NULL, since TEXT NOT NULL,
  PRIMARY KEY (user_id, person_id)
);
CREATE TABLE case_persons (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id)
);
CREATE TABLE assist_consents (
  id INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  officer_id INTEGER NOT NULL REFERENCES users(id),
  unit_id INTEGER REFERENCES units(id),
  item_code TEXT NOT NULL, method TEXT NOT NULL,
  code_salt TEXT NOT NULL, code_hash TEXT NOT NULL, failures INTEGER NOT NULL,
  status TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
  confirmed_at TEXT, case_id INTEGER UNIQUE REFERENCES cases(id)
);
ALTER TABLE video_sessions ADD COLUMN person TEXT NOT NULL DEFAULT '{}';
)SQL"},
      // Powers of attorney (mandates/): who may act for whom, in which scope, steps and dates,
      // how it was checked, and each use of it. The video session checking one, the payment
      // and the case step taken under one name it (`mandate_id`).
      {13, "mandates", R"SQL(
CREATE TABLE mandates (
  id INTEGER PRIMARY KEY,
  grantor_id INTEGER NOT NULL REFERENCES users(id),
  grantee_id INTEGER REFERENCES users(id),
  grantee_name TEXT NOT NULL, grantee_id_number TEXT NOT NULL, grantee_phone TEXT NOT NULL,
  grantee_email TEXT NOT NULL,
  claim_hash TEXT NOT NULL, claim_failures INTEGER NOT NULL,
  items TEXT NOT NULL, case_id INTEGER REFERENCES cases(id), steps TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_until TEXT NOT NULL,
  state TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id),
  letter_document_id INTEGER REFERENCES documents(id),
  id_document_id INTEGER REFERENCES documents(id),
  check_method TEXT NOT NULL, checked_by INTEGER REFERENCES users(id), checked_at TEXT,
  check_note TEXT NOT NULL, video_session_id INTEGER REFERENCES video_sessions(id),
  revoked_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX mandates_grantor ON mandates(grantor_id, id);
CREATE INDEX mandates_grantee ON mandates(grantee_id, id);
CREATE INDEX mandates_pending ON mandates(state, unit_id, id);
CREATE UNIQUE INDEX mandates_claim ON mandates(claim_hash) WHERE claim_hash != '';
CREATE TABLE mandate_uses (
  id INTEGER PRIMARY KEY,
  mandate_id INTEGER NOT NULL REFERENCES mandates(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  step TEXT NOT NULL, action TEXT NOT NULL, reference TEXT NOT NULL,
  grantee_id INTEGER NOT NULL REFERENCES users(id), recorded_by INTEGER REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX mandate_uses_case ON mandate_uses(case_id, id);
ALTER TABLE video_sessions ADD COLUMN mandate_id INTEGER REFERENCES mandates(id);
ALTER TABLE payments ADD COLUMN mandate_id INTEGER REFERENCES mandates(id);
ALTER TABLE case_history ADD COLUMN mandate_id INTEGER REFERENCES mandates(id);
)SQL"},
      // Green-channel requests (priority/): who asked, why, which level of the unit tree must
      // decide by when, and the outcome; every escalation is kept beside them.
      {14, "green_channel", R"SQL(
CREATE TABLE green_channel_requests (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  requested_by INTEGER NOT NULL REFERENCES users(id),
  requested_at TEXT NOT NULL,
  category TEXT NOT NULL, explanation TEXT NOT NULL, evidence TEXT NOT NULL,
  status TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  level_unit_id INTEGER NOT NULL REFERENCES units(id),
  level INTEGER NOT NULL,
  due_at TEXT NOT NULL,
  decided_at TEXT, decided_by INTEGER REFERENCES users(id), decided_level INTEGER NOT NULL,
  decision_reason TEXT NOT NULL,
  expedited_deadline TEXT
);
CREATE INDEX green_channel_case ON green_channel_requests(case_id, id);
CREATE INDEX green_channel_pending ON green_channel_requests(status, due_at);
CREATE UNIQUE INDEX green_channel_one_pending ON green_channel_requests(case_id)
  WHERE status = 'pending';
CREATE TABLE green_channel_escalations (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES green_channel_requests(id),
  at TEXT NOT NULL,
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  to_unit_id INTEGER NOT NULL REFERENCES units(id),
  level INTEGER NOT NULL
);
CREATE INDEX green_channel_escalations_r ON green_channel_escalations(request_id, id);
)SQL"},
      // Cases handed to the difficult-case team, and the notes the team and the case's own unit
      // share on them.
      {15, "difficult_cases", R"SQL(
CREATE TABLE difficult_cases (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  team_unit_id INTEGER NOT NULL REFERENCES units(id),
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  reason TEXT NOT NULL,
  handed_by INTEGER NOT NULL REFERENCES users(id),
  handed_at TEXT NOT NULL,
  due TEXT
);
CREATE INDEX difficult_cases_team ON difficult_cases(team_unit_id, due);
CREATE TABLE case_notes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, id);
)SQL"},
  };
  return kMigrations;
}

}  // namespace tongban::db

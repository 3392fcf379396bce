#pragma once
// Rows as the repositories hand them to domain code. Plain data; no behaviour.
// Timestamps are FormatTimestamp() strings (UTC), dates FormatDate() strings.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::db {

//! A row's texts in languages beyond Chinese and English, from catalog/i18n:
//! field → language → text, e.g. {"name": {"it": "…", "de": "…"}}.
using TextTranslations = std::map<std::string, std::map<std::string, std::string>>;

struct UserRow {
  int64_t id = 0;
  std::string email;
  std::string passwordHash;
  std::string displayName;
  std::string role;  // applicant | liaison | officer | supervisor | department | admin
  std::optional<int64_t> unitId;
  std::string assurance = "account";  // account | verified
  std::optional<std::string> verifiedAt;
  std::optional<int64_t> verifiedBy;
  std::string verificationEvidence;  // JSON array of evidence types
  std::optional<int64_t> photoDocumentId;
  std::optional<std::string> photoVerifiedAt;
  std::string locale = "zh-CN";
  std::string createdAt;
  bool disabled = false;
};

struct SessionRow {
  std::string tokenHash;  // sha256 of the token; the token itself is never stored
  int64_t userId = 0;
  std::string kind;  // cookie | bearer
  std::string csrf;
  std::string createdAt;
  std::string expiresAt;
};

struct UnitRow {
  int64_t id = 0;
  std::string code;
  std::optional<int64_t> parentId;
  std::string kind;  // bureau | branch_centre | service_site | liaison_site | department
  std::string nameZh, nameEn;
  std::string country, city, timezone;
  std::string addressZh, addressEn;
  std::string openingHoursJson = "[]";
  std::string phone;
  std::optional<double> lat, lon;
  TextTranslations translations;  // "name", "address"
};

struct CategoryRow {
  std::string code;
  int sort = 0;
  std::string specJson;
};

struct ItemRow {
  std::string code;
  std::string category;
  std::string kind;  // business | query
  std::string specJson;
  std::string updatedAt;
};

struct WorkflowRow {
  std::string code;
  std::string specJson;
};

struct HolidayRow {
  std::string date;
  std::string kind;  // holiday | workday
  std::string name;
};

struct CaseRow {
  int64_t id = 0;
  std::string caseNo;
  std::string itemCode;
  std::string workflow;
  int64_t applicantId = 0;
  int64_t submittedById = 0;
  int64_t unitId = 0;
  std::string state;
  std::string priority = "normal";  // normal | care | urgent
  std::string formJson = "{}";
  std::optional<int64_t> assigneeId;
  std::string createdAt, updatedAt;
  std::optional<std::string> submittedAt, acceptedAt;
  std::optional<std::string> deadline;       // legal time limit, a date in the unit's calendar
  std::optional<std::string> pausedSince;    // date the clock stopped for the applicant
  std::optional<std::string> supplementDue;  // material-submission window end
  std::string decidedRule;                   // which rule decided an instant/auto item
  std::string decisionNote;
  int64_t version = 0;
};

struct HistoryRow {
  int64_t id = 0;
  int64_t caseId = 0;
  std::string at;
  std::string fromState, toState, action;
  std::optional<int64_t> actorId;
  std::string actorRole;
  std::optional<int64_t> unitId;
  std::string note;
};

struct RatingRow {
  int64_t caseId = 0;
  int64_t applicantId = 0;
  int score = 0;  // 1..5
  std::string comment;
  std::string createdAt;
};

struct DocumentRow {
  int64_t id = 0;
  int64_t ownerId = 0;
  std::optional<int64_t> caseId;
  std::string docType;
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  std::string filename;
  std::string createdAt;
  int64_t uploadedBy = 0;
};

struct AuditRow {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> actorId;
  std::string actorRole;
  std::string action;
  std::string objectType;
  std::string objectId;
  std::optional<int64_t> subjectUserId;  // whose personal data this touched
  std::string requestId;
  std::string ip;
  std::string detailJson = "{}";
};

struct OutboxRow {
  int64_t id = 0;
  std::string at;
  std::string topic;
  std::string payloadJson;
};

struct IdempotencyRow {
  int64_t userId = 0;
  std::string key;
  std::string requestHash;
  int status = 0;
  std::string body;
  std::string createdAt;
};

struct SlotRow {
  int64_t id = 0;
  int64_t unitId = 0;
  int64_t officerId = 0;
  std::string kind;  // video | window
  std::string startsAt, endsAt;
  bool care = false;  // priority care window for elderly and disabled people
  std::string createdAt;
  bool booked = false;  // filled by queries, not stored
};

struct AppointmentRow {
  int64_t id = 0;
  int64_t slotId = 0;
  int64_t applicantId = 0;
  std::optional<int64_t> caseId;
  std::string purpose;  // identity | window
  std::string status;   // booked | cancelled | completed | void
  std::string createdAt, updatedAt;
  std::optional<std::string> reminderSentAt;
};

struct VideoSessionRow {
  int64_t id = 0;
  int64_t appointmentId = 0;
  int64_t applicantId = 0;
  int64_t officerId = 0;
  std::optional<int64_t> caseId;
  std::string subject = "self";  // self | proxy | authorisation
  std::string state = "open";    // open | live | void | approved | rejected
  std::string voidReason;
  bool recordingConsent = false;
  std::optional<std::string> consentAt;
  bool recording = false;
  int resolutionW = 0, resolutionH = 0;
  bool coercion = false;
  std::string checklistJson = "{}";
  std::string mrzJson = "{}";
  std::string outcomeNote;
  std::string createdAt, updatedAt;
  std::optional<std::string> liveSince, endedAt;
  int64_t version = 1;
};

struct SessionEventRow {
  int64_t id = 0;
  int64_t sessionId = 0;
  std::string at;
  std::string kind;
  std::string actorRole;
  std::string detailJson = "{}";
};

struct ConsultationRow {
  int64_t id = 0;
  int64_t applicantId = 0;
  std::string topic;
  std::optional<std::string> itemCode;
  int64_t unitId = 0;
  std::optional<int64_t> assigneeId;
  std::string status = "open";  // open | answered | closed
  std::string createdAt, updatedAt;
  std::string firstResponseDue;
  std::optional<std::string> firstResponseAt;
  std::string resolutionDue;
  std::optional<std::string> closedAt;
  std::optional<int> rating;
  std::string ratingComment;
  int64_t version = 1;
};

struct MessageRow {
  int64_t id = 0;
  int64_t consultationId = 0;
  std::string at;
  int64_t authorId = 0;
  std::string authorRole;
  std::string body;
  std::optional<int64_t> documentId;
};

struct CannedRow {
  std::string code, titleZh, titleEn, bodyZh, bodyEn;
  TextTranslations translations;  // "title", "body"
};

struct FaqRow {
  std::string code;
  std::optional<std::string> itemCode, category;
  std::string titleZh, titleEn, bodyZh, bodyEn;
  double rank = 0;                // filled by search
  TextTranslations translations;  // "title", "body"
};

struct NotificationRow {
  int64_t id = 0;
  int64_t userId = 0;
  std::string at, kind, title, body, link;
  std::optional<std::string> readAt;
};

//! Per-person e-mail choices by kind of notification; in-app notifications are always on.
struct NotificationPrefsRow {
  int64_t userId = 0;
  bool emailCases = true;          // case updates (and identity check results)
  bool emailAppointments = true;   // confirmations, changes, reminders
  bool emailConsultations = true;  // replies to questions
  std::string updatedAt;
};

//! What erasing an account removed (see UserRepository::erasePersonalData).
struct ErasureResult {
  int64_t drafts = 0, documents = 0, notifications = 0, consultations = 0, sessions = 0;
  int64_t appointmentsCancelled = 0;
  std::vector<std::string> documentHashes;  // sha256 of deleted documents (blobs to release)
};

struct WebhookRow {
  int64_t id = 0;
  std::optional<int64_t> ownerUnitId;
  std::string url, secret;
  std::string topicsJson = "[]";
  bool active = true;
  std::string createdAt;
};

struct DeliveryRow {
  int64_t id = 0;
  std::string channel;  // email | webhook
  std::string target;   // address or URL
  std::optional<int64_t> webhookId;
  int64_t eventId = 0;
  std::string topic, payload;
  std::string status = "pending";  // pending | sent | failed
  int attempts = 0;
  std::string lastError;
  std::string nextAttemptAt, createdAt, updatedAt;
};

struct QueueFilter {
  std::vector<int64_t> unitIds;  // empty: every unit
  std::optional<std::string> state;
  std::vector<std::string> activeStates;  // used when state is not given
  bool overdueOnly = false;
  std::string today;  // for the overdue test
  std::optional<std::string> priority;
  int limit = 50;
  int64_t afterId = 0;  // keyset pagination on id
};

}  // namespace tongban::db

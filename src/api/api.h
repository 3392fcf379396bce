#pragma once
// JSON API under /api/v1: turns HTTP requests into calls on the domain services and their
// results into responses. Status -> HTTP mapping lives in errors.cc and nowhere else.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "accounts/access_log.h"
#include "accounts/accounts.h"
#include "cases/case_service.h"
#include "certificates/keys.h"
#include "common/actor.h"
#include "consult/consultation_service.h"
#include "db/database.h"
#include "delivery/delivery_service.h"
#include "documents/document_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/ws_hub.h"
#include "identity/appointment_service.h"
#include "identity/persons.h"
#include "identity/video_service.h"
#include "mandates/mandate_service.h"
#include "notify/inbox.h"
#include "payments/payment_service.h"
#include "priority/difficult.h"
#include "priority/green_channel.h"
#include "reference/reference.h"
#include "reference/unit_editor.h"
#include "results/result_service.h"

namespace tongban::api {

struct ApiOptions {
  bool secureCookies = false;  // set the Secure flag (behind TLS)
  size_t maxJsonBody = 64 * 1024;
  size_t maxUploadBody = 10 * 1024 * 1024;
  std::filesystem::path webRoot;  // built front end; empty: none
  std::string iceServersJson =
      "[]";  // RTCIceServer list for browsers (STUN/TURN); empty works on a LAN
  // Carrier -> shared secret of its signed tracking pushes (delivery_api.cc).
  std::map<std::string, std::string> carrierSecrets;
};

struct ApiDeps {
  db::Database& db;
  const Clock& clock;
  reference::ReferenceData& reference;
  accounts::AccountService& accounts;
  cases::CaseService& cases;
  documents::DocumentService& documents;
  http::Metrics& metrics;
  identity::AppointmentService& appointments;
  identity::VideoService& video;
  http::WsHub& hub;
  consult::ConsultationService& consult;
  consult::FaqService& faq;
  notify::Inbox& inbox;                 // a person's notifications and e-mail choices
  notify::Webhooks& webhooks;           // webhooks and the delivery log
  accounts::AccessLog& accessLog;       // who touched a person's data
  reference::UnitEditor& unitEditor;    // administrators' edits of the units
  certificates::KeyRing& keys;          // signs certificates; its public half is /api/v1/keys
  results::ResultService& results;      // issued results, verification, wallet, share links
  payments::PaymentService& payments;   // fees, payments, refunds, receipts
  delivery::DeliveryService& delivery;  // how results reach people
  identity::PersonService& persons;     // family members verified on a call; desk consents
  mandates::MandateService& mandates;   // powers of attorney
  ApiOptions options;
  // Set by server/ after the rest (kept out of the positional list above).
  priority::GreenChannelService* greenChannel = nullptr;  // urgent matters, expedited
  priority::DifficultCaseService* difficult = nullptr;    // the difficult-case team
};

//! The hub room of one user's live connections (notifications, chat).
std::string UserRoom(int64_t userId);

//! Adds every route of the API, /healthz, /metrics and the static front end.
void RegisterRoutes(http::Router& router, ApiDeps& deps);

//! The OpenAPI 3 description served at /api/v1/openapi.json.
const std::string& OpenApiDocument();

// Shared by the handler files.
http::Response StatusResponse(const Status& s, const http::Request& req);
Actor AnonymousActor(const http::Request& req);
//! The signed-in caller. Unsafe methods with a cookie session must carry X-CSRF-Token.
Result<accounts::Principal> Authenticate(ApiDeps& deps, const http::Request& req);
Actor ActorOf(const accounts::Principal& p, const http::Request& req);
//! The signed-in caller, acting for someone else when the request carries `X-Act-For: <mandate
//! id>` (resolved through mandates/ on every request, so a revocation stops it at once). Only
//! the routes that are steps of a mandate call this; Authenticate refuses X-Act-For (403).
Result<Actor> ActingCaller(ApiDeps& deps, const http::Request& req);
//! Ok unless `actor` acts for someone and the mandate does not allow `step` on case `caseId`
//! (403; "read" for opening it).
Status ProxyStep(ApiDeps& deps, const Actor& actor, int64_t caseId, std::string_view step);
//! The signed-in caller and the `:id` of the path; Unauthenticated, or NotFound naming `what`.
struct Target {
  accounts::Principal principal;
  Actor actor;
  int64_t id = 0;
};
Result<Target> CallerAndId(ApiDeps& deps, const http::Request& req, const std::string& what);
//! Path parameter `name` as a positive id, or nullopt.
std::optional<int64_t> IdParam(const http::Request& req, const char* name);
json::object UserJson(const db::UserRow& u);
//! A client-given file name made safe for storage and Content-Disposition: no control
//! characters, quotes or path separators, at most 120 bytes; `fallback` when nothing is left.
std::string SafeFilename(const std::string& in, const char* fallback = "document");
//! One e-mail or webhook delivery as the delivery log shows it (admin_api.cc).
json::object DeliveryJson(const db::DeliveryRow& r);
//! `{key: value}` with status `ok`, or the error of `r`.
http::Response JsonAnswer(const Result<json::object>& r, const http::Request& req, const char* key,
                          unsigned ok = 200);
//! The Set-Cookie value for the session cookie (an empty value with max-age 0 clears it).
std::string SessionCookie(const std::string& value, int64_t maxAge, bool secure);
//! Refuses a browser request from another origin (WebSocket upgrades carry cookies cross-site).
Status CheckSameOrigin(const http::Request& req);

//! Runs a blocking call on the worker pool and resumes on the caller's executor (for WebSocket
//! handlers, which live on the I/O threads).
template <typename F>
boost::asio::awaitable<std::invoke_result_t<F>> OnWorkers(boost::asio::any_io_executor workers,
                                                          F f) {
  using R = std::invoke_result_t<F>;
  co_return co_await boost::asio::co_spawn(
      workers, [f = std::move(f)]() mutable -> boost::asio::awaitable<R> { co_return f(); },
      boost::asio::use_awaitable);
}

}  // namespace tongban::api

#pragma once
// Sends queued deliveries: e-mail over SMTP and webhooks over HTTP(S), both with libcurl.
// A failed attempt is retried with exponential backoff; after `maxAttempts` it is marked
// failed. Every attempt's outcome stays in the delivery log.

#include <chrono>
#include <string>

#include "common/background_worker.h"
#include "common/clock.h"
#include "db/database.h"

namespace tongban::notify {

struct DeliveryOptions {
  std::string smtpUrl;  // smtp://host:port; empty: e-mail is off
  std::string smtpFrom = "noreply@tongban.example";
  std::chrono::milliseconds backoff{
      std::chrono::seconds(5)};  // first retry delay, doubled each time
  int maxAttempts = 6;
  std::chrono::seconds timeout{10};
};

//! Signs webhook bodies: "sha256=" + hex HMAC-SHA256(secret, body).
std::string Signature(const std::string& secret, const std::string& body);

class DeliveryWorker {
 public:
  DeliveryWorker(db::Database& db, const Clock& clock, DeliveryOptions options);
  ~DeliveryWorker() { stop(); }
  //! Attempts due deliveries every 250 ms, or at once after poke(), on a background thread.
  void start();
  void stop();
  void poke();
  //! Attempts every due delivery once; returns how many were attempted.
  size_t runOnce();

 private:
  Status sendEmail(const db::DeliveryRow& d);
  Status sendWebhook(const db::DeliveryRow& d, const std::string& secret);

  db::Database& db_;
  const Clock& clock_;
  DeliveryOptions options_;
  BackgroundWorker worker_;  // last: stopped before the members its ticks use go away
};

}  // namespace tongban::notify

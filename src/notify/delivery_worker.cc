#include "notify/delivery_worker.h"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>

#include "common/crypto.h"
#include "common/json.h"
#include "common/log.h"

namespace tongban::notify {

std::string Signature(const std::string& secret, const std::string& body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

DeliveryWorker::DeliveryWorker(db::Database& db, const Clock& clock, DeliveryOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {
  static const bool kInit = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)kInit;
}

namespace {
struct Upload {
  std::string data;
  size_t pos = 0;
};
size_t ReadBody(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t len = std::min(size * n, u->data.size() - u->pos);
  std::memcpy(buf, u->data.data() + u->pos, len);
  u->pos += len;
  return len;
}
size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string Base64(const std::string& s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

//! Folds base64 into 76-character lines, as MIME wants.
std::string Wrap(const std::string& b64) {
  std::string out;
  for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}
}  // namespace

Status DeliveryWorker::sendEmail(const db::DeliveryRow& d) {
  if (options_.smtpUrl.empty()) return Status::Unavailable("no SMTP server configured");
  auto p = ParseJsonObject(d.payload);
  if (!p.ok()) return Status::Internal("bad e-mail payload");
  std::string subject(p->at("subject").as_string()), body(p->at("body").as_string());
  std::string lang = p->contains("locale") ? std::string(p->at("locale").as_string()) : "en";
  Upload msg;
  msg.data = "From: Tongban <" + options_.smtpFrom + ">\r\nTo: <" + d.target +
             ">\r\nSubject: =?UTF-8?B?" + Base64(subject) + "?=\r\nMessage-ID: <delivery-" +
             std::to_string(d.id) + "@tongban>\r\nContent-Language: " + lang +
             "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
             "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
             Wrap(Base64(body));
  CURL* c = curl_easy_init();
  if (!c) return Status::Internal("curl init failed");
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + d.target + ">").c_str());
  curl_easy_setopt(c, CURLOPT_URL, options_.smtpUrl.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + options_.smtpFrom + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadBody);
  curl_easy_setopt(c, CURLOPT_READDATA, &msg);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, long(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK) return Status::Unavailable(std::string("smtp: ") + curl_easy_strerror(rc));
  return Status::Ok();
}

Status DeliveryWorker::sendWebhook(const db::DeliveryRow& d, const std::string& secret) {
  CURL* c = curl_easy_init();
  if (!c) return Status::Internal("curl init failed");
  curl_slist* h = nullptr;
  h = curl_slist_append(h, "Content-Type: application/json");
  h = curl_slist_append(h, ("X-Tongban-Signature: " + Signature(secret, d.payload)).c_str());
  h = curl_slist_append(h, ("X-Tongban-Event: " + d.topic).c_str());
  h = curl_slist_append(h, ("X-Tongban-Delivery: " + std::to_string(d.id)).c_str());
  curl_easy_setopt(c, CURLOPT_URL, d.target.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, d.payload.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, long(d.payload.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, long(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK) return Status::Unavailable(std::string("http: ") + curl_easy_strerror(rc));
  if (status < 200 || status >= 300)
    return Status::Unavailable("http status " + std::to_string(status));
  return Status::Ok();
}

size_t DeliveryWorker::runOnce() {
  std::vector<db::DeliveryRow> due;
  std::vector<db::WebhookRow> hooks;
  Status s = db_.read([&](db::Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(due, tx.notifications().dueDeliveries(clock_.now(), 50));
    TB_ASSIGN_OR_RETURN(hooks, tx.notifications().webhooks());
    return Status::Ok();
  });
  if (!s.ok()) return 0;
  for (auto& d : due) {
    Status sent;
    if (d.channel == "email") {
      sent = sendEmail(d);
    } else {
      std::string secret;
      for (const auto& h : hooks)
        if (d.webhookId && h.id == *d.webhookId) secret = h.secret;
      sent = sendWebhook(d, secret);
    }
    TimePoint now = clock_.now();
    d.attempts += 1;
    d.updatedAt = now;
    if (sent.ok()) {
      d.status = "sent";
      d.lastError.clear();
    } else {
      d.lastError = sent.message();
      if (d.attempts >= options_.maxAttempts) {
        d.status = "failed";
      } else {
        auto delay = options_.backoff * (1 << (d.attempts - 1));
        d.nextAttemptAt = now + std::chrono::duration_cast<std::chrono::milliseconds>(delay);
      }
      log::Warn(
          "delivery failed",
          {{"id", d.id}, {"channel", d.channel}, {"attempt", d.attempts}, {"error", d.lastError}});
    }
    Status w = db_.write([&](db::Transaction& tx) { return tx.notifications().updateDelivery(d); });
    if (!w.ok()) log::Warn("delivery log update failed", {{"error", w.message()}});
  }
  return due.size();
}

void DeliveryWorker::start() {
  worker_.start(std::chrono::milliseconds(250), [this] { runOnce(); });
}

void DeliveryWorker::poke() { worker_.wake(); }

void DeliveryWorker::stop() { worker_.stop(); }

}  // namespace tongban::notify

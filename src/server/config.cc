#include "server/config.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "common/json.h"

namespace tongban::server {

namespace {

using Setter = std::function<Status(Config&, const std::string&)>;

Status ParseInt(const std::string& name, const std::string& v, int& out) {
  try {
    size_t n = 0;
    int x = std::stoi(v, &n);
    if (n != v.size()) throw std::invalid_argument(v);
    out = x;
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::InvalidArgument(name + ": '" + v + "' is not an integer");
  }
}

Status ParseBool(const std::string& name, const std::string& v, bool& out) {
  if (v == "1" || v == "true")
    out = true;
  else if (v == "0" || v == "false")
    out = false;
  else
    return Status::InvalidArgument(name + ": '" + v + "' is not true or false");
  return Status::Ok();
}

const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"host",
       [](Config& c, const std::string& v) {
         c.host = v;
         return Status::Ok();
       }},
      {"port", [](Config& c, const std::string& v) { return ParseInt("port", v, c.port); }},
      {"data_dir",
       [](Config& c, const std::string& v) {
         c.dataDir = v;
         return Status::Ok();
       }},
      {"catalog_dir",
       [](Config& c, const std::string& v) {
         c.catalogDir = v;
         return Status::Ok();
       }},
      {"web_root",
       [](Config& c, const std::string& v) {
         c.webRoot = v;
         return Status::Ok();
       }},
      {"io_threads",
       [](Config& c, const std::string& v) { return ParseInt("io_threads", v, c.ioThreads); }},
      {"worker_threads",
       [](Config& c, const std::string& v) {
         return ParseInt("worker_threads", v, c.workerThreads);
       }},
      {"db_readers",
       [](Config& c, const std::string& v) { return ParseInt("db_readers", v, c.dbReaders); }},
      {"log_level",
       [](Config& c, const std::string& v) {
         c.logLevel = v;
         return Status::Ok();
       }},
      {"secure_cookies",
       [](Config& c, const std::string& v) {
         return ParseBool("secure_cookies", v, c.secureCookies);
       }},
      {"max_upload_mb",
       [](Config& c, const std::string& v) { return ParseInt("max_upload_mb", v, c.maxUploadMb); }},
      {"calendar_offset_minutes",
       [](Config& c, const std::string& v) {
         return ParseInt("calendar_offset_minutes", v, c.calendarOffsetMinutes);
       }},
      {"ice_servers",
       [](Config& c, const std::string& v) {
         boost::system::error_code ec;
         auto parsed = boost::json::parse(v, ec);
         if (ec || !parsed.is_array())
           return Status::InvalidArgument(
               "ice_servers: must be a JSON array of RTCIceServer objects");
         c.iceServersJson = v;
         return Status::Ok();
       }},
      {"smtp_url",
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0)
           return Status::InvalidArgument("smtp_url: must start with smtp:// or smtps://");
         c.smtpUrl = v;
         return Status::Ok();
       }},
      {"smtp_from",
       [](Config& c, const std::string& v) {
         c.smtpFrom = v;
         return Status::Ok();
       }},
      {"public_url",
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
           return Status::InvalidArgument("public_url: must start with http:// or https://");
         if (!v.empty() && v.back() == '/')
           return Status::InvalidArgument("public_url: must not end with '/'");
         if (v.size() > 200) return Status::InvalidArgument("public_url: at most 200 characters");
         c.publicUrl = v;
         return Status::Ok();
       }},
      {"verify_per_minute",
       [](Config& c, const std::string& v) {
         return ParseInt("verify_per_minute", v, c.verifyPerMinute);
       }},
      {"green_channel_decision_minutes",
       [](Config& c, const std::string& v) {
         return ParseInt("green_channel_decision_minutes", v, c.greenChannelDecisionMinutes);
       }},
      {"green_channel_days",
       [](Config& c, const std::string& v) {
         return ParseInt("green_channel_days", v, c.greenChannelDays);
       }},
      {"difficult_team_days",
       [](Config& c, const std::string& v) {
         return ParseInt("difficult_team_days", v, c.difficultTeamDays);
       }},
      {"delivery_backoff_ms",
       [](Config& c, const std::string& v) {
         return ParseInt("delivery_backoff_ms", v, c.deliveryBackoffMs);
       }},
      {"ws_idle_timeout_seconds",
       [](Config& c, const std::string& v) {
         return ParseInt("ws_idle_timeout_seconds", v, c.wsIdleTimeoutSeconds);
       }},
      {"video_reconnect_grace_seconds",
       [](Config& c, const std::string& v) {
         return ParseInt("video_reconnect_grace_seconds", v, c.videoReconnectGraceSeconds);
       }},
      {"carrier_secrets",
       [](Config& c, const std::string& v) { return ParseCarrierSecrets(v, c.carrierSecrets); }},
      {"fast_password_hashing",
       [](Config& c, const std::string& v) {
         return ParseBool("fast_password_hashing", v, c.fastPasswordHashing);
       }},
  };
  return kSetters;
}

}  // namespace

Status ParseCarrierSecrets(const std::string& v, std::map<std::string, std::string>& out) {
  auto obj = ParseJsonObject(v);
  if (!obj.ok())
    return Status::InvalidArgument(
        "carrier_secrets: must be a JSON object {\"carrier\": \"secret\", ...}");
  std::map<std::string, std::string> secrets;
  for (const auto& kv : *obj) {
    std::string name(kv.key());
    bool okName = name.size() >= 2 && name.size() <= 32;
    for (char ch : name)
      okName = okName && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
    if (!okName)
      return Status::InvalidArgument("carrier_secrets: '" + name +
                                     "' is not a carrier name (a-z, 0-9, '-', 2..32)");
    if (!kv.value().is_string() || kv.value().as_string().size() < 16)
      return Status::InvalidArgument("carrier_secrets: the secret of '" + name +
                                     "' must be a string of at least 16 characters");
    secrets[name] = std::string(kv.value().as_string());
  }
  out = std::move(secrets);
  return Status::Ok();
}

Status ApplyConfigFile(Config& c, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::NotFound("config file " + file.string() + " cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  auto obj = ParseJsonObject(ss.str());
  if (!obj.ok())
    return Status::InvalidArgument("config file " + file.string() + " is not a JSON object");
  for (const auto& kv : *obj) {
    auto it = Setters().find(std::string(kv.key()));
    if (it == Setters().end())
      return Status::InvalidArgument("config file " + file.string() + ": unknown setting '" +
                                     std::string(kv.key()) + "'");
    std::string v =
        kv.value().is_string() ? std::string(kv.value().as_string()) : json::serialize(kv.value());
    Status s = it->second(c, v);
    if (!s.ok())
      return Status::InvalidArgument("config file " + file.string() + ": " + s.message());
  }
  return Status::Ok();
}

Status ApplyEnvironment(Config& c) {
  for (const auto& [key, set] : Setters()) {
    std::string env = "TONGBAN_";
    for (char ch : key) env += char(std::toupper(static_cast<unsigned char>(ch)));
    if (const char* v = std::getenv(env.c_str())) {
      Status s = set(c, v);
      if (!s.ok()) return Status::InvalidArgument(env + ": " + s.message());
    }
  }
  return Status::Ok();
}

Status Validate(const Config& c) {
  if (c.port < 0 || c.port > 65535) return Status::InvalidArgument("port must be 0..65535");
  if (c.ioThreads < 1 || c.ioThreads > 256)
    return Status::InvalidArgument("io_threads must be 1..256");
  if (c.workerThreads < 1 || c.workerThreads > 1024)
    return Status::InvalidArgument("worker_threads must be 1..1024");
  if (c.dbReaders < 1 || c.dbReaders > 64)
    return Status::InvalidArgument("db_readers must be 1..64");
  if (c.verifyPerMinute < 1 || c.verifyPerMinute > 100000)
    return Status::InvalidArgument("verify_per_minute must be 1..100000");
  if (c.greenChannelDecisionMinutes < 1 || c.greenChannelDecisionMinutes > 7 * 24 * 60)
    return Status::InvalidArgument("green_channel_decision_minutes must be 1..10080");
  if (c.greenChannelDays < 1 || c.greenChannelDays > 60)
    return Status::InvalidArgument("green_channel_days must be 1..60");
  if (c.difficultTeamDays < 1 || c.difficultTeamDays > 120)
    return Status::InvalidArgument("difficult_team_days must be 1..120");
  if (c.maxUploadMb < 1 || c.maxUploadMb > 100)
    return Status::InvalidArgument("max_upload_mb must be 1..100");
  if (c.calendarOffsetMinutes < -720 || c.calendarOffsetMinutes > 840)
    return Status::InvalidArgument("calendar_offset_minutes must be -720..840");
  if (c.wsIdleTimeoutSeconds < 2 || c.wsIdleTimeoutSeconds > 3600)
    return Status::InvalidArgument("ws_idle_timeout_seconds must be 2..3600");
  if (c.videoReconnectGraceSeconds < 1 || c.videoReconnectGraceSeconds > 600)
    return Status::InvalidArgument("video_reconnect_grace_seconds must be 1..600");
  return Status::Ok();
}

}  // namespace tongban::server

#pragma once
// Server configuration. Precedence, lowest first: defaults, the JSON config file, TONGBAN_*
// environment variables, command-line flags.

#include <filesystem>
#include <map>
#include <string>

#include "common/status.h"

namespace tongban::server {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::filesystem::path dataDir = "var";         // tongban.db, blobs/ and keys/
  std::filesystem::path catalogDir = "catalog";  // read by `seed`
  std::filesystem::path webRoot = "web/dist";    // built front end
  int ioThreads = 2;
  int workerThreads = 32;
  int dbReaders = 4;
  std::string logLevel = "info";
  bool secureCookies = false;
  int maxUploadMb = 10;
  int calendarOffsetMinutes = 480;    // the legal clock runs on China Standard Time
  bool fastPasswordHashing = false;   // tests and benchmarks only: the cheapest argon2id cost
  std::string iceServersJson = "[]";  // RTCIceServer list (STUN/TURN) handed to browsers
  std::string smtpUrl;                // smtp://host:port for e-mail; empty: no e-mail
  std::string smtpFrom = "noreply@tongban.example";
  int deliveryBackoffMs = 5000;   // first retry of a failed e-mail or webhook
  int wsIdleTimeoutSeconds = 20;  // a silent WebSocket is pinged at half this, dropped at this
  int videoReconnectGraceSeconds = 30;  // a live video session waits this long for a dropped side
  //! The address people reach the service at, without a trailing slash: printed in certificate
  //! QR codes and share links. Empty: http://<host>:<port> as listening (fine on one machine).
  std::string publicUrl;
  int verifyPerMinute = 30;  // public certificate look-ups and share-link uses per address
  //! Working minutes (office hours on working days) a level's supervisors have to decide a
  //! green-channel request before it escalates to the unit above.
  int greenChannelDecisionMinutes = 120;
  int greenChannelDays = 3;    // an approved case is due within this many working days
  int difficultTeamDays = 10;  // working days the difficult-case team has for a case
  // Carrier name -> shared secret for its signed tracking pushes (POST
  // /api/v1/carriers/{carrier}/events). A carrier without a secret cannot push.
  std::map<std::string, std::string> carrierSecrets;

  std::filesystem::path dbPath() const { return dataDir / "tongban.db"; }
  std::filesystem::path blobDir() const { return dataDir / "blobs"; }
  //! The certificate signing keys (certificates::KeyRing); secret, mode 0700.
  std::filesystem::path keyDir() const { return dataDir / "keys"; }
  //! The secret pickup codes are derived from (delivery/); made at first start, mode 0600.
  std::filesystem::path deliveryKeyPath() const { return dataDir / "delivery.key"; }
};

//! Applies the keys present in a JSON file (same names as the TONGBAN_ variables, lower-case).
Status ApplyConfigFile(Config& c, const std::filesystem::path& file);
//! Applies TONGBAN_HOST, TONGBAN_PORT, TONGBAN_DATA_DIR, … from the environment.
Status ApplyEnvironment(Config& c);
//! Parses a `carrier_secrets` value: a JSON object {"carrier": "secret", …}; names are 2..32
//! characters a-z, 0-9 and '-', secrets at least 16 characters.
Status ParseCarrierSecrets(const std::string& v, std::map<std::string, std::string>& out);
//! Checks ranges; errors name the setting.
Status Validate(const Config& c);

}  // namespace tongban::server

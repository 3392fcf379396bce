// Certificates: the published public keys that verify them offline.

#include "api/routes.h"
#include "certificates/keys.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;

namespace {

//! The public key set, for anyone (no log-in): `tongban cert verify` and third parties check a
//! certificate PDF offline against it. Old keys stay in the set after a rotation so what they
//! signed keeps verifying. Caches may keep it five minutes: a new key signs only certificates
//! issued after the rotation, so a verifier at worst sees a fresh certificate's key a little
//! late, never loses an old one.
Result<Response> PublicKeys(ApiDeps& d, Request&) {
  Response resp = Response::Json(200, d.keys.publicKeys().toJson());
  resp.headers.emplace_back("Cache-Control", "public, max-age=300");
  return resp;
}

}  // namespace

void RegisterCertificateRoutes(http::Router& r, ApiDeps& d) {
  static constexpr ApiRoute kRoutes[] = {
      {bhttp::verb::get, "/api/v1/keys", BodyKind::kNone, PublicKeys},
  };
  AddRoutes(r, d, kRoutes);
}

}  // namespace tongban::api

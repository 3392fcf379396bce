#include <fstream>

#include "api/routes.h"
#include "http/content_coding.h"
#include "http/server.h"

namespace tongban::api {

using http::BodyKind;
using http::Request;
using http::Response;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;

namespace {

Result<Response> Health(ApiDeps& d, Request&) {
  if (!d.db.ping().ok()) return Status::Unavailable("database not reachable");
  return Response::Json(200, json::object{{"status", "ok"}});
}

Result<Response> Metrics(ApiDeps& d, Request&) {
  Response resp;
  resp.contentType = "text/plain; version=0.0.4";
  resp.body = d.metrics.render();
  return resp;
}

Result<Response> OpenApi(ApiDeps&, Request&) {
  Response resp;
  resp.body = OpenApiDocument();
  return resp;
}

}  // namespace

void RegisterSystemRoutes(http::Router& r, ApiDeps& d) {
  static constexpr ApiRoute kRoutes[] = {
      {bhttp::verb::get, "/healthz", BodyKind::kNone, Health},
      {bhttp::verb::get, "/metrics", BodyKind::kNone, Metrics},
      {bhttp::verb::get, "/api/v1/openapi.json", BodyKind::kNone, OpenApi},
  };
  AddRoutes(r, d, kRoutes);
}

namespace {
std::string MimeOf(const fs::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

const char* kNoFrontEnd =
    R"(<!doctype html><html lang="en"><meta charset="utf-8"><title>Tongban</title>
<body><h1>Tongban</h1><p>The server is running. The web front end has not been built;
the API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></body></html>)";

//! Every GET that no other route took: the built front end, its app shell for client routes.
Result<Response> StaticFile(ApiDeps& d, Request& req) {
  const std::string& rest = req.params["*"];
  if (rest == "api" || rest.rfind("api/", 0) == 0) return Status::NotFound("no such endpoint");
  const fs::path& root = d.options.webRoot;
  if (root.empty() || !fs::exists(root / "index.html")) {
    Response resp;
    resp.contentType = "text/html; charset=utf-8";
    resp.body = kNoFrontEnd;
    return resp;
  }
  // Build the path segment by segment; anything that could climb out is refused.
  fs::path file = root;
  size_t pos = 0;
  bool bad = false;
  while (pos <= rest.size() && !rest.empty()) {
    size_t end = rest.find('/', pos);
    if (end == std::string::npos) end = rest.size();
    std::string seg = rest.substr(pos, end - pos);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string::npos ||
        seg.find('\0') != std::string::npos)
      bad = true;
    if (!seg.empty()) file /= seg;
    pos = end + 1;
  }
  if (bad) return Status::NotFound("no such file");
  std::error_code ec;
  Response resp;
  // Vite names everything under assets/ by its content hash: a name never changes meaning, so
  // browsers keep it a year. Everything else (the app shell) is revalidated on every load.
  bool hashed = rest.rfind("assets/", 0) == 0;
  if (rest.empty() || !fs::is_regular_file(file, ec)) {
    // A missing asset is a 404, not the app shell in its place (a stale page would otherwise
    // run HTML as a script); client-side routes (/cases/12) get the app shell.
    if (hashed) return Status::NotFound("no such file");
    file = root / "index.html";
  }
  resp.headers.emplace_back("Cache-Control",
                            hashed ? "public, max-age=31536000, immutable" : "no-cache");
  resp.contentType = MimeOf(file);
  resp.file = file;
  // The build writes NAME.br and NAME.gz next to each text file (web/scripts/compress.mjs).
  fs::path br = file, gz = file;
  br += ".br";
  gz += ".gz";
  bool haveBr = fs::is_regular_file(br, ec), haveGz = fs::is_regular_file(gz, ec);
  if (haveBr || haveGz) {
    resp.headers.emplace_back("Vary", "Accept-Encoding");
    std::string coding =
        http::ChooseEncoding(req.header(bhttp::field::accept_encoding), haveBr, haveGz);
    if (!coding.empty()) {
      resp.file = coding == "br" ? br : gz;
      resp.headers.emplace_back("Content-Encoding", coding);
    }
  }
  return resp;
}

}  // namespace

void RegisterStaticRoutes(http::Router& r, ApiDeps& d) {
  static constexpr ApiRoute kRoutes[] = {{bhttp::verb::get, "/*", BodyKind::kNone, StaticFile}};
  AddRoutes(r, d, kRoutes);
}

void AddRoutes(http::Router& r, ApiDeps& d, std::span<const ApiRoute> routes) {
  for (const ApiRoute& route : routes) {
    size_t limit = route.bodyLimit;
    if (limit == 0 && route.body == BodyKind::kJson) limit = d.options.maxJsonBody;
    if (limit == 0 && route.body == BodyKind::kFile) limit = d.options.maxUploadBody;
    r.add(route.method, route.pattern, route.body, limit,
          [&d, handler = route.handler](Request& req) {
            Result<Response> answer = handler(d, req);
            if (!answer.ok()) return StatusResponse(answer.status(), req);
            return std::move(answer).value();
          });
  }
}

void RegisterRoutes(http::Router& r, ApiDeps& d) {
  RegisterSystemRoutes(r, d);
  RegisterAuthRoutes(r, d);
  RegisterCatalogRoutes(r, d);
  RegisterCaseRoutes(r, d);
  RegisterVideoRoutes(r, d);
  RegisterConsultRoutes(r, d);
  RegisterAccountRoutes(r, d);
  RegisterAdminRoutes(r, d);
  RegisterCertificateRoutes(r, d);
  RegisterPaymentRoutes(r, d);
  RegisterDeliveryRoutes(r, d);
  RegisterPersonRoutes(r, d);
  RegisterMandateRoutes(r, d);
  RegisterPriorityRoutes(r, d);
  RegisterStaticRoutes(r, d);  // last: it matches every GET
}

}  // namespace tongban::api

#pragma once
// Internal: each handler file registers its own routes.
//
// A handler file is a list of named handlers, each
//   Result<http::Response> Name(ApiDeps& d, http::Request& req)
// that reads its input, calls one domain service and builds the answer; a handler returns a
// Status for anything that went wrong (TB_ASSIGN_OR_RETURN / TB_RETURN_IF_ERROR) and
// AddRoutes turns it into the HTTP error answer (errors.cc). The file ends with its route
// table: one line per route, so the whole surface of a resource reads at a glance.

#include <span>

#include "api/api.h"

namespace tongban::api {

using ApiHandler = Result<http::Response> (*)(ApiDeps& d, http::Request& req);

//! One row of a route table. `bodyLimit` 0 means the JSON default (ApiOptions.maxJsonBody)
//! for kJson bodies and the upload default for kFile bodies.
struct ApiRoute {
  boost::beast::http::verb method;
  const char* pattern;
  http::BodyKind body;
  ApiHandler handler;
  size_t bodyLimit = 0;
};

//! Adds every row of `routes` to the router; a handler's error Status becomes its answer.
void AddRoutes(http::Router& r, ApiDeps& d, std::span<const ApiRoute> routes);

void RegisterSystemRoutes(http::Router& r, ApiDeps& d);
void RegisterAuthRoutes(http::Router& r, ApiDeps& d);
void RegisterCatalogRoutes(http::Router& r, ApiDeps& d);
void RegisterCaseRoutes(http::Router& r, ApiDeps& d);
void RegisterVideoRoutes(http::Router& r, ApiDeps& d);
void RegisterConsultRoutes(http::Router& r, ApiDeps& d);
void RegisterAccountRoutes(http::Router& r, ApiDeps& d);
void RegisterAdminRoutes(http::Router& r, ApiDeps& d);
void RegisterCertificateRoutes(http::Router& r, ApiDeps& d);
void RegisterPaymentRoutes(http::Router& r, ApiDeps& d);
void RegisterDeliveryRoutes(http::Router& r, ApiDeps& d);
void RegisterPersonRoutes(http::Router& r, ApiDeps& d);
void RegisterMandateRoutes(http::Router& r, ApiDeps& d);
void RegisterPriorityRoutes(http::Router& r, ApiDeps& d);
void RegisterStaticRoutes(http::Router& r, ApiDeps& d);

}  // namespace tongban::api

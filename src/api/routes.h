#pragma once
// Internal: each handler file registers its own routes.

#include "api/api.h"

namespace tongban::api {

void RegisterSystemRoutes(http::Router& r, ApiDeps& d);
void RegisterAuthRoutes(http::Router& r, ApiDeps& d);
void RegisterCatalogRoutes(http::Router& r, ApiDeps& d);
void RegisterCaseRoutes(http::Router& r, ApiDeps& d);
void RegisterVideoRoutes(http::Router& r, ApiDeps& d);
void RegisterConsultRoutes(http::Router& r, ApiDeps& d);
void RegisterAccountRoutes(http::Router& r, ApiDeps& d);
void RegisterAdminRoutes(http::Router& r, ApiDeps& d);
void RegisterStaticRoutes(http::Router& r, ApiDeps& d);

}  // namespace tongban::api

#include "http/router.h"

namespace tongban::http {

namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}
}  // namespace

void Router::add(bhttp::verb method, std::string pattern, BodyKind body, size_t bodyLimit,
                 Handler handler) {
  Route r{method, pattern, body, bodyLimit, std::move(handler), Split(pattern), {}};
  routes_.push_back(std::move(r));
}

void Router::addWebSocket(std::string pattern, Handler check, WsHandler ws) {
  Route r{bhttp::verb::get, pattern,        BodyKind::kNone, 0,
          std::move(check), Split(pattern), std::move(ws)};
  routes_.push_back(std::move(r));
}

Match Router::match(bhttp::verb method, const std::string& path) const {
  Match m;
  if (path.empty() || path[0] != '/') return m;
  auto segs = Split(path);
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    bool ok = true;
    size_t i = 0;
    for (; i < r.segments.size(); ++i) {
      const auto& p = r.segments[i];
      if (p == "*" && i + 1 == r.segments.size()) {
        std::string rest;
        for (size_t j = i; j < segs.size(); ++j) rest += (j > i ? "/" : "") + segs[j];
        params["*"] = rest;
        i = segs.size();
        break;
      }
      if (i >= segs.size()) {
        ok = false;
        break;
      }
      if (!p.empty() && p[0] == ':') {
        if (segs[i].empty()) {
          ok = false;
          break;
        }
        params[p.substr(1)] = segs[i];
      } else if (p != segs[i]) {
        ok = false;
        break;
      }
    }
    if (!ok || i != segs.size()) continue;
    if (r.method != method) {
      // The catch-all static route does not make every path "method not allowed".
      if (r.segments.back() != "*") m.methodNotAllowed = true;
      continue;
    }
    m.route = &r;
    m.params = std::move(params);
    m.methodNotAllowed = false;
    return m;
  }
  return m;
}

}  // namespace tongban::http

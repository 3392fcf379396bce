#include "http/content_coding.h"

#include <cctype>
#include <cstdlib>
#include <map>

namespace tongban::http {

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

//! "q=0.5" → 0.5; anything malformed counts as q=0 (refused), as a cautious reading.
double QValue(std::string_view params) {
  double q = 1.0;
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string v(Trim(p.substr(2)));
      char* end = nullptr;
      q = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size() || q < 0 || q > 1) q = 0;
    }
  }
  return q;
}
}  // namespace

std::string ChooseEncoding(std::string_view header, bool haveBrotli, bool haveGzip) {
  std::map<std::string, double> q;  // coding → q
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.empty()) continue;
    size_t semi = item.find(';');
    std::string coding = Lower(Trim(item.substr(0, semi)));
    if (coding == "x-gzip") coding = "gzip";
    q[coding] = semi == std::string_view::npos ? 1.0 : QValue(item.substr(semi + 1));
  }
  auto weight = [&](const std::string& coding) {
    if (auto it = q.find(coding); it != q.end()) return it->second;
    if (auto it = q.find("*"); it != q.end()) return it->second;
    return 0.0;
  };
  double br = haveBrotli ? weight("br") : 0, gz = haveGzip ? weight("gzip") : 0;
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return "";
}

}  // namespace tongban::http

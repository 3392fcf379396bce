#include "certificates/certificate.h"

#include <initializer_list>

#include "certificates/canonical_json.h"

namespace tongban::certificates {
namespace {

Status Bad(std::string what) { return Status::InvalidArgument("certificate payload: " + what); }

//! Exactly these members, all strings unless listed in `other`.
Status CheckMembers(const json::object& o, std::initializer_list<std::string_view> names,
                    std::string_view where) {
  if (o.size() != names.size()) return Bad(std::string(where) + " has unexpected members");
  for (auto n : names) {
    if (!o.contains(n)) return Bad(std::string(where) + " lacks " + std::string(n));
  }
  return Status::Ok();
}

Result<std::string> Str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return Bad(std::string(key) + " must be a string");
  return std::string(v->get_string());
}

}  // namespace

json::value ToPayload(const CertificateContent& c) {
  json::array fields;
  for (const auto& f : c.fields) {
    fields.push_back(
        json::object{{"label_zh", f.labelZh}, {"label_en", f.labelEn}, {"value", f.value}});
  }
  json::value validUntil = nullptr;
  if (c.validUntil) validUntil = FormatDate(*c.validUntil);
  return json::object{
      {"v", kPayloadVersion},
      {"id", c.id},
      {"item_code", c.itemCode},
      {"title", json::object{{"zh", c.titleZh}, {"en", c.titleEn}}},
      {"holder_name", c.holderName},
      {"fields", std::move(fields)},
      {"unit",
       json::object{{"code", c.unit.code}, {"name_zh", c.unit.nameZh}, {"name_en", c.unit.nameEn}}},
      {"issued_at", FormatTimestamp(c.issuedAt)},
      {"valid_until", std::move(validUntil)},
      {"kid", c.kid},
  };
}

Result<CertificateContent> FromPayload(const json::value& payload) {
  const auto* o = payload.if_object();
  if (!o) return Bad("not an object");
  const auto* v = o->if_contains("v");
  if (!v || !v->is_int64() || v->get_int64() != kPayloadVersion) return Bad("unknown version");
  TB_RETURN_IF_ERROR(CheckMembers(*o,
                                  {"v", "id", "item_code", "title", "holder_name", "fields", "unit",
                                   "issued_at", "valid_until", "kid"},
                                  "payload"));
  CertificateContent c;
  TB_ASSIGN_OR_RETURN(c.id, Str(*o, "id"));
  TB_ASSIGN_OR_RETURN(c.itemCode, Str(*o, "item_code"));
  TB_ASSIGN_OR_RETURN(c.holderName, Str(*o, "holder_name"));
  TB_ASSIGN_OR_RETURN(c.kid, Str(*o, "kid"));

  const auto* title = o->at("title").if_object();
  if (!title) return Bad("title must be an object");
  TB_RETURN_IF_ERROR(CheckMembers(*title, {"zh", "en"}, "title"));
  TB_ASSIGN_OR_RETURN(c.titleZh, Str(*title, "zh"));
  TB_ASSIGN_OR_RETURN(c.titleEn, Str(*title, "en"));

  const auto* unit = o->at("unit").if_object();
  if (!unit) return Bad("unit must be an object");
  TB_RETURN_IF_ERROR(CheckMembers(*unit, {"code", "name_zh", "name_en"}, "unit"));
  TB_ASSIGN_OR_RETURN(c.unit.code, Str(*unit, "code"));
  TB_ASSIGN_OR_RETURN(c.unit.nameZh, Str(*unit, "name_zh"));
  TB_ASSIGN_OR_RETURN(c.unit.nameEn, Str(*unit, "name_en"));

  const auto* fields = o->at("fields").if_array();
  if (!fields) return Bad("fields must be an array");
  for (const auto& fv : *fields) {
    const auto* f = fv.if_object();
    if (!f) return Bad("a field must be an object");
    TB_RETURN_IF_ERROR(CheckMembers(*f, {"label_zh", "label_en", "value"}, "field"));
    PrintedField pf;
    TB_ASSIGN_OR_RETURN(pf.labelZh, Str(*f, "label_zh"));
    TB_ASSIGN_OR_RETURN(pf.labelEn, Str(*f, "label_en"));
    TB_ASSIGN_OR_RETURN(pf.value, Str(*f, "value"));
    c.fields.push_back(std::move(pf));
  }

  TB_ASSIGN_OR_RETURN(std::string issued, Str(*o, "issued_at"));
  auto t = ParseTimestamp(issued);
  if (!t || FormatTimestamp(*t) != issued) return Bad("issued_at is not a UTC timestamp");
  c.issuedAt = *t;
  const auto& vu = o->at("valid_until");
  if (!vu.is_null()) {
    if (!vu.is_string()) return Bad("valid_until must be a date or null");
    auto d = ParseDate(vu.get_string());
    if (!d) return Bad("valid_until is not a date");
    c.validUntil = *d;
  }
  return c;
}

Result<SignedCertificate> Sign(CertificateContent content, const KeyRing& ring) {
  content.kid = ring.currentKid();
  content.issuedAt = std::chrono::time_point_cast<std::chrono::milliseconds>(content.issuedAt);
  SignedCertificate out;
  TB_ASSIGN_OR_RETURN(out.payload, Canonicalize(ToPayload(content)));
  TB_ASSIGN_OR_RETURN(out.signature, ring.sign(content.kid, out.payload));
  out.content = std::move(content);
  return out;
}

Result<CertificateContent> Verify(std::string_view payload, std::string_view signature,
                                  const PublicKeySet& keys) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;
  json::value v = json::parse(payload, ec, {}, opts);
  if (ec) return Bad("not JSON");
  // Only the canonical form is accepted, so one certificate has one byte sequence.
  TB_ASSIGN_OR_RETURN(std::string canonical, Canonicalize(v));
  if (canonical != payload) return Bad("not in canonical form");
  TB_ASSIGN_OR_RETURN(CertificateContent c, FromPayload(v));
  TB_RETURN_IF_ERROR(keys.verify(c.kid, payload, signature));
  return c;
}

}  // namespace tongban::certificates

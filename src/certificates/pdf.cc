#include "certificates/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace tongban::certificates {
namespace {

constexpr double kPageWidth = 595.28;  // A4 in PDF points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

enum class Align { kLeft, kCenter };

//! Lays text out with Pango and draws it; returns the height used.
class TextWriter {
 public:
  TextWriter(cairo_t* cr, std::string family, std::string mono)
      : cr_(cr), family_(std::move(family)), mono_(std::move(mono)) {
    layout_ = pango_cairo_create_layout(cr);
    // Unhinted metrics: hinting rounds glyph advances to whole units, and the gaps that leaves
    // make text extractors see spaces that are not there (in the verification URL, say).
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout_), fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(layout_);
  }
  ~TextWriter() { g_object_unref(layout_); }
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  double draw(std::string_view text, double x, double y, double width, double size,
              bool bold = false, Align align = Align::kLeft, double grey = 0.0, bool mono = false) {
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, (mono ? mono_ : family_).c_str());
    // Absolute size is in device units, which for a PDF surface are points.
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_,
                               align == Align::kCenter ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

 private:
  cairo_t* cr_;
  std::string family_;
  std::string mono_;
  PangoLayout* layout_;
};

//! Fontconfig silently substitutes a missing family, which would print boxes for Chinese;
//! refuse instead so a machine without fonts-noto-cjk fails loudly.
Status CheckFont(const std::string& family) {
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoContext* ctx = pango_font_map_create_context(map);
  PangoFontDescription* want = pango_font_description_from_string(family.c_str());
  PangoFont* font = pango_font_map_load_font(map, ctx, want);
  bool found = false;
  if (font) {
    PangoFontDescription* got = pango_font_describe(font);
    const char* gotFamily = pango_font_description_get_family(got);
    found = gotFamily && strcasecmp(gotFamily, family.c_str()) == 0;
    pango_font_description_free(got);
    g_object_unref(font);
  }
  pango_font_description_free(want);
  g_object_unref(ctx);
  if (!found) return Status::Internal("font \"" + family + "\" is not installed (fonts-noto-cjk)");
  return Status::Ok();
}

//! The QR code of `text` as filled rectangles (vector, crisp at any zoom), `size` points wide
//! including the four-module quiet zone.
Status DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return Status::Internal(std::string("QR encoding failed: ") + std::strerror(errno));
  const int n = qr->width;
  const double module = size / (n + 8);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    int col = 0;
    while (col < n) {
      if (!(qr->data[row * n + col] & 1)) {
        ++col;
        continue;
      }
      int start = col;
      while (col < n && (qr->data[row * n + col] & 1)) ++col;
      // One rectangle per horizontal run of dark modules keeps the page small.
      cairo_rectangle(cr, x + (start + 4) * module, y + (row + 4) * module, (col - start) * module,
                      module);
    }
  }
  cairo_fill(cr);
  QRcode_free(qr);
  return Status::Ok();
}

constexpr size_t kFileSignatureChars = 86;  // base64url of 64 bytes, no padding
constexpr std::string_view kFileContext = "tongban-certificate-file:v1\n";

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string FileSignedBytes(std::string_view pdf, size_t at) {
  std::string out(kFileContext);
  if (at > pdf.size()) return out;
  size_t end = std::min(pdf.size(), at + kFileSignatureChars);
  out.reserve(kFileContext.size() + pdf.size());
  out.append(pdf.substr(0, at));
  out.append(pdf.substr(end));
  return out;
}

std::string VerificationUrl(std::string_view base, std::string_view id) {
  std::string url(base);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/verify/";
  url += id;
  return url;
}

Result<std::string> RenderPdf(const SignedCertificate& cert, const KeyRing& ring,
                              const RenderOptions& options) {
  TB_RETURN_IF_ERROR(CheckFont(options.fontFamily));
  TB_RETURN_IF_ERROR(CheckFont(options.monoFontFamily));
  const CertificateContent& c = cert.content;
  const std::string url = VerificationUrl(options.verifyBaseUrl, c.id);

  std::string out;
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &out, kPageWidth, kPageHeight));
  cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
  // The file signature's place is held by 86 characters of the same length as the real one, so
  // filling it in afterwards moves no byte and keeps the cross-reference offsets right.
  std::string embedded = std::string(kEmbedPrefix) + Base64UrlEncode(cert.payload) + "." +
                         Base64UrlEncode(cert.signature) + "." +
                         std::string(kFileSignatureChars, 'A');
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_KEYWORDS, embedded.c_str());
  std::string title = c.titleZh + " / " + c.titleEn;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Tongban");
  // The issue time rather than the time of rendering, so a re-render gives the same document.
  std::string created = FormatTimestamp(c.issuedAt).substr(0, 19) + "Z";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());

  std::unique_ptr<cairo_t, CairoDeleter> crHolder(cairo_create(surface.get()));
  cairo_t* cr = crHolder.get();
  TextWriter text(cr, options.fontFamily, options.monoFontFamily);

  // A thin frame, as on the paper forms.
  cairo_set_source_rgb(cr, 0.55, 0.1, 0.1);
  cairo_set_line_width(cr, 1.5);
  cairo_rectangle(cr, kMargin / 2, kMargin / 2, kPageWidth - kMargin, kPageHeight - kMargin);
  cairo_stroke(cr);

  // Bottom block: the QR code on the right, how to verify on the left.
  const double qrSize = 130;
  const double qrX = kPageWidth - kMargin - qrSize;
  const double qrY = kPageHeight - kMargin - 30 - qrSize;

  double y = kMargin + 8;
  y += text.draw(c.titleZh, kMargin, y, kContentWidth, 24, true, Align::kCenter) + 4;
  y += text.draw(c.titleEn, kMargin, y, kContentWidth, 14, false, Align::kCenter, 0.25) + 28;

  const double labelWidth = 170;
  const double valueX = kMargin + labelWidth + 10;
  const double valueWidth = kContentWidth - labelWidth - 10;
  auto row = [&](const std::string& zh, const std::string& en, const std::string& value,
                 double size) {
    double h1 = text.draw(zh, kMargin, y, labelWidth, 11, true);
    double h2 = text.draw(en, kMargin, y + h1, labelWidth, 9, false, Align::kLeft, 0.35);
    double h3 = text.draw(value, valueX, y, valueWidth, size);
    y += std::max(h1 + h2, h3) + 10;
  };

  row("持证人", "Holder", c.holderName, 18);
  for (const auto& f : c.fields) row(f.labelZh, f.labelEn, f.value, 12);
  cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kMargin + kContentWidth, y);
  cairo_stroke(cr);
  y += 12;
  row("签发单位", "Issuing unit", c.unit.nameZh + "\n" + c.unit.nameEn, 12);
  row("签发日期", "Date of issue", FormatDate(LocalDate(c.issuedAt, options.utcOffsetMinutes)), 12);
  row("有效期至", "Valid until",
      c.validUntil ? FormatDate(*c.validUntil) : std::string("长期有效 / No expiry"), 12);
  row("证书编号", "Certificate No.", c.id, 12);
  // One page is the promise; text running into the QR block would be unreadable, so the
  // template (too many or too long fields) is at fault and must be fixed, not printed.
  if (y > qrY - 10) {
    return Status::InvalidArgument("certificate text does not fit on one A4 page");
  }

  TB_RETURN_IF_ERROR(DrawQr(cr, url, qrX, qrY, qrSize));
  double ty = qrY + 8;
  const double noteWidth = kContentWidth - qrSize - 16;
  ty += text.draw("本证书经电子签名。扫描二维码或访问以下网址核验真伪：", kMargin, ty, noteWidth,
                  10) +
        2;
  ty += text.draw(
            "This certificate is electronically signed. Scan the QR code or visit this "
            "address to check that it is genuine:",
            kMargin, ty, noteWidth, 9, false, Align::kLeft, 0.3) +
        4;
  ty += text.draw(url, kMargin, ty, noteWidth, 9, false, Align::kLeft, 0.0, true) + 6;
  text.draw("签名密钥 Signing key: " + c.kid + " (Ed25519)", kMargin, ty, noteWidth, 8, false,
            Align::kLeft, 0.4, true);

  cairo_show_page(cr);
  crHolder.reset();
  cairo_surface_finish(surface.get());
  cairo_status_t st = cairo_surface_status(surface.get());
  if (st != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("PDF rendering failed: ") + cairo_status_to_string(st));
  }
  auto e = ParseEmbedded(out);
  if (!e.ok()) return Status::Internal("rendered PDF lacks its data: " + e.status().message());
  TB_ASSIGN_OR_RETURN(std::string fileSig,
                      ring.sign(c.kid, FileSignedBytes(out, e->fileSignatureAt)));
  out.replace(e->fileSignatureAt, kFileSignatureChars, Base64UrlEncode(fileSig));
  return out;
}

Result<Embedded> ParseEmbedded(std::string_view pdf) {
  size_t at = pdf.find(kEmbedPrefix);
  if (at == std::string_view::npos) {
    return Status::InvalidArgument("no signed certificate data in this PDF");
  }
  if (pdf.find(kEmbedPrefix, at + 1) != std::string_view::npos) {
    return Status::InvalidArgument("more than one signed certificate data block in this PDF");
  }
  const Status malformed = Status::InvalidArgument("malformed certificate data");
  size_t p = at + kEmbedPrefix.size();
  size_t payloadStart = p;
  while (p < pdf.size() && IsBase64UrlChar(pdf[p])) ++p;
  size_t payloadEnd = p;
  if (p >= pdf.size() || pdf[p] != '.') return malformed;
  size_t sigStart = ++p;
  while (p < pdf.size() && IsBase64UrlChar(pdf[p])) ++p;
  size_t sigEnd = p;
  if (p >= pdf.size() || pdf[p] != '.') return malformed;
  size_t fileSigStart = ++p;
  while (p < pdf.size() && IsBase64UrlChar(pdf[p])) ++p;
  // The literal string closes right after the file signature; anything else means the bytes
  // around it were tampered with or written by something other than RenderPdf.
  if (p >= pdf.size() || pdf[p] != ')' || p - fileSigStart != kFileSignatureChars) {
    return malformed;
  }
  auto payload = Base64UrlDecode(pdf.substr(payloadStart, payloadEnd - payloadStart));
  auto sig = Base64UrlDecode(pdf.substr(sigStart, sigEnd - sigStart));
  auto fileSig = Base64UrlDecode(pdf.substr(fileSigStart, kFileSignatureChars));
  if (!payload.ok() || !sig.ok() || !fileSig.ok()) return malformed;
  Embedded out;
  out.payload = std::move(*payload);
  out.signature = std::move(*sig);
  out.fileSignature = std::move(*fileSig);
  out.fileSignatureAt = fileSigStart;
  if (out.signature.size() != kSignatureBytes || out.fileSignature.size() != kSignatureBytes) {
    return Status::InvalidArgument("malformed certificate signature");
  }
  return out;
}

Result<CertificateContent> VerifyPdf(std::string_view pdf, const PublicKeySet& keys) {
  TB_ASSIGN_OR_RETURN(Embedded e, ParseEmbedded(pdf));
  TB_ASSIGN_OR_RETURN(CertificateContent c, Verify(e.payload, e.signature, keys));
  if (!keys.verify(c.kid, FileSignedBytes(pdf, e.fileSignatureAt), e.fileSignature).ok()) {
    return Status::InvalidArgument("the PDF file was changed after it was signed");
  }
  return c;
}

}  // namespace tongban::certificates

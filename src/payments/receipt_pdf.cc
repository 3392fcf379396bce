#include "payments/receipt_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <strings.h>

#include <memory>

namespace tongban::payments {
namespace {

constexpr double kWidth = 419.53;  // A5 in PDF points
constexpr double kHeight = 595.28;
constexpr double kMargin = 36;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

//! Fontconfig quietly substitutes a missing family, which would print boxes for Chinese: refuse.
bool Installed(const std::string& family) {
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoContext* ctx = pango_font_map_create_context(map);
  PangoFontDescription* want = pango_font_description_from_string(family.c_str());
  PangoFont* font = pango_font_map_load_font(map, ctx, want);
  bool found = false;
  if (font) {
    PangoFontDescription* got = pango_font_describe(font);
    const char* name = pango_font_description_get_family(got);
    found = name && strcasecmp(name, family.c_str()) == 0;
    pango_font_description_free(got);
    g_object_unref(font);
  }
  pango_font_description_free(want);
  g_object_unref(ctx);
  return found;
}

class Writer {
 public:
  Writer(cairo_t* cr, const std::string& family) : cr_(cr), family_(family) {
    layout_ = pango_cairo_create_layout(cr);
    // Unhinted metrics: rounded advances make text extractors see spaces that are not there.
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout_), fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(layout_);
  }
  ~Writer() { g_object_unref(layout_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  //! Draws `text` at (x, y) within `width`; returns the height used.
  double draw(const std::string& text, double x, double y, double width, double size, bool bold,
              double grey = 0, bool center = false) {
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, family_.c_str());
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
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
  PangoLayout* layout_;
};

}  // namespace

Result<std::string> RenderReceiptPdf(const ReceiptPage& page) {
  if (!Installed(page.fontFamily))
    return Status::Internal("font \"" + page.fontFamily + "\" is not installed (fonts-noto-cjk)");
  std::string out;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(Append, &out, kWidth, kHeight), cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 (page.title + " " + page.receiptNo).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Tongban");
  {
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                          cairo_destroy);
    Writer w(cr.get(), page.fontFamily);
    const double width = kWidth - 2 * kMargin;
    double y = kMargin;
    y += w.draw(page.issuer, kMargin, y, width, 10, false, 0.3, true) + 6;
    y += w.draw(page.title, kMargin, y, width, 16, true, 0, true) + 4;
    y += w.draw("No. " + page.receiptNo, kMargin, y, width, 12, true, 0, true) + 14;
    cairo_set_source_rgb(cr.get(), 0.6, 0.6, 0.6);
    cairo_set_line_width(cr.get(), 0.6);
    cairo_move_to(cr.get(), kMargin, y);
    cairo_line_to(cr.get(), kWidth - kMargin, y);
    cairo_stroke(cr.get());
    y += 10;
    const double labelWidth = 130;
    for (const auto& [label, value] : page.rows) {
      double h1 = w.draw(label, kMargin, y, labelWidth - 8, 8.5, false, 0.35);
      double h2 = w.draw(value, kMargin + labelWidth, y, width - labelWidth, 10.5, false);
      y += std::max(h1, h2) + 7;
    }
    y += 8;
    cairo_set_source_rgb(cr.get(), 0.6, 0.6, 0.6);
    cairo_move_to(cr.get(), kMargin, y);
    cairo_line_to(cr.get(), kWidth - kMargin, y);
    cairo_stroke(cr.get());
    y += 10;
    w.draw(page.footer, kMargin, y, width, 8, false, 0.35);
    cairo_show_page(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return Status::Internal("receipt PDF could not be written");
  return out;
}

}  // namespace tongban::payments

#pragma once
// The receipt of a payment or refund as a one-page A5 PDF (Cairo + Pango): real, extractable
// text in Chinese and English, so a screen reader, a search or `pdftotext` reads it.

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tongban::payments {

struct ReceiptPage {
  std::string title;   // "缴费收据 Payment receipt"
  std::string issuer;  // the unit that received the money
  std::string receiptNo;
  //! Label (Chinese / English) and value, printed in this order.
  std::vector<std::pair<std::string, std::string>> rows;
  std::string footer;
  std::string fontFamily = "Noto Sans CJK SC";
};

Result<std::string> RenderReceiptPdf(const ReceiptPage& page);

}  // namespace tongban::payments

#include "reports/detail/html_text.h"

#include "reports/detail/text_safety.h"

namespace smapi::reports::detail {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_text(std::string_view raw, std::size_t limit) {
  return html_escape(show_controls(make_safe(raw, limit).text));
}

std::string badge(std::string_view cls, std::string_view text) {
  return "<span class=\"badge " + std::string(cls) + "\">" + std::string(text) + "</span>";
}

std::string code_list(const std::vector<std::string>& values, std::size_t limit) {
  if (values.empty()) return "<em>none</em>";
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + ("<code>" + html_text(values[i], limit) + "</code>");
  return out;
}

}  // namespace smapi::reports::detail

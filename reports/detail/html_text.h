#pragma once
// Text for the HTML report: plugin or user bytes made safe as HTML, and the
// small pieces of markup every section uses.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports::detail {

// Plugin or user text as HTML: valid UTF-8, cut to limit bytes, controls
// shown as \xNN, markup characters escaped (safe in element content and in
// quoted attributes).
std::string html_text(std::string_view raw, std::size_t limit);

// Text that is already valid UTF-8 and cut, escaped for HTML.
std::string html_escape(std::string_view text);

// <span class="badge CLS">TEXT</span>; cls and text are the report's own words.
std::string badge(std::string_view cls, std::string_view text);

// "<code>a</code>, <code>b</code>", or "<em>none</em>".
std::string code_list(const std::vector<std::string>& values, std::size_t limit);

}  // namespace smapi::reports::detail

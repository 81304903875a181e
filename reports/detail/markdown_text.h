#pragma once
// Plugin text in GitHub-flavoured Markdown (GFM, https://github.github.com/gfm/):
// escaped with backslashes only where Markdown would act on it, so the raw
// file reads as the plugin wrote it ("VDI_DELETE", "a * b") while a plugin
// still cannot open HTML, a link, a code span, emphasis or a table cell.
// Each function takes one line (reports::detail::one_line makes it).

#include <string>
#include <string_view>

namespace smapi::reports::detail {

// Text inside a line, a table cell or a list item after its marker:
//   always      \ ` < [ ] |  (a backslash, code spans, HTML and autolinks,
//                             links and images, table cells)
//   & of "&#" or "&name;"     (a character reference)
//   : of "x://", . of "www."  (GFM's URL autolinks; an e-mail address still
//                             becomes a mailto: link showing itself: GFM
//                             links it after reading escapes)
//   * _ ~ runs that GFM's flanking rules let open or close emphasis or
//     strikethrough; "VDI_DELETE" and "a * b" stay as they are.
std::string markdown_inline(std::string_view line);

// markdown_inline for text that starts a paragraph: leading spaces dropped
// (four would open a code block), and a first character that would start a
// heading, quote, list, rule or fence (# > - + * _ = ~, "1." "1)") escaped.
std::string markdown_paragraph(std::string_view line);

// A code span holding line verbatim: a fence of one backtick more than the
// longest run inside, padded with spaces where GFM would strip them. In a
// table cell (in_table) '|' becomes "\|", which GFM reads as a '|' inside
// the cell, even in a code span. "" for an empty line. Never put one at the
// start of a line: a fence of three backticks there opens a code block.
std::string markdown_code_span(std::string_view line, bool in_table);

}  // namespace smapi::reports::detail

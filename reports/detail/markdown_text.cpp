#include "reports/detail/markdown_text.h"

#include <algorithm>
#include <cctype>

namespace smapi::reports::detail {
namespace {

// GFM's flanking rules look at the characters around a delimiter run. A
// line's ends count as whitespace. Any non-ASCII neighbour makes the run
// escaped: Unicode punctuation and whitespace count too, and guessing wrong
// would let emphasis through.
enum class Kind { space, punctuation, other, unknown };

Kind kind_at(std::string_view line, std::size_t i, bool before) {
  if (before ? i == 0 : i >= line.size()) return Kind::space;
  const auto c = static_cast<unsigned char>(line[before ? i - 1 : i]);
  if (c >= 0x80) return Kind::unknown;
  if (c == ' ' || c == '\t') return Kind::space;
  if (std::ispunct(c)) return Kind::punctuation;
  return Kind::other;
}

// Whether a run of `c` between prev and next could open or close emphasis
// (GFM 6.4, "left-flanking" and "right-flanking" delimiter runs).
bool may_emphasise(char c, Kind prev, Kind next) {
  if (prev == Kind::unknown || next == Kind::unknown) return true;
  const bool left = next != Kind::space && (next != Kind::punctuation || prev != Kind::other);
  const bool right = prev != Kind::space && (prev != Kind::punctuation || next != Kind::other);
  if (c != '_') return left || right;
  // '_' inside a word neither opens nor closes ("VDI_DELETE").
  const bool opens = left && (!right || prev == Kind::punctuation);
  const bool closes = right && (!left || next == Kind::punctuation);
  return opens || closes;
}

}  // namespace

std::string markdown_inline(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 8);
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    switch (c) {
      case '\\': case '`': case '<': case '[': case ']': case '|':
        out += '\\';
        out += c;
        ++i;
        break;
      case '&': {
        // A character reference: "&#..." or "&name;".
        std::size_t end = i + 1;
        while (end < line.size() && std::isalnum(static_cast<unsigned char>(line[end]))) ++end;
        const bool reference = (i + 1 < line.size() && line[i + 1] == '#') ||
                               (end > i + 1 && end < line.size() && line[end] == ';');
        if (reference) out += '\\';
        out += c;
        ++i;
        break;
      }
      case '*': case '_': case '~': {
        std::size_t end = i;
        while (end < line.size() && line[end] == c) ++end;
        const bool escape = may_emphasise(c, kind_at(line, i, true), kind_at(line, end, false));
        for (; i < end; ++i) {
          if (escape) out += '\\';
          out += c;
        }
        break;
      }
      case ':':  // "http://", "ftp://": an autolink
        if (line.substr(i + 1, 2) == "//" && i > 0 && std::isalpha(static_cast<unsigned char>(line[i - 1])))
          out += '\\';
        out += c;
        ++i;
        break;
      case '.':  // "www.": an autolink
        if (i >= 3 && (line[i - 1] | 0x20) == 'w' && (line[i - 2] | 0x20) == 'w' && (line[i - 3] | 0x20) == 'w')
          out += '\\';
        out += c;
        ++i;
        break;
      default:
        out += c;
        ++i;
    }
  }
  return out;
}

std::string markdown_paragraph(std::string_view line) {
  line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
  std::string out = markdown_inline(line);
  if (out.empty()) return out;
  if (std::string_view("#>-+*_=~").find(out[0]) != std::string_view::npos) return "\\" + out;
  // An ordered list marker: up to nine digits, then '.' or ')'.
  const std::size_t digits = out.find_first_not_of("0123456789");
  if (digits != 0 && digits != std::string::npos && digits <= 9 && (out[digits] == '.' || out[digits] == ')'))
    out.insert(digits, "\\");
  return out;
}

std::string markdown_code_span(std::string_view line, bool in_table) {
  if (line.empty()) return "";
  std::string content;
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : line) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '|' && in_table) content += '\\';
    content += c;
  }
  const std::string fence(longest + 1, '`');
  // GFM strips one space from each end when both ends have one, and a
  // backtick at either end would join the fence: pad with a space then.
  const bool all_spaces = line.find_first_not_of(' ') == std::string_view::npos;
  const bool pad = line.front() == '`' || line.back() == '`' ||
                   (!all_spaces && line.front() == ' ' && line.back() == ' ');
  const std::string space = pad ? " " : "";
  return fence + space + content + space + fence;
}

}  // namespace smapi::reports::detail

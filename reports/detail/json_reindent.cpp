#include "reports/detail/json_reindent.h"

#include <boost/json/parse.hpp>

#include <vector>

namespace smapi::reports::detail {
namespace {

void newline(std::string& out, std::size_t depth) {
  out += '\n';
  out.append(depth * 2, ' ');
}

// Widest line of scalars reindent_json_text fills (an array's elements
// share lines up to it).
constexpr std::size_t kScalarLineBytes = 72;

// The end of the string token starting at text[at] (a quote): one past its
// closing quote.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '"') return i + 1;
  }
  return text.size();
}

// The elements of the array starting at text[at] ('['), when it holds only
// scalars; `end` is then one past its ']'. The text is valid JSON.
std::optional<std::vector<std::string_view>> scalar_elements(std::string_view text, std::size_t at,
                                                            std::size_t& end) {
  std::vector<std::string_view> out;
  std::size_t first = std::string_view::npos;  // of the current element
  std::size_t last = 0;                        // one past its last byte
  for (std::size_t i = at + 1; i < text.size();) {
    const char c = text[i];
    if (c == '[' || c == '{') return std::nullopt;
    if (c == ',' || c == ']') {
      if (first != std::string_view::npos) out.push_back(text.substr(first, last - first));
      first = std::string_view::npos;
      ++i;
      if (c == ']') {
        end = i;
        return out;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (first == std::string_view::npos) first = i;
    i = c == '"' ? string_end(text, i) : i + 1;
    last = i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> reindent_json_text(std::string_view text) {
  boost::json::error_code ec;
  boost::json::parse_options options;
  options.max_depth = kMaxReindentDepth;
  (void)boost::json::parse(text, ec, {}, options);
  if (ec) return std::nullopt;
  // Valid JSON from here on: only tokens and whitespace to lay out.
  std::string out;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t stop = string_end(text, i);
      out.append(text.substr(i, stop - i));
      i = stop;
      continue;
    }
    ++i;
    switch (c) {
      case ' ': case '\t': case '\n': case '\r':
        break;
      case '[': {
        std::size_t end = 0;
        if (auto elements = scalar_elements(text, i - 1, end); elements && !elements->empty()) {
          std::string line;
          for (std::size_t k = 0; k < elements->size(); ++k) line += (k ? ", " : "") + std::string((*elements)[k]);
          if (line.size() <= kScalarLineBytes) {
            out += "[" + line + "]";
          } else {
            // Too long for one line: fill lines of kScalarLineBytes.
            out += '[';
            newline(out, depth + 1);
            std::size_t column = 0;
            for (std::size_t k = 0; k < elements->size(); ++k) {
              const std::string_view element = (*elements)[k];
              if (k > 0) {
                out += ',';
                if (column + 2 + element.size() > kScalarLineBytes) {
                  newline(out, depth + 1);
                  column = 0;
                } else {
                  out += ' ';
                  column += 2;
                }
              }
              out += element;
              column += element.size();
            }
            newline(out, depth);
            out += ']';
          }
          i = end;
          break;
        }
        [[fallthrough]];
      }
      case '{': {
        std::size_t next = i;
        while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r')) ++next;
        if (next < text.size() && (text[next] == ']' || text[next] == '}')) {
          out += c;
          out += text[next];
          i = next + 1;
          break;
        }
        out += c;
        newline(out, ++depth);
        break;
      }
      case ']': case '}':
        newline(out, --depth);
        out += c;
        break;
      case ',':
        out += ',';
        newline(out, depth);
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace smapi::reports::detail

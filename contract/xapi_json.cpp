#include "contract/xapi_json.h"

#include "contract/detail/json_path.h"

#include <boost/json/array.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace smapi::contract {

namespace json = boost::json;

namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends a code point as UTF-8. A lone surrogate is written as its three
// bytes, as Yojson writes it, which makes the string invalid UTF-8.
void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Failure {
  std::string message;
};

// One array or object being read. `kept` is false past max_tree_depth: such
// a container is read and checked, and stands in its parent as an empty one.
struct Frame {
  bool is_object = false;
  bool kept = true;
  json::value container;
  std::string path;
  std::string key;             // object: the key whose value is being read
  std::size_t members = 0;     // object: members read so far, repeats included
};

class Reader {
 public:
  Reader(std::string_view text, const XapiJsonLimits& limits, const DecodeBudget& budget)
      : text_(text), limits_(limits), budget_(budget), sp_(budget.storage()) {}

  XapiJson read() {
    XapiJson out;
    try {
      skip_whitespace();
      if (pos_ == text_.size()) {
        const bool blank = text_.find_first_not_of(" \t\r\n") == std::string_view::npos;
        throw Failure{text_.empty() ? "empty output" : blank ? "empty output (only whitespace)"
                                                             : "empty output (only comments)"};
      }
      json::value root = read_value();
      skip_whitespace();
      if (pos_ != text_.size()) {
        const char c = text_[pos_];
        const bool value_starts = c == '{' || c == '[' || c == '"' || c == '-' || is_digit(c) ||
                                  c == 't' || c == 'f' || c == 'n' || c == 'N' || c == 'I';
        if (value_starts)
          throw Failure{"more than one JSON value: a second value starts at byte " + std::to_string(pos_)};
        fail("unexpected text after the value");
      }
      out.value = std::move(root);
    } catch (const Failure& failure) {
      out.error = failure.message;
    } catch (const DecodedMemoryExceeded&) {
      out.error = "at byte " + std::to_string(pos_) + ": " + decoded_memory_problem(budget_.counter().limit());
      out.over_memory_limit = true;
    }
    out.non_standard = std::move(notes_);
    out.duplicates = std::move(duplicates_);
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Failure{"invalid JSON at byte " + std::to_string(pos_) + ": " + why};
  }

  void note(unsigned kind, const std::string& what) {
    if (noted_ & (1u << kind) || notes_.size() >= limits_.max_notes) return;
    noted_ |= 1u << kind;
    notes_.push_back(what);
  }
  enum NoteKind : unsigned {
    kBlockComment, kLineComment, kBareKey, kNan, kInfinity, kHugeNumber, kRawControl, kLoneSurrogate
  };

  void skip_whitespace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        const auto end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) fail("unterminated comment");
        note(kBlockComment, "a /* comment */ at byte " + std::to_string(pos_));
        pos_ = end + 2;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        note(kLineComment, "a // comment at byte " + std::to_string(pos_));
        const auto end = text_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end + 1;
      } else {
        return;
      }
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    const auto after = pos_ + word.size();
    if (after < text_.size() && is_ident_char(text_[after])) return false;
    pos_ = after;
    return true;
  }

  // Reads one value. Arrays and objects are read with a stack of frames on
  // the heap, so nesting depth costs no native stack.
  json::value read_value() {
    std::vector<Frame> stack;
    for (;;) {
      if (pos_ >= text_.size()) fail("unexpected end of input");
      const char c = text_[pos_];
      if (c == '{' || c == '[') {
        open(stack, c == '{');
        skip_whitespace();
        if (pos_ >= text_.size() || text_[pos_] != (c == '{' ? '}' : ']')) {
          if (c == '{') read_key(stack.back());
          continue;
        }
        ++pos_;  // an empty array or object
        if (auto root = close(stack)) return std::move(*root);
      } else {
        json::value scalar = read_scalar();
        if (stack.empty()) return scalar;
        put(stack.back(), std::move(scalar));
      }
      // A member was read into the top frame: on to the next, or close.
      if (!after_member(stack)) continue;
      if (auto root = close_all(stack)) return std::move(*root);
    }
  }

  void open(std::vector<Frame>& stack, bool is_object) {
    if (stack.size() + 1 > limits_.max_depth)
      throw Failure{"nesting deeper than " + std::to_string(limits_.max_depth) + " levels (at byte " +
                    std::to_string(pos_) + ")"};
    Frame frame;
    frame.is_object = is_object;
    frame.kept = stack.size() < limits_.max_tree_depth;
    if (frame.kept) {
      move_keeping_storage(frame.container, is_object ? json::value(json::object(sp_)) : json::value(json::array(sp_)));
      frame.path = stack.empty() ? "$" : child_path(stack.back());
    }
    ++pos_;
    stack.push_back(std::move(frame));
  }

  static std::string child_path(const Frame& parent) {
    if (!parent.kept) return {};
    return parent.is_object ? detail::member_path(parent.path, parent.key)
                            : detail::index_path(parent.path, parent.container.get_array().size());
  }

  // After a member: a ',' (read the next key or element) returns false; a
  // closing bracket is consumed and returns true.
  bool after_member(std::vector<Frame>& stack) {
    skip_whitespace();
    Frame& top = stack.back();
    const char close_char = top.is_object ? '}' : ']';
    if (pos_ >= text_.size()) fail("unexpected end of input");
    if (text_[pos_] == ',') {
      ++pos_;
      skip_whitespace();
      if (top.is_object) read_key(top);
      return false;
    }
    if (text_[pos_] == close_char) {
      ++pos_;
      return true;
    }
    fail(std::string("expected ',' or '") + close_char + "'");
  }

  // Pops the finished top frame into its parent; the root when it was the last.
  std::optional<json::value> close(std::vector<Frame>& stack) {
    Frame done = std::move(stack.back());
    stack.pop_back();
    json::value value = done.kept ? std::move(done.container)
                                  : (done.is_object ? json::value(json::object(sp_)) : json::value(json::array(sp_)));
    if (stack.empty()) return value;
    put(stack.back(), std::move(value));
    return std::nullopt;
  }

  // Closes frames for as long as their closing brackets follow.
  std::optional<json::value> close_all(std::vector<Frame>& stack) {
    for (;;) {
      if (auto root = close(stack)) return root;
      if (!after_member(stack)) return std::nullopt;
    }
  }

  void put(Frame& frame, json::value value) {
    const std::size_t position = frame.members++;
    if (!frame.kept) return;
    if (!frame.is_object) {
      frame.container.get_array().push_back(std::move(value));
      return;
    }
    auto& object = frame.container.get_object();
    if (object.contains(frame.key)) {
      if (duplicates_.size() < limits_.max_notes)
        duplicates_.push_back(DuplicateKey{frame.path, frame.key, std::move(value), position});
      return;
    }
    object.emplace(frame.key, std::move(value));
  }

  void read_key(Frame& frame) {
    if (pos_ >= text_.size()) fail("unexpected end of input");
    if (text_[pos_] == '"') {
      frame.key = read_string();
    } else if (is_ident_start(text_[pos_])) {
      note(kBareKey, "a bare (unquoted) key at byte " + std::to_string(pos_));
      const auto start = pos_;
      while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
      frame.key = std::string(text_.substr(start, pos_ - start));
    } else {
      fail("expected a string or an identifier as a key");
    }
    skip_whitespace();
    if (pos_ >= text_.size() || text_[pos_] != ':') fail("expected ':'");
    ++pos_;
    skip_whitespace();
  }

  json::value read_scalar() {
    const char c = text_[pos_];
    if (c == '"') return json::string(read_string(), sp_);
    const auto at = pos_;
    if (literal("true")) return json::value(true, sp_);
    if (literal("false")) return json::value(false, sp_);
    if (literal("null")) return json::value(nullptr, sp_);
    if (literal("NaN")) {
      note(kNan, "NaN at byte " + std::to_string(at));
      return json::value(std::numeric_limits<double>::quiet_NaN(), sp_);
    }
    if (literal("Infinity")) {
      note(kInfinity, "Infinity at byte " + std::to_string(at));
      return json::value(std::numeric_limits<double>::infinity(), sp_);
    }
    if (literal("-Infinity")) {
      note(kInfinity, "-Infinity at byte " + std::to_string(at));
      return json::value(-std::numeric_limits<double>::infinity(), sp_);
    }
    if (c == '-' || is_digit(c)) return read_number();
    fail("invalid token");
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? as Yojson lexes it; what
  // follows is left for the caller, so "01" and "1." fail there.
  json::value read_number() {
    const auto start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) fail("invalid token");
    if (text_[pos_] == '0') ++pos_;
    else while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    bool integer = true;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && is_digit(text_[pos_ + 1])) {
      integer = false;
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      auto exponent = pos_ + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && is_digit(text_[exponent])) {
        integer = false;
        pos_ = exponent;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      }
    }
    const std::string_view digits = text_.substr(start, pos_ - start);
    if (integer) {
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc{} || end != digits.data() + digits.size())
        throw Failure{"integer " + std::string(digits.substr(0, 40)) + " at byte " + std::to_string(start) +
                      " is outside the signed 64-bit range (xapi: Int64.of_string fails)"};
      return json::value(value, sp_);
    }
    const std::string copy(digits);
    const double value = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(value))
      note(kHugeNumber, "the number " + copy.substr(0, 40) + " at byte " + std::to_string(start) +
                            " is beyond a double (read as infinity)");
    return json::value(value, sp_);
  }

  unsigned read_hex4() {
    if (pos_ + 4 > text_.size()) fail("unexpected end of input in a \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_value(text_[pos_ + i]);
      if (digit < 0) fail("invalid \\u escape");
      value = value * 16 + static_cast<unsigned>(digit);
    }
    pos_ += 4;
    return value;
  }

  std::string read_string() {
    ++pos_;  // the opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unexpected end of input in a string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c != '\\') {
        if (static_cast<unsigned char>(c) < 0x20)
          note(kRawControl, "a raw control character in a string at byte " + std::to_string(pos_));
        const auto run_end = text_.find_first_of("\"\\", pos_);
        const auto end = run_end == std::string_view::npos ? text_.size() : run_end;
        for (auto i = pos_; i < end; ++i)
          if (static_cast<unsigned char>(text_[i]) < 0x20)
            note(kRawControl, "a raw control character in a string at byte " + std::to_string(i));
        out.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      const auto escape_at = pos_;
      if (++pos_ >= text_.size()) fail("unexpected end of input in a string");
      switch (text_[pos_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = read_hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u")
              fail("missing escape sequence representing low surrogate for code point beyond U+FFFF");
            pos_ += 2;
            const unsigned low = read_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("invalid low surrogate for code point beyond U+FFFF");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            note(kLoneSurrogate, "a lone surrogate escape at byte " + std::to_string(escape_at));
          }
          append_utf8(out, cp);
          break;
        }
        default:
          pos_ = escape_at;
          fail("invalid escape sequence");
      }
    }
  }

  std::string_view text_;
  const XapiJsonLimits& limits_;
  const DecodeBudget& budget_;
  json::storage_ptr sp_;  // every value read is built here: budget_'s
  std::size_t pos_ = 0;
  unsigned noted_ = 0;
  std::vector<std::string> notes_;
  std::vector<DuplicateKey> duplicates_;
};

// The first character of `text` xapi's database does not store: not UTF-8
// (overlong forms, surrogates and code points past U+10FFFF included), or
// below U+0020 other than tab, LF and CR.
std::optional<std::pair<std::size_t, std::string>> first_unstorable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      if (lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') {
        std::string name = "U+00";
        name += kHex[lead >> 4];
        name += kHex[lead & 0xF];
        return std::pair{i, name + " (a control character)"};
      }
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    }
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      ok = byte >= (k == 1 ? low : 0x80) && byte <= (k == 1 ? high : 0xBF);
    }
    if (!ok) {
      std::string what = "the byte 0x";
      what += kHex[lead >> 4];
      what += kHex[lead & 0xF];
      what += lead == 0xED ? " (a lone surrogate, not UTF-8)" : " (not UTF-8)";
      return std::pair{i, what};
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace

XapiJson read_xapi_json(std::string_view text, const JsonLimits& limits, const XapiJsonLimits& xapi_limits,
                        const DecodeBudget* budget) {
  if (text.size() > limits.max_bytes) {
    XapiJson out;
    out.error = "text too long: " + std::to_string(text.size()) + " bytes, the limit is " +
                std::to_string(limits.max_bytes);
    return out;
  }
  if (budget) return Reader(text, xapi_limits, *budget).read();
  const DecodeBudget own(limits.max_decoded_bytes);
  return Reader(text, xapi_limits, own).read();
}

std::vector<std::pair<std::string_view, const json::value*>> members_in_document_order(
    const json::object& object, std::string_view path, const std::vector<DuplicateKey>& duplicates) {
  std::vector<const DuplicateKey*> repeats;
  for (const auto& duplicate : duplicates)
    if (duplicate.object_path == path) repeats.push_back(&duplicate);
  std::vector<std::pair<std::string_view, const json::value*>> members;
  members.reserve(object.size() + repeats.size());
  auto kept = object.begin();
  std::size_t next_repeat = 0;
  for (std::size_t position = 0; position < object.size() + repeats.size(); ++position) {
    if (next_repeat < repeats.size() && repeats[next_repeat]->position == position) {
      members.emplace_back(repeats[next_repeat]->key, &repeats[next_repeat]->value);
      ++next_repeat;
    } else if (kept != object.end()) {
      members.emplace_back(kept->key(), &kept->value());
      ++kept;
    }
  }
  return members;
}

bool same_json(const json::value& a, const json::value& b) {
  if (a.is_double() && b.is_double() && std::isnan(a.get_double()) && std::isnan(b.get_double())) return true;
  if (a.kind() != b.kind()) return a == b;
  if (const auto* array = a.if_array()) {
    const auto& other = b.get_array();
    if (array->size() != other.size()) return false;
    for (std::size_t i = 0; i < array->size(); ++i)
      if (!same_json((*array)[i], other[i])) return false;
    return true;
  }
  if (const auto* object = a.if_object()) {
    const auto& other = b.get_object();
    if (object->size() != other.size()) return false;
    for (const auto& member : *object) {
      const auto* value = other.if_contains(member.key());
      if (!value || !same_json(member.value(), *value)) return false;
    }
    return true;
  }
  return a == b;
}

std::optional<UnstorableString> first_unstorable_string(const json::value& value, const std::string& path) {
  // Depth is bounded by the reader's max_tree_depth, so recursion is safe.
  switch (value.kind()) {
    case json::kind::string:
      if (auto bad = first_unstorable(value.get_string())) return UnstorableString{path, bad->first, bad->second};
      return std::nullopt;
    case json::kind::array: {
      const auto& array = value.get_array();
      for (std::size_t i = 0; i < array.size(); ++i)
        if (auto bad = first_unstorable_string(array[i], detail::index_path(path, i))) return bad;
      return std::nullopt;
    }
    case json::kind::object:
      for (const auto& member : value.get_object()) {
        const auto member_path = detail::member_path(path, member.key());
        if (auto bad = first_unstorable(member.key()))
          return UnstorableString{member_path + " (its key)", bad->first, bad->second};
        if (auto bad = first_unstorable_string(member.value(), member_path)) return bad;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace smapi::contract

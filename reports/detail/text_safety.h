#pragma once
// Turning raw bytes into text every report format can carry: valid UTF-8,
// bounded length, no characters XML forbids, no terminal control sequences.

#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// Raw bytes made safe to write.
struct SafeText {
  std::string text;               // valid UTF-8; invalid sequences became U+FFFD
  bool utf8_valid = true;         // false when the bytes kept held invalid UTF-8 (the rest is not read)
  std::size_t omitted_bytes = 0;  // raw bytes left out past the limit (0: nothing cut)
};

// The U+FFFD replacement character, UTF-8 encoded.
inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

// Whether text is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Keeps at most limit bytes of valid UTF-8 from raw, never splitting a
// character, replacing each maximal invalid subsequence with U+FFFD. When
// something was left out, "…[N bytes omitted]" follows (N counts raw bytes).
// Reads only what it keeps (and one character more): linear in the result,
// whatever the size of raw.
SafeText make_safe(std::string_view raw, std::size_t limit);

// A raw field as a whole, when a writer holds only its first bytes (a
// harness keeps only the start of a long probe answer), or knows its
// validity without reading it all again.
struct WholeField {
  std::size_t size = 0;     // bytes of the whole field (at least those held)
  bool utf8_valid = true;   // whether all of them are valid UTF-8
};

// make_safe of raw, the first bytes of `whole`: "…[N bytes omitted]" counts
// the bytes of the whole field left out, and utf8_valid is false when either
// the bytes kept or the whole field were not valid UTF-8.
SafeText make_safe(std::string_view raw, std::size_t limit, WholeField whole);

// Text for an XML 1.0 document: escapes markup characters (and, in an
// attribute, quotes and line breaks), drops characters XML 1.0 forbids
// (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF) and replaces invalid
// UTF-8 with U+FFFD.
std::string xml_escape(std::string_view text, bool attribute);

// Makes control characters visible as \xNN (C0 controls other than tab, LF
// and CR, and DEL), so a transcript shows them and a terminal never obeys
// them. Invalid UTF-8 becomes U+FFFD.
std::string show_controls(std::string_view text);

// The first line of text, with every control character (tab included) shown
// as \xNN, cut to at most max_bytes bytes (without splitting a character)
// and followed by "…" when anything was left out.
std::string one_line(std::string_view text, std::size_t max_bytes);

}  // namespace smapi::reports::detail

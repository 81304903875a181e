#pragma once
// A precise statement of what is wrong with (or noteworthy in) a decoded value.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::contract {

enum class FindingKind {
  missing_key,   // a required key is absent
  wrong_type,    // a value has the wrong JSON type
  bad_value,     // right type, value outside what is allowed
  unknown_key,   // a key the IDL does not have (strict view only)
  key_spelling,  // a key that matches only case-insensitively (strict view only)
  malformed,     // the text or envelope itself is broken
};

std::string_view to_string(FindingKind kind);

struct Finding {
  FindingKind kind;
  std::string path;      // JSON path of the offending value: "$.features[2]"
  std::string expected;  // "string", "array of strings", "one of 3.0, 5.0"
  std::string actual;    // a short JSON excerpt of what was there, or "absent"

  // One line: "$.vendor: expected string, got 5".
  std::string describe() const;

  friend bool operator==(const Finding&, const Finding&) = default;
};

// A decoded value with the findings its decoding produced. `value` is set
// exactly when the chosen view accepts the input; findings then hold only
// what the view notes without rejecting. Unset, they say why it was rejected.
template <class T>
struct Decoded {
  std::optional<T> value;
  std::vector<Finding> findings;

  bool accepted() const { return value.has_value(); }
};

}  // namespace smapi::contract

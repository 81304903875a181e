#include "contract/finding.h"

namespace smapi::contract {

std::string_view to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::missing_key: return "missing_key";
    case FindingKind::wrong_type: return "wrong_type";
    case FindingKind::bad_value: return "bad_value";
    case FindingKind::unknown_key: return "unknown_key";
    case FindingKind::key_spelling: return "key_spelling";
    case FindingKind::malformed: return "malformed";
  }
  return "unknown";
}

std::string Finding::describe() const {
  switch (kind) {
    case FindingKind::missing_key:
      return path + ": missing (expected " + expected + ")";
    case FindingKind::unknown_key:
      return path + ": unknown key";
    case FindingKind::key_spelling:
      return path + ": key spelled \"" + actual + "\", the IDL says \"" + expected + "\"";
    case FindingKind::wrong_type:
    case FindingKind::bad_value:
    case FindingKind::malformed:
      break;
  }
  if (expected.empty()) return path + ": " + actual;
  return path + ": expected " + expected + ", got " + actual;
}

}  // namespace smapi::contract

#pragma once
// The run loop: drive a target through the Plugin contract, then judge.

#include "harness/target.h"
#include "suites/result.h"

#include <stdexcept>

namespace smapi::harness {

// The harness could not do its job (e.g. the target is unreachable): not a
// verdict on the plugin. Exit status 2.
class HarnessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The dbg value every call carries, so a plugin's logs show where calls came from.
inline constexpr const char* kDbg = "smapi-conform";

// Calls Plugin.query, Plugin.ls and Plugin.diagnostics in turn and judges
// the answers. Throws HarnessError when the target cannot be reached at all.
suites::RunResult run_conformance(Target& target, const suites::RunSubject& subject);

}  // namespace smapi::harness

#pragma once
// The calls a run makes, planned before the first one is made: a pure
// function of the subject (its kind, --repeat, --concurrency, --seed,
// --no-probes and the selection). run_conformance follows the plan and
// `smapi-conform plan` prints it, so the two cannot differ.

#include "contract/method.h"
#include "suites/observation.h"
#include "suites/result.h"

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace smapi::harness {

// The kinds of call a plan holds, as a bit set: what a requirement's checks
// read (calls_read) and what a selection keeps.
enum CallKinds : unsigned {
  kPlainQueryCall = 1u << 0,        // Plugin.query with the plain dbg
  kPlainLsCall = 1u << 1,           // Plugin.ls with the plain dbg
  kPlainDiagnosticsCall = 1u << 2,  // Plugin.diagnostics with the plain dbg
  kRepeatCalls = 1u << 3,           // Plugin.query again, one after another
  kConcurrentCalls = 1u << 4,       // overlapping Plugin.query calls
  kRegisterCall = 1u << 5,          // a Datapath plugin's Plugin.query with dbg "register"
  kDbgVariantCalls = 1u << 6,       // every method with an unusual dbg
  kInputProbeCalls = 1u << 7,       // argument text that must be refused (or an extra key)
  kPlainCalls = kPlainQueryCall | kPlainLsCall | kPlainDiagnosticsCall,
  kAllCalls = (1u << 8) - 1,
};

// The calls a requirement's checks read (suites/*_checks.cpp): a query, ls or
// diagnostics requirement its method's plain call; a transport requirement
// the plain calls, repeats and concurrent calls; ERROR-WELL-FORMED every
// error answer, probes included; each robustness requirement its own probes
// and the plain calls they are compared with. A requirement not named here
// reads every call.
unsigned calls_read(const suites::Requirement& requirement);

// Why `requirement` does not apply to `subject`, as far as the subject alone
// tells (suites::not_applicable_reason for its transport and plugin kind; a
// feature is declared in Plugin.query's answer, which only a run sees);
// nullopt when it may apply.
std::optional<std::string> not_applicable_to(const suites::Requirement& requirement, const suites::RunSubject& subject);

// The calls a run judging `subject` needs: those its selected requirements
// that may apply read, plus the plain Plugin.query (every run's first call:
// it says which requirements apply) and a Datapath plugin's registration
// call (xapi's view of the plugin reads it).
unsigned calls_needed(const suites::RunSubject& subject);

// One planned call. Calls of one `group` (> 0) are made at once.
struct PlannedCall {
  contract::Method method = contract::Method::query;
  suites::Probe probe = suites::Probe::none;
  std::string label;      // "Plugin.query #4"
  std::string args_text;  // the arguments sent, as JSON text
  int group = 0;
  // Input probes go to a method the seed picks at run time, among those
  // whose plain call was answered; `method` is then a placeholder.
  bool method_from_seed = false;
  CallKinds kind = kPlainQueryCall;
};

struct CallPlan {
  std::vector<PlannedCall> calls;
  // The seed's generator as planning left it: at run time it picks the
  // method of each input probe. A run without input probes never reads it.
  std::mt19937_64 random;
};

// The calls a run of `subject` makes, in order, when each is answered in
// time (a method whose call times out or cannot be made gets no further
// calls; the run skips them). Plain calls first, then repeats, concurrent
// calls, the registration call, dbg variants and input probes; calls that no
// selected requirement reads are left out. Pure.
CallPlan plan_calls(const suites::RunSubject& subject);

}  // namespace smapi::harness

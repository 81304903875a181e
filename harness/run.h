#pragma once
// The run loop: drive a target through the Plugin contract, then judge.

#include "harness/cancellation.h"
#include "harness/target.h"
#include "suites/result.h"

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smapi::harness {

// The harness could not do its job (e.g. the target is unreachable): not a
// verdict on the plugin. Exit status 2.
class HarnessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The dbg value every call carries, so a plugin's logs show where calls came from.
inline constexpr const char* kDbg = "smapi-conform";

// The unusual dbg values DBG-ANY-STRING sends to every method: an empty
// string, one of kLargeDbgBytes bytes and a non-ASCII one.
inline constexpr std::size_t kLargeDbgBytes = 64 * 1024;
// The dbg of xapi's own Plugin.query call to a Datapath plugin, the one that
// registers it (xen-api ocaml/xapi-storage-script/main.ml,
// Datapath_plugins.register). Datapath plugins always get this call.
inline constexpr std::string_view kRegisterDbg = "register";
inline constexpr std::string_view kNonAsciiDbg = "d\u00e9bogage \u2713 \u8c03\u8bd5";  // débogage ✓ 调试

// A method whose answer is larger than this gets no further calls (no
// repeats, concurrent calls or probes): 1 MiB, far above any field plugin's
// answer (DIAG-SIZE allows 1 MiB of diagnostics). It bounds the time a run
// spends on an oversized answer; its memory is bounded by compact_call.
inline constexpr std::size_t kMaxProbedReplyBytes = 1024 * 1024;

// Told as each planned call starts: its place `number` (from 1) among the
// `total` planned calls, and its label ("Plugin.query #4"); overlapping calls
// are told once, by the first one's place. A call the run skips is not told.
// Called on the thread that called run_conformance.
using ProgressCallback = std::function<void(std::size_t number, std::size_t total, std::string_view label)>;

// Calls Plugin.query, Plugin.ls and Plugin.diagnostics in turn (the base
// contract), then the probes the subject asks for: Plugin.query repeated and
// called concurrently, every method with unusual dbg values, and input
// probes chosen by the subject's seed. A method whose call timed out (or
// could not be made) gets no further probes; Observations::skipped_probes
// says so. Then judges the answers. The calls are plan_calls(subject)'s
// (harness/call_plan.h): a requirement subject.not_selected names is a skip
// "not selected: ...", and calls that only such requirements read are not
// made. Throws HarnessError when the target cannot be reached at all.
//
// Once `cancel` is requested, the calls in flight end at once (exec: their
// process groups and adopted orphans killed), no further call is made, and
// the calls that ended before are judged: RunResult::interruption is set and
// the results are those the calls settled (suites/partial_run.h).
// The current time as a report's started_at: "2026-12-02T23:59:59Z".
std::string utc_now_iso8601();

suites::RunResult run_conformance(Target& target, const suites::RunSubject& subject,
                                  const ProgressCallback& progress = {},
                                  const Cancellation* cancel = nullptr);

}  // namespace smapi::harness

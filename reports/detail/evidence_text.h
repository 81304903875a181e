#pragma once
// A readable transcript of one call: what was sent, how it ended, what came
// back, and how to repeat it. Used by the text-based reports (JUnit).

#include "reports/detail/text_safety.h"
#include "suites/observation.h"

#include <cstddef>
#include <string>

namespace smapi::reports::detail {

// The transcript of call number `index`. Plugin bytes are cut to
// field_limit bytes each, invalid UTF-8 becomes U+FFFD and control
// characters are shown as \xNN. The result is valid UTF-8, ends in a newline.
std::string call_transcript(const suites::CallObservation& call, std::size_t index,
                            std::size_t field_limit);

// One line naming a call for a report that cites it: "call #3 Plugin.query
// #2: HTTP status 200, after 4 ms".
std::string call_citation(const suites::CallObservation& call, std::size_t index);

// A call's whole reply and stderr as make_safe needs them: their size and
// UTF-8 validity, from CallObservation::whole when the run kept only their
// first bytes (or read them once already).
WholeField whole_reply(const suites::CallObservation& call);
WholeField whole_stderr(const suites::CallObservation& call);

// How a call ended, in one line: "exited with status 1", "killed by signal 9",
// "HTTP status 200", "timed out (after 30000 ms)".
std::string ending_of(const suites::CallObservation& call);

}  // namespace smapi::reports::detail

#pragma once
// The few lines smapi-conform prints at the end of a run.
//
//   smapi-conform 0.1.0: /path/to/plugin (volume, exec, profile xapi)
//   FAIL   QUERY-FIELD-TYPE   MUST    $.vendor: expected string, got 5
//   SKIP   LS-RESULT-TYPE     MUST    Plugin.ls is not implemented
//   WARN   QUERY-KEYS-EXACT   SHOULD  $.Vendor: ... [waived: XAPI-12 until 2027-01-31]
//   12 requirements: 9 pass, 1 fail, 1 warn, 2 skip, 0 error
//   xapi: SR type "ext4-ng", 15 capabilities; VDI_DESTROY -> VDI_DELETE; drops FOO
//   waiver: LS-ANSWERS passed although waived (ticket XAPI-9); remove the waiver
//   verdict: non-conformant
//
// One line per result that did not pass, in catalogue order (a waived one
// says so); then xapi's view of the plugin (when computed: the SR type and
// capabilities it would register, or why it would not; for a Datapath plugin
// whether registration would succeed) and any waiver problems. With colour,
// the outcome tags and the verdict are coloured with ANSI SGR codes (verdict:
// conformant green, non-conformant red, inconclusive yellow); without it the
// output holds no escape sequence at all. Control characters from plugin
// text are shown as \xNN, never sent to the terminal.

#include "suites/result.h"

#include <cstddef>
#include <ostream>

namespace smapi::reports {

// Longest message shown on a result line, in bytes; longer ones end in "…".
inline constexpr std::size_t kSummaryMessageMaxBytes = 200;

// Prints the summary of a run.
void print_summary(std::ostream& out, const suites::RunResult& run, bool colour);

// Whether colour suits a stream: it is a terminal, NO_COLOR is unset or empty
// (https://no-color.org), and TERM is not "dumb". The environment values are
// passed in (nullptr when unset) so the rule can be tested.
bool colour_allowed(bool is_terminal, const char* no_color, const char* term);

// Whether to colour standard output: colour_allowed() for stdout and the
// process environment.
bool stdout_is_tty();

}  // namespace smapi::reports

#pragma once
// A program's man page in roff (man(7) macros), rendered from the same
// tables as its --help (flag_table.h), so the two cannot drift. Pure: the
// build writes the result (cli/shell_docs.cmake).
//
//   const std::string page = cli::render_man_page(program, {.version = "0.1.0", .see_also = {"smapi-mock(1)"}});
//
// Sections: NAME, SYNOPSIS, DESCRIPTION, COMMANDS (each with its arguments,
// flags, defaults and exit statuses), OPTIONS, EXIT STATUS (every command's,
// by status), ENVIRONMENT (when the program reads any), SEE ALSO.

#include "cli/flag_table.h"

#include <string>
#include <string_view>
#include <vector>

namespace smapi::cli {

// What a page shows that the tables do not hold.
struct ManPageInfo {
  std::string_view version;               // "0.1.0", in the page footer
  std::string_view manual = "User Commands";
  std::string_view source = "smapi-conformance";  // the package, beside the version
  std::vector<std::string> see_also;      // "smapi-mock(1)", in order
};

// The whole page, ending in a newline.
std::string render_man_page(const Program& program, const ManPageInfo& info);

// Text made safe for one roff text line: '\' and '-' escaped (\e, \-),
// non-ASCII as \[uXXXX], and a leading '.' or '\'' guarded by \&. A '\n'
// in text must be split off first (it would start a new roff line).
std::string roff_escape(std::string_view text);

// One entry of a command footer's "exit status:" list: "  2  usage error".
struct ExitStatus {
  std::string code;     // "2"
  std::string meaning;  // "usage error" (continuation lines joined)
};

// The exit statuses a footer lists after "exit status:", in order; empty
// when it lists none.
std::vector<ExitStatus> exit_statuses(std::string_view footer);

}  // namespace smapi::cli

#pragma once
// A short Markdown summary for CI pages: $GITHUB_STEP_SUMMARY on GitHub
// Actions, a merge request note or job artifact on GitLab.
//
//   ## smapi-conform: non-conformant
//   Target `target` (volume, exec, profile xapi), smapi-conform 0.1.0
//   | pass | fail | warn | skip | error | waived |     one row of counts
//   ### Requirements not passed                        (only when some did not)
//   | ID | level | outcome | message | reproducer |    catalogue order
//   ### xapi's view                                    SR type, capabilities, drops
//   ### Waivers                                        waived results and problems
//
// Plugin text is one line per cell, cut to kMarkdownCellMaxBytes, and
// backslash-escaped only where GitHub-flavoured Markdown would act on it
// (detail/markdown_text.h), so the raw file reads as the plugin wrote it
// ("VDI_DELETE") while a plugin cannot add HTML, links, images, table cells,
// emphasis or lines. Names and commands are code spans.

#include "suites/result.h"

#include <cstddef>
#include <filesystem>
#include <string>

namespace smapi::reports {

// Longest plugin-derived text in one table cell, in bytes (before escaping).
inline constexpr std::size_t kMarkdownCellMaxBytes = 300;

// The Markdown summary of a run.
std::string to_markdown_summary(const suites::RunResult& run);

// Writes it through a temporary file and a rename; throws std::runtime_error
// naming the path and the reason.
void write_markdown_summary(const suites::RunResult& run, const std::filesystem::path& file);

}  // namespace smapi::reports

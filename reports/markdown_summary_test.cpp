#include "reports/markdown_summary.h"

#include "reports/detail/text_safety.h"
#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> table_rows_after(const std::string& text, std::string_view heading) {
  const auto lines = lines_of(text);
  auto it = std::find(lines.begin(), lines.end(), heading);
  std::vector<std::string> rows;
  if (it == lines.end()) return rows;
  for (it += 4; it != lines.end() && !it->empty(); ++it) rows.push_back(*it);  // heading, blank, header, rule
  return rows;
}

TEST(MarkdownSummary, HeadingCountsAndSubject) {
  const std::string md = to_markdown_summary(testing::sample_run());
  EXPECT_THAT(md, StartsWith("## smapi-conform: \u274C non-conformant\n\n"
                             "Target `/plugins/ext4-ng` (volume, exec, profile xapi), smapi-conform 0.1.0\n\n"
                             "| pass | fail | warn | skip | error | waived |\n"
                             "|---:|---:|---:|---:|---:|---:|\n"
                             "| 1 | 2 | 1 | 1 | 1 | 0 |\n"));
}

TEST(MarkdownSummary, OneRowPerResultThatDidNotPassInCatalogueOrder) {
  const std::string md = to_markdown_summary(testing::sample_run());
  const auto rows = table_rows_after(md, "### Requirements not passed");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], "| `QUERY-FIELD-TYPE` | MUST | fail | $.vendor: expected string, got 5 | "
                     "`printf '%s' '{\"dbg\":\"debug\"}' \\| /plugins/ext4-ng/Plugin.Query --json` |");
  EXPECT_THAT(rows[1], StartsWith("| `DIAG-NO-PII` | SHOULD | fail | diagnostics timed out |"));
  EXPECT_THAT(rows[2], StartsWith("| `LS-RESULT-TYPE` | MUST | skip |"));
  EXPECT_THAT(rows[3], StartsWith("| `QUERY-FEATURE-NAMES` | SHOULD | warn |"));
  EXPECT_EQ(rows[4], "| `ERRORS-BAD-DBG` | MUST | error | the harness could not send the call |  |");
  EXPECT_THAT(md, Not(HasSubstr("QUERY-API-VERSION")));
}

TEST(MarkdownSummary, XapiViewAndNoWaiverSectionWithoutWaivers) {
  const std::string md = to_markdown_summary(testing::sample_run());
  EXPECT_THAT(md, HasSubstr("### xapi's view\n\nSR type \"ext4-ng\", 2 capabilities\n\n- SR type: `ext4-ng`\n"));
  EXPECT_THAT(md, HasSubstr("- renamed: `VDI_DESTROY -> VDI_DELETE`\n"));
  EXPECT_THAT(md, HasSubstr("- added by xapi-storage-script: `SR_ATTACH (script SR.attach)`\n"));
  EXPECT_THAT(md, HasSubstr("- kept at version 1: `SR_STATS/0 (version below 1, raised to 1)`\n"));
  EXPECT_THAT(md, Not(HasSubstr("### Waivers")));
}

TEST(MarkdownSummary, ADatapathViewShowsItsRegistrationOnly) {
  suites::RunResult run = testing::sample_run();
  run.xapi_view.summary = "datapath plugin for URI scheme tapdisk, registered";
  run.xapi_view.registration_applies = true;
  run.xapi_view.registration_detail = "judged from the plain Plugin.query call";
  const std::string md = to_markdown_summary(run);
  EXPECT_THAT(md, HasSubstr("### xapi's view\n\ndatapath plugin for URI scheme tapdisk, registered\n\n"
                            "- datapath registration: judged from the plain Plugin.query call\n"));
  EXPECT_THAT(md, Not(HasSubstr("SR type")));
  EXPECT_THAT(md, Not(HasSubstr("capabilities")));
}

TEST(MarkdownSummary, WaivedFailuresAndWaiverProblemsAreListed) {
  const std::string md = to_markdown_summary(testing::sample_run_with_waivers());
  EXPECT_THAT(md, StartsWith("## smapi-conform: \u26A0\uFE0F inconclusive\n"));
  EXPECT_THAT(md, HasSubstr("| `QUERY-FIELD-TYPE` | MUST | fail (waived) |"));
  EXPECT_THAT(md, HasSubstr("### Waivers\n\n- `QUERY-FIELD-TYPE`: waived: vendor field fixed in 2.1 "
                            "(ticket XAPI-12, expires 2099-01-01)\n"
                            "- **expired** `DIAG-ANSWERS`: expired 2026-01-01 (ticket XAPI-7)\n"
                            "- **unexpected_pass** `QUERY-API-VERSION`: passed anyway: drop the waiver\n"));
}

// A line with its code spans removed, read as GFM reads them: a backtick
// run opens a span closed by the next run of the same length; a backslash
// escapes the character after it outside spans.
std::string without_code_spans(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      out += line.substr(i, 2);
      i += 2;
      continue;
    }
    if (line[i] != '`') {
      out += line[i++];
      continue;
    }
    std::size_t run = line.find_first_not_of('`', i);
    if (run == std::string::npos) run = line.size();
    const std::string fence = line.substr(i, run - i);
    std::size_t close = run;
    while ((close = line.find(fence, close)) != std::string::npos &&
           ((close + fence.size() < line.size() && line[close + fence.size()] == '`') ||
            line[close - 1] == '`'))
      close = line.find_first_not_of('`', close);
    if (close == std::string::npos) {  // no closing run: the backticks are text
      out += fence;
      i = run;
    } else {
      i = close + fence.size();
    }
  }
  return out;
}

// Whether text holds c without a backslash before it.
bool has_unescaped(const std::string& text, char c) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == c) return true;
  }
  return false;
}

TEST(MarkdownSummary, PluginTextReadsVerbatimWhereMarkdownWouldNotActOnIt) {
  suites::RunResult run = testing::sample_run();
  run.results[0].message = "$.name: my_plugin_v2 is not ext4_ng, and 3 * 4 != 12 (a - b) \"quoted\" 50%";
  run.xapi_view.sr_type = "my_plugin*";
  const std::string md = to_markdown_summary(run);
  EXPECT_THAT(md, HasSubstr("| fail | $.name: my_plugin_v2 is not ext4_ng, and 3 * 4 != 12 (a - b) \"quoted\" 50% |"));
  EXPECT_THAT(md, HasSubstr("- SR type: `my_plugin*`\n"));
  EXPECT_THAT(md, Not(HasSubstr("&#")));
}

TEST(MarkdownSummary, MarkupIsBackslashEscapedNotEntityEncoded) {
  suites::RunResult run = testing::sample_run();
  run.results[0].message = "*bold* _it_ ~~gone~~ 2*3 <b>x</b> [l](u) ![i](u) `c` a|b &amp; \\ end";
  run.xapi_view.summary = "# not a heading";
  const std::string md = to_markdown_summary(run);
  EXPECT_THAT(md, HasSubstr("| \\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ 2\\*3 \\<b>x\\</b> \\[l\\](u) !\\[i\\](u) "
                            "\\`c\\` a\\|b \\&amp; \\\\ end |"));
  EXPECT_THAT(md, HasSubstr("### xapi's view\n\n\\# not a heading\n"));
}

TEST(MarkdownSummary, HostileTextCannotAddMarkupCellsOrLines) {
  const std::string md = to_markdown_summary(testing::sample_run_with_hostile_text());
  EXPECT_TRUE(detail::is_valid_utf8(md));
  EXPECT_THAT(md, Not(HasSubstr("\x1b")));
  EXPECT_EQ(md.find('\0'), std::string::npos);
  EXPECT_THAT(md, Not(HasSubstr("line two")));  // one line per cell
  for (const auto& line : lines_of(md)) {
    // Outside code spans no '<' opens a tag and no '[' a link or an image.
    const std::string text = without_code_spans(line);
    EXPECT_FALSE(has_unescaped(text, '<')) << line;
    EXPECT_FALSE(has_unescaped(text, '[')) << line;
    EXPECT_THAT(line, Not(StartsWith("```"))) << line;  // no fenced block
  }
  // GFM splits a row at every '|' without a backslash before it, code spans included.
  for (const auto& row : table_rows_after(md, "### Requirements not passed")) {
    std::size_t cells = 0;
    for (std::size_t i = 0; i < row.size(); ++i)
      if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++cells;
    EXPECT_EQ(cells, 6u) << row;
  }
}

}  // namespace
}  // namespace smapi::reports

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
                             "<code>/plugins/ext4-ng</code> (volume, exec, profile xapi), smapi-conform 0.1.0\n\n"
                             "| pass | fail | warn | skip | error | waived |\n"
                             "|---:|---:|---:|---:|---:|---:|\n"
                             "| 1 | 2 | 1 | 1 | 1 | 0 |\n"));
}

TEST(MarkdownSummary, OneRowPerResultThatDidNotPassInCatalogueOrder) {
  const std::string md = to_markdown_summary(testing::sample_run());
  const auto rows = table_rows_after(md, "### Requirements not passed");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_THAT(rows[0], StartsWith("| <code>QUERY-FIELD-TYPE</code> | MUST | fail | "
                                  "$.vendor: expected string, got 5 | <code>printf '%s' "));
  EXPECT_THAT(rows[1], StartsWith("| <code>DIAG-NO-PII</code> | SHOULD | fail | diagnostics timed out |"));
  EXPECT_THAT(rows[2], StartsWith("| <code>LS-RESULT-TYPE</code> | MUST | skip |"));
  EXPECT_THAT(rows[3], StartsWith("| <code>QUERY-FEATURE-NAMES</code> | SHOULD | warn |"));
  EXPECT_EQ(rows[4], "| <code>ERRORS-BAD-DBG</code> | MUST | error | the harness could not send the call |  |");
  EXPECT_THAT(md, Not(HasSubstr("QUERY-API-VERSION")));
}

TEST(MarkdownSummary, XapiViewAndNoWaiverSectionWithoutWaivers) {
  const std::string md = to_markdown_summary(testing::sample_run());
  EXPECT_THAT(md, HasSubstr("### xapi's view\n\nSR type \"ext4-ng\", 2 capabilities\n\n- SR type: <code>ext4-ng</code>\n"));
  EXPECT_THAT(md, HasSubstr("- renamed: <code>VDI&#95;DESTROY -&#62; VDI&#95;DELETE</code>\n"));
  EXPECT_THAT(md, HasSubstr("- added by xapi-storage-script: <code>SR&#95;ATTACH (script SR.attach)</code>\n"));
  EXPECT_THAT(md, HasSubstr("- kept at version 1: <code>SR&#95;STATS/0 (version below 1, raised to 1)</code>\n"));
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
  EXPECT_THAT(md, HasSubstr("| <code>QUERY-FIELD-TYPE</code> | MUST | fail (waived) |"));
  EXPECT_THAT(md, HasSubstr("### Waivers\n\n- <code>QUERY-FIELD-TYPE</code>: waived: vendor field fixed in 2.1 "
                            "(ticket XAPI-12, expires 2099-01-01)\n"
                            "- **expired** <code>DIAG-ANSWERS</code>: expired 2026-01-01 (ticket XAPI-7)\n"
                            "- **unexpected_pass** <code>QUERY-API-VERSION</code>: passed anyway: drop the waiver\n"));
}

TEST(MarkdownSummary, HostileTextCannotAddMarkupCellsOrLines) {
  const std::string md = to_markdown_summary(testing::sample_run_with_hostile_text());
  EXPECT_TRUE(detail::is_valid_utf8(md));
  EXPECT_THAT(md, Not(HasSubstr("<script")));
  EXPECT_THAT(md, Not(HasSubstr("<img")));
  EXPECT_THAT(md, Not(HasSubstr("](")));
  EXPECT_THAT(md, Not(HasSubstr("\x1b")));
  EXPECT_EQ(md.find('\0'), std::string::npos);
  EXPECT_THAT(md, Not(HasSubstr("line two")));  // one line per cell
  for (const auto& row : table_rows_after(md, "### Requirements not passed"))
    EXPECT_EQ(std::count(row.begin(), row.end(), '|'), 6) << row;
}

}  // namespace
}  // namespace smapi::reports

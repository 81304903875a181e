#include "reports/html_report.h"

#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"
#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST(HtmlReport, BannerCountsAndOneRowPerResult) {
  const std::string html = to_html_report(testing::sample_run());
  EXPECT_THAT(html, HasSubstr("<div id=\"verdict\" class=\"banner non-conformant\">Verdict: non-conformant</div>"));
  EXPECT_EQ(occurrences(html, "<tr class=\"result\""), 6u);
  EXPECT_THAT(html, HasSubstr("data-id=\"QUERY-FIELD-TYPE\" data-outcome=\"fail\""));
  EXPECT_THAT(html, HasSubstr("<h3>query</h3>"));
  EXPECT_THAT(html, HasSubstr("<h3>ls</h3>"));
  EXPECT_THAT(html, HasSubstr("<summary>#2 Plugin.diagnostics: timed out (no answer within 30000 ms), 30000 ms</summary>"));
  EXPECT_THAT(html, HasSubstr("<section id=\"xapi-view\">"));
  EXPECT_THAT(html, HasSubstr("<code>VDI_DESTROY -&gt; VDI_DELETE</code>"));
  EXPECT_THAT(html, HasSubstr("<p>SR type &quot;ext4-ng&quot;, 2 capabilities</p>"));
  EXPECT_THAT(html, HasSubstr("<th>SM.capabilities (2)</th>"));
  EXPECT_THAT(html, HasSubstr("<code>SR_STATS/0 (version below 1, raised to 1)</code>"));
}

TEST(HtmlReport, NamesThePluginAtTheTop) {
  const std::string html = to_html_report(testing::sample_run());
  const auto plugin = html.find("<table id=\"plugin\"><tr><th>plugin</th><td>ext4</td><th>vendor</th><td>5</td>"
                                "<th>version</th><td>3.0</td><th>kind</th><td>volume</td><th>SR type</th><td>ext4-ng</td>");
  ASSERT_NE(plugin, std::string::npos);
  EXPECT_LT(plugin, html.find("id=\"failures\""));
  EXPECT_GT(plugin, html.find("id=\"verdict\""));
}

// When xapi refused Plugin.query, the header still names the plugin as its
// answer did, and says what was wrong with a field.
TEST(HtmlReport, TheHeaderFallsBackToThePluginsOwnAnswer) {
  suites::RunResult run = testing::sample_run();
  run.xapi_view = {};
  const std::string html = to_html_report(run);
  EXPECT_THAT(html, HasSubstr("<th>plugin</th><td>ext4</td><th>vendor</th><td>5 (not a string)</td>"
                              "<th>version</th><td>3.0</td><th>kind</th><td>volume</td><th>SR type</th><td>ext4-ng</td>"));
  run.observations.calls[0].reply.kind = contract::Reply::Kind::malformed;
  EXPECT_THAT(to_html_report(run), HasSubstr("<th>plugin</th><td><em>unknown</em></td>"));
}

// Failures, errors and warnings come first, MUST failures before SHOULD
// ones; the passing and skipped rows follow by area.
TEST(HtmlReport, ListsTheFailuresFirst) {
  const std::string html = to_html_report(testing::sample_run());
  std::vector<std::size_t> at;
  for (const char* id : {"QUERY-FIELD-TYPE", "DIAG-NO-PII", "ERRORS-BAD-DBG", "QUERY-FEATURE-NAMES",
                         "id=\"results\"", "LS-RESULT-TYPE", "QUERY-API-VERSION"})
    at.push_back(html.find(std::string(id).starts_with("id=") ? std::string(id) : "<tr class=\"result\" id=\"result-" + std::string(id)));
  for (std::size_t i = 0; i < at.size(); ++i) ASSERT_NE(at[i], std::string::npos) << i;
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_GT(at[0], html.find("<section id=\"failures\">"));
  EXPECT_THAT(to_html_report([] {
                auto run = testing::sample_run();
                for (auto& result : run.results) result.outcome = suites::Outcome::pass;
                return run;
              }()),
              HasSubstr("<p>None: every requirement passed or does not apply.</p>"));
}

// A passing MUST is not drawn in red: only a failing row's level badge is.
TEST(HtmlReport, FailingRowsAreMarkedAndPassingMustBadgesAreNeutral) {
  const std::string html = to_html_report(testing::sample_run());
  EXPECT_THAT(html, HasSubstr(".badge.MUST,.badge.SHOULD{border:1px solid #bbb;color:#555"));
  EXPECT_THAT(html, HasSubstr("tr.result[data-outcome=fail] .badge.MUST{border-color:#cf222e"));
  EXPECT_THAT(html, HasSubstr("tr.result[data-outcome=fail] td{background:"));
  EXPECT_THAT(html, Not(HasSubstr(".badge.MUST{border:1px solid #cf222e")));
  // A count of nothing is not drawn in its outcome's colour.
  EXPECT_THAT(html, HasSubstr("<span class=\"badge fail\">fail</span> 2</td>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge waived zero\">waived</span> 0</td>"));
  const std::string waived = to_html_report(testing::sample_run_with_waivers());
  EXPECT_THAT(waived, HasSubstr("id=\"result-QUERY-FIELD-TYPE\" data-id=\"QUERY-FIELD-TYPE\" data-outcome=\"fail\" "
                                "data-waived=\"yes\">"));
}

// Each call is shown once, its JSON indented; the rows link to it. Before,
// every row repeated the transcripts it cites (385 KB for the mock's run).
TEST(HtmlReport, EachCallIsShownOnceWithItsJsonIndented) {
  const std::string html = to_html_report(testing::sample_run());
  EXPECT_EQ(occurrences(html, "<details class=\"call\" id=\"call-"), 3u);
  EXPECT_EQ(occurrences(html, "<details"), 3u);
  EXPECT_EQ(occurrences(html, "<a href=\"#call-0\">#0 Plugin.query</a>"), 3u);  // three results cite it
  EXPECT_EQ(occurrences(html, "&quot;vendor&quot;: 5,\n"), 1u);
  EXPECT_THAT(html, HasSubstr("(196 bytes, JSON shown indented)<pre>{\n  &quot;plugin&quot;: &quot;ext4-ng&quot;,\n"));
  EXPECT_THAT(html, HasSubstr("<details class=\"call\" id=\"call-0\" open>"));  // a failure cites it
  EXPECT_THAT(html, HasSubstr("<details class=\"call\" id=\"call-1\">"));       // only a skip cites it
  EXPECT_THAT(html, HasSubstr("cited by <a href=\"#result-LS-RESULT-TYPE\">LS-RESULT-TYPE</a>"));
}

TEST(HtmlReport, ALongFieldShowsItsPrefixSizeAndDigest) {
  suites::RunResult run = testing::sample_run();
  run.observations.calls[0].reply_bytes = std::string(5000, 'r');
  const std::string html = to_html_report(run);
  EXPECT_THAT(html, HasSubstr("(5000 bytes, first 2048 shown, SHA-256 <code>" +
                              detail::sha256_hex(std::string(5000, 'r')) + "</code>)"));
  EXPECT_THAT(html, HasSubstr(std::string(2048, 'r') + "\xE2\x80\xA6[2952 bytes omitted]"));
  EXPECT_THAT(html, Not(HasSubstr(std::string(2049, 'r'))));
}

TEST(HtmlReport, ADatapathViewHasNoSrTypeOrCapabilities) {
  suites::RunResult run = testing::sample_run();
  run.xapi_view.summary = "datapath plugin for URI scheme tapdisk, registered";
  run.xapi_view.registration_applies = true;
  run.xapi_view.registration_succeeds = true;
  run.observations.subject.kind = suites::PluginKind::datapath;
  const std::string html = to_html_report(run);
  EXPECT_THAT(html, HasSubstr("<p>datapath plugin for URI scheme tapdisk, registered</p>"));
  EXPECT_THAT(html, HasSubstr("<th>datapath registration</th><td>succeeds"));
  EXPECT_THAT(html, Not(HasSubstr("<th>SR type</th>")));
  EXPECT_THAT(html, Not(HasSubstr("SM.capabilities")));
}

TEST(HtmlReport, SelfContainedWithOnlyItsOwnScriptAllowed) {
  const std::string html = to_html_report(testing::sample_run());
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr(" src=")));
  ASSERT_EQ(occurrences(html, "<script>"), 1u);
  const auto begin = html.find("<script>") + 8;
  const std::string script = html.substr(begin, html.find("</script>") - begin);
  EXPECT_THAT(html, HasSubstr("script-src 'sha256-" + detail::sha256_base64(script) + "'"));
  EXPECT_THAT(html, HasSubstr("default-src 'none'"));
}

TEST(HtmlReport, WaiversAreShown) {
  const std::string html = to_html_report(testing::sample_run_with_waivers());
  EXPECT_THAT(html, HasSubstr("Verdict: inconclusive"));
  EXPECT_THAT(html, HasSubstr("<li><code>QUERY-FIELD-TYPE</code>: waived: vendor field fixed in 2.1 "
                              "(ticket XAPI-12, expires 2099-01-01)</li>"));
  EXPECT_THAT(html, HasSubstr("<code>DIAG-ANSWERS</code>: expired 2026-01-01 (ticket XAPI-7)"));
}

TEST(HtmlReport, HostileTextIsEscapedEverywhere) {
  const std::string html = to_html_report(testing::sample_run_with_hostile_text());
  EXPECT_TRUE(detail::is_valid_utf8(html));
  EXPECT_EQ(occurrences(html, "<script"), 1u);  // ours
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("data-pwned','script')</script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;"));
  EXPECT_THAT(html, HasSubstr("&quot;&#39;&gt;&lt;img src=x onerror="));
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  EXPECT_THAT(html, HasSubstr(std::string(detail::kReplacementChar)));
}

}  // namespace
}  // namespace smapi::reports

#include "reports/html_report.h"

#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"
#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

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
  EXPECT_THAT(html, HasSubstr("<h3>diagnostics</h3>"));
  EXPECT_EQ(occurrences(html, "<details>"), 5u);  // every result with evidence
  EXPECT_EQ(occurrences(html, "reproducer: <code>"), 4u);  // every one that did not pass and has one
  EXPECT_EQ(occurrences(html, "<details class=\"call\">"), 3u);  // every call
  EXPECT_THAT(html, HasSubstr("<summary>#2 Plugin.diagnostics: timed out (no answer within 30000 ms)</summary>"));
  EXPECT_THAT(html, HasSubstr("<section id=\"xapi-view\">"));
  EXPECT_THAT(html, HasSubstr("<code>VDI_DESTROY -&gt; VDI_DELETE</code>"));
  EXPECT_THAT(html, HasSubstr("<p>SR type &quot;ext4-ng&quot;, 2 capabilities</p>"));
  EXPECT_THAT(html, HasSubstr("<th>SM.capabilities (2)</th>"));
  EXPECT_THAT(html, HasSubstr("<code>SR_STATS/0 (version below 1, raised to 1)</code>"));
}

TEST(HtmlReport, ADatapathViewHasNoSrTypeOrCapabilities) {
  suites::RunResult run = testing::sample_run();
  run.xapi_view.summary = "datapath plugin for URI scheme tapdisk, registered";
  run.xapi_view.registration_applies = true;
  run.xapi_view.registration_succeeds = true;
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

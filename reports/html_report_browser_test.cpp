// The HTML report in a real headless browser (Debian's chromium): the page
// renders the banner and one row per requirement, its own script runs, and
// markup a hostile plugin put into its answers does not.

#include "reports/fleet_reports.h"
#include "reports/html_report.h"
#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Longest a browser run may take before the test gives up on it, in seconds.
constexpr int kBrowserTimeoutSeconds = 60;
constexpr const char* kBrowser = "/usr/bin/chromium";

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

class HtmlInBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("smapi-html-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "profile");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The DOM after the page's scripts ran, as chromium --dump-dom prints it.
  // `timeout` runs chromium in its own process group and kills the group
  // when time is up; lingering helpers are killed with it.
  std::string dump_dom(const std::string& html, const std::string& fragment = "") {
    const auto page = dir_ / "report.html";
    std::ofstream(page, std::ios::binary) << html;
    const auto dom = dir_ / "dom.html";
    const std::string command =
        "timeout -k 5 " + std::to_string(kBrowserTimeoutSeconds) + " " + kBrowser +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --virtual-time-budget=2000 --user-data-dir='" + (dir_ / "profile").string() + "'"
        " --dump-dom 'file://" + page.string() + fragment + "' > '" + dom.string() + "' 2>/dev/null";
    const int status = std::system(command.c_str());
    EXPECT_EQ(status, 0) << "chromium failed: " << command;
    std::ifstream in(dom, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
};

TEST_F(HtmlInBrowser, RendersBannerRowsAndRunsOnlyItsOwnScript) {
  ASSERT_EQ(::access(kBrowser, X_OK), 0)
      << kBrowser << " is missing: run ci/deps.sh (it installs chromium) to test the HTML report";
  const suites::RunResult run = testing::sample_run_with_hostile_text();
  const std::string dom = dump_dom(to_html_report(run));
  ASSERT_THAT(dom, HasSubstr("</html>"));
  EXPECT_THAT(dom, HasSubstr("Verdict: non-conformant"));
  EXPECT_EQ(occurrences(dom, "<tr class=\"result\""), run.results.size());
  // Our script ran (it marks <body> and fills the toolbar) ...
  EXPECT_THAT(dom, HasSubstr("data-report-script=\"ran\""));
  EXPECT_THAT(dom, HasSubstr("<button>Expand all</button>"));
  // ... the plugin's did not, and its markup stayed text.
  const auto body = dom.find("<body");
  ASSERT_NE(body, std::string::npos);
  const std::string body_tag = dom.substr(body, dom.find('>', body) - body + 1);
  EXPECT_THAT(body_tag, HasSubstr("data-report-script=\"ran\""));
  EXPECT_THAT(body_tag, Not(HasSubstr("data-pwned")));
  EXPECT_THAT(dom, Not(HasSubstr("<img")));
  EXPECT_THAT(dom, HasSubstr("&lt;script&gt;document.body.setAttribute("));
}

TEST_F(HtmlInBrowser, AConformantRunShowsItsBanner) {
  ASSERT_EQ(::access(kBrowser, X_OK), 0)
      << kBrowser << " is missing: run ci/deps.sh (it installs chromium) to test the HTML report";
  suites::RunResult run = testing::sample_run();
  for (auto& result : run.results) result.outcome = suites::Outcome::pass;
  run.verdict = suites::verdict_of(run.results);
  const std::string dom = dump_dom(to_html_report(run));
  EXPECT_THAT(dom, HasSubstr("<div id=\"verdict\" class=\"banner conformant\">Verdict: conformant</div>"));
  EXPECT_EQ(occurrences(dom, "data-outcome=\"pass\""), run.results.size());
}

// What a reader sees first, in the DOM the browser built: the verdict, the
// plugin's identity, then the failures, MUST before SHOULD; every call once,
// and every link from a row to a call lands on one.
TEST_F(HtmlInBrowser, ShowsThePluginAndTheFailuresFirstAndEachCallOnce) {
  ASSERT_EQ(::access(kBrowser, X_OK), 0)
      << kBrowser << " is missing: run ci/deps.sh (it installs chromium) to test the HTML report";
  const suites::RunResult run = testing::sample_run();
  const std::string dom = dump_dom(to_html_report(run));
  ASSERT_THAT(dom, HasSubstr("</html>"));
  const auto verdict = dom.find("id=\"verdict\"");
  const auto plugin = dom.find("<th>plugin</th><td>ext4</td><th>vendor</th><td>5</td><th>version</th><td>3.0</td>"
                               "<th>kind</th><td>volume</td>");
  const auto failures = dom.find("<section id=\"failures\">");
  const auto must_failure = dom.find("id=\"result-QUERY-FIELD-TYPE\"");
  const auto should_failure = dom.find("id=\"result-DIAG-NO-PII\"");
  const auto passed = dom.find("<section id=\"results\">");
  const auto pass_row = dom.find("id=\"result-QUERY-API-VERSION\"");
  for (auto at : {verdict, plugin, failures, must_failure, should_failure, passed, pass_row})
    ASSERT_NE(at, std::string::npos);
  EXPECT_LT(verdict, plugin);
  EXPECT_LT(plugin, failures);
  EXPECT_LT(failures, must_failure);
  EXPECT_LT(must_failure, should_failure);
  EXPECT_LT(should_failure, passed);
  EXPECT_LT(passed, pass_row);

  EXPECT_EQ(occurrences(dom, "<details class=\"call\""), run.observations.calls.size());
  for (std::size_t i = 0; i < run.observations.calls.size(); ++i) {
    const std::string id = "id=\"call-" + std::to_string(i) + "\"";
    EXPECT_EQ(occurrences(dom, id), 1u) << id;
  }
  for (auto at = dom.find("href=\"#"); at != std::string::npos; at = dom.find("href=\"#", at + 1)) {
    const std::string target = dom.substr(at + 7, dom.find('"', at + 7) - at - 7);
    EXPECT_EQ(occurrences(dom, "id=\"" + target + "\""), 1u) << "link to #" << target;
  }
  // The reply's JSON, indented, inside the call's block.
  EXPECT_THAT(dom, HasSubstr("<pre>{\n  \"plugin\": \"ext4-ng\",\n  \"name\": \"ext4\","));
}

// The page's own script opens the call a link names.
TEST_F(HtmlInBrowser, ALinkToACallOpensIt) {
  ASSERT_EQ(::access(kBrowser, X_OK), 0)
      << kBrowser << " is missing: run ci/deps.sh (it installs chromium) to test the HTML report";
  const std::string dom = dump_dom(to_html_report(testing::sample_run()), "#call-1");
  EXPECT_THAT(dom, HasSubstr("<details class=\"call\" id=\"call-1\" open=\"\">"));
}

// A fleet's page: the fleet verdict and the plugins table before any
// plugin's section, one toolbar its script filled, and a link to one
// plugin's call opening that call, not another plugin's of the same number.
TEST_F(HtmlInBrowser, AFleetShowsItsPluginsTableFirstAndEachPluginsCallsApart) {
  ASSERT_EQ(::access(kBrowser, X_OK), 0)
      << kBrowser << " is missing: run ci/deps.sh (it installs chromium) to test the HTML report";
  const std::string dom = dump_dom(to_fleet_html_report(testing::sample_fleet()), "#p2-call-1");
  ASSERT_THAT(dom, HasSubstr("</html>"));
  const auto banner = dom.find("<div id=\"verdict\" class=\"banner non-conformant\">Fleet verdict: non-conformant</div>");
  const auto table = dom.find("<table class=\"fleet\">");
  const auto first_plugin = dom.find("<section class=\"member\"");
  for (auto at : {banner, table, first_plugin}) ASSERT_NE(at, std::string::npos);
  EXPECT_LT(banner, table);
  EXPECT_LT(table, first_plugin);
  EXPECT_EQ(occurrences(dom, "<tr class=\"member\""), 3u);
  EXPECT_EQ(occurrences(dom, "<button>Expand all</button>"), 1u);
  EXPECT_THAT(dom, HasSubstr("<details class=\"call\" id=\"p2-call-1\" open=\"\">"));
  EXPECT_THAT(dom, HasSubstr("<details class=\"call\" id=\"p1-call-1\">"));  // only a skip cites it: closed
}

}  // namespace
}  // namespace smapi::reports

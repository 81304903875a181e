#include "reports/junit_report.h"

#include "reports/detail/text_safety.h"
#include "reports/test_support/sample_run.h"

#include <expat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace smapi::reports {
namespace {

using testing::sample_run;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// An element of a parsed document: its name, attributes, direct text, the
// index of its parent (or -1) and its path ("testsuites/testsuite/testcase").
struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;
  int parent = -1;
  std::string path;
};

// A document parsed with expat, which rejects anything not well-formed
// (including invalid UTF-8 and characters XML 1.0 forbids).
struct XmlDocument {
  bool well_formed = false;
  std::string error;
  std::vector<Element> elements;

  std::vector<const Element*> all(std::string_view path) const {
    std::vector<const Element*> found;
    for (const auto& element : elements)
      if (element.path == path) found.push_back(&element);
    return found;
  }
  // The children of element `parent` named `name`.
  std::vector<const Element*> children(const Element* parent, std::string_view name) const {
    std::vector<const Element*> found;
    for (const auto& element : elements)
      if (element.parent >= 0 && &elements[element.parent] == parent && element.name == name)
        found.push_back(&element);
    return found;
  }
};

struct ParseState {
  XmlDocument* document;
  std::vector<int> open;
};

XmlDocument parse_xml(const std::string& text) {
  XmlDocument document;
  ParseState state{&document, {}};
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                       &XML_ParserFree);
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* s = static_cast<ParseState*>(data);
        Element element;
        element.name = name;
        for (int i = 0; attributes[i] != nullptr; i += 2)
          element.attributes[attributes[i]] = attributes[i + 1];
        element.parent = s->open.empty() ? -1 : s->open.back();
        element.path = element.parent < 0
                           ? element.name
                           : s->document->elements[element.parent].path + "/" + element.name;
        s->document->elements.push_back(std::move(element));
        s->open.push_back(static_cast<int>(s->document->elements.size()) - 1);
      },
      [](void* data, const XML_Char*) { static_cast<ParseState*>(data)->open.pop_back(); });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
    auto* s = static_cast<ParseState*>(data);
    if (!s->open.empty()) s->document->elements[s->open.back()].text.append(text, length);
  });
  if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), XML_TRUE) ==
      XML_STATUS_OK) {
    document.well_formed = true;
  } else {
    document.error = std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) + " at line " +
                     std::to_string(XML_GetCurrentLineNumber(parser.get()));
  }
  return document;
}

XmlDocument parsed(const suites::RunResult& run, const ReportLimits& limits = {}) {
  const std::string xml = to_junit_xml(run, limits);
  XmlDocument document = parse_xml(xml);
  EXPECT_TRUE(document.well_formed) << document.error << "\n" << xml;
  return document;
}

const Element& testcase(const XmlDocument& document, std::string_view name) {
  for (const Element* element : document.all("testsuites/testsuite/testcase"))
    if (element->attributes.at("name") == name) return *element;
  throw std::logic_error("no testcase " + std::string(name));
}

TEST(JunitReport, OneSuiteWithTheRightCounts) {
  const XmlDocument document = parsed(sample_run());
  ASSERT_EQ(document.all("testsuites").size(), 1u);
  const auto suites = document.all("testsuites/testsuite");
  ASSERT_EQ(suites.size(), 1u);
  const auto& attributes = suites[0]->attributes;
  EXPECT_EQ(attributes.at("name"), "smapi-conform");
  EXPECT_EQ(attributes.at("tests"), "6");
  EXPECT_EQ(attributes.at("failures"), "2");
  EXPECT_EQ(attributes.at("errors"), "1");
  EXPECT_EQ(attributes.at("skipped"), "1");
  EXPECT_EQ(attributes.at("time"), "1.234");
  EXPECT_EQ(attributes.at("timestamp"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(document.all("testsuites")[0]->attributes.at("tests"), "6");
  EXPECT_EQ(document.all("testsuites/testsuite/testcase").size(), 6u);
  std::map<std::string, std::string> properties;
  for (const Element* p : document.all("testsuites/testsuite/properties/property"))
    properties[p->attributes.at("name")] = p->attributes.at("value");
  EXPECT_EQ(properties.at("target"), "/plugins/ext4-ng");
  EXPECT_EQ(properties.at("verdict"), "non-conformant");
  EXPECT_EQ(properties.at("transport"), "exec");
}

TEST(JunitReport, TestcasesAreNamedByAreaAndId) {
  const XmlDocument document = parsed(sample_run());
  const Element& query = testcase(document, "QUERY-FIELD-TYPE");
  EXPECT_EQ(query.attributes.at("classname"), "smapi.query");
  EXPECT_EQ(query.attributes.at("time"), "0.012");
  EXPECT_EQ(testcase(document, "DIAG-NO-PII").attributes.at("classname"), "smapi.diagnostics");
  EXPECT_EQ(testcase(document, "DIAG-NO-PII").attributes.at("time"), "30.000");
}

TEST(JunitReport, MustFailureStartsWithTheIdAndHoldsTheTranscript) {
  const XmlDocument document = parsed(sample_run());
  const auto failures = document.children(&testcase(document, "QUERY-FIELD-TYPE"), "failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0]->attributes.at("message"),
            "QUERY-FIELD-TYPE: $.vendor: expected string, got 5");
  EXPECT_EQ(failures[0]->attributes.at("type"), "MUST");
  EXPECT_THAT(failures[0]->text,
              AllOf(HasSubstr(testing::kQueryRequest), HasSubstr(testing::kQueryReply),
                    HasSubstr(testing::kQueryReproducer), HasSubstr("exited with status 0")));
}

TEST(JunitReport, ShouldFailureIsAFailureThatNamesItsLevel) {
  const XmlDocument document = parsed(sample_run());
  const auto failures = document.children(&testcase(document, "DIAG-NO-PII"), "failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_THAT(failures[0]->attributes.at("message"),
              AllOf(StartsWith("DIAG-NO-PII: "), HasSubstr("SHOULD")));
  EXPECT_EQ(failures[0]->attributes.at("type"), "SHOULD");
  EXPECT_THAT(failures[0]->text, HasSubstr("timed out (no answer within 30000 ms)"));
}

TEST(JunitReport, ErrorSkipWarnAndPassHaveTheirOwnShapes) {
  const XmlDocument document = parsed(sample_run());
  const Element& error = testcase(document, "ERRORS-BAD-DBG");
  ASSERT_EQ(document.children(&error, "error").size(), 1u);
  EXPECT_THAT(document.children(&error, "error")[0]->attributes.at("message"),
              StartsWith("ERRORS-BAD-DBG: "));

  const Element& skip = testcase(document, "LS-RESULT-TYPE");
  ASSERT_EQ(document.children(&skip, "skipped").size(), 1u);
  EXPECT_EQ(document.children(&skip, "skipped")[0]->attributes.at("message"),
            "Plugin.ls is not implemented");

  const Element& warn = testcase(document, "QUERY-FEATURE-NAMES");
  EXPECT_TRUE(document.children(&warn, "failure").empty());
  ASSERT_EQ(document.children(&warn, "system-out").size(), 1u);
  EXPECT_THAT(document.children(&warn, "system-out")[0]->text,
              StartsWith("warning: feature FOO is unknown to xapi"));

  const Element& pass = testcase(document, "QUERY-API-VERSION");
  EXPECT_TRUE(document.children(&pass, "failure").empty());
  EXPECT_TRUE(document.children(&pass, "error").empty());
  EXPECT_TRUE(document.children(&pass, "skipped").empty());
}

// A case cites its calls in a line each; the suite's <system-out> holds each
// call's transcript once. Before, every case repeated the transcripts it
// cites (200 KB for the mock's default run).
TEST(JunitReport, CasesCiteCallsBrieflyAndTheSuiteHoldsEachTranscriptOnce) {
  const XmlDocument document = parsed(sample_run());
  const auto out = document.children(&testcase(document, "LS-RESULT-TYPE"), "system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->text, "call #1 Plugin.ls: exited with status 1, after 7 ms\n");
  const auto pass = document.children(&testcase(document, "QUERY-API-VERSION"), "system-out");
  EXPECT_EQ(pass.at(0)->text, "call #0 Plugin.query: exited with status 0, after 12 ms\n");

  const auto suite_out = document.children(document.all("testsuites/testsuite")[0], "system-out");
  ASSERT_EQ(suite_out.size(), 1u);
  const std::string& all = suite_out[0]->text;
  EXPECT_THAT(all, AllOf(HasSubstr("call #1: Plugin.ls"), HasSubstr("exited with status 1"),
                         HasSubstr("log line"), HasSubstr("/plugins/ext4-ng/Plugin.ls --json"),
                         HasSubstr("SR_BACKEND_FAILURE"), HasSubstr("$.backtrace")));
  for (const char* call : {"call #0: Plugin.query", "call #1: Plugin.ls", "call #2: Plugin.diagnostics"}) {
    const std::size_t first = all.find(call);
    EXPECT_NE(first, std::string::npos) << call;
    EXPECT_EQ(all.find(call, first + 1), std::string::npos) << call;
  }
}

TEST(JunitReport, HostileBytesStillMakeWellFormedXml) {
  suites::RunResult run = sample_run();
  auto& call = run.observations.calls[0];
  call.reply_bytes = std::string("<x>&]]>\xFF\xFE\x00\x01\x1B[31m\x0C\"'", 18);
  call.stderr_bytes = "\xC0\xAF\x07 \xEF\xBF\xBF end";
  call.reproducer = "echo '</system-out>'";
  run.results[0].message = "bad \"quote\" <tag> \x01\n second line \xED\xA0\x80";
  const std::string xml = to_junit_xml(run);
  EXPECT_TRUE(detail::is_valid_utf8(xml));
  const XmlDocument document = parse_xml(xml);
  ASSERT_TRUE(document.well_formed) << document.error;
  const auto failure = document.children(&testcase(document, "QUERY-FIELD-TYPE"), "failure")[0];
  EXPECT_THAT(failure->attributes.at("message"), StartsWith("QUERY-FIELD-TYPE: bad \"quote\" <tag>"));
  EXPECT_THAT(failure->text, AllOf(HasSubstr("<x>&]]>"), HasSubstr("\\x1B[31m"),
                                   HasSubstr("echo '</system-out>'"),
                                   HasSubstr("not valid UTF-8")));
}

TEST(JunitReport, RawFieldsAreQuotedToTheNamedLimit) {
  suites::RunResult run = sample_run();
  run.observations.calls[0].reply_bytes = std::string(10000, 'r');
  ReportLimits limits;
  limits.max_quoted_field_bytes = 100;
  const XmlDocument document = parsed(run, limits);
  const auto out = document.children(document.all("testsuites/testsuite")[0], "system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0]->text, HasSubstr(std::string(100, 'r') + "\xE2\x80\xA6[9900 bytes omitted]"));
  EXPECT_THAT(out[0]->text, Not(HasSubstr(std::string(101, 'r'))));
}

TEST(JunitReport, FailureBodyStartsWithMessageThenReproducer) {
  const XmlDocument document = parsed(sample_run());
  const Element& failure = *document.children(&testcase(document, "QUERY-FIELD-TYPE"), "failure").at(0);
  EXPECT_THAT(failure.text, StartsWith(std::string("$.vendor: expected string, got 5\nreproducer: ") +
                                       testing::kQueryReproducer + "\n"));
}

TEST(JunitReport, WaivedFailureIsSkippedWithTheWaiverAndKeepsItsTranscript) {
  const XmlDocument document = parsed(testing::sample_run_with_waivers());
  const Element& waived = testcase(document, "QUERY-FIELD-TYPE");
  EXPECT_TRUE(document.children(&waived, "failure").empty());
  const auto skipped = document.children(&waived, "skipped");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]->attributes.at("message"),
            "waived: vendor field fixed in 2.1 (ticket XAPI-12, expires 2099-01-01) "
            "[fail: QUERY-FIELD-TYPE: $.vendor: expected string, got 5]");
  const std::string out = document.children(&waived, "system-out").at(0)->text;
  EXPECT_THAT(out, StartsWith("waived: vendor field fixed in 2.1"));
  EXPECT_THAT(out, HasSubstr("fail: $.vendor: expected string, got 5\nreproducer: "));
  EXPECT_THAT(out, HasSubstr("call #0: Plugin.query"));
}

TEST(JunitReport, WaiverProblemsAreTheirOwnCasesAndAnExpiredOneFails) {
  const XmlDocument document = parsed(testing::sample_run_with_waivers());
  const auto& suite = document.all("testsuites/testsuite")[0]->attributes;
  EXPECT_EQ(suite.at("tests"), "8");
  EXPECT_EQ(suite.at("failures"), "2");  // DIAG-NO-PII (SHOULD) and the expired waiver
  EXPECT_EQ(suite.at("skipped"), "2");   // LS-RESULT-TYPE and the waived failure
  const Element& expired = testcase(document, "DIAG-ANSWERS (expired)");
  EXPECT_EQ(expired.attributes.at("classname"), "smapi.waivers");
  ASSERT_EQ(document.children(&expired, "failure").size(), 1u);
  EXPECT_EQ(document.children(&expired, "failure")[0]->attributes.at("message"),
            "waiver for DIAG-ANSWERS: expired 2026-01-01 (ticket XAPI-7)");
  const Element& unexpected = testcase(document, "QUERY-API-VERSION (unexpected_pass)");
  EXPECT_TRUE(document.children(&unexpected, "failure").empty());
  EXPECT_EQ(document.children(&unexpected, "system-out")[0]->text,
            "waiver unexpected_pass: passed anyway: drop the waiver\n");
}

TEST(JunitReport, ClassnameAndNameAreUniquePerCase) {
  const XmlDocument document = parsed(testing::sample_run_with_waivers());
  std::set<std::string> seen;
  for (const Element* element : document.all("testsuites/testsuite/testcase"))
    EXPECT_TRUE(seen.insert(element->attributes.at("classname") + "/" + element->attributes.at("name")).second)
        << element->attributes.at("name");
  EXPECT_EQ(seen.size(), 8u);
}

TEST(JunitReport, MissingDirectoryIsAClearError) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("smapi-reports-junit-missing-" + std::to_string(::getpid())) / "junit.xml";
  try {
    write_junit_report(sample_run(), file);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(),
                AllOf(HasSubstr(file.string()), HasSubstr("No such file or directory")));
  }
}

TEST(JunitReport, WritesTheDocumentToAFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("smapi-reports-junit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "junit.xml";
  write_junit_report(sample_run(), file);
  std::ifstream in(file);
  std::stringstream contents;
  contents << in.rdbuf();
  EXPECT_EQ(contents.str(), to_junit_xml(sample_run()));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace smapi::reports

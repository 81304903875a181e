// LS-UNIQUE, DIAG-NO-PII, DIAG-SIZE and TRANSPORT-UTF8.

#include "suites/detail/areas.h"
#include "suites/testing/builders.h"

#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using contract::Method;
using testing::exec_call;
using testing::HasOutcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(AddedChecks, GoodPluginPassesEach) {
  const auto results = judge(testing::good_exec_volume());
  for (const auto* id : {"LS-UNIQUE", "DIAG-NO-PII", "DIAG-SIZE", "TRANSPORT-UTF8"})
    EXPECT_THAT(results, HasOutcome(id, Outcome::pass));
}

TEST(AddedChecks, DuplicateSrFailsUniqueOnly) {
  const auto results = judge(testing::good_exec_volume_with(1, exec_call(Method::ls, 0, R"(["sr1", "sr2", "sr1"])")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-UNIQUE"));
  EXPECT_THAT(testing::result_for(results, "LS-UNIQUE").message, HasSubstr("\"sr1\""));
}

TEST(AddedChecks, UnimplementedLsSkipsUnique) {
  const auto results = judge(testing::good_exec_volume_with(1, testing::undelivered_call(Method::ls, Delivery::missing)));
  EXPECT_THAT(results, HasOutcome("LS-UNIQUE", Outcome::skip));
}

TEST(AddedChecks, PiiInDiagnosticsWarnsInXapiAndFailsInStrict) {
  auto observations = testing::good_exec_volume_with(2, exec_call(Method::diagnostics, 0,
                                             R"("admin: alice@example.com, host 10.1.2.3")"));
  const auto xapi = judge(observations);
  EXPECT_THAT(xapi, HasOutcome("DIAG-NO-PII", Outcome::warn));
  const auto& message = testing::result_for(xapi, "DIAG-NO-PII").message;
  EXPECT_THAT(message, HasSubstr("e-mail address at line 1"));
  EXPECT_THAT(message, HasSubstr("IPv4 address"));
  EXPECT_THAT(message, Not(HasSubstr("alice@example.com")));  // redacted
  observations.subject.profile = Profile::strict;
  EXPECT_THAT(testing::ids_with(judge(observations), Outcome::fail), ElementsAre("DIAG-NO-PII"));
}

TEST(AddedChecks, OversizedDiagnosticsFailSize) {
  const std::string big = "\"" + std::string(detail::kMaxDiagnosticsBytes + 1, 'a') + "\"";
  const auto results = judge(testing::good_exec_volume_with(2, exec_call(Method::diagnostics, 0, big)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DIAG-SIZE"));
  const std::string at_bound = "\"" + std::string(detail::kMaxDiagnosticsBytes, 'a') + "\"";
  EXPECT_THAT(judge(testing::good_exec_volume_with(2, exec_call(Method::diagnostics, 0, at_bound))),
              HasOutcome("DIAG-SIZE", Outcome::pass));
}

TEST(AddedChecks, Latin1DiagnosticsFailUtf8Only) {
  // "café" in latin-1: xapi's reader takes the bytes as they are (Yojson does
  // not check UTF-8); the defect is the encoding.
  const auto results = judge(testing::good_exec_volume_with(2, exec_call(Method::diagnostics, 0, "\"caf\xe9\"\n")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-UTF8"));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-UTF8").message, HasSubstr("byte 4 (0xe9)"));
}

TEST(AddedChecks, Latin1InAnErrorObjectFailsUtf8NotErrorShape) {
  const auto results = judge(testing::good_exec_volume_with(
      1, exec_call(Method::ls, 1, "{\"code\": \"SR_BACKEND_FAILURE\", \"params\": [\"d\xe9j\xe0\"]}")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-UTF8"));
}

TEST(AddedChecks, Utf8Validation) {
  using detail::first_invalid_utf8;
  EXPECT_EQ(first_invalid_utf8("plain"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("d\xc3\xa9" "bogage \xe2\x9c\x93 \xe8\xb0\x83\xe8\xaf\x95 \xf0\x9f\x98\x80"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("ab\xe9"), 2u);              // latin-1
  EXPECT_EQ(first_invalid_utf8("\xc0\xaf"), 0u);            // overlong '/'
  EXPECT_EQ(first_invalid_utf8("x\xed\xa0\x80"), 1u);       // a surrogate
  EXPECT_EQ(first_invalid_utf8("\xf4\x90\x80\x80"), 0u);    // past U+10FFFF
  EXPECT_EQ(first_invalid_utf8("ok\xe2\x9c"), 2u);          // cut short
  EXPECT_EQ(first_invalid_utf8("\x80"), 0u);                // a lone continuation byte
}

}  // namespace
}  // namespace smapi::suites

#pragma once
// Test-only gMock matchers for contract results, so tests read as sentences:
//   EXPECT_THAT(decoded, HasFinding(FindingKind::wrong_type, "$.vendor"));
//   EXPECT_THAT(reply, IsMalformedReply(HasSubstr("bad json on stdout")));

#include "contract/finding.h"
#include "contract/reply.h"

#include <gmock/gmock.h>

#include <ostream>
#include <string>
#include <vector>

namespace smapi::contract {

inline void PrintTo(const Finding& f, std::ostream* os) {
  *os << to_string(f.kind) << " " << f.describe();
}

inline void PrintTo(FindingKind kind, std::ostream* os) { *os << to_string(kind); }

inline void PrintTo(const Reply& reply, std::ostream* os) {
  switch (reply.kind) {
    case Reply::Kind::result: *os << "result"; break;
    case Reply::Kind::error: *os << "error " << reply.error.code << " (" << reply.error.params.size() << " params)"; break;
    case Reply::Kind::malformed: *os << "malformed: " << reply.problem; break;
  }
  *os << ", " << reply.envelope_findings.size() << " envelope finding(s)";
  for (const auto& f : reply.envelope_findings) *os << "; " << f.describe();
}

namespace testing_detail {

inline const std::vector<Finding>& findings_of(const std::vector<Finding>& findings) { return findings; }
inline const std::vector<Finding>& findings_of(const Reply& reply) { return reply.envelope_findings; }
template <class T>
const std::vector<Finding>& findings_of(const Decoded<T>& decoded) { return decoded.findings; }

class HasFindingMatcher {
 public:
  HasFindingMatcher(FindingKind kind, std::string path) : kind_(kind), path_(std::move(path)) {}

  template <class T>
  bool MatchAndExplain(const T& subject, ::testing::MatchResultListener* listener) const {
    const auto& findings = findings_of(subject);
    for (const auto& f : findings) {
      if (f.kind == kind_ && f.path == path_) return true;
    }
    *listener << "the findings are:";
    if (findings.empty()) *listener << " none";
    for (const auto& f : findings) *listener << "\n    " << to_string(f.kind) << " " << f.describe();
    return false;
  }
  void DescribeTo(std::ostream* os) const { *os << "has a " << to_string(kind_) << " finding at " << path_; }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "has no " << to_string(kind_) << " finding at " << path_;
  }

 private:
  FindingKind kind_;
  std::string path_;
};

}  // namespace testing_detail

// Matches a Decoded<T>, a Reply (its envelope findings) or a vector of
// findings holding a finding of `kind` at `path`.
inline ::testing::PolymorphicMatcher<testing_detail::HasFindingMatcher> HasFinding(
    FindingKind kind, std::string path) {
  return ::testing::MakePolymorphicMatcher(testing_detail::HasFindingMatcher(kind, std::move(path)));
}

// Matches a Finding by kind, path, expected and actual.
MATCHER_P4(IsFinding, kind, path, expected, actual,
           std::string("is ") + std::string(to_string(kind)) + " at " + path + " expecting " +
               expected + ", actual " + actual) {
  return arg.kind == kind && arg.path == path && arg.expected == expected && arg.actual == actual;
}

// A Decoded<T> whose view accepted the input.
MATCHER(IsAccepted, negation ? "is rejected" : "is accepted") {
  if (arg.accepted()) return true;
  *result_listener << "rejected with:";
  for (const auto& f : arg.findings) *result_listener << "\n    " << f.describe();
  return false;
}

// A Reply of Kind::result.
MATCHER(IsResultReply, negation ? "is not a result" : "is a result") {
  return arg.kind == Reply::Kind::result;
}

// A Reply of Kind::error with this code and params.
MATCHER_P2(IsErrorReply, code, params, "is an error " + ::testing::PrintToString(code)) {
  return arg.kind == Reply::Kind::error && arg.error.code == code &&
         arg.error.params == std::vector<std::string>(params);
}

// A Reply of Kind::malformed whose problem matches problem_matcher.
MATCHER_P(IsMalformedReply, problem_matcher, "is malformed") {
  if (arg.kind != Reply::Kind::malformed) return false;
  return ::testing::ExplainMatchResult(problem_matcher, arg.problem, result_listener);
}

}  // namespace smapi::contract

// Walks fixtures/vectors/xmlrpc/{request,response}/: y_ files must be
// accepted (a request decodes to a method and arguments, a response to a
// result or a well-formed error with no envelope finding), n_ files refused
// with a reason (a request with a fault problem, a response malformed or
// flagged by an envelope finding), i_ files may go either way but are
// handled without a crash, with a reason when refused.

#include "contract/testing/vectors.h"
#include "contract/xmlrpc_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace smapi::contract {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> vector_names(std::string_view side, char prefix) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::vectors_dir() / "xmlrpc" / side)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > 2 && name[0] == prefix && name[1] == '_' &&
        name.ends_with(".xml")) {
      names.push_back("xmlrpc/" + std::string(side) + "/" + name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Empty when the request is accepted, else the fault message.
std::string request_refusal(const std::string& body) {
  auto decoded = decode_xmlrpc_request(body);
  if (auto* problem = std::get_if<XmlRpcProblem>(&decoded)) return problem->message;
  return {};
}

// Empty when the response is a clean result or error, else why not.
std::string response_refusal(const std::string& body) {
  const Reply reply = decode_xmlrpc_response(body);
  if (reply.kind == Reply::Kind::malformed) return reply.problem;
  if (!reply.envelope_findings.empty()) return reply.envelope_findings.front().describe();
  return {};
}

TEST(XmlRpcVectorsTest, AcceptedRequests) {
  const auto names = vector_names("request", 'y');
  ASSERT_GE(names.size(), 3u) << "the y_ request vectors are missing";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    EXPECT_EQ(request_refusal(testing::read_vector(name)), "");
  }
}

TEST(XmlRpcVectorsTest, RefusedRequests) {
  const auto names = vector_names("request", 'n');
  ASSERT_GE(names.size(), 4u) << "the n_ request vectors are missing";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    EXPECT_NE(request_refusal(testing::read_vector(name)), "");
  }
}

TEST(XmlRpcVectorsTest, AcceptedResponses) {
  const auto names = vector_names("response", 'y');
  ASSERT_GE(names.size(), 4u) << "the y_ response vectors are missing";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    EXPECT_EQ(response_refusal(testing::read_vector(name)), "");
  }
}

TEST(XmlRpcVectorsTest, RefusedResponses) {
  const auto names = vector_names("response", 'n');
  ASSERT_GE(names.size(), 6u) << "the n_ response vectors are missing";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    EXPECT_NE(response_refusal(testing::read_vector(name)), "");
  }
}

TEST(XmlRpcVectorsTest, ImplementationDefinedAreHandled) {
  for (std::string_view side : {"request", "response"}) {
    for (const auto& name : vector_names(side, 'i')) {
      SCOPED_TRACE(name);
      const std::string body = testing::read_vector(name);
      if (side == "request") {
        auto decoded = decode_xmlrpc_request(body);
        if (auto* problem = std::get_if<XmlRpcProblem>(&decoded)) {
          EXPECT_FALSE(problem->message.empty());
        }
      } else {
        const Reply reply = decode_xmlrpc_response(body);
        if (reply.kind == Reply::Kind::malformed) {
          EXPECT_FALSE(reply.problem.empty());
        }
      }
    }
  }
}

// The decisions the i_ files record.
TEST(XmlRpcVectorsTest, ImplementationDefinedDecisions) {
  // A UTF-8 byte order mark is read past.
  EXPECT_EQ(response_refusal(testing::read_vector("xmlrpc/response/i_utf8_bom.xml")), "");
  // A repeated struct member keeps the last value, as JSON does.
  const Reply dup = decode_xmlrpc_response(testing::read_vector("xmlrpc/response/i_duplicate_member.xml"));
  ASSERT_EQ(dup.kind, Reply::Kind::result) << dup.problem;
  EXPECT_EQ(dup.result, boost::json::value("second"));
  // Whitespace-only string values keep their spaces.
  const Reply ws = decode_xmlrpc_response(testing::read_vector("xmlrpc/response/i_whitespace_string.xml"));
  ASSERT_EQ(ws.kind, Reply::Kind::result) << ws.problem;
  EXPECT_EQ(ws.result, boost::json::value("  "));
  // A request with extra members in its struct is accepted (the dispatcher ignores them).
  EXPECT_EQ(request_refusal(testing::read_vector("xmlrpc/request/i_extra_member.xml")), "");
  // Comments anywhere are ignored.
  EXPECT_EQ(request_refusal(testing::read_vector("xmlrpc/request/i_comments.xml")), "");
}

}  // namespace
}  // namespace smapi::contract

// The example of README.md "Embedding the mock in C++ tests", compiled and
// run. README.md quotes the lines between the two "README.md quotes" marks
// verbatim; ci/check_readme_snippets.py (the ctest readme_cpp_snippets)
// fails when the README's block and these lines differ, or when the README
// has a C++ block that quotes no compiled file.
//
// Above the marks: what the example leaves to its reader, the answer it
// scripts and the client under test.

#include "harness/http_client.h"

#include <boost/json.hpp>

#include <stdexcept>
#include <string>

namespace {

const boost::json::value my_query_result = boost::json::parse(
    R"({"plugin":"my-client-test","name":"a volume plugin","description":"scripted in a test",)"
    R"("vendor":"me","copyright":"me","version":"1.0","required_api_version":"5.0",)"
    R"("features":["SR_PROBE"],"configuration":{},"required_cluster_stack":[]})");

// The client under test: asks the plugin what it is, then for its SRs.
void run_my_client(const std::string& url) {
  smapi::harness::HttpEndpoint endpoint;
  std::string error;
  if (!smapi::harness::parse_http_url(url, endpoint, error)) throw std::runtime_error(error);
  smapi::harness::http_post(endpoint, "application/json",
                            R"({"method":"Plugin.query","params":[{"dbg":"my-client"}],"id":1})", {});
  smapi::harness::http_post(endpoint, "application/json",
                            R"({"method":"Plugin.ls","params":[{"dbg":"my-client"}],"id":2})", {});
}

}  // namespace

// README.md quotes from here
#include "mock_plugin/embedded.h"
#include "mock_plugin/gmock_plugin.h"

using smapi::mock::Result;
using smapi::mock::Unimplemented;
using ::testing::_;
using ::testing::Return;

TEST(MyClient, ReadsTheFeatures) {
  smapi::mock::EmbeddedMock mock;                 // a conformant volume plugin
  smapi::mock::MockPlugin plugin(mock);           // calls now go through gMock
  EXPECT_CALL(plugin, query("my-client")).WillOnce(Return(Result(my_query_result)));
  EXPECT_CALL(plugin, ls(_)).WillRepeatedly(Return(Unimplemented()));
  run_my_client(mock.url());                      // "http://127.0.0.1:PORT/"
}
// README.md quotes up to here

// The storage example of README.md "Embedding the mock in C++ tests",
// compiled and run. README.md quotes the lines between the two "README.md
// quotes" marks verbatim (ci/check_readme_snippets.py, the ctest
// readme_cpp_snippets, checks it).
//
// Above the marks: what the example leaves to its reader, the SR it uses
// and the client under test.

#include "harness/http_client.h"

#include <boost/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace {

const boost::json::value my_sr_config = boost::json::object{{"uri", "file:///srv/my-sr"}};

// One call of the client under test: the result, or the error's message.
boost::json::value call(const std::string& url, std::string_view method, boost::json::object args) {
  smapi::harness::HttpEndpoint endpoint;
  std::string error;
  if (!smapi::harness::parse_http_url(url, endpoint, error)) throw std::runtime_error(error);
  args["dbg"] = "my-client";
  const boost::json::object request{{"method", method}, {"params", boost::json::array{args}}, {"id", 1}};
  const auto exchange =
      smapi::harness::http_post(endpoint, "application/json", boost::json::serialize(request), {});
  const boost::json::value reply = boost::json::parse(exchange.body);
  if (const auto& e = reply.at("error"); !e.is_null()) return e.as_array().back();
  return reply.at("result");
}

// The client under test: sets its SR up, then makes a disk in it and
// returns the new volume's key, or why the plugin refused.
void attach_my_sr(const std::string& url) {
  call(url, "SR.create", {{"uuid", "my-sr-uuid"}, {"configuration", my_sr_config}, {"name", "my sr"},
                          {"description", ""}});
  call(url, "SR.attach", {{"configuration", my_sr_config}});
}

std::string make_my_disk(const std::string& url) {
  const boost::json::value answer = call(url, "Volume.create",
      {{"sr", "file:///srv/my-sr"}, {"name", "disk"}, {"description", ""}, {"size", 1 << 30}, {"sharable", false}});
  return answer.is_object() ? std::string(answer.at("key").as_string()) : std::string(answer.as_string());
}

}  // namespace

// README.md quotes from here
#include "mock_plugin/embedded.h"
#include "mock_plugin/gmock_plugin.h"

using smapi::mock::FromConfig;
using smapi::mock::HasArg;
using smapi::mock::SrBackendFailure;
using ::testing::_;
using ::testing::NiceMock;
using ::testing::Return;

TEST(MyClient, RetriesWhenTheSrIsFull) {
  smapi::mock::EmbeddedMock mock;                  // SRs and volumes in memory
  NiceMock<smapi::mock::MockPlugin> plugin(mock);  // calls not scripted: no notes
  EXPECT_CALL(plugin, SR_attach(HasArg("configuration", my_sr_config))).Times(1);
  EXPECT_CALL(plugin, Volume_create(_))
      .WillOnce(Return(SrBackendFailure("Volume.create", "the SR is full")))
      .WillRepeatedly(Return(FromConfig()));       // then the storage answers
  attach_my_sr(mock.url());
  EXPECT_EQ(make_my_disk(mock.url()), "the SR is full");
  EXPECT_EQ(make_my_disk(mock.url()), "vol-1");
  EXPECT_EQ(mock.state_json().at("srs").at(0).at("volumes").as_array().size(), 1u);
}
// README.md quotes up to here

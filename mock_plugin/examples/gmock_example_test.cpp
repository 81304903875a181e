// How to test your own plugin-calling code against an in-process smapi-mock
// with GoogleMock. Read it top to bottom: first the "code under test" (what
// you would have in your project), then its tests.
//
// Build: link smapi::mock_embedded (or, in this repository,
// smapi_mock_gmock) and GTest::gmock_main.

#include "mock_plugin/embedded.h"
#include "mock_plugin/gmock_plugin.h"

#include "harness/http_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <optional>
#include <string>

// ---------------------------------------------------------------------------
// The code under test: a client that asks a storage plugin, over JSON-RPC,
// whether it declares a feature in its Plugin.query answer, and remembers the
// answer so it asks each plugin only once.

namespace storage_client {

enum class Support { supported, not_supported, unknown };

struct FeatureAnswer {
  Support support = Support::unknown;
  std::string why;  // for unknown: what went wrong
};

class FeatureCache {
 public:
  explicit FeatureCache(std::string plugin_url) : url_(std::move(plugin_url)) {}

  FeatureAnswer supports(const std::string& feature) {
    if (!features_) {
      FeatureAnswer failed;
      if (!fetch(failed)) return failed;
    }
    for (const auto& f : features_->as_array()) {
      // Features are NAME or NAME/VERSION.
      std::string_view name = f.as_string();
      name = name.substr(0, name.find('/'));
      if (name == feature) return {Support::supported, ""};
    }
    return {Support::not_supported, ""};
  }

 private:
  bool fetch(FeatureAnswer& failed) {
    smapi::harness::HttpEndpoint endpoint;
    std::string error;
    if (!smapi::harness::parse_http_url(url_, endpoint, error)) {
      failed.why = error;
      return false;
    }
    const std::string request =
        R"({"method":"Plugin.query","params":[{"dbg":"feature-cache"}],"id":1})";
    auto exchange = smapi::harness::http_post(endpoint, "application/json", request, {});
    if (exchange.end != smapi::harness::HttpExchange::End::answered) {
      failed.why = exchange.error;
      return false;
    }
    boost::json::error_code ec;
    boost::json::value reply = boost::json::parse(exchange.body, ec);
    const boost::json::object* obj = ec ? nullptr : reply.if_object();
    if (obj == nullptr) {
      failed.why = "not a JSON-RPC reply";
      return false;
    }
    if (const auto* err = obj->if_contains("error"); err != nullptr && !err->is_null()) {
      failed.why = boost::json::serialize(*err);
      return false;
    }
    const auto* result = obj->if_contains("result");
    const auto* features = result && result->is_object() ? result->as_object().if_contains("features") : nullptr;
    if (features == nullptr || !features->is_array()) {
      failed.why = "no features in the Plugin.query result";
      return false;
    }
    features_ = *features;
    return true;
  }

  std::string url_;
  std::optional<boost::json::value> features_;
};

}  // namespace storage_client

// ---------------------------------------------------------------------------
// The tests.

namespace {

using smapi::mock::BackendError;
using smapi::mock::EmbeddedMock;
using smapi::mock::MockPlugin;
using smapi::mock::Result;
using smapi::mock::Unimplemented;
using storage_client::FeatureCache;
using storage_client::Support;
using ::testing::_;
using ::testing::Return;

// A Plugin.query result declaring the given features.
boost::json::value query_result(boost::json::array features) {
  boost::json::value result = smapi::mock::default_query_result(smapi::mock::PluginKind::volume);
  result.as_object()["features"] = std::move(features);
  return result;
}

// One mock plugin per test, with a gMock face on it. The EmbeddedMock is
// declared first: the MockPlugin detaches (and gMock verifies it) before the
// server goes away, though the other order is safe too.
class FeatureCacheTest : public ::testing::Test {
 protected:
  EmbeddedMock mock_;
  MockPlugin plugin_{mock_};
};

TEST_F(FeatureCacheTest, ReportsADeclaredFeature) {
  EXPECT_CALL(plugin_, query("feature-cache"))
      .WillOnce(Return(Result(query_result({"SR_ATTACH", "VDI_CREATE/2"}))));

  FeatureCache cache(mock_.url());
  EXPECT_EQ(cache.supports("VDI_CREATE").support, Support::supported);
}

TEST_F(FeatureCacheTest, ReportsAFeatureThePluginDoesNotDeclare) {
  EXPECT_CALL(plugin_, query(_)).WillOnce(Return(Result(query_result({"SR_ATTACH"}))));

  FeatureCache cache(mock_.url());
  EXPECT_EQ(cache.supports("VDI_SNAPSHOT").support, Support::not_supported);
}

TEST_F(FeatureCacheTest, AsksThePluginOnlyOnce) {
  EXPECT_CALL(plugin_, query(_)).Times(1).WillRepeatedly(Return(Result(query_result({"SR_ATTACH"}))));
  EXPECT_CALL(plugin_, ls(_)).Times(0);
  EXPECT_CALL(plugin_, diagnostics(_)).Times(0);

  FeatureCache cache(mock_.url());
  cache.supports("SR_ATTACH");
  cache.supports("SR_DETACH");
  cache.supports("VDI_CREATE");
}

TEST_F(FeatureCacheTest, AnUnimplementedQueryIsUnknownNotUnsupported) {
  EXPECT_CALL(plugin_, query(_)).WillOnce(Return(Unimplemented()));

  FeatureCache cache(mock_.url());
  auto answer = cache.supports("SR_ATTACH");
  EXPECT_EQ(answer.support, Support::unknown);
  EXPECT_EQ(answer.why, R"(["Unimplemented","Plugin.query"])");
}

TEST_F(FeatureCacheTest, ABackendErrorIsUnknownAndTheNextCallAsksAgain) {
  EXPECT_CALL(plugin_, query(_))
      .WillOnce(Return(BackendError("SR_BACKEND_FAILURE_47", {"", "The SR is not available", ""})))
      .WillOnce(Return(Result(query_result({"SR_ATTACH"}))));

  FeatureCache cache(mock_.url());
  auto first = cache.supports("SR_ATTACH");
  EXPECT_EQ(first.support, Support::unknown);
  EXPECT_EQ(first.why, R"(["SR_BACKEND_FAILURE_47","","The SR is not available",""])");
  EXPECT_EQ(cache.supports("SR_ATTACH").support, Support::supported);
}

TEST_F(FeatureCacheTest, ADeadPluginIsUnknown) {
  EXPECT_CALL(plugin_, query(_)).Times(0);
  mock_.stop();

  FeatureCache cache(mock_.url());
  auto answer = cache.supports("SR_ATTACH");
  EXPECT_EQ(answer.support, Support::unknown);
  EXPECT_FALSE(answer.why.empty());
}

}  // namespace

#include "mock_plugin/exec_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string error_of(const std::variant<json::object, std::string>& parsed) {
  const auto* e = std::get_if<std::string>(&parsed);
  return e ? *e : std::string("(parsed)");
}

TEST(ExecStateDoc, NoFileIsAnEmptyDocument) {
  const auto parsed = parse_exec_state(std::nullopt);
  ASSERT_TRUE(std::holds_alternative<json::object>(parsed));
  EXPECT_TRUE(std::get<json::object>(parsed).empty());
}

TEST(ExecStateDoc, AnythingButOneObjectIsRefusedSayingWhy) {
  EXPECT_THAT(error_of(parse_exec_state("garbage")), StartsWith("not a state file smapi-mock wrote: invalid JSON"));
  EXPECT_THAT(error_of(parse_exec_state("")), StartsWith("not a state file smapi-mock wrote: "));
  EXPECT_EQ(error_of(parse_exec_state("[1]")), "not a state file smapi-mock wrote: a JSON array, not an object");
  // A write cut short (what a crash without the rename would leave).
  EXPECT_THAT(error_of(parse_exec_state(R"({"storage":{"srs":{)")),
              StartsWith("not a state file smapi-mock wrote: invalid JSON"));
}

TEST(ExecStateDoc, EngineCountersAreKeptPerKindAndConfig) {
  json::object doc;
  EngineState volume;
  volume.draws = 3;
  EngineState datapath;
  datapath.draws = 7;
  save_engine_state(doc, PluginKind::volume, "fp-v", volume);
  save_engine_state(doc, PluginKind::datapath, "fp-d", datapath);
  const auto text = render_exec_state(doc);
  EXPECT_EQ(text.back(), '\n');
  const auto parsed = parse_exec_state(text);
  ASSERT_TRUE(std::holds_alternative<json::object>(parsed));
  const auto& back = std::get<json::object>(parsed);
  EXPECT_EQ(saved_engine_state(back, PluginKind::volume, "fp-v"), volume);
  EXPECT_EQ(saved_engine_state(back, PluginKind::datapath, "fp-d"), datapath);
  // Another config's counters are not applied.
  EXPECT_EQ(saved_engine_state(back, PluginKind::volume, "fp-other"), std::nullopt);
  EXPECT_EQ(saved_engine_state(json::object{}, PluginKind::volume, "fp-v"), std::nullopt);
}

TEST(ExecStateDoc, AConfigsFingerprintFollowsItsContent) {
  MockConfig a = default_config();
  MockConfig b = default_config();
  EXPECT_EQ(config_fingerprint(a), config_fingerprint(b));
  b.answer(contract::Method::ls) = Answer::make_unimplemented();
  EXPECT_NE(config_fingerprint(a), config_fingerprint(b));
}

TEST(ExecStateDoc, TheStorageRoundTripsThroughTheTextAndNoneIsAFreshOne) {
  json::object doc;
  storage::Storage s;
  EXPECT_EQ(load_storage(doc, s), "");
  json::object args{{"dbg", "d"}, {"uuid", "u"}, {"configuration", json::object{{"uri", "file:///sr"}}},
                    {"name", "n"}, {"description", ""}};
  ASSERT_EQ(s.call("SR.create", args, {}).error, nullptr);
  save_storage(doc, s);
  // As exec mode does it: written out, read back in.
  const auto parsed = parse_exec_state(render_exec_state(doc));
  ASSERT_TRUE(std::holds_alternative<json::object>(parsed));
  storage::Storage back;
  EXPECT_EQ(load_storage(std::get<json::object>(parsed), back), "");
  EXPECT_EQ(back.to_json(), s.to_json());
}

TEST(ExecStateDoc, AStorageItCannotLoadIsAnErrorWithItsPath) {
  const auto parsed = parse_exec_state(R"({"storage":{"srs":5}})");
  ASSERT_TRUE(std::holds_alternative<json::object>(parsed));
  storage::Storage s;
  EXPECT_THAT(load_storage(std::get<json::object>(parsed), s), HasSubstr("$.srs"));
}

TEST(ExecStateDoc, TheClockOriginIsRecordedOnceThenKept) {
  json::object doc;
  EXPECT_EQ(clock_origin(doc, 1000), 1000);
  EXPECT_EQ(clock_origin(doc, 5000), 1000);
  EXPECT_EQ(doc.at("clock_origin_ms"), 1000);
}

}  // namespace
}  // namespace smapi::mock

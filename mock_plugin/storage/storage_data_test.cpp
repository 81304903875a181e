// Data.copy and Data.mirror progress over simulated time; stat, cancel,
// destroy and ls follow them.
#include "mock_plugin/storage/testing/storage_calls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock::storage {
namespace {

namespace json = boost::json;
using testing::IsBackendFailureOf;
using testing::StorageDriver;

constexpr const char* kDataSr = "file:///srv/data";

// An attached, opened volume; returns its URI.
std::string attached_datapath(StorageDriver& d, const char* domain) {
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", {{"uri", kDataSr}}}, {"name", "n"}, {"description", ""}});
  d.ok("SR.attach", {{"configuration", {{"uri", kDataSr}}}});
  json::value v = d.ok("Volume.create", {{"sr", kDataSr}, {"name", "v"}, {"description", ""}, {"size", 1 << 20}, {"sharable", false}});
  std::string uri(v.at("uri").at(0).as_string());
  d.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  d.ok("Datapath.attach", {{"uri", uri}, {"domain", domain}});
  return uri;
}

// A blocklist of `blocks` blocks of 1 MiB.
json::object mib_blocks(std::int64_t blocks) {
  return json::object{{"blocksize", 1 << 20}, {"ranges", json::array{json::array{0, blocks}}}};
}

TEST(StorageData, ACopyProgressesWithSimulatedTimeAndCompletes) {
  Limits limits;
  limits.copy_bytes_per_second = 10 << 20;  // 10 MiB/s
  StorageDriver d(limits);
  std::string uri = attached_datapath(d, "0");
  json::value op = d.ok("Data.copy", {{"uri", uri}, {"domain", "0"}, {"remote", "nbd://elsewhere/x"}, {"blocklist", mib_blocks(20)}});
  EXPECT_EQ(op.at(0), "CopyV1");
  json::value status = d.ok("Data.stat", {{"operation", op}});
  EXPECT_EQ(status, json::parse(R"({"failed":false,"complete":false,"progress":0.0})"));
  d.advance(std::chrono::seconds(1));
  EXPECT_DOUBLE_EQ(d.ok("Data.stat", {{"operation", op}}).at("progress").as_double(), 0.5);
  d.advance(std::chrono::seconds(5));
  EXPECT_EQ(d.ok("Data.stat", {{"operation", op}}), json::parse(R"({"failed":false,"complete":true,"progress":1.0})"));
  EXPECT_EQ(d.ok("Data.ls", {}), json::array{op});
  d.ok("Data.destroy", {{"operation", op}});
  EXPECT_EQ(d.ok("Data.ls", {}), json::array{});
  EXPECT_THAT(d.error("Data.stat", {{"operation", op}}), IsBackendFailureOf("Data.stat"));
}

TEST(StorageData, ACancelledCopyStopsAndFails) {
  Limits limits;
  limits.copy_bytes_per_second = 1 << 20;
  StorageDriver d(limits);
  std::string uri = attached_datapath(d, "0");
  json::value op = d.ok("Data.copy", {{"uri", uri}, {"domain", "0"}, {"remote", "nbd://r"}, {"blocklist", mib_blocks(4)}});
  d.advance(std::chrono::seconds(1));
  EXPECT_THAT(d.error("Datapath.detach", {{"uri", uri}, {"domain", "0"}}), IsBackendFailureOf("Datapath.detach"));
  d.ok("Data.cancel", {{"operation", op}});
  d.advance(std::chrono::seconds(10));
  EXPECT_EQ(d.ok("Data.stat", {{"operation", op}}), json::parse(R"({"failed":true,"complete":true,"progress":0.25})"));
  d.ok("Datapath.detach", {{"uri", uri}, {"domain", "0"}});
}

TEST(StorageData, AMirrorRunsUntilCancelled) {
  StorageDriver d;
  std::string uri = attached_datapath(d, "5");
  json::value op = d.ok("Data.mirror", {{"uri", uri}, {"domain", "5"}, {"remote", "nbd://r"}});
  EXPECT_EQ(op.at(0), "MirrorV1");
  d.advance(std::chrono::hours(1));
  EXPECT_EQ(d.ok("Data.stat", {{"operation", op}}), json::parse(R"({"failed":false,"complete":false})"));
  d.ok("Data.cancel", {{"operation", op}});
  EXPECT_EQ(d.ok("Data.stat", {{"operation", op}}), json::parse(R"({"failed":false,"complete":true})"));
}

TEST(StorageData, OperationsNeedAnAttachedDatapathAndAKnownOperation) {
  StorageDriver d;
  std::string uri = attached_datapath(d, "0");
  EXPECT_THAT(d.error("Data.mirror", {{"uri", uri}, {"domain", "9"}, {"remote", "nbd://r"}}), IsBackendFailureOf("Data.mirror"));
  EXPECT_THAT(d.error("Data.cancel", {{"operation", json::array{"CopyV1", "404"}}}), IsBackendFailureOf("Data.cancel"));
  StorageError bad = d.error("Data.stat", {{"operation", json::array{"MoveV1", "1"}}});
  EXPECT_EQ(bad.params.at(0), "UnmarshalException");
  StorageError blocks = d.error("Data.copy", {{"uri", uri}, {"domain", "0"}, {"remote", "r"},
                                              {"blocklist", {{"blocksize", 0}, {"ranges", json::array{}}}}});
  EXPECT_THAT(blocks.params.at(1), ::testing::HasSubstr("blocklist.blocksize"));
}

TEST(StorageData, TheNumberOfOperationsIsBounded) {
  Limits limits;
  limits.max_tasks = 2;
  StorageDriver d(limits);
  std::string uri = attached_datapath(d, "0");
  d.ok("Data.mirror", {{"uri", uri}, {"domain", "0"}, {"remote", "r"}});
  json::value second = d.ok("Data.mirror", {{"uri", uri}, {"domain", "0"}, {"remote", "r"}});
  EXPECT_THAT(d.error("Data.mirror", {{"uri", uri}, {"domain", "0"}, {"remote", "r"}}).params.at(1),
              ::testing::HasSubstr("Limits::max_tasks"));
  d.ok("Data.destroy", {{"operation", second}});
  d.ok("Data.mirror", {{"uri", uri}, {"domain", "0"}, {"remote", "r"}});
}

}  // namespace
}  // namespace smapi::mock::storage

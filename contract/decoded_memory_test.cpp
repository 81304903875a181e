// The decoders' memory limit (contract/decoded_memory.h): an answer of any
// shape is refused once what it decodes to passes max_decoded_bytes, and an
// ordinary answer of the same size is not.

#include "contract/decoded_memory.h"
#include "contract/exec_codec.h"
#include "contract/jsonrpc_codec.h"
#include "contract/xapi_json.h"
#include "contract/xmlrpc_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace smapi::contract {
namespace {

using ::testing::HasSubstr;

constexpr std::size_t kMiB = 1024 * 1024;

// `count` copies of `item`, comma-separated, in brackets.
std::string json_array_of(const std::string& item, std::size_t count) {
  std::string text = "[";
  text.reserve(count * (item.size() + 1) + 2);
  for (std::size_t i = 0; i < count; ++i) {
    if (i) text += ',';
    text += item;
  }
  return text + "]";
}

// A text of about `bytes` whose values cost far more than their text.
std::string tiny_values(std::size_t bytes) { return json_array_of("0", bytes / 2); }

JsonLimits decode_limit(std::size_t bytes) {
  JsonLimits limits;
  limits.max_decoded_bytes = bytes;
  return limits;
}

TEST(CountingResource, RefusesAnAllocationPastItsLimitAndCountsReleases) {
  const auto counter = std::make_shared<MemoryCounter>(100);
  CountingResource resource(counter);
  void* a = resource.allocate(60);
  EXPECT_THROW((void)resource.allocate(60), DecodedMemoryExceeded);
  resource.deallocate(a, 60);
  void* b = resource.allocate(100);
  EXPECT_EQ(counter->peak(), 100u);
  resource.deallocate(b, 100);
  counter->disarm();
  void* c = resource.allocate(1000);  // disarmed: the decode is over, nothing is refused
  resource.deallocate(c, 1000);
}

TEST(XapiJsonMemory, AnArrayOfTinyValuesIsRefusedPastTheLimitWithItsReason) {
  const auto text = tiny_values(1 * kMiB);  // 512 Ki values of 16 bytes: 8 MiB and more decoded
  const auto read = read_xapi_json(text, decode_limit(4 * kMiB));
  EXPECT_FALSE(read.value);
  EXPECT_TRUE(read.over_memory_limit);
  EXPECT_THAT(read.error, HasSubstr("takes more than 4194304 bytes of memory"));
}

TEST(XapiJsonMemory, TheSameTextReadsUnderALargerLimit) {
  const auto read = read_xapi_json(tiny_values(1 * kMiB), decode_limit(64 * kMiB));
  ASSERT_TRUE(read.value) << read.error;
  EXPECT_FALSE(read.over_memory_limit);
  EXPECT_EQ(read.value->as_array().size(), 512u * 1024u);
}

TEST(XapiJsonMemory, AnOrdinaryAnswerOfTheSameSizeIsRead) {
  // One string of 1 MiB: its decoded form is about its text.
  const std::string text = "\"" + std::string(kMiB, 'a') + "\"";
  const auto read = read_xapi_json(text, decode_limit(4 * kMiB));
  EXPECT_TRUE(read.value) << read.error;
}

TEST(XapiJsonMemory, TheBudgetCountsWhatTheReaderBuildsAndNothingPastItsLimit) {
  const DecodeBudget budget(4 * kMiB);
  const auto read = read_xapi_json(json_array_of("{\"a\":\"\"}", 200'000), {}, {}, &budget);
  EXPECT_TRUE(read.over_memory_limit);
  EXPECT_LE(budget.counter().peak(), 4 * kMiB);
  EXPECT_GT(budget.counter().peak(), 3 * kMiB);
}

TEST(ExecReplyMemory, ManyTinyObjectsAreRefusedAsOverTheMemoryLimit) {
  const auto reply = decode_exec_reply({}, json_array_of("{}", 400'000), decode_limit(4 * kMiB));
  EXPECT_EQ(reply.kind, Reply::Kind::malformed);
  EXPECT_TRUE(reply.over_memory_limit);
  EXPECT_THAT(reply.problem, HasSubstr("bytes of memory"));
}

TEST(ExecReplyMemory, AnErrorOfManyShortParamsIsRefusedOnceItsParamsAreCounted) {
  // The record itself fits (1.2 MiB of short strings); copied into
  // PluginError::params it takes twice more, counted in the same budget.
  const std::string record = R"({"code":"SR_BACKEND_FAILURE","params":)" + json_array_of("\"\"", 100'000) +
                             R"(,"backtrace":{"error":"","files":[],"lines":[]}})";
  const auto refused = decode_exec_reply({ExecExit::How::exited, 1}, record, decode_limit(4 * kMiB));
  EXPECT_TRUE(refused.over_memory_limit) << refused.problem;
  const auto read = decode_exec_reply({ExecExit::How::exited, 1}, record, decode_limit(16 * kMiB));
  EXPECT_EQ(read.kind, Reply::Kind::error) << read.problem;
  EXPECT_EQ(read.error.params.size(), 100'000u);
}

TEST(ExecReplyMemory, ADecodedResultKeepsItsStorageThroughReplyMoves) {
  // json::value's move assignment copies across storages; Reply's does not,
  // so a large answer is never held twice.
  Reply reply = decode_exec_reply({}, R"({"a":[1,2,3]})");
  const auto* storage = reply.result.storage().get();
  Reply moved;
  moved = std::move(reply);
  EXPECT_EQ(moved.result.storage().get(), storage);
  EXPECT_NE(storage, boost::json::storage_ptr().get());
}

TEST(JsonRpcReplyMemory, ManyShortStringsInTheResultAreRefused) {
  const std::string body = R"({"id":1,"error":null,"result":)" + json_array_of("\"a\"", 400'000) + "}";
  const auto reply = decode_jsonrpc_response(JsonRpcVersion::v1, body, decode_limit(4 * kMiB));
  EXPECT_TRUE(reply.over_memory_limit) << reply.problem;
  const auto read = decode_jsonrpc_response(JsonRpcVersion::v1, body, decode_limit(64 * kMiB));
  EXPECT_EQ(read.kind, Reply::Kind::result) << read.problem;
}

std::string xmlrpc_array_response(const std::string& item, std::size_t count) {
  std::string body = "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                     "<member><name>Status</name><value>Success</value></member>"
                     "<member><name>Value</name><value><array><data>";
  for (std::size_t i = 0; i < count; ++i) body += item;
  return body + "</data></array></value></member></struct></value></param></params></methodResponse>";
}

TEST(XmlRpcReplyMemory, ManyEmptyValuesAreRefusedForTheirTree) {
  XmlRpcLimits limits;
  limits.max_decoded_bytes = 4 * kMiB;
  const auto reply = decode_xmlrpc_response(xmlrpc_array_response("<value/>", 130'000), limits);
  EXPECT_TRUE(reply.over_memory_limit) << reply.problem;
  EXPECT_THAT(reply.problem, HasSubstr("bytes of memory"));
  limits.max_decoded_bytes = 64 * kMiB;
  const auto read = decode_xmlrpc_response(xmlrpc_array_response("<value/>", 130'000), limits);
  EXPECT_EQ(read.kind, Reply::Kind::result) << read.problem;
  EXPECT_EQ(read.result.as_array().size(), 130'000u);
}

TEST(XmlRpcReplyMemory, ManyShortStringValuesAreRefused) {
  XmlRpcLimits limits;
  limits.max_decoded_bytes = 4 * kMiB;
  const auto reply = decode_xmlrpc_response(xmlrpc_array_response("<value>a</value>", 100'000), limits);
  EXPECT_TRUE(reply.over_memory_limit) << reply.problem;
}

}  // namespace
}  // namespace smapi::contract

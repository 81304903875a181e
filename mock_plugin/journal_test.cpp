#include "mock_plugin/journal.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A request body size under the journal's max_text_bytes: args kept whole.
constexpr std::size_t kSmallRequest = 60;

JournalEntry call(std::string method) {
  JournalEntry e;
  e.method = std::move(method);
  e.peer = "127.0.0.1:5000";
  e.status = 200;
  e.time = std::chrono::system_clock::time_point(1'700'000'000'123ms);
  return e;
}

TEST(JournalTransport, V2OnlyWhenTheTopLevelObjectHasJsonrpc) {
  EXPECT_EQ(jsonrpc_transport_of(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":1})"),
            Transport::jsonrpc2);
  EXPECT_EQ(jsonrpc_transport_of(R"({ "method":"Plugin.ls", "jsonrpc" : "2.0"})"), Transport::jsonrpc2);
  EXPECT_EQ(jsonrpc_transport_of(R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":1})"),
            Transport::jsonrpc);
  // Nested, as a value, or escaped inside a string: not the marker.
  EXPECT_EQ(jsonrpc_transport_of(R"({"method":"m","params":[{"jsonrpc":"2.0"}]})"), Transport::jsonrpc);
  EXPECT_EQ(jsonrpc_transport_of(R"({"method":"jsonrpc","params":[{"dbg":"jsonrpc"}]})"),
            Transport::jsonrpc);
  EXPECT_EQ(jsonrpc_transport_of(R"({"method":"a\"jsonrpc\":","params":[]})"), Transport::jsonrpc);
  // Bytes that are not JSON at all never trip it up.
  EXPECT_EQ(jsonrpc_transport_of("\"unterminated \\"), Transport::jsonrpc);
  EXPECT_EQ(jsonrpc_transport_of(""), Transport::jsonrpc);
  EXPECT_EQ(jsonrpc_transport_of("}}}]]\"jsonrpc\":"), Transport::jsonrpc);
}

TEST(Journal, RecordsArgsDbgAndSequenceNumbers) {
  Journal j;
  j.record(call("Plugin.query"), json::parse(R"({"dbg":"ci-7","extra":[1,2]})"), kSmallRequest);
  j.record(call("Plugin.ls"), json::value(nullptr), kSmallRequest);
  ASSERT_EQ(j.entries().size(), 2u);
  EXPECT_EQ(j.entries()[0].seq, 1u);
  EXPECT_EQ(j.entries()[0].args, json::parse(R"({"dbg":"ci-7","extra":[1,2]})"));
  EXPECT_FALSE(j.entries()[0].args_truncated);
  EXPECT_EQ(j.entries()[0].dbg, "ci-7");
  EXPECT_EQ(j.entries()[1].seq, 2u);
  EXPECT_EQ(j.entries()[1].args, json::value(nullptr));
  EXPECT_EQ(j.entries()[1].dbg, std::nullopt);
}

TEST(Journal, DropsTheOldestBeyondCapacityAndCountsThem) {
  Journal j(JournalSettings{2, 1024});
  for (const char* m : {"a", "b", "c", "d"}) j.record(call(m), json::object{{"dbg", m}}, kSmallRequest);
  ASSERT_EQ(j.entries().size(), 2u);
  EXPECT_EQ(j.entries()[0].method, "c");
  EXPECT_EQ(j.entries()[1].method, "d");
  EXPECT_EQ(j.entries()[1].seq, 4u);
  EXPECT_EQ(j.dropped(), 2u);
  j.clear();
  EXPECT_TRUE(j.entries().empty());
  EXPECT_EQ(j.dropped(), 0u);
  j.record(call("e"), nullptr, kSmallRequest);
  EXPECT_EQ(j.entries()[0].seq, 5u);  // clear keeps counting
  j.reset();
  j.record(call("f"), nullptr, kSmallRequest);
  EXPECT_EQ(j.entries()[0].seq, 1u);  // reset starts again
}

TEST(Journal, WrapsAroundKeepingArrivalOrder) {
  Journal j(JournalSettings{3, 1024});
  for (int i = 1; i <= 7; ++i) j.record(call("m" + std::to_string(i)), nullptr, kSmallRequest);
  std::vector<std::string> methods;
  for (const JournalEntry& e : j.entries()) methods.push_back(e.method);
  EXPECT_THAT(methods, ::testing::ElementsAre("m5", "m6", "m7"));
  EXPECT_EQ(j.entries().front().seq, 5u);
  EXPECT_EQ(j.entries().back().seq, 7u);
  EXPECT_EQ(j.dropped(), 4u);
  const json::value listed = j.to_json(JournalFilter{std::nullopt, std::nullopt, 2});
  EXPECT_EQ(listed.at("entries").at(0).at("method"), json::value("m6"));
  EXPECT_EQ(listed.at("entries").at(1).at("method"), json::value("m7"));
}

TEST(Journal, CapacityZeroKeepsNothing) {
  Journal j(JournalSettings{0, 1024});
  j.record(call("Plugin.ls"), nullptr, kSmallRequest);
  EXPECT_TRUE(j.entries().empty());
  EXPECT_EQ(j.dropped(), 1u);
}

TEST(Journal, KeepsArgsOfARequestAtTheLimitWhole) {
  Journal j(JournalSettings{10, 20});
  j.record(call("Plugin.ls"), json::object{{"dbg", "a-long-dbg-text"}}, 20);
  EXPECT_FALSE(j.entries()[0].args_truncated);
  EXPECT_EQ(j.entries()[0].args, (json::object{{"dbg", "a-long-dbg-text"}}));
}

TEST(Journal, CutsLongArgsAtACharacterBoundary) {
  Journal j(JournalSettings{10, 11});
  // {"dbg":"éé...: a cut at byte 11 would split the second two-byte é.
  j.record(call("Plugin.ls"), json::object{{"dbg", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"}}, 40);
  const JournalEntry& e = j.entries()[0];
  EXPECT_TRUE(e.args_truncated);
  EXPECT_EQ(e.args, json::value(nullptr));
  EXPECT_EQ(e.args_excerpt, "{\"dbg\":\"\xC3\xA9");
  EXPECT_EQ(e.dbg, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");  // 10 bytes fit
  json::value out = j.to_json();
  EXPECT_EQ(out.at("entries").at(0).at("args"), json::value("{\"dbg\":\"\xC3\xA9"));
}

TEST(Journal, JsonFiltersByMethodAndDbgAndKeepsTheNewestUpToLimit) {
  Journal j;
  j.record(call("Plugin.query"), json::object{{"dbg", "a"}}, kSmallRequest);
  j.record(call("Plugin.ls"), json::object{{"dbg", "a"}}, kSmallRequest);
  j.record(call("Plugin.query"), json::object{{"dbg", "b"}}, kSmallRequest);
  j.record(call("Plugin.query"), json::object{{"dbg", "a"}}, kSmallRequest);
  auto seqs = [&](const JournalFilter& f) {
    std::vector<std::uint64_t> out;
    const json::value listed = j.to_json(f);
    for (const auto& e : listed.at("entries").as_array()) out.push_back(e.at("seq").to_number<std::uint64_t>());
    return out;
  };
  EXPECT_THAT(seqs({}), ::testing::ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(seqs({"Plugin.query", std::nullopt, std::nullopt}), ::testing::ElementsAre(1, 3, 4));
  EXPECT_THAT(seqs({"Plugin.query", "a", std::nullopt}), ::testing::ElementsAre(1, 4));
  EXPECT_THAT(seqs({"Plugin.query", std::nullopt, 2}), ::testing::ElementsAre(3, 4));
  EXPECT_THAT(seqs({std::nullopt, "zzz", std::nullopt}), ::testing::ElementsAre());
}

TEST(Journal, EntryJsonHasEveryField) {
  Journal j;
  JournalEntry e = call("Plugin.query");
  e.transport = Transport::jsonrpc2;
  e.fault.delay = 200ms;
  e.fault.http_status = 500;
  e.fault.body = Fault::Body::garbage;
  e.elapsed = 1234us;
  j.record(std::move(e), json::object{{"dbg", "x"}}, kSmallRequest);
  EXPECT_EQ(json::serialize(j.to_json()),
            R"({"entries":[{"seq":1,"time":"2023-11-14T22:13:20.123Z","transport":"jsonrpc2",)"
            R"("peer":"127.0.0.1:5000","method":"Plugin.query","args":{"dbg":"x"},"args_truncated":false,)"
            R"("dbg":"x","status":200,"fault":["delay 200ms","http_status 500","body garbage"],)"
            R"("elapsed_us":1234}],"dropped":0,"capacity":1000})");
}

TEST(JournalFaultWords, NamesEachConnectionFault) {
  Fault f;
  EXPECT_TRUE(fault_words(f).empty());
  f.connection = Fault::Connection::hang;
  EXPECT_EQ(fault_words(f), json::array{"hang"});
  f.connection = Fault::Connection::reset;
  f.rename_field_from = "vendor";
  f.rename_field_to = "Vendor";
  EXPECT_EQ(fault_words(f), (json::array{"reset", "rename_field vendor Vendor"}));
  Fault edits;
  edits.set_fields.emplace_back("vendor", 5);
  edits.error_value = json::array{5};
  edits.invalid_utf8 = true;
  EXPECT_EQ(fault_words(edits), (json::array{"set_field vendor", "error_value [5]", "invalid_utf8"}));
}

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_utc(std::chrono::system_clock::time_point(0ms)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_utc(std::chrono::system_clock::time_point(1'700'000'000'123ms)),
            "2023-11-14T22:13:20.123Z");
}

}  // namespace
}  // namespace smapi::mock

#include "mock_plugin/admin.h"

#include "mock_plugin/config.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class AdminTest : public ::testing::Test {
 protected:
  AdminResponse call(std::string_view verb, std::string_view target, std::string_view body = "",
                     bool local = true, std::string_view authorization = "") {
    AdminRequest req;
    req.verb = verb;
    req.target = target;
    req.body = body;
    req.peer_is_local = local;
    req.authorization = authorization;
    AdminState state{engine_, journal_, token_, with_storage_ ? &storage_ : nullptr};
    return handle_admin(req, state);
  }

  void called(std::string method, std::string dbg) {
    JournalEntry e;
    e.method = std::move(method);
    e.status = 200;
    journal_.record(std::move(e), json::object{{"dbg", dbg}}, /*request_bytes=*/60);
  }

  static json::value body_json(const AdminResponse& res) { return json::parse(res.body); }

  Engine engine_{default_config()};
  Journal journal_;
  std::string token_;
  storage::Storage storage_;
  bool with_storage_ = true;
};

TEST(AdminTarget, OnlyThePrefix) {
  EXPECT_TRUE(is_admin_target("/_mock/journal"));
  EXPECT_TRUE(is_admin_target("/_mock/verify?method=x"));
  EXPECT_TRUE(is_admin_target("/_mock"));
  EXPECT_FALSE(is_admin_target("/"));
  EXPECT_FALSE(is_admin_target("/_mockery"));
  EXPECT_FALSE(is_admin_target("/x/_mock/journal"));
}

TEST(AdminConstantTimeCompare, EqualOnlyWhenSameBytesAndLength) {
  EXPECT_TRUE(equal_in_constant_time("s3cret", "s3cret"));
  EXPECT_FALSE(equal_in_constant_time("s3cret", "s3cre"));
  EXPECT_FALSE(equal_in_constant_time("s3cre", "s3cret"));
  EXPECT_FALSE(equal_in_constant_time("s3cret", "S3cret"));
  EXPECT_FALSE(equal_in_constant_time("", "x"));
  EXPECT_TRUE(equal_in_constant_time("", ""));
}

TEST_F(AdminTest, GetConfigIsTheEnginesConfig) {
  AdminResponse res = call("GET", "/_mock/config");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.content_type, "application/json");
  EXPECT_EQ(body_json(res), to_json(default_config()));
}

TEST_F(AdminTest, PutConfigReplacesIt) {
  AdminResponse res = call("PUT", "/_mock/config", R"({"methods":{"Plugin.ls":{"unimplemented":true}}})");
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(engine_.config().answer(contract::Method::ls).kind, Answer::Kind::unimplemented);
  EXPECT_EQ(body_json(call("GET", "/_mock/config")), to_json(engine_.config()));
}

TEST_F(AdminTest, BadPutConfigIs400WithTheErrorAndKeepsTheOldConfig) {
  const MockConfig before = engine_.config();
  AdminResponse res = call("PUT", "/_mock/config", R"({"methodz":{}})");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(body_json(res).at("error").as_string().c_str(), HasSubstr("config: unknown key $.methodz"));
  EXPECT_EQ(engine_.config(), before);
  EXPECT_EQ(call("PUT", "/_mock/config", "not json").status, 400);
  EXPECT_EQ(engine_.config(), before);
}

TEST_F(AdminTest, JournalListsCallsWithFilters) {
  called("Plugin.query", "a");
  called("Plugin.ls", "a");
  called("Plugin.query", "b");
  AdminResponse all = call("GET", "/_mock/journal");
  EXPECT_EQ(all.status, 200);
  EXPECT_EQ(body_json(all).at("entries").as_array().size(), 3u);
  AdminResponse some = call("GET", "/_mock/journal?method=Plugin.query&limit=1");
  ASSERT_EQ(some.status, 200);
  const json::value listed = body_json(some);
  const auto& entries = listed.at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("dbg"), json::value("b"));
  AdminResponse by_dbg = call("GET", "/_mock/journal?dbg=a");
  EXPECT_EQ(body_json(by_dbg).at("entries").as_array().size(), 2u);
}

TEST_F(AdminTest, JournalQueryMistakesAre400NamingThem) {
  AdminResponse res = call("GET", "/_mock/journal?limt=3");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res).at("error"),
            json::value("unknown query parameter \"limt\" (this path takes method, dbg, limit)"));
  res = call("GET", "/_mock/journal?limit=-1");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res).at("error"),
            json::value("query parameter limit must be a non-negative integer, got \"-1\""));
}

TEST_F(AdminTest, DeleteJournalClearsIt) {
  called("Plugin.query", "a");
  EXPECT_EQ(call("DELETE", "/_mock/journal").status, 200);
  EXPECT_TRUE(journal_.entries().empty());
}

TEST_F(AdminTest, ResetClearsTheJournalAndRestartsNumbering) {
  called("Plugin.query", "a");
  called("Plugin.query", "a");
  EXPECT_EQ(call("POST", "/_mock/reset").status, 200);
  EXPECT_TRUE(journal_.entries().empty());
  called("Plugin.ls", "a");
  EXPECT_EQ(journal_.entries().front().seq, 1u);
}

TEST_F(AdminTest, VerifyHoldsForExactCountsAndBounds) {
  called("Plugin.query", "ci");
  called("Plugin.query", "ci");
  called("Plugin.ls", "ci");
  AdminResponse res = call("GET", "/_mock/verify?method=Plugin.query&count=2");
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(body_json(res).at("ok"), json::value(true));
  EXPECT_EQ(body_json(res).at("calls"), json::value(2));
  EXPECT_EQ(call("GET", "/_mock/verify?method=Plugin.query&at_least=1&at_most=2").status, 200);
  EXPECT_EQ(call("GET", "/_mock/verify?method=Plugin.query&dbg=ci&count=2").status, 200);
  EXPECT_EQ(call("GET", "/_mock/verify?method=Plugin.ls").status, 200);  // default: at least once
  EXPECT_EQ(call("GET", "/_mock/verify?method=Plugin.diagnostics&count=0").status, 200);
}

TEST_F(AdminTest, FailedVerifyIs417NamingTheNearMisses) {
  called("Plugin.Query", "ci");
  called("Plugin.query", "other");
  called("Plugin.query", "other");
  called("Plugin.ls", "ci");
  AdminResponse res = call("GET", "/_mock/verify?method=Plugin.query&dbg=ci&count=1");
  EXPECT_EQ(res.status, 417);
  json::value v = body_json(res);
  EXPECT_EQ(v.at("ok"), json::value(false));
  EXPECT_EQ(v.at("calls"), json::value(0));
  EXPECT_EQ(v.at("explanation"),
            json::value("expected exactly 1 calls to Plugin.query with dbg \"ci\", got 0; near misses: "
                        "1 to \"Plugin.Query\" with dbg \"ci\", 2 to \"Plugin.query\" with dbg \"other\", "
                        "1 to \"Plugin.ls\" with dbg \"ci\""));
  const auto& misses = v.at("near_misses").as_array();
  ASSERT_EQ(misses.size(), 3u);
  EXPECT_EQ(misses[0].at("why"),
            json::value("the method is spelled in another case (\"Plugin.Query\", not \"Plugin.query\")"));
  EXPECT_EQ(misses[1].at("why"), json::value("the same method with another dbg (\"other\")"));
  EXPECT_EQ(misses[1].at("calls"), json::value(2));
  EXPECT_EQ(misses[2].at("why"), json::value("another method"));
}

TEST_F(AdminTest, FailedVerifyOnAnEmptyJournalSaysSo) {
  AdminResponse res = call("GET", "/_mock/verify?method=Plugin.query&at_least=1");
  EXPECT_EQ(res.status, 417);
  EXPECT_EQ(body_json(res).at("explanation"),
            json::value("expected at least 1 calls to Plugin.query, got 0; the journal holds no other calls"));
}

TEST_F(AdminTest, TooManyCallsFailsAtMost) {
  called("Plugin.query", "a");
  called("Plugin.query", "a");
  AdminResponse res = call("GET", "/_mock/verify?method=Plugin.query&at_most=1");
  EXPECT_EQ(res.status, 417);
  EXPECT_THAT(body_json(res).at("explanation").as_string().c_str(),
              HasSubstr("expected at most 1 calls to Plugin.query, got 2"));
}

TEST_F(AdminTest, VerifyNamesDroppedCallsWhenTheJournalOverflowed) {
  journal_ = Journal(JournalSettings{1, 1024});
  called("Plugin.query", "a");
  called("Plugin.query", "a");
  AdminResponse res = call("GET", "/_mock/verify?method=Plugin.query&count=2");
  EXPECT_EQ(res.status, 417);
  EXPECT_THAT(body_json(res).at("explanation").as_string().c_str(),
              HasSubstr("(the journal dropped 1 older calls; it keeps the last 1)"));
}

TEST_F(AdminTest, VerifyNeedsAMethod) {
  AdminResponse res = call("GET", "/_mock/verify?count=1");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res).at("error"), json::value("verify needs method=NAME"));
}

TEST_F(AdminTest, WrongVerbIs405WithAllow) {
  AdminResponse res = call("POST", "/_mock/journal");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.allow, "GET, DELETE");
  EXPECT_EQ(call("GET", "/_mock/reset").allow, "POST");
}

TEST_F(AdminTest, UnknownAdminPathIs404) {
  AdminResponse res = call("GET", "/_mock/nothing");
  EXPECT_EQ(res.status, 404);
  EXPECT_THAT(body_json(res).at("error").as_string().c_str(), HasSubstr("no admin path \"/_mock/nothing\""));
}

TEST_F(AdminTest, RemotePeersAreRefusedWithoutAToken) {
  AdminResponse res = call("GET", "/_mock/journal", "", /*local=*/false);
  EXPECT_EQ(res.status, 403);
  EXPECT_THAT(body_json(res).at("error").as_string().c_str(), HasSubstr("local peers only"));
}

TEST_F(AdminTest, WithATokenEveryCallNeedsItAndRemotePeersAreServed) {
  token_ = "s3cret";
  AdminResponse missing = call("GET", "/_mock/journal", "", true);
  EXPECT_EQ(missing.status, 401);
  EXPECT_TRUE(missing.ask_for_bearer);
  EXPECT_EQ(call("GET", "/_mock/journal", "", true, "Bearer wrong").status, 401);
  EXPECT_EQ(call("GET", "/_mock/journal", "", true, "Basic s3cret").status, 401);
  EXPECT_EQ(call("GET", "/_mock/journal", "", false, "Bearer s3cret").status, 200);
  EXPECT_EQ(call("GET", "/_mock/journal", "", true, "bearer s3cret").status, 200);
}

// Before: /_mock/state was 404 and reset left the storage as it was.
TEST_F(AdminTest, StateIsReadReplacedAndClearedByReset) {
  const json::object created = json::object{{"dbg", "d"}, {"uuid", "u"}, {"configuration", {{"uri", "file:///a"}}},
                                            {"name", "a"}, {"description", ""}};
  ASSERT_EQ(storage_.call("SR.create", created, {}).error, nullptr);
  AdminResponse got = call("GET", "/_mock/state");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(body_json(got), storage_.to_json());
  const std::string dumped = got.body;

  EXPECT_EQ(call("POST", "/_mock/reset").status, 200);
  EXPECT_EQ(storage_.to_json(), storage::Storage().to_json());

  AdminResponse unreadable = call("PUT", "/_mock/state", "{\"srs\":");
  EXPECT_EQ(unreadable.status, 400);
  EXPECT_THAT(std::string(body_json(unreadable).at("error").as_string()), ::testing::StartsWith("state: "));
  AdminResponse put = call("PUT", "/_mock/state", dumped);
  EXPECT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_json(put), body_json(got));
  EXPECT_EQ(call("POST", "/_mock/state").allow, "GET, PUT");
}

TEST_F(AdminTest, WithoutAStorageThereIsNoStatePath) {
  with_storage_ = false;
  AdminResponse res = call("GET", "/_mock/state");
  EXPECT_EQ(res.status, 404);
}

}  // namespace
}  // namespace smapi::mock

#include "mock_plugin/mutation.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace smapi::mock {
namespace {

namespace json = boost::json;

json::value edited(std::string_view result, const Fault& fault) {
  return edit_result(json::parse(result), fault);
}

TEST(EditResult, RemoveRetypeRenameSetInThatOrder) {
  Fault f;
  f.remove_field = "a";
  f.retype_field = "b";
  f.rename_field_from = "c";
  f.rename_field_to = "C";
  f.set_fields = {{"d", json::value(1)}, {"C", json::value("set wins")}};
  EXPECT_EQ(edited(R"({"a":"x","b":"y","c":"z"})", f), json::parse(R"({"b":5,"C":"set wins","d":1})"));
}

TEST(EditResult, RetypeGivesAnotherJsonType) {
  Fault f;
  f.retype_field = "v";
  EXPECT_EQ(edited(R"({"v":"s"})", f), json::parse(R"({"v":5})"));
  EXPECT_EQ(edited(R"({"v":["a"]})", f), json::parse(R"({"v":"smapi-mock: not an array"})"));
  EXPECT_EQ(edited(R"({"v":{}})", f), json::parse(R"({"v":["smapi-mock: not an object"]})"));
  EXPECT_EQ(edited(R"({"v":7})", f), json::parse(R"({"v":"5"})"));
  EXPECT_EQ(edited(R"({"v":true})", f), json::parse(R"({"v":"5"})"));
  EXPECT_EQ(edited(R"({"v":null})", f), json::parse(R"({"v":5})"));
}

TEST(EditResult, MissingMembersAndNonObjectsAreLeftAlone) {
  Fault f;
  f.remove_field = "nope";
  f.retype_field = "nope";
  f.rename_field_from = "nope";
  f.rename_field_to = "yes";
  EXPECT_EQ(edited(R"({"a":1})", f), json::parse(R"({"a":1})"));
  EXPECT_EQ(edited(R"(["a"])", f), json::parse(R"(["a"])"));
  EXPECT_FALSE(has_field_edits(Fault{}));
  EXPECT_TRUE(has_field_edits(f));
}

TEST(EditResult, InvalidUtf8AppendsA0xFFByteToStrings) {
  Fault f;
  f.invalid_utf8 = true;
  EXPECT_EQ(edited(R"("diag")", f).as_string(), std::string("diag\xff"));
  const json::value obj = edited(R"({"a":"x","n":1})", f);
  EXPECT_EQ(obj.at("a").as_string(), std::string("x\xff"));
  EXPECT_EQ(obj.at("n"), 1);
  EXPECT_EQ(json::serialize(edited(R"("d")", f)), std::string("\"d\xff\""));
}

TEST(MangleBody, EachByteFault) {
  const std::string reply = R"({"result":[],"error":null,"id":1})";  // 33 bytes
  EXPECT_EQ(mangle_body(reply, Fault::Body::intact), reply);
  EXPECT_EQ(mangle_body(reply, Fault::Body::garbage), kGarbageBody);
  EXPECT_EQ(mangle_body(reply, Fault::Body::truncated), R"({"result":[],"er)");  // 16 bytes
  EXPECT_EQ(mangle_body("x", Fault::Body::truncated), "");
  EXPECT_EQ(mangle_body(reply, Fault::Body::trailing_garbage), reply + std::string(kTrailingGarbage));
  EXPECT_EQ(mangle_body(reply, Fault::Body::empty), "");
  // Protocol-specific faults are the writer's business.
  EXPECT_EQ(mangle_body(reply, Fault::Body::wrong_id), reply);
  EXPECT_EQ(mangle_body(reply, Fault::Body::both_members), reply);
  EXPECT_TRUE(is_byte_mangling(Fault::Body::truncated));
  EXPECT_FALSE(is_byte_mangling(Fault::Body::wrong_id));
}

}  // namespace
}  // namespace smapi::mock

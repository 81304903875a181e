#include "contract/reply.h"

#include "contract/json_text.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::Eq;
using ::testing::Optional;

PluginError error_of(std::string code, std::vector<std::string> params) {
  return PluginError{std::move(code), std::move(params), {}};
}

TEST(UnimplementedMethodTest, ReadsTheExecForm) {
  EXPECT_THAT(unimplemented_method(error_of("SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls"}), ErrorForm::exec),
              Optional(Eq("Plugin.ls")));
}

TEST(UnimplementedMethodTest, ReadsTheJsonRpcForm) {
  EXPECT_THAT(unimplemented_method(error_of("Unimplemented", {"Plugin.ls"}), ErrorForm::rpclib),
              Optional(Eq("Plugin.ls")));
}

TEST(UnimplementedMethodTest, ReadsOnlyTheTransportsOwnForm) {
  // xapi-storage-script reads an exec error as SR_BACKEND_FAILURE [...]; a
  // bare rpclib form is no Unimplemented there, nor the exec form over HTTP.
  EXPECT_EQ(unimplemented_method(error_of("Unimplemented", {"Plugin.ls"}), ErrorForm::exec), std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls"}), ErrorForm::rpclib),
            std::nullopt);
}

TEST(UnimplementedMethodTest, KeepsThePluginsSpelling) {
  EXPECT_THAT(unimplemented_method(error_of("Unimplemented", {"Plugin.Query"}), ErrorForm::rpclib),
              Optional(Eq("Plugin.Query")));
}

TEST(UnimplementedMethodTest, RejectsOtherErrors) {
  // Wrong arity in either form.
  EXPECT_EQ(unimplemented_method(error_of("SR_BACKEND_FAILURE", {"Unimplemented"}), ErrorForm::exec), std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls", "x"}), ErrorForm::exec),
            std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("Unimplemented", {}), ErrorForm::rpclib), std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("Unimplemented", {"Plugin.ls", "x"}), ErrorForm::rpclib), std::nullopt);
  // Other codes and first params.
  EXPECT_EQ(unimplemented_method(error_of("SR_BACKEND_FAILURE",
                                          {"TypeError", "TypeError expected=string actual=5"}), ErrorForm::exec),
            std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("SR_BACKEND_FAILURE", {"unimplemented", "Plugin.ls"}), ErrorForm::exec),
            std::nullopt);
  EXPECT_EQ(unimplemented_method(error_of("SCRIPT_MISSING", {"Plugin.ls"}), ErrorForm::exec), std::nullopt);
}

TEST(ExecUnimplementedErrorTest, HasCodeParamsAndBacktrace) {
  EXPECT_EQ(to_compact_json(exec_unimplemented_error(Method::ls)),
            R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],)"
            R"("backtrace":{"error":"Plugin.ls","files":[],"lines":[]}})");
  EXPECT_EQ(exec_unimplemented_error(Method::query).at("params").as_array()[1], "Plugin.query");
}

TEST(JsonRpcUnimplementedErrorTest, IsRpclibsArray) {
  EXPECT_EQ(to_compact_json(jsonrpc_unimplemented_error(Method::ls)), R"(["Unimplemented","Plugin.ls"])");
  EXPECT_EQ(to_compact_json(jsonrpc_unimplemented_error(Method::diagnostics)),
            R"(["Unimplemented","Plugin.diagnostics"])");
}

TEST(ReplyTest, DefaultsToMalformed) {
  Reply reply;
  EXPECT_EQ(reply.kind, Reply::Kind::malformed);
  EXPECT_TRUE(reply.envelope_findings.empty());
}

}  // namespace
}  // namespace smapi::contract

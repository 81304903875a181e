#include "contract/exec_codec.h"

#include "contract/testing/matchers.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

using Params = std::vector<std::string>;

constexpr ExecExit kExit0{ExecExit::How::exited, 0};
constexpr ExecExit kExit1{ExecExit::How::exited, 1};

// Field transcripts (FIELD-TRANSCRIPTS.md).
constexpr std::string_view kExt4NgQuery =
    R"({"plugin": "ext4-ng", "name": "ext4 Volume plugin", "description": "This plugin manages a ext4 based SR", "vendor": "None", "copyright": "(C) 2019 Vates", "version": "3.0", "required_api_version": "5.0", "features": ["SR_ATTACH", "SR_DETACH", "SR_CREATE", "VDI_CREATE", "VDI_DESTROY", "VDI_ATTACH", "VDI_ATTACH_OFFLINE", "VDI_DETACH", "VDI_ACTIVATE", "VDI_DEACTIVATE", "VDI_UPDATE", "VDI_CLONE", "VDI_SNAPSHOT", "VDI_RESIZE", "SR_METADATA"], "configuration": {}, "required_cluster_stack": []})"
    "\n";
constexpr std::string_view kSkeletonUnimplemented =
    R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.query"], "backtrace": {"error": "Plugin.query", "files": ["/plugin.py", "/plugin.py", "/plugin.py"], "lines": [251, 45, 132]}})";
constexpr std::string_view kMissingDbg =
    R"({"code": "SR_BACKEND_FAILURE", "params": ["UnmarshalException", "UnmarshalException thing=argument missing ty=dbg desc="], "backtrace": {"error": "UnmarshalException thing=argument missing ty=dbg desc=", "files": ["/plugin.py", "/plugin.py"], "lines": [251, 41]}})";

TEST(EncodeExecArgumentsTest, IsCompactWithoutNewline) {
  json::object args;
  args["dbg"] = "debug";
  EXPECT_EQ(encode_exec_arguments(args), R"({"dbg":"debug"})");
}

// ---- exit 0 ----

TEST(DecodeExecReplyTest, Exit0WithOneValueIsAResult) {
  Reply r = decode_exec_reply(kExit0, kExt4NgQuery);
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result.at("plugin"), "ext4-ng");
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeExecReplyTest, Exit0WithAStringIsAResult) {
  Reply r = decode_exec_reply(kExit0, "\"No diagnostic data to report\"");
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, "No diagnostic data to report");
}

TEST(DecodeExecReplyTest, Exit0WithAnErrorObjectIsStillAResult) {
  // xapi only reads an error when the exit status is non-zero.
  Reply r = decode_exec_reply(kExit0, kSkeletonUnimplemented);
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result.at("code"), "SR_BACKEND_FAILURE");
}

TEST(DecodeExecReplyTest, Exit0WithEmptyStdoutIsBadJson) {
  EXPECT_THAT(decode_exec_reply(kExit0, ""), IsMalformedReply("bad json on stdout: empty output"));
}

TEST(DecodeExecReplyTest, Exit0WithTwoValuesIsBadJson) {
  EXPECT_THAT(decode_exec_reply(kExit0, "[\"sr1\"]\n[\"sr2\"]\n"),
              IsMalformedReply("bad json on stdout: more than one JSON value: a second value starts at byte 8"));
}

TEST(DecodeExecReplyTest, Exit0WithTrailingGarbageIsBadJson) {
  EXPECT_THAT(decode_exec_reply(kExit0, "\"ok\" debug: done"),
              IsMalformedReply(StartsWith("bad json on stdout: invalid JSON at byte 5")));
}

// xapi's reader (Yojson) reads 1e400 as infinity and nests without bound.
TEST(DecodeExecReplyTest, Exit0WithOverflowingNumberIsReadAndNoted) {
  Reply r = decode_exec_reply(kExit0, R"({"version": 1e400})");
  ASSERT_EQ(r.kind, Reply::Kind::result);
  EXPECT_THAT(r.non_standard_json, ElementsAre(HasSubstr("beyond a double")));
}

TEST(DecodeExecReplyTest, Exit0WithDeepNestingIsRead) {
  EXPECT_EQ(decode_exec_reply(kExit0, std::string(10'001, '[') + std::string(10'001, ']')).kind,
            Reply::Kind::result);
}

TEST(DecodeExecReplyTest, LimitsArePassedThrough) {
  JsonLimits limits;
  limits.max_bytes = 4;
  EXPECT_THAT(decode_exec_reply(kExit0, "[[[]]]", limits),
              IsMalformedReply(StartsWith("bad json on stdout: text too long")));
}

// ---- non-zero exit ----

TEST(DecodeExecReplyTest, NonZeroWithTheErrorObjectIsAnError) {
  Reply r = decode_exec_reply(kExit1, kSkeletonUnimplemented);
  ASSERT_THAT(r, IsErrorReply("SR_BACKEND_FAILURE", (Params{"Unimplemented", "Plugin.query"})));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
  EXPECT_EQ(unimplemented_method(r.error, ErrorForm::exec), "Plugin.query");
  EXPECT_EQ(r.error.raw.at("backtrace").at("lines").as_array().size(), 3u);
}

TEST(DecodeExecReplyTest, NonZeroWithAnUnmarshalErrorIsAnError) {
  Reply r = decode_exec_reply(kExit1, kMissingDbg);
  ASSERT_THAT(r, IsErrorReply("SR_BACKEND_FAILURE",
                              (Params{"UnmarshalException",
                                      "UnmarshalException thing=argument missing ty=dbg desc="})));
  EXPECT_EQ(unimplemented_method(r.error, ErrorForm::exec), std::nullopt);
}

TEST(DecodeExecReplyTest, AnyNonZeroStatusCarriesAnError) {
  Reply r = decode_exec_reply(ExecExit{ExecExit::How::exited, 2}, kSkeletonUnimplemented);
  EXPECT_THAT(r, IsErrorReply("SR_BACKEND_FAILURE", (Params{"Unimplemented", "Plugin.query"})));
}

// xapi-storage-script decodes the error record of lib.ml, backtrace included:
// without one, xapi reports SCRIPT_FAILED and the plugin's code is lost.
TEST(DecodeExecReplyTest, AnErrorWithoutBacktraceIsNoErrorToXapi) {
  Reply r = decode_exec_reply(kExit1, R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"]})");
  EXPECT_THAT(r, IsMalformedReply(HasSubstr("non-zero exit and bad json on stdout: the error object has no "
                                            "\"backtrace\"")));
}

// Each backtrace xapi's decoder refuses (checked with ppx_deriving_rpc's
// error_of_rpc of the same record).
TEST(DecodeExecReplyTest, ABacktraceOfTheWrongShapeIsNoErrorToXapi) {
  for (std::string_view backtrace :
       {R"("trace")", R"({})", R"(null)", R"({"error":"e","files":[]})", R"({"error":1,"files":[],"lines":[]})",
        R"({"error":"e","files":[1],"lines":[]})", R"({"error":"e","files":"f","lines":[]})",
        R"({"error":"e","files":[],"lines":[1.0]})", R"({"error":"e","files":[],"lines":["x"]})",
        R"({"error":"e","files":[],"lines":[" 1"]})", R"({"error":"e","files":[],"lines":[true]})",
        R"({"error":"e","files":[],"lines":[null]})", R"({"error":"e","files":[],"lines":"1"})"}) {
    Reply r = decode_exec_reply(
        kExit1, R"({"code":"SR_BACKEND_FAILURE","params":[],"backtrace":)" + std::string(backtrace) + "}");
    EXPECT_THAT(r, IsMalformedReply(HasSubstr("\"backtrace\""))) << backtrace;
  }
}

TEST(DecodeExecReplyTest, ReadsTheErrorRecordAsXapisDecoderDoes) {
  // Lines as strings holding OCaml integers, keys in any case, unknown keys.
  for (std::string_view text :
       {R"({"code":"C","params":["a"],"backtrace":{"error":"e","files":["f"],"lines":["251", "-3", "0x1f", "1_0"]}})",
        R"({"Code":"C","PARAMS":["a"],"BackTrace":{"Error":"e","FILES":[],"lines":[]}})",
        R"({"code":"C","params":["a"],"x":1,"backtrace":{"error":"e","files":[],"lines":[9223372036854775807],"y":2}})"}) {
    EXPECT_THAT(decode_exec_reply(kExit1, text), IsErrorReply("C", Params{"a"})) << text;
  }
  // A repeated key: every occurrence must decode, and the last one counts.
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"A","code":"B","params":[],"backtrace":{"error":"e","files":[],"lines":[]}})"),
              IsErrorReply("B", Params{}));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"C","CODE":5,"params":[],"backtrace":{"error":"e","files":[],"lines":[]}})"),
              IsMalformedReply(HasSubstr("\"code\" is not a string")));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":5,"code":"C","params":[],"backtrace":{"error":"e","files":[],"lines":[]}})"),
              IsMalformedReply(HasSubstr("\"code\" is not a string")));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"C","params":[1],"backtrace":{"error":"e","files":[],"lines":[]}})"),
              IsMalformedReply(HasSubstr("\"params\"[0] is not a string")));
}

TEST(DecodeExecReplyTest, ReadsCommentsAndNotesThem) {
  Reply r = decode_exec_reply(ExecExit{}, "/* generated */ [\"sr1\"]");
  ASSERT_EQ(r.kind, Reply::Kind::result);
  EXPECT_THAT(r.non_standard_json, ElementsAre("a /* comment */ at byte 0"));
}

TEST(DecodeExecReplyTest, AnIntegerPastSixtyFourBitsIsBadJsonToXapi) {
  EXPECT_THAT(decode_exec_reply(ExecExit{}, R"({"size": 18446744073709551616})"),
              IsMalformedReply(HasSubstr("bad json on stdout: integer 18446744073709551616")));
}

TEST(DecodeExecReplyTest, NonZeroWithEmptyStdoutIsNonZeroBadJson) {
  // What a plugin that crashes with a traceback on stderr leaves.
  EXPECT_THAT(decode_exec_reply(kExit1, ""),
              IsMalformedReply("non-zero exit and bad json on stdout: empty output (exit status 1)"));
}

TEST(DecodeExecReplyTest, NonZeroWithNonJsonIsNonZeroBadJson) {
  EXPECT_THAT(decode_exec_reply(kExit1, "Traceback (most recent call last):"),
              IsMalformedReply(StartsWith("non-zero exit and bad json on stdout: invalid JSON at byte 0")));
}

TEST(DecodeExecReplyTest, NonZeroWithAResultShapedValueIsNonZeroBadJson) {
  EXPECT_THAT(decode_exec_reply(kExit1, kExt4NgQuery),
              IsMalformedReply(AllOf(StartsWith("non-zero exit and bad json on stdout: "),
                                     HasSubstr("no \"code\""))));
  EXPECT_THAT(decode_exec_reply(kExit1, R"(["Unimplemented","Plugin.ls"])"),
              IsMalformedReply(HasSubstr("expected an error object, got array")));
}

TEST(DecodeExecReplyTest, ErrorObjectFieldsMustHaveTheirTypes) {
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":5,"params":[]})"),
              IsMalformedReply(HasSubstr("\"code\" is not a string, got 5")));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"X"})"),
              IsMalformedReply(HasSubstr("no \"params\"")));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"X","params":"Unimplemented"})"),
              IsMalformedReply(HasSubstr("\"params\" is not an array")));
  EXPECT_THAT(decode_exec_reply(kExit1, R"({"code":"X","params":["a",2]})"),
              IsMalformedReply(HasSubstr("\"params\"[1] is not a string, got 2")));
}

// ---- signalled ----

TEST(DecodeExecReplyTest, SignalledIsMalformedWhateverStdoutSays) {
  EXPECT_THAT(decode_exec_reply(ExecExit{ExecExit::How::signalled, 9}, kExt4NgQuery),
              IsMalformedReply("signalled (signal 9)"));
  EXPECT_THAT(decode_exec_reply(ExecExit{ExecExit::How::signalled, 15}, ""),
              IsMalformedReply("signalled (signal 15)"));
}

// ---- encode_exec_error ----

TEST(EncodeExecErrorTest, WritesAMinimalBacktraceWhenThereWasNone) {
  PluginError e{"SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls"}, {}};
  EXPECT_EQ(encode_exec_error(e),
            R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],)"
            R"("backtrace":{"error":"Plugin.ls","files":[],"lines":[]}})");
}

TEST(EncodeExecErrorTest, MatchesExecUnimplementedError) {
  PluginError e{"SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.diagnostics"},
                exec_unimplemented_error(Method::diagnostics)};
  EXPECT_EQ(encode_exec_error(e), to_compact_json(exec_unimplemented_error(Method::diagnostics)));
}

TEST(EncodeExecErrorTest, KeepsTheReceivedBacktrace) {
  Reply r = decode_exec_reply(kExit1, kMissingDbg);
  ASSERT_THAT(r, IsErrorReply("SR_BACKEND_FAILURE", (Params{"UnmarshalException",
                                                            "UnmarshalException thing=argument missing ty=dbg desc="})));
  const std::string text = encode_exec_error(r.error);
  EXPECT_THAT(text, HasSubstr(R"("lines":[251,41])"));
  Reply again = decode_exec_reply(kExit1, text);
  EXPECT_EQ(again.error.params, r.error.params);
  EXPECT_THAT(again.envelope_findings, IsEmpty());
}

TEST(EncodeExecErrorTest, WithoutParamsTheBacktraceNamesTheCode) {
  PluginError e{"SR_BACKEND_FAILURE", {}, {}};
  EXPECT_EQ(encode_exec_error(e),
            R"({"code":"SR_BACKEND_FAILURE","params":[],"backtrace":{"error":"SR_BACKEND_FAILURE","files":[],"lines":[]}})");
}

TEST(EncodeExecErrorTest, ExitStatusIsOne) { EXPECT_EQ(kExecErrorExitStatus, 1); }

}  // namespace
}  // namespace smapi::contract

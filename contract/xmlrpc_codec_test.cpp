#include "contract/xmlrpc_codec.h"

#include "contract/testing/builders.h"
#include "contract/testing/matchers.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

using Params = std::vector<std::string>;

using testing::dbg_args;

// A methodResponse around one param value.
std::string response(std::string_view value) {
  return "<?xml version=\"1.0\"?><methodResponse><params><param>" + std::string(value) +
         "</param></params></methodResponse>";
}

// A methodResponse around a struct with these members (name, value-element).
std::string status_struct(std::initializer_list<std::pair<std::string, std::string>> members) {
  std::string out = "<value><struct>";
  for (const auto& [name, value] : members)
    out += "<member><name>" + name + "</name>" + value + "</member>";
  return response(out + "</struct></value>");
}

const std::string kSuccess = "<value>Success</value>";
const std::string kFailure = "<value><string>Failure</string></value>";

// The one param value of a request body, or the problem's message.
json::value request_args(std::string_view body) {
  auto decoded = decode_xmlrpc_request(body);
  if (auto* problem = std::get_if<XmlRpcProblem>(&decoded)) {
    ADD_FAILURE() << "refused: " << problem->message;
    return nullptr;
  }
  return std::get<XmlRpcRequest>(decoded).args;
}

XmlRpcProblem request_problem(std::string_view body) {
  auto decoded = decode_xmlrpc_request(body);
  if (auto* problem = std::get_if<XmlRpcProblem>(&decoded)) return *problem;
  ADD_FAILURE() << "accepted " << body;
  return {};
}

// ---- client: requests ----

TEST(EncodeXmlRpcRequestTest, IsRpclibsShapeWithBareStrings) {
  EXPECT_EQ(encode_xmlrpc_request(Method::query, dbg_args("debug")),
            "<?xml version=\"1.0\"?><methodCall><methodName>Plugin.query</methodName><params>"
            "<param><value><struct><member><name>dbg</name><value>debug</value></member>"
            "</struct></value></param></params></methodCall>");
}

TEST(EncodeXmlRpcRequestTest, EscapesMarkupInStrings) {
  EXPECT_THAT(encode_xmlrpc_request(Method::ls, dbg_args("a<b&c>")),
              HasSubstr("<value>a&lt;b&amp;c&gt;</value>"));
}

TEST(EncodeXmlRpcCallTest, AnyMethodByItsWireNameEscaped) {
  EXPECT_THAT(encode_xmlrpc_call("SR.stat", dbg_args("d")),
              HasSubstr("<methodCall><methodName>SR.stat</methodName><params>"));
  EXPECT_THAT(encode_xmlrpc_call("a<b", dbg_args("d")), HasSubstr("<methodName>a&lt;b</methodName>"));
}

TEST(EncodeXmlRpcRequestTextTest, JsonTextIsSentAsItsValue) {
  EXPECT_EQ(encode_xmlrpc_request_text(Method::ls, R"({"dbg":"d"})"),
            encode_xmlrpc_request(Method::ls, dbg_args("d")));
  EXPECT_THAT(encode_xmlrpc_request_text(Method::ls, R"({"dbg":5})"),
              HasSubstr("<member><name>dbg</name><value><int>5</int></value></member>"));
  EXPECT_THAT(encode_xmlrpc_request_text(Method::ls, "{}"),
              HasSubstr("<param><value><struct></struct></value></param>"));
}

TEST(EncodeXmlRpcRequestTextTest, TextThatIsNotJsonIsSentAsOneString) {
  EXPECT_THAT(encode_xmlrpc_request_text(Method::diagnostics, "{not json"),
              HasSubstr("<params><param><value>{not json</value></param></params>"));
}

// ---- values both ways ----

TEST(XmlRpcValueTest, WritersTagOrLeaveStringsBare) {
  EXPECT_EQ(encode_xmlrpc_value("x", XmlRpcStrings::bare), "<value>x</value>");
  EXPECT_EQ(encode_xmlrpc_value("x", XmlRpcStrings::tagged), "<value><string>x</string></value>");
}

TEST(XmlRpcValueTest, IntegersOutsideI4AreI8) {
  EXPECT_EQ(encode_xmlrpc_value(2147483647, XmlRpcStrings::tagged), "<value><int>2147483647</int></value>");
  EXPECT_EQ(encode_xmlrpc_value(2147483648LL, XmlRpcStrings::tagged), "<value><i8>2147483648</i8></value>");
  EXPECT_EQ(encode_xmlrpc_value(-2147483649LL, XmlRpcStrings::tagged), "<value><i8>-2147483649</i8></value>");
}

TEST(XmlRpcValueTest, OtherScalars) {
  EXPECT_EQ(encode_xmlrpc_value(true, XmlRpcStrings::tagged), "<value><boolean>1</boolean></value>");
  EXPECT_EQ(encode_xmlrpc_value(nullptr, XmlRpcStrings::tagged), "<value><nil/></value>");
  EXPECT_EQ(encode_xmlrpc_value(1.5, XmlRpcStrings::tagged), "<value><double>1.5</double></value>");
  EXPECT_EQ(encode_xmlrpc_value(std::numeric_limits<double>::infinity(), XmlRpcStrings::tagged),
            "<value><nil/></value>");
}

TEST(XmlRpcValueTest, ControlCharactersXmlCannotCarryAreReplaced) {
  EXPECT_EQ(encode_xmlrpc_value("a\x01" "b\rc\td", XmlRpcStrings::bare),
            "<value>a\xEF\xBF\xBD" "b&#13;c\td</value>");
}

TEST(XmlRpcValueTest, EveryJsonValueReadsBackTheSame) {
  const json::value value = json::parse(
      R"({"s":"  spaced  ","e":"","n":-7,"big":9000000000,"d":0.25,"t":true,"f":false,"z":null,)"
      R"("a":["x",["y"],{}],"o":{"k":"v","lt":"<&>"}})");
  for (XmlRpcStrings strings : {XmlRpcStrings::bare, XmlRpcStrings::tagged}) {
    const std::string body = "<methodCall><methodName>m</methodName><params><param>" +
                             encode_xmlrpc_value(value, strings) + "</param></params></methodCall>";
    EXPECT_EQ(request_args(body), value) << body;
  }
}

TEST(XmlRpcValueTest, StringAndBareTextAreOneValue) {
  EXPECT_EQ(request_args("<methodCall><methodName>m</methodName><params><param><value>"
                         "<string>debug</string></value></param></params></methodCall>"),
            json::value("debug"));
  EXPECT_EQ(request_args("<methodCall><methodName>m</methodName><params><param><value>debug"
                         "</value></param></params></methodCall>"),
            json::value("debug"));
  EXPECT_EQ(request_args("<methodCall><methodName>m</methodName><params><param><value>"
                         "<![CDATA[a<b]]></value></param></params></methodCall>"),
            json::value("a<b"));
}

TEST(XmlRpcValueTest, IntegerTypesAndTheirRange) {
  const auto body = [](std::string_view v) {
    return "<methodCall><methodName>m</methodName><params><param><value>" + std::string(v) +
           "</value></param></params></methodCall>";
  };
  EXPECT_EQ(request_args(body("<i4>-5</i4>")), json::value(-5));
  EXPECT_EQ(request_args(body("<int> +12 </int>")), json::value(12));
  EXPECT_EQ(request_args(body("<i8>9223372036854775807</i8>")), json::value(9223372036854775807LL));
  EXPECT_THAT(request_problem(body("<i8>9223372036854775808</i8>")).message,
              HasSubstr("does not fit 64 bits"));
  EXPECT_THAT(request_problem(body("<int>1.5</int>")).message, HasSubstr("not an integer"));
  EXPECT_THAT(request_problem(body("<double>inf</double>")).message, HasSubstr("not a finite number"));
  EXPECT_THAT(request_problem(body("<boolean>true</boolean>")).message, HasSubstr("not 0 or 1"));
}

TEST(XmlRpcValueTest, Base64AndDatesAreRefusedByName) {
  const XmlRpcProblem problem = request_problem(
      "<methodCall><methodName>m</methodName><params><param><value><struct><member><name>dbg</name>"
      "<value><base64>ZA==</base64></value></member></struct></value></param></params></methodCall>");
  EXPECT_EQ(problem.code, kXmlRpcInvalidParams);
  EXPECT_THAT(problem.message, HasSubstr("params[0].dbg: <base64> is not a type the Plugin contract uses"));
  EXPECT_THAT(decode_xmlrpc_response(response("<value><dateTime.iso8601>20240101T00:00:00"
                                              "</dateTime.iso8601></value>")),
              IsMalformedReply(HasSubstr("$: <dateTime.iso8601> is not a type")));
}

TEST(XmlRpcValueTest, RepeatedMemberKeepsTheLast) {
  EXPECT_EQ(request_args("<methodCall><methodName>m</methodName><params><param><value><struct>"
                         "<member><name>k</name><value>1</value></member>"
                         "<member><name>k</name><value>2</value></member>"
                         "</struct></value></param></params></methodCall>"),
            json::parse(R"({"k":"2"})"));
}

TEST(XmlRpcValueTest, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<value><array><data>";
  deep += "<value>x</value>";
  for (int i = 0; i < 100; ++i) deep += "</data></array></value>";
  EXPECT_THAT(decode_xmlrpc_response(response(deep)),
              IsMalformedReply(HasSubstr("nested deeper than 64 levels")));
  XmlRpcLimits roomy;
  roomy.max_depth = 200;
  const XmlRpcResponseParse parsed = parse_xmlrpc_response(response(deep), roomy);
  EXPECT_TRUE(parsed.value) << parsed.error;
}

TEST(XmlRpcValueTest, HostileNestingWithinTheSizeLimitNeitherRecursesNorCrashes) {
  std::string values;  // 300k levels, 13 MB: under the size limit, far over the depth limit
  for (int i = 0; i < 300000; ++i) values += "<value><array><data>";
  for (int i = 0; i < 300000; ++i) values += "</data></array></value>";
  // Its 900k elements take more than the default decode limit as a tree.
  const Reply refused = decode_xmlrpc_response(response(values));
  EXPECT_THAT(refused, IsMalformedReply(HasSubstr("bytes of memory")));
  EXPECT_TRUE(refused.over_memory_limit);
  XmlRpcLimits roomy;
  roomy.max_decoded_bytes = 256 * 1024 * 1024;
  EXPECT_THAT(decode_xmlrpc_response(response(values), roomy),
              IsMalformedReply(HasSubstr("nested deeper than 64 levels")));
  std::string elements;
  for (int i = 0; i < 500000; ++i) elements += "<a>";
  for (int i = 0; i < 500000; ++i) elements += "</a>";
  EXPECT_THAT(decode_xmlrpc_response(response(elements)),
              IsMalformedReply(HasSubstr("the <param> has no <value>")));
}

// ---- client: responses ----

TEST(DecodeXmlRpcResponseTest, SuccessWithAQueryResultStruct) {
  Reply r = decode_xmlrpc_response(status_struct(
      {{"Status", kSuccess},
       {"Value", "<value><struct><member><name>plugin</name><value>ext4-ng</value></member>"
                 "<member><name>features</name><value><array><data><value>SR_ATTACH</value>"
                 "<value><string>VDI_CREATE</string></value></data></array></value></member>"
                 "</struct></value>"}}));
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, json::parse(R"({"plugin":"ext4-ng","features":["SR_ATTACH","VDI_CREATE"]})"));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeXmlRpcResponseTest, FailureUnimplemented) {
  Reply r = decode_xmlrpc_response(encode_xmlrpc_failure(json::array{"Unimplemented", "Plugin.ls"}));
  ASSERT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
  EXPECT_EQ(unimplemented_method(r.error, ErrorForm::rpclib), "Plugin.ls");
  EXPECT_EQ(r.error.raw, (json::array{"Unimplemented", "Plugin.ls"}));
}

TEST(DecodeXmlRpcResponseTest, FailureWithANonStringParamIsAFinding) {
  Reply r = decode_xmlrpc_response(
      status_struct({{"Status", kFailure},
                     {"ErrorDescription", "<value><array><data><value>SR_BACKEND_FAILURE</value>"
                                          "<value><int>5</int></value></data></array></value>"}}));
  ASSERT_THAT(r, IsErrorReply("SR_BACKEND_FAILURE", Params{}));
  EXPECT_THAT(r, HasFinding(FindingKind::wrong_type, "$.ErrorDescription[1]"));
}

TEST(DecodeXmlRpcResponseTest, FailureWithAnUnreadableErrorDescriptionIsMalformed) {
  const std::string body = status_struct(
      {{"Status", kFailure}, {"ErrorDescription", "<value><array><data></data></array></value>"}});
  EXPECT_THAT(decode_xmlrpc_response(body),
              IsMalformedReply(StartsWith("the ErrorDescription is not [\"Code\", params...]")));
  EXPECT_TRUE(xmlrpc_error_description_unreadable(body));
  EXPECT_FALSE(xmlrpc_error_description_unreadable(
      encode_xmlrpc_failure(json::array{"Unimplemented", "Plugin.ls"})));
  EXPECT_FALSE(xmlrpc_error_description_unreadable("not xml"));
}

TEST(DecodeXmlRpcResponseTest, TheEnvelopeTwinsOfJsonRpc) {
  EXPECT_THAT(decode_xmlrpc_response(status_struct({{"Status", kSuccess}})),
              IsMalformedReply("\"Status\" is \"Success\" but there is no \"Value\""));
  EXPECT_THAT(decode_xmlrpc_response(status_struct({{"Status", kFailure}})),
              IsMalformedReply("\"Status\" is \"Failure\" but there is no \"ErrorDescription\""));
  EXPECT_THAT(decode_xmlrpc_response(status_struct(
                  {{"Status", kSuccess}, {"Value", "<value/>"}, {"ErrorDescription", "<value>E</value>"}})),
              IsMalformedReply("both \"Value\" and \"ErrorDescription\" are present"));
  EXPECT_THAT(decode_xmlrpc_response(status_struct({})),
              IsMalformedReply("neither \"Value\" nor \"ErrorDescription\" is present"));
  EXPECT_THAT(decode_xmlrpc_response(response("<value><array><data/></array></value>")),
              IsMalformedReply(StartsWith("the response value is not a {Status, ...} struct, got array")));
}

TEST(DecodeXmlRpcResponseTest, StatusMissingOrUnknownIsAFindingAndTheMemberDecides) {
  Reply missing = decode_xmlrpc_response(status_struct({{"Value", "<value>ok</value>"}}));
  ASSERT_THAT(missing, IsResultReply());
  EXPECT_THAT(missing.envelope_findings,
              ElementsAre(IsFinding(FindingKind::missing_key, "$.Status",
                                    "\"Success\" or \"Failure\"", "absent")));
  Reply unknown = decode_xmlrpc_response(
      status_struct({{"Status", "<value>success</value>"}, {"ErrorDescription", "<value>E</value>"}}));
  ASSERT_THAT(unknown, IsErrorReply("E", Params{}));
  EXPECT_THAT(unknown, HasFinding(FindingKind::bad_value, "$.Status"));
  Reply typed = decode_xmlrpc_response(
      status_struct({{"Status", "<value><int>1</int></value>"}, {"Value", "<value>ok</value>"}}));
  EXPECT_THAT(typed, HasFinding(FindingKind::wrong_type, "$.Status"));
}

TEST(DecodeXmlRpcResponseTest, AFaultIsReadButFlagged) {
  Reply r = decode_xmlrpc_response(encode_xmlrpc_fault(-32601, "no such method"));
  ASSERT_THAT(r, IsErrorReply("no such method", Params{}));
  EXPECT_THAT(r, HasFinding(FindingKind::malformed, "$.fault"));
  EXPECT_EQ(r.error.raw, json::parse(R"({"faultCode":-32601,"faultString":"no such method"})"));

  Reply nameless = decode_xmlrpc_response(
      "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int>"
      "</value></member></struct></value></fault></methodResponse>");
  EXPECT_THAT(nameless, IsMalformedReply("the <fault> has no faultString"));
  EXPECT_THAT(nameless, HasFinding(FindingKind::missing_key, "$.fault.faultString"));
}

TEST(DecodeXmlRpcResponseTest, MoreThanOneParamIsAFinding) {
  Reply r = decode_xmlrpc_response(
      "<methodResponse><params><param><value><struct><member><name>Status</name><value>Success"
      "</value></member><member><name>Value</name><value>x</value></member></struct></value></param>"
      "<param><value>extra</value></param></params></methodResponse>");
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, json::value("x"));
  EXPECT_THAT(r, HasFinding(FindingKind::malformed, "$"));
}

TEST(DecodeXmlRpcResponseTest, DocumentsThatAreNotResponses) {
  EXPECT_THAT(decode_xmlrpc_response(""), IsMalformedReply(HasSubstr("empty body")));
  EXPECT_THAT(decode_xmlrpc_response("{\"result\":1}"), IsMalformedReply(HasSubstr("unreadable XML: no root element; the text is \"{\"result\":1}\"")));
  EXPECT_THAT(decode_xmlrpc_response("<methodCall/>"),
              IsMalformedReply(HasSubstr("not an XML-RPC methodResponse (the root element is <methodCall>)")));
  EXPECT_THAT(decode_xmlrpc_response("<methodResponse/>"),
              IsMalformedReply(HasSubstr("neither <params> nor <fault>")));
  EXPECT_THAT(decode_xmlrpc_response("<methodResponse><params/></methodResponse>"),
              IsMalformedReply(HasSubstr("<params> holds no <param>")));
  EXPECT_THAT(decode_xmlrpc_response("<methodResponse><params><param/></params></methodResponse>"),
              IsMalformedReply(HasSubstr("the <param> has no <value>")));
  EXPECT_THAT(decode_xmlrpc_response(response("<value>x</value>") + "<again/>"),
              IsMalformedReply(HasSubstr("more than one root element")));
  EXPECT_THAT(decode_xmlrpc_response(response("<value>x</value>") + "\n{\"trailing\":1}"),
              IsMalformedReply(HasSubstr("text outside the root element")));
  const std::string half = encode_xmlrpc_success("x");
  EXPECT_THAT(decode_xmlrpc_response(half.substr(0, half.size() / 2)),
              IsMalformedReply(HasSubstr("unreadable XML")));
}

TEST(XmlDocumentProblemTest, OneWellFormedDocumentOrWhyNot) {
  EXPECT_EQ(xml_document_problem("<?xml version=\"1.0\"?>\n<methodResponse/>\n"), "");
  EXPECT_EQ(xml_document_problem("<a/>\n<b/>"), "more than one root element (<a> then <b>)");
  EXPECT_EQ(xml_document_problem("<a/>trailing"), "text outside the root element: \"trailing\"");
  EXPECT_THAT(xml_document_problem("<a>"), StartsWith("bad XML at byte"));
  EXPECT_EQ(xml_document_problem(""), "empty body");
}

TEST(DecodeXmlRpcResponseTest, SizeIsBounded) {
  XmlRpcLimits tight;
  tight.max_bytes = 64;
  EXPECT_THAT(decode_xmlrpc_response(encode_xmlrpc_success(json::string(std::string(100, 'x'))), tight),
              IsMalformedReply(HasSubstr("over the limit of 64")));
}

TEST(DecodeXmlRpcResponseTest, EntityBombsAreRefusedNotExpanded) {
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" +
      response("<value>&lol3;</value>").substr(21);
  EXPECT_THAT(decode_xmlrpc_response(bomb), IsMalformedReply(HasSubstr("a DOCTYPE is not allowed")));
  EXPECT_EQ(request_problem("<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><methodCall/>").code,
            kXmlRpcNotWellFormed);
  // Without a DOCTYPE an unknown entity is no entity: it stays as text.
  Reply r = decode_xmlrpc_response(status_struct({{"Status", kSuccess}, {"Value", "<value>&lol3;</value>"}}));
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, json::value("&lol3;"));
}

// ---- server side ----

TEST(DecodeXmlRpcRequestTest, RpclibAndPythonRequestsReadTheSame) {
  const std::string rpclib = encode_xmlrpc_request(Method::query, dbg_args("debug"));
  const std::string python =
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>Plugin.query</methodName>\n<params>\n"
      "<param>\n<value><struct>\n<member>\n<name>dbg</name>\n<value><string>debug</string></value>\n"
      "</member>\n</struct></value>\n</param>\n</params>\n</methodCall>\n";
  for (const std::string& body : {rpclib, python}) {
    auto decoded = decode_xmlrpc_request(body);
    ASSERT_TRUE(std::holds_alternative<XmlRpcRequest>(decoded)) << body;
    const auto& request = std::get<XmlRpcRequest>(decoded);
    EXPECT_EQ(request.method, "Plugin.query");
    EXPECT_EQ(request.args, json::value(dbg_args("debug")));
  }
}

TEST(DecodeXmlRpcRequestTest, ParamCountShapesTheArguments) {
  auto none = decode_xmlrpc_request("<methodCall><methodName>Plugin.ls</methodName></methodCall>");
  ASSERT_TRUE(std::holds_alternative<XmlRpcRequest>(none));
  EXPECT_TRUE(std::get<XmlRpcRequest>(none).args.is_null());
  EXPECT_EQ(request_args("<methodCall><methodName>m</methodName><params><param><value>a</value>"
                         "</param><param><value>b</value></param></params></methodCall>"),
            (json::array{"a", "b"}));
}

TEST(DecodeXmlRpcRequestTest, Problems) {
  EXPECT_EQ(request_problem("").code, kXmlRpcNotWellFormed);
  EXPECT_EQ(request_problem("{\"method\":\"Plugin.ls\"}").code, kXmlRpcNotWellFormed);
  EXPECT_THAT(request_problem("<methodResponse/>").message, HasSubstr("not <methodCall>"));
  EXPECT_EQ(request_problem("<methodCall/>").code, kXmlRpcInvalidRequest);
  EXPECT_THAT(request_problem("<methodCall><methodName></methodName></methodCall>").message,
              HasSubstr("holds no name"));
  EXPECT_EQ(request_problem("<methodCall><methodName>m</methodName><params><param/></params></methodCall>").code,
            kXmlRpcInvalidParams);
}

TEST(EncodeXmlRpcReplyTest, SuccessFailureAndFaultShapes) {
  EXPECT_EQ(encode_xmlrpc_success(json::array{"sr1"}),
            "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            "<member><name>Status</name><value><string>Success</string></value></member>"
            "<member><name>Value</name><value><array><data><value><string>sr1</string></value>"
            "</data></array></value></member></struct></value></param></params></methodResponse>");
  EXPECT_EQ(encode_xmlrpc_failure(json::array{"Unimplemented", "Plugin.ls"}),
            "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            "<member><name>Status</name><value><string>Failure</string></value></member>"
            "<member><name>ErrorDescription</name><value><array><data>"
            "<value><string>Unimplemented</string></value><value><string>Plugin.ls</string></value>"
            "</data></array></value></member></struct></value></param></params></methodResponse>");
  EXPECT_EQ(encode_xmlrpc_fault(-32700, "Parse error: <x>"),
            "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
            "<member><name>faultCode</name><value><int>-32700</int></value></member>"
            "<member><name>faultString</name><value><string>Parse error: &lt;x&gt;</string></value>"
            "</member></struct></value></fault></methodResponse>");
}

}  // namespace
}  // namespace smapi::contract

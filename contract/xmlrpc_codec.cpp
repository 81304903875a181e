#include "contract/xmlrpc_codec.h"

#include "contract/detail/json_path.h"
#include "contract/detail/xmlrpc_value.h"
#include "contract/json_text.h"

#include <memory>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0"?>)";
constexpr std::string_view kSuccess = "Success";
constexpr std::string_view kFailure = "Failure";
constexpr std::string_view kStatus = "Status";
constexpr std::string_view kValue = "Value";
constexpr std::string_view kErrorDescription = "ErrorDescription";

void add(std::vector<Finding>& findings, FindingKind kind, std::string path, std::string expected,
         std::string actual) {
  findings.push_back(Finding{kind, std::move(path), std::move(expected), std::move(actual)});
}

// The children of `parent` named `name`, counted; first is the first of them.
struct Children {
  pugi::xml_node first;
  std::size_t count = 0;
};

Children children_named(pugi::xml_node parent, std::string_view name) {
  Children found;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() != pugi::node_element || std::string_view(child.name()) != name) continue;
    if (found.count++ == 0) found.first = child;
  }
  return found;
}

std::string envelope(std::string_view inner) {
  std::string out(kXmlDeclaration);
  out += "<methodResponse>";
  out += inner;
  out += "</methodResponse>";
  return out;
}

std::string params_envelope(const json::value& value) {
  std::string inner = "<params><param>";
  detail::append_xmlrpc_value(inner, value, XmlRpcStrings::tagged);
  inner += "</param></params>";
  return envelope(inner);
}

// ErrorDescription ["Code", "param", ...] (or a bare string) as a PluginError;
// non-string params become findings. nullopt when it names no error.
std::optional<PluginError> read_error_description(const json::value& value, const DecodeBudget& budget,
                                                  std::vector<Finding>& findings) {
  const std::string path = "$.ErrorDescription";
  std::optional<PluginError> error;
  if (const json::string* s = value.if_string()) {
    error = PluginError{std::string(*s), {}, {}};
  } else if (const json::array* arr = value.if_array();
             arr != nullptr && !arr->empty() && (*arr)[0].is_string()) {
    charge_params(budget, *arr, 1);
    error = PluginError{std::string((*arr)[0].get_string()), {}, {}};
    for (std::size_t i = 1; i < arr->size(); ++i) {
      if (const json::string* param = (*arr)[i].if_string()) {
        error->params.emplace_back(*param);
      } else {
        add(findings, FindingKind::wrong_type, detail::index_path(path, i), "string",
            json_excerpt((*arr)[i]));
      }
    }
  }
  if (error) move_keeping_storage(error->raw, json::value(value));  // copied in value's storage
  return error;
}

// A <fault>'s {faultCode, faultString}, read as the error it is, flagged.
Reply decode_fault(const json::value& fault) {
  std::vector<Finding> findings;
  add(findings, FindingKind::malformed, "$.fault",
      "a {Status, Value|ErrorDescription} struct in <params>", "a <fault> " + json_excerpt(fault));
  const json::object* members = fault.if_object();
  if (members == nullptr) {
    return malformed_reply("the <fault> value is not a struct, got " + json_excerpt(fault),
                           std::move(findings));
  }
  const json::value* code = members->if_contains("faultCode");
  if (code == nullptr) {
    add(findings, FindingKind::missing_key, "$.fault.faultCode", "integer", "absent");
  } else if (!code->is_int64() && !code->is_uint64()) {
    add(findings, FindingKind::wrong_type, "$.fault.faultCode", "integer", json_excerpt(*code));
  }
  const json::value* text = members->if_contains("faultString");
  if (text == nullptr || !text->is_string()) {
    add(findings, text == nullptr ? FindingKind::missing_key : FindingKind::wrong_type,
        "$.fault.faultString", "string", text == nullptr ? "absent" : json_excerpt(*text));
    return malformed_reply("the <fault> has no faultString", std::move(findings));
  }
  Reply reply;
  reply.kind = Reply::Kind::error;
  reply.error.code = std::string(text->get_string());
  move_keeping_storage(reply.error.raw, json::value(fault));
  reply.envelope_findings = std::move(findings);
  return reply;
}

// The {Status, Value | ErrorDescription} struct, the twin of a JSON-RPC envelope.
Reply decode_status_struct(const json::value& value, std::vector<Finding> findings, const DecodeBudget& budget) {
  const json::object* members = value.if_object();
  if (members == nullptr) {
    return malformed_reply("the response value is not a {Status, ...} struct, got " +
                               std::string(json_type_name(value)) + " " + json_excerpt(value),
                           std::move(findings));
  }
  const json::value* status = members->if_contains(kStatus);
  const json::value* result = members->if_contains(kValue);
  const json::value* error = members->if_contains(kErrorDescription);
  const std::string expected_status = "\"Success\" or \"Failure\"";
  std::optional<bool> success;  // what Status says, when it says something known
  if (status == nullptr) {
    add(findings, FindingKind::missing_key, "$.Status", expected_status, "absent");
  } else if (!status->is_string()) {
    add(findings, FindingKind::wrong_type, "$.Status", expected_status, json_excerpt(*status));
  } else if (status->get_string() == kSuccess) {
    success = true;
  } else if (status->get_string() == kFailure) {
    success = false;
  } else {
    add(findings, FindingKind::bad_value, "$.Status", expected_status, json_excerpt(*status));
  }
  if (result != nullptr && error != nullptr)
    return malformed_reply("both \"Value\" and \"ErrorDescription\" are present", std::move(findings));
  if (success == true && result == nullptr)
    return malformed_reply("\"Status\" is \"Success\" but there is no \"Value\"", std::move(findings));
  if (success == false && error == nullptr)
    return malformed_reply("\"Status\" is \"Failure\" but there is no \"ErrorDescription\"",
                           std::move(findings));
  if (result == nullptr && error == nullptr)
    return malformed_reply("neither \"Value\" nor \"ErrorDescription\" is present", std::move(findings));

  if (result != nullptr) {
    if (success == false) {
      // Unreachable: Failure without ErrorDescription was refused above.
      return malformed_reply("\"Status\" is \"Failure\" but there is a \"Value\"", std::move(findings));
    }
    return result_reply(*result, std::move(findings));
  }
  std::optional<PluginError> plugin_error = read_error_description(*error, budget, findings);
  if (!plugin_error) {
    return malformed_reply("the ErrorDescription is not [\"Code\", params...] or a string, got " +
                               json_excerpt(*error),
                           std::move(findings));
  }
  return error_reply(std::move(*plugin_error), std::move(findings));
}

}  // namespace

std::string encode_xmlrpc_value(const json::value& value, XmlRpcStrings strings) {
  std::string out;
  detail::append_xmlrpc_value(out, value, strings);
  return out;
}

std::string encode_xmlrpc_request(Method method, const json::object& args) {
  return encode_xmlrpc_call(wire_name(method), args);
}

std::string encode_xmlrpc_call(std::string_view method_name, const json::object& args) {
  std::string out(kXmlDeclaration);
  out += "<methodCall><methodName>";
  detail::append_xml_escaped(out, method_name);
  out += "</methodName><params><param>";
  detail::append_xmlrpc_value(out, args, XmlRpcStrings::bare);
  out += "</param></params></methodCall>";
  return out;
}

std::string encode_xmlrpc_request_text(Method method, std::string_view args_text) {
  JsonParse parsed = parse_one_json_value(args_text);
  std::string out(kXmlDeclaration);
  out += "<methodCall><methodName>";
  out += wire_name(method);
  out += "</methodName><params><param>";
  detail::append_xmlrpc_value(out, parsed.value ? *parsed.value : json::value(json::string(args_text)),
                              XmlRpcStrings::bare);
  out += "</param></params></methodCall>";
  return out;
}

std::string xml_document_problem(std::string_view body, const XmlRpcLimits& limits) {
  auto document = std::make_unique<detail::XmlDocument>();
  detail::parse_xml_document(body, limits, *document);
  return document->error;
}

namespace {

// parse_xmlrpc_response, its tree and value counted in `budget`.
XmlRpcResponseParse parse_response(std::string_view body, const XmlRpcLimits& limits, const DecodeBudget& budget) {
  XmlRpcResponseParse out;
  auto document = std::make_unique<detail::XmlDocument>();  // pugixml documents are large
  detail::parse_xml_document(body, limits, *document, &budget);
  if (!document->error.empty()) {
    out.over_memory_limit = document->over_memory_limit;
    out.error = out.over_memory_limit ? document->error : "unreadable XML: " + document->error;
    return out;
  }
  const pugi::xml_node root = document->root;
  if (std::string_view(root.name()) != "methodResponse") {
    out.error = "the response is not an XML-RPC methodResponse (the root element is <" +
                std::string(root.name()) + ">)";
    return out;
  }
  const Children params = children_named(root, "params");
  const Children faults = children_named(root, "fault");
  if (params.count + faults.count > 1) {
    out.error = "the methodResponse holds more than one <params> or <fault>";
    return out;
  }
  if (params.count == 0 && faults.count == 0) {
    out.error = "the methodResponse holds neither <params> nor <fault>";
    return out;
  }
  pugi::xml_node value_element;
  if (faults.count == 1) {
    value_element = faults.first.child("value");
    if (!value_element) {
      out.error = "the <fault> has no <value>";
      return out;
    }
  } else {
    const Children param = children_named(params.first, "param");
    out.param_count = param.count;
    if (param.count == 0) {
      out.error = "the <params> holds no <param>";
      return out;
    }
    value_element = param.first.child("value");
    if (!value_element) {
      out.error = "the <param> has no <value>";
      return out;
    }
  }
  detail::XmlValueRead read;
  try {
    read = detail::read_xmlrpc_value(value_element, faults.count == 1 ? "$.fault" : "$", limits, budget.storage());
  } catch (const DecodedMemoryExceeded&) {
    out.error = decoded_memory_problem(budget.counter().limit());
    out.over_memory_limit = true;
    return out;
  }
  if (!read.value) {
    out.error = "unreadable value: " + read.error;
  } else if (faults.count == 1) {
    out.fault = std::move(read.value);
  } else {
    out.value = std::move(read.value);
  }
  return out;
}

Reply decode_response(std::string_view body, const XmlRpcLimits& limits, const DecodeBudget& budget) {
  XmlRpcResponseParse parsed = parse_response(body, limits, budget);
  if (parsed.over_memory_limit) return over_memory_limit_reply(budget.counter().limit(), parsed.error);
  if (parsed.fault) return decode_fault(*parsed.fault);
  if (!parsed.value) return malformed_reply("bad XML-RPC in the response body: " + parsed.error);
  std::vector<Finding> findings;
  if (parsed.param_count > 1) {
    add(findings, FindingKind::malformed, "$", "one <param>",
        std::to_string(parsed.param_count) + " <param>s (the first was read)");
  }
  return decode_status_struct(*parsed.value, std::move(findings), budget);
}

}  // namespace

XmlRpcResponseParse parse_xmlrpc_response(std::string_view body, const XmlRpcLimits& limits) {
  const DecodeBudget budget(limits.max_decoded_bytes);
  return parse_response(body, limits, budget);
}

Reply decode_xmlrpc_response(std::string_view body, const XmlRpcLimits& limits) {
  const DecodeBudget budget(limits.max_decoded_bytes);
  try {
    return decode_response(body, limits, budget);
  } catch (const DecodedMemoryExceeded&) {  // copying the error's params or raw value
    return over_memory_limit_reply(budget.counter().limit());
  }
}

bool xmlrpc_error_description_unreadable(std::string_view body, const XmlRpcLimits& limits) {
  const DecodeBudget budget(limits.max_decoded_bytes);
  const XmlRpcResponseParse parsed = parse_response(body, limits, budget);
  const json::object* members = parsed.value ? parsed.value->if_object() : nullptr;
  if (members == nullptr) return false;
  const json::value* error = members->if_contains(kErrorDescription);
  if (error == nullptr || members->contains(kValue)) return false;
  std::vector<Finding> ignored;
  try {
    return !read_error_description(*error, budget, ignored);
  } catch (const DecodedMemoryExceeded&) {
    return false;  // readable; only too large, which TRANSPORT-OUTPUT-SIZE judges
  }
}

std::variant<XmlRpcRequest, XmlRpcProblem> decode_xmlrpc_request(std::string_view body,
                                                                 const XmlRpcLimits& limits) {
  auto document = std::make_unique<detail::XmlDocument>();
  detail::parse_xml_document(body, limits, *document);
  if (!document->error.empty())
    return XmlRpcProblem{kXmlRpcNotWellFormed, "Parse error: " + document->error};
  const pugi::xml_node root = document->root;
  if (std::string_view(root.name()) != "methodCall") {
    return XmlRpcProblem{kXmlRpcInvalidRequest, "Invalid Request: the root element is <" +
                                                    std::string(root.name()) +
                                                    ">, not <methodCall>"};
  }
  const Children names = children_named(root, "methodName");
  if (names.count != 1) {
    return XmlRpcProblem{kXmlRpcInvalidRequest,
                         names.count == 0 ? std::string("Invalid Request: no <methodName>")
                                          : std::string("Invalid Request: more than one <methodName>")};
  }
  std::optional<std::string> name = detail::element_text(names.first);
  if (!name || name->empty())
    return XmlRpcProblem{kXmlRpcInvalidRequest, "Invalid Request: <methodName> holds no name"};

  XmlRpcRequest request;
  request.method = std::move(*name);
  const Children params = children_named(root, "params");
  if (params.count > 1)
    return XmlRpcProblem{kXmlRpcInvalidRequest, "Invalid Request: more than one <params>"};
  json::array values;
  if (params.count == 1) {
    for (pugi::xml_node param : params.first.children("param")) {
      const pugi::xml_node value = param.child("value");
      const std::string path = "params[" + std::to_string(values.size()) + "]";
      if (!value) return XmlRpcProblem{kXmlRpcInvalidParams, "Invalid params: " + path + " has no <value>"};
      detail::XmlValueRead read = detail::read_xmlrpc_value(value, path, limits);
      if (!read.value) return XmlRpcProblem{kXmlRpcInvalidParams, "Invalid params: " + read.error};
      values.push_back(std::move(*read.value));
    }
  }
  // The one param as it is; none is null; several stay an array, for the
  // dispatcher to refuse as a marshal error (as JSON-RPC params do).
  if (values.size() == 1) {
    request.args = std::move(values[0]);
  } else if (!values.empty()) {
    request.args = std::move(values);
  }
  return request;
}

std::string encode_xmlrpc_success(const json::value& value) {
  json::object status;
  status[kStatus] = kSuccess;
  status[kValue] = value;
  return params_envelope(status);
}

std::string encode_xmlrpc_failure(const json::array& error_description) {
  json::object status;
  status[kStatus] = kFailure;
  status[kErrorDescription] = error_description;
  return params_envelope(status);
}

std::string encode_xmlrpc_fault(int code, std::string_view message) {
  json::object fault;
  fault["faultCode"] = code;
  fault["faultString"] = message;
  std::string inner = "<fault>";
  detail::append_xmlrpc_value(inner, fault, XmlRpcStrings::tagged);
  inner += "</fault>";
  return envelope(inner);
}

}  // namespace smapi::contract

#include "contract/detail/xmlrpc_value.h"

#include "contract/detail/counted_xml_allocation.h"
#include "contract/detail/json_path.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace smapi::contract::detail {
namespace {

namespace json = boost::json;

// Deepest JSON value the writers descend into. Values the toolkit parses are
// already bounded by JsonLimits::max_depth (64); anything deeper is written
// as <nil/> rather than recursing without bound.
constexpr std::size_t kMaxEncodeDepth = 256;

// What replaces a character XML 1.0 cannot carry (a C0 control other than
// tab, LF and CR): U+FFFD REPLACEMENT CHARACTER.
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Most characters of a bad scalar quoted back in a message.
constexpr std::size_t kMaxQuotedChars = 40;

// pugixml options: the usual (CDATA, escapes, EOL normalisation), plus
// whitespace-only text kept when it is an element's only child (so
// <string> </string> is " "), DOCTYPE nodes kept so they can be refused, and
// fragment mode so text outside the root element is kept (and refused)
// rather than silently dropped.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single |
                                   pugi::parse_doctype | pugi::parse_fragment;

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, kMaxQuotedChars)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  if (text.size() > kMaxQuotedChars) out += "...";
  return out + "\"";
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

XmlValueRead fail(const std::string& path, std::string why) {
  return XmlValueRead{std::nullopt, path + ": " + std::move(why)};
}

XmlValueRead ok(json::value value) { return XmlValueRead{std::move(value), {}}; }

XmlValueRead read_integer(std::string_view type, std::string_view raw, const std::string& path) {
  std::string_view text = trim(raw);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size())
    return fail(path, "<" + std::string(type) + "> holds " + quoted(raw) + ", not an integer");
  if (ec == std::errc::result_out_of_range)
    return fail(path, "<" + std::string(type) + "> " + quoted(raw) + " does not fit 64 bits");
  return ok(number);
}

XmlValueRead read_double(std::string_view raw, const std::string& path) {
  const std::string_view text = trim(raw);
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(number))
    return fail(path, "<double> holds " + quoted(raw) + ", not a finite number");
  return ok(number);
}

XmlValueRead read_boolean(std::string_view raw, const std::string& path) {
  const std::string_view text = trim(raw);
  if (text == "1") return ok(true);
  if (text == "0") return ok(false);
  return fail(path, "<boolean> holds " + quoted(raw) + ", not 0 or 1");
}

// The reader builds every value in `sp`, the decode's counting storage.
XmlValueRead read_value(pugi::xml_node value_element, const std::string& path,
                        const XmlRpcLimits& limits, std::size_t depth, const json::storage_ptr& sp);

XmlValueRead read_struct(pugi::xml_node element, const std::string& path,
                         const XmlRpcLimits& limits, std::size_t depth, const json::storage_ptr& sp) {
  json::object object(sp);
  for (pugi::xml_node member : element.children()) {
    if (member.type() == pugi::node_pcdata || member.type() == pugi::node_cdata) {
      if (!trim(member.value()).empty()) return fail(path, "<struct> holds text outside its members");
      continue;
    }
    if (member.type() != pugi::node_element) continue;
    if (std::string_view(member.name()) != "member")
      return fail(path, "<struct> holds <" + std::string(member.name()) + ">, not <member>");
    const pugi::xml_node name = member.child("name");
    const pugi::xml_node value = member.child("value");
    if (!name) return fail(path, "a <member> has no <name>");
    std::optional<std::string> key = element_text(name);
    if (!key) return fail(path, "a member <name> holds an element, not text");
    const std::string where = detail::member_path(path, *key);
    if (!value) return fail(where, "the <member> has no <value>");
    XmlValueRead read = read_value(value, where, limits, depth + 1, sp);
    if (!read.value) return read;
    object[*key] = std::move(*read.value);  // a repeated name keeps the last, as in JSON
  }
  return ok(std::move(object));
}

XmlValueRead read_array(pugi::xml_node element, const std::string& path,
                        const XmlRpcLimits& limits, std::size_t depth, const json::storage_ptr& sp) {
  const pugi::xml_node data = element.child("data");
  if (!data) return fail(path, "<array> has no <data>");
  json::array array(sp);
  for (pugi::xml_node item : data.children()) {
    if (item.type() == pugi::node_pcdata || item.type() == pugi::node_cdata) {
      if (!trim(item.value()).empty()) return fail(path, "<data> holds text outside its values");
      continue;
    }
    if (item.type() != pugi::node_element) continue;
    if (std::string_view(item.name()) != "value")
      return fail(path, "<data> holds <" + std::string(item.name()) + ">, not <value>");
    XmlValueRead read = read_value(item, detail::index_path(path, array.size()), limits, depth + 1, sp);
    if (!read.value) return read;
    array.push_back(std::move(*read.value));
  }
  return ok(std::move(array));
}

XmlValueRead read_value(pugi::xml_node value_element, const std::string& path,
                        const XmlRpcLimits& limits, std::size_t depth, const json::storage_ptr& sp) {
  if (depth > limits.max_depth)
    return fail(path, "values nested deeper than " + std::to_string(limits.max_depth) + " levels");
  pugi::xml_node typed;
  std::string text;
  for (pugi::xml_node child : value_element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    } else if (child.type() == pugi::node_element) {
      if (typed) return fail(path, "<value> holds more than one element");
      typed = child;
    }
  }
  // No type element: bare text, XML-RPC's default type, a string.
  if (!typed) return ok(json::string(text, sp));
  if (!trim(text).empty())
    return fail(path, "<value> holds text beside <" + std::string(typed.name()) + ">");

  const std::string_view type = typed.name();
  if (type == "struct") return read_struct(typed, path, limits, depth, sp);
  if (type == "array") return read_array(typed, path, limits, depth, sp);
  if (type == "nil") {
    if (typed.first_child()) return fail(path, "<nil/> is not empty");
    return ok(nullptr);
  }
  if (type == "base64" || type == "dateTime.iso8601")
    return fail(path, "<" + std::string(type) +
                          "> is not a type the Plugin contract uses (only strings, numbers, "
                          "booleans, structs, arrays)");
  const std::optional<std::string> scalar = element_text(typed);
  if (type != "string" && type != "int" && type != "i4" && type != "i8" && type != "boolean" &&
      type != "double")
    return fail(path, "<" + std::string(type) + "> is not an XML-RPC type");
  if (!scalar) return fail(path, "<" + std::string(type) + "> holds an element, not text");
  if (type == "string") return ok(json::string(*scalar, sp));
  if (type == "boolean") return read_boolean(*scalar, path);
  if (type == "double") return read_double(*scalar, path);
  return read_integer(type, *scalar, path);
}

void append_value(std::string& out, const json::value& value, XmlRpcStrings strings,
                  std::size_t depth) {
  out += "<value>";
  if (depth > kMaxEncodeDepth) {
    out += "<nil/></value>";
    return;
  }
  switch (value.kind()) {
    case json::kind::string:
      if (strings == XmlRpcStrings::tagged) out += "<string>";
      append_xml_escaped(out, value.get_string());
      if (strings == XmlRpcStrings::tagged) out += "</string>";
      break;
    case json::kind::int64: {
      const std::int64_t n = value.get_int64();
      const bool i4 = n >= std::numeric_limits<std::int32_t>::min() &&
                      n <= std::numeric_limits<std::int32_t>::max();
      out += i4 ? "<int>" : "<i8>";
      out += std::to_string(n);
      out += i4 ? "</int>" : "</i8>";
      break;
    }
    case json::kind::uint64: {
      const std::uint64_t n = value.get_uint64();
      const bool i4 = n <= static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max());
      out += i4 ? "<int>" : "<i8>";
      out += std::to_string(n);
      out += i4 ? "</int>" : "</i8>";
      break;
    }
    case json::kind::double_: {
      const double d = value.get_double();
      if (!std::isfinite(d)) {
        out += "<nil/>";
        break;
      }
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
      out += "<double>";
      out.append(buffer, result.ptr);
      out += "</double>";
      break;
    }
    case json::kind::bool_: out += value.get_bool() ? "<boolean>1</boolean>" : "<boolean>0</boolean>"; break;
    case json::kind::null: out += "<nil/>"; break;
    case json::kind::object:
      out += "<struct>";
      for (const auto& member : value.get_object()) {
        out += "<member><name>";
        append_xml_escaped(out, member.key());
        out += "</name>";
        append_value(out, member.value(), strings, depth + 1);
        out += "</member>";
      }
      out += "</struct>";
      break;
    case json::kind::array:
      out += "<array><data>";
      for (const auto& item : value.get_array()) append_value(out, item, strings, depth + 1);
      out += "</data></array>";
      break;
  }
  out += "</value>";
}

}  // namespace

void parse_xml_document(std::string_view text, const XmlRpcLimits& limits, XmlDocument& out,
                        const DecodeBudget* budget) {
  install_counted_xml_allocation();
  out.root = pugi::xml_node();
  out.error.clear();
  out.over_memory_limit = false;
  if (text.size() > limits.max_bytes) {
    out.error = "the document is " + std::to_string(text.size()) + " bytes, over the limit of " +
                std::to_string(limits.max_bytes);
    return;
  }
  if (text.empty()) {
    out.error = "empty body";
    return;
  }
  if (budget) out.counted_in = budget->storage();  // the DOM's blocks point at its counter
  const pugi::xml_parse_result parsed = [&] {
    const CountedXmlScope scope(budget ? &budget->counter() : nullptr);
    return out.document.load_buffer(text.data(), text.size(), kParseOptions, pugi::encoding_auto);
  }();
  if (parsed.status == pugi::status_out_of_memory && budget) {
    out.error = "at byte " + std::to_string(parsed.offset) + " of its XML tree: " +
                decoded_memory_problem(budget->counter().limit());
    out.over_memory_limit = true;
    return;
  }
  if (!parsed) {
    out.error = "bad XML at byte " + std::to_string(parsed.offset) + ": " + parsed.description();
    return;
  }
  pugi::xml_node root;
  std::string stray;  // the first text outside the root element
  for (pugi::xml_node node : out.document.children()) {
    switch (node.type()) {
      case pugi::node_doctype:
        out.error = "a DOCTYPE is not allowed in XML-RPC (it could declare entities)";
        return;
      case pugi::node_element:
        if (root) {
          out.error = "more than one root element (<" + std::string(root.name()) + "> then <" +
                      node.name() + ">)";
          return;
        }
        root = node;
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (stray.empty() && !trim(node.value()).empty()) stray = node.value();
        break;
      default: break;  // declaration, comments, processing instructions
    }
  }
  if (!root) {
    out.error = stray.empty() ? std::string("no root element")
                              : "no root element; the text is " + quoted(trim(stray));
    return;
  }
  if (!stray.empty()) {
    out.error = "text outside the root element: " + quoted(trim(stray));
    return;
  }
  out.root = root;
}

XmlValueRead read_xmlrpc_value(pugi::xml_node value_element, const std::string& path,
                               const XmlRpcLimits& limits, const boost::json::storage_ptr& storage) {
  return read_value(value_element, path, limits, 1, storage);
}

std::optional<std::string> element_text(pugi::xml_node element) {
  std::string text;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_element) return std::nullopt;
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

void append_xml_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#13;"; break;  // a raw CR would be normalised away by the reader
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n') {
          out += kReplacementCharacter;
        } else {
          out.push_back(c);
        }
      }
    }
  }
}

void append_xmlrpc_value(std::string& out, const json::value& value, XmlRpcStrings strings) {
  append_value(out, value, strings, 1);
}

}  // namespace smapi::contract::detail

#pragma once
// XML-RPC <value>s to JSON values and back, and reading an XML-RPC document
// safely. Private to the XML-RPC codec (contract/xmlrpc_codec.h documents
// the mapping).

#include "contract/decoded_memory.h"
#include "contract/xmlrpc_codec.h"

#include <boost/json/value.hpp>

#include <pugixml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::contract::detail {

// A parsed document and its root element, or why there is none.
struct XmlDocument {
  // The counter the DOM was counted in, kept alive until the DOM is freed
  // (declared first: destroyed last).
  boost::json::storage_ptr counted_in;
  pugi::xml_document document;
  pugi::xml_node root;  // empty when error is set
  std::string error;    // "bad XML at byte 12: ...", "a DOCTYPE is not allowed ..."
  bool over_memory_limit = false;  // error: the DOM would pass the budget's limit
};

// Parses text that must be one well-formed XML document: within the size
// limit, no DOCTYPE, one root element and nothing but whitespace,
// comments and processing instructions around it. With a budget, the DOM
// is counted in it and refused past its limit.
void parse_xml_document(std::string_view text, const XmlRpcLimits& limits, XmlDocument& out,
                        const DecodeBudget* budget = nullptr);

// The result of reading one <value>: value set, or error saying what was
// wrong and where ("$.Value.features[2]: <base64> is not ...").
struct XmlValueRead {
  std::optional<boost::json::value> value;
  std::string error;
};

// Reads a <value> element; `path` names it in messages. Depth is bounded by
// limits.max_depth. The value is built in `storage`.
XmlValueRead read_xmlrpc_value(pugi::xml_node value_element, const std::string& path,
                               const XmlRpcLimits& limits, const boost::json::storage_ptr& storage = {});

// The element's text: its PCDATA and CDATA children joined; nullopt when it
// holds an element.
std::optional<std::string> element_text(pugi::xml_node element);

// Appends `text` escaped for XML character data.
void append_xml_escaped(std::string& out, std::string_view text);

// Appends one <value> element for `value`.
void append_xmlrpc_value(std::string& out, const boost::json::value& value, XmlRpcStrings strings);

}  // namespace smapi::contract::detail

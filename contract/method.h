#pragma once
// The three methods of the xapi-storage Plugin interface and their names.

#include <array>
#include <optional>
#include <string_view>

namespace smapi::contract {

enum class Method { query, ls, diagnostics };

inline constexpr std::array<Method, 3> kAllMethods{Method::query, Method::ls,
                                                   Method::diagnostics};

// The name on the JSON-RPC and XML-RPC wire: "Plugin.query", "Plugin.ls",
// "Plugin.diagnostics" (lower case after the dot, as rpclib sends it).
std::string_view wire_name(Method method);

// The executable's name in a plugin directory: "Plugin.Query", "Plugin.ls",
// "Plugin.diagnostics" (the docs' spelling; callers match it case-insensitively).
std::string_view script_name(Method method);

// The method a wire or script name denotes, matched case-insensitively
// ("plugin.QUERY" -> query); nullopt for anything else.
std::optional<Method> method_from_name(std::string_view name);

}  // namespace smapi::contract

#include "contract/method.h"

#include "contract/detail/json_path.h"
#include "contract/names.h"

namespace smapi::contract {

std::string_view wire_name(Method method) {
  switch (method) {
    case Method::query: return "Plugin.query";
    case Method::ls: return "Plugin.ls";
    case Method::diagnostics: return "Plugin.diagnostics";
  }
  return "Plugin.unknown";
}

std::string_view script_name(Method method) {
  switch (method) {
    case Method::query: return "Plugin.Query";
    case Method::ls: return "Plugin.ls";
    case Method::diagnostics: return "Plugin.diagnostics";
  }
  return "Plugin.unknown";
}

std::optional<Method> method_from_name(std::string_view name) {
  // Wire and script names differ only in case, so one comparison covers both.
  for (Method m : kAllMethods) {
    if (equals_ignoring_case(name, wire_name(m))) return m;
  }
  return std::nullopt;
}

}  // namespace smapi::contract

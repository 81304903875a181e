// The storage handlers' shared pieces: refusals, typed arguments, lookups
// and the wire records.
#include "mock_plugin/storage/detail/model.h"

#include "contract/ocaml_int.h"

#include <limits>

namespace smapi::mock::storage::detail {

namespace json = boost::json;

void refuse(std::string_view code, std::string param) {
  throw Refusal{StorageError{std::string(code), {std::move(param)}}};
}

void backend_failure(std::string_view method, std::string message) {
  throw Refusal{StorageError{std::string(kBackendFailure), {std::string(method), std::move(message)}}};
}

// The text rpclib's Python bindings give for an argument they cannot read
// (xapi/__init__.py UnmarshalException), so a client sees the same failure.
void Args::unmarshal_error(std::string_view name, std::string_view type, std::string_view why) const {
  std::string text = "UnmarshalException thing=";
  text.append(name).append(" ty=").append(type).append(" desc=").append(why);
  throw Refusal{StorageError{std::string(kBackendFailure), {"UnmarshalException", std::move(text)}}};
}

const json::value& Args::value(std::string_view name) const {
  const json::value* v = args_.if_contains(name);
  if (v == nullptr) unmarshal_error(name, "argument", "missing");
  return *v;
}

std::string Args::string(std::string_view name) const {
  const json::value& v = value(name);
  if (!v.is_string()) unmarshal_error(name, "string", "not a string");
  const json::string& s = v.get_string();
  if (s.size() > limits_.max_string_bytes)
    unmarshal_error(name, "string",
                    "longer than " + std::to_string(limits_.max_string_bytes) + " bytes (Limits::max_string_bytes)");
  return std::string(s);
}

void Args::dbg() const {
  if (!value("dbg").is_string()) unmarshal_error("dbg", "string", "not a string");
}

std::int64_t Args::int64(std::string_view name) const {
  const json::value& v = value(name);
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return static_cast<std::int64_t>(v.get_uint64());
  // rpclib's int64_of_rpc also reads a string with Int64.of_string, which is
  // how an int64 may arrive over XML-RPC.
  if (v.is_string())
    if (auto parsed = contract::ocaml_int_of_string(v.get_string(), 64)) return *parsed;
  unmarshal_error(name, "int64", "not an integer in the int64 range");
}

bool Args::boolean(std::string_view name) const {
  const json::value& v = value(name);
  if (!v.is_bool()) unmarshal_error(name, "bool", "not a boolean");
  return v.get_bool();
}

std::map<std::string, std::string> Args::string_map(std::string_view name) const {
  const json::value& v = value(name);
  if (!v.is_object()) unmarshal_error(name, "(string * string) list", "not an object");
  const json::object& o = v.get_object();
  if (o.size() > limits_.max_configuration_entries)
    unmarshal_error(name, "(string * string) list",
                    "more than " + std::to_string(limits_.max_configuration_entries) +
                        " entries (Limits::max_configuration_entries)");
  std::map<std::string, std::string> out;
  for (const auto& [k, item] : o) {
    if (!item.is_string()) unmarshal_error(std::string(name) + "." + std::string(k), "string", "not a string");
    if (k.size() > limits_.max_string_bytes || item.get_string().size() > limits_.max_string_bytes)
      unmarshal_error(std::string(name) + "." + std::string(k), "string",
                      "longer than " + std::to_string(limits_.max_string_bytes) +
                          " bytes (Limits::max_string_bytes)");
    out[std::string(k)] = std::string(item.get_string());
  }
  return out;
}

Sr& existing_sr(Model& model, const std::string& sr) {
  auto it = model.srs.find(sr);
  if (it == model.srs.end()) refuse("SR_does_not_exist", sr);
  return it->second;
}

Sr& attached_sr(Model& model, const std::string& sr) {
  Sr& found = existing_sr(model, sr);
  if (!found.attached) refuse("Sr_not_attached", sr);
  return found;
}

Volume& existing_volume(Sr& sr, const std::string& key) {
  auto it = sr.volumes.find(key);
  if (it == sr.volumes.end()) refuse("Volume_does_not_exist", key);
  return it->second;
}

std::pair<Sr*, Volume*> volume_by_uri(Model& model, const std::string& uri) {
  for (auto& [name, sr] : model.srs)
    for (auto& [key, volume] : sr.volumes)
      if (volume.uri == uri) {
        if (!sr.attached) refuse("Sr_not_attached", name);
        return {&sr, &volume};
      }
  refuse("Volume_does_not_exist", uri);
}

std::int64_t used_space(const Sr& sr) {
  std::int64_t used = 0;
  for (const auto& [key, volume] : sr.volumes) used += volume.physical_utilisation;
  return used;
}

std::size_t volume_count(const Model& model) {
  std::size_t n = 0;
  for (const auto& [name, sr] : model.srs) n += sr.volumes.size();
  return n;
}

json::object string_map_json(const std::map<std::string, std::string>& map) {
  json::object o;
  for (const auto& [k, v] : map) o[k] = v;
  return o;
}

// control.ml `volume`. rpclib leaves a None option field out and writes a
// Some one as its value; volume_type is a constructor without arguments,
// so its name alone.
json::value volume_record(const Volume& volume) {
  json::object o;
  o["key"] = volume.key;
  if (!volume.uuid.empty()) o["uuid"] = volume.uuid;
  o["name"] = volume.name;
  o["description"] = volume.description;
  o["read_write"] = volume.read_write;
  o["sharable"] = volume.sharable;
  o["virtual_size"] = volume.virtual_size;
  o["physical_utilisation"] = volume.physical_utilisation;
  o["uri"] = json::array{json::value(volume.uri)};
  o["keys"] = string_map_json(volume.keys);
  o["volume_type"] = volume.volume_type;
  o["cbt_enabled"] = volume.cbt_enabled;
  return o;
}

// control.ml `sr_stat`; health is a constructor with a string argument.
json::value sr_stat_record(const Sr& sr) {
  json::object o;
  o["sr"] = sr.sr;
  o["name"] = sr.name;
  if (!sr.uuid.empty()) o["uuid"] = sr.uuid;
  o["description"] = sr.description;
  std::int64_t free_space = sr.total_space - used_space(sr);
  o["free_space"] = free_space < 0 ? 0 : free_space;
  o["total_space"] = sr.total_space;
  o["datasources"] = json::array{};
  o["clustered"] = false;
  o["health"] = json::array{json::value(sr.health), json::value("")};
  return o;
}

}  // namespace smapi::mock::storage::detail

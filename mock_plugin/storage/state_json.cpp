// The storage state as JSON (GET/PUT /_mock/state, exec mode's state file)
// and back. Loading checks everything, naming the JSON path of the first
// thing wrong, and builds a fresh model, so a refused state changes nothing.
#include "mock_plugin/storage/detail/model.h"

#include <limits>
#include <set>
#include <stdexcept>

namespace smapi::mock::storage::detail {

namespace json = boost::json;

namespace {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::read_write: return "read_write";
    case Activation::read_only: return "read_only";
    case Activation::none: break;
  }
  return "none";
}

json::object volume_state(const Volume& v) {
  json::object o = volume_record(v).as_object();
  o.erase("uri");
  o["uri"] = v.uri;
  if (v.uuid.empty()) o["uuid"] = "";
  o["snapshot_of"] = v.snapshot_of;
  o["clone_of"] = v.clone_of;
  return o;
}

[[noreturn]] void bad(const std::string& path, std::string_view why) {
  throw std::invalid_argument("storage state: " + path + ": " + std::string(why));
}

// One JSON object of the state, read field by field; unknown fields are
// refused so a misspelt one is not silently ignored.
class Fields {
 public:
  Fields(const json::value& v, std::string path, const Limits& limits) : path_(std::move(path)), limits_(limits) {
    if (!v.is_object()) bad(path_, "expected an object");
    object_ = &v.get_object();
  }
  ~Fields() = default;
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;

  const json::value* find(std::string_view key) {
    seen_.insert(std::string(key));
    return object_->if_contains(key);
  }
  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }

  std::string string(std::string_view key, std::string fallback, bool required = false) {
    const json::value* v = find(key);
    if (v == nullptr) {
      if (required) bad(at(key), "missing");
      return fallback;
    }
    if (!v->is_string()) bad(at(key), "expected a string");
    if (v->get_string().size() > limits_.max_string_bytes)
      bad(at(key), "longer than " + std::to_string(limits_.max_string_bytes) + " bytes (Limits::max_string_bytes)");
    return std::string(v->get_string());
  }
  bool boolean(std::string_view key, bool fallback) {
    const json::value* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) bad(at(key), "expected true or false");
    return v->get_bool();
  }
  std::int64_t count(std::string_view key, std::int64_t fallback) {
    const json::value* v = find(key);
    if (v == nullptr) return fallback;
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return static_cast<std::int64_t>(v->get_uint64());
    if (!v->is_int64() || v->get_int64() < 0) bad(at(key), "expected an integer >= 0");
    return v->get_int64();
  }
  std::map<std::string, std::string> strings(std::string_view key, std::size_t max, const char* limit) {
    std::map<std::string, std::string> out;
    const json::value* v = find(key);
    if (v == nullptr) return out;
    if (!v->is_object()) bad(at(key), "expected an object of strings");
    if (v->get_object().size() > max) bad(at(key), "more than " + std::to_string(max) + " entries (" + limit + ")");
    for (const auto& [k, item] : v->get_object()) {
      std::string where = at(key) + "." + std::string(k);
      if (!item.is_string()) bad(where, "expected a string");
      if (k.size() > limits_.max_string_bytes || item.get_string().size() > limits_.max_string_bytes)
        bad(where, "longer than " + std::to_string(limits_.max_string_bytes) + " bytes (Limits::max_string_bytes)");
      out[std::string(k)] = std::string(item.get_string());
    }
    return out;
  }
  const json::array& array(std::string_view key) {
    static const json::array empty;
    const json::value* v = find(key);
    if (v == nullptr) return empty;
    if (!v->is_array()) bad(at(key), "expected an array");
    return v->get_array();
  }
  // Refuses any field not read.
  void done() const {
    for (const auto& [k, v] : *object_)
      if (seen_.count(std::string(k)) == 0) bad(at(k), "unknown field");
  }

 private:
  const json::object* object_ = nullptr;
  std::string path_;
  const Limits& limits_;
  std::set<std::string> seen_;
};

std::string one_of(Fields& f, std::string_view key, std::string fallback, std::initializer_list<std::string_view> allowed) {
  std::string value = f.string(key, std::move(fallback));
  for (std::string_view a : allowed)
    if (value == a) return value;
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  bad(f.at(key), "expected one of " + list);
}

Volume load_volume(const json::value& v, const std::string& path, const Limits& limits) {
  Fields f(v, path, limits);
  Volume volume;
  volume.key = f.string("key", "", true);
  if (volume.key.empty()) bad(f.at("key"), "must not be empty");
  volume.uuid = f.string("uuid", "");
  volume.name = f.string("name", "");
  volume.description = f.string("description", "");
  volume.read_write = f.boolean("read_write", true);
  volume.sharable = f.boolean("sharable", false);
  volume.virtual_size = f.count("virtual_size", 0);
  volume.physical_utilisation = f.count("physical_utilisation", volume.virtual_size);
  volume.uri = f.string("uri", std::string(kDatapathScheme) + ":///" + volume.key);
  volume.keys = f.strings("keys", limits.max_keys_per_volume, "Limits::max_keys_per_volume");
  volume.volume_type = one_of(f, "volume_type", "Data", {"Data", "CBT_Metadata", "Data_and_CBT_Metadata"});
  volume.cbt_enabled = f.boolean("cbt_enabled", false);
  volume.snapshot_of = f.string("snapshot_of", "");
  volume.clone_of = f.string("clone_of", "");
  f.done();
  return volume;
}

Sr load_sr(const json::value& v, const std::string& path, Model& model, std::set<std::string>& uris) {
  const Limits& limits = model.limits;
  Fields f(v, path, limits);
  Sr sr;
  sr.sr = f.string("sr", "", true);
  if (sr.sr.empty()) bad(f.at("sr"), "must not be empty");
  sr.uuid = f.string("uuid", "");
  sr.name = f.string("name", "");
  sr.description = f.string("description", "");
  sr.configuration = f.strings("configuration", limits.max_configuration_entries, "Limits::max_configuration_entries");
  auto [uri, added] = sr.configuration.try_emplace("uri", sr.sr);
  // SR.attach finds the SR by its configuration's uri.
  if (uri->second != sr.sr) bad(f.at("configuration") + ".uri", "differs from sr " + sr.sr);
  sr.attached = f.boolean("attached", false);
  sr.total_space = f.count("total_space", limits.sr_total_space);
  sr.health = one_of(f, "health", "Healthy", {"Healthy", "Recovering", "Unreachable", "Unavailable"});
  const json::array& volumes = f.array("volumes");
  std::int64_t used = 0;
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    std::string at = f.at("volumes") + "[" + std::to_string(i) + "]";
    if (volume_count(model) + sr.volumes.size() >= limits.max_volumes)
      bad(at, "more than " + std::to_string(limits.max_volumes) + " volumes (Limits::max_volumes)");
    Volume volume = load_volume(volumes[i], at, limits);
    if (sr.volumes.count(volume.key) != 0) bad(at + ".key", "a second volume with key " + volume.key);
    if (!uris.insert(volume.uri).second) bad(at + ".uri", "a second volume with uri " + volume.uri);
    if (volume.physical_utilisation > sr.total_space - used)
      bad(at + ".physical_utilisation", "the SR's volumes use more than its total_space");
    used += volume.physical_utilisation;
    sr.volumes.emplace(volume.key, std::move(volume));
  }
  f.done();
  return sr;
}

Datapath load_datapath(const json::value& v, const std::string& path, const Limits& limits, const std::set<std::string>& uris) {
  Fields f(v, path, limits);
  Datapath dp;
  dp.uri = f.string("uri", "", true);
  if (uris.count(dp.uri) == 0) bad(f.at("uri"), "names no volume");
  dp.persistent = f.boolean("persistent", true);
  dp.activated_on_host = f.string("activated_on_host", "");
  auto domains = f.strings("domains", limits.max_domains_per_datapath, "Limits::max_domains_per_datapath");
  for (const auto& [domain, mode] : domains) {
    if (mode == "none") dp.domains[domain] = Activation::none;
    else if (mode == "read_write") dp.domains[domain] = Activation::read_write;
    else if (mode == "read_only") dp.domains[domain] = Activation::read_only;
    else bad(f.at("domains") + "." + domain, "expected none, read_write or read_only");
  }
  f.done();
  return dp;
}

Task load_task(const json::value& v, const std::string& path, const Limits& limits, const Model& model) {
  Fields f(v, path, limits);
  Task task;
  task.id = f.string("id", "", true);
  task.kind = one_of(f, "kind", "copy", {"copy", "mirror"}) == "copy" ? Task::Kind::copy : Task::Kind::mirror;
  task.uri = f.string("uri", "", true);
  auto dp = model.datapaths.find(task.uri);
  if (dp == model.datapaths.end()) bad(f.at("uri"), "names no open datapath");
  task.domain = f.string("domain", "", true);
  if (dp->second.domains.count(task.domain) == 0) bad(f.at("domain"), "is not attached to the datapath");
  task.remote = f.string("remote", "");
  task.started_ms = f.count("started_ms", 0);
  task.bytes = f.count("bytes", 0);
  task.state = one_of(f, "state", "running", {"running", "cancelled"}) == "running" ? Task::State::running
                                                                                    : Task::State::cancelled;
  task.cancelled_ms = f.count("cancelled_ms", task.started_ms);
  f.done();
  return task;
}

}  // namespace

json::value model_to_json(const Model& model) {
  json::array srs;
  for (const auto& [name, sr] : model.srs) {
    json::array volumes;
    for (const auto& [key, v] : sr.volumes) volumes.push_back(volume_state(v));
    srs.push_back(json::object{{"sr", sr.sr},
                               {"uuid", sr.uuid},
                               {"name", sr.name},
                               {"description", sr.description},
                               {"configuration", string_map_json(sr.configuration)},
                               {"attached", sr.attached},
                               {"total_space", sr.total_space},
                               {"health", sr.health},
                               {"volumes", std::move(volumes)}});
  }
  json::array datapaths;
  for (const auto& [uri, dp] : model.datapaths) {
    json::object domains;
    for (const auto& [domain, a] : dp.domains) domains[domain] = activation_name(a);
    datapaths.push_back(json::object{{"uri", dp.uri},
                                     {"persistent", dp.persistent},
                                     {"activated_on_host", dp.activated_on_host},
                                     {"domains", std::move(domains)}});
  }
  json::array tasks;
  for (const auto& [id, t] : model.tasks)
    tasks.push_back(json::object{{"id", t.id},
                                 {"kind", t.kind == Task::Kind::copy ? "copy" : "mirror"},
                                 {"uri", t.uri},
                                 {"domain", t.domain},
                                 {"remote", t.remote},
                                 {"started_ms", t.started_ms},
                                 {"bytes", t.bytes},
                                 {"state", t.state == Task::State::running ? "running" : "cancelled"},
                                 {"cancelled_ms", t.cancelled_ms}});
  return json::object{{"srs", std::move(srs)},
                      {"datapaths", std::move(datapaths)},
                      {"tasks", std::move(tasks)},
                      {"next_volume", static_cast<std::int64_t>(model.next_volume)},
                      {"next_task", static_cast<std::int64_t>(model.next_task)}};
}

Model model_from_json(const json::value& state, const Limits& limits) {
  Model model;
  model.limits = limits;
  Fields f(state, "$", limits);
  std::set<std::string> uris;
  const json::array& srs = f.array("srs");
  for (std::size_t i = 0; i < srs.size(); ++i) {
    std::string at = "$.srs[" + std::to_string(i) + "]";
    if (model.srs.size() >= limits.max_srs) bad(at, "more than " + std::to_string(limits.max_srs) + " SRs (Limits::max_srs)");
    Sr sr = load_sr(srs[i], at, model, uris);
    if (model.srs.count(sr.sr) != 0) bad(at + ".sr", "a second SR at " + sr.sr);
    model.srs.emplace(sr.sr, std::move(sr));
  }
  const json::array& datapaths = f.array("datapaths");
  for (std::size_t i = 0; i < datapaths.size(); ++i) {
    std::string at = "$.datapaths[" + std::to_string(i) + "]";
    Datapath dp = load_datapath(datapaths[i], at, limits, uris);
    if (model.datapaths.count(dp.uri) != 0) bad(at + ".uri", "a second datapath for " + dp.uri);
    model.datapaths.emplace(dp.uri, std::move(dp));
  }
  const json::array& tasks = f.array("tasks");
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    std::string at = "$.tasks[" + std::to_string(i) + "]";
    if (model.tasks.size() >= limits.max_tasks) bad(at, "more than " + std::to_string(limits.max_tasks) + " operations (Limits::max_tasks)");
    Task task = load_task(tasks[i], at, limits, model);
    if (model.tasks.count(task.id) != 0) bad(at + ".id", "a second operation " + task.id);
    model.tasks.emplace(task.id, std::move(task));
  }
  model.next_volume = static_cast<std::uint64_t>(f.count("next_volume", 1));
  model.next_task = static_cast<std::uint64_t>(f.count("next_task", 1));
  f.done();
  return model;
}

}  // namespace smapi::mock::storage::detail

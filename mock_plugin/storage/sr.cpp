// The SR interface (xen-api ocaml/xapi-storage/generator/lib/control.ml,
// module Sr): SRs keyed by the "uri" of their configuration.
#include "mock_plugin/storage/detail/model.h"

namespace smapi::mock::storage::detail {

namespace json = boost::json;

namespace {

// The configuration key naming an SR, as xapi's device-config does for
// SMAPIv3 plugins (xapi-storage-script main.ml: MISSING_URI).
constexpr std::string_view kUriKey = "uri";

std::string configuration_uri(std::string_view method, const std::map<std::string, std::string>& configuration) {
  auto it = configuration.find(std::string(kUriKey));
  if (it == configuration.end() || it->second.empty())
    backend_failure(method, "the configuration has no \"uri\" naming the SR");
  return it->second;
}

json::value probe(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  auto configuration = args.string_map("configuration");
  json::array results;
  auto uri = configuration.find(std::string(kUriKey));
  if (uri == configuration.end() || uri->second.empty()) {
    // Nothing to narrow down on yet: one incomplete configuration.
    results.push_back(json::object{{"configuration", string_map_json(configuration)},
                                   {"complete", false},
                                   {"extra_info", json::object{}}});
    return results;
  }
  auto found = model.srs.find(uri->second);
  if (found == model.srs.end()) {
    // Complete: SR.create may make an SR there.
    results.push_back(json::object{{"configuration", string_map_json(configuration)},
                                   {"complete", true},
                                   {"extra_info", json::object{}}});
    return results;
  }
  // An existing SR: xapi-storage-script wants its uuid as "sr_uuid" in the
  // configuration of a complete result that carries an sr_stat.
  auto attachable = configuration;
  attachable["sr_uuid"] = found->second.uuid;
  results.push_back(json::object{{"configuration", string_map_json(attachable)},
                                 {"complete", true},
                                 {"sr", sr_stat_record(found->second)},
                                 {"extra_info", json::object{}}});
  return results;
}

json::value create(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uuid = args.string("uuid");
  auto configuration = args.string_map("configuration");
  std::string name = args.string("name");
  std::string description = args.string("description");
  std::string uri = configuration_uri("SR.create", configuration);
  if (model.srs.count(uri) != 0) backend_failure("SR.create", "an SR already exists at " + uri);
  if (model.srs.size() >= model.limits.max_srs)
    backend_failure("SR.create", "the mock holds at most " + std::to_string(model.limits.max_srs) +
                                     " SRs (Limits::max_srs)");
  Sr sr;
  sr.sr = uri;
  sr.uuid = uuid;
  sr.name = name;
  sr.description = description;
  sr.configuration = configuration;
  sr.total_space = model.limits.sr_total_space;
  model.srs.emplace(uri, std::move(sr));
  // The configuration xapi keeps as the SR's device-config and passes to
  // SR.attach.
  return string_map_json(configuration);
}

json::value attach(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = configuration_uri("SR.attach", args.string_map("configuration"));
  Sr& sr = existing_sr(model, uri);
  sr.attached = true;  // attaching twice is not an error: xapi retries
  return json::value(sr.sr);
}

json::value detach(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = existing_sr(model, args.string("sr"));
  sr.attached = false;
  return nullptr;
}

json::value destroy(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string name = args.string("sr");
  Sr& sr = attached_sr(model, name);  // control.ml: destroy wants it attached
  for (const auto& [key, volume] : sr.volumes)
    if (model.datapaths.count(volume.uri) != 0)
      backend_failure("SR.destroy", "volume " + key + " is still open (" + volume.uri + "); Datapath.close it first");
  model.srs.erase(name);
  return nullptr;
}

json::value stat(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  return sr_stat_record(attached_sr(model, args.string("sr")));
}

json::value set_name(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  sr.name = args.string("new_name");
  return nullptr;
}

json::value set_description(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  sr.description = args.string("new_description");
  return nullptr;
}

json::value ls(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  const Sr& sr = attached_sr(model, args.string("sr"));
  json::array volumes;
  for (const auto& [key, volume] : sr.volumes) volumes.push_back(volume_record(volume));
  return volumes;
}

}  // namespace

const std::vector<HandlerEntry>& sr_handlers() {
  static const std::vector<HandlerEntry> handlers = {
      {"SR.probe", probe},   {"SR.create", create},     {"SR.attach", attach},
      {"SR.detach", detach}, {"SR.destroy", destroy},   {"SR.stat", stat},
      {"SR.set_name", set_name}, {"SR.set_description", set_description}, {"SR.ls", ls}};
  return handlers;
}

}  // namespace smapi::mock::storage::detail

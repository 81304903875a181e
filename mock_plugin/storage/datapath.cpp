// The Datapath interface (xen-api ocaml/xapi-storage/generator/lib/data.ml,
// module Datapath): open, attach, activate, deactivate, detach and close of
// a volume URI, tracked per domain.
//
// data.ml declares only Unimplemented for these methods (common.ml exnt).
// A URI naming no volume, or a volume in a detached SR, gets control.ml's
// Volume_does_not_exist and Sr_not_attached, and a volume active on another
// host gets Activated_on_another_host: xapi-storage-script (main.ml
// backend_backtrace_error) reads that one from any script's error.
// Calls out of order get the generic backend error (kBackendFailure).
// Every function is idempotent, as data.ml asks: repeating a step that is
// done is not an error.
#include "mock_plugin/storage/detail/model.h"

namespace smapi::mock::storage::detail {

namespace json = boost::json;

namespace {

// Where the answers of Datapath.attach say the mock's disks are. Nothing is
// there: the mock keeps no data.
constexpr std::string_view kDevicePrefix = "/dev/smapi-mock/";

Datapath& open_datapath(Model& model, std::string_view method, const std::string& uri) {
  volume_by_uri(model, uri);
  auto it = model.datapaths.find(uri);
  if (it == model.datapaths.end()) backend_failure(method, uri + " is not open; call Datapath.open first");
  return it->second;
}

Activation& attached_domain(Datapath& dp, std::string_view method, const std::string& domain) {
  auto it = dp.domains.find(domain);
  if (it == dp.domains.end())
    backend_failure(method, dp.uri + " is not attached to domain " + domain + "; call Datapath.attach first");
  return it->second;
}

json::value open_(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = args.string("uri");
  bool persistent = args.boolean("persistent");
  volume_by_uri(model, uri);
  auto [it, inserted] = model.datapaths.try_emplace(uri);
  if (inserted) {
    it->second.uri = uri;
    it->second.persistent = persistent;
  }
  return nullptr;
}

json::value attach(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = args.string("uri");
  std::string domain = args.string("domain");
  Datapath& dp = open_datapath(model, "Datapath.attach", uri);
  if (dp.domains.count(domain) == 0 && dp.domains.size() >= model.limits.max_domains_per_datapath)
    backend_failure("Datapath.attach", uri + " is attached to " +
                                           std::to_string(model.limits.max_domains_per_datapath) +
                                           " domains already (Limits::max_domains_per_datapath)");
  dp.domains.try_emplace(domain, Activation::none);
  const Volume& volume = *volume_by_uri(model, uri).second;
  // data.ml backend: the choices of how to connect the disk, as rpclib
  // writes a constructor with an argument: ["Tag", argument].
  std::string path = std::string(kDevicePrefix) + volume.key;
  json::array implementations;
  implementations.push_back(json::array{
      "XenDisk", json::object{{"params", path}, {"extra", json::object{}}, {"backend_type", "vbd3"}}});
  implementations.push_back(json::array{"BlockDevice", json::object{{"path", path}}});
  return json::object{{"implementations", std::move(implementations)}};
}

void activate_as(Model& model, const Args& args, std::string_view method, Activation mode) {
  args.dbg();
  std::string uri = args.string("uri");
  std::string domain = args.string("domain");
  Datapath& dp = open_datapath(model, method, uri);
  Activation& activation = attached_domain(dp, method, domain);
  if (!dp.activated_on_host.empty()) refuse("Activated_on_another_host", dp.activated_on_host);
  const Volume& volume = *volume_by_uri(model, uri).second;
  if (mode == Activation::read_write && !volume.read_write)
    backend_failure(method, "volume " + volume.key + " is read-only; use Datapath.activate_readonly");
  if (activation != Activation::none && activation != mode)
    backend_failure(method, uri + " is already active for domain " + domain +
                                (activation == Activation::read_only ? " read-only" : " read-write") +
                                "; call Datapath.deactivate first");
  activation = mode;
}

json::value activate(Model& model, const Args& args, SimulatedTime) {
  activate_as(model, args, "Datapath.activate", Activation::read_write);
  return nullptr;
}

json::value activate_readonly(Model& model, const Args& args, SimulatedTime) {
  activate_as(model, args, "Datapath.activate_readonly", Activation::read_only);
  return nullptr;
}

// The mock serves no data, so it has no socket to import into.
json::value import_activate(Model&, const Args& args, SimulatedTime) {
  args.dbg();
  args.string("uri");
  args.string("domain");
  refuse("Unimplemented", "Datapath.import_activate");
}

json::value deactivate(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = args.string("uri");
  std::string domain = args.string("domain");
  Datapath& dp = open_datapath(model, "Datapath.deactivate", uri);
  auto it = dp.domains.find(domain);
  if (it != dp.domains.end()) it->second = Activation::none;
  return nullptr;
}

json::value detach(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = args.string("uri");
  std::string domain = args.string("domain");
  Datapath& dp = open_datapath(model, "Datapath.detach", uri);
  auto it = dp.domains.find(domain);
  if (it == dp.domains.end()) return nullptr;
  if (it->second != Activation::none)
    backend_failure("Datapath.detach", uri + " is active for domain " + domain + "; call Datapath.deactivate first");
  for (const auto& [id, task] : model.tasks)
    if (task.uri == uri && task.domain == domain && task.state == Task::State::running)
      backend_failure("Datapath.detach", "Data operation " + id + " uses " + uri + "; Data.cancel it first");
  dp.domains.erase(it);
  return nullptr;
}

json::value close_(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string uri = args.string("uri");
  volume_by_uri(model, uri);
  auto it = model.datapaths.find(uri);
  if (it == model.datapaths.end()) return nullptr;
  if (!it->second.domains.empty())
    backend_failure("Datapath.close", uri + " is still attached to domain " + it->second.domains.begin()->first +
                                          "; call Datapath.detach first");
  model.datapaths.erase(it);
  return nullptr;
}

}  // namespace

const std::vector<HandlerEntry>& datapath_handlers() {
  static const std::vector<HandlerEntry> handlers = {
      {"Datapath.open", open_},
      {"Datapath.attach", attach},
      {"Datapath.activate", activate},
      {"Datapath.activate_readonly", activate_readonly},
      {"Datapath.import_activate", import_activate},
      {"Datapath.deactivate", deactivate},
      {"Datapath.detach", detach},
      {"Datapath.close", close_}};
  return handlers;
}

}  // namespace smapi::mock::storage::detail

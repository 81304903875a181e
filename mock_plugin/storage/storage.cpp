// Storage: dispatches a wire name to its handler in sr.cpp, volume.cpp,
// volume_cbt.cpp, datapath.cpp or data.cpp, and turns a refusal into the
// reply's error. A refused call leaves the state as it was: each handler
// checks everything before it changes anything.
#include "mock_plugin/storage/storage.h"

#include "mock_plugin/storage/detail/model.h"

#include <algorithm>
#include <map>

namespace smapi::mock::storage {

struct Storage::Model : detail::Model {};

namespace {

// Every handler, by wire name.
const std::map<std::string_view, detail::Handler>& handlers() {
  static const auto table = [] {
    std::map<std::string_view, detail::Handler> t;
    for (const auto* list : {&detail::sr_handlers(), &detail::volume_handlers(), &detail::volume_cbt_handlers(),
                             &detail::datapath_handlers(), &detail::data_handlers()})
      for (const auto& entry : *list) t.emplace(entry.wire_name, entry.handler);
    return t;
  }();
  return table;
}

// The IDL's methods, interface by interface, in control.ml's and data.ml's
// order of declaration.
const std::vector<std::string_view> kMethods = {
    "SR.probe", "SR.create", "SR.attach", "SR.detach", "SR.destroy", "SR.stat",
    "SR.set_name", "SR.set_description", "SR.ls",
    "Volume.create", "Volume.snapshot", "Volume.clone", "Volume.copy", "Volume.destroy",
    "Volume.revert", "Volume.set_name", "Volume.set_description", "Volume.set", "Volume.unset",
    "Volume.resize", "Volume.stat", "Volume.compare", "Volume.similar_content",
    "Volume.enable_cbt", "Volume.disable_cbt", "Volume.data_destroy",
    "Volume.list_changed_blocks", "Volume.compose",
    "Datapath.open", "Datapath.attach", "Datapath.activate", "Datapath.activate_readonly",
    "Datapath.import_activate", "Datapath.deactivate", "Datapath.detach", "Datapath.close",
    "Data.copy", "Data.mirror", "Data.stat", "Data.cancel", "Data.destroy", "Data.ls"};

}  // namespace

Storage::Storage() : Storage(Limits{}) {}
Storage::Storage(const Limits& limits) : model_(std::make_unique<Model>()) { model_->limits = limits; }
Storage::~Storage() = default;
Storage::Storage(Storage&&) noexcept = default;
Storage& Storage::operator=(Storage&&) noexcept = default;

bool Storage::knows(std::string_view wire_name) {
  return std::find(kMethods.begin(), kMethods.end(), wire_name) != kMethods.end();
}

const std::vector<std::string_view>& Storage::methods() { return kMethods; }

StorageReply Storage::call(std::string_view wire_name, const boost::json::object& args, SimulatedTime now) {
  StorageReply reply;
  auto it = handlers().find(wire_name);
  if (it == handlers().end()) {
    reply.error = std::make_unique<StorageError>(StorageError{"Unimplemented", {std::string(wire_name)}});
    return reply;
  }
  try {
    detail::Args named(args, model_->limits);
    reply.result = it->second(*model_, named, now);
  } catch (detail::Refusal& refusal) {
    reply.result = nullptr;
    reply.error = std::make_unique<StorageError>(std::move(refusal.error));
  }
  return reply;
}

boost::json::value Storage::to_json() const { return detail::model_to_json(*model_); }

void Storage::load(const boost::json::value& state) {
  detail::Model loaded = detail::model_from_json(state, model_->limits);
  static_cast<detail::Model&>(*model_) = std::move(loaded);
}

void Storage::reset() {
  Limits limits = model_->limits;
  static_cast<detail::Model&>(*model_) = detail::Model{};
  model_->limits = limits;
}

void Storage::forget_attached() {
  for (auto& [name, sr] : model_->srs) sr.attached = false;
}

std::vector<std::string> Storage::attached_srs() const {
  std::vector<std::string> srs;
  for (const auto& [name, sr] : model_->srs)  // a std::map: in byte order, each once
    if (sr.attached) srs.push_back(name);
  return srs;
}

const Limits& Storage::limits() const { return model_->limits; }

}  // namespace smapi::mock::storage

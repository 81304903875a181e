// Storage: the dispatch from a wire name to the SR, Volume, Datapath and Data
// models (sr.cpp, volume.cpp, datapath.cpp, data.cpp).
#include "mock_plugin/storage/storage.h"

#include <algorithm>

namespace smapi::mock::storage {

struct Storage::Model {};

namespace {

// The IDL's methods, interface by interface, in control.ml's and data.ml's
// order.
const std::vector<std::string_view> kMethods = {
    "SR.probe", "SR.create", "SR.attach", "SR.detach", "SR.destroy", "SR.stat",
    "SR.set_name", "SR.set_description", "SR.ls",
    "Volume.create", "Volume.snapshot", "Volume.clone", "Volume.destroy",
    "Volume.set_name", "Volume.set_description", "Volume.set", "Volume.unset",
    "Volume.resize", "Volume.stat", "Volume.compare", "Volume.similar_content",
    "Volume.enable_cbt", "Volume.disable_cbt", "Volume.data_destroy",
    "Volume.list_changed_blocks", "Volume.copy", "Volume.revert", "Volume.compose",
    "Datapath.open", "Datapath.attach", "Datapath.activate", "Datapath.activate_readonly",
    "Datapath.deactivate", "Datapath.detach", "Datapath.close",
    "Data.copy", "Data.mirror", "Data.stat", "Data.cancel", "Data.destroy", "Data.ls"};

}  // namespace

Storage::Storage() : model_(std::make_unique<Model>()) {}
Storage::~Storage() = default;
Storage::Storage(Storage&&) noexcept = default;
Storage& Storage::operator=(Storage&&) noexcept = default;

bool Storage::knows(std::string_view wire_name) {
  return std::find(kMethods.begin(), kMethods.end(), wire_name) != kMethods.end();
}

const std::vector<std::string_view>& Storage::methods() { return kMethods; }

StorageReply Storage::call(std::string_view wire_name, const boost::json::object& /*args*/,
                           SimulatedTime /*now*/) {
  StorageReply reply;
  reply.error = std::make_unique<StorageError>(
      StorageError{"Unimplemented", {std::string(wire_name)}});
  return reply;
}

boost::json::value Storage::to_json() const {
  return boost::json::object{{"srs", boost::json::object{}}};
}

void Storage::load(const boost::json::value& /*state*/) {}

void Storage::reset() { *model_ = Model{}; }

}  // namespace smapi::mock::storage

// The Volume interface's lifecycle (xen-api
// ocaml/xapi-storage/generator/lib/control.ml, module Volume): create,
// snapshot, clone, copy, destroy, revert, names, keys, resize and stat.
// The CBT and layout methods are in volume_cbt.cpp.
#include "mock_plugin/storage/detail/volumes.h"

#include <cstdio>
#include <limits>

namespace smapi::mock::storage::detail {

namespace json = boost::json;

std::int64_t rounded_size(std::string_view method, std::int64_t size) {
  if (size < 0) backend_failure(method, "size " + std::to_string(size) + " is negative");
  if (size > std::numeric_limits<std::int64_t>::max() - kVolumeBlockSize)
    backend_failure(method, "size " + std::to_string(size) + " is too large");
  return (size + kVolumeBlockSize - 1) / kVolumeBlockSize * kVolumeBlockSize;
}

void check_space(std::string_view method, const Sr& sr, std::int64_t bytes) {
  std::int64_t free_space = sr.total_space - used_space(sr);
  if (bytes > free_space)
    backend_failure(method, "SR " + sr.sr + " has " + std::to_string(free_space) + " bytes free, " +
                                std::to_string(bytes) + " needed");
}

Volume new_volume(Model& model, const Sr& sr, std::string_view method) {
  if (volume_count(model) >= model.limits.max_volumes)
    backend_failure(method, "the mock holds at most " + std::to_string(model.limits.max_volumes) +
                                " volumes (Limits::max_volumes)");
  // Keys and URIs a seeded state already uses are skipped.
  for (;;) {
    std::uint64_t n = model.next_volume++;
    Volume volume;
    volume.key = "vol-" + std::to_string(n);
    volume.uri = std::string(kDatapathScheme) + ":///" + volume.key;
    bool taken = sr.volumes.count(volume.key) != 0;
    for (const auto& [name, other] : model.srs)
      for (const auto& [key, v] : other.volumes) taken = taken || v.uri == volume.uri;
    if (taken) continue;
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012llx",
                  static_cast<unsigned long long>(n & 0xffffffffffffULL));
    volume.uuid = uuid;
    return volume;
  }
}

void check_closed(const Model& model, std::string_view method, const Volume& volume) {
  if (model.datapaths.count(volume.uri) != 0)
    backend_failure(method, "volume " + volume.key + " is open (" + volume.uri + "); Datapath.close it first");
}

namespace {

json::value create(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  std::string name = args.string("name");
  std::string description = args.string("description");
  std::int64_t size = rounded_size("Volume.create", args.int64("size"));
  bool sharable = args.boolean("sharable");
  check_space("Volume.create", sr, size);
  Volume volume = new_volume(model, sr, "Volume.create");
  volume.name = std::move(name);
  volume.description = std::move(description);
  volume.virtual_size = size;
  volume.physical_utilisation = size;  // thick: the whole size is used
  volume.sharable = sharable;
  auto [it, inserted] = sr.volumes.emplace(volume.key, std::move(volume));
  return volume_record(it->second);
}

// A new volume with `source`'s name, description, size and sharing; the
// IDL says extra keys set with Volume.set are not copied.
Volume derived(Model& model, Sr& sr, const Volume& source, std::string_view method) {
  check_space(method, sr, source.physical_utilisation);
  Volume volume = new_volume(model, sr, method);
  volume.name = source.name;
  volume.description = source.description;
  volume.virtual_size = source.virtual_size;
  volume.physical_utilisation = source.physical_utilisation;
  volume.sharable = source.sharable;
  return volume;
}

json::value snapshot(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& source = existing_volume(sr, args.string("key"));
  // control.ml: a snapshot is refused on a host other than the one where
  // the volume is active.
  auto dp = model.datapaths.find(source.uri);
  if (dp != model.datapaths.end() && !dp->second.activated_on_host.empty())
    refuse("Activated_on_another_host", dp->second.activated_on_host);
  Volume volume = derived(model, sr, source, "Volume.snapshot");
  volume.read_write = false;  // snapshots are never written to
  volume.snapshot_of = source.key;
  volume.cbt_enabled = source.cbt_enabled;  // CBT carries on, with its metadata
  volume.volume_type = source.volume_type;
  auto [it, inserted] = sr.volumes.emplace(volume.key, std::move(volume));
  return volume_record(it->second);
}

json::value clone(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& source = existing_volume(sr, args.string("key"));
  Volume volume = derived(model, sr, source, "Volume.clone");
  volume.clone_of = source.key;
  auto [it, inserted] = sr.volumes.emplace(volume.key, std::move(volume));
  return volume_record(it->second);
}

json::value copy(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& source = existing_volume(sr, args.string("key"));
  Sr& dest = attached_sr(model, args.string("dest_sr"));
  // A writable copy with no link to its source: it may be in another SR.
  Volume volume = derived(model, dest, source, "Volume.copy");
  auto [it, inserted] = dest.volumes.emplace(volume.key, std::move(volume));
  return volume_record(it->second);
}

json::value destroy(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& volume = existing_volume(sr, args.string("key"));
  check_closed(model, "Volume.destroy", volume);
  std::string key = volume.key;
  sr.volumes.erase(key);
  return nullptr;
}

json::value revert(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& snap = existing_volume(sr, args.string("snapshot"));
  Volume& volume = existing_volume(sr, args.string("key"));
  if (snap.read_write) backend_failure("Volume.revert", "volume " + snap.key + " is not a read-only snapshot");
  check_closed(model, "Volume.revert", volume);
  // The contents become the snapshot's; the identity (key, uuid, URI, name)
  // stays the volume's.
  std::int64_t growth = snap.physical_utilisation - volume.physical_utilisation;
  if (growth > 0) check_space("Volume.revert", sr, growth);
  volume.virtual_size = snap.virtual_size;
  volume.physical_utilisation = snap.physical_utilisation;
  return nullptr;
}

json::value set_name(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  existing_volume(sr, args.string("key")).name = args.string("new_name");
  return nullptr;
}

json::value set_description(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  existing_volume(sr, args.string("key")).description = args.string("new_description");
  return nullptr;
}

json::value set(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& volume = existing_volume(sr, args.string("key"));
  std::string k = args.string("k");
  std::string v = args.string("v");
  if (volume.keys.count(k) == 0 && volume.keys.size() >= model.limits.max_keys_per_volume)
    backend_failure("Volume.set", "volume " + volume.key + " holds at most " +
                                      std::to_string(model.limits.max_keys_per_volume) +
                                      " keys (Limits::max_keys_per_volume)");
  volume.keys[k] = v;
  return nullptr;
}

json::value unset(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  existing_volume(sr, args.string("key")).keys.erase(args.string("k"));  // absent: nothing to do
  return nullptr;
}

json::value resize(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& volume = existing_volume(sr, args.string("key"));
  std::int64_t size = rounded_size("Volume.resize", args.int64("new_size"));
  if (!volume.read_write) backend_failure("Volume.resize", "volume " + volume.key + " is read-only");
  // "Enlarges to be at least new_size": a smaller size leaves it as it is.
  if (size <= volume.virtual_size) return nullptr;
  check_space("Volume.resize", sr, size - volume.physical_utilisation);
  volume.virtual_size = size;
  volume.physical_utilisation = size;
  return nullptr;
}

json::value stat(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  return volume_record(existing_volume(sr, args.string("key")));
}

}  // namespace

const std::vector<HandlerEntry>& volume_handlers() {
  static const std::vector<HandlerEntry> handlers = {
      {"Volume.create", create},     {"Volume.snapshot", snapshot},
      {"Volume.clone", clone},       {"Volume.copy", copy},
      {"Volume.destroy", destroy},   {"Volume.revert", revert},
      {"Volume.set_name", set_name}, {"Volume.set_description", set_description},
      {"Volume.set", set},           {"Volume.unset", unset},
      {"Volume.resize", resize},     {"Volume.stat", stat}};
  return handlers;
}

}  // namespace smapi::mock::storage::detail

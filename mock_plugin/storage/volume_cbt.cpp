// The Volume interface's block-level methods (xen-api
// ocaml/xapi-storage/generator/lib/control.ml, module Volume): compare,
// similar_content, changed block tracking and compose. The model keeps no
// data, so block answers are the IDL's conservative ones: every block in use,
// every block changed.
#include "mock_plugin/storage/detail/volumes.h"

#include <set>

namespace smapi::mock::storage::detail {

namespace json = boost::json;

namespace {

// Block sizes the answers use: compare's blocklist and CBT's granularity.
constexpr std::int64_t kCompareBlockSize = 64 * 1024;
constexpr std::int64_t kCbtGranularity = 64 * 1024;

json::value compare(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& volume = existing_volume(sr, args.string("key"));
  args.string("key2");  // may name no volume: the IDL answers volume1's blocks then
  // common.ml blocklist: ranges are (start, length) in blocks. Without
  // knowledge of the contents the IDL asks for "all blocks in use".
  std::int64_t blocks = (volume.virtual_size + kCompareBlockSize - 1) / kCompareBlockSize;
  json::array ranges;
  if (blocks > 0) ranges.push_back(json::array{0, blocks});
  return json::object{{"blocksize", kCompareBlockSize}, {"ranges", std::move(ranges)}};
}

// Volumes related to `key` through the snapshot and clone graph.
json::value similar_content(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& start = existing_volume(sr, args.string("key"));
  std::set<std::string> seen{start.key};
  std::vector<std::string> todo{start.key};
  while (!todo.empty()) {
    std::string key = todo.back();
    todo.pop_back();
    for (const auto& [other_key, other] : sr.volumes) {
      bool linked = other.snapshot_of == key || other.clone_of == key;
      auto self = sr.volumes.find(key);
      if (self != sr.volumes.end())
        linked = linked || self->second.snapshot_of == other_key || self->second.clone_of == other_key;
      if (linked && seen.insert(other_key).second) todo.push_back(other_key);
    }
  }
  json::array keys;
  for (const auto& key : seen)
    if (key != start.key) keys.push_back(json::value(key));
  return keys;
}

json::value enable_cbt(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& volume = existing_volume(sr, args.string("key"));
  volume.cbt_enabled = true;
  if (volume.volume_type == "Data") volume.volume_type = "Data_and_CBT_Metadata";
  return nullptr;
}

json::value disable_cbt(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& volume = existing_volume(sr, args.string("key"));
  volume.cbt_enabled = false;
  if (volume.volume_type == "Data_and_CBT_Metadata") volume.volume_type = "Data";
  return nullptr;
}

// control.ml: deletes a snapshot's data and keeps its CBT metadata.
json::value data_destroy(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& volume = existing_volume(sr, args.string("key"));
  if (volume.read_write) backend_failure("Volume.data_destroy", "volume " + volume.key + " is not a snapshot");
  if (!volume.cbt_enabled)
    backend_failure("Volume.data_destroy", "volume " + volume.key + " has no changed block tracking");
  check_closed(model, "Volume.data_destroy", volume);
  volume.volume_type = "CBT_Metadata";
  volume.physical_utilisation = 0;
  return nullptr;
}

std::string base64_all_ones(std::size_t bytes) {
  // Every byte is 0xFF: "////" per three bytes, then the padded tail.
  std::string out;
  out.reserve((bytes + 2) / 3 * 4);
  for (std::size_t i = 0; i + 3 <= bytes; i += 3) out += "////";
  if (bytes % 3 == 1) out += "/w==";
  if (bytes % 3 == 2) out += "//8=";
  return out;
}

json::value list_changed_blocks(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  const Volume& from = existing_volume(sr, args.string("key"));
  const Volume& to = existing_volume(sr, args.string("key2"));
  std::int64_t offset = args.int64("offset");
  std::int64_t length = args.int64("length");
  for (const Volume* v : {&from, &to})
    if (!v->cbt_enabled)
      backend_failure("Volume.list_changed_blocks", "volume " + v->key + " has no changed block tracking");
  if (offset < 0 || length < 0)
    backend_failure("Volume.list_changed_blocks", "offset and length must not be negative");
  // The extent widened to granularity boundaries, as the IDL describes
  // (unsigned: offset's remainder plus length cannot overflow).
  std::int64_t blocks = 0;
  if (length > 0) {
    std::uint64_t span = static_cast<std::uint64_t>(offset % kCbtGranularity) + static_cast<std::uint64_t>(length) - 1;
    blocks = static_cast<std::int64_t>(span / kCbtGranularity) + 1;
  }
  std::int64_t bytes = (blocks + 7) / 8;
  if (bytes > static_cast<std::int64_t>(model.limits.max_changed_blocks_bitmap_bytes))
    backend_failure("Volume.list_changed_blocks",
                    "the extent needs a bitmap of " + std::to_string(bytes) + " bytes, more than " +
                        std::to_string(model.limits.max_changed_blocks_bitmap_bytes) +
                        " (Limits::max_changed_blocks_bitmap_bytes)");
  // No writes are tracked, so every block counts as changed.
  return json::object{{"granularity", kCbtGranularity},
                      {"bitmap", base64_all_ones(static_cast<std::size_t>(bytes))}};
}

// control.ml: layers child's updates onto parent; afterwards parent is no
// longer valid, so it leaves the SR and the child takes its place in the
// graph.
json::value compose(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  Sr& sr = attached_sr(model, args.string("sr"));
  Volume& child = existing_volume(sr, args.string("key"));
  const Volume& parent = existing_volume(sr, args.string("key2"));
  if (child.key == parent.key) backend_failure("Volume.compose", "a volume cannot be composed onto itself");
  check_closed(model, "Volume.compose", parent);
  child.snapshot_of = parent.snapshot_of;
  child.clone_of = parent.clone_of;
  std::string gone = parent.key;
  sr.volumes.erase(gone);
  for (auto& [key, v] : sr.volumes) {
    if (v.snapshot_of == gone) v.snapshot_of = child.key;
    if (v.clone_of == gone) v.clone_of = child.key;
  }
  return nullptr;
}

}  // namespace

const std::vector<HandlerEntry>& volume_cbt_handlers() {
  static const std::vector<HandlerEntry> handlers = {
      {"Volume.compare", compare},         {"Volume.similar_content", similar_content},
      {"Volume.enable_cbt", enable_cbt},   {"Volume.disable_cbt", disable_cbt},
      {"Volume.data_destroy", data_destroy}, {"Volume.list_changed_blocks", list_changed_blocks},
      {"Volume.compose", compose}};
  return handlers;
}

}  // namespace smapi::mock::storage::detail

// The Data interface (xen-api ocaml/xapi-storage/generator/lib/data.ml,
// module Data): copy and mirror operations that progress over simulated
// time, with stat, cancel, destroy and ls. data.ml declares only
// Unimplemented for them, so an unknown operation or a misuse gets the
// generic backend error (kBackendFailure).
#include "mock_plugin/storage/detail/model.h"

#include <algorithm>
#include <limits>

namespace smapi::mock::storage::detail {

namespace json = boost::json;

namespace {

// data.ml operation: ["CopyV1", key] or ["MirrorV1", key].
constexpr std::string_view kCopyTag = "CopyV1";
constexpr std::string_view kMirrorTag = "MirrorV1";

json::value operation_json(const Task& task) {
  return json::array{json::value(task.kind == Task::Kind::copy ? kCopyTag : kMirrorTag), json::value(task.id)};
}

Task& task_of(Model& model, const Args& args, std::string_view method) {
  const json::value& v = args.value("operation");
  const json::array* a = v.if_array();
  if (a == nullptr || a->size() != 2 || !(*a)[0].is_string() || !(*a)[1].is_string())
    args.unmarshal_error("operation", "operation", "not [\"CopyV1\", key] or [\"MirrorV1\", key]");
  std::string_view tag = (*a)[0].get_string();
  if (tag != kCopyTag && tag != kMirrorTag)
    args.unmarshal_error("operation", "operation", "unknown constructor " + std::string(tag));
  std::string id((*a)[1].get_string());
  auto it = model.tasks.find(id);
  Task::Kind kind = tag == kCopyTag ? Task::Kind::copy : Task::Kind::mirror;
  if (it == model.tasks.end() || it->second.kind != kind)
    backend_failure(method, "no operation " + std::string(tag) + " " + id);
  return it->second;
}

// A copy's share done at `now_ms`, in [0, 1].
double copy_progress(const Model& model, const Task& task, std::int64_t now_ms) {
  if (task.bytes == 0) return 1.0;
  std::int64_t until = task.state == Task::State::cancelled ? task.cancelled_ms : now_ms;
  double elapsed_s = std::max<double>(0.0, static_cast<double>(until) - static_cast<double>(task.started_ms)) / 1000.0;
  double done = elapsed_s * static_cast<double>(model.limits.copy_bytes_per_second) / static_cast<double>(task.bytes);
  return std::min(1.0, done);
}

Task& start(Model& model, const Args& args, std::string_view method, Task::Kind kind, SimulatedTime now) {
  args.dbg();
  std::string uri = args.string("uri");
  std::string domain = args.string("domain");
  std::string remote = args.string("remote");
  volume_by_uri(model, uri);
  auto dp = model.datapaths.find(uri);
  if (dp == model.datapaths.end() || dp->second.domains.count(domain) == 0)
    backend_failure(method, uri + " is not attached to domain " + domain + "; call Datapath.attach first");
  if (model.tasks.size() >= model.limits.max_tasks)
    backend_failure(method, "the mock holds at most " + std::to_string(model.limits.max_tasks) +
                                " operations (Limits::max_tasks); Data.destroy finished ones");
  std::string id;
  do {
    id = std::to_string(model.next_task++);
  } while (model.tasks.count(id) != 0);
  Task& task = model.tasks[id];
  task.id = id;
  task.kind = kind;
  task.uri = std::move(uri);
  task.domain = std::move(domain);
  task.remote = std::move(remote);
  task.started_ms = now.count();
  return task;
}

// common.ml blocklist: {blocksize; ranges = (start, length) in blocks}.
std::int64_t blocklist_bytes(const Args& args) {
  const json::object* o = args.value("blocklist").if_object();
  if (o == nullptr) args.unmarshal_error("blocklist", "blocklist", "not an object");
  const json::value* size = o->if_contains("blocksize");
  const json::value* ranges = o->if_contains("ranges");
  if (size == nullptr || !size->is_int64() || size->get_int64() <= 0)
    args.unmarshal_error("blocklist.blocksize", "int", "not a positive integer");
  if (ranges == nullptr || !ranges->is_array())
    args.unmarshal_error("blocklist.ranges", "(int64 * int64) list", "not an array");
  if (ranges->get_array().size() > args.limits().max_copy_ranges)
    args.unmarshal_error("blocklist.ranges", "(int64 * int64) list",
                         "more than " + std::to_string(args.limits().max_copy_ranges) +
                             " ranges (Limits::max_copy_ranges)");
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t blocks = 0;
  for (const json::value& r : ranges->get_array()) {
    const json::array* pair = r.if_array();
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_int64() || !(*pair)[1].is_int64() ||
        (*pair)[0].get_int64() < 0 || (*pair)[1].get_int64() < 0)
      args.unmarshal_error("blocklist.ranges", "(int64 * int64) list", "a range is not [start, length] >= 0");
    std::int64_t length = (*pair)[1].get_int64();
    blocks = blocks > kMax - length ? kMax : blocks + length;  // saturates
  }
  std::int64_t blocksize = size->get_int64();
  return blocks > kMax / blocksize ? kMax : blocks * blocksize;
}

json::value copy(Model& model, const Args& args, SimulatedTime now) {
  std::int64_t bytes = blocklist_bytes(args);
  Task& task = start(model, args, "Data.copy", Task::Kind::copy, now);
  task.bytes = bytes;
  return operation_json(task);
}

json::value mirror(Model& model, const Args& args, SimulatedTime now) {
  return operation_json(start(model, args, "Data.mirror", Task::Kind::mirror, now));
}

// data.ml status: {failed; complete; progress option}. A copy reports its
// progress; a mirror runs until cancelled.
json::value stat(Model& model, const Args& args, SimulatedTime now) {
  args.dbg();
  const Task& task = task_of(model, args, "Data.stat");
  bool cancelled = task.state == Task::State::cancelled;
  json::object status;
  if (task.kind == Task::Kind::copy) {
    double progress = copy_progress(model, task, now.count());
    status["failed"] = cancelled && progress < 1.0;
    status["complete"] = cancelled || progress >= 1.0;
    status["progress"] = progress;
  } else {
    status["failed"] = false;
    status["complete"] = cancelled;
  }
  return status;
}

json::value cancel(Model& model, const Args& args, SimulatedTime now) {
  args.dbg();
  Task& task = task_of(model, args, "Data.cancel");
  if (task.state == Task::State::running) {
    task.state = Task::State::cancelled;
    task.cancelled_ms = std::max(now.count(), task.started_ms);
  }
  return nullptr;
}

json::value destroy(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  std::string id = task_of(model, args, "Data.destroy").id;
  model.tasks.erase(id);
  return nullptr;
}

json::value ls(Model& model, const Args& args, SimulatedTime) {
  args.dbg();
  json::array operations;
  for (const auto& [id, task] : model.tasks) operations.push_back(operation_json(task));
  return operations;
}

}  // namespace

const std::vector<HandlerEntry>& data_handlers() {
  static const std::vector<HandlerEntry> handlers = {
      {"Data.copy", copy},     {"Data.mirror", mirror},   {"Data.stat", stat},
      {"Data.cancel", cancel}, {"Data.destroy", destroy}, {"Data.ls", ls}};
  return handlers;
}

}  // namespace smapi::mock::storage::detail

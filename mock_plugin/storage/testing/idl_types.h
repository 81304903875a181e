#pragma once
// The result types of the xapi-storage IDL (xen-api
// ocaml/xapi-storage/generator/lib/control.ml, data.ml, common.ml) as
// rpclib writes them in JSON, and a checker, so tests of the storage model
// and of every transport can assert that an answer has the IDL's type.
//
// rpclib's encoding (ocaml-rpc src/lib/rpcmarshal.ml): a record is an
// object, an `option` field absent for None and the bare value for Some; a
// `(string * t) list` is an object; another list is an array, a tuple an
// array; a constructor without an argument is its name, one with an
// argument ["Name", argument]; unit is null. The checker is stricter than
// rpclib's reader in one way: a record field the IDL does not declare is a
// mismatch, so an answer is exactly the IDL's.

#include <gmock/gmock.h>

#include <boost/json.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock::storage::testing {

struct IdlType;
using IdlTypePtr = std::shared_ptr<const IdlType>;

struct IdlType {
  enum class Kind { string, int63, int64, boolean, number, unit, list, dict, tuple, record, variant };
  struct Field {
    std::string name;
    IdlTypePtr type;
    bool optional = false;
  };
  struct Tag {
    std::string name;
    IdlTypePtr argument;  // null for a constructor without one
  };
  Kind kind = Kind::unit;
  std::string name;                 // the IDL's name for a record or variant
  std::vector<IdlTypePtr> items;    // list/dict element; tuple members
  std::vector<Field> fields;        // record
  std::vector<Tag> tags;            // variant
};

namespace idl {

inline IdlTypePtr basic(IdlType::Kind kind) {
  auto t = std::make_shared<IdlType>();
  t->kind = kind;
  return t;
}
inline IdlTypePtr string() { return basic(IdlType::Kind::string); }
inline IdlTypePtr int63() { return basic(IdlType::Kind::int63); }  // OCaml int
inline IdlTypePtr int64() { return basic(IdlType::Kind::int64); }
inline IdlTypePtr boolean() { return basic(IdlType::Kind::boolean); }
inline IdlTypePtr number() { return basic(IdlType::Kind::number); }  // float
inline IdlTypePtr unit() { return basic(IdlType::Kind::unit); }
inline IdlTypePtr list(IdlTypePtr item) {
  auto t = std::make_shared<IdlType>();
  t->kind = IdlType::Kind::list;
  t->items = {std::move(item)};
  return t;
}
// (string * t) list
inline IdlTypePtr dict(IdlTypePtr item) {
  auto t = std::make_shared<IdlType>();
  t->kind = IdlType::Kind::dict;
  t->items = {std::move(item)};
  return t;
}
inline IdlTypePtr tuple(std::vector<IdlTypePtr> members) {
  auto t = std::make_shared<IdlType>();
  t->kind = IdlType::Kind::tuple;
  t->items = std::move(members);
  return t;
}
inline IdlTypePtr record(std::string name, std::vector<IdlType::Field> fields) {
  auto t = std::make_shared<IdlType>();
  t->kind = IdlType::Kind::record;
  t->name = std::move(name);
  t->fields = std::move(fields);
  return t;
}
inline IdlTypePtr variant(std::string name, std::vector<IdlType::Tag> tags) {
  auto t = std::make_shared<IdlType>();
  t->kind = IdlType::Kind::variant;
  t->name = std::move(name);
  t->tags = std::move(tags);
  return t;
}

// control.ml
inline IdlTypePtr health() {
  return variant("health", {{"Healthy", string()}, {"Recovering", string()},
                            {"Unreachable", string()}, {"Unavailable", string()}});
}
inline IdlTypePtr sr_stat() {
  return record("sr_stat", {{"sr", string()}, {"name", string()}, {"uuid", string(), true},
                            {"description", string()}, {"free_space", int64()}, {"total_space", int64()},
                            {"datasources", list(string())}, {"clustered", boolean()}, {"health", health()}});
}
inline IdlTypePtr volume_type() {
  return variant("volume_type", {{"Data", nullptr}, {"CBT_Metadata", nullptr}, {"Data_and_CBT_Metadata", nullptr}});
}
inline IdlTypePtr volume() {
  return record("volume", {{"key", string()}, {"uuid", string(), true}, {"name", string()},
                           {"description", string()}, {"read_write", boolean()}, {"sharable", boolean()},
                           {"virtual_size", int64()}, {"physical_utilisation", int64()},
                           {"uri", list(string())}, {"keys", dict(string())},
                           {"volume_type", volume_type(), true}, {"cbt_enabled", boolean(), true}});
}
inline IdlTypePtr changed_blocks() {
  return record("changed_blocks", {{"granularity", int63()}, {"bitmap", string()}});
}
inline IdlTypePtr configuration() { return dict(string()); }
inline IdlTypePtr probe_result() {
  return record("probe_result", {{"configuration", configuration()}, {"complete", boolean()},
                                 {"sr", sr_stat(), true}, {"extra_info", dict(string())}});
}
// common.ml
inline IdlTypePtr blocklist() {
  return record("blocklist", {{"blocksize", int63()}, {"ranges", list(tuple({int64(), int64()}))}});
}
// data.ml
inline IdlTypePtr backend() {
  auto path = [](const char* name) { return record(name, {{"path", string()}}); };
  return record("backend",
                {{"implementations",
                  list(variant("implementation",
                               {{"XenDisk", record("xendisk", {{"params", string()},
                                                               {"extra", dict(string())},
                                                               {"backend_type", string()}})},
                                {"BlockDevice", path("block_device")},
                                {"File", path("file")},
                                {"Nbd", record("nbd", {{"uri", string()}})}}))}});
}
inline IdlTypePtr operation() { return variant("operation", {{"CopyV1", string()}, {"MirrorV1", string()}}); }
inline IdlTypePtr status() {
  return record("status", {{"failed", boolean()}, {"complete", boolean()}, {"progress", number(), true}});
}

}  // namespace idl

// The declared result type of each SR, Volume, Datapath and Data method, by
// wire name; null for a name the IDL does not declare.
inline IdlTypePtr result_type(std::string_view wire_name) {
  using namespace idl;
  static const std::map<std::string, IdlTypePtr, std::less<>> types = {
      {"SR.probe", list(probe_result())}, {"SR.create", configuration()}, {"SR.attach", string()},
      {"SR.detach", unit()}, {"SR.destroy", unit()}, {"SR.stat", sr_stat()}, {"SR.set_name", unit()},
      {"SR.set_description", unit()}, {"SR.ls", list(volume())},
      {"Volume.create", volume()}, {"Volume.snapshot", volume()}, {"Volume.clone", volume()},
      {"Volume.copy", volume()}, {"Volume.destroy", unit()}, {"Volume.revert", unit()},
      {"Volume.set_name", unit()}, {"Volume.set_description", unit()}, {"Volume.set", unit()},
      {"Volume.unset", unit()}, {"Volume.resize", unit()}, {"Volume.stat", volume()},
      {"Volume.compare", blocklist()}, {"Volume.similar_content", list(string())},
      {"Volume.enable_cbt", unit()}, {"Volume.disable_cbt", unit()}, {"Volume.data_destroy", unit()},
      {"Volume.list_changed_blocks", changed_blocks()}, {"Volume.compose", unit()},
      {"Datapath.open", unit()}, {"Datapath.attach", backend()}, {"Datapath.activate", unit()},
      {"Datapath.activate_readonly", unit()}, {"Datapath.import_activate", string()},
      {"Datapath.deactivate", unit()}, {"Datapath.detach", unit()}, {"Datapath.close", unit()},
      {"Data.copy", operation()}, {"Data.mirror", operation()}, {"Data.stat", status()},
      {"Data.cancel", unit()}, {"Data.destroy", unit()}, {"Data.ls", list(operation())}};
  auto it = types.find(wire_name);
  return it == types.end() ? nullptr : it->second;
}

// "" when `v` has type `t`; otherwise the JSON path of the first mismatch
// and what was expected there.
inline std::string idl_mismatch(const boost::json::value& v, const IdlType& t, const std::string& path = "$") {
  using K = IdlType::Kind;
  auto fail = [&](std::string_view expected) {
    return path + ": expected " + std::string(expected) + ", got " + boost::json::serialize(v);
  };
  switch (t.kind) {
    case K::string: return v.is_string() ? "" : fail("a string");
    case K::boolean: return v.is_bool() ? "" : fail("a bool");
    case K::unit: return v.is_null() ? "" : fail("null (unit)");
    case K::int64: return v.is_int64() || (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(
                                              std::numeric_limits<std::int64_t>::max()))
                              ? ""
                              : fail("an int64");
    case K::int63: {
      constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 2;
      return v.is_int64() && v.get_int64() <= kMax && v.get_int64() >= -kMax - 1 ? "" : fail("an int (63 bits)");
    }
    case K::number:
      return v.is_int64() || v.is_uint64() || (v.is_double() && std::isfinite(v.get_double())) ? ""
                                                                                                : fail("a float");
    case K::list: {
      if (!v.is_array()) return fail("a list");
      const auto& a = v.get_array();
      for (std::size_t i = 0; i < a.size(); ++i)
        if (auto m = idl_mismatch(a[i], *t.items[0], path + "[" + std::to_string(i) + "]"); !m.empty()) return m;
      return "";
    }
    case K::dict: {
      if (!v.is_object()) return fail("an object ((string * t) list)");
      for (const auto& [k, item] : v.get_object())
        if (auto m = idl_mismatch(item, *t.items[0], path + "." + std::string(k)); !m.empty()) return m;
      return "";
    }
    case K::tuple: {
      if (!v.is_array() || v.get_array().size() != t.items.size())
        return fail("a tuple of " + std::to_string(t.items.size()));
      for (std::size_t i = 0; i < t.items.size(); ++i)
        if (auto m = idl_mismatch(v.get_array()[i], *t.items[i], path + "[" + std::to_string(i) + "]"); !m.empty())
          return m;
      return "";
    }
    case K::record: {
      if (!v.is_object()) return fail("a " + t.name + " record");
      const auto& o = v.get_object();
      for (const auto& f : t.fields) {
        const auto* item = o.if_contains(f.name);
        if (item == nullptr) {
          if (f.optional) continue;
          return path + "." + f.name + ": missing (" + t.name + " declares it)";
        }
        if (auto m = idl_mismatch(*item, *f.type, path + "." + f.name); !m.empty()) return m;
      }
      for (const auto& [k, item] : o) {
        bool declared = false;
        for (const auto& f : t.fields) declared = declared || f.name == k;
        if (!declared) return path + "." + std::string(k) + ": not a field of " + t.name;
      }
      return "";
    }
    case K::variant: {
      for (const auto& tag : t.tags) {
        if (tag.argument == nullptr && v.is_string() && v.get_string() == tag.name) return "";
        if (tag.argument != nullptr && v.is_array() && v.get_array().size() == 2 &&
            v.get_array()[0].is_string() && v.get_array()[0].get_string() == tag.name)
          return idl_mismatch(v.get_array()[1], *tag.argument, path + "[1]");
      }
      return fail("a constructor of " + t.name);
    }
  }
  return fail("a known type");
}

// Matches a method's result that has the IDL's declared result type:
//   EXPECT_THAT(reply.result, HasIdlResultType("Volume.create"));
MATCHER_P(HasIdlResultType, wire_name, "has the IDL's result type of " + std::string(wire_name)) {
  IdlTypePtr t = result_type(wire_name);
  if (t == nullptr) {
    *result_listener << "the IDL declares no method " << wire_name;
    return false;
  }
  std::string m = idl_mismatch(arg, *t);
  if (!m.empty()) *result_listener << m;
  return m.empty();
}

}  // namespace smapi::mock::storage::testing

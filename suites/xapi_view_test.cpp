#include "suites/xapi_view.h"

#include "suites/detail/ocaml_stdlib.h"
#include "suites/testing/builders.h"
#include "suites/xapi_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace smapi::suites {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::StartsWith;

// A good exec plugin whose Plugin.query printed `query` instead.
Observations answering(const std::string& query, PluginKind kind = PluginKind::volume) {
  auto observations = testing::good_exec_volume();
  observations.subject.kind = kind;
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, query);
  return observations;
}

std::string ext4_with(const std::string& from, const std::string& to) {
  std::string query = testing::kExt4Query;
  const auto at = query.find(from);
  if (at == std::string::npos) throw std::logic_error("no " + from);
  return query.replace(at, from.size(), to);
}

// The ext4 answer with these features (a JSON array's members).
std::string with_features(const std::string& members) {
  std::string query = testing::kExt4Query;
  const auto from = query.find(R"("features": [)");
  const auto to = query.find(']', from);
  return query.replace(from, to + 1 - from, R"("features": [)" + members + "]");
}

Observations with_scripts(Observations observations, std::vector<std::string> files) {
  observations.subject.method_files = std::move(files);
  return observations;
}

std::int64_t version_of(const XapiView& view, const std::string& name) {
  for (const auto& [feature, version] : view.features)
    if (feature == name) return version;
  return -1;
}

// xcp-ng xcp-ng-xapi-storage plugins/volume/org.xen.xapi.storage.zfs-vol: the
// Plugin.query answer of plugin.py and the links CMakeLists.txt installs.
constexpr const char* kZfsVolQuery =
    R"({"plugin": "zfs-vol", "name": "ZFS Volume plugin", "description": "This plugin manages VDIs as ZFS volumes", "vendor": "None", "copyright": "(C) 2021-2024 Vates", "version": "3.0", "required_api_version": "5.0", "features": ["VDI_CREATE", "VDI_DESTROY", "VDI_RESIZE", "VDI_SNAPSHOT", "VDI_CLONE"], "configuration": {}, "required_cluster_stack": []})";
const std::vector<std::string> kZfsVolScripts{
    "Plugin.Query",   "Plugin.diagnostics", "SR.attach",      "SR.create",         "SR.destroy",
    "SR.detach",      "SR.ls",              "SR.probe",       "SR.set_description", "SR.set_name",
    "SR.stat",        "Volume.clone",       "Volume.create",  "Volume.destroy",    "Volume.resize",
    "Volume.set",     "Volume.set_description", "Volume.set_name", "Volume.snapshot", "Volume.stat",
    "Volume.unset"};

TEST(XapiView, ReadsTheSmRecordOfAGoodVolumePlugin) {
  const auto view = xapi_view_of(testing::good_exec_volume());
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.sr_type, "ext4-ng");
  EXPECT_EQ(view.vendor, "None");
  EXPECT_EQ(view.required_api_version, "5.0");
  EXPECT_FALSE(view.api_version_deprecated);
  // The 15 declared (VDI_DESTROY renamed), VDI_INTRODUCE always, VDI_RESET_ON_BOOT for VDI_CLONE;
  // sorted by name as xapi stores them.
  EXPECT_THAT(view.capabilities,
              ElementsAre("SR_ATTACH", "SR_CREATE", "SR_DETACH", "SR_METADATA", "VDI_ACTIVATE", "VDI_ATTACH",
                          "VDI_ATTACH_OFFLINE", "VDI_CLONE", "VDI_CREATE", "VDI_DEACTIVATE", "VDI_DELETE",
                          "VDI_DETACH", "VDI_INTRODUCE", "VDI_RESET_ON_BOOT", "VDI_RESIZE", "VDI_SNAPSHOT",
                          "VDI_UPDATE"));
  EXPECT_THAT(view.features, Contains(Pair("SR_ATTACH", 1)));
  EXPECT_THAT(view.features, Contains(Pair("VDI_RESET_ON_BOOT", 2)));
  EXPECT_THAT(view.renamed, ElementsAre("VDI_DESTROY -> VDI_DELETE"));
  EXPECT_THAT(view.dropped, IsEmpty());
  EXPECT_THAT(view.clamped, IsEmpty());
  EXPECT_TRUE(view.scripts_known);
  EXPECT_FALSE(view.registration_applies);
  EXPECT_EQ(view.summary, "SR type \"ext4-ng\", 17 capabilities");
}

TEST(XapiView, AZfsVolLikePluginHasTheCapabilitiesOfItsScripts) {
  const auto view = xapi_view_of(with_scripts(answering(kZfsVolQuery), kZfsVolScripts));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.sr_type, "zfs-vol");
  EXPECT_THAT(view.capabilities,
              ElementsAre("SR_ATTACH", "SR_CREATE", "SR_DELETE", "SR_DETACH", "SR_PROBE", "SR_SCAN", "SR_UPDATE",
                          "VDI_ACTIVATE", "VDI_ATTACH", "VDI_CLONE", "VDI_CREATE", "VDI_DEACTIVATE", "VDI_DELETE",
                          "VDI_DETACH", "VDI_INTRODUCE", "VDI_RESET_ON_BOOT", "VDI_RESIZE", "VDI_SNAPSHOT",
                          "VDI_UPDATE"));
  EXPECT_EQ(view.summary, "SR type \"zfs-vol\", 19 capabilities");
  // Without its scripts it would have 11: the 5 declared, 5 always, clone on boot.
  EXPECT_EQ(xapi_view_of(answering(kZfsVolQuery)).capabilities.size(), 11u);
}

TEST(XapiView, AddsACapabilityForEachMethodScriptFoundCaseInsensitively) {
  const auto view = xapi_view_of(with_scripts(answering(with_features("")),
                                              {"Plugin.Query", "SR.ATTACH", "sr.ls", "Volume.stat", "Volume.set"}));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_THAT(view.capabilities, Contains("SR_ATTACH"));
  EXPECT_THAT(view.capabilities, Contains("SR_SCAN"));
  EXPECT_THAT(view.capabilities, Contains("VDI_UPDATE"));
  EXPECT_THAT(view.capabilities, Not(Contains("VDI_CREATE")));
  EXPECT_EQ(view.capabilities.size(), 8u);  // 3 from scripts + the five
  EXPECT_THAT(view.added, Contains(AllOf(Field(&AddedCapability::capability, "SR_SCAN"),
                                         Field(&AddedCapability::because, "script SR.ls"))));
}

TEST(XapiView, EveryVolumePluginHasTheFiveAlwaysPresentCapabilities) {
  const auto view = xapi_view_of(answering(with_features("")));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_THAT(view.capabilities,
              ElementsAre("VDI_ACTIVATE", "VDI_ATTACH", "VDI_DEACTIVATE", "VDI_DETACH", "VDI_INTRODUCE"));
  EXPECT_EQ(view.added.size(), 5u);
  EXPECT_EQ(view.summary, "SR type \"ext4-ng\", 5 capabilities");
}

TEST(XapiView, ResetOnBootComesWithVdiCloneExactly) {
  auto view = xapi_view_of(answering(with_features(R"("VDI_CLONE")")));
  EXPECT_THAT(view.features, Contains(Pair("VDI_RESET_ON_BOOT", 2)));
  EXPECT_THAT(view.added, Contains(Field(&AddedCapability::capability, "VDI_RESET_ON_BOOT/2")));
  // From the Volume.clone script too.
  view = xapi_view_of(with_scripts(answering(with_features("")), {"Volume.clone"}));
  EXPECT_THAT(view.features, Contains(Pair("VDI_RESET_ON_BOOT", 2)));
  // main.ml looks for the text "VDI_CLONE": a versioned VDI_CLONE/2 does not bring it.
  view = xapi_view_of(answering(with_features(R"("VDI_CLONE/2")")));
  EXPECT_THAT(view.features, Contains(Pair("VDI_CLONE", 2)));
  EXPECT_THAT(view.capabilities, Not(Contains("VDI_RESET_ON_BOOT")));
  view = xapi_view_of(answering(with_features(R"("VDI_SNAPSHOT")")));
  EXPECT_THAT(view.capabilities, Not(Contains("VDI_RESET_ON_BOOT")));
}

TEST(XapiView, DropsUnknownNamesAndKeepsBadOrLowVersionsAtOne) {
  const auto view = xapi_view_of(answering(with_features(
      R"("VDI_MIRROR/2", "FOO", "vdi_create", "VDI_DESTROY/2", "bad feature", "SR_STATS/0", "VDI_COMPOSE/x", )"
      R"("VDI_MIRROR_IN/-3", "SR_TRIM/2/junk", "LARGE_VDI/0x10", "VDI_MIRROR")")));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_THAT(view.dropped, ElementsAre("FOO", "vdi_create", "VDI_DESTROY/2", "bad feature"));
  EXPECT_THAT(view.clamped,
              ElementsAre(AllOf(Field(&ClampedFeature::text, "SR_STATS/0"),
                                Field(&ClampedFeature::reason, "version below 1, raised to 1")),
                          AllOf(Field(&ClampedFeature::text, "VDI_COMPOSE/x"),
                                Field(&ClampedFeature::reason, "bad version, defaulting to 1")),
                          Field(&ClampedFeature::text, "VDI_MIRROR_IN/-3")));
  // A bad version is not dropped: the feature is kept at 1.
  EXPECT_THAT(view.capabilities, Contains("VDI_COMPOSE"));
  EXPECT_EQ(version_of(view, "VDI_COMPOSE"), 1);
  EXPECT_EQ(version_of(view, "SR_STATS"), 1);
  EXPECT_EQ(version_of(view, "VDI_MIRROR_IN"), 1);
  EXPECT_EQ(version_of(view, "SR_TRIM"), 2);       // parts after a second '/' ignored
  EXPECT_EQ(version_of(view, "LARGE_VDI"), 16);    // Int64.of_string reads 0x10
  EXPECT_EQ(std::count(view.capabilities.begin(), view.capabilities.end(), "VDI_MIRROR"), 1);
  EXPECT_THAT(view.renamed, IsEmpty());  // VDI_DESTROY/2 is not renamed: only the exact text is
}

TEST(XapiView, DuplicatesCollapseAsListSortUniqDecides) {
  // Declared VDI_ATTACH/3 meets the VDI_ATTACH every Volume plugin gets:
  // List.sort_uniq keeps the added one.
  const auto view = xapi_view_of(answering(with_features(R"("VDI_ATTACH/3")")));
  EXPECT_EQ(version_of(view, "VDI_ATTACH"), 1);
  EXPECT_EQ(std::count(view.capabilities.begin(), view.capabilities.end(), "VDI_ATTACH"), 1);
}

TEST(XapiView, LowerCasesTheSrTypeAndCopiesConfigurationAndClusterStacks) {
  auto query = ext4_with(R"("configuration": {})", R"("configuration": {"device": "the block device"})");
  query.replace(query.find(R"("plugin": "ext4-ng")"), 19, R"("plugin": "EXT4-NG")");
  query.replace(query.find(R"("required_cluster_stack": [])"), 28, R"("required_cluster_stack": ["corosync"])");
  const auto view = xapi_view_of(answering(query));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.sr_type, "ext4-ng");
  EXPECT_THAT(view.configuration, ElementsAre(Pair("device", "the block device")));
  EXPECT_THAT(view.required_cluster_stack, ElementsAre("corosync"));
}

TEST(XapiView, ReadsKeysAsXapiDoesWhateverTheProfile) {
  auto observations = answering(ext4_with(R"("vendor")", R"("Vendor")"));
  observations.subject.profile = Profile::strict;
  const auto view = xapi_view_of(observations);
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.vendor, "None");
}

TEST(XapiView, AMissingOrMistypedFieldMeansXapiCannotUnmarshalIt) {
  auto view = xapi_view_of(answering(ext4_with(R"("vendor": "None", )", "")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("Unexpected exception"));
  EXPECT_THAT(view.problem, HasSubstr("vendor"));
  EXPECT_THAT(view.summary, StartsWith("xapi would not register the plugin: "));
  view = xapi_view_of(answering(ext4_with(R"("version": "3.0")", R"("version": 3)")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("$.version"));
}

TEST(XapiView, VolumeApiVersionsAsXapiReadsThem) {
  const auto api = [](const std::string& version) {
    return xapi_view_of(answering(ext4_with(R"("required_api_version": "5.0")",
                                            R"("required_api_version": ")" + version + "\"")));
  };
  auto view = api("3.0");
  EXPECT_TRUE(view.available);
  EXPECT_TRUE(view.api_version_deprecated);
  EXPECT_THAT(view.api_version_note, HasSubstr("on_xapi_start"));
  view = api("6.0");  // numeric, >= 2.0: xapi accepts it
  EXPECT_TRUE(view.available) << view.problem;
  EXPECT_FALSE(view.api_version_deprecated);
  view = api("1.9");
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("below 2.0"));
  EXPECT_FALSE(api("2").available);  // [2] < [2; 0]
  EXPECT_TRUE(api("2.0").available);
  view = api("5.0a");
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("version_of_string"));
}

TEST(XapiView, TheStorageAccessTypeIsNeverRegistered) {
  const auto view = xapi_view_of(answering(ext4_with(R"("plugin": "ext4-ng")", R"("plugin": "Storage_Access")")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("create_from_query_result"));
}

TEST(XapiView, OverHttpTheScriptCapabilitiesAreUnknown) {
  const auto view = xapi_view_of(testing::jsonrpc_plugin(contract::JsonRpcVersion::v1,
                                                         R"({"result": )" + with_features("") + R"(, "error": null, "id": 1})"));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_FALSE(view.scripts_known);
  EXPECT_EQ(view.capabilities.size(), 5u);
  EXPECT_THAT(view.summary, HasSubstr("unknown over HTTP"));
}

TEST(XapiView, NoUsableAnswerSaysWhatXapiWouldReport) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, "not json");
  auto view = xapi_view_of(observations);
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("bad json on stdout"));

  observations.calls[0] = testing::undelivered_call(contract::Method::query, Delivery::missing);
  EXPECT_THAT(xapi_view_of(observations).problem, HasSubstr("SCRIPT_MISSING"));

  EXPECT_EQ(xapi_view_of(Observations{}).problem, "Plugin.query was not called");
}

// A datapath plugin in directory tapdisk answering `query`.
Observations datapath_answering(const std::string& query) {
  auto observations = answering(query, PluginKind::datapath);
  observations.subject.plugin_dir_name = "tapdisk";
  observations.subject.target = "/plugins/datapath/tapdisk";
  return observations;
}

CallObservation register_call(const std::string& out, int code = 0) {
  auto call = testing::exec_call(contract::Method::query, code, out);
  call.probe = Probe::dbg_variant;
  call.label = "Plugin.query (dbg: \"register\")";
  call.request = R"({"dbg": "register"})";
  return call;
}

TEST(XapiView, ADatapathIsRegisteredForTheSchemeItsDirectoryNames) {
  const auto view = xapi_view_of(datapath_answering(testing::kExt4Query));
  EXPECT_TRUE(view.registration_applies);
  EXPECT_TRUE(view.registration_succeeds);
  EXPECT_EQ(view.summary, "datapath plugin for URI scheme tapdisk, registered");
  // No SR type and no capabilities: a datapath plugin has no SM record.
  EXPECT_EQ(view.sr_type, "");
  EXPECT_THAT(view.capabilities, IsEmpty());
  EXPECT_THAT(view.features, IsEmpty());
  EXPECT_THAT(view.registration_detail, HasSubstr("plain Plugin.query call"));
}

TEST(XapiView, ADatapathWithAnotherApiVersionIsNotRegistered) {
  auto view = xapi_view_of(datapath_answering(
      ext4_with(R"("required_api_version": "5.0")", R"("required_api_version": "6.0")")));
  EXPECT_FALSE(view.registration_succeeds);
  EXPECT_THAT(view.summary, StartsWith("datapath plugin for URI scheme tapdisk, not registered: "));
  EXPECT_THAT(view.summary, HasSubstr("check_plugin_version_compatible"));
  view = xapi_view_of(datapath_answering(
      ext4_with(R"("required_api_version": "5.0")", R"("required_api_version": "3.0")")));
  EXPECT_TRUE(view.registration_succeeds);
  EXPECT_TRUE(view.api_version_deprecated);
}

TEST(XapiView, DatapathRegistrationIsJudgedFromTheRegisterCallWhenThereIsOne) {
  auto observations = datapath_answering(testing::kExt4Query);
  observations.calls.push_back(register_call(
      R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.query"],"backtrace":{"error":"","files":[],"lines":[]}})",
      1));
  const auto failed = xapi_view_of(observations);
  EXPECT_FALSE(failed.registration_succeeds);
  EXPECT_THAT(failed.registration_detail, HasSubstr("dbg \"register\""));
  EXPECT_THAT(failed.summary, HasSubstr("not registered: Plugin.query failed with"));

  observations.calls.back() = register_call(testing::kExt4Query);
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, "not json");
  EXPECT_TRUE(xapi_view_of(observations).registration_succeeds);
}

TEST(XapiView, ARegisterCallCutByTheRunIsJudgedByThePlainCallWithTheSameAnswer) {
  // An answer over kKeptProbeBytes: the run keeps a prefix of a probe's result.
  const std::string big = ext4_with(R"("description": "This plugin manages a ext4 based SR")",
                                    R"("description": ")" + std::string(2 * kKeptProbeBytes, 'd') + "\"");
  auto observations = datapath_answering(big);
  observations.calls.push_back(register_call(big));
  for (auto& call : observations.calls) compact_call(call);
  ASSERT_TRUE(observations.calls.back().whole);
  auto view = xapi_view_of(observations);
  EXPECT_TRUE(view.registration_succeeds) << view.problem;
  EXPECT_THAT(view.registration_detail, HasSubstr("the same as that of the call with dbg \"register\""));

  observations.calls.back() = register_call(ext4_with(R"("required_api_version": "5.0")",
                                                      R"("required_api_version": "5.0", "x": ")" +
                                                          std::string(2 * kKeptProbeBytes, 'x') + "\""));
  compact_call(observations.calls.back());
  view = xapi_view_of(observations);
  EXPECT_THAT(view.registration_detail, HasSubstr("answered otherwise"));
}

TEST(XapiView, ADatapathOverHttpHasNoDirectory) {
  auto observations = testing::jsonrpc_plugin(contract::JsonRpcVersion::v1,
                                              R"({"result": )" + std::string(testing::kExt4Query) +
                                                  R"(, "error": null, "id": 1})");
  observations.subject.kind = PluginKind::datapath;
  const auto view = xapi_view_of(observations);
  EXPECT_THAT(view.summary, StartsWith("datapath plugin served over HTTP"));
  EXPECT_THAT(view.summary, HasSubstr("no directory"));
  EXPECT_THAT(view.summary, HasSubstr(", registered"));
}

TEST(XapiFeatures, ReadsAFeatureAsSmintDoes) {
  using Read = XapiFeature::Read;
  EXPECT_EQ(xapi_read_feature("SR_ATTACH").read, Read::kept);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/2").version, 2);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/+7").version, 7);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/").read, Read::bad_version);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/ 2").read, Read::bad_version);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/9223372036854775808").read, Read::bad_version);
  EXPECT_EQ(xapi_read_feature("VDI_MIRROR/0xFFFFFFFFFFFFFFFF").read, Read::version_below_1);  // -1
  EXPECT_EQ(xapi_read_feature("VDI_DESTROY").read, Read::unknown_name);  // renamed before, by main.ml
  EXPECT_EQ(xapi_read_feature("Sr_attach").read, Read::unknown_name);
  EXPECT_EQ(xapi_read_feature("").read, Read::unknown_name);
  EXPECT_EQ(xapi_read_feature("NONPERSISTENT").read, Read::unknown_name);
}

TEST(XapiFeatures, ReadsAVersionAsXapiSmDoes) {
  EXPECT_EQ(xapi_version_of_string("5.0"), (std::vector<std::int64_t>{5, 0}));
  EXPECT_EQ(xapi_version_of_string("0x5.1_0"), (std::vector<std::int64_t>{5, 10}));
  EXPECT_EQ(xapi_version_of_string("5.0a"), std::nullopt);
  EXPECT_EQ(xapi_version_of_string("5."), std::nullopt);
  EXPECT_EQ(xapi_version_of_string(""), std::nullopt);
  EXPECT_TRUE(xapi_version_below_2({1, 99}));
  EXPECT_TRUE(xapi_version_below_2({2}));
  EXPECT_FALSE(xapi_version_below_2({2, 0}));
  EXPECT_FALSE(xapi_version_below_2({10}));
}

// Expected values: OCaml 4.13 (`ocaml` toplevel), Int64.of_string and int_of_string.
TEST(OcamlStdlib, IntOfString) {
  using detail::ocaml_int_of_string;
  EXPECT_EQ(ocaml_int_of_string("+5"), 5);
  EXPECT_EQ(ocaml_int_of_string("-5"), -5);
  EXPECT_EQ(ocaml_int_of_string("0X1f"), 31);
  EXPECT_EQ(ocaml_int_of_string("0b11"), 3);
  EXPECT_EQ(ocaml_int_of_string("0o17"), 15);
  EXPECT_EQ(ocaml_int_of_string("0u5"), 5);
  EXPECT_EQ(ocaml_int_of_string("1__2"), 12);
  EXPECT_EQ(ocaml_int_of_string("1_"), 1);
  EXPECT_EQ(ocaml_int_of_string("00012"), 12);
  for (const char* bad : {"", "-", "+", "_1", " 5", "5 ", "1e3", "0x", "0x_1", "0B2", "0xG"})
    EXPECT_EQ(ocaml_int_of_string(bad), std::nullopt) << bad;
  EXPECT_EQ(ocaml_int_of_string(std::string_view("2\0" "3", 3)), std::nullopt);
  EXPECT_EQ(ocaml_int_of_string("4611686018427387903"), 4611686018427387903LL);
  EXPECT_EQ(ocaml_int_of_string("4611686018427387904"), std::nullopt);
  EXPECT_EQ(ocaml_int_of_string("4611686018427387904", 64), 4611686018427387904LL);
  EXPECT_EQ(ocaml_int_of_string("9223372036854775808", 64), std::nullopt);
  EXPECT_EQ(ocaml_int_of_string("-9223372036854775808", 64), INT64_MIN);
  EXPECT_EQ(ocaml_int_of_string("0xFFFFFFFFFFFFFFFF", 64), -1);
  EXPECT_EQ(ocaml_int_of_string("0xFFFFFFFFFFFFFFFF"), std::nullopt);
  EXPECT_EQ(ocaml_int_of_string("0x7FFFFFFFFFFFFFFF"), -1);
  EXPECT_EQ(ocaml_int_of_string("0x4000000000000000"), -4611686018427387904LL);
}

// Expected values: OCaml 4.13's List.sort_uniq on the same lists (2000 random
// lists agreed when this was written; these are some of them).
TEST(OcamlStdlib, SortUniqKeepsWhatListSortUniqKeeps) {
  using P = std::pair<std::string, int>;
  const auto cmp = [](const P& a, const P& b) { return a.first.compare(b.first); };
  const auto sorted = [&](std::vector<P> in) { return detail::ocaml_sort_uniq(in, cmp); };
  EXPECT_EQ(sorted({}), std::vector<P>{});
  EXPECT_EQ(sorted({{"A", 1}, {"A", 2}}), (std::vector<P>{{"A", 1}}));
  EXPECT_EQ(sorted({{"A", 1}, {"A", 2}, {"A", 3}}), (std::vector<P>{{"A", 2}}));
  EXPECT_EQ(sorted({{"A", 1}, {"B", 1}, {"A", 2}}), (std::vector<P>{{"A", 1}, {"B", 1}}));
  EXPECT_EQ(sorted({{"A", 2}, {"B", 1}, {"A", 1}}), (std::vector<P>{{"A", 2}, {"B", 1}}));
  EXPECT_EQ(sorted({{"D", 0}, {"C", 1}, {"A", 2}, {"B", 3}, {"B", 4}, {"B", 5}, {"A", 6}, {"B", 7}, {"A", 8}}),
            (std::vector<P>{{"A", 2}, {"B", 3}, {"C", 1}, {"D", 0}}));
  EXPECT_EQ(sorted({{"B", 0}, {"A", 1}, {"D", 2}, {"C", 3}, {"C", 4}, {"B", 5}, {"B", 6}, {"B", 7}, {"C", 8},
                    {"C", 9}, {"B", 10}, {"D", 11}}),
            (std::vector<P>{{"A", 1}, {"B", 0}, {"C", 4}, {"D", 2}}));
  EXPECT_EQ(sorted({{"A", 0}, {"A", 1}, {"A", 2}, {"C", 3}, {"C", 4}, {"B", 5}, {"B", 6}, {"A", 7}, {"D", 8},
                    {"A", 9}, {"C", 10}, {"B", 11}}),
            (std::vector<P>{{"A", 1}, {"B", 5}, {"C", 4}, {"D", 8}}));
}

}  // namespace
}  // namespace smapi::suites

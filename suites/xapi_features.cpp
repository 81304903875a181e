#include "suites/xapi_features.h"

#include "suites/detail/ocaml_stdlib.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace smapi::suites {
namespace {

constexpr std::array<std::string_view, 37> kXapiFeatures{
    "SR_CREATE",          "SR_DELETE",          "SR_ATTACH",
    "SR_DETACH",          "SR_SCAN",            "SR_PROBE",
    "SR_UPDATE",          "SR_SUPPORTS_LOCAL_CACHING", "SR_METADATA",
    "SR_TRIM",            "SR_MULTIPATH",       "SR_CACHING",
    "SR_STATS",           "VDI_CREATE",         "VDI_DELETE",
    "VDI_ATTACH",         "VDI_DETACH",         "VDI_MIRROR",
    "VDI_MIRROR_IN",      "VDI_RESIZE",         "VDI_RESIZE_ONLINE",
    "VDI_CLONE",          "VDI_SNAPSHOT",       "VDI_ACTIVATE",
    "VDI_ACTIVATE_READONLY", "VDI_DEACTIVATE",  "VDI_UPDATE",
    "VDI_INTRODUCE",      "VDI_GENERATE_CONFIG", "VDI_ATTACH_OFFLINE",
    "VDI_RESET_ON_BOOT",  "VDI_CONFIG_CBT",     "VDI_COMPOSE",
    "LARGE_VDI",          "THIN_PROVISIONING",  "VDI_READ_CACHING",
    "VDI_REVERT"};

constexpr std::array<std::string_view, 2> kDatapathFeatures{"NONPERSISTENT", "VDI_NONPERSISTENT"};

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

std::optional<Feature> parse_feature(std::string_view text) {
  const auto slash = text.find('/');
  const std::string_view name = text.substr(0, slash);
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) return std::nullopt;
  Feature feature{std::string(name), std::nullopt};
  if (slash == std::string_view::npos) return feature;
  const std::string_view digits = text.substr(slash + 1);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(),
                                     [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  long long version = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc{} || end != digits.data() + digits.size() || version <= 0) return std::nullopt;
  feature.version = version;
  return feature;
}

std::string_view xapi_feature_name(std::string_view name) {
  return name == "VDI_DESTROY" ? std::string_view("VDI_DELETE") : name;
}

bool xapi_knows_feature(std::string_view name, PluginKind kind) {
  const auto renamed = xapi_feature_name(name);
  const auto known = [&](const auto& list) {
    return std::find(list.begin(), list.end(), renamed) != list.end();
  };
  return known(kXapiFeatures) || (kind == PluginKind::datapath && known(kDatapathFeatures));
}

XapiFeature xapi_read_feature(std::string_view text) {
  XapiFeature feature;
  const auto slash = text.find('/');
  feature.name = std::string(text.substr(0, slash));
  if (std::find(kXapiFeatures.begin(), kXapiFeatures.end(), feature.name) == kXapiFeatures.end()) {
    feature.read = XapiFeature::Read::unknown_name;
    return feature;
  }
  if (slash == std::string_view::npos) return feature;
  auto version = text.substr(slash + 1);
  version = version.substr(0, version.find('/'));  // parts after a second '/' are ignored
  const auto value = detail::ocaml_int_of_string(version, 64);
  if (!value) {
    feature.read = XapiFeature::Read::bad_version;
  } else if (*value < 1) {
    feature.read = XapiFeature::Read::version_below_1;
  } else {
    feature.version = *value;
  }
  return feature;
}

std::optional<std::vector<std::int64_t>> xapi_version_of_string(std::string_view text) {
  std::vector<std::int64_t> parts;
  for (std::size_t from = 0;;) {
    const auto dot = text.find('.', from);
    const auto part = detail::ocaml_int_of_string(text.substr(from, dot - from), 63);
    if (!part) return std::nullopt;
    parts.push_back(*part);
    if (dot == std::string_view::npos) return parts;
    from = dot + 1;
  }
}

bool xapi_version_below_2(const std::vector<std::int64_t>& version) {
  const std::vector<std::int64_t> two{2, 0};
  return std::lexicographical_compare(version.begin(), version.end(), two.begin(), two.end());
}

}  // namespace smapi::suites

#pragma once
// The manifest of a certification bundle and the checks `verify` makes on a
// bundle's contents. Pure: bytes in, text or problems out (the signature is
// checked by harness/certify_command with ssh-keygen).
//
// manifest.json (manifest_version 2):
// {
//   "manifest_version": 2,
//   "tool": {"name": "smapi-conform", "version": "0.1.0"},
//   "catalogue_version": "2.0.0",            // suites::kCatalogueVersion
//   "catalogue_digest": "<sha256 hex of the catalogue rows>",
//   "query_fingerprint": "<sha256 hex of the first Plugin.query reply's bytes>" | "",
//   "subject": {...},                 // as report.json's "subject"
//   "verdict": "conformant",
//   "created_at": "2026-01-02T03:04:05Z",
//   "files": [{"name": "report.json", "sha256": "<hex>", "bytes": N}, ...]
// }

#include "suites/result.h"

#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports {

// 2: "catalogue_version" is the catalogue's semver, its digest moved to
// "catalogue_digest" (version 1 held the digest as "catalogue_version").
inline constexpr int kManifestVersion = 2;

// The file names inside a bundle.
inline constexpr std::string_view kManifestFileName = "manifest.json";
inline constexpr std::string_view kSignatureFileName = "manifest.json.sig";

// The ssh-keygen -Y namespace bundle signatures are made in, so a signature
// made for anything else (e.g. git commits, namespace "git") never verifies.
inline constexpr std::string_view kSignatureNamespace = "smapi-conform-bundle";

// The catalogue's digest: the SHA-256 (hex) of its rows, one per line,
// "ID\tarea\tLEVEL\tstatement\n", in catalogue order. Any change to an ID,
// area, level or statement changes it. The manifest records it beside the
// catalogue's version (suites::catalogue_version()).
std::string catalogue_digest(std::span<const suites::Requirement> catalogue);

// The SHA-256 (hex) of the first Plugin.query reply's raw bytes; "" when no
// Plugin.query call was made.
std::string query_fingerprint(const suites::Observations& observations);

struct ManifestFile {
  std::string name;
  std::string sha256;  // hex
  std::uint64_t bytes = 0;
};

// The manifest for a run whose bundle holds `files` (name -> bytes).
std::string manifest_text(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const std::map<std::string, std::string>& files);

// What a verifier found in a bundle: the problems (one line each, empty when
// the bundle is good) and notes (facts worth printing either way).
struct BundleCheck {
  std::vector<std::string> problems;
  std::vector<std::string> notes;
};

// Checks a bundle's contents (file name -> bytes, manifest included; the
// signature is not looked at): the manifest parses and has this shape, every
// file it lists is present with its SHA-256 and size, it lists report.json,
// its catalogue version is this tool's (suites::catalogue_version()) and its
// catalogue digest is `catalogue`'s (a note names both when they match),
// report.json names the same catalogue version, and in report.json every MUST
// requirement of `catalogue` is present with outcome pass, warn or skip (a
// skip means the requirement does not apply to this plugin, as the plugin
// itself declared; it is listed in the notes) and no waiver, the verdict is
// conformant, and the run made the robustness probes (subject.probes).
BundleCheck check_bundle(const std::map<std::string, std::string>& contents,
                         std::span<const suites::Requirement> catalogue);

}  // namespace smapi::reports

#pragma once
// A scanner for data that must not reach a bug report: e-mail, IP and MAC
// addresses, passwords, private keys and long secret-looking tokens. Pure:
// text in, findings out. DIAG-NO-PII runs it over Plugin.diagnostics.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites::detail {

// Bounds of a scan: which runs count as tokens and how much is reported.
struct PiiScanSettings {
  // A run of hex digits at least this long looks like a key or token (a
  // SHA-1 is 40, an MD5 32; UUIDs have runs of 12 at most and pass).
  std::size_t min_hex_token = 32;
  // A run of base64 characters at least this long, mixing upper case, lower
  // case and digits, looks like a key or token.
  std::size_t min_base64_token = 40;
  // Findings reported at most; the scan stops after this many.
  std::size_t max_findings = 20;
  // Characters of a finding kept at each end of its redacted excerpt.
  std::size_t kept_chars = 2;
  // Mask characters shown at most between them, so a long token stays short.
  std::size_t max_mask_chars = 16;
};

struct PiiFinding {
  std::string kind;      // "e-mail address", "IPv4 address", "password assignment", ...
  std::size_t offset = 0;  // byte offset of the match in the text
  std::size_t line = 1;    // 1-based line of the match
  std::string redacted;  // the match with its middle masked: "jo***********om"
};

// Every suspicious match, in text order, at most settings.max_findings.
// Loopback and unspecified addresses (127.x.x.x, 0.0.0.0, ::, ::1) are not
// reported: they identify no one.
std::vector<PiiFinding> scan_for_pii(std::string_view text, const PiiScanSettings& settings = {});

// "e-mail address at line 3 (byte 57): jo***********om".
std::string describe(const PiiFinding& finding);

}  // namespace smapi::suites::detail

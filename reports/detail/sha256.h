#pragma once
// SHA-256 digests for the certification manifest and the HTML report's
// Content-Security-Policy script hash (OpenSSL's libcrypto does the work).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The SHA-256 digest of bytes.
Sha256Digest sha256(std::string_view bytes);

// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// The digest in standard base64 with padding (44 characters), as CSP's
// 'sha256-...' source expressions want it.
std::string sha256_base64(std::string_view bytes);

}  // namespace smapi::reports::detail

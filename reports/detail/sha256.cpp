#include "reports/detail/sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace smapi::reports::detail {

Sha256Digest sha256(std::string_view bytes) {
  // libcrypto would otherwise read the host's openssl.cnf on first use, and
  // a provider or engine it names that cannot be loaded (a module missing,
  // or built for another glibc than a static smapi-conform's) makes every
  // digest fail. SHA-256 needs nothing from it. Runs once; later calls are
  // no-ops.
  static const bool configured = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
  if (!configured) throw std::runtime_error("SHA-256: libcrypto failed to initialise");
  Sha256Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size())
    throw std::runtime_error("SHA-256: libcrypto's EVP_Digest failed");
  return digest;
}

std::string sha256_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : sha256(bytes)) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string sha256_base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const Sha256Digest digest = sha256(bytes);
  std::string out;
  std::size_t i = 0;
  for (; i + 3 <= digest.size(); i += 3) {
    const unsigned v = (digest[i] << 16) | (digest[i + 1] << 8) | digest[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  // 32 bytes leave 2: three characters and one '='.
  const unsigned v = (digest[i] << 16) | (digest[i + 1] << 8);
  out += kAlphabet[(v >> 18) & 63];
  out += kAlphabet[(v >> 12) & 63];
  out += kAlphabet[(v >> 6) & 63];
  out += '=';
  return out;
}

}  // namespace smapi::reports::detail

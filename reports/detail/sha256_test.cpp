#include "reports/detail/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace smapi::reports::detail {
namespace {

// FIPS 180-2 / NIST test vectors.
TEST(Sha256, NistVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, Base64FormIsTheCspForm) {
  // printf abc | openssl dgst -sha256 -binary | base64
  EXPECT_EQ(sha256_base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(sha256_base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Sha256, BytesWithNulAndHighBitsCount) {
  EXPECT_NE(sha256_hex(std::string("a\0b", 3)), sha256_hex("ab"));
  EXPECT_EQ(sha256_hex(std::string("\xff\x00", 2)).size(), 64u);
}

}  // namespace
}  // namespace smapi::reports::detail

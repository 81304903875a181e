// The PII scanner as a table: y_ texts must be flagged (with the kind named),
// n_ texts must not.

#include "suites/detail/pii_scan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::suites::detail {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

struct Flagged {
  const char* name;
  const char* text;
  const char* kind;
};

class PiiScanFlags : public ::testing::TestWithParam<Flagged> {};

TEST_P(PiiScanFlags, NamesWhatItFound) {
  const auto findings = scan_for_pii(GetParam().text);
  ASSERT_FALSE(findings.empty()) << GetParam().text;
  EXPECT_EQ(findings.front().kind, GetParam().kind);
}

INSTANTIATE_TEST_SUITE_P(
    Y, PiiScanFlags,
    ::testing::Values(
        Flagged{"y_email", "contact root@storage.example.com for help", "e-mail address"},
        Flagged{"y_email_plus", "<a.b+tag@mail.co.uk>", "e-mail address"},
        Flagged{"y_ipv4", "connected to 192.168.1.20:3260", "IPv4 address"},
        Flagged{"y_ipv4_line_start", "10.0.0.1 is the target", "IPv4 address"},
        Flagged{"y_ipv6_full", "peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up", "IPv6 address"},
        Flagged{"y_ipv6_short", "peer fe80::1ff:fe23:4567:890a%eth0", "IPv6 address"},
        Flagged{"y_mac_colons", "eth0 link/ether 52:54:00:12:34:56", "MAC address"},
        Flagged{"y_mac_dashes", "nic 52-54-00-AB-CD-EF", "MAC address"},
        Flagged{"y_password", "mount -o username=admin,password=hunter2", "password or secret assignment"},
        Flagged{"y_password_colon", "chap Password: s3cr3t", "password or secret assignment"},
        Flagged{"y_token", "auth token=abc", "password or secret assignment"},
        Flagged{"y_private_key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB", "private key"},
        Flagged{"y_hex_token", "key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "long hex token"},
        Flagged{"y_base64_token", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0abc",
                "long base64 token"}),
    [](const auto& info) { return std::string(info.param.name); });

class PiiScanPasses : public ::testing::TestWithParam<const char*> {};

TEST_P(PiiScanPasses, FindsNothing) {
  EXPECT_THAT(scan_for_pii(GetParam()), IsEmpty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    N, PiiScanPasses,
    ::testing::Values("No diagnostic data to report", "",
                      "SR 7f0c6a36-2c1a-4f3b-9f1e-2b6d9d0c5a11 attached",  // a UUID is no secret
                      "listening on 127.0.0.1:8080 and ::1", "bound to 0.0.0.0 and ::",
                      "started at 12:30:45, took 01:02", "version 5.0, api 3.0",
                      "user@localhost logged in",  // no domain: a login, not an address
                      "path /usr/lib/python3/dist-packages/xapi/storage/libs/libcow/cow.py",
                      "password: (not set)",  // the word, no value right after it
                      "1.2.3.4.5 is a version, not an address", "deadbeef", "sizes 1024:2048:4096"));

TEST(PiiScan, RedactsAndLocates) {
  const auto findings = scan_for_pii("first line\nmail bob@example.org now");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 2u);
  EXPECT_EQ(findings[0].offset, 16u);
  EXPECT_EQ(findings[0].redacted, "bo***********rg");
  EXPECT_THAT(describe(findings[0]), HasSubstr("e-mail address at line 2 (byte 16): bo"));
  EXPECT_THAT(describe(findings[0]), Not(HasSubstr("bob@")));
}

TEST(PiiScan, LongTokenRedactionStaysShort) {
  const auto findings = scan_for_pii(std::string(4096, 'f'));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].redacted, "ff****************ff");
}

TEST(PiiScan, APrivateKeyBlockIsOneFinding) {
  const std::string key =
      "ok\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
      "QyNTUxOQAAACDQ3b0aK9Xk1Xz3mWq8Zf0ZJ7h6zqTz4S1Zt0pW4o5Y9wAAAJgAAAAAAAAA\n"
      "-----END OPENSSH PRIVATE KEY-----\ndone";
  const auto findings = scan_for_pii(key);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "private key");
  EXPECT_EQ(findings[0].line, 2u);
}

TEST(PiiScan, StopsAtMaxFindings) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "u" + std::to_string(i) + "@example.com ";
  PiiScanSettings settings;
  settings.max_findings = 5;
  EXPECT_EQ(scan_for_pii(text, settings).size(), 5u);
}

TEST(PiiScan, LargeTextScansWithoutBlowingUp) {
  const std::string text(1024 * 1024, 'z');  // one 1 MiB run: neither hex nor a mixed token
  EXPECT_THAT(scan_for_pii(text), IsEmpty());
}

}  // namespace
}  // namespace smapi::suites::detail

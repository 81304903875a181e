#include "suites/detail/pii_scan.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace smapi::suites::detail {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_email_local(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain(char c) { return is_alnum(c) || c == '.' || c == '-'; }
bool is_base64(char c) { return is_alnum(c) || c == '+' || c == '/' || c == '='; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// A match found in the text: where, how long, what.
struct Match {
  std::size_t begin;
  std::size_t length;
  std::string_view kind;
};

// The maximal run of characters satisfying `in` that covers position `at`.
template <typename Pred>
std::pair<std::size_t, std::size_t> run_around(std::string_view text, std::size_t at, Pred in) {
  std::size_t begin = at, end = at;
  while (begin > 0 && in(text[begin - 1])) --begin;
  while (end < text.size() && in(text[end])) ++end;
  return {begin, end};
}

void find_emails(std::string_view text, std::vector<Match>& out) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_email_local(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_domain(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at) continue;
    const auto domain = text.substr(at + 1, end - at - 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    const auto tld = domain.substr(dot + 1);
    if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), is_alpha)) continue;
    out.push_back({begin, end - begin, "e-mail address"});
  }
}

void find_ipv4(std::string_view text, std::vector<Match>& out) {
  const auto in = [](char c) { return is_digit(c) || c == '.'; };
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) { ++i; continue; }
    auto [begin, end] = run_around(text, i, in);
    i = end;
    while (begin < end && text[begin] == '.') ++begin;
    while (end > begin && text[end - 1] == '.') --end;
    const std::string token(text.substr(begin, end - begin));
    if (std::count(token.begin(), token.end(), '.') != 3) continue;
    // Part of a longer name (host.10.0.0.1.example) or of an IPv6 text: not an address alone.
    if ((begin > 0 && (is_alpha(text[begin - 1]) || text[begin - 1] == ':')) ||
        (end < text.size() && is_alpha(text[end])))
      continue;
    in_addr address{};
    if (::inet_pton(AF_INET, token.c_str(), &address) != 1) continue;
    if (token.rfind("127.", 0) == 0 || token == "0.0.0.0") continue;
    out.push_back({begin, end - begin, "IPv4 address"});
  }
}

void find_ipv6(std::string_view text, std::vector<Match>& out) {
  const auto in = [](char c) { return is_hex(c) || c == ':' || c == '.'; };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != ':') { ++i; continue; }
    auto [begin, end] = run_around(text, i, in);
    i = end;
    while (end > begin && text[end - 1] == '.') --end;
    const std::string token(text.substr(begin, end - begin));
    if (std::count(token.begin(), token.end(), ':') < 2) continue;
    if ((begin > 0 && is_alnum(text[begin - 1])) || (end < text.size() && is_alnum(text[end]))) continue;
    in6_addr address{};
    if (::inet_pton(AF_INET6, token.c_str(), &address) != 1) continue;
    if (token == "::" || token == "::1") continue;
    out.push_back({begin, end - begin, "IPv6 address"});
  }
}

void find_macs(std::string_view text, std::vector<Match>& out) {
  constexpr std::size_t kMacChars = 17;  // six pairs of hex digits and five separators
  for (std::size_t i = 0; i + kMacChars <= text.size(); ++i) {
    const char separator = text[i + 2];
    if (separator != ':' && separator != '-') continue;
    bool mac = true;
    for (std::size_t k = 0; k < kMacChars && mac; ++k)
      mac = (k % 3 == 2) ? text[i + k] == separator : is_hex(text[i + k]);
    if (!mac) continue;
    if ((i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == separator)) ||
        (i + kMacChars < text.size() && (is_alnum(text[i + kMacChars]) || text[i + kMacChars] == separator)))
      continue;
    out.push_back({i, kMacChars, "MAC address"});
    i += kMacChars - 1;
  }
}

void find_assignments(std::string_view text, std::vector<Match>& out) {
  static constexpr std::array<std::string_view, 7> kKeys{
      "password", "passwd", "passphrase", "secret", "api_key", "apikey", "token"};
  std::string folded(text.size(), ' ');
  std::transform(text.begin(), text.end(), folded.begin(), lower);
  for (const auto key : kKeys) {
    for (auto at = folded.find(key); at != std::string::npos; at = folded.find(key, at + 1)) {
      auto end = at + key.size();
      while (end < folded.size() && folded[end] == ' ') ++end;
      if (end >= folded.size() || (folded[end] != '=' && folded[end] != ':')) continue;
      ++end;
      while (end < folded.size() && folded[end] == ' ') ++end;
      const auto value_begin = end;
      while (end < folded.size() && !std::isspace(static_cast<unsigned char>(folded[end])) &&
             folded[end] != ',' && folded[end] != ';' && folded[end] != '"')
        ++end;
      // "password:" with nothing after it, or a placeholder such as "(not set)" or "<hidden>".
      if (end == value_begin || !(is_alnum(folded[value_begin]) || folded[value_begin] == '\'')) continue;
      out.push_back({at, end - at, "password or secret assignment"});
    }
  }
  for (auto at = folded.find("-----begin"); at != std::string::npos; at = folded.find("-----begin", at + 1)) {
    const auto line_end = std::min(folded.find('\n', at), folded.size());
    if (folded.substr(at, line_end - at).find("private key") == std::string::npos) continue;
    // The whole block, through its END line, is one finding (not one per base64 line).
    auto block_end = folded.find("-----end", line_end);
    if (block_end != std::string::npos) block_end = std::min(folded.find('\n', block_end), folded.size());
    const auto end = block_end == std::string::npos ? line_end : block_end;
    out.push_back({at, end - at, "private key"});
  }
}

void find_tokens(std::string_view text, const PiiScanSettings& settings, std::vector<Match>& out) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_base64(text[i])) { ++i; continue; }
    const auto [begin, end] = run_around(text, i, is_base64);
    i = end;
    const auto run = text.substr(begin, end - begin);
    // Hex runs inside the token, e.g. a key printed on its own.
    for (std::size_t k = 0; k < run.size();) {
      if (!is_hex(run[k])) { ++k; continue; }
      std::size_t stop = k;
      while (stop < run.size() && is_hex(run[stop])) ++stop;
      if (stop - k >= settings.min_hex_token) {
        out.push_back({begin + k, stop - k, "long hex token"});
        k = run.size();  // one finding per run
        break;
      }
      k = stop;
    }
    if (run.size() < settings.min_base64_token) continue;
    if (run.find("//") != std::string_view::npos) continue;  // a URL or path, not a token
    const bool upper = std::any_of(run.begin(), run.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const bool lower_case = std::any_of(run.begin(), run.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool digit = std::any_of(run.begin(), run.end(), is_digit);
    if (upper && lower_case && digit) out.push_back({begin, run.size(), "long base64 token"});
  }
}

std::string redact(std::string_view match, const PiiScanSettings& settings) {
  const auto kept = settings.kept_chars;
  if (match.size() <= 2 * kept) return std::string(std::min(match.size(), settings.max_mask_chars), '*');
  return std::string(match.substr(0, kept)) +
         std::string(std::min(match.size() - 2 * kept, settings.max_mask_chars), '*') +
         std::string(match.substr(match.size() - kept));
}

}  // namespace

std::vector<PiiFinding> scan_for_pii(std::string_view text, const PiiScanSettings& settings) {
  std::vector<Match> matches;
  find_emails(text, matches);
  find_ipv4(text, matches);
  find_ipv6(text, matches);
  find_macs(text, matches);
  find_assignments(text, matches);
  find_tokens(text, settings, matches);
  std::stable_sort(matches.begin(), matches.end(),
                   [](const Match& a, const Match& b) { return a.begin < b.begin; });

  std::vector<PiiFinding> findings;
  std::size_t line = 1, counted_to = 0, covered_to = 0;
  for (const auto& match : matches) {
    if (findings.size() >= settings.max_findings) break;
    if (match.begin < covered_to) continue;  // inside an earlier finding (a MAC's hex, a key's base64)
    covered_to = match.begin + match.length;
    line += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                                text.begin() + static_cast<std::ptrdiff_t>(match.begin), '\n'));
    counted_to = match.begin;
    findings.push_back({std::string(match.kind), match.begin, line,
                        redact(text.substr(match.begin, match.length), settings)});
  }
  return findings;
}

std::string describe(const PiiFinding& finding) {
  return finding.kind + " at line " + std::to_string(finding.line) + " (byte " +
         std::to_string(finding.offset) + "): " + finding.redacted;
}

}  // namespace smapi::suites::detail

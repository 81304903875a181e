#include "harness/certify_command.h"

#include "harness/command_tables.h"
#include "harness/process_runner.h"
#include "harness/run.h"
#include "harness/run_options.h"
#include "reports/detail/atomic_file.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/manifest.h"
#include "reports/terminal_summary.h"
#include "suites/catalogue.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace smapi::harness {

namespace {

// Limits on the ssh-keygen calls: it signs or checks one small file.
constexpr std::chrono::milliseconds kSshKeygenTimeout{30'000};
constexpr std::size_t kSshKeygenMaxOutputBytes = 1024 * 1024;
// What verify reads of a bundle at most: a bundle holds four files, each
// report well under these (ReportLimits caps every plugin field), so more
// means it is not a bundle, and memory stays bounded.
constexpr std::size_t kMaxBundleFiles = 16;
constexpr std::uintmax_t kMaxBundleFileBytes = 256ull * 1024 * 1024;

// The absolute path of a program found on PATH; empty when it is not there.
std::filesystem::path find_on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/bin:/bin";
  while (true) {
    const std::size_t colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    if (!dir.empty()) {
      const std::filesystem::path candidate = std::filesystem::path(dir) / program;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    if (colon == std::string_view::npos) return {};
    dirs.remove_prefix(colon + 1);
  }
}

ProcessOutcome ssh_keygen(const std::vector<std::string>& args, const std::string& stdin_bytes) {
  const std::filesystem::path program = find_on_path("ssh-keygen");
  if (program.empty())
    throw HarnessError("ssh-keygen is not on PATH (install openssh-client; see ci/deps.sh)");
  ProcessLimits limits;
  limits.timeout = kSshKeygenTimeout;
  limits.max_stdout_bytes = kSshKeygenMaxOutputBytes;
  return run_process({program, args, stdin_bytes}, limits);
}

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "(no message)" : line;
}

std::string read_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw HarnessError(file.string() + ": " + ec.message());
  if (size > kMaxBundleFileBytes)
    throw HarnessError(file.string() + ": larger than " + std::to_string(kMaxBundleFileBytes) + " bytes");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw HarnessError(file.string() + ": cannot read");
  return text.str();
}

struct CertifyFlags {
  std::filesystem::path sign_key;
  std::filesystem::path out;
  std::vector<std::string> run_args;
};

// certify's own flags; the run flags are passed on as they were given.
CertifyFlags certify_flags_from(const cli::ParsedArgs& parsed) {
  CertifyFlags flags;
  flags.sign_key = parsed.value("--sign-key").value_or("");
  flags.out = parsed.value("--out").value_or("");
  for (const auto& given : parsed.given) {
    if (is_certify_flag(*given.flag)) continue;
    flags.run_args.emplace_back(given.flag->name);
    if (!given.flag->value_name.empty() || !given.flag->choices.empty()) flags.run_args.push_back(given.value);
  }
  if (flags.sign_key.empty()) throw UsageError("--sign-key: expected a key file");
  if (flags.out.empty()) throw UsageError("--out: expected a directory");
  struct stat key_stat {};
  if (::stat(flags.sign_key.c_str(), &key_stat) != 0)
    throw UsageError("--sign-key: cannot read \"" + flags.sign_key.string() + "\"");
  if ((key_stat.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(key_stat.st_mode & 07777));
    throw UsageError("--sign-key: \"" + flags.sign_key.string() + "\" is open to other users (mode " + mode +
                     "); ssh-keygen refuses such keys: chmod 600 it");
  }
  std::error_code ec;
  if (std::filesystem::exists(flags.out, ec) && !std::filesystem::is_empty(flags.out, ec))
    throw UsageError("--out: \"" + flags.out.string() + "\" exists and is not empty; choose a new directory");
  return flags;
}

}  // namespace

int certify_command(const std::vector<std::string>& args, const RunHarness& run_harness,
                    std::ostream& out, std::ostream& err) {
  const auto parsed = cli::parse(certify_table(), args);
  if (parsed.help) {
    out << cli::render_help(conform_program(), certify_table());
    return 0;
  }
  const CertifyFlags flags = certify_flags_from(parsed);
  const suites::RunResult run = run_harness(flags.run_args);
  reports::print_summary(out, run, false);
  if (run.verdict != suites::Verdict::conformant) {
    err << "smapi-conform certify: refused: the plugin is " << suites::to_string(run.verdict)
        << "; no bundle written (a bundle only attests a conformant run)\n";
    return 1;
  }

  const std::map<std::string, std::string> files{{"report.json", reports::to_report_text(run)},
                                                 {"report.html", reports::to_html_report(run)}};
  const std::string manifest = reports::manifest_text(run, suites::catalogue(), files);
  // Refuse what verify would reject (a waived MUST, for one): sign only what holds.
  std::map<std::string, std::string> contents = files;
  contents[std::string(reports::kManifestFileName)] = manifest;
  const reports::BundleCheck check = reports::check_bundle(contents, suites::catalogue());
  if (!check.problems.empty()) {
    err << "smapi-conform certify: refused; no bundle written:\n";
    for (const auto& problem : check.problems) err << "  " << problem << "\n";
    return 1;
  }
  const ProcessOutcome signed_manifest =
      ssh_keygen({"-Y", "sign", "-f", flags.sign_key.string(), "-n", std::string(reports::kSignatureNamespace)},
                 manifest);
  if (signed_manifest.end != ProcessOutcome::End::exited || signed_manifest.exit_code != 0 ||
      signed_manifest.stdout_bytes.empty()) {
    err << "smapi-conform certify: ssh-keygen could not sign with " << flags.sign_key.string() << ": "
        << first_line(signed_manifest.stderr_bytes.empty() ? signed_manifest.error : signed_manifest.stderr_bytes)
        << "\n";
    return 2;
  }

  std::error_code ec;
  std::filesystem::create_directories(flags.out, ec);
  if (ec) throw HarnessError("--out: cannot create " + flags.out.string() + ": " + ec.message());
  for (const auto& [name, bytes] : files) reports::detail::write_file_atomically(flags.out / name, bytes);
  reports::detail::write_file_atomically(flags.out / reports::kManifestFileName, manifest);
  reports::detail::write_file_atomically(flags.out / reports::kSignatureFileName, signed_manifest.stdout_bytes);
  out << "bundle: " << flags.out.string() << " (report.json, report.html, manifest.json, manifest.json.sig)\n";
  return 0;
}

int verify_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto parsed = cli::parse(verify_table(), args);
  if (parsed.help) {
    out << cli::render_help(conform_program(), verify_table());
    return 0;
  }
  const std::filesystem::path bundle = parsed.positionals[0];
  const std::string allowed_signers = *parsed.value("--allowed-signers");
  const std::string identity = *parsed.value("--identity");
  if (allowed_signers.empty()) throw UsageError("--allowed-signers: expected a file");
  if (identity.empty()) throw UsageError("--identity: expected a signer's identity");
  std::error_code ec;
  if (!std::filesystem::is_directory(bundle, ec))
    throw UsageError("\"" + bundle.string() + "\" is not a bundle directory");
  if (!std::filesystem::is_regular_file(allowed_signers, ec))
    throw UsageError("--allowed-signers: cannot read \"" + allowed_signers + "\"");

  std::vector<std::string> problems;
  std::map<std::string, std::string> contents;
  for (const auto& entry : std::filesystem::directory_iterator(bundle)) {
    const std::string name = entry.path().filename().string();
    if (contents.size() == kMaxBundleFiles) {
      problems.push_back("more than " + std::to_string(kMaxBundleFiles) + " files: not a certification bundle");
      break;
    }
    if (!entry.is_regular_file()) {
      problems.push_back("\"" + name + "\": not a regular file");
      continue;
    }
    try {
      contents[name] = read_file(entry.path());
    } catch (const HarnessError& error) {
      problems.push_back(error.what());
    }
  }

  const auto manifest = contents.find(std::string(reports::kManifestFileName));
  const auto signature = contents.find(std::string(reports::kSignatureFileName));
  if (signature == contents.end() || manifest == contents.end()) {
    problems.push_back("signature: manifest.json or manifest.json.sig is missing");
  } else {
    const ProcessOutcome verified =
        ssh_keygen({"-Y", "verify", "-f", allowed_signers, "-I", identity, "-n",
                    std::string(reports::kSignatureNamespace), "-s", (bundle / reports::kSignatureFileName).string()},
                   manifest->second);
    if (verified.end != ProcessOutcome::End::exited || verified.exit_code != 0)
      problems.push_back("signature: not a good signature by " + identity + ": " +
                         first_line(verified.stderr_bytes.empty() ? verified.stdout_bytes : verified.stderr_bytes));
    else
      out << "signature: good, by " << identity << "\n";
  }

  const reports::BundleCheck check = reports::check_bundle(contents, suites::catalogue());
  problems.insert(problems.end(), check.problems.begin(), check.problems.end());
  for (const auto& note : check.notes) out << "note: " << note << "\n";
  if (!problems.empty()) {
    err << "smapi-conform verify: " << bundle.string() << ": verification failed:\n";
    for (const auto& problem : problems) err << "  " << problem << "\n";
    return 1;
  }
  out << "verified: " << bundle.string() << " (every file matches its digest; every MUST requirement passed)\n";
  return 0;
}

}  // namespace smapi::harness

#include "harness/certify_command.h"

#include "harness/bundle_reader.h"
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

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <map>
#include <ostream>

namespace smapi::harness {

namespace {

// Limits on the ssh-keygen calls: it signs or checks one small file.
constexpr std::chrono::milliseconds kSshKeygenTimeout{30'000};
constexpr std::size_t kSshKeygenMaxOutputBytes = 1024 * 1024;
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

struct CertifyFlags {
  std::filesystem::path sign_key;
  std::filesystem::path out;
  std::vector<std::string> run_args;
};

// The signing key, checked before the run rather than after it: a regular
// file, readable, open to no other user (ssh-keygen refuses such keys), and
// a private key ssh-keygen can use without a passphrase (`ssh-keygen -y`
// derives its public key).
void check_sign_key(const std::filesystem::path& key) {
  const std::string shown = "\"" + key.string() + "\"";
  struct stat key_stat {};
  if (::stat(key.c_str(), &key_stat) != 0 || !S_ISREG(key_stat.st_mode) || ::access(key.c_str(), R_OK) != 0)
    throw UsageError("--sign-key: cannot read " + shown + (S_ISDIR(key_stat.st_mode) ? " (a directory)" : ""));
  if ((key_stat.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(key_stat.st_mode & 07777));
    throw UsageError("--sign-key: " + shown + " is open to other users (mode " + mode +
                     "); ssh-keygen refuses such keys: chmod 600 it");
  }
  const ProcessOutcome derived = ssh_keygen({"-y", "-P", "", "-f", key.string()}, "");
  if (derived.end != ProcessOutcome::End::exited || derived.exit_code != 0)
    throw UsageError("--sign-key: " + shown + " is not a private key ssh-keygen can sign with (" +
                     first_line(derived.stderr_bytes.empty() ? derived.error : derived.stderr_bytes) +
                     "); give the private key of `ssh-keygen -t ed25519 -N ''`, not the .pub file");
}

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
  std::error_code ec;
  if (std::filesystem::exists(flags.out, ec) && !std::filesystem::is_empty(flags.out, ec))
    throw UsageError("--out: \"" + flags.out.string() + "\" exists and is not empty; choose a new directory");
  return flags;
}

// Checks `signature` of `manifest` with ssh-keygen -Y verify; "" when it is
// good, else ssh-keygen's reason. The signature goes to ssh-keygen through
// a private temporary file (-s takes a path; a tar bundle has none).
std::string verify_signature(const std::string& manifest, const std::string& signature,
                             const std::string& allowed_signers, const std::string& identity) {
  std::string sig_path = (std::filesystem::temp_directory_path() / "smapi-conform-sig-XXXXXX").string();
  const int fd = ::mkstemp(sig_path.data());
  if (fd < 0) throw HarnessError("cannot create a temporary file for the signature: " + std::string(std::strerror(errno)));
  const bool written = ::write(fd, signature.data(), signature.size()) == static_cast<ssize_t>(signature.size());
  ::close(fd);
  if (!written) {
    ::unlink(sig_path.c_str());
    throw HarnessError("cannot write the signature to " + sig_path);
  }
  const ProcessOutcome verified = ssh_keygen(
      {"-Y", "verify", "-f", allowed_signers, "-I", identity, "-n", std::string(reports::kSignatureNamespace), "-s",
       sig_path},
      manifest);
  ::unlink(sig_path.c_str());
  if (verified.end == ProcessOutcome::End::exited && verified.exit_code == 0) return "";
  return first_line(verified.stderr_bytes.empty() ? verified.stdout_bytes : verified.stderr_bytes);
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
  check_sign_key(flags.sign_key);
  const suites::RunResult run = run_harness(flags.run_args);
  reports::print_summary(out, run, false);
  if (run.interruption) {
    err << "smapi-conform certify: " << suites::signal_name(run.interruption->signal)
        << ": the run was interrupted; no bundle written\n";
    return suites::exit_status(run);
  }
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
  if (!std::filesystem::is_regular_file(allowed_signers, ec))
    throw UsageError("--allowed-signers: cannot read \"" + allowed_signers + "\"");

  LoadedBundle loaded = load_bundle(bundle);
  std::vector<std::string> problems = std::move(loaded.problems);
  const auto& contents = loaded.files;
  const auto manifest = contents.find(std::string(reports::kManifestFileName));
  const auto signature = contents.find(std::string(reports::kSignatureFileName));
  bool signed_by_identity = false;
  if (signature == contents.end() || manifest == contents.end()) {
    problems.push_back("signature: manifest.json or manifest.json.sig is missing");
  } else {
    const std::string why = verify_signature(manifest->second, signature->second, allowed_signers, identity);
    if (!why.empty()) {
      problems.push_back("signature: not a good signature by " + identity + ": " + why);
    } else {
      signed_by_identity = true;
      out << "signature: good, by " << identity << "\n";
    }
  }

  // Nothing of an unsigned manifest is shown or trusted: its file names,
  // notes and verdict are whatever whoever edited it wrote.
  if (signed_by_identity) {
    const reports::BundleCheck check = reports::check_bundle(contents, suites::catalogue());
    problems.insert(problems.end(), check.problems.begin(), check.problems.end());
    for (const auto& note : check.notes) out << "note: " << note << "\n";
  } else {
    problems.push_back("the manifest is not signed by " + identity + ", so nothing it says was checked");
  }
  if (!problems.empty()) {
    err << "smapi-conform verify: " << bundle.string() << ": verification failed:\n";
    for (const auto& problem : problems) err << "  " << problem << "\n";
    return 1;
  }
  out << "verified: " << bundle.string() << " (every file matches its digest; every MUST requirement passed)\n";
  return 0;
}

}  // namespace smapi::harness

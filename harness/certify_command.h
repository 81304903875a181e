#pragma once
// `smapi-conform certify` and `smapi-conform verify`: a signed certification
// bundle a vendor hands to whoever must trust the result, and its check.
//
// A bundle is a directory; vendors may tar it to ship it, and verify reads
// such a .tar or .tar.gz in memory as untrusted input (bundle_archive.h):
//   report.json         the full machine-readable report
//   report.html         the same run, for people
//   manifest.json       tool and catalogue versions, Plugin.query fingerprint,
//                       subject, verdict, SHA-256 and size of every file
//                       (reports/manifest.h)
//   manifest.json.sig   `ssh-keygen -Y sign -n smapi-conform-bundle` of
//                       manifest.json; since the manifest holds every file's
//                       digest, it signs the whole bundle
//
// certify checks the signing key before the run, and writes the run's
// reports into --report-dir (as `run` does) whatever the verdict.
// certify refuses (exit 1, no bundle written) when the plugin is not
// conformant or anything verify would reject holds (a waived MUST failure):
// a bundle only ever attests a pass. It refuses --no-probes (exit 2): a
// certification judges every requirement. verify still checks every MUST
// itself, so a bundle assembled or re-signed by hand cannot certify a failure.

#include "suites/result.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace smapi::harness {

// Runs the harness with run flags (as `smapi-conform run` takes them) and
// returns the result; main supplies it.
using RunHarness = std::function<suites::RunResult(const std::vector<std::string>& run_args)>;

// `certify --sign-key KEY --out BUNDLE [run flags]` (certify_table()), or
// its --help. Exit status: 0 bundle
// written, 1 not conformant (refused), 2 usage or harness error (thrown as
// UsageError / HarnessError, or returned after printing why), 128 + the
// signal when a signal interrupted the run (no bundle written).
int certify_command(const std::vector<std::string>& args, const RunHarness& run_harness,
                    std::ostream& out, std::ostream& err);

// `verify BUNDLE --allowed-signers FILE --identity ID` (verify_table()), or
// its --help. Exit status: 0 the
// signature, every digest, the catalogue version and every MUST check out;
// 1 any of them does not (each problem printed; without a good signature,
// nothing from the manifest), or a tar bundle was refused; 2 usage error.
int verify_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace smapi::harness

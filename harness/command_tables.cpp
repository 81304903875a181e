#include "harness/command_tables.h"

#include <algorithm>

namespace smapi::harness {
namespace {

using cli::Command;
using cli::Flag;
using cli::FlagGroup;
using cli::Positional;
using cli::Refusal;

// run. The defaults shown here are RunOptions' own (run_options.h, suites'
// kDefaultRepeat ...); CommandTables.RunDefaultsAreTheParsersDefaults holds them equal.
constexpr Flag kKindFlag{
    .name = "--kind",
    .help = "plugin kind; by default read from DIR's parent directory name (volume/ or datapath/); "
            "http and unix targets: volume",
    .choices = "volume|datapath"};
constexpr Flag kProtocolFlag{
    .name = "--protocol",
    .help = "how http and unix targets are spoken to: jsonrpc is JSON-RPC v1, jsonrpc2 is JSON-RPC v2, "
            "xmlrpc is XML-RPC",
    .default_value = "jsonrpc",
    .choices = "jsonrpc|jsonrpc2|xmlrpc"};
// run judges a fleet when given several targets or a plugin tree; certify one plugin.
constexpr Flag kTargetFlags[]{
    {.name = "--target",
     .value_name = "TARGET",
     .help = "the plugin to judge, one of the TARGET forms; given again, or a plugin TREE, a fleet",
     .required = true,
     .repeatable = true,
     .kind = cli::ValueKind::directory},
    kKindFlag,
    kProtocolFlag,
};
constexpr Flag kCertifyTargetFlags[]{
    {.name = "--target", .value_name = "TARGET", .help = "the plugin to judge, one of the TARGET forms",
     .required = true,
     .kind = cli::ValueKind::directory},
    kKindFlag,
    kProtocolFlag,
};
constexpr Flag kFleetFlags[]{
    {.name = "--jobs",
     .value_name = "N",
     .help = "plugins of a fleet judged at once; 1..256, by default the number of CPUs"},
    {.name = "--shard",
     .value_name = "K/N",
     .help = "judge share K of N of the fleet: its plugins sorted by name and dealt round-robin, "
             "so shard K takes the K-th, (K+N)-th, ... plugin; 1 <= K <= N <= 1000"},
};
constexpr Flag kJudgingFlags[]{
    {.name = "--profile",
     .help = "xapi: what xapi accepts; strict: the IDL exactly",
     .default_value = "xapi",
     .choices = "xapi|strict"},
    {.name = "--fail-on",
     .help = "failed requirements that make the run non-conformant (should: a failed SHOULD too)",
     .default_value = "must",
     .choices = "must|should"},
    {.name = "--waivers",
     .value_name = "FILE",
     .help = "known failures that do not count until they expire; a JSON file\n"
             "{\"waivers\":[{\"id\",\"reason\",\"ticket\",\"expires\"}]}",
     .kind = cli::ValueKind::file},
};
constexpr Flag kLimitFlags[]{
    {.name = "--timeout", .value_name = "SECONDS", .help = "limit per call; at most 3600", .default_value = "30"},
    {.name = "--max-output",
     .value_name = "BYTES",
     .help = "limit on each answer's size; at most 1073741824",
     .default_value = "16777216"},
};
constexpr Flag kProbeFlags[]{
    {.name = "--repeat",
     .value_name = "N",
     .help = "Plugin.query calls in a row for QUERY-STABLE; 1..1000",
     .default_value = "10"},
    {.name = "--concurrency",
     .value_name = "K",
     .help = "overlapping Plugin.query calls for QUERY-CONCURRENT; 1..64, 1 makes none",
     .default_value = "4"},
    {.name = "--seed",
     .value_name = "N",
     .help = "picks the input probes' order and values",
     .default_value = "20240601"},
    {.name = "--no-probes", .help = "no dbg variants and no input probes"},
};
constexpr Flag kReportFlags[]{
    {.name = "--report-dir",
     .value_name = "DIR",
     .help = "write the reports (see --format) into DIR",
     .kind = cli::ValueKind::directory},
    {.name = "--format",
     .value_name = "LIST",
     .help = "reports for --report-dir, comma-separated: json (report.json), junit (junit.xml), "
             "html (report.html), markdown (summary.md), tap (report.tap), sarif (report.sarif), or all",
     .default_value = "json,junit,html",
     .needs = "--report-dir",
     .comma_list = true,
     .suggestions = "json|junit|html|markdown|tap|sarif|all"},
    {.name = "--sarif-root",
     .value_name = "DIR",
     .help = "exec targets: report.sarif's paths are relative to DIR, the repository's root; by default "
             "the working directory, or the plugin directory's parent when the plugin is outside it",
     .kind = cli::ValueKind::directory},
    {.name = "--quiet", .help = "no progress line on stderr"},
};
// Selection (harness/selection.h) and the settings file (harness/config_file.h).
constexpr Flag kSelectionFlags[]{
    {.name = "--only",
     .value_name = "TERMS",
     .help = "judge only these requirements: IDs, area:NAME, level:must|should or globs such as QUERY-*, "
             "comma-separated; the others are reported as skip \"not selected\"",
     .repeatable = true,
     .kind = cli::ValueKind::requirement_id,
     .comma_list = true,
     .suggestions = "level:must|level:should"},
    {.name = "--skip",
     .value_name = "TERMS",
     .help = "do not judge these requirements (terms as for --only)",
     .repeatable = true,
     .kind = cli::ValueKind::requirement_id,
     .comma_list = true,
     .suggestions = "level:must|level:should"},
    {.name = "--rerun-failed",
     .value_name = "REPORT",
     .help = "judge only the requirements an earlier report.json failed or errored",
     .kind = cli::ValueKind::file},
};
constexpr Flag kSettingsFlags[]{
    {.name = "--config",
     .value_name = "FILE",
     .help = "read run flags from a JSON object, keys named as the flags without dashes\n"
             "({\"target\": \"exec:DIR\", \"timeout\": 10, \"only\": [\"area:query\"], \"quiet\": true});\n"
             "flags on the command line override it",
     .kind = cli::ValueKind::file},
};
constexpr FlagGroup kRunGroups[]{
    {"target", kTargetFlags}, {"judging", kJudgingFlags}, {"limits", kLimitFlags},
    {"probes", kProbeFlags},  {"reports", kReportFlags}, {"fleet", kFleetFlags},
    {"selection", kSelectionFlags}, {"settings", kSettingsFlags},
};
constexpr Command kRun{
    .name = "run",
    .summary = "judge a plugin: an exec plugin directory, or JSON-RPC or XML-RPC over HTTP or a Unix socket",
    .description = "Drives a storage plugin through the xapi-storage Plugin contract and judges it.\n"
                   "\n"
                   "TARGET:\n"
                   "  exec:DIR               an executable plugin directory (DIR/Plugin.Query ...)\n"
                   "  DIR                    the same, when DIR is an existing directory\n"
                   "  http://HOST:PORT/PATH  a JSON-RPC or XML-RPC endpoint (see --protocol)\n"
                   "  unix:SOCKET[:/PATH]    the same over a Unix socket (request path default /)\n"
                   "  TREE, exec:TREE        a directory holding volume/ and/or datapath/, as\n"
                   "                         /usr/libexec/xapi-storage-script does: every plugin\n"
                   "                         in them, each under its own kind; one fleet verdict",
    .groups = kRunGroups,
    .footer = "exit status:\n"
              "  0    conformant\n"
              "  1    non-conformant (a fleet: any plugin is)\n"
              "  2    harness or usage error (a fleet: a plugin could not be judged)\n"
              "  130  stopped by SIGINT (143 SIGTERM, 129 SIGHUP): the reports of what was\n"
              "       judged are written, verdict interrupted; a second signal exits at once"};

// plan: run's flags, parsed by run's table, and no call made.
constexpr Command kPlan{
    .name = "plan",
    .summary = "print the calls and requirements a run would make, without calling the plugin",
    .description = "Takes run's flags (and --config) and prints, without calling the plugin, the\n"
                   "calls run would make in order and each requirement it would judge, leave out\n"
                   "(not selected) or skip as not applicable. A method whose call times out or\n"
                   "cannot be made gets no further calls, so a run can make fewer. TARGET is as\n"
                   "for run.",
    .groups = kRunGroups,
    .footer = "exit status:\n"
              "  0  printed\n"
              "  2  usage error"};

// list, explain, diff.
constexpr Flag kListFlags[]{
    {.name = "--format", .help = "how to print it", .default_value = "text", .choices = "text|json|markdown"},
};
constexpr FlagGroup kListGroups[]{{"options", kListFlags}};
constexpr Command kList{
    .name = "list",
    .summary = "print the requirement catalogue",
    .description = "Prints every requirement smapi-conform judges, in report order: as a table,\n"
                   "as JSON, or as Markdown (docs/requirements.md is that form).",
    .groups = kListGroups,
    .footer = "exit status:\n"
              "  0  printed\n"
              "  2  usage error"};

constexpr Positional kExplainArgs[]{
    {.name = "ID",
     .help = "a requirement ID, in any case (see smapi-conform list)",
     .kind = cli::ValueKind::requirement_id}};
constexpr Command kExplain{
    .name = "explain",
    .summary = "everything about one requirement",
    .description = "Prints a requirement's statement, level, consequence in xapi, public source\n"
                   "and quote, where it applies, how --profile changes it, and what proves it.",
    .positionals = kExplainArgs,
    .footer = "exit status:\n"
              "  0  printed\n"
              "  2  no such requirement (the closest IDs are named) or usage error"};

constexpr Positional kDiffArgs[]{
    {.name = "OLD.json", .help = "the earlier run's report.json", .kind = cli::ValueKind::file},
    {.name = "NEW.json", .help = "the later run's report.json", .kind = cli::ValueKind::file}};
constexpr Command kDiff{
    .name = "diff",
    .summary = "compare two report.json files (exit 1 on a regression)",
    .description = "Lists the requirements whose outcome changed between two runs: regressions\n"
                   "(now failing, or vanished), fixes, other changes, and the verdicts.",
    .positionals = kDiffArgs,
    .footer = "exit status:\n"
              "  0  no regression\n"
              "  1  a regression\n"
              "  2  a file cannot be read or usage error"};

// merge.
constexpr Positional kMergeArgs[]{
    {.name = "OUT_DIR",
     .help = "the directory to write the merged reports into (created when absent)",
     .kind = cli::ValueKind::directory},
    {.name = "REPORT.json",
     .help = "the report.json of each shard (run --shard K/N --format json)",
     .repeated = true,
     .kind = cli::ValueKind::file}};
constexpr Flag kMergeFlags[]{
    {.name = "--format",
     .value_name = "LIST",
     .help = "reports to write, comma-separated: json (report.json), junit (junit.xml), "
             "html (report.html), markdown (summary.md), tap (report.tap), sarif (report.sarif), or all",
     .default_value = "json,junit,html"},
};
constexpr FlagGroup kMergeGroups[]{{"reports", kMergeFlags}};
constexpr Command kMerge{
    .name = "merge",
    .summary = "join the reports of a sharded run (--shard K/N) into one",
    .description = "Joins the report.json files of the shards of one fleet run (one per CI job)\n"
                   "into one report with every plugin and the fleet verdict, written in every\n"
                   "format asked for. Refuses reports from different catalogue versions, with\n"
                   "different shard counts, the same shard or plugin twice, or a shard missing.",
    .positionals = kMergeArgs,
    .groups = kMergeGroups,
    .footer = "exit status:\n"
              "  0    the merged fleet is conformant\n"
              "  1    a plugin is non-conformant\n"
              "  2    inconclusive, or a report cannot be read or merged (one line says why)\n"
              "  130  a shard was stopped by SIGINT (143 SIGTERM, 129 SIGHUP)"};

// certify and verify.
constexpr Flag kCertifyFlags[]{
    {.name = "--sign-key",
     .value_name = "KEY",
     .help = "the OpenSSH private key (mode 0600) that signs the bundle",
     .required = true,
     .kind = cli::ValueKind::file},
    {.name = "--out",
     .value_name = "BUNDLE",
     .help = "the bundle directory to write (new or empty)",
     .required = true,
     .kind = cli::ValueKind::directory},
};
constexpr FlagGroup kCertifyGroups[]{
    {"certification", kCertifyFlags}, {"target", kCertifyTargetFlags}, {"judging", kJudgingFlags},
    {"limits", kLimitFlags},          {"probes", kProbeFlags},  {"reports", kReportFlags},
    {"settings", kSettingsFlags},
};
constexpr Refusal kCertifyRefused[]{
    {"--no-probes", "is not allowed: a certification judges every requirement"},
    {"--only", "is not allowed: a certification judges every requirement"},
    {"--skip", "is not allowed: a certification judges every requirement"},
    {"--rerun-failed", "is not allowed: a certification judges every requirement"},
};
constexpr Command kCertify{
    .name = "certify",
    .summary = "run, and sign a certification bundle of a conformant plugin",
    .description = "Runs the harness (with run's flags) and, when the plugin is conformant,\n"
                   "writes the directory BUNDLE: report.json, report.html, manifest.json and\n"
                   "manifest.json.sig, signed with the OpenSSH private key KEY in namespace\n"
                   "smapi-conform-bundle. The key is checked before the run. --report-dir DIR\n"
                   "(and --format) write the same run's reports, e.g. junit.xml and report.sarif\n"
                   "for CI, whatever the verdict. TARGET is as for run: exec:DIR, DIR,\n"
                   "http://HOST:PORT/PATH or unix:SOCKET[:/PATH].",
    .groups = kCertifyGroups,
    .refused = kCertifyRefused,
    .footer = "exit status:\n"
              "  0    bundle written\n"
              "  1    not conformant (no bundle)\n"
              "  2    usage or harness error\n"
              "  130  stopped by SIGINT (143 SIGTERM, 129 SIGHUP): no bundle"};

constexpr Positional kVerifyArgs[]{
    {.name = "BUNDLE",
     .help = "the directory certify wrote, or a .tar or .tar.gz of it",
     .kind = cli::ValueKind::file}};
constexpr Flag kVerifyFlags[]{
    {.name = "--allowed-signers",
     .value_name = "FILE",
     .help = "an ssh-keygen allowed_signers file naming who may sign",
     .required = true,
     .kind = cli::ValueKind::file},
    {.name = "--identity", .value_name = "ID", .help = "the signer to expect, as that file names it", .required = true},
};
constexpr FlagGroup kVerifyGroups[]{{"options", kVerifyFlags}};
constexpr Command kVerify{
    .name = "verify",
    .summary = "check a certification bundle",
    .description = "Checks a certification bundle: the signature of manifest.json by ID, the\n"
                   "SHA-256 of every file, that the catalogue version and digest are this tool's,\n"
                   "and that every MUST requirement is present and passed (or does not apply).\n"
                   "Without a good signature nothing the manifest says is shown or checked. A tar\n"
                   "bundle is read in memory, never unpacked; links, devices, absolute or \"..\"\n"
                   "paths are refused.",
    .positionals = kVerifyArgs,
    .groups = kVerifyGroups,
    .footer = "exit status:\n"
              "  0  verified\n"
              "  1  verification failed (each problem printed)\n"
              "  2  usage error"};

constexpr const Command* kCommands[]{&kRun, &kPlan, &kList, &kExplain, &kDiff, &kMerge, &kCertify, &kVerify};
constexpr cli::EnvVar kEnvironment[]{
    {"NO_COLOR", "when set and not empty, run's summary is not coloured on a terminal"},
    {"TERM", "when dumb, run's summary is not coloured on a terminal"},
    {"PATH", "certify and verify find ssh-keygen (OpenSSH) on it"},
};
constexpr cli::Program kProgram{
    .name = "smapi-conform",
    .summary = "judge a storage plugin against the xapi-storage (SMAPIv3) Plugin contract",
    .description = "Judges a storage plugin against the xapi-storage (SMAPIv3) Plugin contract:\n"
                   "an executable plugin directory (exec:DIR), or a plugin that answers JSON-RPC\n"
                   "(v1, v2) or XML-RPC over HTTP, on TCP (http://HOST:PORT/PATH) or a Unix\n"
                   "socket (unix:SOCKET[:/PATH]).",
    .commands = kCommands,
    .environment = kEnvironment};

}  // namespace

const cli::Program& conform_program() { return kProgram; }
const cli::Command& run_table() { return kRun; }
const cli::Command& plan_table() { return kPlan; }
const cli::Command& list_table() { return kList; }
const cli::Command& explain_table() { return kExplain; }
const cli::Command& diff_table() { return kDiff; }
const cli::Command& merge_table() { return kMerge; }
const cli::Command& certify_table() { return kCertify; }
const cli::Command& verify_table() { return kVerify; }

bool is_certify_flag(const cli::Flag& flag) {
  return std::any_of(std::begin(kCertifyFlags), std::end(kCertifyFlags),
                     [&](const Flag& own) { return &own == &flag; });
}

}  // namespace smapi::harness

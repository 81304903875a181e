#include "mock_plugin/command_tables.h"

namespace smapi::mock {
namespace {

using cli::Command;
using cli::Flag;
using cli::FlagGroup;
using cli::Positional;

// The answers a mock gives; serve and plugin-dir share them.
constexpr Flag kAnswerFlags[]{
    {.name = "--config",
     .value_name = "FILE",
     .help = "answers to give (JSON); without it, a conformant plugin's",
     .kind = cli::ValueKind::file},
    {.name = "--kind", .help = "overrides the config's kind", .choices = "volume|datapath"},
    {.name = "--mutant",
     .value_name = "NAME",
     .help = "break exactly one requirement, named in any case (see 'smapi-mock mutants')",
     .conflicts = "--config",
     .kind = cli::ValueKind::mutant},
    {.name = "--scenario",
     .help = "add a preset's rules after the config's (README \"Fake a plugin\")",
     .choices = "sr-full|slow-attach|vanishing-volume|restart-forgets-srs",
     .repeatable = true},
};

constexpr Flag kListenFlags[]{
    {.name = "--listen", .value_name = "ADDR:PORT", .help = "TCP address, e.g. 127.0.0.1:0 or [::1]:8080"},
    {.name = "--listen-unix",
     .value_name = "PATH",
     .help = "Unix socket path (a stale socket there is replaced)",
     .kind = cli::ValueKind::file},
};
// The default is MockServer's (server.h ServerSettings::journal_capacity).
constexpr Flag kAdminFlags[]{
    {.name = "--admin-token",
     .value_name = "TOKEN",
     .help = "admin calls need 'Authorization: Bearer TOKEN' and may then come from any peer (without it: "
             "loopback only, no token); also read from SMAPI_MOCK_ADMIN_TOKEN; turns the Host and Origin "
             "checks off"},
    {.name = "--allow-host",
     .value_name = "NAME",
     .help = "admit this Host (and Origin) name too, e.g. the name a container is reached by",
     .repeatable = true},
    {.name = "--journal-capacity", .value_name = "N", .help = "calls the journal keeps; 0 keeps none", .default_value = "1000"},
    {.name = "--log-requests", .help = "log one line per request to stderr"},
};
constexpr FlagGroup kServeGroups[]{{"listening", kListenFlags}, {"answers", kAnswerFlags}, {"admin API", kAdminFlags}};
constexpr Command kServe{
    .name = "serve",
    .summary = "answer JSON-RPC (v1, v2) and XML-RPC over HTTP, on TCP or a Unix socket",
    .description = "Serves Plugin.query, Plugin.ls, Plugin.diagnostics and every SR, Volume,\n"
                   "Datapath and Data method (an in-memory storage, one for all connections) as\n"
                   "JSON-RPC (v1 and v2) and XML-RPC over HTTP POST, on TCP, a Unix socket, or\n"
                   "both (at least one of --listen and --listen-unix). The first line on stdout is\n"
                   "the bound ADDR:PORT (use port 0 for any free port); with --listen-unix the\n"
                   "next line (the first, without --listen) is unix:PATH. Log lines go to stderr.\n"
                   "The admin API is under /_mock/ (README). SIGINT/SIGTERM stop it (exit 0);\n"
                   "SIGHUP reloads --config, which is also reloaded when the file changes (a bad\n"
                   "file is logged, the old config kept). Without --admin-token, a TCP call whose\n"
                   "Host is not localhost, a loopback address, the listen address or an\n"
                   "--allow-host NAME, or whose Origin is not loopback, gets 403 (DNS rebinding:\n"
                   "any web page could call the mock).",
    .groups = kServeGroups,
    .footer = "exit status:\n"
              "  0  stopped by a signal\n"
              "  1  bad config or cannot listen\n"
              "  2  usage error"};

constexpr Positional kPluginDirArgs[]{
    {.name = "OUTDIR", .help = "the directory to make (with its parents)", .kind = cli::ValueKind::directory}};
constexpr Flag kLayoutFlags[]{
    {.name = "--tree",
     .help = "make OUTDIR a root for xapi-storage-script (OUTDIR/volume/org.xen.xapi.storage.NAME and "
             "OUTDIR/datapath/mock, one storage); with --kind, that plugin only"},
    {.name = "--name", .value_name = "NAME", .help = "the volume plugin's NAME", .default_value = "mock", .needs = "--tree"},
};
constexpr FlagGroup kPluginDirGroups[]{{"answers", kAnswerFlags}, {"layout", kLayoutFlags}};
constexpr Command kPluginDir{
    .name = "plugin-dir",
    .summary = "make an executable plugin directory backed by this binary",
    .description = "Creates OUTDIR holding .smapi-mock.json (the effective config) and links\n"
                   "every script of the IDL to this binary: Plugin.Query, Plugin.ls,\n"
                   "Plugin.diagnostics, then SR.* and Volume.* (volume) or Datapath.* and Data.*\n"
                   "(datapath), so OUTDIR runs as an executable plugin; SRs, volumes and\n"
                   "datapaths live in OUTDIR/.smapi-mock-state.json. Prints OUTDIR's absolute\n"
                   "path. The plugin is named after OUTDIR (volume: org.xen.xapi.storage.X -> X;\n"
                   "otherwise OUTDIR's own name) unless the config gives a Plugin.query answer.\n"
                   "With --tree, OUTDIR is a root xapi-storage-script can use: a volume plugin in\n"
                   "OUTDIR/volume/org.xen.xapi.storage.NAME and a datapath plugin in\n"
                   "OUTDIR/datapath/mock sharing its storage (each gets the config, with its own\n"
                   "kind); prints each plugin directory.",
    .positionals = kPluginDirArgs,
    .groups = kPluginDirGroups,
    .footer = "exit status:\n"
              "  0  made\n"
              "  1  bad config or cannot write\n"
              "  2  usage error"};

constexpr Flag kMutantsFlags[]{
    {.name = "--json", .help = "one JSON array, with the smapi-conform flags each mutant needs"},
};
constexpr FlagGroup kMutantsGroups[]{{"options", kMutantsFlags}};
constexpr Command kMutants{
    .name = "mutants",
    .summary = "list the presets that break exactly one requirement (--mutant)",
    .description = "Lists the mutants: presets that make the mock break exactly one conformance\n"
                   "requirement, each named by that requirement's ID, with the transports it\n"
                   "applies to. Use one with 'serve --mutant NAME' or 'plugin-dir OUTDIR --mutant\n"
                   "NAME'.",
    .groups = kMutantsGroups,
    .footer = "exit status:\n"
              "  0  printed\n"
              "  2  usage error"};

constexpr Flag kRecordTargetFlags[]{
    {.name = "--target",
     .value_name = "TARGET",
     .help = "the plugin to record: exec:DIR or DIR (a plugin directory), http://HOST:PORT/PATH or "
             "unix:SOCKET[:/PATH]",
     .required = true,
     .kind = cli::ValueKind::directory},
    {.name = "--protocol",
     .help = "how http and unix targets are spoken to (default jsonrpc)",
     .choices = "jsonrpc|jsonrpc2|xmlrpc"},
    {.name = "--kind",
     .help = "the config's kind; by default DIR's parent directory name (volume/ or datapath/), else volume",
     .choices = "volume|datapath"},
};
constexpr Flag kRecordWhatFlags[]{
    {.name = "--sr",
     .value_name = "SR",
     .help = "also record SR.stat and SR.ls of this attached SR (those Plugin.ls lists are recorded anyway)",
     .repeatable = true},
    {.name = "--probe-uri",
     .value_name = "URI",
     .help = "record SR.probe with the configuration {\"uri\": URI}",
     .repeatable = true},
    {.name = "--out",
     .value_name = "FILE",
     .help = "the config to write (replaced atomically)",
     .required = true,
     .kind = cli::ValueKind::file},
};
constexpr Flag kRecordLimitFlags[]{
    {.name = "--timeout", .value_name = "SECONDS", .help = "limit per call; at most 3600", .default_value = "30"},
    {.name = "--max-output",
     .value_name = "BYTES",
     .help = "limit on each answer's size; at most 1073741824",
     .default_value = "16777216"},
};
constexpr FlagGroup kRecordGroups[]{
    {"target", kRecordTargetFlags}, {"recording", kRecordWhatFlags}, {"limits", kRecordLimitFlags}};
constexpr Command kRecord{
    .name = "record",
    .summary = "record a real plugin's answers as a config that fakes it",
    .description = "Calls the plugin's read-only methods as xapi does: Plugin.query, Plugin.ls,\n"
                   "Plugin.diagnostics, then SR.stat and SR.ls of each SR Plugin.ls lists (and\n"
                   "each --sr), and SR.probe of each --probe-uri; never a method that changes\n"
                   "anything. Writes a config (--out) with which serve and plugin-dir answer\n"
                   "those calls as the plugin did, and lists the scripts a plugin directory lacks\n"
                   "(\"no_script\"): plugin-dir leaves them out, serve answers them SCRIPT_MISSING\n"
                   "as xapi does. A call that gets no usable answer (a timeout, garbage) cannot be\n"
                   "faked by answers: nothing is written then.",
    .groups = kRecordGroups,
    .footer = "exit status:\n"
              "  0  written\n"
              "  1  a call gave nothing to record, or the config cannot be written\n"
              "  2  usage error"};

constexpr const Command* kCommands[]{&kServe, &kPluginDir, &kMutants, &kRecord};
constexpr cli::EnvVar kEnvironment[]{
    {"SMAPI_MOCK_ADMIN_TOKEN", "serve: the admin token when --admin-token is not given"},
};
constexpr cli::Program kProgram{
    .name = "smapi-mock",
    .summary = "a fake xapi-storage (SMAPIv3) plugin for tests",
    .description = "The reference fake xapi-storage (SMAPIv3) plugin: an HTTP server speaking\n"
                   "JSON-RPC (v1, v2) and XML-RPC on TCP or a Unix socket, or an executable plugin\n"
                   "directory.",
    .commands = kCommands,
    .environment = kEnvironment};

}  // namespace

const cli::Program& mock_program() { return kProgram; }
const cli::Command& serve_table() { return kServe; }
const cli::Command& plugin_dir_table() { return kPluginDir; }
const cli::Command& mutants_table() { return kMutants; }
const cli::Command& record_table() { return kRecord; }

}  // namespace smapi::mock

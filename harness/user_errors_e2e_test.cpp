// What a new user gets wrong first, through the built binary: a web server
// that is no plugin, a directory of plugins, a bare HOST:PORT as --target.
// Each is a harness or usage error (exit 2) that says what to do instead.

#include "fixtures/e2e/process.h"
#include "fixtures/e2e/report_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kConform = std::string(SMAPI_BIN_DIR) + "/smapi-conform";
const std::string kVolume = std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/good/ext4-ng/volume";

// `python3 -m http.server`, on a free port it prints first.
constexpr const char* kWebServer =
    "import http.server\n"
    "server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), http.server.SimpleHTTPRequestHandler)\n"
    "print(server.server_address[1], flush=True)\n"
    "server.serve_forever()\n";

// A broken plugin: every answer is application/json that is not JSON.
constexpr const char* kBadJsonPlugin =
    "import http.server\n"
    "class Handler(http.server.BaseHTTPRequestHandler):\n"
    "    def do_POST(self):\n"
    "        self.rfile.read(int(self.headers.get('Content-Length', 0)))\n"
    "        body = b'{\"result\": not json'\n"
    "        self.send_response(200)\n"
    "        self.send_header('Content-Type', 'application/json')\n"
    "        self.send_header('Content-Length', str(len(body)))\n"
    "        self.end_headers()\n"
    "        self.wfile.write(body)\n"
    "    def log_message(self, *args):\n"
    "        pass\n"
    "server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)\n"
    "print(server.server_address[1], flush=True)\n"
    "server.serve_forever()\n";

Finished run_against(const std::string& target, std::vector<std::string> flags = {}) {
  std::vector<std::string> argv{kConform, "run", "--target", target, "--no-probes", "--repeat", "1",
                                "--concurrency", "1", "--timeout", "10"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return run(argv);
}

// It got exit 1 and 24 skips, as if a plugin had been judged.
TEST(UserErrors, AWebServerThatIsNoPluginIsExitTwo) {
  Background web({"/usr/bin/env", "python3", "-c", kWebServer});
  const std::string url = "http://127.0.0.1:" + web.first_line() + "/";
  const auto reports = fresh_dir("web-server");
  const Finished judged = run_against(url, {"--report-dir", reports.string()});
  EXPECT_EQ(judged.exit_status, 2) << judged.out << judged.err;
  EXPECT_THAT(judged.err, HasSubstr(url + ": not a JSON-RPC endpoint: got text/html (HTTP 501)"));
  EXPECT_THAT(judged.out, IsEmpty());  // no verdict
  const Finished xmlrpc = run_against(url, {"--protocol", "xmlrpc"});
  EXPECT_EQ(xmlrpc.exit_status, 2);
  EXPECT_THAT(xmlrpc.err, HasSubstr("not an XML-RPC endpoint: got text/html"));
  std::filesystem::remove_all(reports);
}

TEST(UserErrors, APluginSendingBadJsonIsStillJudged) {
  Background plugin({"/usr/bin/env", "python3", "-c", kBadJsonPlugin});
  const auto reports = fresh_dir("bad-json");
  const Finished judged =
      run_against("http://127.0.0.1:" + plugin.first_line() + "/", {"--report-dir", reports.string()});
  EXPECT_EQ(judged.exit_status, 1) << judged.out << judged.err;
  const auto report = read_report(reports / "report.json");
  EXPECT_THAT(ids_with(report, "fail"), ::testing::Contains(::testing::StartsWith("TRANSPORT-")));
  std::filesystem::remove_all(reports);
}

TEST(UserErrors, ADirectoryOfPluginsNamesThem) {
  const Finished judged = run_against(kVolume);
  EXPECT_EQ(judged.exit_status, 2);
  EXPECT_THAT(judged.err, HasSubstr("it is a directory of plugins, not a plugin; give one plugin directory as "
                                    "--target: " + kVolume + "/org.xen.xapi.storage.ext4-ng"));
  EXPECT_THAT(judged.out, IsEmpty());
}

TEST(UserErrors, ABareAddressGetsItsUrl) {
  const Finished judged = run_against("127.0.0.1:8080");
  EXPECT_EQ(judged.exit_status, 2);
  EXPECT_THAT(judged.err, HasSubstr("use --target http://127.0.0.1:8080/"));
}

}  // namespace
}  // namespace smapi::e2e

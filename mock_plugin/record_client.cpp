#include "mock_plugin/record_client.h"

#include "contract/exec_codec.h"
#include "contract/xmlrpc_codec.h"
#include "harness/http_client.h"
#include "harness/process_runner.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <system_error>

namespace smapi::mock {
namespace {

bool same_name_any_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string seconds_text(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

class ExecRecordClient final : public RecordClient {
 public:
  ExecRecordClient(std::filesystem::path directory, RecordLimits limits)
      : directory_(std::move(directory)), limits_(limits) {}

  contract::ErrorForm error_form() const override { return contract::ErrorForm::exec; }

  std::optional<std::vector<std::string>> script_files() const override {
    std::vector<std::string> names;
    for (const auto& file : regular_files()) names.push_back(file.filename().string());
    return names;
  }

 protected:
  std::optional<contract::Reply> make_call(const PlannedCall& call) override {
    const auto script = find_script(call.method);
    if (!script) return std::nullopt;
    harness::ProcessRequest request;
    request.executable = *script;
    request.args = {"--json"};
    request.stdin_bytes = contract::encode_exec_arguments(call.args);
    harness::ProcessLimits limits;
    limits.timeout = limits_.timeout;
    limits.max_stdout_bytes = limits_.max_output_bytes;
    const harness::ProcessOutcome outcome = harness::run_process(request, limits);
    using End = harness::ProcessOutcome::End;
    switch (outcome.end) {
      case End::exited:
        return contract::decode_exec_reply({contract::ExecExit::How::exited, outcome.exit_code},
                                           outcome.stdout_bytes);
      case End::signalled:
        return contract::decode_exec_reply({contract::ExecExit::How::signalled, outcome.signal},
                                           outcome.stdout_bytes);
      case End::timed_out:
        return contract::malformed_reply("timed out after " + seconds_text(limits_.timeout));
      case End::output_limit:
        return contract::malformed_reply("answered more than " + std::to_string(limits_.max_output_bytes) +
                                         " bytes (--max-output)");
      case End::spawn_failed:
        return contract::malformed_reply("could not start " + script->string() + ": " + outcome.error);
      case End::interrupted:
        return contract::malformed_reply("interrupted");
    }
    return contract::malformed_reply("ended in an unknown way");
  }

 private:
  // The directory's regular files, symbolic links followed: xapi-storage-script
  // takes anything else for a missing script (xen-api
  // ocaml/xapi-storage-script/lib.ml assert_is_executable).
  std::vector<std::filesystem::path> regular_files() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory_, ec)) {
      std::error_code kind_ec;
      if (std::filesystem::is_regular_file(entry.path(), kind_ec)) files.push_back(entry.path());
    }
    return files;
  }

  // The script for a method as xapi-storage-script picks it (main.ml
  // Script.path): the exact name, else of the names equal in any case the
  // least (byte order); nullopt when there is none.
  std::optional<std::filesystem::path> find_script(std::string_view method) const {
    std::optional<std::filesystem::path> found;
    for (const auto& file : regular_files()) {
      const std::string name = file.filename().string();
      if (name == method) return file;
      if (same_name_any_case(name, method) && (!found || name < found->filename().string())) found = file;
    }
    return found;
  }

  std::filesystem::path directory_;
  RecordLimits limits_;
};

class HttpRecordClient final : public RecordClient {
 public:
  HttpRecordClient(harness::HttpEndpoint endpoint, RecordProtocol protocol, RecordLimits limits)
      : endpoint_(std::move(endpoint)), protocol_(protocol), limits_(limits) {}

  contract::ErrorForm error_form() const override { return contract::ErrorForm::rpclib; }

 protected:
  std::optional<contract::Reply> make_call(const PlannedCall& call) override {
    harness::HttpLimits limits;
    limits.timeout = limits_.timeout;
    limits.max_body_bytes = limits_.max_output_bytes;
    const bool xml = protocol_ == RecordProtocol::xmlrpc;
    const auto version =
        protocol_ == RecordProtocol::jsonrpc2 ? contract::JsonRpcVersion::v2 : contract::JsonRpcVersion::v1;
    std::string body = xml ? contract::encode_xmlrpc_call(call.method, call.args)
                           : contract::encode_jsonrpc_call(version, call.method, call.args, ++next_id_);
    const harness::HttpExchange exchange =
        harness::http_post(endpoint_, xml ? "text/xml" : "application/json", std::move(body), limits);
    using End = harness::HttpExchange::End;
    switch (exchange.end) {
      case End::answered:
        return xml ? contract::decode_xmlrpc_response(exchange.body)
                   : contract::decode_jsonrpc_response(version, exchange.body);
      case End::timed_out:
        return contract::malformed_reply("timed out after " + seconds_text(limits_.timeout));
      case End::body_limit:
        return contract::malformed_reply("answered more than " + std::to_string(limits_.max_output_bytes) +
                                         " bytes (--max-output)");
      case End::connect_failed:
      case End::io_error:
      case End::interrupted:
        return contract::malformed_reply(exchange.error.empty() ? "no answer" : exchange.error);
    }
    return contract::malformed_reply("ended in an unknown way");
  }

 private:
  harness::HttpEndpoint endpoint_;
  RecordProtocol protocol_;
  RecordLimits limits_;
  std::int64_t next_id_ = 0;
};

}  // namespace

std::optional<contract::Reply> RecordClient::call(const PlannedCall& call) {
  if (!is_recordable(call.method))
    throw std::logic_error("record: " + call.method + " is not a read-only method; a recording never calls it");
  return make_call(call);
}

std::unique_ptr<RecordClient> exec_record_client(std::filesystem::path directory, RecordLimits limits) {
  return std::make_unique<ExecRecordClient>(std::move(directory), limits);
}

std::unique_ptr<RecordClient> http_record_client(const std::string& target, RecordProtocol protocol,
                                                 RecordLimits limits) {
  harness::HttpEndpoint endpoint;
  std::string error;
  if (!harness::parse_endpoint(target, endpoint, error)) throw std::invalid_argument(error);
  return std::make_unique<HttpRecordClient>(std::move(endpoint), protocol, limits);
}

}  // namespace smapi::mock

#pragma once
// `smapi-mock record`, the I/O edge: calls a real plugin, exec or HTTP, the
// way xapi does, one recordable method at a time (recording.h). Built on the
// harness's process runner and HTTP client, so a recording gets the same
// limits and leaves no process behind.

#include "contract/jsonrpc_codec.h"
#include "contract/reply.h"
#include "mock_plugin/recording.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smapi::mock {

// Limits of one recorded call; `record --timeout` and `--max-output` set them.
struct RecordLimits {
  std::chrono::milliseconds timeout{30'000};
  std::size_t max_output_bytes = 16 * 1024 * 1024;
};

class RecordClient {
 public:
  virtual ~RecordClient() = default;
  // Makes one call. Throws std::logic_error for a method that is not
  // recordable (is_recordable): a recording never calls anything else.
  // nullopt: an exec plugin without a script for the method. A transport
  // failure (timeout, refused connection, garbage) is a malformed Reply
  // whose problem says what happened.
  std::optional<contract::Reply> call(const PlannedCall& call);
  // The error form of the transport, to tell an Unimplemented apart.
  virtual contract::ErrorForm error_form() const = 0;
  // An exec plugin: the names of its directory's regular files, symbolic
  // links followed (what xapi-storage-script can run; scripts_lacking).
  // nullopt for a transport without scripts.
  virtual std::optional<std::vector<std::string>> script_files() const { return std::nullopt; }

 protected:
  virtual std::optional<contract::Reply> make_call(const PlannedCall& call) = 0;
};

// An executable plugin directory: DIR/<method> --json, arguments on stdin,
// the script found by its name in any case (as xapi-storage-script does); a
// name that is no regular file (a directory, a dangling link) is no script.
std::unique_ptr<RecordClient> exec_record_client(std::filesystem::path directory, RecordLimits limits);

enum class RecordProtocol { jsonrpc, jsonrpc2, xmlrpc };

// An HTTP endpoint (http://HOST:PORT/PATH or unix:SOCKET[:/PATH], as
// smapi-conform's --target reads them). Throws std::invalid_argument naming
// what is wrong with `target`.
std::unique_ptr<RecordClient> http_record_client(const std::string& target, RecordProtocol protocol,
                                                 RecordLimits limits);

}  // namespace smapi::mock

#pragma once
// The exec form: how xapi-storage-script calls an executable plugin
// (xen-api ocaml/xapi-storage-script/main.ml fork_exec_rpc). The arguments
// object goes on stdin, compact, no newline; the result or error object
// comes back on stdout with the exit status.

#include "contract/json_text.h"
#include "contract/reply.h"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace smapi::contract {

// What stdin carries: {"dbg":"debug"}.
std::string encode_exec_arguments(const boost::json::object& args);

// How the plugin process ended.
struct ExecExit {
  enum class How { exited, signalled };
  How how = How::exited;
  int code = 0;  // the exit status, or the signal number when signalled
};

// Judges exit status and stdout the way xapi-storage-script does, stdout read
// as xapi reads it (read_xapi_json):
//  exit 0 and one JSON value           -> result
//  exit 0 and anything else            -> malformed "bad json on stdout"
//  non-zero and the error record       -> error: lib.ml's Types.error, {code, params,
//                                         backtrace {error, files, lines}}, backtrace required
//  non-zero and anything else          -> malformed "non-zero exit and bad json on stdout"
//  signalled                           -> malformed "signalled"
Reply decode_exec_reply(const ExecExit& exit, std::string_view stdout_text,
                        const JsonLimits& limits = {});

// What an exec plugin prints for an error, and the process exit status it uses.
std::string encode_exec_error(const PluginError& error);
inline constexpr int kExecErrorExitStatus = 1;

}  // namespace smapi::contract

#pragma once
// The errors an exec plugin prints, worded as the generated Python bindings
// word them (xen-api ocaml/xapi-storage/python/xapi/__init__.py
// handle_exception): code SR_BACKEND_FAILURE, params [the exception's class
// name, its message], and a backtrace, on stdout with exit status 1. An IDL
// error (Sr_not_attached, Volume_does_not_exist, Activated_on_another_host,
// ...) is such an exception class, so it travels as [its name, its
// arguments...]; xapi-storage-script reads ["Activated_on_another_host"; uuid]
// back into that error (main.ml backend_backtrace_error). Pure.

#include "mock_plugin/engine.h"
#include "mock_plugin/storage/storage.h"

#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// The exec error code every failure travels under.
inline constexpr std::string_view kExecErrorCode = "SR_BACKEND_FAILURE";

// A failure with these params, as a PluginError.
contract::PluginError exec_failure(std::vector<std::string> params);

// The compact error object for `params` and a newline.
std::string exec_failure_text(std::vector<std::string> params);

// stdin that is not one JSON value:
// ["UnmarshalException","UnmarshalException thing=stdin ty=json desc=<why>"].
std::vector<std::string> bad_stdin_params(std::string_view why);

// Refused arguments, as the bindings' argument checks raise them:
//   dbg missing        ["UnmarshalException","UnmarshalException thing=argument missing ty=dbg desc="]
//   dbg not a string   ["TypeError","TypeError expected=string actual=5"]  (Python repr)
//   not an object      ["TypeError","TypeError expected=dict actual=['debug']"]
std::vector<std::string> bad_arguments_params(const ArgumentProblem& problem);

// An IDL error: [code, params...]; a storage::kBackendFailure error (one the
// IDL declares no error for) keeps its params, already in this form.
std::vector<std::string> storage_error_params(const storage::StorageError& error);

}  // namespace smapi::mock

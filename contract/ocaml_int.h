#pragma once
// How OCaml reads an integer from text, reproduced for its exact results:
// xapi reads numbers in plugin answers with it (rpclib's int_of_rpc on a
// string, smint.ml's Int64.of_string of a feature version, xapi_sm.ml's
// version_of_string). Behaviour checked against OCaml 4.13's runtime
// (ints.c parse_intnat).

#include <cstdint>
#include <optional>
#include <string_view>

namespace smapi::contract {

// OCaml's int_of_string (bits = 63) or Int64.of_string (bits = 64): an
// optional sign ('-' or '+'), an optional base prefix (0x, 0o, 0b, 0u, either
// case), at least one digit, then digits and '_'. Decimal must fit the signed
// range; a prefixed number may use the whole unsigned range and wraps
// ("0xFFFFFFFFFFFFFFFF" is -1 as an Int64). nullopt where OCaml raises
// Failure "int_of_string" (no whitespace, no exponent, no empty text).
std::optional<std::int64_t> ocaml_int_of_string(std::string_view text, int bits = 63);

}  // namespace smapi::contract

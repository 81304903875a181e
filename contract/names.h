#pragma once
// How the contract compares names: method files, wire method names and the
// record keys xapi reads are all matched ignoring ASCII case.

#include <string>
#include <string_view>

namespace smapi::contract {

// Whether two names are equal ignoring ASCII case (other bytes compare exactly).
bool equals_ignoring_case(std::string_view a, std::string_view b);

// ASCII letters lower-cased, as OCaml's String.lowercase_ascii does (xapi
// lower-cases record keys and the SR type so).
std::string lowercase_ascii(std::string_view text);

}  // namespace smapi::contract

#pragma once
// What a statically linked smapi-conform sets up before anything else runs
// (main.cpp, under SMAPI_STATIC_RUNTIME; cmake/SmapiStaticLink.cmake). A
// static glibc or libcrypto would otherwise load shared libraries built for
// the host's own glibc, which a static binary cannot use safely; with these
// settings neither ever tries, and the program behaves the same on every host.

namespace smapi::harness {

// - Host names of http:// targets are looked up with glibc's built-in
//   "files" (/etc/hosts) and "dns" (/etc/resolv.conf) services only, in that
//   order, whatever the hosts line of /etc/nsswitch.conf says (myhostname,
//   resolve, mdns, sss, ldap ... are not consulted).
// - libcrypto (SHA-256 of the report files) reads no openssl.cnf, so no
//   provider or engine module is loaded from it.
// Call it first in main, before any other thread or lookup starts.
void setup_static_runtime();

}  // namespace smapi::harness

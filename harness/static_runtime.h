#pragma once
// What a statically linked program that looks up host names (smapi-conform,
// and smapi-mock record) sets up first (under SMAPI_STATIC_RUNTIME, which
// cmake/SmapiStaticLink.cmake defines for a static link).

namespace smapi::harness {

// Host names of http:// targets are looked up with glibc's built-in "files"
// (/etc/hosts) and "dns" (/etc/resolv.conf) services only, in that order,
// whatever the hosts line of /etc/nsswitch.conf says (myhostname, resolve,
// mdns, sss, ldap ... are not consulted). A static glibc would load any
// other service as a shared library built for the host's own glibc, which a
// static program cannot use safely; with this pin it never tries. Call it
// before any lookup starts.
void pin_host_lookup_to_builtin_services();

}  // namespace smapi::harness

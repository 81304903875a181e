#include "harness/static_runtime.h"

#include <nss.h>

namespace smapi::harness {

void pin_host_lookup_to_builtin_services() {
  // Fails only without memory for the string; lookups would then follow
  // nsswitch.conf, as a dynamically linked program's do.
  (void)__nss_configure_lookup("hosts", "files dns");
}

}  // namespace smapi::harness

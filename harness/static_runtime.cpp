#include "harness/static_runtime.h"

#include <nss.h>
#include <openssl/crypto.h>

namespace smapi::harness {

void setup_static_runtime() {
  // Each fails only without memory; the program would then run as a
  // dynamically linked one does (nsswitch.conf, openssl.cnf).
  (void)__nss_configure_lookup("hosts", "files dns");
  (void)OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
}

}  // namespace smapi::harness

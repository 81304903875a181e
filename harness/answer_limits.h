#pragma once
// The decoders' limits for an answer the transport read whole under the
// output limit (--max-output), and what a decoder's refusal means for the
// call: an answer that takes too much memory decoded is over the output
// limit, whatever the size of its text.

#include "contract/json_text.h"
#include "contract/xmlrpc_codec.h"
#include "suites/observation.h"

#include <cstddef>

namespace smapi::harness {

// max_bytes: at least the output limit, so that an answer read whole is
// decoded whole; max_decoded_bytes: contract::kDecodedBytesPerAnswerByte
// (4) x the output limit.
contract::JsonLimits answer_json_limits(std::size_t max_output_bytes);
contract::XmlRpcLimits answer_xml_limits(std::size_t max_output_bytes);

// A call whose reply the decoder refused for its memory
// (Reply::over_memory_limit) becomes Delivery::output_limit, which
// TRANSPORT-OUTPUT-SIZE fails, with the decoder's words and the limit's name.
void refuse_over_memory_limit(suites::CallObservation& call);

}  // namespace smapi::harness

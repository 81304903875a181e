#include "harness/answer_limits.h"

#include <algorithm>

namespace smapi::harness {

contract::JsonLimits answer_json_limits(std::size_t max_output_bytes) {
  contract::JsonLimits limits;
  limits.max_bytes = std::max(limits.max_bytes, max_output_bytes);
  limits.max_decoded_bytes = contract::kDecodedBytesPerAnswerByte * max_output_bytes;
  return limits;
}

contract::XmlRpcLimits answer_xml_limits(std::size_t max_output_bytes) {
  contract::XmlRpcLimits limits;
  limits.max_bytes = std::max(limits.max_bytes, max_output_bytes);
  limits.max_decoded_bytes = contract::kDecodedBytesPerAnswerByte * max_output_bytes;
  return limits;
}

void refuse_over_memory_limit(suites::CallObservation& call) {
  if (call.delivery != suites::Delivery::answered || !call.reply.over_memory_limit) return;
  call.delivery = suites::Delivery::output_limit;
  call.delivery_detail = call.reply.problem + " (" + std::to_string(contract::kDecodedBytesPerAnswerByte) +
                         " x --max-output): many small values take more memory than their text";
}

}  // namespace smapi::harness

#include "mock_plugin/engine.h"

#include "contract/plugin_values.h"

#include <boost/json/object.hpp>

namespace smapi::mock {
namespace {

// Classifies arguments the contract decoder refused.
ArgumentProblem classify(const boost::json::value& args) {
  ArgumentProblem problem;
  const boost::json::object* obj = args.if_object();
  if (obj == nullptr) {
    problem.kind = ArgumentProblem::Kind::not_an_object;
    problem.actual = args;
    return problem;
  }
  const boost::json::value* dbg = obj->if_contains("dbg");
  if (dbg == nullptr || dbg->is_string()) {
    // Either absent, or the decoder wanted something we cannot see (e.g. a
    // case-variant key it did not accept): report it as missing.
    problem.kind = ArgumentProblem::Kind::missing_dbg;
    return problem;
  }
  problem.kind = ArgumentProblem::Kind::dbg_not_string;
  problem.actual = *dbg;
  return problem;
}

}  // namespace

Decision decide(const MockConfig& config, contract::Method method, const boost::json::value& args) {
  Decision d;
  d.method = method;
  contract::Decoded<contract::CallArguments> decoded =
      contract::decode_call_arguments(args, contract::View::xapi);
  if (!decoded.accepted()) {
    d.kind = Decision::Kind::bad_arguments;
    d.problem = classify(args);
    return d;
  }
  const Answer& answer = config.answer(method);
  switch (answer.kind) {
    case Answer::Kind::result:
      d.kind = Decision::Kind::result;
      d.result = answer.result;
      break;
    case Answer::Kind::unimplemented:
      d.kind = Decision::Kind::unimplemented;
      break;
    case Answer::Kind::error:
      d.kind = Decision::Kind::error;
      d.error.code = answer.error.code;
      d.error.params = answer.error.params;
      break;
  }
  return d;
}

}  // namespace smapi::mock

namespace smapi::mock {

Engine::Engine(MockConfig config) : config_(std::move(config)) {}

Decision Engine::decide(contract::Method method, const boost::json::value& args) {
  Decision d = mock::decide(config_, method, args);
  if (!hook_ || d.kind == Decision::Kind::bad_arguments) return d;
  if (std::optional<Answer> answer = hook_(method, args)) {
    MockConfig single = config_;
    single.answer(method) = std::move(*answer);
    return mock::decide(single, method, args);
  }
  return d;
}

void Engine::replace(MockConfig config) { config_ = std::move(config); }

void Engine::reset() {}

}  // namespace smapi::mock

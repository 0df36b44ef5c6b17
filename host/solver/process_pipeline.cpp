#include "host/solver/process_pipeline.hpp"

#include <stdexcept>

namespace airshed {

void ProcessPipeline::add(std::string name, std::vector<std::string> terms, Launch launch) {
  if (name.empty() || !launch)
    throw std::invalid_argument("process pipeline: a process needs a name and a launch");
  for (const Operator& op : ops_)
    if (op.name == name)
      throw std::invalid_argument("process pipeline: '" + name + "' is already registered");
  ops_.push_back({std::move(name), std::move(terms), std::move(launch)});
}

void ProcessPipeline::step(double dt, bool forward) const {
  if (forward)
    for (auto op = ops_.begin(); op != ops_.end(); ++op) op->launch(dt, true);
  else
    for (auto op = ops_.rbegin(); op != ops_.rend(); ++op) op->launch(dt, false);
}

std::vector<std::string> ProcessPipeline::names() const {
  std::vector<std::string> n;
  for (const Operator& op : ops_) n.push_back(op.name);
  return n;
}

}  // namespace airshed

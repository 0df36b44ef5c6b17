#include "host/output/writer.hpp"

namespace airshed::output {

std::vector<GroundField> ground_fields(const std::vector<statistics::GroundStatistic>& ground) {
  std::vector<GroundField> out;
  out.reserve(ground.size());
  for (const auto& g : ground) {
    std::string name = g.species + "_" + g.statistic;
    if (!g.label.empty()) name += "_" + safe_name(g.label);
    out.push_back({std::move(name), g.units, g.long_name, g.values});
  }
  return out;
}

}  // namespace airshed::output

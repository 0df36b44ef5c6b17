#include "host/solver/emission_list.hpp"

#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

namespace airshed {

EmissionList merge_emissions(const TransportConfig& cfg,
                             const std::vector<CellEmission>& emissions) {
  std::map<std::pair<int, std::size_t>, double> merged;
  const Grid& g = cfg.grid;
  EmissionList out;
  out.emitted_rate.assign(cfg.species.size(), 0.0);
  for (const auto& e : emissions) {
    if (e.species < 0 || std::size_t(e.species) >= cfg.species.size() || e.cell >= g.cells() ||
        !(e.rate >= 0) || !std::isfinite(e.rate))
      throw std::invalid_argument("emissions: entry with bad species, cell or rate");
    merged[{e.species, e.cell}] += e.rate;
  }
  for (const auto& [key, q] : merged) {
    const int level = int(key.second / g.columns());
    out.species.push_back(key.first);
    out.cell.push_back(key.second);
    const float per_volume = float(q / g.cell_volume(level));
    out.rate_per_volume.push_back(per_volume);
    out.emitted_rate[key.first] += double(per_volume) * g.cell_volume(level);
  }
  return out;
}

}  // namespace airshed

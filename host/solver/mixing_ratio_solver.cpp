#include "host/solver/mixing_ratio_solver.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace airshed {

TransportConfig with_air(const TransportConfig& cfg) {
  TransportConfig inner = cfg;
  inner.carry_air = false;
  // Unit density: background 1 at inflow faces and above an open top.
  inner.species.push_back({"air", 1.0, 0.0, 0.0});
  // Chemistry works on q = c / air (host/solver/chemistry_process.hpp).
  if (inner.chemistry.enabled) inner.chemistry.air_species = int(cfg.species.size());
  return inner;
}

MixingRatioSolver::MixingRatioSolver(std::unique_ptr<TransportSolver> inner,
                                     const TransportConfig& cfg)
    : ForwardingSolver(std::move(inner)), cfg_(cfg), air_(int(cfg.species.size())) {
  if (this->inner().config().species.size() != cfg.species.size() + 1)
    throw std::logic_error("MixingRatioSolver: the inner solver must carry the air species");
  this->inner().set_concentration(air_, std::vector<float>(cfg.grid.cells(), 1.0f));
}

std::vector<float> MixingRatioSolver::air() const { return inner().concentration(air_); }

void MixingRatioSolver::set_concentration(int species, const std::vector<float>& q) {
  if (species < 0 || species >= air_)
    throw std::invalid_argument("set_concentration: no species " + std::to_string(species));
  const std::vector<float> a = air();
  std::vector<float> c(q.size());
  for (std::size_t n = 0; n < q.size() && n < a.size(); ++n) c[n] = q[n] * a[n];
  inner().set_concentration(species, c);
}

std::vector<float> MixingRatioSolver::concentration(int species) const {
  if (species < 0 || species >= air_)
    throw std::invalid_argument("concentration: no species " + std::to_string(species));
  std::vector<float> c = inner().concentration(species);
  const std::vector<float> a = air();
  for (std::size_t n = 0; n < c.size(); ++n) c[n] /= a[n];
  return c;
}

}  // namespace airshed

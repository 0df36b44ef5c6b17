#include "host/solver/puff_set.hpp"

#include <stdexcept>

namespace airshed {

PuffSet::PuffSet(int species, double handoff_width, double max_age_s)
    : species_(species),
      width_(handoff_width),
      max_age_(max_age_s),
      emitted_(std::size_t(species), 0.0),
      handed_(std::size_t(species), 0.0),
      out_(std::size_t(species), 0.0) {
  if (species < 1 || !(handoff_width > 0) || !(max_age_s > 0))
    throw std::invalid_argument(
        "PuffSet: species, hand-off width and maximum age must be positive");
}

void PuffSet::release(double x, double y, const kernels::PuffRise& rise,
                      const std::vector<double>& mass) {
  if (int(mass.size()) != species_)
    throw std::invalid_argument("PuffSet::release: one mass per species expected");
  kernels::Puff p;
  p.x = x;
  p.y = y;
  p.z = rise.base;
  p.rise = rise;
  puffs_.push_back(p);
  for (int s = 0; s < species_; ++s) {
    mass_.push_back(mass[std::size_t(s)]);
    emitted_[std::size_t(s)] += mass[std::size_t(s)];
  }
}

void PuffSet::step(double dt, const std::function<PuffMet(const kernels::Puff&)>& met_at,
                   const kernels::PuffGridView& grid, double* c, std::size_t stride) {
  std::size_t kept = 0;
  const double lx = grid.nx * grid.dx, ly = grid.ny * grid.dy;
  for (std::size_t n = 0; n < puffs_.size(); ++n) {
    kernels::Puff p = puffs_[n];
    const PuffMet m = met_at(p);
    kernels::advance_puff(p, m.u, m.v, m.turbulence, dt);
    const double* mass = &mass_[n * std::size_t(species_)];
    const bool inside = p.x >= 0 && p.x < lx && p.y >= 0 && p.y < ly;
    if (!inside) {
      for (int s = 0; s < species_; ++s) out_[std::size_t(s)] += mass[s];
      continue;
    }
    if (kernels::puff_ready_for_grid(p, grid.dx, grid.dy, width_, max_age_)) {
      kernels::handoff_puff(p, mass, species_, grid, m.mixing_height, c, stride);
      for (int s = 0; s < species_; ++s) handed_[std::size_t(s)] += mass[s];
      continue;
    }
    // Kept: compact the list in place (kept <= n).
    puffs_[kept] = p;
    for (int s = 0; s < species_; ++s)
      mass_[kept * std::size_t(species_) + std::size_t(s)] = mass[s];
    ++kept;
  }
  puffs_.resize(kept);
  mass_.resize(kept * std::size_t(species_));
}

std::vector<double> PuffSet::mass_in_puffs() const {
  std::vector<double> m(std::size_t(species_), 0.0);
  for (std::size_t n = 0; n < puffs_.size(); ++n)
    for (int s = 0; s < species_; ++s)
      m[std::size_t(s)] += mass_[n * std::size_t(species_) + std::size_t(s)];
  return m;
}

}  // namespace airshed

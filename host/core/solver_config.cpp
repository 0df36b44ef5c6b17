#include "host/core/solver_config.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace airshed {

void validate(const TransportConfig& cfg) {
  validate(cfg.grid);
  if (cfg.species.empty()) throw std::invalid_argument("transport: at least one species is needed");
  for (const auto& s : cfg.species) {
    if (!(s.background >= 0) || !(s.decay_rate >= 0) || !(s.deposition_velocity >= 0))
      throw std::invalid_argument("transport: species '" + s.name +
                                  "' needs background, decay_rate, deposition_velocity >= 0");
    if (!(s.surface_resistance >= 0) || !std::isfinite(s.surface_resistance) ||
        !(s.schmidt_number > 0) || !std::isfinite(s.schmidt_number))
      throw std::invalid_argument("transport: species '" + s.name +
                                  "' needs surface_resistance >= 0 and schmidt_number > 0");
    if (s.surface_resistance > 0 && s.deposition_velocity != 0)
      throw std::invalid_argument("transport: species '" + s.name +
                                  "' has both deposition_velocity and surface_resistance");
  }
  if (cfg.advection == Advection::ffsl) {
    if (!(cfg.courant > 0 && cfg.courant <= max_ffsl_courant))
      throw std::invalid_argument("transport: courant must be in (0, 8] with ffsl advection");
    if (!cfg.tags.empty())
      throw std::invalid_argument(
          "transport: ffsl advection does not carry source tags (kernels/tagged_sweep.hpp "
          "shares the limited flux); use the default advection with tags");
  } else if (!(cfg.courant > 0 && cfg.courant <= 0.5)) {
    throw std::invalid_argument("transport: courant must be in (0, 0.5]");
  }
  if (!(cfg.max_step_s > 0) || !std::isfinite(cfg.max_step_s))
    throw std::invalid_argument("transport: max_step_s must be a finite number > 0");
  if (!(cfg.max_loss_per_step > 0) || !std::isfinite(cfg.max_loss_per_step))
    throw std::invalid_argument("transport: max_loss_per_step must be a finite number > 0");
  if (cfg.threads < 0 || cfg.threads > max_cpu_threads)
    throw std::invalid_argument("transport: threads must be in 0.." +
                                std::to_string(max_cpu_threads));
  for (std::size_t k = 0; k < cfg.tags.size(); ++k) {
    if (cfg.tags[k].empty()) throw std::invalid_argument("transport: a tag has an empty name");
    for (std::size_t j = 0; j < k; ++j)
      if (cfg.tags[j] == cfg.tags[k])
        throw std::invalid_argument("transport: tag '" + cfg.tags[k] + "' is given twice");
  }
  if (cfg.grid.nz > 256)
    throw std::invalid_argument(
        "transport: at most 256 vertical levels (kernels/column_physics.hpp)");
  if (cfg.chemistry.enabled) validate_chemistry(cfg);
}

void validate_chemistry(const TransportConfig& cfg) {
  const ChemistryConfig& c = cfg.chemistry;
  const int ns = int(cfg.species.size());
  for (int r = 0; r < chem_roles; ++r) {
    const int s = c.species[std::size_t(r)];
    if (s < -1 || s >= ns ||
        (s >= 0 && (c.tag_fields[std::size_t(r)] < 1 || s + c.tag_fields[std::size_t(r)] > ns)))
      throw std::invalid_argument("transport: chemistry role " + std::to_string(r) +
                                  " names no species");
    if (s >= 0 && !(c.molar_mass[std::size_t(r)] > 0 && c.grams_per_unit[std::size_t(r)] > 0))
      throw std::invalid_argument("transport: chemistry species '" + cfg.species[s].name +
                                  "' needs a molar mass and a mass unit > 0");
  }
  for (int r : {chem_no, chem_no2, chem_o3})
    if (c.species[std::size_t(r)] < 0)
      throw std::invalid_argument("transport: chemistry needs NO, NO2 and O3");
  if (c.air_species >= ns)
    throw std::invalid_argument("transport: chemistry air species out of range");
  const std::size_t cols = std::size_t(cfg.grid.nx) * cfg.grid.ny;
  if (c.lon.size() != cols || c.lat.size() != cols)
    throw std::invalid_argument("transport: chemistry needs a longitude and latitude per column");
}

}  // namespace airshed

// A transport config with the full mechanism (kernels/chemistry.hpp): the
// nine species of the roles in ug/m^3 (grams per unit 1e-6) with their
// molar masses, and met with the chemistry fields. Shared by the chemistry
// process test and the backend agreement body.
#pragma once

#include <vector>

#include "case_builders.hpp"
#include "host/core/forcing.hpp"

namespace airshed::test {

// g/mol per ChemistryRole: NO, NO2, O3, SO2, SO4, HNO3, NO3, NH3, NH4.
constexpr double chemistry_molar_mass[chem_roles] = {30.006, 46.0055, 47.997, 64.066, 96.06,
                                                     63.01,  62.00,   17.031, 18.04};

// `cfg` gains the nine species after its own and the chemistry over them;
// the columns sit around 39 N 117.5 E, the solver's t = 0 is `utc`.
inline void add_chemistry(TransportConfig& cfg, double utc) {
  const char* names[chem_roles] = {"NO", "NO2", "O3", "SO2", "SO4", "HNO3", "NO3", "NH3", "NH4"};
  ChemistryConfig& c = cfg.chemistry;
  c.enabled = true;
  for (int r = 0; r < chem_roles; ++r) {
    c.species[std::size_t(r)] = int(cfg.species.size());
    cfg.species.push_back({names[r], 0.0, 0.0, 0.0});
    c.molar_mass[std::size_t(r)] = chemistry_molar_mass[r];
    c.grams_per_unit[std::size_t(r)] = 1e-6;
  }
  c.start_utc_epoch_s = utc;
  for (int j = 0; j < cfg.grid.ny; ++j)
    for (int i = 0; i < cfg.grid.nx; ++i) {
      c.lon.push_back(117.5 + 0.01 * i);
      c.lat.push_back(39.0 + 0.01 * j);
    }
}

// The chemistry fields: T falling 6.5 K/km from t0 (K), p hydrostatic from
// 101325 Pa, RH and the radiation factor varying over the cells.
inline void add_chemistry_met(MetFields& m, const Grid& g, double t0) {
  const std::size_t cols = g.columns();
  m.temperature.resize(g.cells()), m.pressure.resize(g.cells());
  m.relative_humidity.resize(g.cells()), m.radiation_factor.resize(cols);
  for (int k = 0; k < g.nz; ++k)
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t n = std::size_t(k) * cols + c;
      const double z = g.z_centre(k), t = t0 - 0.0065 * z;
      m.temperature[n] = float(t);
      m.pressure[n] = float(101325 * std::exp(-9.80665 * z / (287.05 * t)));
      m.relative_humidity[n] = float(0.45 + 0.5 * double(c % 7) / 6);
    }
  for (std::size_t c = 0; c < cols; ++c)
    m.radiation_factor[c] = float(0.4 + 0.6 * double(c % 5) / 4);
}

// ug/m^3 fields of a polluted boundary layer: NO, NO2, O3, SO2, SO4, HNO3,
// NO3, NH3, NH4 ranges, random per cell.
inline std::vector<std::vector<float>> chemistry_fields(std::size_t cells, unsigned seed) {
  const double hi[chem_roles] = {60, 80, 90, 40, 15, 5, 12, 10, 6};
  std::vector<std::vector<float>> f;
  for (int r = 0; r < chem_roles; ++r) f.push_back(random_field(cells, 0.0, hi[r], seed + r));
  return f;
}

}  // namespace airshed::test

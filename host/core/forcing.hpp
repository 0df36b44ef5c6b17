// What drives the solver between two updates: meteorology on the solver
// grid and the emission list, host copies. Made by the met and emission
// providers (host/met, host/emissions), uploaded by the solver.
#pragma once

#include <cstddef>
#include <vector>

#include "host/core/solver_config.hpp"

namespace airshed {

// Meteorology on the solver grid, host copies, x fastest.
struct MetFields {
  std::vector<float> u;   // (nx+1) * ny * nz, m/s, on x faces
  std::vector<float> v;   // nx * (ny+1) * nz, m/s, on y faces
  std::vector<float> w;   // nx * ny * (nz+1), m/s, on z faces (w at ground ignored)
  std::vector<float> kh;  // nx * ny * nz, m^2/s, cell centres
  std::vector<float> kz;  // nx * ny * (nz+1), m^2/s, on z faces (ground and top ignored
                          // except the top when it is open)
  // The surface layer per column, nx * ny, x fastest; empty = not given
  // (then no species may use resistance deposition). Filled by every met
  // provider; read by the deposition resistances (kernels/dry_deposition.hpp).
  std::vector<float> ustar;      // m/s, friction velocity, >= 0
  std::vector<float> inverse_L;  // 1/m, inverse Monin-Obukhov length (0 = neutral)
  std::vector<float> z0;         // m, roughness length, > 0
  // The mixing height per column, nx * ny (m, >= 0); empty = not given.
  // Read by convective mixing (TransportConfig::convective_mixing).
  std::vector<float> mixing_height;
  // The air's state for chemistry (host/solver/chemistry_process.hpp); empty
  // = not given, which is what every provider hands over when the scenario
  // has no [chemistry] (MetSpec::chemistry_met), so a run without chemistry
  // uploads and reads nothing more. Given, all four together.
  std::vector<float> temperature;        // nx * ny * nz, K, cell centres, > 0
  std::vector<float> pressure;           // nx * ny * nz, Pa, cell centres, > 0
  std::vector<float> relative_humidity;  // nx * ny * nz, 0..1, cell centres
  std::vector<float> radiation_factor;   // nx * ny, 0..1: shortwave at the ground / clear sky
};

MetFields uniform_met(const Grid& g, double u, double v, double w, double kh, double kz);

// A constant emission into one cell of one species, M/s.
struct CellEmission {
  std::size_t cell;  // Grid::index
  int species;
  double rate;
  // Index into TransportConfig::tags of the tag this emission belongs to
  // (docs/tagging.md); read only for a tagged species of a tagged config.
  int tag = 0;
};

// Throws std::invalid_argument when a field has the wrong size or a value
// that is not finite (or negative where it must not be; z0 must be > 0).
// The surface fields are checked only when given, all three together; the
// chemistry fields likewise, all four together (temperature, pressure > 0,
// relative humidity and radiation factor in [0, 1]).
void validate(const TransportConfig& cfg, const MetFields& met);
// The chemistry fields alone, which must be given (a run with chemistry).
void validate_chemistry_met(const TransportConfig& cfg, const MetFields& met);

}  // namespace airshed

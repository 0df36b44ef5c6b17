// Plain inputs of the transport solver. The scenario layer fills these; the
// solver never reads files. Concentration unit: any mass unit M per m^3;
// emissions are then M/s and the budget is in M.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "grid.hpp"

namespace airshed {

// Lateral faces: open (inflow carries the background value, outflow is
// zero-gradient), periodic, or closed (no flux).
enum class LateralBoundary { open, periodic, closed };
// Model top: closed (no flux) or open (advective outflow, inflow and
// diffusive exchange with the background above the domain).
enum class TopBoundary { closed, open };

struct Boundaries {
  LateralBoundary x = LateralBoundary::open;
  LateralBoundary y = LateralBoundary::open;
  TopBoundary top = TopBoundary::closed;
};

struct SpeciesSpec {
  std::string name;
  double background = 0;           // M/m^3, inflow and open-top value
  double decay_rate = 0;           // 1/s, first-order loss
  double deposition_velocity = 0;  // m/s, ground flux v_d * c
};

struct TransportConfig {
  Grid grid;
  std::vector<SpeciesSpec> species;
  Boundaries boundaries;
  // Largest fraction of the stability limit a step may use. 0.5 keeps every
  // directional update positive for the limited scheme (docs/numerics.md).
  double courant = 0.5;
  // Accuracy limits on the step, on top of stability (docs/numerics.md,
  // "Time step"), so that dt never follows the output interval:
  // the longest step (s), as CMAQ's synchronisation step (CTM_MAXSYNC)
  // bounds it, a fraction of the hourly met record;
  double max_step_s = 300;
  // the largest first-order loss per step, (decay_rate + v_d / dz_ground) dt.
  double max_loss_per_step = 0.1;
  int threads = 0;  // CPU threads, 0..max_cpu_threads; 0: as OpenMP is set (its default:
                    // OMP_NUM_THREADS, else every hardware thread)
};

// CPU threads. make_solver() applies TransportConfig::threads through
// apply_cpu_threads(), the one place the OpenMP thread count is set. Far
// past the hardware, libgomp's team start crashes (--threads 100000:
// SIGSEGV); 1024 is well above any CPU and still runs (slowly) on two cores.
constexpr int max_cpu_threads = 1024;
// OpenMP's default for this process (OMP_NUM_THREADS, else every hardware
// thread), taken before anything changed it.
int default_cpu_threads();
// The hardware threads this process may use (its CPU affinity).
int hardware_threads();
// The threads a CPU solver made from `cfg` now runs on.
int cpu_threads(const TransportConfig& cfg);
// Sets OpenMP's thread count for the calling thread's parallel regions to
// cfg.threads when > 0 (0 leaves it as it is). Throws std::invalid_argument
// when cfg.threads is outside 0..max_cpu_threads.
void apply_cpu_threads(const TransportConfig& cfg);
// "threads 2 (default: all 2 hardware threads)" style description of the
// default, for the run's first lines.
std::string describe_default_threads();

// Meteorology on the solver grid, host copies, x fastest.
struct MetFields {
  std::vector<float> u;   // (nx+1) * ny * nz, m/s, on x faces
  std::vector<float> v;   // nx * (ny+1) * nz, m/s, on y faces
  std::vector<float> w;   // nx * ny * (nz+1), m/s, on z faces (w at ground ignored)
  std::vector<float> kh;  // nx * ny * nz, m^2/s, cell centres
  std::vector<float> kz;  // nx * ny * (nz+1), m^2/s, on z faces (ground and top ignored
                          // except the top when it is open)
};

MetFields uniform_met(const Grid& g, double u, double v, double w, double kh, double kz);

// A constant emission into one cell of one species, M/s.
struct CellEmission {
  std::size_t cell;  // Grid::index
  int species;
  double rate;
};

// Float64 mass accounting of one species since the solver was created (M).
struct MassBudget {
  double initial = 0;
  double emitted = 0;
  double outflow = 0;    // net mass advected or diffused out through the boundaries
  double deposited = 0;  // ground flux v_d * c
  double decayed = 0;    // first-order loss
  double in_domain = 0;  // sum of c * V now

  // emitted + initial - outflow - deposited - decayed - in_domain
  double residual() const { return initial + emitted - outflow - deposited - decayed - in_domain; }
  double relative_residual() const;
};

void validate(const TransportConfig& cfg);
void validate(const TransportConfig& cfg, const MetFields& met);

}  // namespace airshed

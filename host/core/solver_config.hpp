// Configuration of the transport solver: grid, species, boundaries and the
// limits on its step. The scenario layer fills this; the solver never reads
// files. Concentration unit: any mass unit M per m^3; emissions are then
// M/s and the budget is in M. Forcing (met, emissions) is in forcing.hpp,
// the mass budget the solver reports in budget.hpp.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "host/core/grid.hpp"

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
  // Resistance-model deposition (kernels/dry_deposition.hpp) instead of a
  // constant v_d: surface resistance r_c (s/m) > 0 selects it (then
  // deposition_velocity is 0), and v_d is computed per column from the
  // met's u*, 1/L and z0 at every met update. 0: constant v_d.
  double surface_resistance = 0;
  double schmidt_number = 1.0;  // Sc = nu / D of the gas, for r_b
  // Source attribution (docs/tagging.md): carried as one field per tag of
  // TransportConfig::tags (host/solver/tagged_solver.hpp). Ignored when
  // the config has no tags.
  bool tagged = false;
  // In a backend's config (with_tags(), host/solver/tagged_solver.hpp): the
  // first of a tagged species' consecutive per-tag fields holds their
  // count, the others 0; the horizontal advection then shares the total's
  // flux among them (kernels/tagged_sweep.hpp). 1: an ordinary field.
  int tag_fields = 1;
};

// The chemistry process (host/solver/chemistry_process.hpp), registered in
// the pipeline when `enabled`. The mechanism's species by role, in the
// order of kernels::ChemistryCell: the config's species index of each, or
// -1 where the mechanism does not use it (then it is zero in the cell).
enum ChemistryRole {
  chem_no,
  chem_no2,
  chem_o3,
  chem_so2,
  chem_so4,
  chem_hno3,
  chem_no3,
  chem_nh3,
  chem_nh4,
  chem_roles
};
struct ChemistryConfig {
  bool enabled = false;
  bool photostationary = true, sulfate = true, nitrate = true, ammonium = true;
  std::array<int, chem_roles> species{-1, -1, -1, -1, -1, -1, -1, -1, -1};
  // Fields per role: with source tags (with_tags(), host/solver/
  // tagged_solver.hpp) `species` is the first of the role's tag fields and
  // this their count; 1 untagged.
  std::array<int, chem_roles> tag_fields{1, 1, 1, 1, 1, 1, 1, 1, 1};
  // Per role: g/mol, and grams per solver mass unit M (1e-6 for ug).
  std::array<double, chem_roles> molar_mass{}, grams_per_unit{};
  // The transported air's species index (carry_air: c = q * air), -1 when
  // not carried; with_air() (host/solver/mixing_ratio_solver.hpp) sets it.
  int air_species = -1;
  double start_utc_epoch_s = 0;  // UTC seconds since 1970 at solver time 0
  // Longitude and latitude of each column's centre (nx * ny, degrees), for
  // the solar zenith angle.
  std::vector<double> lon, lat;
  // The chemistry's own step (s): 0 applies it at every Strang pair (over
  // the pair's 2 dt, at its middle); Δ > 0 applies it once for every
  // multiple of Δ of solver time a pair passes, over those Δ, at the pair's
  // middle (host/solver/chemistry_process.hpp). A pure function of the
  // solver's time, so resumes stay bitwise; Δ divides the output interval,
  // so every output time has had its chemistry.
  double time_step_s = 0;
};

// Horizontal advection: the limited scheme within the Courant limit
// (kernels/horizontal_flux.hpp), flux-form semi-Lagrangian with no
// advective Courant limit (kernels/ffsl_flux.hpp, docs/numerics.md), or
// first-order upwind (Godunov 1959: the MUSCL path with the limited slope
// weighted 0; linear and positive, but diffusive), under which a tagged
// run's recombined cuts equal brute-force reruns (docs/numerics.md "Linear
// advection", docs/tagging.md).
enum class Advection { muscl, ffsl, upwind };

// The largest `courant` tested with ffsl (tests/solver/test_ffsl_advection.cpp).
constexpr double max_ffsl_courant = 8.0;

struct TransportConfig {
  Grid grid;
  std::vector<SpeciesSpec> species;
  Boundaries boundaries;
  // Largest fraction of the stability limit a step may use. 0.5 keeps every
  // directional update positive for the limited scheme (docs/numerics.md).
  // With Advection::ffsl it caps the advective Courant number instead,
  // 0 < c <= max_ffsl_courant; the step is then limited by deformation,
  // vertical outflow and accuracy (docs/numerics.md).
  double courant = 0.5;
  Advection advection = Advection::muscl;
  // Accuracy limits on the step, on top of stability (docs/numerics.md,
  // "Time step"), so that dt never follows the output interval:
  // the longest step (s), as CMAQ's synchronisation step (CTM_MAXSYNC)
  // bounds it, a fraction of the hourly met record;
  double max_step_s = 300;
  // the largest first-order loss per step, (decay_rate + v_d / dz_ground) dt.
  double max_loss_per_step = 0.1;
  // Carry the model air's density as one more transported field and report
  // each species as mass per unit of that air (host/solver/
  // mixing_ratio_solver.hpp): then the split sweeps keep a uniform mixing
  // ratio uniform under any wind, which a dimension-split flux-form scheme
  // does not do on its own (Easter 1993; Byun 1999). For gridded met; the
  // horizontally uniform winds need it not (every sweep is divergence-free).
  bool carry_air = false;
  // ACM2's convective mixing in the column solve (kernels/acm2.hpp): needs
  // each column's mixing height and 1/L in the met (MetFields).
  bool convective_mixing = false;
  ChemistryConfig chemistry;  // off unless the scenario has [chemistry]
  // Source attribution (docs/tagging.md): the tags every tagged species is
  // split into, in output order (the declared ones, "other", then
  // "background", which alone carries the species' background). Empty: no
  // tagging, the solver is exactly the untagged one.
  std::vector<std::string> tags;
  int threads = 0;  // CPU threads, 0..max_cpu_threads (host/solver/cpu_threads.hpp); 0: as
                    // OpenMP is set (its default: OMP_NUM_THREADS, else every hardware thread)
};

// At most this many CPU threads (host/solver/cpu_threads.hpp).
constexpr int max_cpu_threads = 1024;

// Throws std::invalid_argument naming the first bad value.
void validate(const TransportConfig& cfg);
// The chemistry part alone (validate() calls it when chemistry is enabled).
void validate_chemistry(const TransportConfig& cfg);

}  // namespace airshed

// The chemistry process of the pipeline (process_pipeline.hpp): every
// cell's mechanism species in ppb, one kernels::chemistry_step over the
// split step, back to the solver's units, and each species' mass change
// into its budget terms "chemical_production" (>= 0) and "chemical_loss"
// (<= 0). Compiled per backend with backend_solver.hpp, which registers it
// when TransportConfig::chemistry is enabled.
//
// Where it runs: last on an even step and first on the odd step after it
// (... S, C | C, S ...), so a Strang pair's two chemistry halves are
// adjacent. They are applied as one: C(2 dt) at the end of the even step,
// centred on the pair's middle time, and nothing on the odd step. Every
// piece of chemistry_step is second order over its step, so the merged
// operator keeps the pair's order, at half the cost. The run advances in
// whole pairs (TransportSolver::advance), so outputs and checkpoints see
// whole pairs; a solver stepped an odd number of times holds the chemistry
// of its last pair in full.
//
// Units: a species' field c is mass per m^3 (M/m^3, M = grams_per_unit g;
// host/scenario/parse_species.cpp), so its mole fraction in ppb at the
// cell's temperature T (K) and pressure p (Pa) is
//   x = 1e9 (c g_M / M_w) / (p / (R T)) = c * (1e9 R g_M / M_w) * T / p,
// with the air's molar density p / (R T) of the ideal gas, R = 8.314462618
// J/(mol K) (CODATA 2018). With carry_air the field is c = q * air
// (mixing_ratio_solver.hpp): the chemistry sees q = c / air and writes
// back q' * air. The same factor turns particles (SO4, NO3, NH4 as ion
// moles per mol of air) and gases into ppb, so every element total of the
// kernel's conservation holds in the solver's moles as well.
#pragma once

#include <thrust/reduce.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

#include "host/core/solver_config.hpp"
#include "host/solver/process.hpp"
#include "kernels/backend.hpp"
#include "kernels/chemistry.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

constexpr double chemistry_gas_constant = 8.314462618;  // J/(mol K), CODATA 2018

// One column of cells through the mechanism; the column's mass added per
// role, split by sign, into prod/loss[role * columns + column] (M/m^2: a
// sum of dc dz, times the cell area later).
struct ChemistryColumns {
  k::GridView g;
  float* c;
  std::size_t stride;               // floats from one species' field to the next
  int species[chem_roles];          // field index per role, -1: not in the mechanism
  double ppb_per_unit[chem_roles];  // 1e9 R g_M / M_w per role (times T / p)
  int air;                          // field index of the carried air, -1: none
  const float* temperature;
  const float* pressure;
  const float* humidity;
  const float* radiation;
  const double* lon;
  const double* lat;
  double utc;  // s since 1970, the middle of the Strang pair
  double dt;   // the pair's length, 2 dt of one step
  k::ChemistryOptions options;
  double* prod;
  double* loss;

  AIRSHED_HD void operator()(std::size_t col) const {
    const std::size_t cols = std::size_t(g.nx) * g.ny;
    const double cos_zenith = k::cos_solar_zenith(utc, lon[col], lat[col]);
    double added[chem_roles];
    for (int r = 0; r < chem_roles; ++r) added[r] = 0;
    for (int level = 0; level < g.nz; ++level) {
      const std::size_t cell = std::size_t(level) * cols + col;
      const double t_over_p = double(temperature[cell]) / double(pressure[cell]);
      const double a = air >= 0 ? double(c[std::size_t(air) * stride + cell]) : 1.0;
      double x[chem_roles];
      for (int r = 0; r < chem_roles; ++r)
        x[r] = species[r] >= 0 ? double(c[std::size_t(species[r]) * stride + cell]) / a *
                                     ppb_per_unit[r] * t_over_p
                               : 0.0;
      k::ChemistryCell cell_ppb{x[chem_no],   x[chem_no2], x[chem_o3],  x[chem_so2], x[chem_so4],
                                x[chem_hno3], x[chem_no3], x[chem_nh3], x[chem_nh4]};
      const k::ChemistryEnvironment env{double(temperature[cell]), double(pressure[cell]),
                                        double(humidity[cell]), cos_zenith, double(radiation[col])};
      k::chemistry_step(cell_ppb, env, options, dt);
      const double y[chem_roles] = {cell_ppb.no,  cell_ppb.no2, cell_ppb.o3,
                                    cell_ppb.so2, cell_ppb.so4, cell_ppb.hno3,
                                    cell_ppb.no3, cell_ppb.nh3, cell_ppb.nh4};
      for (int r = 0; r < chem_roles; ++r) {
        if (species[r] < 0) continue;
        float& field = c[std::size_t(species[r]) * stride + cell];
        const float before = field;
        field = float(y[r] / (ppb_per_unit[r] * t_over_p) * a);
        // The change as stored, so that the budget closes on the fields.
        added[r] += (double(field) - double(before)) * g.dz[level];
      }
    }
    for (int r = 0; r < chem_roles; ++r) {
      prod[std::size_t(r) * cols + col] = added[r] > 0 ? added[r] : 0.0;
      loss[std::size_t(r) * cols + col] = added[r] < 0 ? added[r] : 0.0;
    }
  }
};

// The process's launch: holds the columns' longitudes and latitudes and
// the per-column sums on the backend. Copies share them (std::function).
class ChemistryProcess {
 public:
  explicit ChemistryProcess(const TransportConfig& cfg) : state_(std::make_shared<Device>()) {
    const ChemistryConfig& chem = cfg.chemistry;
    state_->lon = chem.lon;
    state_->lat = chem.lat;
    state_->prod.assign(std::size_t(chem_roles) * cfg.grid.columns(), 0.0);
    state_->loss.assign(std::size_t(chem_roles) * cfg.grid.columns(), 0.0);
  }

  void operator()(const ProcessContext& ctx, double dt) const {
    if (!ctx.forward) return;  // the odd step's half ran with the even step's (see above)
    const ChemistryConfig& chem = ctx.cfg->chemistry;
    // The chemistry's time over this pair and the instant it is taken at:
    // the pair itself, or each multiple of time_step_s the pair (t, t + 2 dt]
    // passes, taken at once.
    double chem_dt = 2 * dt, chem_mid = ctx.time + dt;
    if (chem.time_step_s > 0) {
      const double step = chem.time_step_s;
      // Multiples of `step` in (t, t + 2 dt], robust to rounding of t.
      const auto grid_index = [&](double t) { return std::floor(t / step * (1 + 1e-12) + 1e-9); };
      const double n = grid_index(ctx.time + 2 * dt) - grid_index(ctx.time);
      if (n < 1) return;
      chem_dt = n * step;
      chem_mid = ctx.time + dt;
    }
    if (!ctx.temperature || !ctx.pressure || !ctx.relative_humidity || !ctx.radiation_factor)
      throw std::logic_error(
          "chemistry: no temperature, pressure, humidity and radiation from the met (set_met)");
    ChemistryColumns f{
        ctx.grid,
        ctx.c,
        ctx.species_stride,
        {},
        {},
        chem.air_species,
        ctx.temperature,
        ctx.pressure,
        ctx.relative_humidity,
        ctx.radiation_factor,
        raw(state_->lon),
        raw(state_->lat),
        chem.start_utc_epoch_s + chem_mid,  // the pair's middle
        chem_dt,                            // the pair, or the multiples of time_step_s it passes
        k::ChemistryOptions{chem.photostationary, chem.sulfate, chem.nitrate, chem.ammonium},
        raw(state_->prod),
        raw(state_->loss)};
    for (int r = 0; r < chem_roles; ++r) {
      f.species[r] = chem.species[std::size_t(r)];
      f.ppb_per_unit[r] = chem.species[std::size_t(r)] >= 0
                              ? 1e9 * chemistry_gas_constant * chem.grams_per_unit[std::size_t(r)] /
                                    chem.molar_mass[std::size_t(r)]
                              : 0.0;
    }
    const std::size_t cols = ctx.grid.columns();
    for_each_index(cols, f);
    const double area = ctx.cfg->grid.dx * ctx.cfg->grid.dy;
    for (int r = 0; r < chem_roles; ++r) {
      const int s = chem.species[std::size_t(r)];
      if (s < 0) continue;
      const auto p0 = state_->prod.begin() + std::ptrdiff_t(std::size_t(r) * cols);
      const auto l0 = state_->loss.begin() + std::ptrdiff_t(std::size_t(r) * cols);
      ctx.report(s, thrust::reduce(policy(), p0, p0 + std::ptrdiff_t(cols), 0.0) * area, 0);
      ctx.report(s, thrust::reduce(policy(), l0, l0 + std::ptrdiff_t(cols), 0.0) * area, 1);
    }
  }

 private:
  struct Device {
    device_vector<double> lon, lat, prod, loss;
  };
  std::shared_ptr<Device> state_;
};

}  // namespace airshed::AIRSHED_BACKEND_NS

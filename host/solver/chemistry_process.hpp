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

// Source tags (docs/tagging.md, "Tags with chemistry"): a tagged species
// is `count` consecutive fields, one per tag, whose sum the mechanism
// reacts. Its change is then apportioned among the tags as CAMx-PSAT
// apportions a tracer family's tendency (Yarwood et al. 2004; ENVIRON
// 2020, CAMx User's Guide 7.1, ch. 7): a net loss by each tag's share of
// the species itself (each tag keeps the same fraction), a net production
// by each tag's share of the species' precursors in the mechanism
// (precursor_roles). A bit mask of roles.
AIRSHED_HD inline unsigned precursor_roles(int role) {
  const auto bit = [](int r) { return 1u << unsigned(r); };
  switch (role) {
    case chem_no:  // NO2 + hv -> NO + O
    case chem_o3:  // ... O + O2 -> O3
      return bit(chem_no2);
    case chem_no2:  // NO + O3 -> NO2
      return bit(chem_no);
    case chem_so4:  // SO2 + OH (and aqueous) -> sulfate
      return bit(chem_so2);
    case chem_hno3:  // NO2 + OH -> HNO3, and NH4NO3 evaporating
      return bit(chem_no2) | bit(chem_no3);
    case chem_no3:  // HNO3 condensing as NH4NO3
      return bit(chem_hno3);
    case chem_nh3:  // NH4NO3 evaporating
      return bit(chem_nh4);
    case chem_nh4:  // NH3 neutralising sulfate and nitrate
      return bit(chem_nh3);
    default:  // SO2: never produced
      return bit(role);
  }
}

// One column of cells through the mechanism; each mechanism field's mass
// added, split by sign, into prod/loss[slot * columns + column] (M/m^2: a
// sum of dc dz, times the cell area later), slot = slot0[role] + tag.
struct ChemistryColumns {
  k::GridView g;
  float* c;
  std::size_t stride;               // floats from one species' field to the next
  int species[chem_roles];          // (first) field index per role, -1: not in the mechanism
  int count[chem_roles];            // fields per role: the tag count, 1 when untagged
  int slot0[chem_roles];            // the role's first prod/loss slot
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

  AIRSHED_HD float* field(int r, int k, std::size_t cell) const {
    return c + std::size_t(species[r] + k) * stride + cell;
  }

  AIRSHED_HD void operator()(std::size_t col) const {
    const std::size_t cols = std::size_t(g.nx) * g.ny;
    const double cos_zenith = k::cos_solar_zenith(utc, lon[col], lat[col]);
    int tags = 1;  // the tag count of the tagged roles (every tagged species has the same)
    for (int r = 0; r < chem_roles; ++r)
      if (species[r] >= 0 && count[r] > tags) tags = count[r];
    for (int r = 0; r < chem_roles; ++r)
      if (species[r] >= 0)
        for (int k = 0; k < count[r]; ++k) prod[std::size_t(slot0[r] + k) * cols + col] = 0;
    for (int level = 0; level < g.nz; ++level) {
      const std::size_t cell = std::size_t(level) * cols + col;
      const double t_over_p = double(temperature[cell]) / double(pressure[cell]);
      const double a = air >= 0 ? double(c[std::size_t(air) * stride + cell]) : 1.0;
      double x[chem_roles], to_ppb[chem_roles];
      for (int r = 0; r < chem_roles; ++r) {
        to_ppb[r] = ppb_per_unit[r] * t_over_p / a;
        double sum = 0;  // float64 over the tags
        if (species[r] >= 0)
          for (int k = 0; k < count[r]; ++k) sum += double(*field(r, k, cell));
        x[r] = sum * to_ppb[r];
      }
      k::ChemistryCell cell_ppb{x[chem_no],   x[chem_no2], x[chem_o3],  x[chem_so2], x[chem_so4],
                                x[chem_hno3], x[chem_no3], x[chem_nh3], x[chem_nh4]};
      const k::ChemistryEnvironment env{double(temperature[cell]), double(pressure[cell]),
                                        double(humidity[cell]), cos_zenith, double(radiation[col])};
      k::chemistry_step(cell_ppb, env, options, dt);
      const double y[chem_roles] = {cell_ppb.no,  cell_ppb.no2, cell_ppb.o3,
                                    cell_ppb.so2, cell_ppb.so4, cell_ppb.hno3,
                                    cell_ppb.no3, cell_ppb.nh3, cell_ppb.nh4};
      // Per tag (an untagged role: its one field, as "tag 0" of every k):
      // all of the tag's amounts before any is written, so that the
      // precursor shares read the state the mechanism reacted.
      for (int k = 0; k < tags; ++k) {
        double before[chem_roles];
        for (int r = 0; r < chem_roles; ++r)
          before[r] = species[r] >= 0 && k < count[r] ? double(*field(r, k, cell)) : 0.0;
        for (int r = 0; r < chem_roles; ++r) {
          if (species[r] < 0 || k >= count[r]) continue;
          float& f = *field(r, k, cell);
          const float stored = f;
          const double change = y[r] - x[r];  // ppb, of the species as a whole
          double now;
          if (count[r] == 1) {
            now = y[r] / to_ppb[r];
          } else if (!(change > 0)) {  // a loss: every tag keeps the fraction y / x
            now = x[r] > 0 ? before[r] * (y[r] / x[r]) : 0.0;
          } else {  // production: by the tag's share of the precursors (tagged ones)
            double mine = 0, all = 0;
            const unsigned pre = precursor_roles(r);
            for (int q = 0; q < chem_roles; ++q)
              if ((pre >> unsigned(q)) & 1u && species[q] >= 0 && count[q] == count[r]) {
                mine += before[q] * to_ppb[q];
                all += x[q];
              }
            double share;
            if (all > 0)
              share = mine / all;
            else if (x[r] > 0)  // no tagged precursor: the species' own shares
              share = before[r] * to_ppb[r] / x[r];
            else  // nothing to go by: the background tag (the last)
              share = k == count[r] - 1 ? 1.0 : 0.0;
            now = before[r] + change * share / to_ppb[r];
          }
          f = float(now);
          // The change as stored, so that the budget closes on the fields.
          prod[std::size_t(slot0[r] + k) * cols + col] +=
              (double(f) - double(stored)) * g.dz[level];
        }
      }
    }
    for (int r = 0; r < chem_roles; ++r) {
      if (species[r] < 0) continue;
      for (int k = 0; k < count[r]; ++k) {
        const std::size_t i = std::size_t(slot0[r] + k) * cols + col;
        const double added = prod[i];
        prod[i] = added > 0 ? added : 0.0;
        loss[i] = added < 0 ? added : 0.0;
      }
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
    int slots = 0;
    for (int r = 0; r < chem_roles; ++r) slots += chem.tag_fields[std::size_t(r)];
    state_->prod.assign(std::size_t(slots) * cfg.grid.columns(), 0.0);
    state_->loss.assign(std::size_t(slots) * cfg.grid.columns(), 0.0);
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
    int slot = 0;
    for (int r = 0; r < chem_roles; ++r) {
      f.species[r] = chem.species[std::size_t(r)];
      f.count[r] = chem.tag_fields[std::size_t(r)];
      f.slot0[r] = slot;
      slot += f.count[r];
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
      for (int k = 0; k < f.count[r]; ++k) {  // each tag's field its own terms
        const std::size_t o = std::size_t(f.slot0[r] + k) * cols;
        const auto p0 = state_->prod.begin() + std::ptrdiff_t(o);
        const auto l0 = state_->loss.begin() + std::ptrdiff_t(o);
        ctx.report(s + k, thrust::reduce(policy(), p0, p0 + std::ptrdiff_t(cols), 0.0) * area, 0);
        ctx.report(s + k, thrust::reduce(policy(), l0, l0 + std::ptrdiff_t(cols), 0.0) * area, 1);
      }
    }
  }

 private:
  struct Device {
    device_vector<double> lon, lat, prod, loss;
  };
  std::shared_ptr<Device> state_;
};

}  // namespace airshed::AIRSHED_BACKEND_NS

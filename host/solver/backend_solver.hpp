// The transport solver for one backend. This file is compiled once per
// backend (solver_omp.cpp, solver_serial.cpp, cuda/solver_cuda.cu); the
// backend comes only from kernels/backend.hpp, so the host code here reads
// the same for all of them. Fields live in Thrust vectors of that backend.
// The step is the process pipeline (process_pipeline.hpp) of the operators
// below. Over 250 lines because it is one class whose members all work on
// the backend's device vectors; what needs no backend is compiled once
// (emission_list.cpp, solver_state.cpp, process_pipeline.cpp).
#pragma once

#include <thrust/copy.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "host/core/numerical_fault.hpp"
#include "host/solver/backend_functors.hpp"
#include "host/solver/chemistry_process.hpp"
#include "host/solver/emission_list.hpp"
#include "host/solver/process.hpp"
#include "host/solver/process_pipeline.hpp"
#include "host/solver/solver_state.hpp"
#include "host/solver/transport_solver.hpp"
#include "kernels/backend.hpp"
#include "kernels/boundary_fill.hpp"
#include "kernels/column_physics.hpp"
#include "kernels/dry_deposition.hpp"
#include "kernels/ffsl_flux.hpp"
#include "kernels/horizontal_sweep.hpp"
#include "kernels/sources.hpp"
#include "kernels/stability.hpp"
#include "kernels/state_check.hpp"
#include "kernels/tagged_sweep.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

namespace k = airshed::kernels;

// Scratch of at least n elements, its old values dropped. Not resize():
// Thrust 1.17 copies the old range into the new storage, and from an empty
// vector that copy passes the null data() pointer to memmove (undefined
// behaviour, caught by -fsanitize=null; the same bug as in upload()).
template <class T>
void grow(device_vector<T>& v, std::size_t n) {
  if (v.size() < n) v.assign(n, T{});
}

// The largest z extent of a cell launch (CUDA's gridDim.z limit).
constexpr int max_grid_z = 65535;

inline int lateral_kind(LateralBoundary b) {
  return b == LateralBoundary::open       ? k::lateral_open
         : b == LateralBoundary::periodic ? k::lateral_periodic
                                          : k::lateral_closed;
}

class BackendSolver final : public TransportSolver {
 public:
  explicit BackendSolver(const TransportConfig& cfg) : cfg_(cfg) {
    validate(cfg_);
    const Grid& g = cfg_.grid;
    std::vector<float> dz(g.nz), dzc(g.nz + 1);
    for (int l = 0; l < g.nz; ++l) dz[l] = float(g.dz(l));
    dzc[0] = 0.5f * dz[0];
    dzc[g.nz] = 0.5f * dz[g.nz - 1];
    for (int l = 1; l < g.nz; ++l) dzc[l] = float(g.z_centre(l) - g.z_centre(l - 1));
    dz_ = dz;
    dzc_ = dzc;
    const std::size_t ns = cfg_.species.size();
    c_.assign(ns * g.cells(), 0.0f);
    scratch_.assign(g.cells(), 0.0f);
    column_losses_.resize(g.columns());
    budgets_.assign(ns, MassBudget{});
    if (cfg_.advection == Advection::ffsl) {  // the diffusion sweeps' still air
      zero_u_.assign(std::size_t(g.nx + 1) * g.ny * g.nz, 0.0f);
      zero_v_.assign(std::size_t(g.nx) * (g.ny + 1) * g.nz, 0.0f);
      zero_w_.assign(std::size_t(g.nx) * g.ny * (g.nz + 1), 0.0f);
    }
    emitted_rate_.assign(ns, 0.0);
    for (std::size_t s = 0; s < ns; ++s) {
      thrust::fill(policy(), c_.begin() + s * g.cells(), c_.begin() + (s + 1) * g.cells(),
                   float(cfg_.species[s].background));
      budgets_[s].initial = in_domain_mass(int(s));
    }
    // Still air until the first set_met: no turbulence, so no resistance
    // deposition either (u* = 0, v_d = 0).
    load_met(uniform_met(g, 0, 0, 0, 0, 0), /*calm=*/true);
    // The built-in processes (process_pipeline.hpp); an even step applies
    // them in this order, an odd one in reverse.
    pipeline_.add("horizontal", {"outflow"},
                  [this](double dt, bool forward) { horizontal(dt, /*x_first=*/forward); });
    pipeline_.add("columns", {"outflow", "deposition", "decay"},
                  [this](double dt, bool) { columns(dt); });
    pipeline_.add("emissions", {"emissions"}, [this](double dt, bool) { add_emissions(dt); });
    // The chemistry (chemistry_process.hpp), in the middle of the Strang
    // pair with the sources: ... S, C | C, S ... (docs/numerics.md).
    if (cfg_.chemistry.enabled)
      add_process("chemistry", {"chemical_production", "chemical_loss"}, ChemistryProcess(cfg_));
  }
  // The pipeline's launches hold `this`.
  BackendSolver(const BackendSolver&) = delete;
  BackendSolver& operator=(const BackendSolver&) = delete;

  // Appends a process to the pipeline (process_pipeline.hpp says how to
  // write one); every species' budget gains its term, MassBudget::processes
  // `name`. Only before the first step, so that every term covers the run.
  void add_process(const std::string& name, ProcessLaunch launch) {
    add_process(name, {name}, std::move(launch));
  }
  // The same with several budget terms (ProcessContext::report's `which`
  // indexes them), e.g. a process's production and its loss.
  void add_process(const std::string& name, const std::vector<std::string>& terms,
                   ProcessLaunch launch) {
    if (steps_ != 0)
      throw std::logic_error("add_process: register processes before the first step");
    if (terms.empty()) throw std::invalid_argument("add_process: '" + name + "' has no terms");
    for (const std::string& term : terms) {
      for (const BudgetTerm& t : MassBudget{}.terms())
        if (t.name == term)
          throw std::invalid_argument("add_process: '" + term + "' names a built-in budget term");
      for (const std::string& other : process_names_)
        if (other == term)
          throw std::invalid_argument("add_process: the budget term '" + term +
                                      "' is taken by another process");
    }
    const std::size_t term = process_names_.size();
    pipeline_.add(name, terms, [this, term, launch = std::move(launch)](double dt, bool forward) {
      launch(ProcessContext{&cfg_, grid_view(), met_view(), raw(c_), cfg_.grid.cells(),
                            raw(column_mass_), &budgets_, term, forward, time_,
                            chem_t_.empty() ? nullptr : raw(chem_t_),
                            chem_p_.empty() ? nullptr : raw(chem_p_),
                            chem_rh_.empty() ? nullptr : raw(chem_rh_),
                            chem_rad_.empty() ? nullptr : raw(chem_rad_)},
             dt);
    });
    for (const std::string& t : terms) {
      process_names_.push_back(t);
      for (MassBudget& b : budgets_) b.processes.push_back({t, 0.0});
    }
    column_mass_.assign(cfg_.grid.columns(), 0.0);  // assign, not resize: see grow()
  }
  const ProcessPipeline& pipeline() const { return pipeline_; }

  std::string backend_name() const override { return AIRSHED_BACKEND_NAME; }
  // The thread count its factory knows (solver_omp.cpp, solver_serial.cpp, cuda/solver_cuda.cu).
  BackendSolver(const TransportConfig& cfg, int threads) : BackendSolver(cfg) {
    threads_ = threads;
  }
  int threads() const override { return threads_; }
  const TransportConfig& config() const override { return cfg_; }

  void set_met(const MetFields& met) override { load_met(met, /*calm=*/false); }

  double max_deposition_velocity(int s) const override {
    check_species(s);
    return max_vd_[std::size_t(s)];
  }

  void set_emissions(const std::vector<CellEmission>& emissions) override {
    EmissionList list = merge_emissions(cfg_, emissions);
    emitted_rate_ = std::move(list.emitted_rate);
    upload(em_cell_, list.cell);
    upload(em_species_, list.species);
    upload(em_rate_, list.rate_per_volume);
  }

  void set_background(int s, double background) override {
    check_species(s);
    if (!(background >= 0) || !std::isfinite(background))
      throw std::invalid_argument("set_background: the background must be finite and >= 0");
    cfg_.species[std::size_t(s)].background = background;
  }

  void set_concentration(int s, const std::vector<float>& field) override {
    check_species(s);
    if (field.size() != cfg_.grid.cells())
      throw std::invalid_argument("set_concentration: field size does not match the grid");
    thrust::copy(field.begin(), field.end(), c_.begin() + std::size_t(s) * cfg_.grid.cells());
    budgets_[s] = empty_budget(process_names_);
    budgets_[s].initial = in_domain_mass(s);
  }

  std::vector<float> concentration(int s) const override {
    check_species(s);
    std::vector<float> out(cfg_.grid.cells());
    thrust::copy(c_.begin() + std::size_t(s) * cfg_.grid.cells(),
                 c_.begin() + std::size_t(s + 1) * cfg_.grid.cells(), out.begin());
    return out;
  }

  double stable_dt() const override {
    if (cfg_.advection == Advection::ffsl) {
      // Departure points keep their order, the column step's vertical
      // outflow within its limit, and the advective Courant number within
      // `courant` (kernels/ffsl_flux.hpp; docs/numerics.md).
      double dt = std::numeric_limits<double>::infinity();
      if (max_deformation_ > 0) dt = std::min(dt, 0.5 / double(max_deformation_));
      if (max_advective_ > 0) dt = std::min(dt, cfg_.courant / double(max_advective_));
      return dt;
    }
    return max_rate_ > 0 ? cfg_.courant / double(max_rate_)
                         : std::numeric_limits<double>::infinity();
  }

  double courant_number(double dt) const override {
    return cfg_.advection == Advection::ffsl ? dt * double(max_advective_) : 0.0;
  }

  // Dimension-split step along the pipeline; the order reverses every
  // other step so that two steps form a symmetric (Strang) sequence with
  // the sources (and any added process) in the middle:
  //   even: X, Y, Z, S    odd: S, Z, Y, X
  // advance() takes whole pairs, so every output follows transport, mixing
  // and decay of everything emitted, never a raw emission (its error in the
  // source cell stays bounded as dt grows; docs/numerics.md, "Time step").
  void step(double dt) override {
    if (!(dt > 0) || dt > stable_dt() * (1 + 1e-6))
      throw std::invalid_argument("step: dt must be in (0, stable_dt()]");
    pipeline_.step(dt, /*forward=*/steps_ % 2 == 0);
    time_ += dt;
    ++steps_;
    check_state();
  }

  double time() const override { return time_; }
  long steps_taken() const override { return steps_; }

  State state() const override {
    State st;
    st.time = time_;
    st.steps = steps_;
    for (std::size_t s = 0; s < cfg_.species.size(); ++s)
      st.fields.push_back(concentration(int(s)));
    st.budgets = budgets_;
    return st;
  }

  void restore(const State& st) override {
    check_restorable(st, cfg_, process_names_);
    const std::size_t ns = cfg_.species.size(), n = cfg_.grid.cells();
    for (std::size_t s = 0; s < ns; ++s)
      thrust::copy(st.fields[s].begin(), st.fields[s].end(), c_.begin() + s * n);
    budgets_ = st.budgets;
    time_ = st.time;
    steps_ = st.steps;
  }

  MassBudget budget(int s) const override {
    check_species(s);
    MassBudget b = budgets_[s];
    b.in_domain = in_domain_mass(s);
    return b;
  }

 private:
  k::GridView grid_view() const {
    const Grid& g = cfg_.grid;
    return k::GridView{g.nx, g.ny, g.nz, float(g.dx), float(g.dy), raw(dz_), raw(dzc_)};
  }
  k::MetView met_view() const { return {raw(u_), raw(v_), raw(w_), raw(kh_), raw(kz_)}; }
  float* species_ptr(int s) { return raw(c_) + std::size_t(s) * cfg_.grid.cells(); }
  void check_species(int s) const {
    if (s < 0 || std::size_t(s) >= cfg_.species.size())
      throw std::out_of_range("species index out of range");
  }

  // The blow-up guard, after every step: one device reduction over every
  // species for the first value that is NaN, +-Inf or negative; throws
  // NumericalFault naming it. Only an index (and, on a hit, one value)
  // crosses to the host.
  void check_state() const {
    const std::size_t bad =
        thrust::transform_reduce(policy(), thrust::counting_iterator<std::size_t>(0),
                                 thrust::counting_iterator<std::size_t>(c_.size()),
                                 k::InvalidIndex{raw(c_)}, k::no_invalid_cell, k::MinIndex{});
    if (bad == k::no_invalid_cell) return;
    InvalidCell where = invalid_cell_at(cfg_, bad, steps_, time_);
    where.value = c_[bad];
    throw NumericalFault(where);
  }

  double in_domain_mass(int s) const {
    const Grid& g = cfg_.grid;
    const double sum = thrust::transform_reduce(
        policy(), thrust::counting_iterator<std::size_t>(0),
        thrust::counting_iterator<std::size_t>(g.cells()),
        CellMass{raw(c_) + std::size_t(s) * g.cells(), grid_view()}, 0.0, thrust::plus<double>());
    return sum * g.dx * g.dy;
  }

  // c += S dt / V
  void add_emissions(double dt) {
    for (std::size_t s = 0; s < budgets_.size(); ++s) budgets_[s].emitted += emitted_rate_[s] * dt;
    for_each_index(em_cell_.size(), k::AddEmissions{raw(c_), cfg_.grid.cells(), raw(em_cell_),
                                                    raw(em_species_), raw(em_rate_), float(dt)});
  }

  // Both horizontal directions for every species: c -> scratch along the
  // first direction, scratch -> c along the second (no copy back).
  void horizontal(double dt, bool x_first) {
    if (cfg_.advection == Advection::ffsl) return ffsl_horizontal(dt, x_first);
    for (std::size_t s = 0; s < cfg_.species.size(); ++s) {
      const int tags = cfg_.species[s].tag_fields;
      if (tags > 1) {  // a tagged species' fields, s .. s + tags - 1
        tagged_horizontal(s, tags, dt, x_first);
        s += std::size_t(tags - 1);
        continue;
      }
      float* c = species_ptr(int(s));
      if (x_first) {
        sweep<k::along_x>(s, c, raw(scratch_), dt);
        sweep<k::along_y>(s, raw(scratch_), c, dt);
      } else {
        sweep<k::along_y>(s, c, raw(scratch_), dt);
        sweep<k::along_x>(s, raw(scratch_), c, dt);
      }
    }
  }

  // FFSL advection then explicit diffusion, each dimension-split, in
  // reverse on odd steps (Strang): X Y Dx Dy | Dy Dx Y X. The diffusion
  // takes as many equal substeps as its own limit needs,
  // dt_sub <= 0.5 / max((K_w + 2 K + K_e) / (2 dx^2), ...) (kernels/stability.hpp
  // on still air), so a long step never breaks it.
  void ffsl_horizontal(double dt, bool x_first) {
    const long substeps =
        max_diffusion_ > 0 ? std::max(1L, long(std::ceil(dt * double(max_diffusion_) / 0.5))) : 0;
    const double dt_sub = substeps > 0 ? dt / double(substeps) : 0;
    for (std::size_t s = 0; s < cfg_.species.size(); ++s) {
      float* c = species_ptr(int(s));
      const auto advect = [&] {
        if (x_first) {
          ffsl_sweep<k::along_x>(s, c, raw(scratch_), dt);
          ffsl_sweep<k::along_y>(s, raw(scratch_), c, dt);
        } else {
          ffsl_sweep<k::along_y>(s, c, raw(scratch_), dt);
          ffsl_sweep<k::along_x>(s, raw(scratch_), c, dt);
        }
      };
      const auto diffuse = [&] {
        for (long n = 0; n < substeps; ++n) {
          if (x_first) {
            sweep<k::along_x>(s, c, raw(scratch_), dt_sub, raw(zero_u_));
            sweep<k::along_y>(s, raw(scratch_), c, dt_sub, raw(zero_v_));
          } else {
            sweep<k::along_y>(s, c, raw(scratch_), dt_sub, raw(zero_v_));
            sweep<k::along_x>(s, raw(scratch_), c, dt_sub, raw(zero_u_));
          }
        }
      };
      if (x_first) {
        advect();
        diffuse();
      } else {
        diffuse();
        advect();
      }
    }
  }

  // c_out <- the mass between each cell's departure points along one
  // direction (kernels/ffsl_flux.hpp); the open-boundary outflow from the
  // fluxes through the two ends of every line.
  template <int Dir>
  void ffsl_sweep(std::size_t s, const float* c_in, float* c_out, double dt) {
    const Grid& g = cfg_.grid;
    const k::GridView gv = grid_view();
    const double d = Dir == k::along_x ? g.dx : g.dy;
    const LateralBoundary bc = Dir == k::along_x ? cfg_.boundaries.x : cfg_.boundaries.y;
    const float* vel = Dir == k::along_x ? raw(u_) : raw(v_);
    const float outside = bc == LateralBoundary::open ? float(cfg_.species[s].background) : 0.0f;
    const k::FfslParams p{float(dt / d), float(d / dt), bc == LateralBoundary::periodic, outside};
    if (bc == LateralBoundary::open)
      budgets_[s].outflow +=
          dt * thrust::transform_reduce(
                   policy(), thrust::counting_iterator<std::size_t>(0),
                   thrust::counting_iterator<std::size_t>(k::line_count<Dir>(gv)),
                   k::FfslEdgeOutflow<Dir>{gv, c_in, vel, p}, 0.0, thrust::plus<double>());
    for_each_cell(g.nx, g.ny, g.nz, k::FfslSweep<Dir>{gv, c_in, c_out, vel, p});
  }

  // The weight of the advection's limited jumps (kernels/horizontal_flux.hpp):
  // 1 for the MC-limited scheme, 0 for first-order upwind.
  float slope() const { return cfg_.advection == Advection::upwind ? 0.0f : 1.0f; }

  // Both directions for the `n` tags of one species (fields s0 ..): c ->
  // tag scratch along the first, back along the second.
  void tagged_horizontal(std::size_t s0, int n, double dt, bool x_first) {
    const std::size_t cells = cfg_.grid.cells();
    grow(tag_scratch_, std::size_t(n) * cells);
    float* c = species_ptr(int(s0));
    if (x_first) {
      tagged_sweep<k::along_x>(s0, n, c, raw(tag_scratch_), dt);
      tagged_sweep<k::along_y>(s0, n, raw(tag_scratch_), c, dt);
    } else {
      tagged_sweep<k::along_y>(s0, n, c, raw(tag_scratch_), dt);
      tagged_sweep<k::along_x>(s0, n, raw(tag_scratch_), c, dt);
    }
  }

  // One direction for the tags of a species (kernels/tagged_sweep.hpp):
  // their total, its ghosts and advective face fluxes once, then every
  // tag's ghosts, open-boundary outflow and update, each one launch over
  // the stacked tags (nx x ny x n nz cells), not one per tag.
  template <int Dir>
  void tagged_sweep(std::size_t s0, int n, const float* in, float* out, double dt) {
    const Grid& g = cfg_.grid;
    const k::GridView gv = grid_view();
    k::GridView stacked = gv;  // the n tags as one grid of n nz levels
    stacked.nz = n * gv.nz;
    const std::size_t cells = g.cells();
    const double d = Dir == k::along_x ? g.dx : g.dy;
    const LateralBoundary bc = Dir == k::along_x ? cfg_.boundaries.x : cfg_.boundaries.y;
    const int kind = lateral_kind(bc);
    const float* vel = Dir == k::along_x ? raw(u_) : raw(v_);
    const float* k_face = Dir == k::along_x ? raw(kx_face_) : raw(ky_face_);
    const float dt_over_d = float(dt / d), inv_d = float(1.0 / d);
    const std::size_t lines = k::line_count<Dir>(gv);
    grow(total_, cells);
    grow(total_ghosts_, lines * k::ghosts_per_line);
    grow(ghosts_, std::size_t(n) * lines * k::ghosts_per_line);
    grow(advection_, k::face_count<Dir>(gv));
    double background = 0;
    for (int t = 0; t < n; ++t) background += cfg_.species[s0 + std::size_t(t)].background;
    std::vector<float> fractions(static_cast<std::size_t>(n), 0.0f);
    for (int t = 0; t < n; ++t)
      if (background > 0)
        fractions[std::size_t(t)] =
            float(cfg_.species[s0 + std::size_t(t)].background / background);
    tag_fractions_ = fractions;
    // Runs of one x row on the CPU (contiguous, vectorised); one cell per GPU thread.
    const k::SumFields sum{in, n, cells, column_lanes > 1 ? std::size_t(g.nx) : 1, raw(total_)};
    for_each_index(sum.runs(), sum);
    for_each_index(lines, k::FillGhosts<Dir>{gv, raw(total_), raw(total_ghosts_), kind});
    for_each_cell(g.nx, g.ny, g.nz,
                  k::TotalAdvection<Dir>{gv, raw(total_), raw(total_ghosts_), vel, raw(advection_),
                                         kind, float(background), dt_over_d, inv_d, slope()});
    for_each_index(std::size_t(n) * lines, k::FillGhosts<Dir>{stacked, in, raw(ghosts_), kind});
    const k::TagFlux<Dir> flux{
        gv,     in,   raw(ghosts_),        raw(total_), raw(total_ghosts_), vel, raw(advection_),
        k_face, kind, raw(tag_fractions_), inv_d};
    if (bc == LateralBoundary::open) {
      // Per tag: the float64 sum of its lines' outflow (one segmented reduction).
      grow(tag_sums_, std::size_t(n));
      const auto key = thrust::make_transform_iterator(thrust::counting_iterator<std::size_t>(0),
                                                       k::TagOf{lines});
      const auto outflow = thrust::make_transform_iterator(
          thrust::counting_iterator<std::size_t>(0), k::TagEdgeOutflow<Dir>{flux});
      thrust::reduce_by_key(policy(), key, key + std::ptrdiff_t(std::size_t(n) * lines), outflow,
                            thrust::make_discard_iterator(), tag_sums_.begin());
      const std::vector<double> sums(tag_sums_.begin(), tag_sums_.begin() + n);
      for (int t = 0; t < n; ++t)
        budgets_[s0 + std::size_t(t)].outflow += dt * sums[std::size_t(t)];
    }
    // The stack in chunks of at most max_grid_z levels (a CUDA grid's z
    // extent is one level per block row; one chunk unless tags * nz > 65535).
    const int chunk = std::max(1, max_grid_z / g.nz);
    for (int t0 = 0; t0 < n; t0 += chunk) {
      k::TagFlux<Dir> part = flux;
      part.c += std::size_t(t0) * cells;
      part.c_ghosts += std::size_t(t0) * lines * k::ghosts_per_line;
      part.inflow_fraction += t0;
      for_each_cell_faces(g.nx, g.ny, std::min(chunk, n - t0) * g.nz,
                          k::TaggedSweep<Dir>{part, out + std::size_t(t0) * cells, dt_over_d});
    }
  }

  // The boundary faces' data of one direction, once per met update: face
  // diffusivities and boundary-face velocities by the fill rules of the
  // direction's boundary kind (kernels/boundary_fill.hpp).
  template <int Dir>
  void fill_face_data(device_vector<float>& vel, device_vector<float>& k_face) {
    const k::GridView g = grid_view();
    const int kind = lateral_kind(Dir == k::along_x ? cfg_.boundaries.x : cfg_.boundaries.y);
    k_face.assign(k::face_count<Dir>(g), 0.0f);  // assign, not resize: see grow()
    for_each_index(k::face_rows<Dir>(g), k::FaceDiffusivity<Dir>{g, raw(kh_), raw(k_face), kind});
    for_each_index(k::line_count<Dir>(g), k::BoundaryFaceVelocity<Dir>{g, raw(vel), kind});
  }

  // c_out <- c_in - dt/d (F_{f+1} - F_f) along one horizontal direction:
  // the boundary step (ghost cells of c_in by the fill rules, then the
  // fluxes through the faces that reach them), the open-boundary outflow
  // from those fluxes, then the interior stencil.
  // `still`: zero face velocities instead of the wind (diffusion alone).
  template <int Dir>
  void sweep(std::size_t s, const float* c_in, float* c_out, double dt,
             const float* still = nullptr) {
    const Grid& g = cfg_.grid;
    const k::GridView gv = grid_view();
    const double d = Dir == k::along_x ? g.dx : g.dy;
    const LateralBoundary bc = Dir == k::along_x ? cfg_.boundaries.x : cfg_.boundaries.y;
    const int kind = lateral_kind(bc);
    const float* vel = still ? still : Dir == k::along_x ? raw(u_) : raw(v_);
    const float* k_face = Dir == k::along_x ? raw(kx_face_) : raw(ky_face_);
    const k::SweepParams p{float(dt / d), float(1.0 / d), slope()};
    const std::size_t lines = k::line_count<Dir>(gv);
    grow(ghosts_, lines * k::ghosts_per_line);
    grow(edges_, lines * k::edge_faces_per_line);
    using Fill = k::FillGhosts<Dir>;
    using Edges = k::EdgeFluxes<Dir>;
    using Step = k::LineBoundaryStep<Fill, Edges>;
    const Step step{Fill{gv, c_in, raw(ghosts_), kind},
                    Edges{gv, c_in, raw(ghosts_), vel, k_face, raw(edges_), kind,
                          float(cfg_.species[s].background), p.dt_over_d, p.inv_d, p.slope}};
    if (bc == LateralBoundary::open)  // the step inside the outflow's reduction: one launch
      budgets_[s].outflow +=
          dt * thrust::transform_reduce(
                   policy(), thrust::counting_iterator<std::size_t>(0),
                   thrust::counting_iterator<std::size_t>(lines),
                   k::LineBoundaryStepWithOutflow<Step, Dir>{step, {gv, raw(edges_)}}, 0.0,
                   thrust::plus<double>());
    else
      for_each_index(lines, step);
    for_each_cell_faces(g.nx, g.ny, g.nz,
                        k::HorizontalSweep<Dir>{gv, c_in, c_out, vel, k_face, raw(edges_), p});
  }

  // Uploads the met, its step limit and the deposition velocities;
  // `calm` only for the constructor's still air (resistance species v_d = 0).
  void load_met(const MetFields& met, bool calm) {
    validate(cfg_, met);
    for (const SpeciesSpec& sp : cfg_.species)  // before anything changes
      if (!calm && sp.surface_resistance > 0 && met.ustar.empty())
        throw std::invalid_argument("set_met: species '" + sp.name +
                                    "' has a surface_resistance but the met gives no surface "
                                    "fields (ustar, inverse_L, z0) for its deposition");
    // The chemistry's air state: only a run with chemistry uploads it, and
    // its met must have it (the constructor's still air has none).
    if (cfg_.chemistry.enabled && !calm) {
      validate_chemistry_met(cfg_, met);
      chem_t_ = met.temperature;
      chem_p_ = met.pressure;
      chem_rh_ = met.relative_humidity;
      chem_rad_ = met.radiation_factor;
    }
    u_ = met.u;
    v_ = met.v;
    w_ = met.w;
    kh_ = met.kh;
    kz_ = met.kz;
    // dt limit: a device reduction of the per-cell rates (of the met as
    // given, before the boundary step edits the boundary faces).
    const float max_rate = thrust::transform_reduce(
        policy(), thrust::counting_iterator<std::size_t>(0),
        thrust::counting_iterator<std::size_t>(cfg_.grid.cells()),
        k::CellRate{grid_view(), met_view(), cfg_.boundaries.top == TopBoundary::open}, 0.0f,
        MaxFloat{});
    max_rate_ = max_rate;
    fill_face_data<k::along_x>(u_, kx_face_);
    fill_face_data<k::along_y>(v_, ky_face_);
    if (cfg_.advection == Advection::ffsl) ffsl_rates();
    set_deposition(met, calm);
    set_convective(met, calm);
  }

  // Convective mixing (kernels/acm2.hpp, docs/numerics.md "Convective
  // mixing"): each column's mixing height and Pleim's (2007) convective
  // fraction from its 1/L (0 in neutral and stable columns and in the
  // constructor's still air). Forcing, recomputed at every set_met.
  void set_convective(const MetFields& met, bool calm) {
    if (!cfg_.convective_mixing) return;
    const std::size_t ncol = cfg_.grid.columns();
    if (!calm && (met.mixing_height.size() != ncol || met.inverse_L.size() != ncol))
      throw std::invalid_argument(
          "set_met: vertical_mixing = \"acm2\" needs each column's mixing height and 1/L");
    std::vector<float> h(ncol, 0.0f), f(ncol, 0.0f);
    if (!calm)
      for (std::size_t c = 0; c < ncol; ++c) {
        h[c] = met.mixing_height[c];
        f[c] = k::convective_fraction(h[c], met.inverse_L[c]);
      }
    mixing_height_ = h;
    convective_fraction_ = f;
  }

  // The FFSL step's limits for this met: deformation and vertical outflow,
  // advective Courant rate, and the diffusion alone (CellRate of still air
  // with the met's K). After the boundary step has edited the boundary
  // faces: a closed wall's u = 0 is a velocity jump the departure points
  // see.
  void ffsl_rates() {
    const auto largest = [&](auto rate) {
      return thrust::transform_reduce(policy(), thrust::counting_iterator<std::size_t>(0),
                                      thrust::counting_iterator<std::size_t>(cfg_.grid.cells()),
                                      rate, 0.0f, MaxFloat{});
    };
    const bool open_top = cfg_.boundaries.top == TopBoundary::open;
    max_deformation_ = largest(k::FfslDeformationRate{grid_view(), met_view(), open_top});
    max_advective_ = largest(k::FfslAdvectiveRate{grid_view(), met_view()});
    const k::MetView still{raw(zero_u_), raw(zero_v_), raw(zero_w_), raw(kh_), raw(kz_)};
    max_diffusion_ = largest(k::CellRate{grid_view(), still, open_top});
  }

  // The deposition velocity of every species and column for this met
  // (forcing, not state: recomputed at every set_met, never checkpointed).
  // A constant species gets float(deposition_velocity) in every column, so
  // the column kernel's arithmetic is that of a scalar v_d; a resistance
  // species 1 / (r_a + r_b + r_c) from the column's u*, 1/L and z0 at the
  // centre of the lowest layer (kernels/dry_deposition.hpp). A host loop:
  // once per met update, nx * ny per species.
  void set_deposition(const MetFields& met, bool calm) {
    const Grid& g = cfg_.grid;
    const std::size_t ns = cfg_.species.size(), ncol = g.columns();
    std::vector<float> vd(ns * ncol);
    max_vd_.assign(ns, 0.0);
    for (std::size_t s = 0; s < ns; ++s) {
      const SpeciesSpec& sp = cfg_.species[s];
      float* out = vd.data() + s * ncol;
      if (!(sp.surface_resistance > 0)) {
        std::fill(out, out + ncol, float(sp.deposition_velocity));
        max_vd_[s] = sp.deposition_velocity;  // as given: the step limit reads it unrounded
        continue;
      }
      if (calm) continue;  // v_d = 0, as u* = 0 gives
      const double z_ref = g.z_centre(0);
      for (std::size_t c = 0; c < ncol; ++c) {
        out[c] = float(k::resistance_deposition_velocity(z_ref, met.z0[c], met.ustar[c],
                                                         met.inverse_L[c], sp.schmidt_number,
                                                         sp.surface_resistance));
        max_vd_[s] = std::max(max_vd_[s], double(out[c]));
      }
    }
    vd_ = vd;
  }

  // Vertical advection, decay, implicit diffusion and deposition per column.
  void columns(double dt) {
    const Grid& g = cfg_.grid;
    const double area = g.dx * g.dy;
    for (std::size_t s = 0; s < cfg_.species.size();) {
      const SpeciesSpec& sp = cfg_.species[s];
      const int n = sp.tag_fields > 1 ? sp.tag_fields : 1;
      k::ColumnParams p{float(dt), float(std::exp(-sp.decay_rate * dt)), raw(vd_) + s * g.columns(),
                        cfg_.boundaries.top == TopBoundary::open, float(sp.background)};
      p.slope = slope();
      if (cfg_.convective_mixing) {
        p.mixing_height = raw(mixing_height_);
        p.convective_fraction = raw(convective_fraction_);
      }
      if (sp.tag_fields > 1) {  // a tagged species: its total's vertical fluxes, shared by its tags
        const std::size_t cells = g.cells();
        grow(total_, cells);
        grow(vertical_flux_, std::size_t(g.columns()) * (g.nz + 1));
        const k::SumFields sum{species_ptr(int(s)), n, cells,
                               column_lanes > 1 ? std::size_t(g.nx) : 1, raw(total_)};
        for_each_index(sum.runs(), sum);
        for_each_index(g.columns(), k::TotalVerticalFlux{grid_view(), raw(total_), raw(w_),
                                                         raw(vertical_flux_), float(dt), slope()});
        p.shared_flux = raw(vertical_flux_);
        p.shared_total = raw(total_);
      }
      // One thread per block of column_lanes adjacent columns (one column
      // on the GPU; a SIMD-wide run along x on the CPU), in one plain launch
      // (evenly shared among CPU threads, and no register cap from a
      // reduction kernel on the GPU), then a float64 reduction of each
      // field's per-column losses. A tagged species: one thread per block
      // and chunk of its tags, the matrix they share built once per thread
      // (kernels/tagged_column.hpp); every tag in one chunk on the CPU, a
      // few per thread on the GPU, where a column is one thread.
      grow(column_losses_, std::size_t(n) * g.columns());
      const k::ColumnPhysics<column_lanes> physics{grid_view(), species_ptr(int(s)), raw(w_),
                                                   raw(kz_), p};
      if (n == 1) {
        for_each_index(physics.blocks(), StoreColumnLosses{physics, raw(column_losses_)});
      } else {
        std::vector<float> backgrounds(static_cast<std::size_t>(n));
        for (int t = 0; t < n; ++t)
          backgrounds[std::size_t(t)] = float(cfg_.species[s + std::size_t(t)].background);
        tag_backgrounds_ = backgrounds;
        const int per_thread = column_lanes > 1 ? n : std::min(n, 4);
        const k::TaggedColumnPhysics<column_lanes> tagged{
            grid_view(), species_ptr(int(s)),   raw(w_), raw(kz_),
            p,           raw(tag_backgrounds_), n,       per_thread};
        for_each_index(tagged.threads(),
                       StoreTaggedColumnLosses{tagged, g.columns(), raw(column_losses_)});
      }
      std::vector<k::ColumnLosses> losses(static_cast<std::size_t>(n));
      if (n == 1) {
        losses[0] = thrust::reduce(policy(), column_losses_.begin(),
                                   column_losses_.begin() + std::ptrdiff_t(g.columns()),
                                   k::ColumnLosses{}, SumLosses{});
      } else {
        grow(tag_losses_, std::size_t(n));
        const auto key = thrust::make_transform_iterator(thrust::counting_iterator<std::size_t>(0),
                                                         k::TagOf{g.columns()});
        thrust::reduce_by_key(policy(), key, key + std::ptrdiff_t(std::size_t(n) * g.columns()),
                              column_losses_.begin(), thrust::make_discard_iterator(),
                              tag_losses_.begin(), thrust::equal_to<int>(), SumLosses{});
        thrust::copy(tag_losses_.begin(), tag_losses_.begin() + n, losses.begin());
      }
      for (int t = 0; t < n; ++t) {
        MassBudget& b = budgets_[s + std::size_t(t)];
        b.outflow += losses[std::size_t(t)].top_outflow * area;
        b.deposited += losses[std::size_t(t)].deposited * area;
        b.decayed += losses[std::size_t(t)].decayed * area;
      }
      s += std::size_t(n);
    }
  }

  TransportConfig cfg_;
  device_vector<float> dz_, dzc_;
  device_vector<float> c_, scratch_;
  device_vector<k::ColumnLosses> column_losses_;  // per column, one species' fields at a time
  device_vector<float> u_, v_, w_, kh_, kz_;      // u_, v_: boundary faces filled (fill_face_data)
  device_vector<float> chem_t_, chem_p_, chem_rh_, chem_rad_;  // chemistry only (load_met)
  device_vector<float> mixing_height_, convective_fraction_;   // convective mixing only
  device_vector<float> kx_face_, ky_face_;  // face diffusivities (fill_face_data)
  device_vector<float> ghosts_, edges_;     // per line of the current sweep (grid_lines.hpp)
  // Tagged species (tagged_horizontal): the per-tag fields after the first
  // direction, their total, its ghosts and its advective face fluxes.
  device_vector<float> tag_scratch_, total_, total_ghosts_, advection_;
  device_vector<float> vertical_flux_;  // columns(): the total's advective flux, z faces
  // Per tag of the species at hand: open inflow fractions b_k / b and
  // backgrounds; float64 sums (outflow) and column losses of a reduction.
  device_vector<float> tag_fractions_, tag_backgrounds_;
  device_vector<double> tag_sums_;
  device_vector<k::ColumnLosses> tag_losses_;
  device_vector<std::size_t> em_cell_;
  device_vector<int> em_species_;
  device_vector<float> em_rate_;
  std::vector<double> emitted_rate_;
  std::vector<MassBudget> budgets_;
  ProcessPipeline pipeline_;
  std::vector<std::string> process_names_;  // the added processes' terms, in pipeline order
  device_vector<double> column_mass_;       // scratch of the added processes
  device_vector<float> vd_;     // deposition velocity, per species then column (set_deposition)
  std::vector<double> max_vd_;  // its largest value per species
  float max_rate_ = 0;
  // Advection::ffsl (ffsl_rates): its limits' rates and still-air faces.
  float max_deformation_ = 0, max_advective_ = 0, max_diffusion_ = 0;
  device_vector<float> zero_u_, zero_v_, zero_w_;
  double time_ = 0;
  long steps_ = 0;
  int threads_ = 1;
};

}  // namespace airshed::AIRSHED_BACKEND_NS

// The wind projection for one backend: a preconditioned conjugate-gradient
// solve of the Poisson equation of kernels/wind_projection.hpp, then the
// face corrections. Compiled once per backend with the solver
// (solver_omp.cpp, solver_serial.cpp, cuda/solver_cuda.cu); the vectors are
// the backend's, and every loop and reduction runs there with policy().
// Only the boundary faces' set-up (O(faces on the boundary)) and a few
// scalars per iteration stay on the host.
#pragma once

#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <vector>

#include "host/solver/wind_multigrid_cycle.hpp"
#include "host/solver/wind_projection.hpp"
#include "host/solver/wind_projector_functors.hpp"
#include "kernels/backend.hpp"
#include "kernels/wind_projection.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

class BackendWindProjector final : public WindProjector {
  // Runs of column_lanes cells (kernels/backend.hpp): SIMD-wide on the CPU, one on the GPU.
  using Poisson = wp::k::ApplyPoisson<column_lanes>;
  using Preconditioner = wp::k::LinePreconditioner<column_lanes>;

 public:
  BackendWindProjector(const Grid& grid, const Boundaries& bc, const WindProjectionOptions& opt)
      : grid_(grid), bc_(bc), opt_(opt) {
    validate(grid_);
    if (!(opt_.vertical_weight > 0) || !std::isfinite(opt_.vertical_weight))
      throw std::invalid_argument("wind projection: vertical_weight must be finite and > 0");
    if (!(opt_.tolerance > 0))
      throw std::invalid_argument("wind projection: tolerance must be > 0");
    if (opt_.max_iterations < 1)
      throw std::invalid_argument("wind projection: max_iterations must be >= 1");
    std::vector<double> dz(grid_.nz), dzc(grid_.nz + 1, 0.0);
    for (int l = 0; l < grid_.nz; ++l) dz[l] = grid_.dz(l);
    for (int l = 1; l < grid_.nz; ++l) dzc[l] = grid_.z_centre(l) - grid_.z_centre(l - 1);
    dzc[grid_.nz] = 0.5 * dz[grid_.nz - 1];  // the open top's phi = 0 sits on the top face
    dz_ = dz;
    dzc_ = dzc;
    // L's conductances per level (kernels/wind_projection.hpp, ProjectionGrid).
    const double r = opt_.vertical_weight;
    std::vector<double> cx(grid_.nz), cy(grid_.nz), czl(grid_.nz, 0.0), czu(grid_.nz, 0.0);
    for (int l = 0; l < grid_.nz; ++l) {
      cx[l] = dz[l] / (grid_.dx * grid_.dx);
      cy[l] = dz[l] / (grid_.dy * grid_.dy);
      if (l > 0) czl[l] = r / dzc[l];
      if (l < grid_.nz - 1) czu[l] = r / dzc[l + 1];
    }
    if (bc_.top == TopBoundary::open) czu[grid_.nz - 1] = r / dzc[grid_.nz];
    cx_ = cx;
    cy_ = cy;
    cz_lower_ = czl;
    cz_upper_ = czu;
    const std::size_t n = grid_.cells();
    for (device_vector<double>* v : {&phi_, &r_, &p_, &zq_, &b_, &m_, &cp_}) v->assign(n, 0.0);
    // Every boundary Neumann: constants are L's null space (wind_projection.hpp).
    singular_ = bc_.x != LateralBoundary::open && bc_.y != LateralBoundary::open &&
                bc_.top == TopBoundary::closed;
    for_each_index(grid_.columns(), wp::k::FactorColumns{view(), raw(m_), raw(cp_)});
    if (opt_.multigrid)
      multigrid_ = std::make_unique<WindMultigrid>(
          build_wind_levels(grid_, bc_, r), wp::lateral_kind(bc_.x), wp::lateral_kind(bc_.y));
  }

  WindProjectionReport project(MetFields& met) override {
    const Grid& g = grid_;
    if (met.u.size() != std::size_t(g.nx + 1) * g.ny * g.nz ||
        met.v.size() != std::size_t(g.nx) * (g.ny + 1) * g.nz ||
        met.w.size() != g.columns() * (g.nz + 1))
      throw std::invalid_argument("wind projection: u, v, w do not match the grid's faces");
    wp::set_boundary_faces(g, bc_, met);
    u_ = met.u;
    v_ = met.v;
    w_ = met.w;
    const std::size_t n = g.cells();
    const wp::k::ProjectionGrid pg = view();

    WindProjectionReport rep;
    rep.divergence_before =
        wp::max_over(n, wp::k::CellDivergence{pg, raw(u_), raw(v_), raw(w_), raw(b_)}) * g.dx /
        speed_scale();
    if (singular_)  // the net boundary flux is 0 (closed faces zeroed); remove its rounding
      for_each_index(n, wp::SubtractConstant{raw(b_), wp::sum_over(n, wp::Element{raw(b_)}) / n});
    const double b_norm = std::sqrt(wp::sum_over(n, wp::Product{raw(b_), raw(b_)}));
    if (!std::isfinite(b_norm))  // a NaN or Inf face the solver would read
      throw std::invalid_argument("wind projection: the first-guess wind is not finite");
    if (b_norm == 0) {  // already divergence-free to the last bit: nothing to do
      rep.converged = true;
      return rep;
    }
    rep.iterations = solve(b_norm);
    // The true residual, not the recurrence's.
    const Poisson residual_op{pg, raw(phi_), raw(zq_)};
    for_each_index(residual_op.blocks(), residual_op);
    rep.residual = std::sqrt(wp::sum_over(n, wp::ResidualSquare{raw(b_), raw(zq_)})) / b_norm;
    rep.converged = rep.residual <= opt_.tolerance;

    for_each_index(u_.size(), wp::k::CorrectXFaces{pg, raw(phi_), raw(u_)});
    for_each_index(v_.size(), wp::k::CorrectYFaces{pg, raw(phi_), raw(v_)});
    for_each_index(w_.size(), wp::k::CorrectZFaces{pg, raw(phi_), raw(w_)});
    thrust::copy(u_.begin(), u_.end(), met.u.begin());
    thrust::copy(v_.begin(), v_.end(), met.v.begin());
    thrust::copy(w_.begin(), w_.end(), met.w.begin());
    rep.divergence_after =
        wp::max_over(n, wp::k::CellDivergence{pg, raw(u_), raw(v_), raw(w_), nullptr}) * g.dx /
        speed_scale();
    return rep;
  }

 private:
  wp::k::ProjectionGrid view() const {
    return {grid_.nx,
            grid_.ny,
            grid_.nz,
            grid_.dx,
            grid_.dy,
            raw(dz_),
            raw(dzc_),
            opt_.vertical_weight,
            wp::lateral_kind(bc_.x),
            wp::lateral_kind(bc_.y),
            bc_.top == TopBoundary::open,
            raw(cx_),
            raw(cy_),
            raw(cz_lower_),
            raw(cz_upper_),
            wp::k::edge_weight(wp::lateral_kind(bc_.x)),
            wp::k::edge_weight(wp::lateral_kind(bc_.y))};
  }

  // max(|u|, |v|) of the current faces, the report's divergence scale (1 m/s in calm air).
  double speed_scale() const {
    const double s = std::max(wp::max_over(u_.size(), wp::AbsFloat{raw(u_)}),
                              wp::max_over(v_.size(), wp::AbsFloat{raw(v_)}));
    return s > 0 ? s : 1.0;
  }

  // Preconditioned CG (Saad 2003, "Iterative Methods for Sparse Linear
  // Systems", 2nd ed., alg. 9.1) for L phi = b from phi = 0; returns the
  // iterations. zq_ holds q = L p, then z = M^-1 r: q is dead once r is updated.
  int solve(double b_norm) {
    const std::size_t n = grid_.cells();
    const wp::k::ProjectionGrid pg = view();
    const Poisson apply{pg, raw(p_), raw(zq_)};
    const Preconditioner line{pg, raw(m_), raw(cp_), raw(r_), raw(zq_)};
    // z = M^-1 r (zq_); returns r z.
    const auto precondition = [&] {
      if (!multigrid_) return wp::sum_over(line.blocks(), line);
      multigrid_->cycle(pg, raw(m_), raw(cp_), raw(r_), raw(zq_));
      return wp::sum_over(n, wp::Product{raw(r_), raw(zq_)});
    };
    thrust::fill(policy(), phi_.begin(), phi_.end(), 0.0);
    thrust::copy(policy(), b_.begin(), b_.end(), r_.begin());
    double rho = precondition();
    thrust::copy(policy(), zq_.begin(), zq_.end(), p_.begin());
    const double target = opt_.tolerance * b_norm;
    int it = 0;
    while (it < opt_.max_iterations) {
      const double pq = wp::sum_over(apply.blocks(), apply);
      const double rr =
          wp::sum_over(n, wp::CgUpdate{rho / pq, raw(p_), raw(zq_), raw(phi_), raw(r_)});
      ++it;
      if (std::sqrt(rr) <= target) break;
      const double rho_new = precondition();
      for_each_index(n, wp::NewDirection{rho_new / rho, raw(zq_), raw(p_)});
      rho = rho_new;
    }
    return it;
  }

  Grid grid_;
  Boundaries bc_;
  WindProjectionOptions opt_;
  bool singular_ = false;
  device_vector<double> dz_, dzc_, cx_, cy_, cz_lower_, cz_upper_;  // per level
  device_vector<float> u_, v_, w_;
  device_vector<double> phi_, r_, p_, zq_, b_;  // CG vectors, per cell
  device_vector<double> m_, cp_;                // the line preconditioner's factors, per cell
  std::unique_ptr<WindMultigrid> multigrid_;    // null: line-Jacobi CG
};

}  // namespace airshed::AIRSHED_BACKEND_NS

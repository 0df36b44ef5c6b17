// Mass-consistent winds (host/solver/wind_projection.hpp): the adjusted
// wind's discrete divergence, fields that must come back unchanged, the
// potential-flow speed-up over a ridge, and the report. Serial and cpu
// backends. docs/numerics.md, "Mass-consistent winds", lists the numbers.
// Over 250 lines: the ridge's linear theory and its grid are part of the
// test they check.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "host/solver/wind_projection.hpp"

using namespace airshed;

namespace {

Grid make_grid(int nx, int ny, double dx, double dy, std::vector<double> z_faces) {
  Grid g;
  g.nx = nx;
  g.ny = ny;
  g.nz = int(z_faces.size()) - 1;
  g.dx = dx;
  g.dy = dy;
  g.z_faces = std::move(z_faces);
  return g;
}

std::size_t xf(const Grid& g, int f, int j, int k) {
  return (std::size_t(k) * g.ny + j) * (g.nx + 1) + f;
}
std::size_t yf(const Grid& g, int i, int f, int k) {
  return (std::size_t(k) * (g.ny + 1) + f) * g.nx + i;
}
std::size_t zf(const Grid& g, int i, int j, int f) {
  return (std::size_t(f) * g.ny + j) * g.nx + i;
}

// Random u, v in [-umax, umax], w in [-wmax, wmax] on every face.
MetFields random_wind(const Grid& g, double umax, double wmax, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  MetFields m = uniform_met(g, 0, 0, 0, 1, 1);
  for (auto& x : m.u) x = float(umax * uni(rng));
  for (auto& x : m.v) x = float(umax * uni(rng));
  for (auto& x : m.w) x = float(wmax * uni(rng));
  return m;
}

// The solver's divergence in double, max over cells, of the winds as
// given (ground and closed faces as they are in the arrays).
double max_divergence(const Grid& g, const MetFields& m) {
  double worst = 0;
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const double d = (double(m.u[xf(g, i + 1, j, k)]) - m.u[xf(g, i, j, k)]) / g.dx +
                         (double(m.v[yf(g, i, j + 1, k)]) - m.v[yf(g, i, j, k)]) / g.dy +
                         (double(m.w[zf(g, i, j, k + 1)]) - m.w[zf(g, i, j, k)]) / g.dz(k);
        worst = std::max(worst, std::abs(d));
      }
  return worst;
}

double max_abs(const std::vector<float>& a) {
  double s = 0;
  for (float x : a) s = std::max(s, double(std::abs(x)));
  return s;
}
double max_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (std::size_t n = 0; n < a.size(); ++n) s = std::max(s, std::abs(double(a[n]) - b[n]));
  return s;
}

std::string name(LateralBoundary b) {
  return b == LateralBoundary::open       ? "open"
         : b == LateralBoundary::periodic ? "periodic"
                                          : "closed";
}

}  // namespace

TEST_CASE("a random first guess on stretched levels: every cell's divergence < 1e-6 max|u|/dx") {
  // dx = 1 km, levels 20 m at the ground stretched 1.25 to ~1.1 km: dx/dz up to 50.
  // Odd sizes: the multigrid's last aggregates hold one cell.
  const Grid g = make_grid(25, 19, 1000.0, 800.0, stretched_levels(12, 20.0, 1.25));
  const LateralBoundary o = LateralBoundary::open, p = LateralBoundary::periodic,
                        c = LateralBoundary::closed;
  const std::vector<Boundaries> cases = {{o, o, TopBoundary::closed}, {o, o, TopBoundary::open},
                                         {p, p, TopBoundary::closed}, {c, c, TopBoundary::closed},
                                         {o, p, TopBoundary::open},   {c, p, TopBoundary::closed}};
  for (const Boundaries& bc : cases) {
    std::vector<MetFields> results;
    for (const auto& [backend, multigrid] :
         {std::pair{BackendChoice::serial, true}, std::pair{BackendChoice::cpu, true},
          std::pair{BackendChoice::cpu, false}}) {
      MetFields met = random_wind(g, 5.0, 0.05, 17);
      WindProjectionOptions opt;
      opt.multigrid = multigrid;
      const auto projector = make_wind_projector(backend, g, bc, opt);
      const WindProjectionReport rep = projector->project(met);
      const double scale = std::max(max_abs(met.u), max_abs(met.v)) / g.dx;
      const double div = max_divergence(g, met);
      const std::string top = bc.top == TopBoundary::open ? "/open top" : "/closed top";
      const std::string pre = multigrid ? ", multigrid" : ", line Jacobi";
      MESSAGE(name(bc.x), "/", name(bc.y), top, pre, ": ", rep.iterations, " iterations, residual ",
              rep.residual, ", max|div| dx/max|u| ", rep.divergence_before, " -> ",
              rep.divergence_after, " (test: ", div / scale, ")");
      CHECK(rep.converged);
      CHECK(rep.iterations > 0);
      CHECK(div < 1e-6 * scale);
      CHECK(rep.divergence_after == doctest::Approx(div / scale).epsilon(1e-6));
      // The faces the solver reads as it does: ground 0, closed 0, periodic faces one face.
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          CHECK(met.w[zf(g, i, j, 0)] == 0.0f);
          if (bc.top == TopBoundary::closed) CHECK(met.w[zf(g, i, j, g.nz)] == 0.0f);
        }
      for (int k = 0; k < g.nz; ++k)
        for (int j = 0; j < g.ny; ++j) {
          const float u0 = met.u[xf(g, 0, j, k)], un = met.u[xf(g, g.nx, j, k)];
          if (bc.x == c) CHECK((u0 == 0.0f && un == 0.0f));
          if (bc.x == p) CHECK(u0 == un);
        }
      results.push_back(met);
    }
    // The OpenMP and serial reductions add in different orders, and both
    // preconditioners solve the same system.
    for (int n : {1, 2}) {
      CHECK(max_diff(results[0].u, results[n].u) < 1e-5 * max_abs(results[0].u));
      CHECK(max_diff(results[0].w, results[n].w) < 1e-5 * max_abs(results[0].w));
    }
  }
}

TEST_CASE("a uniform flow over flat ground comes back bitwise unchanged") {
  const Grid g = make_grid(16, 12, 500.0, 500.0, stretched_levels(10, 20.0, 1.3));
  for (const Boundaries bc :
       {Boundaries{LateralBoundary::open, LateralBoundary::open, TopBoundary::closed},
        Boundaries{LateralBoundary::open, LateralBoundary::periodic, TopBoundary::open},
        Boundaries{LateralBoundary::periodic, LateralBoundary::periodic, TopBoundary::closed}})
    for (BackendChoice backend : {BackendChoice::serial, BackendChoice::cpu}) {
      const MetFields first = uniform_met(g, 7.3, -2.1, 0.0, 1.0, 1.0);
      MetFields met = first;
      const WindProjectionReport rep = make_wind_projector(backend, g, bc, {})->project(met);
      CHECK(rep.converged);
      CHECK(rep.divergence_after == 0.0);
      CHECK(std::memcmp(met.u.data(), first.u.data(), first.u.size() * sizeof(float)) == 0);
      CHECK(std::memcmp(met.v.data(), first.v.data(), first.v.size() * sizeof(float)) == 0);
      CHECK(std::memcmp(met.w.data(), first.w.data(), first.w.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("a divergence-free wind from stream functions comes back unchanged to 1e-6") {
  // u, v from psi(x, y) at cell corners per level, plus u, w from A(x, z)
  // at x-face/z-face corners: every cell's divergence cancels exactly in
  // real arithmetic (float rounding only). A = 0 at the ground and the
  // closed top; psi and A are random elsewhere, so flow crosses the open faces.
  const Grid g = make_grid(20, 16, 400.0, 300.0, stretched_levels(12, 15.0, 1.2));
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  MetFields met = uniform_met(g, 0, 0, 0, 1, 1);
  for (int k = 0; k < g.nz; ++k) {
    std::vector<double> psi(std::size_t(g.nx + 1) * (g.ny + 1));
    for (auto& x : psi) x = 4.0 * g.dx * uni(rng);
    for (int j = 0; j < g.ny; ++j)
      for (int f = 0; f <= g.nx; ++f)
        met.u[xf(g, f, j, k)] =
            float((psi[(j + 1) * (g.nx + 1) + f] - psi[j * (g.nx + 1) + f]) / g.dy);
    for (int f = 0; f <= g.ny; ++f)
      for (int i = 0; i < g.nx; ++i)
        met.v[yf(g, i, f, k)] =
            float(-(psi[f * (g.nx + 1) + i + 1] - psi[f * (g.nx + 1) + i]) / g.dx);
  }
  for (int j = 0; j < g.ny; ++j) {
    std::vector<double> a(std::size_t(g.nx + 1) * (g.nz + 1), 0.0);  // (f, kf)
    for (int kf = 1; kf < g.nz; ++kf)
      for (int f = 0; f <= g.nx; ++f) a[kf * (g.nx + 1) + f] = 0.5 * g.z_faces[kf] * uni(rng);
    for (int k = 0; k < g.nz; ++k)
      for (int f = 0; f <= g.nx; ++f)
        met.u[xf(g, f, j, k)] +=
            float((a[(k + 1) * (g.nx + 1) + f] - a[k * (g.nx + 1) + f]) / g.dz(k));
    for (int kf = 0; kf <= g.nz; ++kf)
      for (int i = 0; i < g.nx; ++i)
        met.w[zf(g, i, j, kf)] =
            float(-(a[kf * (g.nx + 1) + i + 1] - a[kf * (g.nx + 1) + i]) / g.dx);
  }
  const Boundaries bc{LateralBoundary::open, LateralBoundary::open, TopBoundary::closed};
  for (BackendChoice backend : {BackendChoice::serial, BackendChoice::cpu}) {
    MetFields out = met;
    const WindProjectionReport rep = make_wind_projector(backend, g, bc, {})->project(out);
    const double scale = std::max(max_abs(met.u), max_abs(met.v));
    const double change =
        std::max({max_diff(out.u, met.u), max_diff(out.v, met.v), max_diff(out.w, met.w)}) / scale;
    MESSAGE("first guess max|div| dx/max|u| ", rep.divergence_before, "; largest change ", change,
            " of max|u| (", rep.iterations, " iterations)");
    CHECK(rep.divergence_before < 1e-6);
    CHECK(change < 1e-6);
  }
}

namespace {

// Linear potential flow through a terrain-following slab 0 < z* < D whose
// both walls follow the ground h(x) (airshed's levels are heights above
// ground, z* = z - h, Jacobian 1; Gal-Chen & Somerville 1975, J. Comput.
// Phys. 17, 209; CALMET's coordinate, Scire et al. 2000). A horizontal
// first guess u = U has the contravariant vertical velocity
// w* = w - u h_x = -U h_x. Zero flux through both walls and Laplace's
// equation for phi give, per wavenumber,
//   u'(k, z*) = U |k| h^(k) sinh(|k| (D/2 - z*)) / cosh(|k| D / 2),
// at the ground U |k| tanh(|k| D / 2) h^(k). For the Witch of Agnesi
// h = H a^2 / (x^2 + a^2), h^(k) = pi H a exp(-|k| a), so at the crest
//   u'(0, z*) / U = H a Int_0^inf k exp(-k a) sinh(k (D/2 - z*)) / cosh(k D/2) dk,
// which tends to H / a as D / a -> infinity. Simpson's rule in s = k a.
double ridge_speed_up(double h_over_a, double d_over_a, double z_over_a) {
  const int n = 200000;
  const double s_max = 80.0, ds = s_max / n;
  double sum = 0;
  for (int m = 0; m <= n; ++m) {
    const double s = m * ds;
    // sinh(s (D/2 - z)) / cosh(s D/2), written without overflow
    const double e1 = s * (0.5 * d_over_a - z_over_a), e2 = s * 0.5 * d_over_a;
    const double ratio = (std::exp(e1 - e2) - std::exp(-e1 - e2)) / (1 + std::exp(-2 * e2));
    const double f = s * std::exp(-s) * ratio;
    sum += (m == 0 || m == n ? 1 : m % 2 ? 4 : 2) * f;
  }
  return h_over_a * sum * ds / 3;
}

struct RidgeResult {
  double speed_up;        // (u - U) / U at the crest face, ground level
  double theory;          // the linear theory at the ground level's centre height
  double surface_model;   // the two lowest levels extrapolated to z* = 0
  double surface_theory;  // the theory at z* = 0
  int iterations;
};

// The ridge on a grid of a / dx = cells_per_a, dz = dx, D = 3 a; x from
// -20 a to 20 a (open), one periodic row in y, closed top.
RidgeResult ridge(int cells_per_a, BackendChoice backend, int half_width = 20) {
  const double U = 10, a = 1000, H = 50, D = 3 * a;
  const double dx = a / cells_per_a;
  const int nx = 2 * half_width * cells_per_a, nz = 3 * cells_per_a;
  const Grid g = make_grid(nx, 1, dx, dx, uniform_levels(nz, D));
  const auto h = [&](double x) { return H * a * a / (x * x + a * a); };
  MetFields met = uniform_met(g, U, 0, 0, 1, 1);
  for (int kf = 1; kf < nz; ++kf)
    for (int i = 0; i < nx; ++i) {
      const double x = g.x_centre(i) - half_width * a;
      met.w[zf(g, i, 0, kf)] = float(-U * (h(x + 0.5 * dx) - h(x - 0.5 * dx)) / dx);
    }
  const Boundaries bc{LateralBoundary::open, LateralBoundary::periodic, TopBoundary::closed};
  const WindProjectionReport rep = make_wind_projector(backend, g, bc, {})->project(met);
  CHECK(rep.converged);
  const double u0 = met.u[xf(g, nx / 2, 0, 0)], u1 = met.u[xf(g, nx / 2, 0, 1)];
  RidgeResult r;
  r.speed_up = (u0 - U) / U;
  r.theory = ridge_speed_up(H / a, D / a, g.z_centre(0) / a);
  r.surface_model = (1.5 * u0 - 0.5 * u1 - U) / U;
  r.surface_theory = ridge_speed_up(H / a, D / a, 0);
  r.iterations = rep.iterations;
  return r;
}

}  // namespace

TEST_CASE("flow over a 2D ridge approaches the linear potential-flow speed-up at the crest") {
  // H / a = 0.05, D / a = 3; the deep-slab limit would be H / a = 0.05.
  const double deep = ridge_speed_up(0.05, 1e3, 0);
  CHECK(deep == doctest::Approx(0.05).epsilon(1e-6));
  for (BackendChoice backend : {BackendChoice::serial, BackendChoice::cpu}) {
    const RidgeResult coarse = ridge(5, backend), fine = ridge(10, backend),
                      finest = ridge(20, backend);
    const double e5 = coarse.speed_up - coarse.theory, e10 = fine.speed_up - fine.theory,
                 e20 = finest.speed_up - finest.theory;
    MESSAGE(
        "crest speed-up at the ground level's height, model vs theory: a/dx = 5: ", coarse.speed_up,
        " vs ", coarse.theory, " (", coarse.iterations, " iterations); 10: ", fine.speed_up, " vs ",
        fine.theory, " (", fine.iterations, "); 20: ", finest.speed_up, " vs ", finest.theory, " (",
        finest.iterations, "); errors ", e5, ", ", e10, ", ", e20);
    MESSAGE("at z* = 0, a/dx = 10: model (two lowest levels extrapolated) ", fine.surface_model,
            ", theory ", fine.surface_theory);
    // The bound, 10 % of H / a at a / dx >= 8.
    CHECK(std::abs(e10) < 0.1 * 0.05);
    CHECK(std::abs(fine.surface_model - fine.surface_theory) < 0.1 * 0.05);
    // Tighter, from the resolution: the 7-point stencil's relative error on
    // a mode k is (k dx)^2 / 12, and the crest integrand s e^-s has mean
    // s = k a = 2, so ~(2 dx / a)^2 / 12 = 0.33 % at a / dx = 10; allow 1 %.
    CHECK(std::abs(e10) < 0.01 * fine.theory);
    // Converging with resolution (second order: 4x per halving asymptotically).
    CHECK(std::abs(e10) < std::abs(e5));
    CHECK(std::abs(e20) < 0.5 * std::abs(e10));
  }
}

TEST_CASE("the report: iterations, residual within the tolerance, and what is refused") {
  const Grid g = make_grid(16, 12, 2000.0, 2000.0, stretched_levels(15, 25.0, 1.2));
  const Boundaries bc{LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  WindProjectionOptions opt;
  opt.tolerance = 1e-8;
  MetFields met = random_wind(g, 8.0, 0.1, 3);
  const WindProjectionReport rep =
      make_wind_projector(BackendChoice::cpu, g, bc, opt)->project(met);
  CHECK(rep.iterations > 0);
  CHECK(rep.converged);
  CHECK(rep.residual <= opt.tolerance);
  CHECK(rep.divergence_before > 1e-2);  // a random wind is far from divergence-free
  CHECK(rep.divergence_after < 1e-6);

  opt.max_iterations = 3;  // too few: the report says so
  MetFields again = random_wind(g, 8.0, 0.1, 3);
  const WindProjectionReport short_rep =
      make_wind_projector(BackendChoice::serial, g, bc, opt)->project(again);
  CHECK(short_rep.iterations == 3);
  CHECK_FALSE(short_rep.converged);
  CHECK(short_rep.residual > opt.tolerance);
  CHECK(short_rep.divergence_after < short_rep.divergence_before);

  // A larger vertical weight leaves more of the adjustment to w, less to u and v.
  const MetFields first = random_wind(g, 8.0, 0.1, 3);
  MetFields w1 = first, w100 = first;
  WindProjectionOptions heavy;
  heavy.vertical_weight = 100;
  make_wind_projector(BackendChoice::cpu, g, bc, {})->project(w1);
  make_wind_projector(BackendChoice::cpu, g, bc, heavy)->project(w100);
  const double du1 = max_diff(w1.u, first.u), du100 = max_diff(w100.u, first.u);
  MESSAGE("largest change of u: vertical_weight 1: ", du1, " m/s, 100: ", du100, " m/s");
  CHECK(du100 < 0.5 * du1);

  for (const WindProjectionOptions bad :
       {WindProjectionOptions{0, 1e-10, 10}, WindProjectionOptions{1, 0, 10},
        WindProjectionOptions{1, 1e-10, 0}})
    CHECK_THROWS_AS(make_wind_projector(BackendChoice::cpu, g, bc, bad), std::invalid_argument);
  MetFields wrong = uniform_met(make_grid(15, 12, 2000.0, 2000.0, stretched_levels(15, 25.0, 1.2)),
                                1, 0, 0, 1, 1);
  CHECK_THROWS_AS(make_wind_projector(BackendChoice::cpu, g, bc, {})->project(wrong),
                  std::invalid_argument);
  MetFields not_finite = random_wind(g, 8.0, 0.1, 3);
  not_finite.v[g.nx * 3 + 5] = std::nanf("");
  CHECK_THROWS_AS(make_wind_projector(BackendChoice::serial, g, bc, {})->project(not_finite),
                  std::invalid_argument);
}

TEST_CASE("a single closed column: the only divergence-free wind is calm") {
  // nx = ny = 1 with closed sides: every lateral face is 0, w = 0 at the
  // ground, so zero divergence in every cell leaves w = 0 on every face
  // (the open top included). With a closed top L is singular and so is
  // the column's line preconditioner (its shift, kernels/wind_projection.hpp).
  const Grid g = make_grid(1, 1, 500.0, 500.0, stretched_levels(20, 10.0, 1.2));
  for (TopBoundary top : {TopBoundary::closed, TopBoundary::open})
    for (bool multigrid : {true, false}) {
      MetFields met = random_wind(g, 3.0, 0.5, 11);
      WindProjectionOptions opt;
      opt.multigrid = multigrid;
      const Boundaries bc{LateralBoundary::closed, LateralBoundary::closed, top};
      const WindProjectionReport rep =
          make_wind_projector(BackendChoice::cpu, g, bc, opt)->project(met);
      CHECK(rep.converged);
      CHECK(max_abs(met.u) == 0.0);
      CHECK(max_abs(met.v) == 0.0);
      MESSAGE("single column, ", std::string(top == TopBoundary::open ? "open" : "closed"),
              " top: max|w| ", max_abs(met.w), " m/s after ", rep.iterations, " iterations");
      CHECK(max_abs(met.w) < 1e-6 * 0.5);
    }
}

TEST_CASE("the CUDA backend (where a GPU is usable) agrees with the serial one") {
  const Grid g = make_grid(37, 29, 1000.0, 1000.0, stretched_levels(16, 20.0, 1.2));
  const Boundaries bc{LateralBoundary::open, LateralBoundary::periodic, TopBoundary::closed};
  std::unique_ptr<WindProjector> cuda;
  try {
    cuda = make_wind_projector(BackendChoice::cuda, g, bc, {});
  } catch (const std::runtime_error& e) {
    MESSAGE("skipped: ", std::string(e.what()));
    return;
  }
  MetFields on_gpu = random_wind(g, 5.0, 0.05, 23), reference = on_gpu;
  const WindProjectionReport rep = cuda->project(on_gpu);
  make_wind_projector(BackendChoice::serial, g, bc, {})->project(reference);
  CHECK(rep.converged);
  CHECK(max_divergence(g, on_gpu) < 1e-6 * std::max(max_abs(on_gpu.u), max_abs(on_gpu.v)) / g.dx);
  CHECK(max_diff(on_gpu.u, reference.u) < 1e-5 * max_abs(reference.u));
  CHECK(max_diff(on_gpu.w, reference.w) < 1e-5 * max_abs(reference.w));
}

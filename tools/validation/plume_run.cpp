#include "tools/validation/plume_run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "host/met/similarity.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed::validation {

namespace {

constexpr int source_column = 2;    // cells upstream of the source, inflow side
constexpr int cells_past_arc = 3;   // cells downstream of the arc, outflow side
constexpr double age_decay = 1e-4;  // 1/s, lambda of the age tracer (lambda * age << 1)
constexpr int max_chunks = 80;      // 20 transit times at the 2 m wind

Resolution checked(const Resolution& r) {
  if (r.cells_per_arc < 4 || !(r.first_layer > 0) || !(r.stretch >= 1) ||
      !(r.cells_per_sigma_y > 0))
    throw std::invalid_argument(
        "resolution: needs cells_per_arc >= 4, first_layer > 0, stretch >= 1");
  return r;
}

// Stretched levels from the ground up to at least `top`.
std::vector<double> levels(const Resolution& r, double top) {
  std::vector<double> z{0.0};
  for (double dz = r.first_layer; z.back() < top; dz *= r.stretch) z.push_back(z.back() + dz);
  return z;
}

int layer_of(const Grid& g, double z) {
  int k = 0;
  while (k < g.nz - 1 && g.z_faces[k + 1] <= z) ++k;
  return k;
}

// Linear interpolation between cell centres of column (i, j) at height z.
double at_height(const Grid& g, const std::vector<float>& c, int i, int j, double z) {
  int k = 0;
  while (k < g.nz - 2 && g.z_centre(k + 1) < z) ++k;
  const double z0 = g.z_centre(k), z1 = g.z_centre(k + 1);
  const double w = std::clamp((z - z0) / (z1 - z0), 0.0, 1.0);
  return (1 - w) * c[g.index(i, j, k)] + w * c[g.index(i, j, k + 1)];
}

double wind_at(const BoundaryLayer& bl, double z) {
  return similarity::wind_speed(z, bl.wind_speed, bl.ref_height, bl.z0, bl.inverse_L,
                                bl.mixing_height);
}

// Wind, Kz and Kh on `g`; Kh(i, k) from the travel time age(i, k).
MetFields plume_met(const Grid& g, const BoundaryLayer& bl, const std::vector<double>& age) {
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  const std::size_t nx = g.nx, ny = g.ny;
  for (int k = 0; k < g.nz; ++k) {
    const double zc = g.z_centre(k);
    const float u = float(wind_at(bl, zc));
    std::fill_n(m.u.begin() + k * (nx + 1) * ny, (nx + 1) * ny, u);
    const double sv = sigma_v(zc, bl), tl = lagrangian_time_v(zc, bl);
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i)
        m.kh[g.index(i, j, k)] = float(taylor_diffusivity(sv, tl, age[std::size_t(k) * nx + i]));
  }
  for (int k = 0; k <= g.nz; ++k) {
    const float kz = float(
        similarity::vertical_diffusivity(g.z_faces[k], bl.ustar, bl.inverse_L, bl.mixing_height));
    std::fill_n(m.kz.begin() + k * nx * ny, nx * ny, kz);
  }
  return m;
}

// Advances in chunks until every monitored value changes by less than `tol`
// (relative) over two consecutive chunks, after at least one transit.
template <class Monitor>
bool run_to_steady(TransportSolver& s, double chunk, double tol, long& cell_steps,
                   Monitor monitor) {
  std::vector<double> prev = monitor();
  int quiet = 0;
  for (int n = 0; n < max_chunks; ++n) {
    cell_steps += long(s.advance(chunk)) * long(s.config().grid.cells());
    const std::vector<double> now = monitor();
    double change = 0;
    for (std::size_t m = 0; m < now.size(); ++m)
      change = std::max(change, std::abs(now[m] - prev[m]) / std::max(std::abs(now[m]), 1e-300));
    prev = now;
    quiet = (n >= 3 && change < tol) ? quiet + 1 : 0;
    if (quiet == 2) return true;
  }
  return false;
}

Grid plume_grid(int nx, int ny, double dx, double dy, std::vector<double> z_faces) {
  Grid g;
  g.nx = nx;
  g.ny = ny;
  g.nz = int(z_faces.size()) - 1;
  g.dx = dx;
  g.dy = dy;
  g.z_faces = std::move(z_faces);
  return g;
}

}  // namespace

Resolution refined(const Resolution& r, double factor) {
  Resolution f = r;
  f.cells_per_arc = int(std::lround(r.cells_per_arc * factor));
  f.first_layer = r.first_layer / factor;
  f.stretch = std::pow(r.stretch, 1.0 / factor);
  f.cells_per_sigma_y = r.cells_per_sigma_y * factor;
  return f;
}

ArcResult run_arc(const BoundaryLayer& bl, double distance, const Resolution& res_in) {
  const Resolution res = checked(res_in);
  ArcResult out;
  out.distance = distance;
  const double dx = distance / res.cells_per_arc;
  const int i_arc = source_column + res.cells_per_arc;
  const int nx = i_arc + 1 + cells_past_arc;
  const double x_source = (source_column + 0.5) * dx;
  const double chunk = 0.25 * distance / bl.wind_speed;

  // 1. x-z run, one closed cell across (c * dy is the crosswind integral per
  //    unit release; dy is wide so that the solver's explicit-diffusion limit
  //    on dt, which counts y, is set by x): inert tracer and its decaying copy.
  const Grid g2 = plume_grid(nx, 1, dx, 1e3 * distance, levels(res, std::max(20.0, distance)));
  if (g2.nz > 128) throw std::invalid_argument("resolution: more than 128 levels");
  std::vector<double> age(std::size_t(nx) * g2.nz);
  for (int k = 0; k < g2.nz; ++k)
    for (int i = 0; i < nx; ++i)
      age[std::size_t(k) * nx + i] =
          std::max(g2.x_centre(i) - x_source, 0.0) / wind_at(bl, g2.z_centre(k));
  TransportConfig c2;
  c2.grid = g2;
  c2.species = {{"inert", 0, 0, 0}, {"age", 0, age_decay, 0}};
  c2.boundaries = {LateralBoundary::open, LateralBoundary::closed, TopBoundary::closed};
  auto s2 = make_solver(BackendChoice::cpu, c2);
  s2->set_met(plume_met(g2, bl, age));
  const int k_source = layer_of(g2, release_height);
  s2->set_emissions({{g2.index(source_column, 0, k_source), 0, 1.0},
                     {g2.index(source_column, 0, k_source), 1, 1.0}});
  const bool steady2 = run_to_steady(*s2, chunk, res.steady_tolerance, out.cell_steps, [&] {
    return std::vector<double>{at_height(g2, s2->concentration(0), i_arc, 0, sampling_height)};
  });
  out.simulated_time_2d = s2->time();
  const std::vector<float> inert = s2->concentration(0), aged = s2->concentration(1);
  out.cy_over_q = at_height(g2, inert, i_arc, 0, sampling_height) * g2.dy;

  // Mean travel time of the material in each cell where the tracer is present.
  const float c_max = *std::max_element(inert.begin(), inert.end());
  for (int k = 0; k < g2.nz; ++k)
    for (int i = 0; i < nx; ++i) {
      const std::size_t n = g2.index(i, 0, k);
      if (inert[n] > 1e-6f * c_max && aged[n] > 0)
        age[std::size_t(k) * nx + i] = -std::log(double(aged[n]) / inert[n]) / age_decay;
    }
  const double a_inert = at_height(g2, inert, i_arc, 0, sampling_height);
  const double a_aged = at_height(g2, aged, i_arc, 0, sampling_height);
  out.travel_time = -std::log(a_aged / a_inert) / age_decay;

  // 3D top: the lowest interface with less than 1e-4 of the tracer above it
  // (closed there), and never below 4 layers above the sampling height.
  std::vector<double> level_mass(g2.nz, 0.0);
  double total = 0;
  for (int k = 0; k < g2.nz; ++k) {
    for (int i = 0; i < nx; ++i) level_mass[k] += inert[g2.index(i, 0, k)] * g2.dz(k);
    total += level_mass[k];
  }
  int nz3 = g2.nz;
  for (double above = 0; nz3 > 1 && above + level_mass[nz3 - 1] < 1e-4 * total;)
    above += level_mass[--nz3];
  nz3 = std::min(g2.nz, std::max(nz3, layer_of(g2, sampling_height) + 4));
  out.top = g2.z_faces[nz3];

  // Lateral extent: the largest Taylor sigma_y at the arc over the levels kept.
  double sigma_arc = 0;
  for (int k = 0; k < nz3; ++k) {
    const double zc = g2.z_centre(k);
    sigma_arc = std::max(sigma_arc, taylor_sigma_y(sigma_v(zc, bl), lagrangian_time_v(zc, bl),
                                                   age[std::size_t(k) * nx + i_arc]));
  }
  const double dy = std::max(sigma_arc, 1e-3 * distance) / res.cells_per_sigma_y;
  const int ny = int(std::ceil(res.half_width_sigmas * res.cells_per_sigma_y));

  // 2. Half-plume 3D run: y = 0 is the closed mirror plane, half the release
  //    goes into the cell next to it.
  const Grid g3 = plume_grid(nx, ny, dx, dy,
                             std::vector<double>(g2.z_faces.begin(), g2.z_faces.begin() + nz3 + 1));
  TransportConfig c3;
  c3.grid = g3;
  c3.species = {{"inert", 0, 0, 0}};
  c3.boundaries = {LateralBoundary::open, LateralBoundary::closed, TopBoundary::closed};
  auto s3 = make_solver(BackendChoice::cpu, c3);
  s3->set_met(plume_met(g3, bl, age));
  s3->set_emissions({{g3.index(source_column, 0, k_source), 0, 0.5}});
  auto crosswind = [&](const std::vector<float>& c) {
    double sum = 0, second = 0;
    for (int j = 0; j < ny; ++j) {
      const double v = at_height(g3, c, i_arc, j, sampling_height), y = (j + 0.5) * dy;
      sum += v;
      second += v * y * y;
    }
    return std::pair<double, double>{2 * sum * dy, std::sqrt(second / sum)};
  };
  const bool steady3 = run_to_steady(*s3, chunk, res.steady_tolerance, out.cell_steps, [&] {
    const auto c = s3->concentration(0);
    return std::vector<double>{at_height(g3, c, i_arc, 0, sampling_height), crosswind(c).first};
  });
  const auto c3d = s3->concentration(0);
  out.cmax_over_q = at_height(g3, c3d, i_arc, 0, sampling_height);
  const auto [cy3, sy] = crosswind(c3d);
  out.cy3d_over_q = cy3;
  out.sigma_y = sy;
  out.simulated_time = s3->time();
  out.nx = nx;
  out.ny = ny;
  out.nz = nz3;
  out.dt = s3->stable_dt();
  out.steady = steady2 && steady3;
  return out;
}

}  // namespace airshed::validation

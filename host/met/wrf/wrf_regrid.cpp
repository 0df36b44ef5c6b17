#include "host/met/wrf/wrf_regrid.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "host/met/similarity.hpp"

namespace airshed {

namespace {

void map_point(const LocalProjection& proj, const WrfIndexMap& to_grid, double x, double y,
               WrfColumnMap& m) {
  double lon = 0, lat = 0, fi = 0, fj = 0;
  proj.to_lonlat(x, y, lon, lat);
  to_grid(lon, lat, fi, fj);
  m.fi.push_back(fi);
  m.fj.push_back(fj);
}

// A point lies inside when its bilinear stencil does: rounding of the
// projection (~1e-9 of an index) is not "outside".
constexpr double inside_tolerance = 1e-6;

bool outside(double f, int n) { return !(f >= -inside_tolerance && f <= n - 1 + inside_tolerance); }

}  // namespace

WrfPointMaps map_airshed_points(const Grid& g, const LocalProjection& proj,
                                const WrfIndexMap& to_grid) {
  WrfPointMaps m;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      map_point(proj, to_grid, g.x_centre(i), g.y_centre(j), m.centres);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i <= g.nx; ++i) map_point(proj, to_grid, i * g.dx, g.y_centre(j), m.x_faces);
  for (int j = 0; j <= g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) map_point(proj, to_grid, g.x_centre(i), j * g.dy, m.y_faces);
  return m;
}

void check_inside(const WrfPointMaps& m, const WrfGridInfo& wrf, const Grid& g,
                  const InputSite& site, const std::string& file, const std::string& when) {
  struct Set {
    const WrfColumnMap* map;
    int nx;  // points per row
    double x0, y0;
    const char* what;
  };
  const Set sets[3] = {{&m.centres, g.nx, 0.5 * g.dx, 0.5 * g.dy, "cell centre"},
                       {&m.x_faces, g.nx + 1, 0, 0.5 * g.dy, "x face"},
                       {&m.y_faces, g.nx, 0.5 * g.dx, 0, "y face"}};
  for (const Set& s : sets) {
    for (std::size_t p = 0; p < s.map->fi.size(); ++p) {
      const double fi = s.map->fi[p], fj = s.map->fj[p];
      if (!outside(fi, wrf.nx) && !outside(fj, wrf.ny)) continue;
      const double x = s.x0 + double(p % std::size_t(s.nx)) * g.dx;
      const double y = s.y0 + double(p / std::size_t(s.nx)) * g.dy;
      std::ostringstream what;
      what << "the domain is outside the WRF grid of '" << file << "'"
           << (when.empty() ? "" : " at " + when) << ": the " << s.what << " at x = " << x
           << " m, y = " << y << " m lies at WRF index (" << fi << ", " << fj << ")";
      std::ostringstream allowed;
      allowed << "a domain inside the WRF mass grid, indices 0.." << wrf.nx - 1 << " x 0.."
              << wrf.ny - 1;
      throw_input_error(site, what.str(), allowed.str());
    }
  }
}

Bilinear bilinear_at(const WrfGridInfo& g, double fi, double fj) {
  // The stencil's lower-left column, kept one short of the last so that
  // a point on the east or north edge still has a right/upper neighbour.
  const auto base = [](double f, int n) {
    return std::clamp(int(std::floor(f)), 0, std::max(n - 2, 0));
  };
  const int i = base(fi, g.nx), j = base(fj, g.ny);
  const double wx = std::clamp(fi - i, 0.0, 1.0), wy = std::clamp(fj - j, 0.0, 1.0);
  const std::size_t nx = std::size_t(g.nx);
  const std::size_t c00 = std::size_t(j) * nx + std::size_t(i);
  const std::size_t di = g.nx > 1 ? 1 : 0, dj = g.ny > 1 ? nx : 0;
  return {{c00, c00 + di, c00 + dj, c00 + di + dj},
          {(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy}};
}

LevelWeight locate(const double* z, std::size_t n, double zt) {
  LevelWeight lw;
  if (zt <= z[0]) {
    lw.below = zt < z[0];
    return lw;
  }
  if (zt >= z[n - 1]) {
    lw.k = n - 1;
    return lw;
  }
  const std::size_t k = std::size_t(std::upper_bound(z, z + n, zt) - z) - 1;
  lw.k = k;
  lw.w = (zt - z[k]) / (z[k + 1] - z[k]);
  return lw;
}

double wind_below_lowest_level(double u1, double z1, double z, double z0, double inverse_L) {
  const double s1 = similarity::wind_shape(z1, z0, inverse_L);
  if (!(s1 > 0)) return u1;
  return u1 * similarity::wind_shape(z, z0, inverse_L) / s1;
}

double contravariant_w(double w, double u, double v, double dh_dx, double dh_dy) {
  return w - u * dh_dx - v * dh_dy;
}

std::vector<double> deformation(const Grid& g, const std::vector<float>& u,
                                const std::vector<float>& v, int k) {
  const std::size_t nx = std::size_t(g.nx), ny = std::size_t(g.ny);
  const float* uk = u.data() + std::size_t(k) * (nx + 1) * ny;
  const float* vk = v.data() + std::size_t(k) * nx * (ny + 1);
  // Cell-centre averages, from which the cross derivatives are taken.
  auto ubar = [&](std::size_t i, std::size_t j) {
    return 0.5 * (double(uk[j * (nx + 1) + i]) + uk[j * (nx + 1) + i + 1]);
  };
  auto vbar = [&](std::size_t i, std::size_t j) {
    return 0.5 * (double(vk[j * nx + i]) + vk[(j + 1) * nx + i]);
  };
  std::vector<double> d(nx * ny);
  for (std::size_t j = 0; j < ny; ++j) {
    const std::size_t jm = j > 0 ? j - 1 : j, jp = j + 1 < ny ? j + 1 : j;
    for (std::size_t i = 0; i < nx; ++i) {
      const std::size_t im = i > 0 ? i - 1 : i, ip = i + 1 < nx ? i + 1 : i;
      const double dudx = (double(uk[j * (nx + 1) + i + 1]) - uk[j * (nx + 1) + i]) / g.dx;
      const double dvdy = (double(vk[(j + 1) * nx + i]) - vk[j * nx + i]) / g.dy;
      const double dudy = jp > jm ? (ubar(i, jp) - ubar(i, jm)) / (double(jp - jm) * g.dy) : 0.0;
      const double dvdx = ip > im ? (vbar(ip, j) - vbar(im, j)) / (double(ip - im) * g.dx) : 0.0;
      const double df1 = dudx - dvdy, df2 = dvdx + dudy;
      d[j * nx + i] = std::sqrt(df1 * df1 + df2 * df2);
    }
  }
  return d;
}

}  // namespace airshed

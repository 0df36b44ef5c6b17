// From WRF's mass grid to airshed's grid: where each airshed point lies in
// WRF index space, bilinear weights there, a WRF column at that point and
// linear interpolation in height above ground. Pure functions; the
// assembly of one WRF time on airshed's grid is host/met/wrf/wrf_on_grid.hpp.
//
// airshed's levels are heights above the ground (terrain-following with
// Jacobian 1, as CALMET's), and WRF's z_agl is height above WRF's ground,
// which is also airshed's ground (the terrain is interpolated from HGT), so
// the vertical interpolation is in z_agl alone. airshed's local x/y axes
// are east/north (host/scenario/projection.hpp), and WrfFields' winds are
// earth-relative east/north: u_east is airshed's u, v_north its v.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/core/grid.hpp"
#include "host/input/input_error.hpp"
#include "host/met/wrf/wrf_fields.hpp"
#include "host/met/wrf/wrf_source.hpp"
#include "host/scenario/projection.hpp"

namespace airshed {

// Fractional WRF mass-grid indices of a list of airshed points.
struct WrfColumnMap {
  std::vector<double> fi, fj;
};

// airshed's points in WRF index space: cell centres (nx * ny), x faces
// ((nx + 1) * ny, at (i dx, (j + 1/2) dy)) and y faces (nx * (ny + 1), at
// ((i + 1/2) dx, j dy)), x fastest.
struct WrfPointMaps {
  WrfColumnMap centres, x_faces, y_faces;
};

WrfPointMaps map_airshed_points(const Grid& g, const LocalProjection& proj,
                                const WrfIndexMap& to_grid);

// Every point must lie inside the WRF mass grid, [0, nx - 1] x [0, ny - 1]
// (no extrapolation). Otherwise the one-line error at `site` naming `file`,
// `when` (a moving nest's time, "" for a fixed domain) and the first point
// outside.
void check_inside(const WrfPointMaps& m, const WrfGridInfo& wrf, const Grid& g,
                  const InputSite& site, const std::string& file, const std::string& when = "");

// Bilinear weights of one point: the four mass columns around it.
struct Bilinear {
  std::size_t c[4];  // column indices (x fastest): (i, j), (i+1, j), (i, j+1), (i+1, j+1)
  double w[4];
};
Bilinear bilinear_at(const WrfGridInfo& g, double fi, double fj);

// A 2D field at the point; for a 3D field, the value on level k.
template <class T>
double sample(const std::vector<T>& f, const Bilinear& b, std::size_t level_offset = 0) {
  return b.w[0] * f[b.c[0] + level_offset] + b.w[1] * f[b.c[1] + level_offset] +
         b.w[2] * f[b.c[2] + level_offset] + b.w[3] * f[b.c[3] + level_offset];
}

// One 3D field on every WRF level at the point (bilinear on each level).
template <class T>
void sample_column(const std::vector<T>& f, const Bilinear& b, std::size_t columns, int nz,
                   double* out) {
  for (int k = 0; k < nz; ++k) out[k] = sample(f, b, std::size_t(k) * columns);
}

// Where height zt falls in a column of increasing heights z[0..n-1]: the
// level below and the weight of the one above; below z[0] (`below` true)
// or above z[n-1] the end level, weight 0.
struct LevelWeight {
  std::size_t k = 0;
  double w = 0;
  bool below = false;
};
LevelWeight locate(const double* z, std::size_t n, double zt);
inline double at(const double* f, const LevelWeight& lw) {
  return lw.w == 0 ? f[lw.k] : (1 - lw.w) * f[lw.k] + lw.w * f[lw.k + 1];
}

// The horizontal wind below the lowest WRF level z1, down to the ground:
// the Monin-Obukhov profile u(z) = u(z1) S(z)/S(z1), S = ln(z/z0) -
// psi_m(z/L) (similarity::wind_shape; Businger et al. 1971, Dyer 1974), so
// the wind is 0 at z0 and below.
double wind_below_lowest_level(double u1, double z1, double z, double z0, double inverse_L);

// The contravariant vertical velocity of terrain-following z* = z - h(x, y)
// on airshed's z faces: w* = w - u dh/dx - v dh/dy (Gal-Chen & Somerville
// 1975, J. Comput. Phys. 17, 209-228, with Jacobian 1), with u, v, w at the
// face and the slope of the face-interpolated terrain (h on x faces and y
// faces, differenced across the cell, exact for a plane). The ground face
// is a coordinate surface: w* = 0 there.
double contravariant_w(double w, double u, double v, double dh_dx, double dh_dy);

// The horizontal wind deformation |D| = sqrt((du/dx - dv/dy)^2 + (dv/dx +
// du/dy)^2) at each cell of one level of C-staggered u (on x faces) and v
// (on y faces), discretised as CMAQ's deform.F (cross derivatives from
// cell-centre averages, centred, one-sided at the edges).
std::vector<double> deformation(const Grid& g, const std::vector<float>& u,
                                const std::vector<float>& v, int k);

}  // namespace airshed

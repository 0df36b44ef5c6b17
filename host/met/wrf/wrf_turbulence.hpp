// Turbulence from WRF fields, as CMAQ derives it from its meteorology
// (MCIP and the CCTM's ACM2 and multiscale hdiff modules): the surface layer
// of each WRF column (u*, 1/L, PBL height, z0) from WRF's own diagnostics
// where the file has them, else from the lowest model levels; and the
// eddy diffusivities on airshed's grid. Pure functions: every formula is a
// testable number in, number out.
#pragma once

#include <cstddef>
#include <vector>

#include "host/met/wrf/wrf_fields.hpp"

namespace airshed::wrf_turbulence {

constexpr double cp_dry = 1004.67;  // J/(kg K), CMAQ's CPD
constexpr double r_dry = 287.04;    // J/(kg K), CMAQ's RDGAS

// 1/L (1/m) from the surface fluxes, as MCIP does where WRF wrote no RMOL
// (Otte & Pleim 2010, Geosci. Model Dev. 3, 243-256; Byun & Ching 1999,
// EPA/600/R-99/030, ch. 12):  L = -theta_v u*^3 / (kappa g H / (rho cp)).
// Positive (upward) H gives L < 0. |L| is kept >= 1 m, as the scenario's
// own Obukhov length is.
double inverse_obukhov_from_flux(double ustar, double hfx, double theta_v, double rho);

// 1/L from the bulk Richardson number of a layer za < zb (theta at za and
// zb, wind at zb, surface wind 0) by the Monin-Obukhov profiles of
// host/met/similarity.hpp: Rib = ((zb - za)/L) F_h / F_m^2 with
// F_h = ln(zb/za) - psi_h(zb/L) + psi_h(za/L), F_m = ln(zb/z0) - psi_m(zb/L)
// (the relation of Launiainen 1995, Boundary-Layer Meteorol. 76, 165-179,
// solved here by bisection instead of his fit). |L| >= 1 m.
double inverse_obukhov_from_bulk_richardson(double rib, double za, double zb, double z0);

// Roughness length (m) of a USGS 24-category land use (WRF's LANDUSE.TBL,
// USGS summer SFZ0 column, converted from cm); categories 31-33 (NLCD
// urban) as 1. 0 for an unknown category.
double usgs_roughness(int category);
// Charnock (1955) over water: z0 = alpha u*^2 / g, alpha = 0.011 (Smith
// 1988, J. Geophys. Res. 93, 15467-15472), never below 1.5e-5 m (the
// smooth-flow limit for u* ~ 0.1 m/s).
double charnock_roughness(double ustar);
constexpr double land_roughness_default = 0.1;  // m, the scenario's default z0

// CMAQ's minimum Kz (ASX_DATA_MOD, MINKZ): 0.01 m^2/s, raised towards
// 1 m^2/s by the urban fraction below 500 m.
double kz_min(double z, double urban_fraction);

// ACM2's boundary-layer Kz (Pleim 2007, J. Appl. Meteor. Climatol. 46,
// 1383-1395, as coded in CMAQ's vdiff/acm2 eddyx.F):
//   Kz = kappa u* z (1 - z/h)^2 / phi_h(z/L)  for z < h, 0 above;
// phi_h = (1 - 16 zeta)^(-1/2) unstable (held at z = 0.1 h above the
// surface layer), 1 + 5 zeta for 0 <= zeta < 1, 5 + zeta beyond.
double acm2_boundary_layer_kz(double z, double ustar, double inverse_L, double h);
// The local, Richardson-number Kz of eddyx.F (after Liu & Carroll 1996),
// from the squared shear ws2 (1/s^2) and the local Ri of the layer:
//   Ri >= 0: Kz = kz_min + |S| f(Ri) l^2, f = 0.0012 + 1/(1 + 10 Ri + 50 Ri^2 + 5000 Ri^4)
//   Ri <  0: Kz = kz_min + |S| sqrt(1 - 25 Ri) l^2
// l = kappa z lambda / (lambda + kappa z), lambda = 80 m.
double local_kz(double z, double ws2, double ri, double kz_minimum);
// eddyx.F's combination: the larger of the two inside the PBL, the local
// one above; at most 1000 m^2/s. Continuous at z = h (the PBL form is 0 there).
double acm2_kz(double z, double ustar, double inverse_L, double h, double ws2, double ri,
               double kz_minimum);
// The local Ri of the layer between two levels dz apart (eddyx.F):
//   Ri = 2 g (thv_u - thv_l) / (dz ws2 (thv_u + thv_l)),  ws2 = |dV|^2/dz^2 + 1e-9.
double layer_shear2(double du, double dv, double dz);
double layer_richardson(double thv_lower, double thv_upper, double dz, double ws2);

// Horizontal Kh from the wind deformation D (1/s), as CMAQ's multiscale
// hdiff (hcdiff3d.F, deform.F): K_D = max(floor, (alpha^2) dx dy D) with
// alpha = 0.28 (Smagorinsky 1963's form), and CMAQ's resolution-scaled
// cap Kh = K_A K_D / (K_A + K_D), K_A = 2000 m^2/s (4000 m)^2 / (dx dy).
// CMAQ's floor KHMIN = 200 m^2/s is a 4-km-grid value; on airshed's finer
// grids the caller passes the boundary layer's own Kh (Hanna 1982, as the
// uniform met uses) as the floor.
double smagorinsky_kh(double deformation, double dx, double dy, double floor);

// The PBL height (m above ground) of one column from the bulk Richardson
// number profile, Vogelezang & Holtslag (1996, Boundary-Layer Meteorol. 81,
// 245-269): Ri_b(z) = g (thv(z) - thv_s)(z - z_s) / (thv_s (|V(z) - V_s|^2
// + b u*^2)), b = 100, s = the lowest level; h where Ri_b first reaches
// 0.25, interpolated linearly between levels; at least 20 m (CMAQ's floor
// in eddyx.F), at most the top level.
double pbl_height_bulk_richardson(const double* z, const double* thv, const double* u,
                                  const double* v, std::size_t n, double ustar);

// The surface layer of every WRF column (nx * ny), and how each was found.
struct WrfSurfaceLayer {
  std::vector<double> ustar, inverse_L, pblh, z0, temperature;  // m/s, 1/m, m, m, K
  std::vector<double> urban;  // urban fraction 0/1 (USGS category 1, 31-33), for kz_min
  // Where each came from, for the run's log: "UST", "log law", ...
  const char* ustar_from = "";
  const char* obukhov_from = "";
  const char* pblh_from = "";
  const char* z0_from = "";
};

// u*: UST, else the log law over z0 at the lowest level with stability;
// 1/L: RMOL, else UST and HFX (MCIP), else the bulk Richardson number of
// the lowest layer (2 m from T2 to the lowest level, or the two lowest
// levels); PBL height: PBLH, else the bulk Richardson profile; z0: ZNT, else
// LU_INDEX (USGS table), else 0.1 m over land and Charnock over water
// (water: terrain height 0, where WRF's geogrid puts the sea);
// temperature: T2, else the lowest level.
WrfSurfaceLayer surface_layer(const WrfFields& f, const WrfGridInfo& g);

// Virtual potential temperature at each mass point: theta (1 + 0.608 qv),
// qv = 0 where the file has no QVAPOR.
std::vector<double> virtual_theta(const WrfFields& f);

}  // namespace airshed::wrf_turbulence

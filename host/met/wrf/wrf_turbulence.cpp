#include "host/met/wrf/wrf_turbulence.hpp"

#include <algorithm>
#include <cmath>

#include "host/met/similarity.hpp"
#include "host/met/surface_profiles.hpp"

namespace airshed::wrf_turbulence {

namespace {

using similarity::gravity;
using similarity::kappa;

constexpr double max_inverse_L = 1.0;  // 1/m: |L| >= 1 m

double clamp_inverse_L(double s) { return std::clamp(s, -max_inverse_L, max_inverse_L); }

// phi_h of eddyx.F (CMAQ's BETAH = 5, GAMAH = 16).
double acm2_phi_h(double zeta) {
  if (zeta < 0) return 1 / std::sqrt(1 - 16 * zeta);
  return zeta < 1 ? 1 + 5 * zeta : 5 + zeta;
}

}  // namespace

double inverse_obukhov_from_flux(double ustar, double hfx, double theta_v, double rho) {
  const double kinematic_flux = hfx / (rho * cp_dry);  // K m/s
  const double u3 = ustar * ustar * ustar;
  if (u3 <= 0) return hfx > 0 ? -max_inverse_L : (hfx < 0 ? max_inverse_L : 0.0);
  return clamp_inverse_L(-kappa * gravity * kinematic_flux / (theta_v * u3));
}

double inverse_obukhov_from_bulk_richardson(double rib, double za, double zb, double z0) {
  const double dz = zb - za;
  auto rib_of = [&](double s) {
    const double fh = std::log(zb / za) - similarity::psi_h(zb * s) + similarity::psi_h(za * s);
    const double fm = similarity::wind_shape(zb, z0, s);
    return s * dz * fh / (fm * fm);
  };
  double lo = -max_inverse_L, hi = max_inverse_L;
  if (rib <= rib_of(lo)) return lo;
  if (rib >= rib_of(hi)) return hi;
  // 60 halvings of [-1, 1]: 1/L to 2e-18 /m, far below any meaningful stability.
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (rib_of(mid) < rib ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double usgs_roughness(int category) {
  // WRF run/LANDUSE.TBL, USGS, SUMMER, SFZ0 (cm), categories 1..24.
  static const double z0_cm[24] = {80, 15, 10, 15,   14, 20, 12, 5,  6,  15, 50, 50,
                                   50, 50, 50, 0.01, 20, 40, 1,  10, 30, 15, 10, 0.1};
  if (category >= 1 && category <= 24) return z0_cm[category - 1] / 100;
  if (category >= 31 && category <= 33) return 0.8;  // NLCD residential/commercial, as urban
  return 0;
}

double charnock_roughness(double ustar) {
  return std::max(0.011 * ustar * ustar / gravity, 1.5e-5);
}

double kz_min(double z, double urban_fraction) {
  constexpr double kzl = 0.01, kzu = 1.0, kz_max_height = 500;  // ASX_DATA_MOD
  return z <= kz_max_height ? kzl + (kzu - kzl) * urban_fraction : kzl;
}

double acm2_boundary_layer_kz(double z, double ustar, double inverse_L, double h) {
  if (z <= 0 || z >= h) return 0;
  const double zeta = z * inverse_L;
  const double phih = zeta < 0 && z >= 0.1 * h ? acm2_phi_h(0.1 * h * inverse_L) : acm2_phi_h(zeta);
  const double f = 1 - z / h;
  return kappa * (ustar / phih) * z * f * f;
}

double local_kz(double z, double ws2, double ri, double kz_minimum) {
  constexpr double lambda = 80;  // m, eddyx.F's RLAM
  const double zk = kappa * z;
  double sql = zk * lambda / (lambda + zk);
  sql *= sql;
  if (ri >= 0) {
    const double fh = 0.0012 + 1 / (1 + ri * (10 + ri * (50 + 5000 * ri * ri)));
    return kz_minimum + std::sqrt(ws2) * fh * sql;
  }
  return kz_minimum + std::sqrt(ws2 * (1 - 25 * ri)) * sql;
}

double acm2_kz(double z, double ustar, double inverse_L, double h, double ws2, double ri,
               double kz_minimum) {
  double k = local_kz(z, ws2, ri, kz_minimum);
  if (z < h) k = std::max(k, std::max(acm2_boundary_layer_kz(z, ustar, inverse_L, h), kz_minimum));
  return std::min(k, 1000.0);
}

double layer_shear2(double du, double dv, double dz) {
  return (du * du + dv * dv) / (dz * dz) + 1e-9;
}

double layer_richardson(double thv_lower, double thv_upper, double dz, double ws2) {
  return 2 * gravity * (thv_upper - thv_lower) / (dz * ws2 * (thv_upper + thv_lower));
}

double smagorinsky_kh(double deformation, double dx, double dy, double floor) {
  constexpr double alpha = 0.28, kh0 = 2000, dx0 = 4000;  // hcdiff3d.F: ALP, KH, DXB
  const double kd = std::max(floor, alpha * alpha * dx * dy * deformation);
  const double ka = dx0 * dx0 / (dx * dy) * kh0;
  return ka * kd / (ka + kd);
}

double pbl_height_bulk_richardson(const double* z, const double* thv, const double* u,
                                  const double* v, std::size_t n, double ustar) {
  constexpr double ri_crit = 0.25, b = 100, h_min = 20;
  if (n < 2) return std::max(h_min, n ? z[0] : h_min);
  auto ri = [&](std::size_t k) {
    const double du = u[k] - u[0], dv = v[k] - v[0];
    return gravity * (thv[k] - thv[0]) * (z[k] - z[0]) /
           (thv[0] * (du * du + dv * dv + b * ustar * ustar + 1e-9));
  };
  double ri_prev = 0;
  for (std::size_t k = 1; k < n; ++k) {
    const double r = ri(k);
    if (r >= ri_crit) {
      const double w = (ri_crit - ri_prev) / (r - ri_prev);
      return std::max(h_min, z[k - 1] + w * (z[k] - z[k - 1]));
    }
    ri_prev = r;
  }
  return std::max(h_min, z[n - 1]);
}

std::vector<double> virtual_theta(const WrfFields& f) {
  std::vector<double> thv(f.theta.size());
  for (std::size_t p = 0; p < thv.size(); ++p)
    thv[p] = f.theta[p] * (1 + 0.608 * (f.qvapor.empty() ? 0.0 : double(f.qvapor[p])));
  return thv;
}

WrfSurfaceLayer surface_layer(const WrfFields& f, const WrfGridInfo& g) {
  const std::size_t nc = g.columns(), nz = std::size_t(g.nz);
  const std::vector<double> thv = virtual_theta(f);
  WrfSurfaceLayer s;
  s.ustar.resize(nc), s.inverse_L.resize(nc), s.pblh.resize(nc), s.z0.resize(nc);
  s.temperature.resize(nc), s.urban.assign(nc, 0.0);
  const bool has_t2 = !f.t2.empty(), has_ust = !f.ust.empty(), has_hfx = !f.hfx.empty();
  s.z0_from = !f.znt.empty()        ? "ZNT"
              : !f.lu_index.empty() ? "LU_INDEX (USGS table)"
                                    : "0.1 m over land, Charnock over water (HGT = 0)";
  s.ustar_from = has_ust ? "UST" : "log law at the lowest level";
  s.obukhov_from = !f.rmol.empty()      ? "RMOL"
                   : has_ust && has_hfx ? "UST and HFX (MCIP)"
                   : has_t2             ? "bulk Richardson number, 2 m to the lowest level"
                                        : "bulk Richardson number of the two lowest levels";
  s.pblh_from = !f.pblh.empty() ? "PBLH" : "bulk Richardson profile (Vogelezang & Holtslag 1996)";
  std::vector<double> cz(nz), cthv(nz), cu(nz), cv(nz);
  for (std::size_t c = 0; c < nc; ++c) {
    const double qv1 = f.qvapor.empty() ? 0.0 : f.qvapor[c];
    const double z1 = f.z_agl[c], z2 = nz > 1 ? double(f.z_agl[c + nc]) : 2 * z1;
    const double u1 = std::max(double(std::hypot(f.u_east[c], f.v_north[c])), calm_wind_speed);
    const double psfc = f.psfc.empty() ? double(f.pressure[c]) : double(f.psfc[c]);
    s.temperature[c] = has_t2 ? f.t2[c] : f.temperature[c];
    const int lu = f.lu_index.empty() ? 0 : int(std::lround(f.lu_index[c]));
    s.urban[c] = (lu == 1 || (lu >= 31 && lu <= 33)) ? 1.0 : 0.0;
    const bool water = f.znt.empty() && f.lu_index.empty() && f.terrain[c] <= 0;
    double z0 = !f.znt.empty()        ? double(f.znt[c])
                : !f.lu_index.empty() ? usgs_roughness(lu)
                                      : (water ? 1e-4 : land_roughness_default);
    if (!(z0 > 0)) z0 = land_roughness_default;  // unknown category
    double ustar = has_ust ? double(f.ust[c]) : 0.0, inv_l = 0;
    if (!f.rmol.empty()) {
      inv_l = clamp_inverse_L(f.rmol[c]);
    } else if (has_ust && has_hfx) {
      const double rho = psfc / (r_dry * s.temperature[c] * (1 + 0.608 * qv1));
      inv_l = inverse_obukhov_from_flux(ustar, f.hfx[c], thv[c], rho);
    }
    const bool from_rib = f.rmol.empty() && !(has_ust && has_hfx);
    // Bulk Richardson number of the lowest layer (wind 0 at the ground).
    double za = z1, zb = z2, tha = thv[c], thb = nz > 1 ? thv[c + nc] : thv[c];
    double ub = nz > 1 ? std::hypot(f.u_east[c + nc], f.v_north[c + nc]) : u1;
    if (has_t2 && z1 > 2) {
      za = 2, zb = z1, thb = thv[c], ub = u1;
      tha = f.t2[c] * std::pow(1e5 / psfc, r_dry / cp_dry) * (1 + 0.608 * qv1);
    }
    ub = std::max(ub, calm_wind_speed);
    const double rib = gravity * (thb - tha) * (zb - za) / (0.5 * (tha + thb) * ub * ub);
    // Charnock's z0 depends on u*, u* on z0: a few fixed-point passes converge
    // (z0 enters only through a logarithm).
    for (int pass = 0; pass < (water ? 6 : 1); ++pass) {
      if (from_rib) inv_l = inverse_obukhov_from_bulk_richardson(rib, za, zb, z0);
      if (!has_ust) ustar = similarity::friction_velocity(u1, z1, z0, inv_l);
      if (water) z0 = charnock_roughness(ustar);
    }
    s.z0[c] = z0, s.ustar[c] = ustar, s.inverse_L[c] = inv_l;
    if (!f.pblh.empty()) {
      s.pblh[c] = std::max(20.0, double(f.pblh[c]));
    } else {
      for (std::size_t k = 0; k < nz; ++k) {
        const std::size_t p = c + k * nc;
        cz[k] = f.z_agl[p], cthv[k] = thv[p], cu[k] = f.u_east[p], cv[k] = f.v_north[p];
      }
      s.pblh[c] =
          pbl_height_bulk_richardson(cz.data(), cthv.data(), cu.data(), cv.data(), nz, ustar);
    }
  }
  return s;
}

}  // namespace airshed::wrf_turbulence

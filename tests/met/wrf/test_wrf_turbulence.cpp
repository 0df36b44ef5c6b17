// The surface layer and diffusivities from WRF fields against the
// published formulas written out by hand: MCIP's Obukhov length, ACM2's Kz
// (Pleim 2007 as in CMAQ's eddyx.F), CMAQ's deformation Kh, the bulk
// Richardson PBL height, WRF's USGS roughness table.
#include <doctest/doctest.h>

#include <cmath>

#include "host/met/similarity.hpp"
#include "host/met/wrf/wrf_turbulence.hpp"
#include "tests/met/wrf/synthetic_wrf.hpp"

using namespace airshed;
namespace wt = airshed::wrf_turbulence;

TEST_CASE("Obukhov length from UST and HFX as MCIP computes it") {
  // L = -theta_v u*^3 rho cp / (kappa g H)
  //   = -300 * 0.3^3 * 1.2 * 1004.67 / (0.4 * 9.81 * 100) = -9765.39 / 392.4 = -24.8863 m
  const double inv_l = wt::inverse_obukhov_from_flux(0.3, 100, 300, 1.2);
  CHECK(1 / inv_l == doctest::Approx(-24.8863).epsilon(1e-5));
  // Downward heat flux: stable, L > 0 (twice as long for half the flux).
  CHECK(1 / wt::inverse_obukhov_from_flux(0.3, -50, 300, 1.2) ==
        doctest::Approx(49.7726).epsilon(1e-5));
  CHECK(wt::inverse_obukhov_from_flux(0.3, 0, 300, 1.2) == 0);
  // |L| >= 1 m: a calm with a strong flux is capped, not infinite.
  CHECK(wt::inverse_obukhov_from_flux(0.001, 300, 300, 1.2) == -1.0);
}

TEST_CASE("1/L from the bulk Richardson number inverts the profile relation") {
  const double za = 2, zb = 30, z0 = 0.1;
  CHECK(wt::inverse_obukhov_from_bulk_richardson(0, za, zb, z0) ==
        doctest::Approx(0).epsilon(1e-12));
  for (double L : {-20.0, -200.0, 80.0, 500.0}) {
    const double s = 1 / L;
    const double fh = std::log(zb / za) - similarity::psi_h(zb * s) + similarity::psi_h(za * s);
    const double fm = similarity::wind_shape(zb, z0, s);
    const double rib = (zb - za) * s * fh / (fm * fm);
    CHECK(wt::inverse_obukhov_from_bulk_richardson(rib, za, zb, z0) ==
          doctest::Approx(s).epsilon(1e-9));
    CHECK((rib < 0) == (L < 0));  // unstable layer (warmer below) -> L < 0
  }
}

TEST_CASE("ACM2 boundary-layer Kz against kappa u* z (1 - z/h)^2 / phi_h") {
  // Unstable, u* = 0.4, L = -100, h = 1000.
  // z = 50 (surface layer): phi_h = (1 + 16 * 0.5)^(-1/2) = 1/3 -> 0.16 * 50 * 0.95^2 * 3 = 21.66
  CHECK(wt::acm2_boundary_layer_kz(50, 0.4, -0.01, 1000) == doctest::Approx(21.66).epsilon(1e-9));
  // z = 200: phi_h held at z = 0.1 h: (1 + 16)^(-1/2) -> 0.16 * 200 * 0.8^2 * sqrt(17)
  CHECK(wt::acm2_boundary_layer_kz(200, 0.4, -0.01, 1000) ==
        doctest::Approx(0.16 * 200 * 0.64 * std::sqrt(17.0)).epsilon(1e-12));
  // Stable, L = 200, h = 500: z = 100, phi_h = 1 + 5 * 0.5 = 3.5 -> 16 * 0.64 / 3.5 = 2.92571
  CHECK(wt::acm2_boundary_layer_kz(100, 0.4, 0.005, 500) ==
        doctest::Approx(2.925714).epsilon(1e-6));
  // z = 300, zeta = 1.5 >= 1: phi_h = 5 + 1.5 -> 0.16 * 300 * 0.4^2 / 6.5 = 1.181538
  CHECK(wt::acm2_boundary_layer_kz(300, 0.4, 0.005, 500) ==
        doctest::Approx(1.181538).epsilon(1e-6));
  CHECK(wt::acm2_boundary_layer_kz(600, 0.4, 0.005, 500) == 0);
}

TEST_CASE("the local Richardson Kz of eddyx.F and its continuity at the PBL top") {
  // z = 1500, |S|^2 = 1e-4, Ri = 0.5: l = 0.4 * 1500 * 80 / (80 + 600) = 70.588 m,
  // f = 0.0012 + 1 / (1 + 5 + 12.5 + 312.5) = 0.00422115 -> Kz = 0.01 + 0.01 f l^2
  const double l = 600.0 * 80 / 680;
  const double f = 0.0012 + 1 / 331.0;
  CHECK(wt::local_kz(1500, 1e-4, 0.5, 0.01) ==
        doctest::Approx(0.01 + 0.01 * f * l * l).epsilon(1e-12));
  // Unstable local layer: sqrt(S^2 (1 - 25 Ri)) l^2
  CHECK(wt::local_kz(1500, 1e-4, -0.1, 0.01) ==
        doctest::Approx(0.01 + std::sqrt(1e-4 * 3.5) * l * l).epsilon(1e-12));
  // At the PBL top the boundary-layer form is 0, so Kz is continuous.
  const double h = 800, ws2 = 2e-5, ri = 0.3;
  const double below = wt::acm2_kz(h * (1 - 1e-9), 0.5, -0.02, h, ws2, ri, 0.01);
  const double above = wt::acm2_kz(h * (1 + 1e-9), 0.5, -0.02, h, ws2, ri, 0.01);
  CHECK(std::abs(below - above) <= 1e-6 * above);
  // Inside the PBL, the larger of the two.
  CHECK(wt::acm2_kz(300, 0.5, -0.02, h, ws2, ri, 0.01) ==
        doctest::Approx(wt::acm2_boundary_layer_kz(300, 0.5, -0.02, h)).epsilon(1e-12));
  CHECK(wt::acm2_kz(300, 50, -0.02, h, ws2, ri, 0.01) == 1000);  // CMAQ's cap
  // CMAQ's minimum Kz: 0.01, 1 m^2/s in an urban column below 500 m.
  CHECK(wt::kz_min(100, 0) == 0.01);
  CHECK(wt::kz_min(100, 1) == 1.0);
  CHECK(wt::kz_min(700, 1) == 0.01);
}

TEST_CASE("deformation Kh as CMAQ's hcdiff3d") {
  // K_D = 0.28^2 * 1000 * 1000 * 1e-4 = 7.84; K_A = 4000^2 / 1e6 * 2000 = 32000
  CHECK(wt::smagorinsky_kh(1e-4, 1000, 1000, 1) ==
        doctest::Approx(32000 * 7.84 / 32007.84).epsilon(1e-12));
  CHECK(wt::smagorinsky_kh(0, 1000, 1000, 25) ==
        doctest::Approx(32000 * 25 / 32025.0).epsilon(1e-12));
}

TEST_CASE("roughness from WRF's USGS table and Charnock") {
  CHECK(wt::usgs_roughness(1) == doctest::Approx(0.8));    // urban, 80 cm
  CHECK(wt::usgs_roughness(7) == doctest::Approx(0.12));   // grassland
  CHECK(wt::usgs_roughness(16) == doctest::Approx(1e-4));  // water
  CHECK(wt::usgs_roughness(99) == 0);
  CHECK(wt::charnock_roughness(0.3) == doctest::Approx(0.011 * 0.09 / 9.81).epsilon(1e-12));
}

TEST_CASE("PBL height from the bulk Richardson profile") {
  // Well mixed to 800 m, then 10 K/km; wind 5 m/s uniform, u* = 0.3:
  // Ri_b(z) = g dtheta (z - z_s) / (theta_s * 100 u*^2) above 800 m.
  const double z[6] = {25, 200, 500, 800, 1100, 1500};
  const double th[6] = {300, 300, 300, 300, 303, 307};
  const double u[6] = {5, 5, 5, 5, 5, 5}, v[6] = {0, 0, 0, 0, 0, 0};
  // At 1100 m: 9.81 * 3 * 1075 / (300 * 9) = 11.7 > 0.25: h between 800 and 1100,
  // w = 0.25 / 11.7175 -> h = 800 + 300 w = 806.4 m.
  const double ri1100 = 9.81 * 3 * 1075 / (300 * 9.0);
  CHECK(wt::pbl_height_bulk_richardson(z, th, u, v, 6, 0.3) ==
        doctest::Approx(800 + 300 * 0.25 / ri1100).epsilon(1e-9));
  // Neutral throughout: the top level.
  const double th0[6] = {300, 300, 300, 300, 300, 300};
  CHECK(wt::pbl_height_bulk_richardson(z, th0, u, v, 6, 0.3) == 1500);
}

TEST_CASE("surface layer: UST and HFX where present, else the lowest levels") {
  test::SyntheticWrf s;
  WrfFields f = s.fields(s.t0);
  const std::size_t nc = s.grid.columns();
  f.ust.assign(nc, 0.35f);
  f.hfx.assign(nc, 120.0f);
  f.pblh.assign(nc, 900.0f);
  f.znt.assign(nc, 0.2f);
  wt::WrfSurfaceLayer a = wt::surface_layer(f, s.grid);
  const double rho = 1e5 / (wt::r_dry * f.t2[3]);
  CHECK(a.ustar[3] == doctest::Approx(0.35).epsilon(1e-7));
  CHECK(a.inverse_L[3] ==
        doctest::Approx(wt::inverse_obukhov_from_flux(0.35, 120, f.theta[3], rho)).epsilon(1e-6));
  CHECK(a.inverse_L[3] < 0);
  CHECK(a.pblh[3] == 900);
  CHECK(a.z0[3] == doctest::Approx(0.2).epsilon(1e-7));
  // Without them (the Katrina file): the log law at the lowest level over
  // z0 = 0.1 m (land: HGT > 0) with the Richardson 1/L, the Ri PBL height.
  f = s.fields(s.t0);
  f.terrain.assign(nc, 10.0f);
  a = wt::surface_layer(f, s.grid);
  const double u1 = std::hypot(f.u_east[3], f.v_north[3]);
  CHECK(a.z0[3] == doctest::Approx(0.1));
  CHECK(a.ustar[3] ==
        doctest::Approx(similarity::friction_velocity(u1, f.z_agl[3], 0.1, a.inverse_L[3]))
            .epsilon(1e-12));
  CHECK(a.inverse_L[3] > 0);  // theta rises with height: stable
  CHECK(a.pblh[3] >= 20);
  // Over the sea (HGT = 0) Charnock's z0 from that u*.
  f.terrain.assign(nc, 0.0f);
  a = wt::surface_layer(f, s.grid);
  CHECK(a.z0[3] == doctest::Approx(wt::charnock_roughness(a.ustar[3])).epsilon(1e-3));
}

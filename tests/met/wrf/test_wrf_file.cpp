// WrfFile against wrf-python: the Katrina wrfout's diagnostics at time 0
// (heights, theta, temperature, pressure, destaggered and earth-relative
// winds) reproduce wrf-python's own reference file (NCAR/wrf-python's
// test/ci_tests/ci_result_file.nc, tests/data/wrf/README.md) to 1e-5
// relative at every point; the Tibet file's winds are rotated with its own
// COSALPHA/SINALPHA, and the rotation computed from the projection matches
// them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "host/met/wrf/wrf_file.hpp"
#include "host/met/wrf/wrf_projection.hpp"
#include "tests/met/wrf/nc_test_io.hpp"

using namespace airshed;
using airshed::test::kWrfData;
using airshed::test::kWrfMet;
using airshed::test::NcTestFile;

namespace {

const std::string kKatrina = kWrfMet + "wrfout_katrina_d02_mercator.nc";
const std::string kReference = kWrfData + "wrf_python_reference_katrina_subset.nc";
const std::string kTibet = kWrfMet + "wrf_d01_allvars_cropped.nc";

// Largest |a - b| / |b| over all points (b = 0 counts as exact only if a = 0).
double max_relative(const std::vector<double>& a, const std::vector<float>& b) {
  REQUIRE(a.size() == b.size());
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = std::abs(a[i] - double(b[i]));
    worst = std::max(worst, b[i] == 0 ? (d == 0 ? 0.0 : INFINITY) : d / std::abs(double(b[i])));
  }
  return worst;
}

std::vector<double> widened(const std::vector<float>& a) { return {a.begin(), a.end()}; }

}  // namespace

TEST_CASE("WrfFile reads the Katrina grid and times") {
  const WrfFile file(kKatrina);
  const WrfGridInfo& g = file.grid();
  CHECK(g.projection == WrfProjectionKind::mercator);
  CHECK(g.nx == 48);
  CHECK(g.ny == 48);
  CHECK(g.nz == 14);
  CHECK(g.dx == 10000.0);
  CHECK(g.stand_lon == -89.0);
  // 2005-08-28_12:00:00 UTC = 1125230400 s since the epoch, then 3-hourly.
  REQUIRE(file.times().size() == 4);
  CHECK(file.times()[0] == 1125230400LL);
  for (std::size_t t = 1; t < 4; ++t) CHECK(file.times()[t] - file.times()[t - 1] == 10800);
  CHECK(file.path() == kKatrina);
}

TEST_CASE("WrfFile reproduces wrf-python's diagnostics of the Katrina file to 1e-5") {
  const WrfFile file(kKatrina);
  const WrfFields f = file.read(0);
  const NcTestFile ref(kReference);
  const std::size_t n2 = file.grid().columns(), n3 = file.grid().points();
  REQUIRE(f.z_agl.size() == n3);
  CHECK(f.utc_epoch_s == 1125230400LL);

  // wrf-python's z is above sea level: z_agl + terrain.
  const std::vector<float> ter = ref.floats("ter");
  CHECK(max_relative(widened(f.terrain), ter) == 0.0);
  std::vector<double> z(n3);
  for (std::size_t i = 0; i < n3; ++i) z[i] = double(f.z_agl[i]) + f.terrain[i % n2];
  const double ez = max_relative(z, ref.floats("z"));
  const double etheta = max_relative(widened(f.theta), ref.floats("theta"));
  const double etk = max_relative(widened(f.temperature), ref.floats("tk"));
  const double ep = max_relative(widened(f.pressure), ref.floats("p"));
  const double eua = max_relative(widened(f.u_east), ref.floats("ua"));
  const double eva = max_relative(widened(f.v_north), ref.floats("va"));
  const double ewa = max_relative(widened(f.w), ref.floats("wa"));
  // uvmet(u_v, bottom_top, south_north, west_east): earth-relative winds.
  const std::vector<float> uvmet = ref.floats("uvmet");
  const std::vector<float> uvmet_u(uvmet.begin(), uvmet.begin() + n3);
  const std::vector<float> uvmet_v(uvmet.begin() + n3, uvmet.end());
  const double eum = max_relative(widened(f.u_east), uvmet_u);
  const double evm = max_relative(widened(f.v_north), uvmet_v);
  MESSAGE("max relative error vs wrf-python: z "
          << ez << ", theta " << etheta << ", tk " << etk << ", p " << ep << ", ua " << eua
          << ", va " << eva << ", wa " << ewa << ", uvmet " << eum << " " << evm);
  CHECK(ez <= 1e-5);
  CHECK(etheta <= 1e-5);
  CHECK(etk <= 1e-5);
  CHECK(ep <= 1e-5);
  CHECK(eua <= 1e-5);
  CHECK(eva <= 1e-5);
  CHECK(ewa <= 1e-5);
  CHECK(eum <= 1e-5);
  CHECK(evm <= 1e-5);

  // What the Katrina file has and lacks (README: no PBLH, UST, HFX).
  CHECK(f.qvapor.size() == n3);
  CHECK(f.t2.size() == n2);
  CHECK(f.psfc.size() == n2);
  CHECK(f.u10.size() == n2);
  CHECK(f.v10.size() == n2);
  CHECK(f.rain.size() == n2);
  CHECK(f.pblh.empty());
  CHECK(f.ust.empty());
  CHECK(f.hfx.empty());
  CHECK(f.rmol.empty());
  CHECK(f.znt.empty());
  CHECK(f.lu_index.empty());
  CHECK(f.swdown.empty());
}

TEST_CASE("WrfFile reads the time asked for, and only lists the file's times") {
  const WrfFile file(kKatrina);
  const NcTestFile raw(kKatrina);
  const std::vector<float> t_all = raw.floats("T");  // (Time, bottom_top, ...), all 4 times
  const std::vector<float> rainc = raw.floats("RAINC"), rainnc = raw.floats("RAINNC");
  const std::size_t n3 = file.grid().points(), n2 = file.grid().columns();
  for (std::size_t t : {3u, 1u}) {
    const WrfFields f = file.read(t);
    CHECK(f.utc_epoch_s == file.times()[t]);
    for (std::size_t i = 0; i < n3; i += 997) CHECK(f.theta[i] == float(t_all[t * n3 + i] + 300.0));
    for (std::size_t c = 0; c < n2; c += 101)
      CHECK(f.rain[c] == rainc[t * n2 + c] + rainnc[t * n2 + c]);
  }
  CHECK_THROWS_AS(file.read(4), std::out_of_range);
}

TEST_CASE("WrfFile rotates the Tibet (Lambert) winds with its COSALPHA/SINALPHA") {
  const WrfFile file(kTibet);
  const WrfGridInfo& g = file.grid();
  CHECK(g.projection == WrfProjectionKind::lambert);
  CHECK(g.nx == 10);
  CHECK(g.ny == 8);
  CHECK(g.nz == 27);
  REQUIRE(file.times().size() == 4);
  CHECK(file.times()[0] == 1127260800LL);  // 2005-09-21_00:00:00
  const WrfFields f = file.read(2);
  const NcTestFile raw(kTibet);
  const std::vector<float> u = raw.floats("U"), v = raw.floats("V");
  const std::vector<float> ca = raw.floats("COSALPHA"), sa = raw.floats("SINALPHA");
  const std::vector<float> lon = raw.floats("XLONG");
  const int nx = g.nx, ny = g.ny, nz = g.nz;
  const std::size_t u_time = std::size_t(nz) * ny * (nx + 1),
                    v_time = std::size_t(nz) * (ny + 1) * nx;
  double worst = 0, worst_speed = 0, worst_alpha = 0;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = std::size_t(j) * nx + i, m = std::size_t(k) * nx * ny + c;
        const std::size_t iu = 2 * u_time + (std::size_t(k) * ny + j) * (nx + 1) + i;
        const std::size_t iv = 2 * v_time + (std::size_t(k) * (ny + 1) + j) * nx + i;
        const double ug = 0.5 * (u[iu] + double(u[iu + 1]));
        const double vg = 0.5 * (v[iv] + double(v[iv + nx]));
        // WRF's rotation: u_east = u cos a - v sin a, v_north = v cos a + u sin a.
        const double ue = ug * ca[c] - vg * sa[c], vn = vg * ca[c] + ug * sa[c];
        const double speed = std::hypot(ug, vg);
        worst = std::max({worst, std::abs(f.u_east[m] - ue) / std::max(speed, 1.0),
                          std::abs(f.v_north[m] - vn) / std::max(speed, 1.0)});
        worst_speed =
            std::max(worst_speed, std::abs(std::hypot(f.u_east[m], f.v_north[m]) - speed) /
                                      std::max(speed, 1.0));
        if (k == 0) {
          double cos_a = 0, sin_a = 0;
          wrf_rotation(g, lon[c], cos_a, sin_a);
          worst_alpha = std::max({worst_alpha, std::abs(cos_a - ca[c]), std::abs(sin_a - sa[c])});
        }
      }
  MESSAGE("Tibet rotation: max error " << worst << " of the speed, speed change " << worst_speed
                                       << ", computed vs file alpha " << worst_alpha);
  CHECK(worst <= 1e-6);
  CHECK(worst_speed <= 1e-6);
  // The file's SINALPHA holds 4.7e-5 from the cone formula (measured; WRF
  // V3.3.1 computes alpha numerically from neighbouring points): 0.006 degree.
  CHECK(worst_alpha <= 1e-4);

  // Heights above ground rise with the level and start above the ground.
  for (std::size_t c = 0; c < g.columns(); ++c) {
    CHECK(f.z_agl[c] > 0);
    for (int k = 1; k < nz; ++k)
      CHECK(f.z_agl[k * g.columns() + c] > f.z_agl[(k - 1) * g.columns() + c]);
  }
  // HGT (no Time dimension here) is the Tibetan plateau, 4.5-5.5 km.
  const auto [lo, hi] = std::minmax_element(f.terrain.begin(), f.terrain.end());
  CHECK(*lo > 4000);
  CHECK(*hi < 6000);
  CHECK(f.pblh.size() == g.columns());
  CHECK(f.ust.size() == g.columns());
  CHECK(f.hfx.size() == g.columns());
  CHECK(f.lu_index.size() == g.columns());
  CHECK(f.swdown.size() == g.columns());
  CHECK(f.rmol.empty());  // README: no RMOL, no ZNT
  CHECK(f.znt.empty());
}

TEST_CASE("WrfFile is movable") {
  WrfFile a(kKatrina);
  WrfFile b(std::move(a));
  CHECK(b.times().size() == 4);
  CHECK(b.read(0).z_agl.size() == b.grid().points());
  WrfFile c(kTibet);
  c = std::move(b);
  CHECK(c.grid().nx == 48);
  CHECK(c.read(1).utc_epoch_s == 1125230400LL + 10800);
}

// The convective case (docs/numerics.md, "Convective mixing"): the
// crosswind-integrated ground concentration of an elevated release in a
// convective boundary layer, C^y U z_i / Q against X = x w* / (U z_i).
// With Taylor's hypothesis t = x / U, C^y(x, z) = (Q / U) p(z, t), p the
// vertical distribution of a unit puff released at z_s in one column, so
// the column kernel alone reproduces the curve: C^y U z_i / Q = z_i p(0, t).
// Water-tank (Willis & Deardorff 1978, Atmos. Environ. 12, 1305-1311:
// z_s = 0.24 z_i; 1981, Atmos. Environ. 15, 109-117: z_s = 0.49 z_i) and
// numerical (Lamb 1978, Atmos. Environ. 12, 1297-1304; 1982, in Nieuwstadt
// & van Dop (eds.), "Atmospheric Turbulence and Air Pollution Modelling")
// results: the plume centreline of an elevated source descends, the
// ground concentration peaks well above its well-mixed value 1 within
// X of about 0.5-1 for z_s = 0.24-0.25 z_i (peak about 1.5-2), later and
// lower for z_s = 0.5 z_i (peak about 1.2-1.5 near X = 1-2, Lamb 1982),
// and tends to 1 by X of about 3-4. Local K-theory cannot lower an elevated
// plume's centreline (Lamb 1978): its ground maximum comes later and lower.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "host/met/similarity.hpp"
#include "kernels/acm2.hpp"
#include "kernels/column_physics.hpp"

namespace k = airshed::kernels;
namespace sim = airshed::similarity;

namespace {

// A convective boundary layer of the tank's proportions: z_i = 1000 m,
// w* = 2 m/s, u* = 0.4 m/s, so L = -u*^3 z_i / (kappa w*^3) = -20 m
// (-z_i/L = 50, the strongly convective range of the tank experiments).
constexpr double zi = 1000, wstar = 2, ustar = 0.4;
constexpr double inverse_L = -(sim::kappa * wstar * wstar * wstar) / (ustar * ustar * ustar * zi);

struct Peak {
  double x = 0, c = 0;  // X at the maximum and C^y U z_i / Q there
  double c_at_4 = 0;    // C^y U z_i / Q at X = 4
  // Height / z_i of the profile's maximum (the plume's centreline) at
  // X = 0.1, 0.2, ..., 1.0.
  std::vector<double> centreline;
};

// The ground concentration curve of a unit release at the level holding zs.
Peak ground_curve(double zs, bool convective) {
  const int nz = 60;
  const float dzv = 20.0f;
  std::vector<float> dz(nz, dzv), dzc(nz + 1, dzv), kz(nz + 1, 0.0f), w(nz + 1, 0.0f), vd(1, 0.0f),
      h(1, float(zi));
  dzc[0] = dzc[nz] = 0.5f * dzv;
  for (int f = 1; f < nz; ++f)
    kz[f] = float(sim::vertical_diffusivity(f * dzv, ustar, inverse_L, zi));
  std::vector<float> fconv(1, k::convective_fraction(float(zi), float(inverse_L)));
  std::vector<float> c(nz, 0.0f);
  c[int(zs / dzv)] = 1.0f / dzv;  // unit mass per unit area
  const float dt = 5.0f;
  k::ColumnParams p{dt, 1.0f, vd.data(), false, 0.0f};
  if (convective) {
    p.mixing_height = h.data();
    p.convective_fraction = fconv.data();
  }
  const k::GridView g{1, 1, nz, 1, 1, dz.data(), dzc.data()};
  const k::ColumnPhysics<1> physics{g, c.data(), w.data(), kz.data(), p};
  k::ColumnLosses losses;
  Peak peak;
  const int steps = int(4 * zi / wstar / dt);
  for (int n = 1; n <= steps; ++n) {
    physics(0, &losses);
    const double x = n * dt * wstar / zi, cg = zi * c[0];
    if (cg > peak.c) peak.c = cg, peak.x = x;
    peak.c_at_4 = cg;
    if (n % int(0.1 * zi / wstar / dt) == 0 && peak.centreline.size() < 10) {
      const int kmax = int(std::max_element(c.begin(), c.end()) - c.begin());
      peak.centreline.push_back((kmax + 0.5) * dzv / zi);
    }
  }
  return peak;
}

}  // namespace

TEST_CASE("convective case: ACM2 brings an elevated plume to the ground as the tanks show") {
  const Peak acm2 = ground_curve(0.25 * zi, true), local = ground_curve(0.25 * zi, false);
  MESSAGE("z_s = 0.25 z_i: ACM2 max " << acm2.c << " at X = " << acm2.x
                                      << ", X = 4: " << acm2.c_at_4 << "; local K max " << local.c
                                      << " at X = " << local.x << ", X = 4: " << local.c_at_4);
  for (int i = 0; i < 10; ++i)
    MESSAGE("X = " << 0.1 * (i + 1) << ": centreline ACM2 " << acm2.centreline[i] << " local "
                   << local.centreline[i]);
  const Peak acm2_mid = ground_curve(0.5 * zi, true), local_mid = ground_curve(0.5 * zi, false);
  MESSAGE("z_s = 0.5 z_i: ACM2 max " << acm2_mid.c << " at X = " << acm2_mid.x
                                     << ", X = 4: " << acm2_mid.c_at_4 << "; local K max "
                                     << local_mid.c << " at X = " << local_mid.x
                                     << ", X = 4: " << local_mid.c_at_4);
  // z_s = 0.25 z_i: the maximum within X = 0.4-1.2 and C^y U z_i / Q within
  // a factor 1.5 of 1.7 (the tanks' and Lamb's 1.5-2); the centreline on
  // the ground (the lowest 0.1 z_i) by X = 0.8 (it reaches it near X = 0.5-0.6
  // in the tanks); towards well mixed (within 20 % of 1) by X = 4.
  CHECK(acm2.x >= 0.4);
  CHECK(acm2.x <= 1.2);
  CHECK(acm2.c >= 1.7 / 1.5);
  CHECK(acm2.c <= 1.7 * 1.5);
  CHECK(acm2.centreline[7] < 0.1);
  CHECK(acm2.centreline[0] < 0.25);  // descending from the first tenth of X
  CHECK(std::abs(acm2.c_at_4 - 1) < 0.2);
  // z_s = 0.5 z_i: later and lower, a maximum of 1.0-2.0 within X = 0.8-3.
  CHECK(acm2_mid.x >= 0.8);
  CHECK(acm2_mid.x <= 3.0);
  CHECK(acm2_mid.c >= 1.0);
  CHECK(acm2_mid.c <= 2.0);
  CHECK(acm2_mid.c < acm2.c);
  CHECK(std::abs(acm2_mid.c_at_4 - 1) < 0.2);
}

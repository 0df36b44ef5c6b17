// NO + O3 -> NO2 (k) and NO2 + hv -> NO + O3 (j) over one split step,
// integrated exactly. Both reactions keep NOx = NO + NO2 (a) and
// Ox = O3 + NO2 (b), so NO2 = x alone obeys the Riccati equation
//   dx/dt = k (a - x)(b - x) - j x = k (x - x_eq)(x - x_far),
// whose roots are the photostationary state x_eq <= min(a, b) and
// x_far >= (a + b)/2 (docs/chemistry.md). With y = x - x_eq it is the
// Bernoulli equation dy/dt = -lambda y + k y^2, lambda = k (x_far - x_eq),
// solved by
//   y(t) = y0 E / (1 - k y0 (1 - E) / lambda),  E = exp(-lambda t),
// whose denominator is >= E > 0 because y0 < x_far - x_eq. Night (j = 0)
// is the same formula: x_eq = min(a, b), titration to whichever of NO and O3
// runs out; a = b at night gives lambda = 0 and y = y0 / (1 - k y0 t).
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

// The photostationary NO2 (ppb): the smaller root of
// x^2 - (a + b + j/k) x + a b = 0, written as 2ab / (s + sqrt(D)) so that
// no difference of nearly equal terms arises, D = (a - b)^2 + (j/k)(2(a + b)
// + j/k) >= 0. Also returns sqrt(D) (= x_far - x_eq).
AIRSHED_HD inline double photostationary_no2(double a, double b, double j_over_k,
                                             double& root_gap) {
  const double s = a + b + j_over_k;
  root_gap = ::sqrt((a - b) * (a - b) + j_over_k * (2 * (a + b) + j_over_k));
  const double den = s + root_gap;
  return den > 0 ? 2 * a * b / den : 0.0;
}

// Advances NO, NO2, O3 (ppb) over dt (s); k in ppb-1 s-1, j in 1/s. NOx and
// Ox are conserved to rounding; every amount stays in [0, its total].
AIRSHED_HD inline void photostationary_step(double& no, double& no2, double& o3, double k, double j,
                                            double dt) {
  const double a = no + no2, b = o3 + no2;
  if (!(k > 0)) return;
  double gap;
  const double x_eq = photostationary_no2(a, b, j / k, gap);
  const double lambda = k * gap;
  const double lt = lambda * dt;
  const double one_minus_e = -::expm1(-lt);
  const double phi = lt > 0 ? one_minus_e / lambda : dt;  // (1 - E) / lambda, -> dt
  const double y0 = no2 - x_eq;
  double x = x_eq + y0 * (1 - one_minus_e) / (1 - k * y0 * phi);
  const double top = a < b ? a : b;
  x = x < 0 ? 0.0 : (x > top ? top : x);  // rounding only: the exact x stays inside
  no2 = x;
  no = a - x;
  o3 = b - x;
}

}  // namespace airshed::kernels

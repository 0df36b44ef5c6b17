// Inverse-distance weighting of scattered stations (Shepard 1968, "A
// two-dimensional interpolation function for irregularly-spaced data",
// Proc. 23rd ACM National Conference, 517-524, with the power 2 of
// CALMET's Step 2 objective analysis: Scire et al. 2000, "A User's Guide for the
// CALMET Meteorological Model", Version 5, Earth Tech, section 2.2.2).
#pragma once

#include <cstddef>
#include <vector>

namespace airshed {

// Distances below this count as this (m): it only keeps a point at a
// station finite. It is far below any cell or position accuracy, so that
// point takes the station's own value to rounding (Shepard's interpolant
// is exact at its data points).
constexpr double kIdwMinDistance = 1e-3;  // m

// The normalised weights lambda_i = r_i^-2 / sum_j r_j^-2 of stations at
// (xs[i], ys[i]) for the point (x, y), written to lambda[0 .. n). They sum
// to 1 (to rounding); a single station gets exactly 1.
void idw_weights(const std::vector<double>& xs, const std::vector<double>& ys, double x, double y,
                 double* lambda);

// sum_i lambda[i] * values[i * stride], summed from the first station on
// (a single station's value comes back bit for bit, the sign of a zero
// included).
inline double idw_mean(const double* lambda, const double* values, std::size_t n,
                       std::size_t stride = 1) {
  double s = lambda[0] * values[0];
  for (std::size_t i = 1; i < n; ++i) s += lambda[i] * values[i * stride];
  return s;
}

}  // namespace airshed

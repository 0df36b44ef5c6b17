#include "host/met/idw.hpp"

#include <algorithm>

namespace airshed {

void idw_weights(const std::vector<double>& xs, const std::vector<double>& ys, double x, double y,
                 double* lambda) {
  const std::size_t n = xs.size();
  const double r2_min = kIdwMinDistance * kIdwMinDistance;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x - xs[i], dy = y - ys[i];
    lambda[i] = 1.0 / std::max(dx * dx + dy * dy, r2_min);
    sum += lambda[i];
  }
  for (std::size_t i = 0; i < n; ++i) lambda[i] /= sum;
}

}  // namespace airshed

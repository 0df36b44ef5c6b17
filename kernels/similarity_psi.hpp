// The integrated Monin-Obukhov stability corrections psi_m and psi_h as
// AIRSHED_HD functions, so that both the host profiles (host/met/
// similarity.cpp, which calls these) and any backend (dry_deposition.hpp)
// evaluate the very same arithmetic. zeta = z / L.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

// psi(zeta) = integral of (1 - phi(z')) / z' dz' from 0 to zeta.
// Unstable: Paulson (1970, J. Appl. Meteorol. 9, 857-861), x = (1 - 16 zeta)^(1/4):
//   psi_m = 2 ln((1 + x)/2) + ln((1 + x^2)/2) - 2 atan(x) + pi/2,  psi_h = 2 ln((1 + x^2)/2)
// (Businger et al. 1971 with Dyer 1974 coefficients).
// Stable: -5 zeta for zeta <= 1 (Dyer 1974), and -5 - 5 ln(zeta) beyond,
// where phi is held at the "z-less" constant 6 (Webb 1970, QJRMS 96, 67-90).
// ::pow etc. (not std::) so that nvcc finds the device overloads; on the
// host they are the same C library functions.
AIRSHED_HD inline double psi_m(double zeta) {
  if (zeta < 0) {
    const double x = ::pow(1 - 16 * zeta, 0.25);
    constexpr double pi = 3.141592653589793;  // the double nearest pi, as acos(-1.0)
    return 2 * ::log((1 + x) / 2) + ::log((1 + x * x) / 2) - 2 * ::atan(x) + pi / 2;
  }
  return zeta <= 1 ? -5 * zeta : -5 - 5 * ::log(zeta);
}

AIRSHED_HD inline double psi_h(double zeta) {
  if (zeta < 0) {
    const double x = ::pow(1 - 16 * zeta, 0.25);
    return 2 * ::log((1 + x * x) / 2);
  }
  return zeta <= 1 ? -5 * zeta : -5 - 5 * ::log(zeta);
}

}  // namespace airshed::kernels

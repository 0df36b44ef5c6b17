// ACM2's convective mixing in the column solve (kernels/acm2.hpp,
// kernels/column_physics.hpp): Pleim's convective fraction against the
// formula by hand; the Sherman-Morrison solve against a dense elimination
// of the same backward-Euler system written out from Pleim's equations;
// exact mass conservation and positivity at any time step; lanes agree.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "kernels/acm2.hpp"
#include "kernels/column_physics.hpp"

namespace k = airshed::kernels;

TEST_CASE("convective_fraction: Pleim (2007) eq. 19, kappa = 0.4, a = 7.2; none unless L < 0") {
  for (const double minus_h_over_l : {1.0, 10.0, 100.0, 1000.0}) {
    const double h = 1000, inverse_L = -minus_h_over_l / h;
    const double f =
        1 / (1 + std::pow(0.4, -2.0 / 3) / (0.1 * 7.2) * std::cbrt(1 / minus_h_over_l));
    CHECK(k::convective_fraction(float(h), float(inverse_L)) == doctest::Approx(f).epsilon(1e-5));
  }
  // By hand: -h/L = 100: 0.4^(-2/3) = 1.84202, / 0.72 = 2.55836, x 100^(-1/3) = 0.55118.
  CHECK(k::convective_fraction(1000, -0.1f) == doctest::Approx(1 / 1.55118).epsilon(1e-5));
  CHECK(k::convective_fraction(1000, 0.0f) == 0.0f);
  CHECK(k::convective_fraction(1000, 0.01f) == 0.0f);
}

namespace {

struct Column {
  std::vector<float> dz, dzc, kz, w;
  k::GridView view(int nx) const { return {nx, 1, int(dz.size()), 1, 1, dz.data(), dzc.data()}; }
};

Column stretched_column(int nz) {
  Column c;
  for (int k = 0; k < nz; ++k) c.dz.push_back(10.0f + 4.0f * k);
  c.dzc.resize(nz + 1);
  c.dzc[0] = 0.5f * c.dz[0];
  for (int f = 1; f < nz; ++f) c.dzc[f] = 0.5f * (c.dz[f - 1] + c.dz[f]);
  c.dzc[nz] = 0.5f * c.dz[nz - 1];
  float z = 0;
  c.kz.assign(nz + 1, 0.0f);
  for (int f = 1; f <= nz; ++f) {
    z += c.dz[f - 1];
    c.kz[f] = std::max(0.01f, 0.4f * 0.5f * z * 9.0f * (1 - z / 800) * (1 - z / 800));
  }
  c.w.assign(nz + 1, 0.0f);
  return c;
}

// The backward-Euler system of one column written out from Pleim's
// equations (kernels/acm2.hpp header), dense, and solved by Gaussian
// elimination in double: the independent reference.
std::vector<double> dense_reference(const Column& col, const std::vector<float>& x, float h,
                                    float fconv, float dt, float vd) {
  const int nz = int(col.dz.size());
  std::vector<double> zf(nz + 1, 0.0);
  for (int f = 1; f <= nz; ++f) zf[f] = zf[f - 1] + col.dz[f - 1];
  int n = 0;
  while (n < nz && zf[n] < h) ++n;
  const double top = zf[n];
  const double mu = fconv * col.kz[1] / (col.dzc[1] * (top - zf[1]));
  std::vector<double> a(std::size_t(nz) * nz, 0.0), d(x.begin(), x.end());
  auto at = [&](int r, int c) -> double& { return a[std::size_t(r) * nz + c]; };
  for (int r = 0; r < nz; ++r) {
    const double s = dt / col.dz[r];
    at(r, r) += 1;
    for (const int f : {r, r + 1}) {  // local diffusion through the level's faces
      if (f == 0 || f == nz) continue;
      const double kz = (zf[f] < top ? 1 - fconv : 1.0) * col.kz[f];
      const int other = f == r ? r - 1 : r + 1;
      at(r, r) += s * kz / col.dzc[f];
      at(r, other) -= s * kz / col.dzc[f];
    }
    if (r < n) {  // Mu dz_r C_0 - Mu (h - z_r) C_r + Mu (h - z_{r+1}) C_{r+1}
      at(r, 0) -= s * mu * col.dz[r];
      at(r, r) += s * mu * (top - zf[r]);
      if (r + 1 < n) at(r, r + 1) -= s * mu * (top - zf[r + 1]);
    }
  }
  at(0, 0) += dt * vd / col.dz[0];
  for (int p = 0; p < nz; ++p)  // no pivoting needed: the matrix is an M-matrix
    for (int r = p + 1; r < nz; ++r) {
      const double m = at(r, p) / at(p, p);
      if (m == 0) continue;
      for (int c = p; c < nz; ++c) at(r, c) -= m * at(p, c);
      d[r] -= m * d[p];
    }
  std::vector<double> out(nz);
  for (int r = nz - 1; r >= 0; --r) {
    double s = d[r];
    for (int c = r + 1; c < nz; ++c) s -= at(r, c) * out[c];
    out[r] = s / at(r, r);
  }
  return out;
}

// One step of ColumnPhysics<W> on nx identical columns.
template <int W>
std::vector<float> step(const Column& col, std::vector<float> x, int nx, float h, float fconv,
                        float dt, float vd_value, bool convective) {
  const int nz = int(col.dz.size());
  std::vector<float> c(std::size_t(nx) * nz), kz(std::size_t(nx) * (nz + 1)),
      w(std::size_t(nx) * (nz + 1), 0.0f), vd(std::size_t(nx) * nz, vd_value),
      hs(std::size_t(nx), h), fs(std::size_t(nx), fconv);
  for (int i = 0; i < nx; ++i) {
    for (int k = 0; k < nz; ++k) c[std::size_t(k) * nx + i] = x[k];
    for (int f = 0; f <= nz; ++f) kz[std::size_t(f) * nx + i] = col.kz[f];
  }
  k::ColumnParams p{dt, 1.0f, vd.data(), false, 0.0f};
  if (convective) {
    p.mixing_height = hs.data();
    p.convective_fraction = fs.data();
  }
  const k::ColumnPhysics<W> physics{col.view(nx), c.data(), w.data(), kz.data(), p};
  const std::size_t ncol = std::size_t(nx);
  std::vector<k::ColumnLosses> losses(ncol);
  for (std::size_t b = 0; b < physics.blocks(); ++b) physics(b, losses.data());
  std::vector<float> out(nz);
  for (int k = 0; k < nz; ++k) {
    out[k] = c[std::size_t(k) * nx];
    for (int i = 1; i < nx; ++i) REQUIRE(c[std::size_t(k) * nx + i] == out[k]);  // lanes agree
  }
  return out;
}

double column_mass(const Column& col, const std::vector<float>& x) {
  double m = 0;
  for (std::size_t k = 0; k < x.size(); ++k) m += double(col.dz[k]) * x[k];
  return m;
}

}  // namespace

TEST_CASE("ACM2 column solve: equals a dense elimination of Pleim's system; lanes agree") {
  const Column col = stretched_column(24);
  std::vector<float> x(24);
  for (int k = 0; k < 24; ++k) x[k] = float(1 + 3 * ((k * 7) % 5)) + (k == 9 ? 50.0f : 0.0f);
  for (const float dt : {1.0f, 60.0f, 900.0f})
    for (const float h : {35.0f, 400.0f, 795.0f}) {
      CAPTURE(dt);
      CAPTURE(h);
      const float fconv = 0.6f;
      const std::vector<double> ref = dense_reference(col, x, h, fconv, dt, 0.004f);
      const std::vector<float> one = step<1>(col, x, 1, h, fconv, dt, 0.004f, true);
      const std::vector<float> eight = step<8>(col, x, 11, h, fconv, dt, 0.004f, true);
      for (int k = 0; k < 24; ++k) {
        CHECK(one[k] == doctest::Approx(ref[k]).epsilon(2e-5));
        CHECK(eight[k] == doctest::Approx(one[k]).epsilon(1e-6));
      }
    }
}

TEST_CASE("ACM2 column solve: mass conserved and positive at any step, a no-op when fconv = 0") {
  const Column col = stretched_column(40);
  std::vector<float> x(40, 0.0f);
  x[10] = 1000.0f;  // a puff aloft: the steepest test of positivity
  const double m0 = column_mass(col, x);
  for (const float dt : {0.5f, 30.0f, 600.0f, 36000.0f}) {
    CAPTURE(dt);
    const std::vector<float> y = step<1>(col, x, 1, 700.0f, 0.7f, dt, 0.0f, true);
    CHECK(column_mass(col, y) == doctest::Approx(m0).epsilon(5e-5));
    CHECK(*std::min_element(y.begin(), y.end()) >= 0.0f);
    const std::vector<float> local = step<1>(col, x, 1, 700.0f, 0.0f, dt, 0.0f, false);
    CHECK(column_mass(col, local) == doctest::Approx(m0).epsilon(5e-5));
  }
  // fconv = 0 (stable or neutral air) is exactly local K-theory.
  const std::vector<float> off = step<1>(col, x, 1, 700.0f, 0.0f, 60.0f, 0.0f, true);
  const std::vector<float> local = step<1>(col, x, 1, 700.0f, 0.0f, 60.0f, 0.0f, false);
  for (int k = 0; k < 40; ++k) CHECK(off[k] == local[k]);
}

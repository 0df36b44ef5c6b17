// The named pieces the column kernel is composed of (kernels/vertical_flux.hpp,
// kernels/diffusion_row.hpp, kernels/tridiagonal.hpp), each on one column,
// against exact values: upwind selection and the (1 - C) correction, the
// discrete conservation of the diffusion rows, and the Thomas solve of a
// system with a known solution, per lane and whole.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "kernels/backend.hpp"
#include "kernels/diffusion_row.hpp"
#include "kernels/limiter.hpp"
#include "kernels/tridiagonal.hpp"
#include "kernels/vertical_flux.hpp"

namespace k = airshed::kernels;

TEST_CASE("vertical_face_flux: upwind value, limited correction, Courant 1 is exact transport") {
  // Updraft: the level below is upwind; downdraft: the level above.
  CHECK(k::vertical_face_flux(0.5f, 2.0f, 7.0f, 0.0f, 0.0f, 10.0f, 20.0f, 4.0f) == 1.0f);
  CHECK(k::vertical_face_flux(-0.5f, 2.0f, 7.0f, 0.0f, 0.0f, 10.0f, 20.0f, 4.0f) == -3.5f);
  // The jump adds half of itself times (1 - C), C = |w| dt / dz_upwind.
  // w = 0.5, dt = 4, dz_below = 10: C = 0.2, face value 2 + 0.5 * 0.8 * 1.
  CHECK(k::vertical_face_flux(0.5f, 2.0f, 7.0f, 1.0f, 9.0f, 10.0f, 20.0f, 4.0f) ==
        doctest::Approx(0.5 * 2.4).epsilon(1e-6));
  // Downward: upwind is above, the correction has the opposite sign: 7 - 0.5 * 0.9 * 9.
  CHECK(k::vertical_face_flux(-0.5f, 2.0f, 7.0f, 1.0f, 9.0f, 10.0f, 20.0f, 4.0f) ==
        doctest::Approx(-0.5 * (7.0 - 0.45 * 9.0)).epsilon(1e-6));
  // At Courant 1 the scheme moves the upwind cell's content exactly one cell.
  CHECK(k::vertical_face_flux(2.5f, 3.0f, 1.0f, 5.0f, 0.0f, 10.0f, 10.0f, 4.0f) == 7.5f);
  // Calm air: no flux whatever the field.
  CHECK(k::vertical_face_flux(0.0f, 3.0f, 1.0f, 5.0f, 2.0f, 10.0f, 10.0f, 4.0f) == 0.0f);
}

TEST_CASE("top_face_flux: a closed lid passes nothing, an open one is upwind with the background") {
  CHECK(k::top_face_flux(0.3f, 4.0f, false, 9.0f) == 0.0f);
  CHECK(k::top_face_flux(0.5f, 4.0f, true, 9.0f) == 2.0f);    // outflow carries the top level
  CHECK(k::top_face_flux(-0.5f, 4.0f, true, 9.0f) == -4.5f);  // inflow carries the background
}

// The implicit diffusion rows of a stretched column with a closed top and
// no deposition conserve mass exactly in exact arithmetic:
// sum_k dz_k (A x)_k = sum_k dz_k x_k for every x, i.e. the dz-weighted
// column sums of A are dz_k. Built as ColumnPhysics builds them.
TEST_CASE("diffusion_row: rows of a closed column conserve mass; deposition removes v_d x0 dt") {
  const std::vector<float> dz = {10, 15, 25, 40, 60};
  std::vector<float> dzc(dz.size() + 1);
  dzc[0] = 0.5f * dz[0];
  for (std::size_t f = 1; f < dz.size(); ++f) dzc[f] = 0.5f * (dz[f - 1] + dz[f]);
  dzc[dz.size()] = 0.5f * dz.back();
  const std::vector<float> kz = {0, 2, 5, 8, 3, 0.5f};  // at faces 0..nz
  const float dt = 30, vd = 0.01f;
  const int nz = int(dz.size());
  for (const float ground_vd : {0.0f, vd}) {
    std::vector<double> column_sum(nz, 0.0);  // sum_k dz_k A_{k,m}
    for (int kk = 0; kk < nz; ++kk) {
      const float ground = kk == 0 ? dt * ground_vd / dz[0] : 0.0f;
      const k::DiffusionRow row = k::diffusion_row(dt / dz[kk], kz[kk], kz[kk + 1], dzc[kk],
                                                   dzc[kk + 1], kk > 0, kk < nz - 1, ground);
      if (kk == 0) CHECK(row.a == 0.0f);
      if (kk == nz - 1) CHECK(row.c == 0.0f);
      CHECK(row.b > 1.0f);  // diagonally dominant, so Thomas needs no pivoting
      CHECK(row.b >= -row.a - row.c + 1.0f - 1e-6f);
      if (kk > 0) column_sum[kk - 1] += double(dz[kk]) * row.a;
      column_sum[kk] += double(dz[kk]) * row.b;
      if (kk < nz - 1) column_sum[kk + 1] += double(dz[kk]) * row.c;
    }
    for (int m = 0; m < nz; ++m) {
      // Only the ground level loses: dz_0 * dt v_d / dz_0 = v_d dt per unit of x'_0.
      const double expected = dz[m] + (m == 0 ? double(dt) * ground_vd : 0.0);
      CHECK(column_sum[m] == doctest::Approx(expected).epsilon(1e-6));
    }
  }
  // The open top adds dt g_top / dz_top to b and the background's share to d.
  float b = 1.5f, d = 2.0f;
  k::add_top_exchange(b, d, 0.2f, 10.0f, 5.0f, 50.0f);
  CHECK(b == doctest::Approx(1.52f));
  CHECK(d == doctest::Approx(2.2f));
}

// A diagonally dominant system with a known solution x*: d = A x*.
struct KnownSystem {
  std::vector<float> a, b, c, d, x;
  explicit KnownSystem(int n, float shift) : a(n), b(n), c(n), d(n), x(n) {
    for (int kk = 0; kk < n; ++kk) {
      a[kk] = kk > 0 ? -0.3f - 0.01f * kk : 0.0f;
      c[kk] = kk < n - 1 ? -0.4f + 0.005f * kk : 0.0f;
      b[kk] = 1.2f + shift - a[kk] - c[kk];
      x[kk] = 1.0f + std::sin(0.7f * kk + shift);
    }
    for (int kk = 0; kk < n; ++kk) {
      double s = double(b[kk]) * x[kk];
      if (kk > 0) s += double(a[kk]) * x[kk - 1];
      if (kk < n - 1) s += double(c[kk]) * x[kk + 1];
      d[kk] = float(s);
    }
  }
};

TEST_CASE("solve_tridiagonal: a 40-level system with a known solution, to float rounding") {
  const int n = 40;
  KnownSystem sys(n, 0.0f);
  std::vector<float> x(n), c = sys.c, d = sys.d;
  k::solve_tridiagonal(n, sys.a.data(), sys.b.data(), c.data(), d.data(), x.data());
  for (int kk = 0; kk < n; ++kk) CHECK(x[kk] == doctest::Approx(sys.x[kk]).epsilon(2e-6));
  // x may alias d (the documented in-place use).
  c = sys.c, d = sys.d;
  k::solve_tridiagonal(n, sys.a.data(), sys.b.data(), c.data(), d.data(), d.data());
  for (int kk = 0; kk < n; ++kk) CHECK(d[kk] == x[kk]);
}

TEST_CASE("Thomas over lanes: each lane is bitwise the single-system solve") {
  constexpr int W = 8, n = 25;
  std::vector<KnownSystem> systems;
  for (int l = 0; l < W; ++l) systems.emplace_back(n, 0.1f * l);
  // Lane-fastest storage, as ColumnPhysics keeps its columns.
  std::vector<float> a(n * W), b(n * W), c(n * W), d(n * W), cp(n * W), dp(n * W), x(n * W);
  for (int kk = 0; kk < n; ++kk)
    for (int l = 0; l < W; ++l) {
      a[kk * W + l] = systems[l].a[kk], b[kk * W + l] = systems[l].b[kk];
      c[kk * W + l] = systems[l].c[kk], d[kk * W + l] = systems[l].d[kk];
    }
  k::thomas_first<W>(b.data(), c.data(), d.data(), cp.data(), dp.data());
  for (int kk = 1; kk < n; ++kk)
    k::thomas_forward<W>(a.data() + kk * W, b.data() + kk * W, c.data() + kk * W, d.data() + kk * W,
                         cp.data() + (kk - 1) * W, dp.data() + (kk - 1) * W, cp.data() + kk * W,
                         dp.data() + kk * W);
  for (int kk = n - 1; kk >= 0; --kk)
    k::thomas_back<W>(cp.data() + kk * W, dp.data() + kk * W,
                      x.data() + (kk + 1 < n ? kk + 1 : kk) * W, kk == n - 1, x.data() + kk * W);
  for (int l = 0; l < W; ++l) {
    std::vector<float> cs = systems[l].c, ds = systems[l].d, xs(n);
    k::solve_tridiagonal(n, systems[l].a.data(), systems[l].b.data(), cs.data(), ds.data(),
                         xs.data());
    for (int kk = 0; kk < n; ++kk) {
      CHECK(x[kk * W + l] == xs[kk]);
      CHECK(xs[kk] == doctest::Approx(systems[l].x[kk]).epsilon(2e-6));
    }
  }
}

// Cost of the blow-up guard (docs/robustness.md): time per step() of the
// demo case, which includes the guard, against the guard's reduction alone
// on the same number of values, with the same policy and functor.
//
//   bench_guard NX NY NZ SPECIES REPS      (CPU backend, OMP_NUM_THREADS threads)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "host/solver/cpu_threads.hpp"
#include "host/solver/demo_case.hpp"
#include "host/solver/transport_solver.hpp"
#include "kernels/backend.hpp"
#include "kernels/state_check.hpp"

using namespace airshed;

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  if (argc != 6) {
    std::fprintf(stderr, "usage: bench_guard NX NY NZ SPECIES REPS\n");
    return 2;
  }
  const int nx = std::atoi(argv[1]), ny = std::atoi(argv[2]), nz = std::atoi(argv[3]);
  const int ns = std::atoi(argv[4]), reps = std::atoi(argv[5]);
  DemoCase demo = make_demo_case(nx, ny, nz, 3600);
  demo.config.species.resize(ns, demo.config.species[0]);
  for (int s = 0; s < ns; ++s) demo.config.species[s].name = "s" + std::to_string(s);
  auto solver = make_solver(BackendChoice::cpu, demo.config);
  solver->set_met(demo.met);
  solver->set_emissions(demo.emissions);
  const double dt = solver->stable_dt();
  for (int i = 0; i < 3; ++i) solver->step(dt);  // warm up
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  for (int i = 0; i < reps; ++i) solver->step(dt);
  const double step_s = std::chrono::duration<double>(Clock::now() - t0).count() / reps;

  omp_backend::device_vector<float> c(std::size_t(nx) * ny * nz * ns, 1.0f);
  std::size_t found = 0;
  t0 = Clock::now();
  for (int i = 0; i < 5 * reps; ++i)
    found += thrust::transform_reduce(
                 omp_backend::policy(), thrust::counting_iterator<std::size_t>(0),
                 thrust::counting_iterator<std::size_t>(c.size()),
                 kernels::InvalidIndex{omp_backend::raw(c)}, kernels::no_invalid_cell,
                 kernels::MinIndex{}) != kernels::no_invalid_cell;
  const double guard_s = std::chrono::duration<double>(Clock::now() - t0).count() / (5 * reps);
  std::printf(
      "%dx%dx%d x %d species: step %.3f ms (guard included), guard %.3f ms = %.1f %% (%zu hits)\n",
      nx, ny, nz, ns, step_s * 1e3, guard_s * 1e3, 100 * guard_s / step_s, found);
  return 0;
}

// The up-front memory and output-volume checks (issue 19: a 4096 x 4096 x
// 128 grid died with a bare std::bad_alloc; a year of 1 s outputs started
// without a word about the terabytes it would write).
#include <doctest/doctest.h>
#include <omp.h>
#include <sys/resource.h>

#include <fstream>
#include <string>

#include "host/run/resource_check.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/solver/cpu_threads.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;

namespace {

Scenario small() { return parse_scenario(test::kSmallScenario, "t.toml", "."); }

std::string message_of(void (*f)(const Scenario&, double), const Scenario& s, double x) {
  try {
    f(s, x);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the solver's memory is 28 B per cell for one species and 4 per extra one") {
  Scenario s = small();  // 20 x 20 x 10 cells, one species
  const double cells = 20 * 20 * 10, columns = 20 * 20;
  CHECK(memory_need(s).solver == doctest::Approx(cells * 28 + columns * 24));
  s.species.push_back(s.species[0]);
  s.species.push_back(s.species[0]);
  CHECK(memory_need(s).solver == doctest::Approx(cells * 36 + columns * 24));
  // A snapshot's buffers: met (20 B per cell) + snapshot and VTK (4 + 4 per species).
  s.output.checkpoint_interval_s = 0;
  CHECK(memory_need(s).buffers == doctest::Approx(cells * (20 + 12 + 12)));
  s.output.vtk = false;
  CHECK(memory_need(s).buffers == doctest::Approx(cells * (20 + 12)));
}

TEST_CASE("a grid too big for the memory is refused in one line with both numbers") {
  Scenario s = small();
  s.grid.nx = s.grid.ny = 4096;
  s.grid.nz = 128;
  s.grid.z_faces.resize(129);
  for (std::size_t k = 0; k < s.grid.z_faces.size(); ++k) s.grid.z_faces[k] = 10.0 * double(k);
  for (int n = 1; n < 16; ++n) s.species.push_back(s.species[0]);
  const MemoryNeed need = memory_need(s);
  // 2^31 cells x (24 + 64) B.
  CHECK(need.solver > 176.0 * (1 << 30));
  CHECK(need.solver < 177.0 * (1 << 30));
  const std::string msg = message_of(check_memory, s, 22.1 * (1 << 30));
  CHECK(msg.find("scenario 't' (t.toml): the 4096 x 4096 x 128 grid with 16 species needs ") == 0);
  CHECK(msg.find(format_bytes(need.total()) + " of memory") != std::string::npos);
  CHECK(msg.find("this machine has 22.1 GiB available") != std::string::npos);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(message_of(check_memory, s, need.total() * 1.01).empty());
  CHECK(message_of(check_memory, s, -1).empty());  // unknown: no refusal
}

TEST_CASE("available memory follows the address-space limit (ulimit -v)") {
  const double all = memory_available();
  CHECK(all > 1e6);
  CHECK(all < 1e18);
  rlimit old{};
  REQUIRE(getrlimit(RLIMIT_AS, &old) == 0);
  // VmSize, as memory_available() reads it.
  std::ifstream status("/proc/self/status");
  std::string line;
  double mapped = -1;
  while (std::getline(status, line))
    if (line.rfind("VmSize:", 0) == 0) mapped = std::stod(line.substr(7)) * 1024;
  if (mapped < 0 || old.rlim_max != RLIM_INFINITY) return;  // no /proc, or no way back
  rlimit tight = old;
  tight.rlim_cur = rlim_t(mapped) + (rlim_t(64) << 20);  // 64 MiB more than is mapped
  REQUIRE(setrlimit(RLIMIT_AS, &tight) == 0);
  const double headroom = memory_available();
  REQUIRE(setrlimit(RLIMIT_AS, &old) == 0);
  CHECK(headroom <= 65.0 * (1 << 20));
  CHECK(headroom >= 0);
}

TEST_CASE("the output volume counts every output time of every enabled writer") {
  Scenario s = small();  // 20 x 20 x 10, one species, one receptor
  s.output.checkpoint_interval_s = 0;
  s.output.fields = FieldSelection{};  // everything at every output time
  const double cells = 4000, columns = 400;
  const OutputVolume v = output_volume(s, 3);
  CHECK(v.snapshots == 3);
  CHECK(v.hdf5 == doctest::Approx(3 * ((cells + columns) * 4 + 8)));
  CHECK(v.vtk == doctest::Approx(3 * cells * 4));
  CHECK(v.receptors == doctest::Approx(3 * 80));
  s.output.vtk = false;
  CHECK(output_volume(s, 3).vtk == 0);

  // A year of 1 s output times: 31.6 million of them.
  const long year = 366L * 86400 + 1;
  const OutputVolume big = output_volume(s, year);
  CHECK(big.total() > 5e11);
  try {
    check_disk(s, big, 100.0 * (1 << 30));
    FAIL("a volume past the free space was accepted");
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("scenario 't' (t.toml): the outputs need about " + format_bytes(big.total())) ==
          0);
    CHECK(msg.find("31622401 output times") != std::string::npos);
    CHECK(msg.find("only 100 GiB is free in 'out/t'") != std::string::npos);
    CHECK(msg.find("lengthen output_interval") != std::string::npos);
  }
  CHECK_NOTHROW(check_disk(s, big, big.total() * 1.01));
  const std::string note = describe_output_volume(v, 2.0 * (1 << 30), "out/t");
  CHECK(note.find("note: the outputs will take about " + format_bytes(v.total()) +
                  " (3 output times: HDF5 ") == 0);
  CHECK(note.find("2.00 GiB free in out/t") != std::string::npos);
}

TEST_CASE("the output volume follows the field selection (docs/output-format.md formula)") {
  // The documented reference: a year hourly on 200 x 200 x 30 with 4 species
  // and a scenario file's default selection (ground fields at every output
  // time, no 3-D fields): 4 S C n_g bytes before compression.
  Scenario s = parse_scenario(test::kSmallScenario, "t.toml", ".");
  CHECK(s.output.fields.fields_every == 0);
  CHECK(s.output.fields.ground_every == 1);
  s.output.checkpoint_interval_s = 0;
  s.output.receptors = false;
  s.grid.nx = s.grid.ny = 200;
  s.grid.z_faces = uniform_levels(30, 3000);
  while (s.species.size() < 4) {
    s.species.push_back(s.species[0]);
    s.species.back().spec.name = "S" + std::to_string(s.species.size());
  }
  const long year = 365L * 24 + 1;
  const OutputVolume v = output_volume(s, year);
  CHECK(v.hdf5 == doctest::Approx(4.0 * 4 * 40000 * year + 8.0 * year));
  CHECK(v.vtk == 0);
  // 3-D fields daily on layers 2..3 of one species, ground hourly: their own
  // time axis (366 entries), and VTK files for them.
  s.output.fields.species = {s.species[0].spec.name};
  s.output.fields.fields_every = 24;
  s.output.fields.first_level = 2;
  s.output.fields.levels = 2;
  const OutputVolume f = output_volume(s, year);
  const double n_f = 366;  // ceil(8761 / 24)
  CHECK(f.hdf5 == doctest::Approx(4.0 * 40000 * (year + 2 * n_f) + 8 * (year + n_f)));
  CHECK(f.vtk == doctest::Approx(4.0 * 40000 * 2 * n_f));
}

TEST_CASE("free disk space is read from the nearest existing directory") {
  const double here = free_disk_bytes(".");
  CHECK(here >= 0);
  CHECK(free_disk_bytes("./no/such/dir/yet") == doctest::Approx(here).epsilon(0.01));
}

TEST_CASE("byte counts read with three figures") {
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(1536) == "1.50 KiB");
  CHECK(format_bytes(52.3 * (1 << 30)) == "52.3 GiB");
  CHECK(format_bytes(300.0 * (1 << 20)) == "300 MiB");
}

// issue 19: --threads 100000 crashed in libgomp's team start (SIGSEGV), and
// TransportConfig::threads was never read.
TEST_CASE("the thread count is applied from the config, within 0..1024") {
  const int before = omp_get_max_threads();
  TransportConfig cfg;
  cfg.threads = 3;
  apply_cpu_threads(cfg);
  CHECK(omp_get_max_threads() == 3);
  CHECK(cpu_threads(cfg) == 3);
  cfg.threads = 0;  // leaves the setting alone
  apply_cpu_threads(cfg);
  CHECK(omp_get_max_threads() == 3);
  CHECK(cpu_threads(cfg) == 3);
  for (int bad : {-1, max_cpu_threads + 1, 100000}) {
    cfg.threads = bad;
    CHECK_THROWS_WITH_AS(apply_cpu_threads(cfg), doctest::Contains("outside 0..1024"),
                         std::invalid_argument);
  }
  CHECK(omp_get_max_threads() == 3);  // a refused count changes nothing
  omp_set_num_threads(before);
  CHECK(max_cpu_threads == 1024);
}

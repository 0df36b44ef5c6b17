// Checkpoint/restart: a run stopped part-way and resumed from its checkpoint
// gives outputs identical bit for bit to a run that was never stopped (same
// backend, same threads): every field at every output time, the receptor
// series and summary, the statistics and the mass budgets. Also: a run
// killed after a checkpoint (outputs ahead of it) is cut back and resumed,
// and damaged or foreign checkpoints are refused with a message.
// Over 250 lines: the bitwise comparison helpers serve every case here;
// splitting would copy them or add a header used by this file alone.
#include <doctest/doctest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "host/output/output_writers.hpp"
#include "host/run/checkpoint.hpp"
#include "host/run/resume_check.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/clock.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path;
  explicit Dir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("airshed-ckpt-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  std::string operator/(const std::string& f) const { return (path / f).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Three hours of changing station met (wind veers and strengthens, the
// mixing height grows) so every hourly forcing refresh matters; 10-minute
// outputs, two species, one with deposition and decay; 10 x 10 x 10 cells.
std::string scenario_text() {
  std::string t = test::kSmallScenario;
  t = test::replaced(t, "duration = \"2h\"", "duration = \"3h\"");
  t = test::replaced(t, "cells = [20, 20]", "cells = [10, 10]");  // 200 m: cheap, still a plume
  t = test::replaced(t, "output_interval = \"1h\"", "output_interval = \"10min\"");
  t = test::replaced(t,
                     "[met]\nkind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = "
                     "\"D\"\nmixing_height = 800.0\n",
                     "[met]\nkind = \"station\"\nfile = \"met.csv\"\n");
  t = test::replaced(t, "emissions = { SO2 = 10.0 }", "emissions = { SO2 = 10.0, NH3 = 2.0 }");
  t = test::replaced(t, "[met]",
                     "[[species]]\nname = \"NH3\"\nunits = \"ug/m3\"\n"
                     "deposition_velocity = 0.01\ndecay_rate = 1e-4\n\n[met]");
  return t;
}

const char* const kMet =
    "time,wind_speed,wind_direction,stability,mixing_height,ustar,temperature,precipitation\n"
    "2026-01-15T00:00,2.0,250,E,300,,-3.0,0\n"
    "2026-01-15T01:00,3.5,265,D,500,,-2.0,0\n"
    "2026-01-15T02:00,5.0,280,C,800,,0.5,0\n"
    "2026-01-15T03:00,5.5,290,C,900,,1.0,0\n";

// Writes the scenario into `dir` and loads it, outputs going to dir/out.
Scenario make_scenario(const Dir& dir) {
  std::ofstream(dir / "met.csv") << kMet;
  std::string text = scenario_text();
  std::ofstream(dir / "t.toml") << text;
  Scenario s = load_scenario(dir / "t.toml");
  s.output.directory = dir / "out";  // as `airshed run --output` does
  // Every field at every output time (the library's default; a scenario
  // file's is ground fields only): the resume checks cover the 3-D and
  // VTK files too.
  s.output.fields = FieldSelection{};
  return s;
}

// Stops the run (through RunControl::stop) once a snapshot at or after
// `at_s` has been taken, and can copy the checkpoint file aside the first
// time it sees one, standing in for the file a SIGKILL would have left.
class Stopper final : public RunObserver {
 public:
  Stopper(double at_s, std::atomic<bool>& flag) : at_(at_s), flag_(flag) {}
  std::string keep_first_checkpoint_from, keep_to;
  void begin(const RunInfo&) override {}
  void snapshot(const Snapshot& s) override {
    if (s.time_s >= at_ - 1e-9) flag_ = true;
    if (!keep_first_checkpoint_from.empty() && fs::exists(keep_first_checkpoint_from) &&
        !fs::exists(keep_to))
      fs::copy_file(keep_first_checkpoint_from, keep_to);
  }
  void end(const RunSummary&) override {}

 private:
  double at_;
  std::atomic<bool>& flag_;
};

RunSummary run(const Scenario& s, const RunControl& control, RunObserver* extra = nullptr) {
  auto solver = make_solver(BackendChoice::cpu, transport_config(s));
  auto writers = output::make_output_writers(output::OutputOptions{});
  std::vector<RunObserver*> obs{writers.get()};
  if (extra) obs.push_back(extra);
  std::ostringstream log;
  return run_scenario(s, *solver, obs, log, control);
}

std::vector<float> read_floats(const std::string& file, const std::string& name) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t d = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
  REQUIRE(d >= 0);
  const hid_t space = H5Dget_space(d);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<float> v(std::size_t(std::max<hssize_t>(n, 0)));
  REQUIRE(H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  return v;
}

// Bitwise equality of two float arrays (NaN == NaN when the bits agree).
bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

bool same_bits(const MassBudget& a, const MassBudget& b) {
  return a.initial == b.initial && a.emitted == b.emitted && a.outflow == b.outflow &&
         a.deposited == b.deposited && a.decayed == b.decayed && a.in_domain == b.in_domain;
}

void check_same_outputs(const std::string& a, const std::string& b) {
  for (const char* field : {"SO2", "NH3", "SO2_ground", "NH3_ground", "time",
                            "statistics/SO2_max_instant", "statistics/SO2_period_mean",
                            "statistics/NH3_max_hourly_mean", "statistics/NH3_period_mean"}) {
    CAPTURE(field);
    const auto fa = read_floats(a + "/t.h5", field), fb = read_floats(b + "/t.h5", field);
    CHECK(fa.size() > 0);
    CHECK(same_bits(fa, fb));
  }
  CHECK(read_floats(a + "/t.h5", "time").size() == 19);  // t = 0 and 18 ten-minute outputs
  for (const char* file : {"receptors.csv", "receptor_summary.csv", "t.xmf", "t.pvd",
                           "t_000018.vtr", "t_statistics.vti"}) {
    CAPTURE(file);
    CHECK(fs::exists(a + "/" + file));
    CHECK(slurp(a + "/" + file) == slurp(b + "/" + file));
  }
}

}  // namespace

TEST_CASE("a run stopped at 1.5 h and resumed equals an uninterrupted run, bit for bit") {
  Dir d1("whole"), d2("resumed");
  const Scenario whole = make_scenario(d1), parts = make_scenario(d2);

  RunControl plain;
  const RunSummary ref = run(whole, plain);
  CHECK_FALSE(ref.interrupted);

  // First part: stopped at the 1.5 h output, off the 1 h checkpoint rhythm,
  // so the stop itself must write the checkpoint.
  std::atomic<bool> stop{false};
  Stopper stopper(5400, stop);
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d2 / "t.checkpoint";
  first.checkpoint_every = checkpoint_every(3600, parts.output_interval_s);
  CHECK(first.checkpoint_every == 6);
  const RunSummary part1 = run(parts, first, &stopper);
  REQUIRE(part1.interrupted);
  CHECK(part1.end_time_s == doctest::Approx(5400));
  REQUIRE(fs::exists(first.checkpoint_path));

  const Checkpoint c = read_checkpoint(first.checkpoint_path);
  CHECK(c.output_index == 9);
  CHECK(c.time_s == doctest::Approx(5400));
  CHECK(c.forcing_time_s == doctest::Approx(3600));  // the 01:00 met record still holds

  RunControl second;
  second.checkpoint_path = first.checkpoint_path;
  second.checkpoint_every = first.checkpoint_every;
  second.resume = &c;
  std::atomic<bool> never{false};
  Stopper idle(1e30, never);  // the same observers as the first part
  const RunSummary rest = run(parts, second, &idle);
  CHECK_FALSE(rest.interrupted);
  CHECK(rest.steps == ref.steps);
  REQUIRE(rest.budgets.size() == ref.budgets.size());
  for (std::size_t s = 0; s < ref.budgets.size(); ++s) {
    CAPTURE(s);
    CHECK(same_bits(rest.budgets[s], ref.budgets[s]));
    CHECK(std::abs(rest.budgets[s].relative_residual()) < 1e-5);
  }
  // Complete: the checkpoint is gone, and outputs equal the reference.
  CHECK_FALSE(fs::exists(first.checkpoint_path));
  check_same_outputs(d1 / "out", d2 / "out");
}

TEST_CASE("a run killed after a checkpoint is cut back to it and resumed exactly") {
  Dir d1("whole2"), d2("killed");
  const Scenario whole = make_scenario(d1), parts = make_scenario(d2);
  run(whole, RunControl{});

  // The run goes on to 2 h 20 min after its 1 h checkpoint; what a SIGKILL
  // there would leave is the 1 h checkpoint plus outputs up to 2 h 20 min.
  std::atomic<bool> stop{false};
  Stopper stopper(8400, stop);
  stopper.keep_first_checkpoint_from = d2 / "t.checkpoint";
  stopper.keep_to = d2 / "t.checkpoint.1h";
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d2 / "t.checkpoint";
  first.checkpoint_every = 6;
  REQUIRE(run(parts, first, &stopper).interrupted);
  REQUIRE(fs::exists(d2 / "t.checkpoint.1h"));
  const Checkpoint c = read_checkpoint(d2 / "t.checkpoint.1h");
  CHECK(c.output_index == 6);
  CHECK(read_floats(d2 / "out/t.h5", "time").size() == 15);  // ahead of the checkpoint

  RunControl second;
  second.checkpoint_path = first.checkpoint_path;
  second.resume = &c;
  std::atomic<bool> never{false};
  Stopper idle(1e30, never);
  run(parts, second, &idle);
  check_same_outputs(d1 / "out", d2 / "out");
}

TEST_CASE("damaged and foreign checkpoints are refused with a message") {
  Dir d("bad");
  const Scenario s = make_scenario(d);
  std::atomic<bool> stop{false};
  Stopper stopper(1800, stop);
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d / "t.checkpoint";
  REQUIRE(run(s, first, &stopper).interrupted);
  const std::string good = slurp(first.checkpoint_path);

  auto refused = [&](const std::string& bytes, const std::string& why) {
    std::ofstream(d / "bad.checkpoint", std::ios::binary) << bytes;
    try {
      read_checkpoint(d / "bad.checkpoint");
      FAIL("accepted a damaged checkpoint: " << why);
    } catch (const std::runtime_error& e) {
      const std::string msg = e.what();
      CHECK(msg.find(d / "bad.checkpoint") != std::string::npos);
      CHECK(msg.find('\n') == std::string::npos);
    }
  };
  refused(good.substr(0, good.size() / 2), "truncated");
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x10;
  refused(flipped, "one bit flipped");
  refused("not a checkpoint", "wrong magic");
  refused("", "empty");
  CHECK_THROWS_WITH_AS(read_checkpoint(d / "missing.checkpoint"),
                       doctest::Contains("no checkpoint"), std::runtime_error);

  // Resuming with other outputs than the checkpoint was written with (here
  // without the extra observer) would misalign the writers' states.
  const Checkpoint c = read_checkpoint(first.checkpoint_path);
  RunControl again;
  again.checkpoint_path = first.checkpoint_path;
  again.resume = &c;
  CHECK_THROWS_WITH_AS(run(s, again), doctest::Contains("different set of outputs"),
                       std::runtime_error);
  // A checkpoint of this scenario before it was edited.
  std::ofstream(d / "t.toml", std::ios::app) << "\n# edited\n";
  CHECK_THROWS_WITH_AS(run(s, again, &stopper), doctest::Contains("t.toml' has changed"),
                       std::runtime_error);
}

// issue 19: an edited met file was resumed with (only the scenario file was
// fingerprinted), and a missing or damaged NAME.h5 was found only by the
// writer, after run.json had been rewritten.
TEST_CASE(
    "a resume is refused in one line, naming the file, when an input changed or an output is "
    "gone") {
  Dir d("inputs");
  const Scenario s = make_scenario(d);
  std::atomic<bool> stop{false};
  Stopper stopper(1800, stop);
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d / "t.checkpoint";
  REQUIRE(run(s, first, &stopper).interrupted);

  // Every file the run reads is in the identity, and it survives the file.
  const CheckpointIdentity id = checkpoint_identity(s);
  REQUIRE(id.inputs.size() == 1);
  CHECK(id.inputs[0].role == "met station file");
  CHECK(id.inputs[0].path == d / "met.csv");
  CHECK(id.inputs[0].digest == file_digest(d / "met.csv"));
  CHECK(id.inputs[0].digest != 0);
  const Checkpoint ok = checked_resume(first.checkpoint_path, s);
  CHECK(ok.output_index == 3);
  CHECK(ok.identity.inputs.size() == 1);
  CHECK(identity_mismatch(ok.identity, id).empty());

  auto refusal = [&](const std::string& expect) {
    try {
      checked_resume(first.checkpoint_path, s);
      FAIL("resume accepted; expected: " << expect);
    } catch (const std::runtime_error& e) {
      const std::string msg = e.what();
      CHECK_MESSAGE(msg.find(expect) != std::string::npos, msg);
      CHECK(msg.find("run without --resume to start again") != std::string::npos);
      CHECK(msg.find('\n') == std::string::npos);
    }
  };
  // One wind speed changed in the 01:00 record.
  const std::string met = slurp(d / "met.csv");
  std::string edited = met;
  edited.replace(edited.find("2026-01-15T01:00,3.5"), 20, "2026-01-15T01:00,3.6");
  std::ofstream(d / "met.csv", std::ios::binary) << edited;
  refusal("the met station file '" + (d / "met.csv") + "' has changed");
  std::ofstream(d / "met.csv", std::ios::binary) << met;
  CHECK_NOTHROW(checked_resume(first.checkpoint_path, s));

  // A station network: every station's file.
  Scenario network = s;
  network.met.kind = MetKind::stations;
  network.met.stations.resize(2);
  network.met.stations[0].file = d / "met.csv";
  std::ofstream(d / "met2.csv") << met << "# another station\n";
  network.met.stations[1].file = d / "met2.csv";
  const CheckpointIdentity id_net = checkpoint_identity(network);
  REQUIRE(id_net.inputs.size() == 2);
  CHECK(id_net.inputs[1].role == "met station file");
  CHECK(id_net.inputs[1].path == d / "met2.csv");
  CHECK(id_net.inputs[1].digest == file_digest(d / "met2.csv"));
  CHECK(id_net.inputs[1].digest != id_net.inputs[0].digest);

  // WRF files: stamped by size and modification time, not hashed
  // (file_stamp): a rewritten file of the same size but a new time differs.
  Scenario wrf = s;
  wrf.met.kind = MetKind::wrf;
  std::ofstream(d / "wrfout.nc", std::ios::binary) << "not really netCDF";
  wrf.met.wrf_files = {d / "wrfout.nc"};
  const CheckpointIdentity id_wrf = checkpoint_identity(wrf);
  REQUIRE(id_wrf.inputs.size() == 1);  // no station file now
  CHECK(id_wrf.inputs[0].role == "met WRF file");
  CHECK(id_wrf.inputs[0].digest == fnv1a64(file_stamp(d / "wrfout.nc")));
  CHECK(file_stamp(d / "wrfout.nc").rfind("17:", 0) == 0);  // the size leads
  fs::last_write_time(d / "wrfout.nc",
                      fs::last_write_time(d / "wrfout.nc") + std::chrono::hours(1));
  CHECK(identity_mismatch(id_wrf, checkpoint_identity(wrf)).find("has changed") !=
        std::string::npos);
  CHECK(file_stamp(d / "no-such.nc") == "missing");

  // A standards table the statistics read counts as an input too.
  Scenario with_table = s;
  std::ofstream(d / "table.csv") << "species,label\n";
  with_table.output.standard_tables = {d / "table.csv"};
  const CheckpointIdentity id2 = checkpoint_identity(with_table);
  REQUIRE(id2.inputs.size() == 2);
  CHECK(id2.inputs[1].role == "standards table");
  CHECK(identity_mismatch(id, id2) == "the set of input files differs");

  const std::string out = d / "out";
  const std::string h5 = slurp(out + "/t.h5");
  fs::remove(out + "/t.h5");
  refusal("cannot resume: " + out + "/t.h5 is missing");
  std::ofstream(out + "/t.h5", std::ios::binary) << h5.substr(0, h5.size() / 3);
  refusal(out + "/t.h5 is damaged");
  std::ofstream(out + "/t.h5", std::ios::binary) << "not HDF5 at all";
  refusal(out + "/t.h5 is damaged");
  std::ofstream(out + "/t.h5", std::ios::binary) << h5;
  CHECK_NOTHROW(checked_resume(first.checkpoint_path, s));

  // The VTK series and the receptor series the resume appends to.
  fs::rename(out + "/t_000002.vtr", out + "/aside.vtr");
  refusal(out + "/t_000002.vtr is missing");
  fs::rename(out + "/aside.vtr", out + "/t_000002.vtr");
  fs::rename(out + "/receptors.csv", out + "/aside.csv");
  refusal(out + "/receptors.csv is missing");
  fs::rename(out + "/aside.csv", out + "/receptors.csv");
  CHECK_NOTHROW(checked_resume(first.checkpoint_path, s));
}

TEST_CASE("checkpoint intervals are whole numbers of output intervals") {
  CHECK(checkpoint_every(0, 600) == 0);
  CHECK(checkpoint_every(3600, 600) == 6);
  CHECK(checkpoint_every(100, 600) == 1);
  // The scenario key and --checkpoint-every both read the text this way.
  CHECK(parse_checkpoint_interval("off", 600) == 0.0);
  CHECK(parse_checkpoint_interval("6h", 600) == 21600.0);
  CHECK(parse_checkpoint_interval("10min", 600) == 600.0);
  CHECK_FALSE(parse_checkpoint_interval("5min", 600));   // less than one output interval
  CHECK_FALSE(parse_checkpoint_interval("25min", 600));  // not a whole number of them
  CHECK_FALSE(parse_checkpoint_interval("six hours", 600));
}

TEST_CASE("a run on WRF met (projected winds, carried air) resumes bit for bit") {
  // The checkpoint holds the carried air as one more field; the resumed run
  // re-reads the WRF times around its forcing time and projects the same
  // first guess to the same wind.
  Dir d1("wrf-whole"), d2("wrf-resumed");
  Scenario whole = load_scenario("scenarios/katrina_platform.toml");
  Scenario parts = whole;
  whole.output.directory = d1 / "out";
  parts.output.directory = d2 / "out";
  const RunSummary ref = run(whole, RunControl{});
  std::atomic<bool> stop{false};
  Stopper stopper(3 * 3600.0, stop);
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d2 / "k.checkpoint";
  REQUIRE(run(parts, first, &stopper).interrupted);
  const Checkpoint c = read_checkpoint(first.checkpoint_path);
  CHECK(c.solver.fields.size() == parts.species.size() + 1);  // the carried air
  RunControl second;
  second.checkpoint_path = first.checkpoint_path;
  second.resume = &c;
  std::atomic<bool> never{false};
  Stopper idle(1e30, never);
  const RunSummary rest = run(parts, second, &idle);
  CHECK(rest.steps == ref.steps);
  for (std::size_t sp = 0; sp < ref.budgets.size(); ++sp)
    CHECK(same_bits(rest.budgets[sp], ref.budgets[sp]));
  for (const char* field : {"H2S", "SO2", "H2S_ground", "statistics/SO2_period_mean"}) {
    CAPTURE(field);
    const auto a = read_floats(d1 / "out/katrina_platform.h5", field);
    const auto b = read_floats(d2 / "out/katrina_platform.h5", field);
    CHECK(a.size() > 0);
    CHECK(same_bits(a, b));
  }
}

TEST_CASE("a tagged run stopped and resumed equals an uninterrupted one, tags included") {
  // The checkpoint holds every tag field and budget (the solver's state)
  // and contributions.h5 is cut back and carried on like NAME.h5.
  Dir d1("tags-whole"), d2("tags-resumed");
  auto tagged = [](const Dir& dir) {
    std::ofstream(dir / "met.csv") << kMet;
    std::ofstream(dir / "t.toml") << scenario_text() +
                                         "\n[tagging]\n[[tag]]\nname = \"stack\"\nsources = "
                                         "[\"stack\"]\n";
    Scenario s = load_scenario(dir / "t.toml");
    s.output.directory = dir / "out";
    return s;
  };
  const Scenario whole = tagged(d1), parts = tagged(d2);
  const RunSummary ref = run(whole, RunControl{});
  std::atomic<bool> stop{false};
  Stopper stopper(5400, stop);
  RunControl first;
  first.stop = &stop;
  first.checkpoint_path = d2 / "t.checkpoint";
  first.checkpoint_every = checkpoint_every(3600, parts.output_interval_s);
  REQUIRE(run(parts, first, &stopper).interrupted);
  const Checkpoint c = read_checkpoint(first.checkpoint_path);
  // The identity names every tag field: a checkpoint of other tags is refused.
  CHECK(std::find(c.identity.species.begin(), c.identity.species.end(), "SO2[stack]") !=
        c.identity.species.end());
  RunControl second;
  second.checkpoint_path = first.checkpoint_path;
  second.checkpoint_every = first.checkpoint_every;
  second.resume = &c;
  std::atomic<bool> never{false};
  Stopper idle(1e30, never);
  const RunSummary rest = run(parts, second, &idle);
  CHECK_FALSE(rest.interrupted);
  REQUIRE(rest.tag_budgets.size() == ref.tag_budgets.size());
  for (std::size_t s = 0; s < ref.tag_budgets.size(); ++s)
    for (std::size_t k = 0; k < ref.tag_budgets[s].size(); ++k)
      CHECK(same_bits(rest.tag_budgets[s][k], ref.tag_budgets[s][k]));
  check_same_outputs(d1 / "out", d2 / "out");
  for (const char* field : {"ground/SO2", "ground/NH3"}) {
    CAPTURE(field);
    const auto a = read_floats(d1 / "out/contributions.h5", field);
    CHECK(a.size() == 19 * 3 * 100);  // t = 0 and 18 outputs, 3 tags, 10 x 10
    CHECK(same_bits(a, read_floats(d2 / "out/contributions.h5", field)));
  }
  CHECK(slurp(d1 / "out/contributions.csv") == slurp(d2 / "out/contributions.csv"));
}

// Scenario batches (docs/batch.md): emission scaling, resume, a failing
// member, summary numbers. A tiny base scenario written here keeps it fast.
// Over 250 lines: every case shares the base scenario and the helpers that
// run the airshed executable and read its summary.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "host/batch/batch_member.hpp"
#include "host/batch/batch_spec.hpp"
#include "host/batch/batch_summary.hpp"
#include "host/input/input_error.hpp"

using namespace airshed;
using namespace airshed::batch;
namespace fs = std::filesystem;

namespace {

const char* const kBase = R"([scenario]
name = "tiny"
start = "2026-01-15T00:00:00+08:00"
duration = "2h"
output_interval = "30min"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [10, 10]

[domain.levels]
count = 6
first_layer = 20.0
stretch = 1.3

[[species]]
name = "A"
units = "ug/m3"

[[species]]
name = "B"
units = "ug/m3"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 600.0

[[source]]
name = "mill"
group = "steel"
kind = "point"
position = { x = 300.0, y = 1000.0 }
height = 30.0
plume_rise = false
emissions = { A = 10.0 }

[[source]]
name = "oven"
group = "coke"
kind = "point"
position = { x = 500.0, y = 900.0 }
height = 20.0
plume_rise = false
emissions = { B = 4.0 }

[[receptor]]
name = "r1"
position = { x = 1500.0, y = 1000.0 }

[[receptor]]
name = "r2"
position = { x = 1200.0, y = 800.0 }

[output]
directory = "out/tiny"
hdf5 = false
vtk = false
)";

// A fresh directory with base.toml and batch.toml (`variants` appended).
struct Case {
  fs::path dir;
  explicit Case(const std::string& tag, const std::string& variants) {
    dir = fs::temp_directory_path() / ("airshed_batch_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "base.toml") << kBase;
    std::ofstream(dir / "batch.toml") << "base = \"base.toml\"\nname = \"t\"\n" << variants;
  }
  ~Case() { fs::remove_all(dir); }
  std::string batch() const { return (dir / "batch.toml").string(); }
  std::string out() const { return (dir / "out").string(); }
};

int run_cli(const std::string& args) {
  const std::string cmd = std::string(AIRSHED_EXE) + " --backend cpu " + args + " > /dev/null 2>&1";
  const int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "emitted" of each species from run.json's mass_budget.
std::map<std::string, double> emitted(const fs::path& run_json) {
  std::map<std::string, double> out;
  std::istringstream in(slurp(run_json));
  std::string line;
  while (std::getline(in, line)) {
    const auto sp = line.find("{\"species\": \"");
    const auto em = line.find("\"emitted\": ");
    if (sp == std::string::npos || em == std::string::npos) continue;
    const auto name0 = sp + 13;
    out[line.substr(name0, line.find('"', name0) - name0)] = std::atof(line.c_str() + em + 11);
  }
  return out;
}

}  // namespace

TEST_CASE("batch file: members, factors, errors at FILE:LINE") {
  Case c("parse", R"(
[[variant]]
name = "steel-half"
scale_group = { steel = 0.5 }

[[variant]]
name = "mix"
scale_species = { B = 2.0 }
scale_source = { mill = 0.0 }
[[variant.region]]
polygon = [[400.0, 800.0], [600.0, 800.0], [600.0, 1000.0], [400.0, 1000.0]]
factor = 0.25

[[episode]]
name = "short"
duration = "1h"
)");
  const BatchSpec b = parse_batch(c.batch());
  REQUIRE(b.members.size() == 6);
  CHECK(b.members[0].name == "baseline");
  CHECK(b.members[3].name == "baseline@short");
  CHECK(b.members[5].name == "mix@short");
  CHECK(b.members[5].duration == "1h");

  const Scenario s = member_scenario(b, b.members[2]);
  CHECK(s.sources[0].rates[0] == 0.0);               // mill A scaled by 0
  CHECK(s.sources[1].rates[1] == 4.0 * 2.0 * 0.25);  // oven B: species x region
  CHECK(member_scenario(b, b.members[3]).duration_s == 3600.0);

  auto fails_with = [&](const std::string& text, const std::string& what) {
    std::ofstream(c.batch()) << "base = \"base.toml\"\n" << text;
    try {
      parse_batch(c.batch());
      FAIL("no error for: " << text);
    } catch (const ScenarioError& e) {
      const std::string msg = e.what();
      CHECK(msg.find('\n') == std::string::npos);
      CHECK_MESSAGE(msg.find(what) != std::string::npos, msg);
    }
  };
  fails_with("colour = 1\n", "batch.toml:2: key 'colour': unknown key");
  fails_with("[[variant]]\nname = \"x\"\nscale_group = { iron = 0.5 }\n",
             "batch.toml:4: key 'variant[0].scale_group.iron': unknown source group");
  fails_with("[[variant]]\nname = \"x\"\nscael_group = { steel = 0.5 }\n",
             "batch.toml:4: key 'variant[0].scael_group': unknown key");
  fails_with("[[variant]]\nname = \"baseline\"\n", "'baseline' is always included");
}

TEST_CASE("scaling a group by f scales its emitted mass by f, others unchanged") {
  Case c("scale",
         "[[variant]]\nname = \"steel-half\"\nscale_group = { steel = 0.5 }\n"
         "[[variant]]\nname = \"short\"\nduration = \"1h\"\n");
  const BatchSpec b = parse_batch(c.batch());
  std::ostringstream log, err;
  MemberRun run{BackendChoice::cpu, 1};
  REQUIRE(run_member(b, b.members[0], c.out(), run, log, err) == 0);
  REQUIRE(run_member(b, b.members[1], c.out(), run, log, err) == 0);
  CHECK(!fs::exists(partial_dir(c.out(), b.members[1])));
  const auto base = emitted(fs::path(c.out()) / "baseline" / "run.json");
  const auto half = emitted(fs::path(c.out()) / "steel-half" / "run.json");
  REQUIRE(base.size() == 2);
  REQUIRE(base.at("A") > 0);
  CHECK(half.at("A") == 0.5 * base.at("A"));  // 0.5 is exact in binary
  CHECK(half.at("B") == base.at("B"));
  // A time-span override runs too, and is recorded next to the outputs.
  REQUIRE(run_member(b, b.members[2], c.out(), run, log, err) == 0);
  CHECK(slurp(fs::path(c.out()) / "short" / "run.json").find("\"duration_s\": 3600") !=
        std::string::npos);
  CHECK(slurp(fs::path(c.out()) / "short" / "member.toml").find("duration = \"1h\"") !=
        std::string::npos);
}

TEST_CASE("an interrupted member resumes from its checkpoint and equals an uninterrupted one") {
  Case c("member-resume", "[[variant]]\nname = \"steel-half\"\nscale_group = { steel = 0.5 }\n");
  const BatchSpec b = parse_batch(c.batch());
  const MemberSpec& m = b.members[1];
  MemberRun run{BackendChoice::cpu, 1};
  std::ostringstream log, err;
  const std::string whole = c.out() + "-whole";
  REQUIRE(run_member(b, m, whole, run, log, err) == 0);

  // Stop requested from the start: the member stops before its first pair
  // of steps (a stop is honoured between pairs, not only at output times)
  // and leaves a checkpoint at t = 0 in its .partial directory.
  std::atomic<bool> stop{true};
  REQUIRE(run_member(b, m, c.out(), run, log, err, &stop) == 130);
  CHECK(fs::exists(fs::path(partial_dir(c.out(), m)) / "tiny.checkpoint"));
  CHECK_FALSE(member_complete(c.out(), m));

  std::ostringstream log2;
  REQUIRE(run_member(b, m, c.out(), run, log2, err) == 0);
  CHECK(log2.str().find("resumed at t = 0 s") != std::string::npos);
  CHECK(member_complete(c.out(), m));
  for (const char* f : {"receptors.csv", "receptor_summary.csv"})
    CHECK(slurp(fs::path(c.out()) / m.name / f) == slurp(fs::path(whole) / m.name / f));
  CHECK(emitted(fs::path(c.out()) / m.name / "run.json") ==
        emitted(fs::path(whole) / m.name / "run.json"));
  fs::remove_all(whole);
}

TEST_CASE("airshed batch: resume, a failing member, summary from member outputs") {
  Case c("cli", R"(
[[variant]]
name = "coke-off"
scale_group = { coke = 0.0 }

[[variant]]
name = "bad-met"
met = "no-such-met.csv"

[[variant]]
name = "steel-x2"
scale_group = { steel = 2.0 }
)");
  // First run: bad-met fails alone, exit status = 1 failed member.
  CHECK(run_cli("batch " + c.batch() + " --output " + c.out() + " --jobs 2 --threads 1") == 1);
  const fs::path out(c.out());
  for (const char* m : {"baseline", "coke-off", "steel-x2"})
    CHECK_MESSAGE(fs::exists(out / m / "run.json"), m);
  CHECK(!fs::exists(out / "bad-met"));
  const std::string bad_log = slurp(out / ".bad-met.log");
  CHECK_MESSAGE(bad_log.find("no-such-met.csv") != std::string::npos, bad_log);
  CHECK(bad_log.find("\n") == bad_log.size() - 1);  // one line

  // Resume: finished members are not recomputed.
  struct stat before {};
  REQUIRE(::stat((out / "coke-off" / "run.json").c_str(), &before) == 0);
  const std::string first_summary = slurp(out / "summary.csv");
  CHECK(run_cli("batch " + c.batch() + " --output " + c.out() + " --jobs 2 --threads 1") == 1);
  struct stat after {};
  REQUIRE(::stat((out / "coke-off" / "run.json").c_str(), &after) == 0);
  CHECK(before.st_mtim.tv_sec == after.st_mtim.tv_sec);
  CHECK(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
  CHECK(slurp(out / "summary.csv") == first_summary);

  // Resumed results equal an uninterrupted batch: remove one member and
  // rerun it; its receptor outputs are identical.
  const std::string receptors = slurp(out / "steel-x2" / "receptors.csv");
  fs::remove_all(out / "steel-x2");
  CHECK(run_cli("batch " + c.batch() + " --output " + c.out() + " --threads 1 --quiet") == 1);
  CHECK(slurp(out / "steel-x2" / "receptors.csv") == receptors);
  // ... and so does member K run alone with --index.
  const fs::path alone = c.dir / "alone";
  CHECK(run_cli("batch " + c.batch() + " --output " + alone.string() + " --index 3 --threads 1") ==
        0);
  CHECK(slurp(alone / "steel-x2" / "receptors.csv") == receptors);

  // Summary: numbers equal those recomputed from receptor_summary.csv.
  const BatchSpec b = parse_batch(c.batch());
  const auto rows = batch_summary(b, c.out());
  CHECK(rows.size() == 3 * 2 * 2);  // 3 finished members x 2 receptors x 2 species
  auto stat_of = [&](const std::string& member, const std::string& rec, const std::string& sp,
                     const std::string& stat) {
    std::istringstream in(slurp(out / member / "receptor_summary.csv"));
    std::string line;
    while (std::getline(in, line))
      if (line.rfind(rec + "," + sp + "," + stat + ",", 0) == 0) {
        const auto p = rec.size() + sp.size() + stat.size() + 3;
        return std::atof(line.c_str() + p);
      }
    return -1.0;
  };
  for (const SummaryRow& r : rows) {
    const double pm = stat_of(r.member, r.receptor, r.species, "period_mean");
    const double mh = stat_of(r.member, r.receptor, r.species, "max_hourly_mean");
    const double bpm = stat_of("baseline", r.receptor, r.species, "period_mean");
    const double bmh = stat_of("baseline", r.receptor, r.species, "max_hourly_mean");
    REQUIRE(r.period_mean);
    CHECK(*r.period_mean == pm);
    CHECK(*r.max_hourly == mh);
    REQUIRE(bpm > 0);
    CHECK(*r.period_mean_change_pct == doctest::Approx(100 * (pm - bpm) / bpm).epsilon(1e-12));
    CHECK(*r.max_hourly_change_pct == doctest::Approx(100 * (mh - bmh) / bmh).epsilon(1e-12));
    if (r.member == "coke-off" && r.species == "B") CHECK(*r.period_mean_change_pct < -99.0);
    if (r.member == "coke-off" && r.species == "A") CHECK(*r.period_mean_change_pct == 0.0);
  }
  const std::string csv = slurp(out / "summary.csv");
  CHECK(csv.rfind("member,receptor,species,units,period_mean,max_hourly_mean,", 0) == 0);
  CHECK(csv.find("\ncoke-off,r1,B,ug/m3,") != std::string::npos);

  // Slurm scripts: one array task per member, a dependent summary job.
  CHECK(run_cli("batch " + c.batch() + " --output " + c.out() +
                " --slurm --partition debug --time 00:10:00 --gpus-per-task 1 --threads 2") == 0);
  const std::string array = slurp(out / "slurm" / "members.sbatch");
  CHECK(array.find("#SBATCH --array=0-3") != std::string::npos);
  CHECK(array.find("#SBATCH --partition=debug") != std::string::npos);
  CHECK(array.find("#SBATCH --gpus-per-task=1") != std::string::npos);
  CHECK(array.find("#SBATCH --cpus-per-task=2") != std::string::npos);
  CHECK(array.find("--index \"$SLURM_ARRAY_TASK_ID\"") != std::string::npos);
  CHECK(slurp(out / "slurm" / "submit.sh").find("--dependency=afterany:") != std::string::npos);
  CHECK(slurp(out / "slurm" / "summary.sbatch").find(" --summary ") != std::string::npos);
}

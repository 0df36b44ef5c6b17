// A batch member is run by run_case() (host/run/run_case.hpp), as `airshed
// run` is: its outputs equal those of one run_case() call on the member's
// scenario, and its log carries the same backend and threads lines.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "host/batch/batch_member.hpp"
#include "host/batch/batch_spec.hpp"
#include "host/run/run_case.hpp"
#include "tests/run/run_output_files.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;
using namespace airshed::batch;
namespace fs = std::filesystem;
using test::run_json_case;
using test::slurp;

namespace {}  // namespace

TEST_CASE("a batch member writes what one run_case() call on its scenario writes") {
  const fs::path dir =
      fs::temp_directory_path() / ("airshed_batch_case_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string base = test::kSmallScenario;
  base = test::replaced(base, "[output]\n", "[output]\nhdf5 = false\n");  // bytes, no HDF5 times
  std::ofstream(dir / "base.toml") << base;
  std::ofstream(dir / "batch.toml")
      << "base = \"base.toml\"\nname = \"b\"\n[[variant]]\nname = \"half\"\n"
         "scale_species = { SO2 = 0.5 }\n";
  const BatchSpec b = parse_batch((dir / "batch.toml").string());
  REQUIRE(b.members.size() == 2);
  const MemberSpec& m = b.members[1];

  std::ostringstream member_log, err;
  REQUIRE(run_member(b, m, (dir / "batch").string(), MemberRun{BackendChoice::cpu, 1}, member_log,
                     err) == 0);

  Scenario s = member_scenario(b, m);
  s.output.directory = (dir / "case").string();
  CaseOptions options;
  options.backend = BackendChoice::cpu;
  options.threads = 1;
  std::ostringstream case_log;
  run_case(s, options, case_log);

  // The member's log: its backend line (prefixed with its name), then the
  // same threads line as the plain run.
  std::istringstream ml(member_log.str()), cl(case_log.str());
  std::string m1, m2, c1, c2;
  std::getline(ml, m1);
  std::getline(ml, m2);
  std::getline(cl, c1);
  std::getline(cl, c2);
  CHECK(m1 == "member half: " + c1);
  CHECK(m2 == c2);

  const fs::path member = dir / "batch" / "half", plain = dir / "case";
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(plain)) names.insert(e.path().filename().string());
  CHECK(names.count("receptors.csv") == 1);
  for (const std::string& f : names) {
    CAPTURE(f);
    REQUIRE(fs::exists(member / f));
    if (f == "run.json")
      CHECK(run_json_case(member / f) == run_json_case(plain / f));
    else if (f != ".airshed.lock")
      CHECK(slurp(member / f) == slurp(plain / f));
  }
  CHECK(fs::exists(member / "member.toml"));  // the member's own record besides
  fs::remove_all(dir);
}

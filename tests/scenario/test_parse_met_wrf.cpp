// [met] kind = "wrf" to its spec (host/scenario/parse_met_wrf.cpp): the
// files resolved against the scenario's folder in the order written, each
// with its own line for the provider's errors; the optional keys' defaults
// and ranges; a bad key is one line at its own line.
#include <doctest/doctest.h>

#include <string>

#include "host/scenario/parse_parts.hpp"

using namespace airshed;

namespace {

// The [met] table of `text` parsed as the wrf kind, from "case.toml" in `dir`.
Scenario parse_wrf(const std::string& text, const std::string& dir = "/data/case") {
  const toml::table root = parse_toml(text, "case.toml");
  const TomlTable t = TomlTable(root, "", "case.toml").table("met");
  Scenario s;
  detail::parse_met_wrf(t, dir, s);
  return s;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_wrf(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("kind = wrf: files in order, relative to the scenario's folder, each with its line") {
  const Scenario s = parse_wrf(
      "[met]\nkind = \"wrf\"\nfiles = [\n  \"wrfout_d01_00\",\n  \"/abs/wrfout_d01_01\",\n]\n");
  CHECK(s.met.kind == MetKind::wrf);
  REQUIRE(s.met.wrf_files.size() == 2);
  CHECK(s.met.wrf_files[0] == "/data/case/wrfout_d01_00");
  CHECK(s.met.wrf_files[1] == "/abs/wrfout_d01_01");
  REQUIRE(s.met.wrf_file_sites.size() == 2);
  CHECK(s.met.wrf_file_sites[0].file == "case.toml");
  CHECK(s.met.wrf_file_sites[0].line == 4);
  CHECK(s.met.wrf_file_sites[1].line == 5);
  CHECK(s.met.wrf_file_sites[1].key == "met.files");
  CHECK(s.met.wrf_update_interval_s == 3600);
  CHECK(s.met.adjustment_vertical_weight == 1);
}

TEST_CASE("kind = wrf: update_interval and adjustment_vertical_weight") {
  const Scenario s = parse_wrf(
      "[met]\nkind = \"wrf\"\nfiles = [\"a\"]\nupdate_interval = 900\n"
      "adjustment_vertical_weight = 0.01\n");
  CHECK(s.met.wrf_update_interval_s == 900);
  CHECK(s.met.adjustment_vertical_weight == doctest::Approx(0.01));
}

TEST_CASE("kind = wrf: bad keys are one line at their own line") {
  CHECK(error_of("[met]\nkind = \"wrf\"\n").find("case.toml:1: key 'met.files'") == 0);
  CHECK(error_of("[met]\nkind = \"wrf\"\nfiles = []\n")
            .find("case.toml:3: key 'met.files': is empty") == 0);
  CHECK(error_of("[met]\nkind = \"wrf\"\nfiles = [\"a\",\n 7]\n")
            .find("case.toml:4: key 'met.files[1]'") == 0);
  CHECK(error_of("[met]\nkind = \"wrf\"\nfiles = [\"a\"]\nupdate_interval = 10\n")
            .find("case.toml:4: key 'met.update_interval'") == 0);
  CHECK(error_of("[met]\nkind = \"wrf\"\nfiles = [\"a\"]\nspeed = 3\n")
            .find("case.toml:4: key 'met.speed'") == 0);
  CHECK(error_of("[met]\nkind = \"wrf\"\nfiles = [\"a\"]\nupdate_interval = 10\n").find('\n') ==
        std::string::npos);
}

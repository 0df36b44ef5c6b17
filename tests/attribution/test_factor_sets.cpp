// Factor sets, emergency lists and contributions files that are wrong: one
// line naming the file and line (or the argument) and what is allowed.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "host/attribution/factor_sets.hpp"
#include "host/input/input_error.hpp"
#include "tests/attribution/synthetic_contributions.hpp"

using namespace airshed;
using namespace airshed::attribution;

namespace {

const std::vector<TagInfo> kTags = {{"steel", "tag", "groups=steel"},
                                    {"truck", "tag", "sources=port-truck-road"},
                                    {"binhai", "tag", "region=[[117.7, 39.0], [117.8, 39.0]]"},
                                    {"other", "other", ""},
                                    {"background", "background", ""}};

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("tags are found by name or by the group, source or region they select") {
  std::string why;
  CHECK(find_tag(kTags, "steel", why) == 0u);
  CHECK(find_tag(kTags, "group:steel", why) == 0u);
  CHECK(find_tag(kTags, "source:port-truck-road", why) == 1u);  // by the source it selects
  CHECK(find_tag(kTags, "source:truck", why) == 1u);            // by its own name
  CHECK(find_tag(kTags, "region:binhai", why) == 2u);
  CHECK_FALSE(find_tag(kTags, "coke", why));
  CHECK(why.find("unknown tag 'coke'; allowed: steel, truck, binhai, other, background") == 0);
  CHECK_FALSE(find_tag(kTags, "source:steel", why));
  CHECK(why == "tag 'steel' selects 'groups=steel', not by source");
  CHECK_FALSE(find_tag(kTags, "county:x", why));
  CHECK(why.find("unknown prefix 'county:'") == 0);
  CHECK_FALSE(find_tag(kTags, "group:coke", why));
  CHECK(why == "no tag selects group 'coke'; allowed: group:steel");
}

TEST_CASE("--cut arguments: factor 1 - cut, every mistake named") {
  const FactorSet s = factors_from_arguments(kTags, {"steel=0.3", "region:binhai=-1"}, "x");
  CHECK(s.factor == std::vector<double>{0.7, 1.0, 2.0, 1.0, 1.0});
  CHECK(error_of([] {
          factors_from_arguments(kTags, {"coke=0.3"}, "x");
        }).find("--cut 'coke=0.3': unknown tag 'coke'") == 0);
  for (const char* bad : {"steel=1.5", "steel=abc", "steel=nan", "steel=", "steel=0.3x"})
    CHECK(error_of([&] {
            factors_from_arguments(kTags, {bad}, "x");
          }).find("--cut '" + std::string(bad) + "': fraction") == 0);
  CHECK(error_of([] { factors_from_arguments(kTags, {"steel"}, "x"); }) ==
        "--cut 'steel': expected TAG=FRACTION, e.g. steel=0.3");
  CHECK(error_of([] {
          factors_from_arguments(kTags, {"steel=0.1", "group:steel=0.2"}, "x");
        }) == "--cut 'group:steel=0.2': tag 'steel' is cut twice");
}

TEST_CASE("a factor-set CSV: one scenario per row, errors at FILE:LINE") {
  const auto sets = parse_factor_sets(
      kTags, "# comment\nscenario,steel,source:port-truck-road\n\nsteel-30,0.3,\nboth,0.3,1\n",
      "cuts.csv");
  REQUIRE(sets.size() == 2);
  CHECK(sets[0].name == "steel-30");
  CHECK(sets[0].factor == std::vector<double>{0.7, 1.0, 1.0, 1.0, 1.0});
  CHECK(sets[1].factor[1] == 0.0);

  auto err = [](const std::string& text) {
    return error_of([&] { parse_factor_sets(kTags, text, "cuts.csv"); });
  };
  CHECK(err("scenario,steel\na,0.3\nb,1.2\n") ==
        "cuts.csv:3: column 'steel': '1.2' is not a valid cut; allowed: a cut fraction in "
        "[-999999, 1]: 0.3 keeps 70 % of the tag's emissions, 1 removes them, a negative cut "
        "increases them");
  CHECK(err("scenario,steel,coke\n").find("cuts.csv:1: column 'coke': unknown tag 'coke'") == 0);
  CHECK(err("scenario,steel\na,0.3,0.1\n") ==
        "cuts.csv:2: row: has 3 cells; allowed: 2 as the header");
  CHECK(err("scenario,steel\na,0.3\na,0.1\n") ==
        "cuts.csv:3: column 'scenario': duplicate name 'a'; allowed: unique names");
  CHECK(err("scenario,steel\nbaseline,0.3\n").find("cuts.csv:2: column 'scenario': 'baseline'") ==
        0);
  CHECK(err("name,steel\na,0.3\n").find("cuts.csv:1: column 'name': the first column") == 0);
  CHECK(err("scenario,steel,group:steel\n").find("tag 'steel' has two columns") !=
        std::string::npos);
  CHECK(err("scenario,steel\n\"a,b\",0.3\n").find("cuts.csv:2: line: holds a quote") == 0);
  CHECK(err("") ==
        "cuts.csv:1: header: the file has no header; allowed: scenario,TAG,TAG,... "
        "then one row per scenario");
  CHECK(err("scenario,steel\n").find("no scenario rows follow") != std::string::npos);
}

TEST_CASE("an emergency list: enterprises are tags, cuts in [0, 1] per level") {
  const EmergencyList l = parse_emergency_list(
      kTags, "enterprise,yellow,orange,red\nsteel,0.1,0.2,0.3\ntruck,,,1\n", "list.csv");
  CHECK(emergency_factors(l, kTags.size(), Level::red).factor ==
        std::vector<double>{0.7, 0.0, 1.0, 1.0, 1.0});
  CHECK(emergency_factors(l, kTags.size(), Level::yellow).factor[1] == 1.0);
  auto err = [](const std::string& text) {
    return error_of([&] { parse_emergency_list(kTags, text, "list.csv"); });
  };
  CHECK(err("enterprise,yellow,orange\n").find("list.csv:1: header: is not") == 0);
  CHECK(err("enterprise,yellow,orange,red\nsteel,0.1,-0.2,0.3\n") ==
        "list.csv:2: column 'orange': '-0.2' is not a valid cut; allowed: a fraction in [0, 1] "
        "(0.3: 30 % less); empty = 0");
  CHECK(err("enterprise,yellow,orange,red\nbackground,0.1,0.2,0.3\n")
            .find("list.csv:2: column 'enterprise': 'background'") == 0);
  CHECK(err("enterprise,yellow,orange,red\nsteel,0,0,0\ngroup:steel,0,0,0\n")
            .find("list.csv:3: column 'enterprise': tag 'steel' is listed twice") == 0);
}

TEST_CASE("a contributions file that is missing or wrong is named with what is wrong") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("airshed-cuts-badfile-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  CHECK(error_of([&] {
          read_contributions(dir.string());
        }).find((dir / "contributions.h5").string() + ": does not exist") == 0);
  test::SyntheticContributions c;
  c.tags = {"a", "other", "background"};
  c.kinds = {"tag", "other", "background"};
  c.selectors = {"groups=a", "", ""};
  c.receptors = {"r"};
  c.time = {0, 1800};
  c.species.push_back({"SO2", "ug/m3", std::vector<double>(2 * 3 * 1, 1.0), {}, {}});
  test::write_contributions(dir.string(), c);
  CHECK(read_contributions(dir.string()).species.at(0).info.units == "ug/m3");
  c.species[0].nr_written = 1;
  c.receptors = {"r", "s"};  // the names say two receptors, the series one
  test::write_contributions(dir.string(), c);
  CHECK(
      error_of([&] { read_contributions(dir.string()); }) ==
      (dir / "contributions.h5").string() +
          ": dataset '/receptors/SO2': has shape [2, 3, 1], expected [nt][ntags][nr] = [2, 3, 2]");
  c.receptors = {"r"};
  c.status = "failed";
  test::write_contributions(dir.string(), c);
  CHECK(error_of([&] {
          read_contributions(dir.string());
        }).find("run.json: the tagged run's status is 'failed'") != std::string::npos);
  std::filesystem::remove_all(dir);
}

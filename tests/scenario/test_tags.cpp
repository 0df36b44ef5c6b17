// [tagging] and [[tag]] (docs/tagging.md): what a valid block gives, and
// one one-line FILE:LINE: key error per class of bad input.
#include <doctest/doctest.h>

#include <string>

#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;

namespace {

std::string with(const std::string& tags) { return std::string(kSmallScenario) + "\n" + tags; }

void check(const std::string& msg, long line, const std::string& key, const std::string& what) {
  INFO("message: " << msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line) + ": key '" + key + "': ", 0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
  CHECK(msg.find(what) != std::string::npos);
}

}  // namespace

TEST_CASE("no [tagging] and no [[tag]]: no tagging") {
  CHECK_FALSE(parse_scenario(kSmallScenario, "t.toml", ".").tagging.enabled);
}

TEST_CASE("a valid tagging block: species, tags in order, the implicit tags last") {
  const Scenario s = parse_scenario(with(R"([tagging]
species = ["SO2"]
[[tag]]
name = "stack-1"
sources = ["stack"]
[[tag]]
name = "west_half"
region_xy = [[0, 0], [1000, 0], [1000, 2000], [0, 2000]]
[[tag]]
name = "lonlat"
region = [[117.70, 39.00], [117.71, 39.00], [117.71, 39.01]]
)"),
                                    "t.toml", ".");
  REQUIRE(s.tagging.enabled);
  REQUIRE(s.tagging.species.size() == 1);
  CHECK(s.tagging.names() ==
        std::vector<std::string>{"stack-1", "west_half", "lonlat", "other", "background"});
  CHECK(s.tagging.tags[0].selectors == "sources=stack");
  CHECK(s.tagging.tags[1].region.size() == 4);
  // The lon/lat polygon in local metres: the origin maps to (0, 0).
  CHECK(s.tagging.tags[2].region[0].x == doctest::Approx(0).epsilon(1e-9));
  CHECK(s.tagging.tags[2].region[1].x > 800);  // 0.01 deg of longitude at 39 N: ~865 m
}

TEST_CASE("[tagging] alone tags every species with only the implicit tags") {
  const Scenario s = parse_scenario(with("[tagging]\n"), "t.toml", ".");
  CHECK(s.tagging.enabled);
  CHECK(s.tagging.species == std::vector<int>{0});
  CHECK(s.tagging.names() == std::vector<std::string>{"other", "background"});
}

TEST_CASE("bad tagging input: one line naming the file, line and key") {
  struct Case {
    std::string text, at, key, what;
  };
  const Case cases[] = {
      {"[tagging]\nspecies = [\"PM10\"]\n", "species = [\"PM10\"]", "tagging.species",
       "unknown species 'PM10'"},
      {"[tagging]\nspecies = [\"SO2\", \"SO2\"]\n", "species = [\"SO2\", \"SO2\"]",
       "tagging.species", "listed twice"},
      {"[tagging]\ncolour = 1\n", "colour", "tagging.colour", "unknown key"},
      {"[[tag]]\nname = \"x\"\ngroups = [\"steel\"]\n", "groups = [\"steel\"]", "tag[0].groups",
       "unknown source group 'steel'"},
      {"[[tag]]\nname = \"x\"\nsources = [\"chimney\"]\n", "sources = [\"chimney\"]",
       "tag[0].sources", "unknown source 'chimney'"},
      {"[[tag]]\nname = \"x\"\nspecies = [\"NO2\"]\n", "species = [\"NO2\"]", "tag[0].species",
       "unknown species 'NO2'"},
      {"[[tag]]\nname = \"other\"\nsources = [\"stack\"]\n", "name = \"other\"", "tag[0].name",
       "reserved"},
      {"[[tag]]\nname = \"background\"\nsources = [\"stack\"]\n", "name = \"background\"",
       "tag[0].name", "reserved"},
      {"[[tag]]\nname = \"a\"\nsources = [\"stack\"]\n[[tag]]\nname = \"a\"\ngroups = "
       "[\"default\"]\n",
       "name = \"a\"\ngroups", "tag[1].name", "defined twice"},
      {"[[tag]]\nname = \"a:b\"\nsources = [\"stack\"]\n", "name = \"a:b\"", "tag[0].name",
       "outside [A-Za-z0-9_-]"},
      {"[[tag]]\nname = \"a\"\n", "name = \"a\"", "tag[0].name", "no selector"},
      {"[[tag]]\nname = \"a\"\nregion_xy = [[0, 0], [10, 0]]\n", "region_xy", "tag[0].region_xy",
       "has 2 vertices"},
      {"[[tag]]\nname = \"a\"\nregion_xy = [[0, 0], [10, 0], [20, 0]]\n", "region_xy",
       "tag[0].region_xy", "zero area"},
      {"[[tag]]\nname = \"a\"\nregion_xy = [[0, 0], [20, 10], [20, 0], [0, 30]]\n", "region_xy",
       "tag[0].region_xy", "meet"},
      {"[[tag]]\nname = \"a\"\nregion = [[0, 0], [10, 0], [10, 100]]\n", "region = [[0",
       "tag[0].region[2]", "out of range"},
      {"[[tag]]\nname = \"a\"\nregion_xy = [[0, 0], [10, 0], [10, \"x\"]]\n", "region_xy",
       "tag[0].region_xy[2]", "not a pair of numbers"},
      {"[[tag]]\nname = \"a\"\nregion = [[117.7, 39.0], [117.8, 39.0], [117.8, 39.1]]\nregion_xy "
       "= [[0, 0], [10, 0], [10, 10]]\n",
       "region_xy", "tag[0].region_xy", "together with region"},
  };
  for (const Case& c : cases) {
    const std::string s = with(c.text);
    check(error_of(s), line_containing(s, c.at), c.key, c.what);
  }
}

TEST_CASE("scenarios/emission_cuts_tagged.toml: default.toml with the batch's groups and source") {
  // The tags `airshed cuts` recombines into scenarios/emission_cuts.toml's
  // variants (steel -30 %, coke -50 %, no diesel trucks).
  const Scenario t = load_scenario("scenarios/emission_cuts_tagged.toml");
  const Scenario d = load_scenario("scenarios/default.toml");
  CHECK(t.tagging.names() ==
        std::vector<std::string>{"steel", "coke", "port-truck-road", "other", "background"});
  CHECK(t.tagging.species.size() == t.species.size());
  CHECK(t.tagging.tags[0].groups == std::vector<std::string>{"steel"});
  CHECK(t.tagging.tags[1].groups == std::vector<std::string>{"coke"});
  CHECK(t.tagging.tags[2].sources == std::vector<std::string>{"port-truck-road"});
  REQUIRE(t.sources.size() == d.sources.size());
  for (std::size_t i = 0; i < d.sources.size(); ++i) {
    CHECK(t.sources[i].name == d.sources[i].name);
    CHECK(t.sources[i].rates == d.sources[i].rates);
  }
  CHECK(t.duration_s == d.duration_s);
  CHECK(t.grid.cells() == d.grid.cells());
}

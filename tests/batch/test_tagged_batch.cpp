// The plan of `airshed batch --via-tags` (host/batch/tagged_batch.hpp): which
// tags a batch of emission scalings needs and each member's factors on
// them, against the factors the member's own run would apply.
#include <doctest/doctest.h>

#include "host/batch/tagged_batch.hpp"
#include "host/scenario/load_scenario.hpp"

using namespace airshed;
using namespace airshed::batch;

TEST_CASE("--via-tags: a tag per scaled source first, then per scaled group; factors multiply") {
  // default.toml: steel = sinter-stack + blast-furnace-stack, coke =
  // coke-oven-stack, traffic = port-truck-road, agriculture = fertiliser-yard.
  const BatchSpec b = parse_batch_text(R"(base = "default.toml"
[[variant]]
name = "steel-30"
scale_group = { steel = 0.7 }
[[variant]]
name = "sinter-off"
scale_group = { steel = 0.5 }
scale_source = { "sinter-stack" = 0.0 }
[[variant]]
name = "trucks"
scale_source = { "port-truck-road" = 0.25 }
scale_group = { traffic = 2.0 }
)",
                                       "t.toml", "scenarios");
  CHECK(why_not_via_tags(b).empty());
  const TaggedBatch plan = plan_via_tags(b);
  REQUIRE(plan.run.tags.size() == 4);
  CHECK(plan.run.tags[0].name == "sinter-stack");  // sources first: they take precedence
  CHECK(plan.run.tags[0].sources == std::vector<std::string>{"sinter-stack"});
  CHECK(plan.run.tags[1].name == "port-truck-road");
  CHECK(plan.run.tags[2].name == "steel");
  CHECK(plan.run.tags[2].groups == std::vector<std::string>{"steel"});
  CHECK(plan.run.tags[3].name == "traffic");
  REQUIRE(plan.members.size() == 3);
  // Tags: sinter-stack, port-truck-road, steel, traffic, other, background.
  CHECK(plan.members[0].factor == std::vector<double>{0.7, 1, 0.7, 1, 1, 1});
  CHECK(plan.members[1].factor == std::vector<double>{0.0, 1, 0.5, 1, 1, 1});
  CHECK(plan.members[2].factor == std::vector<double>{1, 0.5, 1, 2.0, 1, 1});
  // Each factor is what the member's own run applies to that source.
  const Scenario base = load_scenario("scenarios/default.toml");
  for (std::size_t m = 1; m < b.members.size(); ++m)
    for (const Source& src : base.sources) {
      std::size_t tag = 4;  // other
      for (std::size_t k = 0; k < 4; ++k) {
        const TagSpec& t = plan.run.tags[k];
        if ((!t.sources.empty() && t.sources[0] == src.name) ||
            (!t.groups.empty() && t.groups[0] == src.group)) {
          tag = k;
          break;
        }
      }
      CHECK(plan.members[m - 1].factor[tag] == emission_factor(b.members[m], src, "SO2"));
    }
  // The tagged run's scenario carries these tags on every species.
  const Scenario s = member_scenario(b, plan.run);
  CHECK(s.tagging.enabled);
  CHECK(s.tagging.species.size() == s.species.size());
  CHECK(s.tagging.tags.size() == 4);
}

TEST_CASE("--via-tags refuses what one tagged run cannot answer, naming the member and key") {
  auto why = [](const std::string& variant) {
    return why_not_via_tags(parse_batch_text(
        "base = \"default.toml\"\n[[variant]]\nname = \"v\"\n" + variant, "t.toml", "scenarios"));
  };
  CHECK(why("scale_species = { SO2 = 0.5 }") == "member 'v' sets scale_species");
  CHECK(why("[[variant.region]]\npolygon = [[0, 0], [1000, 0], [0, 1000]]\nfactor = 0.5") ==
        "member 'v' sets [[variant.region]]");
  CHECK(why("duration = \"3h\"") == "member 'v' sets start or duration");
}

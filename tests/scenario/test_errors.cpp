// One test per class of bad input: the message is one line that names the
// file, the line and the key, and says what is allowed.
#include <doctest/doctest.h>

#include <string>

#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

// Asserts the message starts with "t.toml:LINE: key 'KEY': ", is one line
// and lists what is allowed.
void check(const std::string& msg, long line, const std::string& key) {
  INFO("message: " << msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line) + ": key '" + key + "': ", 0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
}

}  // namespace

TEST_CASE("the small scenario is valid") { CHECK(error_of(kSmallScenario).empty()); }

TEST_CASE("unknown keys are rejected with the allowed list") {
  const std::string s = replaced(kSmallScenario, "speed = 3.0", "speed = 3.0\nspeeed = 4.0");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "speeed"), "met.speeed");
  CHECK(msg.find("unknown key") != std::string::npos);
  CHECK(msg.find("mixing_height") != std::string::npos);

  const std::string top = std::string(kSmallScenario) + "\n[aerosol]\nenabled = true\n";
  check(error_of(top), line_containing(top, "[aerosol]"), "aerosol");
}

TEST_CASE("missing required keys name the table's line") {
  const std::string s = replaced(kSmallScenario, "mixing_height = 800.0\n", "");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "[met]"), "met.mixing_height");
  CHECK(msg.find("missing required key") != std::string::npos);
}

TEST_CASE("wrong types are rejected") {
  const std::string s = replaced(kSmallScenario, "speed = 3.0", "speed = \"fast\"");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "speed ="), "met.speed");
  CHECK(msg.find("expected a number, got a string") != std::string::npos);
}

TEST_CASE("negative emission rates are rejected") {
  const std::string s = replaced(kSmallScenario, "SO2 = 10.0", "SO2 = -1.0");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "SO2 = -1.0"), "source[0].emissions.SO2");
  CHECK(msg.find("negative") != std::string::npos);
}

TEST_CASE("out-of-range met values are rejected") {
  const std::string s = replaced(kSmallScenario, "speed = 3.0", "speed = 80.0");
  check(error_of(s), line_containing(s, "speed = 80"), "met.speed");
  const std::string h = replaced(kSmallScenario, "mixing_height = 800.0", "mixing_height = 0.0");
  check(error_of(h), line_containing(h, "mixing_height"), "met.mixing_height");
  const std::string c = replaced(kSmallScenario, "stability = \"D\"", "stability = \"G\"");
  check(error_of(c), line_containing(c, "stability"), "met.stability");
}

TEST_CASE("a stack above the model top is rejected") {
  const std::string s = replaced(kSmallScenario, "height = 50.0", "height = 300.0");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "height = 300"), "source[0].height");
  CHECK(msg.find("model top") != std::string::npos);
}

TEST_CASE("sources and receptors outside the domain are rejected") {
  const std::string s = replaced(kSmallScenario, "x = 500.0", "x = 2500.0");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "x = 2500"), "source[0].position");
  CHECK(msg.find("outside the domain") != std::string::npos);

  const std::string r =
      replaced(kSmallScenario, "{ x = 1500.0, y = 1000.0 }", "{ lon = 117.5, lat = 39.01 }");
  check(error_of(r), line_containing(r, "lon = 117.5"), "receptor[0].position");
}

TEST_CASE("unknown units and unknown species are rejected") {
  const std::string s = replaced(kSmallScenario, "units = \"ug/m3\"", "units = \"ug/L\"");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "ug/L"), "species[0].units");
  CHECK(msg.find("ug/m3, mg/m3, ppb, OU/m3") != std::string::npos);

  const std::string sp = replaced(kSmallScenario, "SO2 = 10.0", "NOx = 10.0");
  check(error_of(sp), line_containing(sp, "NOx"), "source[0].emissions.NOx");

  const std::string ppb = replaced(kSmallScenario, "units = \"ug/m3\"", "units = \"ppb\"");
  check(error_of(ppb), line_containing(ppb, "[[species]]"), "species[0].molar_mass");
}

TEST_CASE("bad times and durations are rejected") {
  const std::string s = replaced(kSmallScenario, "+08:00\"", "\"");
  check(error_of(s), line_containing(s, "start ="), "scenario.start");
  const std::string d = replaced(kSmallScenario, "duration = \"2h\"", "duration = \"2 hours\"");
  check(error_of(d), line_containing(d, "duration"), "scenario.duration");
  const std::string o =
      replaced(kSmallScenario, "output_interval = \"1h\"", "output_interval = \"7min\"");
  check(error_of(o), line_containing(o, "output_interval"), "scenario.output_interval");
}

TEST_CASE("TOML syntax errors carry the line") {
  const std::string s = replaced(kSmallScenario, "speed = 3.0", "speed = = 3.0");
  const std::string msg = error_of(s);
  INFO(msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(s, "speed = =")) + ": syntax", 0) ==
        0);
}

TEST_CASE("degenerate geometry is rejected") {
  const std::string s = std::string(kSmallScenario) +
                        "\n[[source]]\nname = \"road\"\nkind = \"line\"\n"
                        "vertices = [[100.0, 100.0], [100.0, 100.0]]\nemissions = { SO2 = 0.01 }\n";
  check(error_of(s), line_containing(s, "vertices = [[100.0"), "source[1].vertices");
}

TEST_CASE("output paths cannot leave the working directory") {
  // docs/robustness.md, "Output paths": absolute paths and '..' components
  // are rejected; the command line's --output may still point anywhere.
  for (const char* bad : {"/tmp/x", "/", "..", "../x", "out/../../x", "out/..", "a\\\\..\\\\b"}) {
    const std::string s = replaced(kSmallScenario, "directory = \"out/t\"",
                                   std::string("directory = \"") + bad + "\"");
    const std::string msg = error_of(s);
    INFO(bad << " -> " << msg);
    check(msg, line_containing(s, "directory ="), "output.directory");
    CHECK(msg.find("relative path without '..'") != std::string::npos);
  }
  for (const char* good : {"out/t", "./out", "out/a..b", "..out", "out/.hidden"}) {
    const std::string s = replaced(kSmallScenario, "directory = \"out/t\"",
                                   std::string("directory = \"") + good + "\"");
    INFO(good);
    CHECK(error_of(s).empty());
  }
}

TEST_CASE("the scenario name, the output file stem, cannot be a path") {
  for (const char* bad : {"../evil", "a/b", "/abs", "x\\\\y", ".", ".."}) {
    const std::string s =
        replaced(kSmallScenario, "name = \"t\"", std::string("name = \"") + bad + "\"");
    const std::string msg = error_of(s);
    INFO(bad << " -> " << msg);
    check(msg, line_containing(s, "name = \""), "scenario.name");
  }
  const std::string ok = replaced(kSmallScenario, "name = \"t\"", "name = \"Tianjin case 2.1\"");
  CHECK(error_of(ok).empty());
}

TEST_CASE("uniform met: NaN, Inf, wind above 75 m/s and mixing height <= 0 are rejected") {
  for (const char* v : {"nan", "inf", "-inf", "75.5"}) {
    const std::string s = replaced(kSmallScenario, "speed = 3.0", std::string("speed = ") + v);
    INFO(v);
    check(error_of(s), line_containing(s, "speed = "), "met.speed");
  }
  CHECK(error_of(replaced(kSmallScenario, "speed = 3.0", "speed = 75.0")).empty());
  for (const char* v : {"-5.0", "nan", "inf"}) {
    const std::string s =
        replaced(kSmallScenario, "mixing_height = 800.0", std::string("mixing_height = ") + v);
    INFO(v);
    check(error_of(s), line_containing(s, "mixing_height"), "met.mixing_height");
  }
}

TEST_CASE("dry deposition: a constant velocity or a surface resistance, not both; r_c > 0") {
  const std::string both = replaced(kSmallScenario, "units = \"ug/m3\"\n",
                                    "units = \"ug/m3\"\ndeposition_velocity = 0.005\n"
                                    "surface_resistance = 100\n");
  check(error_of(both), line_containing(both, "surface_resistance"),
        "species[0].surface_resistance");
  const std::string zero = replaced(kSmallScenario, "units = \"ug/m3\"\n",
                                    "units = \"ug/m3\"\nsurface_resistance = 0\n");
  check(error_of(zero), line_containing(zero, "surface_resistance"),
        "species[0].surface_resistance");
  const std::string lone =
      replaced(kSmallScenario, "units = \"ug/m3\"\n", "units = \"ug/m3\"\nschmidt_number = 1.2\n");
  check(error_of(lone), line_containing(lone, "schmidt_number"), "species[0].schmidt_number");
  const std::string ok = replaced(kSmallScenario, "units = \"ug/m3\"\n",
                                  "units = \"ug/m3\"\nsurface_resistance = 100\n"
                                  "schmidt_number = 1.2\n");
  CHECK(error_of(ok).empty());
}

TEST_CASE("the [output] field selection is parsed, and bad values are one line naming the key") {
  auto with = [](const std::string& keys) {
    return replaced(kSmallScenario, "directory = \"out/t\"", "directory = \"out/t\"\n" + keys);
  };
  // Defaults of a scenario file: ground fields at every output time, no 3-D fields.
  const Scenario d = parse_scenario(kSmallScenario, "t.toml", ".");
  CHECK(d.output.fields.fields_every == 0);
  CHECK(d.output.fields.ground_every == 1);
  CHECK(d.output.fields.species.empty());
  const std::string ok = with("species = [\"SO2\"]\nfields_interval = \"2h\"\nlevels = [1, 2, 3]");
  CHECK(error_of(ok).empty());
  const Scenario o = parse_scenario(ok, "t.toml", ".");
  CHECK(o.output.fields.fields_every == 2);
  CHECK(o.output.fields.first_level == 1);
  CHECK(o.output.fields.levels == 3);
  CHECK(o.output.fields.species == std::vector<std::string>{"SO2"});
  // The CF view's ground series: auto by default, on/off when asked.
  CHECK(d.output.fields.cf_series == -1);
  CHECK(parse_scenario(with("cf_series = \"on\""), "t.toml", ".").output.fields.cf_series == 1);
  CHECK(parse_scenario(with("cf_series = \"off\""), "t.toml", ".").output.fields.cf_series == 0);
  struct Bad {
    const char* keys;
    const char* key;
    const char* says;
  };
  for (const Bad& b : {Bad{"species = [\"CO\"]", "output.species", "unknown species 'CO'"},
                       Bad{"fields_interval = \"7min\"", "output.fields_interval",
                           "not a whole number of output intervals"},
                       Bad{"ground_interval = 3", "output.ground_interval", "expected a string"},
                       Bad{"levels = [0, 2]", "output.levels", "consecutive"},
                       Bad{"cf_series = \"yes\"", "output.cf_series", "unknown value 'yes'"},
                       Bad{"levels = [10]", "output.levels", "layer indices 0 to 9"},
                       Bad{"levels = [0]\nlevels_below = 50.0", "output.levels_below",
                           "given together with levels"}}) {
    const std::string s = with(b.keys);
    const std::string msg = error_of(s);
    const std::string first = std::string(b.keys).substr(0, std::string(b.keys).find('\n'));
    const std::string last = std::string(b.keys).substr(std::string(b.keys).rfind('\n') + 1);
    check(msg, line_containing(s, std::string(b.key) == "output.levels_below" ? last : first),
          b.key);
    CHECK_MESSAGE(msg.find(b.says) != std::string::npos, msg);
  }
}

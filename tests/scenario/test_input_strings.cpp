// Hostile input at the places it enters (GitHub issue 19): strings from the
// scenario (control characters, length), the TOML text itself (size,
// nesting), the files it names (directories, devices, FIFOs, huge files),
// byte-order marks, and species names whose output datasets collide. Each
// must be refused with the one-line "FILE:LINE: key 'a.b': ..." error, and
// no message may carry a raw control character.
// Over 250 lines: one case per attack of the issue-19 table
// (docs/robustness.md), kept together so the table and its tests read side by side.
#include <doctest/doctest.h>
#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "host/core/dataset_names.hpp"
#include "host/core/field_names.hpp"
#include "host/input/input_limits.hpp"
#include "host/met/station_csv.hpp"
#include "host/output/hdf5_handle.hpp"
#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

// A message is one printable line: no byte below 0x20, no DEL.
bool printable(const std::string& m) {
  for (unsigned char c : m)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

// Asserts "t.toml:LINE: key 'KEY': ...WHAT...; allowed: ...", printable.
void check(const std::string& msg, long line, const std::string& key, const std::string& what) {
  INFO("message: " << msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line) + ": key '" + key + "': ", 0) == 0);
  CHECK(msg.find(what) != std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
  CHECK(printable(msg));
}

// The message of load_scenario(path), "" if it loads.
std::string load_error(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string csv_error(const std::string& path) {
  try {
    read_station_csv(path, 480);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// The small scenario with [met] reading a station file named `file` (TOML
// basic-string contents, escapes allowed).
std::string with_station_file(const std::string& file) {
  return replaced(kSmallScenario,
                  "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\n"
                  "mixing_height = 800.0\n",
                  "kind = \"station\"\nfile = \"" + file + "\"\n");
}

const std::string kCsvHeader = "time,wind_speed,wind_direction,stability,mixing_height\n";
const std::string kCsvRows = "2026-01-15T00:00,2,315,D,500\n2026-01-15T01:00,2,315,D,500\n";

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("airshed-input-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

}  // namespace

TEST_CASE("a NUL in the met file name is refused at met.file, the message not cut") {
  // The fuzz finding (tests/fuzz/regressions/scenario/station-file-name-with-nul.toml):
  // the station path was cut at the NUL and the message, a C string, with it.
  const std::string s = with_station_file("met/tianjin_2026-01-\\u000015.csv");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "file ="), "met.file", "control character 0x00 at byte 20");
  CHECK(msg.find("'met/tianjin_2026-01-\\x0015.csv'") != std::string::npos);
  CHECK(msg.find("a path of at most 4095 bytes") != std::string::npos);
}

TEST_CASE("a line break in the met file name is refused at the scenario line") {
  const std::string s = with_station_file("met/tianjin\\n.csv");
  const std::string msg = error_of(s);
  check(msg, line_containing(s, "file ="), "met.file", "control character 0x0A");
  CHECK(msg.find("'met/tianjin\\n.csv'") != std::string::npos);  // shown escaped
}

TEST_CASE("every string the parser reads is checked for control characters") {
  struct Case {
    std::string from;    // text in kSmallScenario
    std::string to;      // with \u0001 (a TOML escape) in the value
    std::string key;     // reported key
    std::string needle;  // on the reported line
  };
  const Case cases[] = {
      {"name = \"t\"", "name = \"t\\u0001\"", "scenario.name", "name = \"t"},
      {"name = \"t\"", "name = \"t\"\ndescription = \"d\\u0001\"", "scenario.description",
       "description"},
      {"start = \"2026", "start = \"\\u00012026", "scenario.start", "start ="},
      {"duration = \"2h\"", "duration = \"2h\\u0001\"", "scenario.duration", "duration ="},
      {"name = \"SO2\"", "name = \"SO\\u00012\"", "species[0].name", "name = \"SO"},
      {"units = \"ug/m3\"", "units = \"ug/m3\\u0001\"", "species[0].units", "units ="},
      {"units = \"ug/m3\"", "units = \"ug/m3\"\nstandard_name = \"s\\u0001\"",
       "species[0].standard_name", "standard_name"},
      {"[met]", "[[species]]\nname = \"NO2\"\nunits = \"ug/m3\"\nlong_name = \"x\\u0001\"\n\n[met]",
       "species[1].long_name", "long_name"},
      {"kind = \"uniform\"", "kind = \"uniform\\u0001\"", "met.kind", "kind = \"uniform"},
      {"stability = \"D\"", "stability = \"D\\u0001\"", "met.stability", "stability ="},
      {"name = \"stack\"", "name = \"st\\u0001ack\"", "source[0].name", "name = \"st"},
      {"name = \"stack\"", "name = \"stack\"\ngroup = \"g\\u0001\"", "source[0].group", "group ="},
      {"kind = \"point\"", "kind = \"point\\u0001\"", "source[0].kind", "kind = \"point"},
      {"name = \"r1\"", "name = \"r\\u00011\"", "receptor[0].name", "name = \"r"},
      {"directory = \"out/t\"", "directory = \"out/\\u0001t\"", "output.directory", "directory ="},
      {"directory = \"out/t\"", "directory = \"out/t\"\nstandards = [\"a\\u0001\"]",
       "output.standards[0]", "standards ="},
      {"directory = \"out/t\"", "directory = \"out/t\"\ncheckpoint_interval = \"1h\\u0001\"",
       "output.checkpoint_interval", "checkpoint_interval ="},
      {"[[source]]", "[[profile]]\nname = \"p\"\ngroups = [\"ok\", \"g\\u0001\"]\n\n[[source]]",
       "profile[0].groups[1]", "groups ="},
      {"[[source]]", "[[profile]]\nname = \"p\\u0001\"\n\n[[source]]", "profile[0].name",
       "name = \"p"},
      {"emissions = { SO2 = 10.0 }", "emissions = { SO2 = 10.0 }\nprofile = \"p\\u0001\"",
       "source[0].profile", "profile ="},
  };
  for (const Case& c : cases) {
    const std::string s = replaced(kSmallScenario, c.from, c.to);
    REQUIRE(s != kSmallScenario);
    INFO("key " << c.key);
    check(error_of(s), line_containing(s, c.needle), c.key, "control character 0x01");
  }
  // Threshold species and label, in [[output.threshold]].
  const std::string th = std::string(kSmallScenario) +
                         "\n[[output.threshold]]\nspecies = \"SO2\"\nlabel = \"l\\u001b[31m\"\n"
                         "value = 1.0\n";
  check(error_of(th), line_containing(th, "label ="), "output.threshold[0].label",
        "control character 0x1B");
}

TEST_CASE("DEL, C1 controls and tabs: tab only in free text") {
  const std::string del = replaced(kSmallScenario, "name = \"r1\"", "name = \"r\\u007f1\"");
  check(error_of(del), line_containing(del, "name = \"r"), "receptor[0].name", "0x7F");
  const std::string nel = replaced(kSmallScenario, "name = \"r1\"", "name = \"r\\u00851\"");
  const std::string msg = error_of(nel);
  check(msg, line_containing(nel, "name = \"r"), "receptor[0].name", "U+0085");
  CHECK(msg.find("'r\\u00851'") != std::string::npos);

  const std::string tab_name = replaced(kSmallScenario, "name = \"r1\"", "name = \"r\\t1\"");
  check(error_of(tab_name), line_containing(tab_name, "name = \"r"), "receptor[0].name", "0x09");
  const std::string tab_text =
      replaced(kSmallScenario, "name = \"t\"", "name = \"t\"\ndescription = \"a\\tb\"");
  CHECK(error_of(tab_text).empty());
  // Non-ASCII letters are not control characters.
  const std::string utf8 = replaced(kSmallScenario, "name = \"r1\"", "name = \"Tianjin 天津 é\"");
  CHECK(error_of(utf8).empty());
}

TEST_CASE("strings longer than their cap are refused, at the cap they are accepted") {
  auto with = [](const char* from, const std::string& to) {
    return replaced(kSmallScenario, from, to);
  };
  const std::string name128(128, 'r'), name129(129, 'r');
  CHECK(error_of(with("name = \"r1\"", "name = \"" + name128 + "\"")).empty());
  const std::string long_name = with("name = \"r1\"", "name = \"" + name129 + "\"");
  const std::string msg = error_of(long_name);
  check(msg, line_containing(long_name, name129), "receptor[0].name", "is 129 bytes long");
  CHECK(msg.find("a name of at most 128 bytes") != std::string::npos);

  const std::string d1024(1024, 'd'), d1025(1025, 'd');
  CHECK(error_of(with("name = \"t\"", "name = \"t\"\ndescription = \"" + d1024 + "\"")).empty());
  const std::string long_d = with("name = \"t\"", "name = \"t\"\ndescription = \"" + d1025 + "\"");
  check(error_of(long_d), line_containing(long_d, "description"), "scenario.description",
        "is 1025 bytes long");

  const std::string p4096 = "out/" + std::string(4092, 'p');
  const std::string long_p = with("directory = \"out/t\"", "directory = \"" + p4096 + "\"");
  check(error_of(long_p), line_containing(long_p, "directory"), "output.directory",
        "is 4096 bytes long");
  // A path is allowed more than a name.
  const std::string p200 = "out/" + std::string(200, 'p');
  CHECK(error_of(with("directory = \"out/t\"", "directory = \"" + p200 + "\"")).empty());
}

TEST_CASE("user text quoted into any message is escaped") {
  // An unknown key: keys are quoted, not read through TomlTable::text().
  const std::string key =
      replaced(kSmallScenario, "name = \"t\"", "name = \"t\"\n\"col\\u0000our\\nx\" = 1");
  const std::string msg = error_of(key);
  INFO(msg);
  CHECK(std::strlen(msg.c_str()) == msg.size());  // no NUL cutting what() short
  CHECK(msg.find("scenario.col\\x00our\\nx") != std::string::npos);
  CHECK(printable(msg));

  // An emission for an unknown species written with an escape in its name.
  const std::string em = replaced(kSmallScenario, "{ SO2 = 10.0 }", "{ \"SO\\r2\" = 10.0 }");
  CHECK(error_of(em).find("source[0].emissions.SO\\r2") != std::string::npos);

  CHECK(printable_line(std::string("a\0b\n\tc\x7f", 7)) == "a\\x00b\\n\\tc\\x7f");
  CHECK(printable_line("\xc2\x85 \xc3\xa9") == "\\u0085 \xc3\xa9");
  // ScenarioError escapes whoever builds the message.
  CHECK(std::string(ScenarioError(std::string("f\0g", 3)).what()) == "f\\x00g");
  // A huge quoted value is cut, the location kept.
  const std::string cut = printable_line("t.toml:3: key '" + std::string(100000, 'k') + "'");
  CHECK(cut.size() < 8300);
  CHECK(cut.rfind("t.toml:3: key 'kkk", 0) == 0);
  CHECK(cut.find("message cut, 100016 bytes") != std::string::npos);
}

TEST_CASE("TOML nested deeper than 64 levels is refused before toml++ recurses into it") {
  const int n = 40000;  // 80 KB: toml++ overflowed the stack (SIGSEGV)
  std::string parts;
  for (int i = 0; i < n; ++i) parts += "a.";
  const std::string head = std::string(kSmallScenario) + "\n";
  const long line = line_containing(head + "X", "X");
  const std::string inputs[] = {
      head + parts + "a = 1\n",                                               // dotted key
      head + "[" + parts + "a]\n",                                            // table header
      head + "[[" + parts + "a]]\n",                                          // array of tables
      head + "[x]\nb = " + std::string(n, '[') + std::string(n, ']') + "\n",  // arrays
      head + "[x]\nb = " +
          [&] {  // inline tables
            std::string s;
            for (int i = 0; i < n; ++i) s += "{a=";
            return s + "1" + std::string(n, '}');
          }() +
          "\n",
      head + "[x]\nb = {" + parts + "a = 1}\n",  // dotted key in an inline table
      // Each level below the cap, together above it.
      head + "[" + parts.substr(0, 80) + "a]\n" + parts.substr(0, 58) + "b = 1\n",  // 41 + 30
  };
  for (const std::string& s : inputs) {
    const std::string msg = error_of(s);
    INFO(msg.substr(0, 300));
    CHECK(msg.rfind("t.toml:", 0) == 0);
    CHECK(msg.find(": syntax: tables, dotted keys, arrays and inline tables nest more than 64") !=
          std::string::npos);
  }
  CHECK(error_of(inputs[0]).rfind("t.toml:" + std::to_string(line) + ": syntax: ", 0) == 0);
  CHECK(error_of(inputs[3]).rfind("t.toml:" + std::to_string(line + 1) + ": syntax: ", 0) == 0);
}

TEST_CASE("the nesting pre-scan is not fooled by brackets and dots in strings and comments") {
  // Well inside the cap, with many dots and brackets where keys do not count:
  // the scenario is still valid (or fails for its own reason, not nesting).
  std::string dots;
  for (int i = 0; i < 200; ++i) dots += "a.";
  const std::string s = replaced(kSmallScenario, "name = \"t\"",
                                 "name = \"t\"\ndescription = \"" + dots + "[[[[{{{{\"  # " + dots +
                                     "[[[[[[\n# [[[[" + dots + "\n");
  CHECK(error_of(s).empty());
  // A multi-line string (its line breaks trimmed by TOML's line-ending
  // backslash: a description must not hold one).
  const std::string multi = replaced(
      kSmallScenario, "name = \"t\"",
      "name = \"t\"\ndescription = \"\"\"\\\n" + dots + "\\\n[[[[[[[[ \\\n  " + dots + "\"\"\"");
  CHECK(error_of(multi).empty());
  // Floats are not dotted keys, however many there are.
  std::string many = "interfaces = [0";
  for (int i = 1; i <= 100; ++i) many += ", " + std::to_string(i) + ".5";
  const std::string floats =
      replaced(kSmallScenario, "count = 10\nfirst_layer = 10.0\nstretch = 1.2", many + "]");
  CHECK(error_of(floats).empty());
  // 64 levels are still handed to toml++ (here an unknown top-level key).
  const std::string deep63 = std::string(kSmallScenario) + "\n[" + dots.substr(0, 124) + "a]\n";
  CHECK(error_of(deep63).find("unknown key") != std::string::npos);
}

TEST_CASE("scenario text over 4 MiB is refused") {
  const std::string big = std::string(kSmallScenario) + std::string(kMaxScenarioBytes, '#');
  CHECK(error_of(big) == "t.toml:1: scenario file: is " + std::to_string(big.size()) +
                             " bytes; allowed: at most 4194304 bytes (4 MiB)");
}

TEST_CASE("a directory, a device, a FIFO or a huge file as the scenario is refused") {
  TempDir dir("scenario");
  const std::string limit = "; allowed: a readable regular file of at most 4194304 bytes";
  CHECK(load_error(dir.path.string()) ==
        dir.path.string() + ":1: scenario file: is a directory" + limit);
  CHECK(load_error("/dev/zero") ==
        "/dev/zero:1: scenario file: is not a regular file (a device, FIFO or socket)" + limit);
  const std::string fifo = dir / "fifo.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Refused without opening it: opening a FIFO blocks until a writer comes.
  CHECK(load_error(fifo) ==
        fifo + ":1: scenario file: is not a regular file (a device, FIFO or " + "socket)" + limit);
  const std::string huge = dir / "huge.toml";
  std::ofstream(huge) << std::string(kMaxScenarioBytes + 1, '#');
  CHECK(load_error(huge) == huge + ":1: scenario file: is 4194305 bytes" + limit);
  CHECK(load_error(dir / "none.toml") ==
        dir / "none.toml" + ":1: scenario file: does not exist (cannot be opened)" + limit);
  // Just at the cap: read, then refused for its contents (no tables).
  std::ofstream(dir / "cap.toml") << std::string(kMaxScenarioBytes, '#');
  CHECK(load_error(dir / "cap.toml").find("missing required key") != std::string::npos);
}

TEST_CASE("a directory, a device or a huge file as the station CSV is refused") {
  TempDir dir("csv");
  const std::string limit = "; allowed: a readable regular file of at most 67108864 bytes";
  CHECK(csv_error("/dev/zero") ==
        "/dev/zero:1: station file: is not a regular file (a device, FIFO or socket)" + limit);
  CHECK(csv_error(dir.path.string()) ==
        dir.path.string() + ":1: station file: is a directory" + limit);
  const std::string huge = dir / "huge.csv";
  {
    std::ofstream out(huge);
    out << kCsvHeader;
    out << std::string(kMaxStationCsvBytes, '#');
  }
  CHECK(csv_error(huge) == huge + ":1: station file: is " +
                               std::to_string(kMaxStationCsvBytes + kCsvHeader.size()) + " bytes" +
                               limit);
  // Through the scenario: the station file given as /dev/zero.
  const std::string msg = error_of(with_station_file("/dev/zero"));
  CHECK(msg.rfind("/dev/zero:1: station file: is not a regular file", 0) == 0);
}

TEST_CASE("a UTF-8 byte-order mark is skipped in the station CSV and the scenario") {
  const auto rows = parse_station_csv("\xEF\xBB\xBF" + kCsvHeader + kCsvRows, "m.csv", 480);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].line == 3);
  CHECK(rows[0].mixing_height == 500);
  CHECK(error_of("\xEF\xBB\xBF" + std::string(kSmallScenario)).empty());
  // Line numbers after a BOM stay those of the file.
  const std::string bad = "\xEF\xBB\xBF" + replaced(kSmallScenario, "speed = 3.0", "speed = 80.0");
  CHECK(error_of(bad).rfind("t.toml:" + std::to_string(line_containing(bad, "speed")) + ":", 0) ==
        0);
  // Only at the start: elsewhere it is an unknown column.
  CHECK_THROWS_AS(parse_station_csv(kCsvHeader + "\xEF\xBB\xBF" + kCsvRows, "m.csv", 480),
                  ScenarioError);
}

TEST_CASE("species whose output datasets collide are refused at species.name") {
  auto two_species = [](const std::string& a, const std::string& b) {
    std::string s = replaced(kSmallScenario, "name = \"SO2\"", "name = \"" + a + "\"");
    s = replaced(s, "emissions = { SO2 = 10.0 }", "emissions = { \"" + a + "\" = 10.0 }");
    return replaced(s, "[met]", "[[species]]\nname = \"" + b + "\"\nunits = \"ug/m3\"\n\n[met]");
  };
  struct Case {
    std::string first, second, dataset;
  };
  const Case cases[] = {
      {"SO2", "SO2_ground", "SO2_ground"},  // the second is the first's ground field
      {"NO2_ground", "NO2", "NO2_ground"},  // the other way round
      {"SO 2", "SO_2", "SO_2"},             // the same safe_name()
      {"a/b", "a:b", "a_b"},
  };
  for (const Case& c : cases) {
    const std::string s = two_species(c.first, c.second);
    const std::string msg = error_of(s);
    INFO(c.first << " / " << c.second);
    check(msg, line_containing(s, "name = \"" + c.second + "\""), "species[1].name",
          "species name '" + c.second + "' collides with species '" + c.first +
              "' in the output files (both write the dataset '" + c.dataset + "')");
  }
  for (const char* reserved : {"x", "y", "z", "time", "crs", "statistics"}) {
    const std::string s = two_species("SO2", reserved);
    INFO(reserved);
    check(error_of(s), line_containing(s, "name = \"" + std::string(reserved) + "\""),
          "species[1].name",
          "species name '" + std::string(reserved) + "' collides with the output dataset '" +
              reserved + "'");
  }
  // Near misses stay valid.
  CHECK(error_of(two_species("SO2", "SO2_ground_level")).empty());
  CHECK(error_of(two_species("SO2", "so2")).empty());  // HDF5 names are case-sensitive
  CHECK(error_of(two_species("SO2", "time_x")).empty());
}

TEST_CASE("two threshold labels of one species naming the same dataset are refused") {
  const std::string s =
      std::string(kSmallScenario) +
      "\n[[output.threshold]]\nspecies = \"SO2\"\nlabel = \"50 ug\"\nvalue = 50\n"
      "\n[[output.threshold]]\nspecies = \"SO2\"\nlabel = \"50_ug\"\nvalue = 60\n";
  check(error_of(s), line_containing(s, "label = \"50_ug\""), "output.threshold[1].label",
        "collides with label '50 ug' of species 'SO2' (both name the dataset "
        "SO2_exceedances_50_ug)");
}

TEST_CASE("the HDF5 writer's root names are the ones the parser reserves") {
  // The guard the species check relies on: if the writer adds a root
  // dataset, this fails until output::kRootDatasetNames lists it.
  test::TempDir dir("reserved");
  const RunInfo info = test::write_synthetic_run(dir.str(), true);
  output::H5Handle f(H5Fopen((dir.str() + "/synthetic.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                     H5Fclose, "open");
  std::set<std::string> allowed(std::begin(output::kRootDatasetNames),
                                std::end(output::kRootDatasetNames));
  for (const auto& sp : info.species) {
    allowed.insert(output::safe_name(sp.name));
    allowed.insert(output::safe_name(sp.name) + output::kGroundSuffix);
  }
  H5G_info_t g;
  REQUIRE(H5Gget_info(f, &g) >= 0);
  CHECK(g.nlinks == allowed.size());
  for (hsize_t i = 0; i < g.nlinks; ++i) {
    char name[256] = {};
    H5Lget_name_by_idx(f, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
    INFO(name);
    CHECK(allowed.count(name) == 1);
  }
}

// Batch robustness (issue 19): RFC 4180 CSV, the error line a FAILED line
// quotes, member fingerprints (an edited member is out of date) and the
// .partial directory lock. The process-level faults (kill -9, signals, a
// full disk) are in batch_faults.sh.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "host/batch/batch_csv.hpp"
#include "host/batch/batch_member.hpp"
#include "host/batch/batch_spec.hpp"
#include "host/batch/batch_summary.hpp"
#include "host/batch/member_record.hpp"

using namespace airshed;
using namespace airshed::batch;
namespace fs = std::filesystem;

namespace {

const char* const kBase = R"([scenario]
name = "tiny"
start = "2026-01-15T00:00:00+08:00"
duration = "1h"
output_interval = "30min"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [8, 8]

[domain.levels]
count = 4
first_layer = 20.0
stretch = 1.3

[[species]]
name = "A"
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

[[receptor]]
name = "r1"
position = { x = 1500.0, y = 1000.0 }

[output]
directory = "out/tiny"
hdf5 = false
vtk = false
)";

struct Dir {
  fs::path dir;
  explicit Dir(const std::string& tag) {
    dir =
        fs::temp_directory_path() / ("airshed_batchrob_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "base.toml") << kBase;
  }
  ~Dir() { fs::remove_all(dir); }
  BatchSpec batch(double factor) const {
    std::ofstream(dir / "batch.toml") << "base = \"base.toml\"\nname = \"t\"\n[[variant]]\n"
                                         "name = \"half\"\nscale_group = { steel = "
                                      << factor << " }\n";
    return parse_batch((dir / "batch.toml").string());
  }
  std::string out() const { return (dir / "out").string(); }
};

}  // namespace

TEST_CASE("csv_quote: RFC 4180 quoting of fields with comma, quote, CR or LF") {
  CHECK(csv_quote("r1") == "r1");
  CHECK(csv_quote("") == "");
  CHECK(csv_quote("a,b") == "\"a,b\"");
  CHECK(csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_quote("two\nlines") == "\"two\nlines\"");
  CHECK(csv_quote("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_quote(" padded") == "\" padded\"");
  // parse_csv reads back what csv_quote wrote, field for field.
  const std::string names[] = {"plain", "a,b", "q\"uo\"te", "line\nbreak", "\"", ",", "cr\r\nlf"};
  std::string line;
  for (const std::string& n : names) line += (line.empty() ? "" : ",") + csv_quote(n);
  const auto records = parse_csv("h1,h2\r\n" + line + "\n\nlast,row");
  REQUIRE(records.size() == 3);
  CHECK(records[0] == std::vector<std::string>{"h1", "h2"});
  REQUIRE(records[1].size() == std::size(names));
  for (std::size_t i = 0; i < std::size(names); ++i) CHECK(records[1][i] == names[i]);
  CHECK(records[2] == std::vector<std::string>{"last", "row"});
  CHECK(parse_csv("a,,\n").at(0) == std::vector<std::string>{"a", "", ""});
}

TEST_CASE("summary_csv quotes names; the table keeps one line per row") {
  std::vector<SummaryRow> rows = {
      {"baseline", "gate 3, \"north\"", "A", "ug/m3", 1.5, 2.0, 0.0, 0.0},
      {"half", "two\nlines", "A", "ug/m3", 0.75, 1.0, -50.0, -50.0}};
  const auto records = parse_csv(summary_csv(rows));
  REQUIRE(records.size() == 3);
  for (const auto& r : records) CHECK(r.size() == 8);
  CHECK(records[1][1] == "gate 3, \"north\"");
  CHECK(records[2][1] == "two\nlines");
  CHECK(records[2][6] == "-50.0000");
  std::ostringstream table;
  print_summary_table(rows, table);
  std::istringstream in(table.str());
  std::string l;
  std::size_t lines = 0, width = 0;
  while (std::getline(in, l)) {
    ++lines;
    if (lines == 1) width = l.size();
    if (lines > 2) CHECK(l.size() == width);  // columns line up
  }
  CHECK(lines == 4);  // header, rule, 2 rows: the line break is shown as \n
  CHECK(table.str().find("two\\nlines") != std::string::npos);
}

TEST_CASE("error_line: the member's error, not its last or first line") {
  // The error in the middle: library diagnostics before it, a leak
  // report or buffered progress lines after it.
  const std::string log =
      "member half: backend: cpu (requested)\n"
      "HDF5-DIAG: Error detected in HDF5 (1.14.0) thread 0:\n"
      "  #000: H5F.c line 123 in H5Fflush(): unable to flush file\n"
      "airshed: error: member half: HDF5: flush x.h5: No space left on device\n"
      "2026-01-15T00:10:00+08:00  t=     600 s  steps=     31  dt= 19.75 s\n"
      "    A [ug]: in domain 4.5e+09\n"
      "\n";
  CHECK(error_line(log) ==
        "airshed: error: member half: HDF5: flush x.h5: No space left on device");
  CHECK(error_line("member x: backend cpu\n/data/met.csv:5: column 'speed': cannot read 'abc' "
                   "as a number; allowed: a number\nSUMMARY: leak of 8 bytes\n") ==
        "/data/met.csv:5: column 'speed': cannot read 'abc' as a number; allowed: a number");
  CHECK(error_line("progress\nairshed: member x interrupted at t = 60 s\r\n\n") ==
        "airshed: member x interrupted at t = 60 s");
  CHECK(error_line("only line\n\n") == "only line");
  CHECK(error_line("") == "");
}

TEST_CASE("a finished member is out of date when its factors, base or met change") {
  Dir d("fingerprint");
  BatchSpec b = d.batch(0.5);
  MemberRun run{BackendChoice::cpu, 1};
  std::ostringstream log, err;
  REQUIRE(run_member(b, b.members[1], d.out(), run, log, err) == 0);
  REQUIRE(member_complete(d.out(), b.members[1]));
  CHECK(member_outdated(b, d.out(), b.members[1]) == "");

  b = d.batch(0.25);
  CHECK(member_outdated(b, d.out(), b.members[1]) ==
        "its settings in " + (d.dir / "batch.toml").string() + " changed");
  REQUIRE(batch_summary(b, d.out()).empty());  // the stale member is left out
  std::vector<std::string> left_out;
  batch_summary(b, d.out(), &left_out);
  REQUIRE(left_out.size() == 1);
  CHECK(left_out[0].rfind("half: its settings in ", 0) == 0);

  b = d.batch(0.5);  // back as it was: current again
  CHECK(member_outdated(b, d.out(), b.members[1]) == "");
  std::ofstream(d.dir / "base.toml", std::ios::app) << "# an edit\n";
  CHECK(member_outdated(b, d.out(), b.members[1]) ==
        "the base scenario " + (d.dir / "base.toml").string() + " changed");

  // A record without a fingerprint (an older airshed) is out of date too.
  std::ofstream(fs::path(member_dir(d.out(), b.members[1])) / "member.toml") << "name = \"half\"\n";
  CHECK(member_outdated(b, d.out(), b.members[1]).find("no fingerprint") != std::string::npos);
}

TEST_CASE("a station network member's fingerprint covers every station's file") {
  Dir d("network");
  const BatchSpec b = d.batch(0.5);
  Scenario s = member_scenario(b, b.members[1]);
  s.met.kind = MetKind::stations;
  s.met.stations.resize(2);
  s.met.stations[0].file = (d.dir / "a.csv").string();
  s.met.stations[1].file = (d.dir / "b.csv").string();
  std::ofstream(d.dir / "a.csv") << "time,wind_speed\n";
  std::ofstream(d.dir / "b.csv") << "time,wind_speed\n";
  const MemberFingerprint f = member_fingerprint(b, b.members[1], s);
  CHECK(f.met_file == s.met.stations[0].file + ", " + s.met.stations[1].file);
  CHECK(f.met.size() == 64);
  std::ofstream(d.dir / "b.csv", std::ios::app) << "# an edit\n";
  CHECK(member_fingerprint(b, b.members[1], s).met != f.met);
}

TEST_CASE("a member whose .partial directory is locked by another process is not run") {
  Dir d("lock");
  const BatchSpec b = d.batch(0.5);
  const MemberSpec& m = b.members[1];
  fs::create_directories(partial_dir(d.out(), m));
  std::ofstream(fs::path(partial_dir(d.out(), m)) / "receptors.csv") << "theirs\n";
  // Another open file description holds the lock, as another process would.
  const int fd = ::open(partial_dir(d.out(), m).c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  CHECK(partial_in_use(d.out(), m));
  MemberRun run{BackendChoice::cpu, 1};
  std::ostringstream log, err;
  CHECK(run_member(b, m, d.out(), run, log, err) == kMemberLocked);
  CHECK(err.str() == "airshed: error: member half: " + partial_dir(d.out(), m) +
                         " is in use by another running airshed process; not started\n");
  std::ifstream theirs(fs::path(partial_dir(d.out(), m)) / "receptors.csv");
  std::string content;
  std::getline(theirs, content);
  CHECK(content == "theirs");  // untouched
  ::close(fd);
  CHECK_FALSE(partial_in_use(d.out(), m));
  CHECK(run_member(b, m, d.out(), run, log, err) == 0);
  CHECK(member_complete(d.out(), m));
}

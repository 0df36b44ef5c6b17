// The validation run's comparison with the committed results: the shipped
// file matches itself, and a change beyond rounding in any statistic, a
// different number of pairs or a missing row is reported.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tools/validation/committed_results.hpp"

using namespace airshed::validation;

namespace {

std::vector<StatRow> table_of(double fb, std::size_t n) {
  StatRow r;
  r.set = "EPA", r.quantity = "CY/Q", r.subset = "all";
  r.stats.n = n;
  r.stats.fb = fb, r.stats.nmse = 0.0708, r.stats.mg = 0.772, r.stats.vg = 1.237,
  r.stats.fac2 = 0.91;
  return {r};
}

std::string write_file() {
  const auto path = std::filesystem::temp_directory_path() / "airshed_committed_stats.csv";
  std::ofstream(path) << "set,quantity,subset,n,fb,nmse,mg,vg,fac2\n"
                         "EPA,CY/Q,all,156,-0.0627,0.0708,0.772,1.237,0.91\n";
  return path.string();
}

}  // namespace

TEST_CASE("compare_with_committed: rounding passes, a model change does not") {
  const std::string file = write_file();
  CHECK(compare_with_committed(table_of(-0.0627, 156), file).empty());
  CHECK(compare_with_committed(table_of(-0.0627 + 5e-4, 156), file).empty());  // rounding
  const auto moved = compare_with_committed(table_of(-0.0727, 156), file);     // FB by 0.01
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].find("FB = -0.0727, committed -0.0627") != std::string::npos);
  CHECK(compare_with_committed(table_of(-0.0627, 155), file).size() == 1);
  StatRow extra = table_of(-0.0627, 156)[0];
  extra.subset = "stable";
  auto two = table_of(-0.0627, 156);
  two.push_back(extra);
  CHECK(compare_with_committed(two, file).size() == 1);         // not in the file
  CHECK(compare_with_committed({}, file).size() == 1);          // committed but not computed
  CHECK_THROWS(compare_with_committed({}, file + ".missing"));  // unreadable truth is an error
}

TEST_CASE("the shipped validation/prairie_grass_statistics.csv reads and matches itself") {
  // Read the committed file through the same reader, row by row, by
  // comparing it with an empty table: every row is reported as not computed.
  const auto rows = compare_with_committed({}, "validation/prairie_grass_statistics.csv");
  CHECK(rows.size() >= 12);  // EPA and HARMO x CY/Q and Cmax/Q x all/stable/unstable
}

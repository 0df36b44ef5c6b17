#include "tools/validation/committed_results.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace airshed::validation {

namespace {

struct CommittedRow {
  std::size_t n = 0;
  double values[5] = {0, 0, 0, 0, 0};  // fb, nmse, mg, vg, fac2
};

std::map<std::string, CommittedRow> read_committed(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be opened");
  std::string line;
  std::getline(in, line);
  if (line != "set,quantity,subset,n,fb,nmse,mg,vg,fac2")
    throw std::runtime_error(path + ":1: unexpected header '" + line + "'");
  std::map<std::string, CommittedRow> rows;
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string set, quantity, subset, field;
    std::getline(s, set, ',');
    std::getline(s, quantity, ',');
    std::getline(s, subset, ',');
    CommittedRow r;
    try {
      std::getline(s, field, ',');
      r.n = std::stoul(field);
      for (double& v : r.values) {
        if (!std::getline(s, field, ',')) throw std::invalid_argument("too few fields");
        v = std::stod(field);
      }
    } catch (const std::exception&) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": not a statistics row");
    }
    rows[set + " " + quantity + " " + subset] = r;
  }
  return rows;
}

}  // namespace

std::vector<std::string> compare_with_committed(const std::vector<StatRow>& table,
                                                const std::string& statistics_csv) {
  std::map<std::string, CommittedRow> committed = read_committed(statistics_csv);
  std::vector<std::string> out;
  static const char* names[5] = {"FB", "NMSE", "MG", "VG", "FAC2"};
  for (const auto& r : table) {
    const std::string key = r.set + " " + r.quantity + " " + r.subset;
    const auto it = committed.find(key);
    if (it == committed.end()) {
      out.push_back(key + ": not in " + statistics_csv);
      continue;
    }
    const CommittedRow& c = it->second;
    if (c.n != r.stats.n)
      out.push_back(key + ": " + std::to_string(r.stats.n) + " pairs, committed " +
                    std::to_string(c.n));
    const double now[5] = {r.stats.fb, r.stats.nmse, r.stats.mg, r.stats.vg, r.stats.fac2};
    for (int q = 0; q < 5; ++q) {
      const double tol = committed_abs_tol + committed_rel_tol * std::abs(c.values[q]);
      if (!(std::abs(now[q] - c.values[q]) <= tol)) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s %s = %.6g, committed %.6g (tolerance %.2g)", key.c_str(),
                      names[q], now[q], c.values[q], tol);
        out.push_back(buf);
      }
    }
    committed.erase(it);
  }
  for (const auto& [key, row] : committed) out.push_back(key + ": committed but not computed");
  return out;
}

}  // namespace airshed::validation

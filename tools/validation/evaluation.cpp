#include "tools/validation/evaluation.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <utility>

namespace airshed::validation {

BoundaryLayer boundary_layer(const RunMet& m) {
  BoundaryLayer bl;
  bl.ustar = m.ustar;
  bl.inverse_L = 1.0 / m.obukhov_length;
  bl.wind_speed = m.wind_speed;
  bl.ref_height = m.anemometer_height;
  bl.mixing_height = m.mixing_height > 0 ? m.mixing_height : mechanical_mixing_height(m.ustar);
  return bl;
}

namespace {

using Key = std::pair<int, int>;  // exp, distance (m)

std::map<Key, ArcObservation> by_arc(const std::vector<ArcObservation>& obs) {
  std::map<Key, ArcObservation> m;
  for (const auto& o : obs) m[{o.exp, int(std::lround(o.distance))}] = o;
  return m;
}

std::ofstream open(const std::string& dir, const std::string& name) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // the build tree's folder on a first run
  std::ofstream f(dir + "/" + name);
  if (!f) throw std::runtime_error(dir + "/" + name + ": cannot write");
  f.precision(6);
  return f;
}

}  // namespace

std::vector<StatRow> evaluate(const std::vector<ModelArc>& model,
                              const std::vector<ArcObservation>& epa,
                              const std::vector<ArcObservation>& harmo) {
  std::vector<StatRow> table;
  const std::pair<const char*, const std::vector<ArcObservation>*> sets[] = {{"EPA", &epa},
                                                                             {"HARMO", &harmo}};
  for (const auto& [set, observations] : sets) {
    const auto obs = by_arc(*observations);
    for (int q = 0; q < 2; ++q)
      for (const char* subset : {"all", "stable", "unstable"}) {
        std::vector<double> o, p;
        for (const auto& a : model) {
          const std::string s = a.unstable ? "unstable" : "stable";
          if (std::string(subset) != "all" && s != subset) continue;
          const auto it = obs.find({a.exp, int(std::lround(a.result.distance))});
          if (it == obs.end()) continue;
          o.push_back(q == 0 ? it->second.cy_over_q : it->second.cmax_over_q);
          p.push_back(q == 0 ? a.result.cy_over_q : a.result.cmax_over_q);
        }
        table.push_back({set, q == 0 ? "CY/Q" : "Cmax/Q", subset, paired_statistics(o, p)});
      }
  }
  return table;
}

void write_results(const std::string& dir, const std::vector<ModelArc>& model) {
  auto f = open(dir, "prairie_grass_results.csv");
  f << "exp,distance_m,cy_over_q_model,cmax_over_q_model\n";
  for (const auto& a : model)
    f << a.exp << ',' << a.result.distance << ',' << a.result.cy_over_q << ','
      << a.result.cmax_over_q << '\n';
}

void write_pairs(const std::string& dir, const std::vector<ModelArc>& model,
                 const std::vector<ArcObservation>& epa, const std::vector<ArcObservation>& harmo) {
  auto f = open(dir, "prairie_grass_pairs.csv");
  f << "set,exp,distance_m,stability,cy_over_q_obs,cy_over_q_model,cmax_over_q_obs,cmax_over_q_"
       "model\n";
  const std::pair<const char*, const std::vector<ArcObservation>*> sets[] = {{"EPA", &epa},
                                                                             {"HARMO", &harmo}};
  for (const auto& [set, observations] : sets) {
    const auto obs = by_arc(*observations);
    for (const auto& a : model) {
      const auto it = obs.find({a.exp, int(std::lround(a.result.distance))});
      if (it == obs.end()) continue;
      f << set << ',' << a.exp << ',' << a.result.distance << ','
        << (a.unstable ? "unstable" : "stable") << ',' << it->second.cy_over_q << ','
        << a.result.cy_over_q << ',' << it->second.cmax_over_q << ',' << a.result.cmax_over_q
        << '\n';
    }
  }
}

void write_statistics(const std::string& dir, const std::vector<StatRow>& table) {
  auto f = open(dir, "prairie_grass_statistics.csv");
  f << "set,quantity,subset,n,fb,nmse,mg,vg,fac2\n";
  for (const auto& r : table)
    f << r.set << ',' << r.quantity << ',' << r.subset << ',' << r.stats.n << ',' << r.stats.fb
      << ',' << r.stats.nmse << ',' << r.stats.mg << ',' << r.stats.vg << ',' << r.stats.fac2
      << '\n';
}

void print_statistics(const std::vector<StatRow>& table) {
  std::printf("\nChang & Hanna (2004) statistics (FB > 0, MG > 1: model under-predicts)\n");
  std::printf("%-6s %-7s %-9s %4s %7s %7s %6s %6s %6s\n", "set", "value", "runs", "n", "FB", "NMSE",
              "MG", "VG", "FAC2");
  for (const auto& r : table)
    std::printf("%-6s %-7s %-9s %4zu %+7.3f %7.3f %6.2f %6.2f %6.2f\n", r.set.c_str(),
                r.quantity.c_str(), r.subset.c_str(), r.stats.n, r.stats.fb, r.stats.nmse,
                r.stats.mg, r.stats.vg, r.stats.fac2);
}

bool check_bar(const std::vector<StatRow>& table) {
  for (const auto& r : table) {
    if (r.set != "EPA" || r.quantity != "CY/Q" || r.subset != "all") continue;
    const bool ok =
        r.stats.n > 0 && std::abs(r.stats.fb) <= 0.2 && r.stats.nmse <= 0.4 && r.stats.fac2 >= 0.85;
    std::printf(
        "\nbar (EPA set, CY/Q): |FB| = %.3f <= 0.2, NMSE = %.3f <= 0.4, FAC2 = %.3f >= 0.85: %s\n",
        std::abs(r.stats.fb), r.stats.nmse, r.stats.fac2, ok ? "met" : "NOT met");
    std::printf(
        "AERMOD on the same set: CY/Q FB 0.18, NMSE 0.15, FAC2 0.96; Cmax/Q FB 0.15, NMSE 0.19, "
        "FAC2 0.93\n");
    return ok;
  }
  std::printf("\nbar: no EPA CY/Q pairs\n");
  return false;
}

}  // namespace airshed::validation

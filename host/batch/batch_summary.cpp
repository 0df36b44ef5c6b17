#include "host/batch/batch_summary.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <array>
#include <map>
#include <stdexcept>
#include <tuple>
#include <sstream>

#include "host/batch/batch_member.hpp"

namespace airshed::batch {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

std::optional<double> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> change_pct(std::optional<double> v, std::optional<double> base) {
  if (!v || !base || *base == 0) return std::nullopt;
  return 100.0 * (*v - *base) / *base;
}

std::string fmt(std::optional<double> v, const char* f = "%.9g") {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, *v);
  return buf;
}

// Reads one member's receptor_summary.csv; false when it is missing.
bool read_member(const std::string& path, const std::string& member,
                 std::vector<SummaryRow>& rows) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::getline(in, line);  // receptor,species,statistic,value,units,when
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  while (std::getline(in, line)) {
    const auto f = split_csv(line);
    if (f.size() < 5) continue;
    if (f[2] != "period_mean" && f[2] != "max_hourly_mean") continue;
    const auto key = std::make_pair(f[0], f[1]);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, rows.size()).first;
      rows.push_back({member, f[0], f[1], f[4], {}, {}, {}, {}});
    }
    (f[2] == "period_mean" ? rows[it->second].period_mean : rows[it->second].max_hourly) =
        number(f[3]);
  }
  return true;
}

}  // namespace

std::vector<SummaryRow> batch_summary(const BatchSpec& batch, const std::string& out_dir) {
  std::vector<SummaryRow> rows;
  for (const MemberSpec& m : batch.members)
    read_member((fs::path(member_dir(out_dir, m)) / "receptor_summary.csv").string(), m.name,
                rows);
  // Baseline of each episode: "baseline" or "baseline@EPISODE".
  std::map<std::string, std::string> member_episode;
  for (const MemberSpec& m : batch.members) member_episode[m.name] = m.episode;
  std::map<std::tuple<std::string, std::string, std::string>, const SummaryRow*> base;
  for (const SummaryRow& r : rows) {
    const std::string& ep = member_episode[r.member];
    if (r.member == (ep.empty() ? std::string("baseline") : "baseline@" + ep))
      base[{ep, r.receptor, r.species}] = &r;
  }
  for (SummaryRow& r : rows) {
    auto it = base.find({member_episode[r.member], r.receptor, r.species});
    if (it == base.end()) continue;
    r.period_mean_change_pct = change_pct(r.period_mean, it->second->period_mean);
    r.max_hourly_change_pct = change_pct(r.max_hourly, it->second->max_hourly);
  }
  return rows;
}

void write_summary_csv(const std::vector<SummaryRow>& rows, const std::string& path) {
  const fs::path p(path);
  const fs::path tmp = p.parent_path() / ("." + p.filename().string() + ".tmp");
  {
    std::ofstream o(tmp);
    if (!o) throw std::runtime_error("cannot write " + tmp.string());
    o << "member,receptor,species,units,period_mean,max_hourly_mean,period_mean_change_pct,"
         "max_hourly_mean_change_pct\n";
    for (const SummaryRow& r : rows)
      o << r.member << "," << r.receptor << "," << r.species << "," << r.units << ","
        << fmt(r.period_mean) << "," << fmt(r.max_hourly) << ","
        << fmt(r.period_mean_change_pct, "%.4f") << "," << fmt(r.max_hourly_change_pct, "%.4f")
        << "\n";
    if (!o) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, p);
}

void print_summary_table(const std::vector<SummaryRow>& rows, std::ostream& out) {
  std::vector<std::array<std::string, 7>> cells;
  cells.push_back({"member", "receptor", "species", "period mean", "change", "max hourly", "change"});
  for (const SummaryRow& r : rows) {
    auto pct = [](std::optional<double> v) { return v ? fmt(v, "%+.1f %%") : std::string("-"); };
    cells.push_back({r.member, r.receptor, r.species,
                     r.period_mean ? fmt(r.period_mean, "%.4g") + " " + r.units : "-",
                     pct(r.period_mean_change_pct),
                     r.max_hourly ? fmt(r.max_hourly, "%.4g") + " " + r.units : "-",
                     pct(r.max_hourly_change_pct)});
  }
  std::array<std::size_t, 7> w{};
  for (const auto& row : cells)
    for (std::size_t i = 0; i < row.size(); ++i) w[i] = std::max(w[i], row[i].size());
  for (std::size_t k = 0; k < cells.size(); ++k) {
    std::string line;
    for (std::size_t i = 0; i < 7; ++i) {
      std::string c = cells[k][i];
      const std::string pad(w[i] - c.size(), ' ');
      line += (i < 3 ? c + pad : pad + c) + (i < 6 ? "  " : "");
    }
    out << line << "\n";
    if (k == 0) out << std::string(line.size(), '-') << "\n";
  }
}

}  // namespace airshed::batch

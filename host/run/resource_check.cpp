#include "host/run/resource_check.hpp"

#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace airshed {

namespace {

// The first number on the line of /proc/... `file` that starts with `key`
// times `unit`; negative when there is none.
double proc_value(const char* file, const std::string& key, double unit) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) {
      std::istringstream v(line.substr(key.size()));
      double x = -1;
      if (v >> x) return x * unit;
    }
  return -1;
}

// A whole file holding one number ("max" and the like read as unknown).
double file_number(const char* file) {
  std::ifstream in(file);
  double x = -1;
  if (!(in >> x)) return -1;
  return x;
}

std::string scenario_label(const Scenario& s) {
  return "scenario '" + s.name + "'" + (s.file.empty() ? "" : " (" + s.file + ")");
}

}  // namespace

std::string format_bytes(double b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (b >= 1024 && u < 6) b /= 1024, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf,
                u == 0    ? "%.0f %s"
                : b < 10  ? "%.2f %s"
                : b < 100 ? "%.1f %s"
                          : "%.0f %s",
                b, units[u]);
  return buf;
}

MemoryNeed memory_need(const Scenario& s) {
  const double cells = double(s.grid.nx) * double(s.grid.ny) * double(s.grid.nz);
  const double columns = double(s.grid.nx) * double(s.grid.ny);
  const double ns = double(s.species.size());
  // Source attribution (docs/tagging.md): a tagged species is one field
  // per tag, and its sweep keeps one more copy of them and their total.
  const double ntags = s.tagging.enabled ? double(s.tagging.names().size()) : 0;
  const double tag_fields = double(s.tagging.species.size()) * (ntags - 1);
  const double nf = ns + (s.tagging.enabled ? tag_fields : 0);
  MemoryNeed m;
  // Concentrations (4 B per field), one scratch field (4), u, v, w (~12),
  // Kh (4), Kz (~4), and 24 B per column of per-column losses.
  m.solver = cells * (24 + 4 * nf + (s.tagging.enabled ? 4 * ntags + 12 : 0)) + columns * 24;
  // Ground statistics: ~160 B per column and species (measured).
  const double stats = s.output.statistics ? columns * ns * 160 : 0;
  m.statistics = stats;
  // Around a snapshot: the hour's met fields (20 B per cell) on their way
  // in, the snapshot (4 per species) and, for VTK, the fields in output
  // units (4 per species). At a checkpoint the solver state and the
  // statistics are copied ~5 times over (state, archive, file bytes, string
  // growth); the two peaks do not overlap.
  const double snapshot = cells * (20 + 4 * nf + (s.output.vtk ? 4 * ns : 0));
  const double checkpoint = s.output.checkpoint_interval_s > 0 ? 5 * (cells * 4 * nf + stats) : 0;
  m.snapshot = snapshot;
  m.buffers = std::max(snapshot, checkpoint);
  return m;
}

double memory_available() {
  double best = proc_value("/proc/meminfo", "MemAvailable:", 1024);
  if (best < 0) {
    const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) best = double(pages) * double(page);
  }
  auto least = [&](double v) {
    if (v >= 0) best = best < 0 ? v : std::min(best, v);
  };
  // A container's limit (cgroup v2, then v1; "max" and v1's huge "no limit"
  // read as none).
  const double v2 = file_number("/sys/fs/cgroup/memory.max");
  if (v2 > 0)
    least(std::max(0.0, v2 - std::max(0.0, file_number("/sys/fs/cgroup/memory.current"))));
  const double v1 = file_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
  if (v1 > 0 && v1 < 1e18)
    least(std::max(0.0,
                   v1 - std::max(0.0, file_number("/sys/fs/cgroup/memory/memory.usage_in_bytes"))));
  // ulimit -v counts address space, mapped or not.
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    const double mapped = proc_value("/proc/self/status", "VmSize:", 1024);
    least(std::max(0.0, double(as.rlim_cur) - std::max(0.0, mapped)));
  }
  return best;
}

void check_memory(const Scenario& s, double available) {
  const MemoryNeed need = memory_need(s);
  if (available < 0 || need.total() <= available) return;
  const Grid& g = s.grid;
  throw std::runtime_error(
      scenario_label(s) + ": the " + std::to_string(g.nx) + " x " + std::to_string(g.ny) + " x " +
      std::to_string(g.nz) + " grid with " + std::to_string(s.species.size()) + " species needs " +
      format_bytes(need.total()) + " of memory (solver " + format_bytes(need.solver) +
      ", statistics " + format_bytes(need.statistics) + ", snapshot and checkpoint buffers " +
      format_bytes(need.buffers) + "), this machine has " + format_bytes(available) +
      " available; use fewer cells, levels or species" +
      (need.buffers > need.snapshot ? ", or checkpoint_interval = \"off\" in [output]" : ""));
}

OutputVolume output_volume(const Scenario& s, long snapshots) {
  const double cells = double(s.grid.nx) * double(s.grid.ny) * double(s.grid.nz);
  const double columns = double(s.grid.nx) * double(s.grid.ny);
  const double ns = double(s.species.size());
  const double n = double(std::max(0L, snapshots));
  OutputVolume v;
  v.snapshots = snapshots;
  // The field files follow [output]'s selection (host/core/field_selection.hpp):
  // n_f snapshots of 3-D fields of nk layers, n_g of ground fields, for the
  // species written; float32 values, a float64 time each
  // (docs/output-format.md "Size of a run's outputs").
  const FieldSelection& sel = s.output.fields;
  double written = 0;
  for (const auto& sp : s.species) written += sel.writes_species(sp.spec.name) ? 1 : 0;
  const double nk = double(sel.level_count(s.grid.nz));
  auto times = [&](int every) { return every > 0 ? std::ceil(n / every) : 0.0; };
  const double n_f = times(sel.fields_every), n_g = times(sel.ground_every);
  // `time` follows the ground fields (or the 3-D fields without them);
  // `fields_time` is the 3-D fields' own when their schedule differs.
  const double n_t =
      (n_g > 0 ? n_g : n_f) + (n_g > 0 && sel.fields_every != sel.ground_every ? n_f : 0);
  if (s.output.hdf5) v.hdf5 = written * (n_f * nk + n_g) * columns * 4 + n_t * 8;
  // One .vtr/.vti per 3-D output time; ~300 B per time and species in the
  // XDMF index (appended, not rewritten).
  if (s.output.vtk) v.vtk = n_f * written * nk * columns * 4;
  if (s.output.hdf5) v.other += n_t * (written + 1) * 300;
  // receptors.csv: one ~80-character row per receptor, species and time.
  if (s.output.receptors) v.receptors = n * double(s.receptors.size()) * ns * 80;
  // The checkpoint: the fields, and its temporary twin while it is replaced.
  if (s.output.checkpoint_interval_s > 0) v.other += 2 * ns * cells * 4;
  // contributions.h5 (docs/tagging.md): per tagged species and tag a
  // ground field and the receptor values; the checkpoint holds every tag.
  if (s.tagging.enabled) {
    const double ntags = double(s.tagging.names().size());
    const double tagged = double(s.tagging.species.size());
    v.other += n * tagged * ntags * (columns * 4 + double(s.receptors.size()) * 8);
    if (s.output.checkpoint_interval_s > 0) v.other += 2 * tagged * (ntags - 1) * cells * 4;
  }
  return v;
}

double free_disk_bytes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(dir.empty() ? "." : dir, ec);
  if (ec) return -1;
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  struct statvfs st {};
  if (statvfs(p.c_str(), &st) != 0) return -1;
  return double(st.f_bavail) * double(st.f_frsize);
}

std::string describe_output_volume(const OutputVolume& v, double free_bytes,
                                   const std::string& dir) {
  std::string line = "note: the outputs will take about " + format_bytes(v.total()) + " (" +
                     std::to_string(v.snapshots) + " output time" + (v.snapshots == 1 ? "" : "s") +
                     ": HDF5 " + format_bytes(v.hdf5) + ", VTK " + format_bytes(v.vtk) +
                     ", receptors " + format_bytes(v.receptors) + "; before compression)";
  if (free_bytes >= 0) line += ", " + format_bytes(free_bytes) + " free in " + dir;
  return line;
}

void check_disk(const Scenario& s, const OutputVolume& v, double free_bytes) {
  if (free_bytes < 0 || v.total() <= free_bytes) return;
  throw std::runtime_error(
      scenario_label(s) + ": the outputs need about " + format_bytes(v.total()) + " (" +
      std::to_string(v.snapshots) + " output times before compression), only " +
      format_bytes(free_bytes) + " is free in '" + s.output.directory +
      "'; lengthen output_interval, switch off [output] vtk or hdf5, free space, or pass "
      "--no-space-check");
}

}  // namespace airshed

// A tagged run's OUTDIR/contributions.h5 (docs/tagging.md): per tag, the
// receptor series and ground maps of each tagged species and the mass it
// emitted; read once so that any number of emission-cut scenarios can be
// recombined from it (recombine.hpp) without a rerun.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/core/instant.hpp"
#include "host/core/run_observer.hpp"

namespace airshed::attribution {

struct TagInfo {
  std::string name;      // e.g. "steel", "other", "background"
  std::string kind;      // "tag", "other", "background"
  std::string selector;  // human-readable, e.g. "groups=steel"
};

struct SpeciesContributions {
  SpeciesInfo info;               // name and output units (to_output_units unused: 1)
  std::vector<double> receptors;  // [nt][ntags][nr], output units
  std::vector<double> emissions;  // [ntags], mass emitted over the run; empty if absent
  std::string emission_units;     // its `units` attribute ("g" when it has none)
  std::string ground_dataset;     // "/ground/NAME" when the file has ground maps, else ""
};

struct Contributions {
  std::string file;  // OUTDIR/contributions.h5
  std::vector<TagInfo> tags;
  std::vector<std::string> receptors;
  std::vector<double> time;  // s since start of each snapshot the statistics saw
  Instant start;
  double output_interval_s = 0, duration_s = 0;
  bool linear = true;               // false: a non-linear process ran (results are estimates)
  std::string nonlinear_processes;  // which, when the file names them
  std::size_t ny = 0, nx = 0;       // ground map shape (0 without ground maps)
  std::vector<SpeciesContributions> species;  // the tagged species
  // From OUTDIR/run.json (run_record.hpp): every threshold of the run (all
  // species, standards tables included) and the cell size.
  std::vector<Threshold> thresholds;
  double dx = 0, dy = 0;

  std::size_t nt() const { return time.size(); }
  std::size_t ntags() const { return tags.size(); }
  std::size_t nr() const { return receptors.size(); }
};

// Reads OUTDIR/contributions.h5 and, from OUTDIR/run.json, the thresholds
// and cell size; the run must be complete. Throws ContributionsError naming the
// file and the dataset or attribute that is missing or has the wrong shape.
Contributions read_contributions(const std::string& out_dir);

// Streams one species' ground maps one time at a time: the [ntags][ny][nx]
// float32 slab of time t (the file stores one chunk per time).
class GroundReader {
 public:
  GroundReader(const Contributions& c, std::size_t species);
  ~GroundReader();
  GroundReader(const GroundReader&) = delete;
  GroundReader& operator=(const GroundReader&) = delete;
  // slab.size() == ntags * ny * nx afterwards.
  void read(std::size_t t, std::vector<float>& slab);

 private:
  struct Impl;
  Impl* impl_;
};

class ContributionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace airshed::attribution

// Before a run allocates anything: will the solver fit in memory, and the
// outputs on the disk? A grid too big for the machine is refused with one
// line naming the bytes needed and available, instead of a bare
// std::bad_alloc (or the OOM killer) part-way into the set-up; an output
// volume past the free disk space is refused up front instead of failing
// hours in with the disk full.
#pragma once

#include <string>

#include "host/scenario/scenario.hpp"

namespace airshed {

// Bytes a run of `s` holds at its peak: the solver's fields (24 B per cell
// + 4 per species, host/solver/backend_solver.hpp, docs/performance.md),
// the statistics' per-column state and the host buffers around a snapshot
// or a checkpoint. Calibrated against the peak RSS of the default scenario
// on 200^2 to 600^2 x 16 cells (within -10 % .. +15 %).
struct MemoryNeed {
  double solver = 0, statistics = 0, buffers = 0;
  double snapshot = 0;  // the part of `buffers` around a snapshot (less: a checkpoint's)
  double total() const { return solver + statistics + buffers; }
};
MemoryNeed memory_need(const Scenario& s);

// Bytes this process can still allocate: the least of the system's
// MemAvailable, the cgroup's limit less its usage and the address-space
// limit (ulimit -v) less what is mapped. Negative when none is known.
double memory_available();

// Throws std::runtime_error (one line) when memory_need(s) exceeds
// `available` (>= 0), e.g. "scenario 'big' (big.toml): the 4096 x 4096 x 128
// grid with 16 species needs 301 GiB of memory (solver 176 GiB, ...), this
// machine has 22.1 GiB available; ...".
void check_memory(const Scenario& s, double available);

// Bytes the outputs of `snapshots` output times take before compression
// (HDF5 and VTK are deflated; fields full of background shrink, plumes
// little): 3-D and ground fields per species at 4 B, the receptor series,
// the XDMF index, and the checkpoint.
struct OutputVolume {
  long snapshots = 0;
  double hdf5 = 0, vtk = 0, receptors = 0, other = 0;
  double total() const { return hdf5 + vtk + receptors + other; }
};
OutputVolume output_volume(const Scenario& s, long snapshots);

// Free bytes for an unprivileged user on the file system that holds `dir`
// (or its nearest existing parent); negative when unknown.
double free_disk_bytes(const std::string& dir);

// "note: the outputs will take about 12.4 MiB (3 output times: HDF5 ...)".
std::string describe_output_volume(const OutputVolume& v, double free_bytes,
                                   const std::string& dir);

// Throws std::runtime_error (one line) when v.total() exceeds `free_bytes`
// (>= 0), saying how to proceed.
void check_disk(const Scenario& s, const OutputVolume& v, double free_bytes);

// 1536 -> "1.5 KiB", three significant figures.
std::string format_bytes(double bytes);

}  // namespace airshed

// Checkpoint files: OUTDIR/NAME.checkpoint holds the solver's state, the
// run loop's position and every observer's state at an output time or part-way to one, so
// `airshed run --resume` carries on bitwise as if never stopped (same
// backend and thread count). docs/output-format.md, "Checkpoints".
//
// Layout: a text magic line, then a StateArchive with sections "run",
// "solver", "observers", then an FNV-1a 64-bit checksum of all preceding
// bytes: a checkpoint cut short by a full disk or corrupted later is
// refused, never half-read. The file is written to a temporary sibling and
// renamed, so a crash while writing leaves the previous checkpoint intact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "host/solver/transport_solver.hpp"

namespace airshed {

// A file besides the scenario that the run reads (met station CSV,
// standards table): a resume with edited bytes would mix old and new input.
struct InputFile {
  std::string role;          // what it is, for the refusal message: "met station file"
  std::string path;          // as the scenario resolved it
  std::uint64_t digest = 0;  // file_digest()
};

struct CheckpointIdentity {           // what must match for a resume to make sense
  std::uint64_t scenario_digest = 0;  // FNV-1a of the scenario file's bytes
  std::string scenario_file;          // its path, for the refusal message (not compared)
  std::vector<InputFile> inputs;      // every other file the run reads, in scenario order
  std::string scenario_name, start_iso8601;
  std::uint64_t nx = 0, ny = 0, nz = 0;
  std::vector<std::string> species;
  double duration_s = 0, output_interval_s = 0;
};

struct Checkpoint {
  CheckpointIdentity identity;
  std::string backend;        // solver backend name
  int threads = 0;            // TransportSolver::threads() of the solver that wrote it
  long output_index = 0;      // snapshots 0..output_index are written
  double time_s = 0;          // the run loop's march position (an output time or a forcing
                              // change); solver.time may be whole Strang pairs past it
  double forcing_time_s = 0;  // time the current met and emissions were taken at
  TransportSolver::State solver;
  std::vector<std::string> observers;  // each observer's save() bytes, in order
};

std::uint64_t fnv1a64(const std::string& bytes);
// FNV-1a of a file's bytes; 0 when it cannot be read (e.g. no file: the
// built-in demo), which then matches only another 0.
std::uint64_t file_digest(const std::string& path);

// Throws std::runtime_error naming `path` when it cannot be written.
void write_checkpoint(const std::string& path, const Checkpoint& c);
// Throws std::runtime_error naming `path` when it is missing, truncated,
// corrupt or from an incompatible version.
Checkpoint read_checkpoint(const std::string& path);

// Empty when `c` can resume a run with identity `now`; else what differs.
std::string identity_mismatch(const CheckpointIdentity& saved, const CheckpointIdentity& now);

}  // namespace airshed

#include "host/run/checkpoint.hpp"

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "host/core/state_archive.hpp"
#include "host/output/atomic_file.hpp"

namespace airshed {

namespace {

// Version 2: the identity fingerprints every input file, not only the scenario.
// Version 3: the outputs' section lists its recorders by name.
// Version 4: mass budgets carry the terms of added processes (host/core/budget.hpp).
const std::string magic = "airshed checkpoint 4\n";

void put(StateWriter& w, const CheckpointIdentity& id) {
  w.tag("identity");
  w.put(id.scenario_digest);
  w.put(id.scenario_name);
  w.put(id.start_iso8601);
  w.put(id.nx);
  w.put(id.ny);
  w.put(id.nz);
  w.put(std::uint64_t(id.species.size()));
  for (const auto& s : id.species) w.put(s);
  w.put(id.duration_s);
  w.put(id.output_interval_s);
  w.put(id.scenario_file);
  w.put(std::uint64_t(id.inputs.size()));
  for (const auto& f : id.inputs) {
    w.put(f.role);
    w.put(f.path);
    w.put(f.digest);
  }
}

CheckpointIdentity get_identity(StateReader& r) {
  r.expect("identity");
  CheckpointIdentity id;
  r.get(id.scenario_digest);
  r.get(id.scenario_name);
  r.get(id.start_iso8601);
  r.get(id.nx);
  r.get(id.ny);
  r.get(id.nz);
  const auto ns = r.get<std::uint64_t>();
  if (ns > 100000) r.fail("implausible species count");
  id.species.resize(ns);
  for (auto& s : id.species) r.get(s);
  r.get(id.duration_s);
  r.get(id.output_interval_s);
  r.get(id.scenario_file);
  const auto ni = r.get<std::uint64_t>();
  if (ni > 100000) r.fail("implausible input file count");
  id.inputs.resize(ni);
  for (auto& f : id.inputs) {
    r.get(f.role);
    r.get(f.path);
    r.get(f.digest);
  }
  return id;
}

}  // namespace

std::uint64_t fnv1a64(const std::string& bytes) {
  std::uint64_t h = 14695981039346656037ull;  // FNV offset basis (Fowler, Noll, Vo)
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;  // FNV prime
  }
  return h;
}

std::uint64_t file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  std::ostringstream s;
  s << in.rdbuf();
  return fnv1a64(s.str());
}

void write_checkpoint(const std::string& path, const Checkpoint& c) {
  StateWriter w;
  put(w, c.identity);
  w.tag("run");
  w.put(c.backend);
  w.put(c.threads);
  w.put(c.output_index);
  w.put(c.time_s);
  w.put(c.forcing_time_s);
  w.tag("solver");
  w.put(c.solver.time);
  w.put(c.solver.steps);
  w.put(std::uint64_t(c.solver.fields.size()));
  for (const auto& f : c.solver.fields) w.put(f);
  put_budgets(w, c.solver.budgets);
  w.tag("observers");
  w.put(std::uint64_t(c.observers.size()));
  for (const auto& o : c.observers) w.put(o);
  std::string bytes = magic + w.bytes();
  const std::uint64_t sum = fnv1a64(bytes);
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  output::write_file_atomically(path, bytes);
}

Checkpoint read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("no checkpoint '" + path + "' to resume from");
  std::ostringstream s;
  s << in.rdbuf();
  std::string bytes = s.str();
  StateReader check("", path);
  if (bytes.compare(0, magic.size(), magic) != 0)
    check.fail("not an airshed checkpoint of this version");
  if (bytes.size() < magic.size() + sizeof(std::uint64_t)) check.fail("it ends early (truncated?)");
  std::uint64_t sum;
  std::memcpy(&sum, bytes.data() + bytes.size() - sizeof sum, sizeof sum);
  bytes.resize(bytes.size() - sizeof sum);
  if (fnv1a64(bytes) != sum) check.fail("checksum mismatch (truncated or corrupt)");

  StateReader r(bytes.substr(magic.size()), path);
  Checkpoint c;
  c.identity = get_identity(r);
  r.expect("run");
  r.get(c.backend);
  r.get(c.threads);
  r.get(c.output_index);
  r.get(c.time_s);
  r.get(c.forcing_time_s);
  r.expect("solver");
  r.get(c.solver.time);
  r.get(c.solver.steps);
  const auto nf = r.get<std::uint64_t>();
  if (nf != c.identity.species.size()) r.fail("field count does not match the species");
  c.solver.fields.resize(nf);
  for (auto& f : c.solver.fields) r.get(f);
  c.solver.budgets = get_budgets(r);
  r.expect("observers");
  const auto no = r.get<std::uint64_t>();
  if (no > 1000) r.fail("implausible observer count");
  c.observers.resize(no);
  for (auto& o : c.observers) r.get(o);
  if (!r.at_end()) r.fail("unexpected bytes after the last section");
  return c;
}

std::string identity_mismatch(const CheckpointIdentity& a, const CheckpointIdentity& b) {
  if (a.scenario_digest != b.scenario_digest)
    return "the scenario file" + (b.scenario_file.empty() ? "" : " '" + b.scenario_file + "'") +
           " has changed";
  if (a.inputs.size() != b.inputs.size()) return "the set of input files differs";
  for (std::size_t i = 0; i < a.inputs.size(); ++i) {
    const InputFile &was = a.inputs[i], &now = b.inputs[i];
    if (was.role != now.role)
      return "the input files differ (" + was.role + " vs " + now.role + ")";
    // Paths are not compared: the same files reached from another working
    // directory are the same inputs. Their bytes are.
    if (was.digest != now.digest) return "the " + now.role + " '" + now.path + "' has changed";
  }
  if (a.scenario_name != b.scenario_name)
    return "scenario name '" + a.scenario_name + "' vs '" + b.scenario_name + "'";
  if (a.start_iso8601 != b.start_iso8601)
    return "start " + a.start_iso8601 + " vs " + b.start_iso8601;
  if (a.nx != b.nx || a.ny != b.ny || a.nz != b.nz) return "the grid differs";
  if (a.species != b.species) return "the species differ";
  if (a.duration_s != b.duration_s) return "the duration differs";
  if (a.output_interval_s != b.output_interval_s) return "the output interval differs";
  return "";
}

}  // namespace airshed

// libFuzzer target: the bytes are a scenario file. They go through
// parse_scenario() and then through the set-up a real run does before its
// first step (solver configuration, the met provider built from the [met]
// spec, which reads the station file for the run's hours, its fields, the
// emission model), so that "accepted by the validator and the providers" is
// checked to mean "usable by the run". Correct outcomes: success, or a ScenarioError on one line
// that starts with "fuzz.toml:LINE: " (or with the station CSV the input names). Anything else
// aborts; see fuzz_oracle.hpp.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "host/emissions/emission_model.hpp"
#include "host/met/met_provider.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/scenario/toml_reader.hpp"
#include "tests/fuzz/fuzz_oracle.hpp"

namespace {

using airshed::fuzz::fuzz_finding;

const std::string kLabel = "fuzz.toml";
// Relative station files resolve against the shipped scenarios, so the seeds
// (copies of scenarios/*.toml) find met/tianjin_2026-01-15.csv unchanged.
const std::string kBaseDir = AIRSHED_FUZZ_SCENARIO_DIR;

// The validator allows up to 4096 x 4096 x 128 cells; building met fields
// and footprints for such a grid takes gigabytes and seconds. The harness
// builds the met provider (its checks do not depend on the grid) for every
// input, and checks the rest of the set-up only below this size (the seeds
// are < 60k).
constexpr std::size_t kMaxSetupCells = std::size_t(1) << 16;

// Times at which the set-up is probed: spread over the run.
constexpr int kProbes = 8;

// Properties docs/scenario-format.md promises and the run loop relies on.
void check_invariants(const airshed::Scenario& s) {
  if (!(s.output_interval_s >= 1 && s.output_interval_s <= 3600))
    fuzz_finding("accepted output_interval outside 1s..1h",
                 std::to_string(s.output_interval_s) + " s");
  const double n = s.duration_s / s.output_interval_s;
  if (!(std::round(n) >= 1) || std::abs(n - std::round(n)) > 1e-6)
    fuzz_finding(
        "accepted a duration that is not a positive whole number of output intervals",
        std::to_string(s.duration_s) + " s / " + std::to_string(s.output_interval_s) + " s");
  if (s.grid.nz < 1 || s.grid.z_faces.size() != std::size_t(s.grid.nz) + 1)
    fuzz_finding("accepted inconsistent vertical levels", std::to_string(s.grid.nz));
}

// The set-up run_case() (host/run/run_case.hpp) does before the first step.
void check_setup(const airshed::Scenario& s) {
  const airshed::TransportConfig cfg = airshed::transport_config(s);
  try {
    airshed::validate(cfg);
  } catch (const std::exception& e) {
    fuzz_finding("scenario accepted, solver configuration rejected", e.what());
  }
  // Like open_run_inputs(): a bad station row or wind profile throws the
  // one-line ScenarioError here, which the caller checks.
  const auto met = airshed::make_met_provider(s);
  if (s.grid.cells() > kMaxSetupCells) return;

  (void)airshed::run_info(s, "fuzz");
  try {
    airshed::validate(cfg, met->fields(0));
  } catch (const std::exception& e) {
    fuzz_finding("scenario accepted, its met fields rejected by the solver", e.what());
  }
  const airshed::EmissionModel emissions(s);
  for (int k = 0; k < kProbes; ++k) {
    const double t = s.duration_s * k / kProbes;
    const airshed::SurfaceState state = met->surface(t);
    if (!(met->next_change(t) > t))
      fuzz_finding("met provider does not move forward", "t = " + std::to_string(t));
    for (const airshed::CellEmission& e : emissions.at(t, state)) {
      if (e.cell >= s.grid.cells() || e.species < 0 || std::size_t(e.species) >= s.species.size())
        fuzz_finding("emission outside the grid or species list",
                     "cell " + std::to_string(e.cell) + ", species " + std::to_string(e.species));
      if (!std::isfinite(e.rate) || e.rate < 0)
        fuzz_finding("emission rate not finite or negative", std::to_string(e.rate));
    }
  }
}

// A ScenarioError must name the scenario, or the station file the scenario
// names in [met].file, resolved against the scenario's directory as
// parse_met() does and with line breaks
// shown as spaces, as scenario_message() writes them.
bool names_an_input(const std::string& file, const std::string& text) {
  if (file == kLabel) return true;
  std::optional<std::string> named;
  try {
    named = toml::parse(text)["met"]["file"].value<std::string>();
  } catch (const toml::parse_error&) {
    return false;  // then only the scenario itself can be at fault
  }
  if (!named) return false;
  std::string station = !named->empty() && (*named)[0] == '/' ? *named : kBaseDir + "/" + *named;
  for (char& c : station)
    if (c == '\n' || c == '\r') c = ' ';
  return file == station;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const airshed::Scenario s = airshed::parse_scenario(text, kLabel, kBaseDir);
    check_invariants(s);
    check_setup(s);
  } catch (const airshed::ScenarioError& e) {
    airshed::fuzz::require_one_line_error(
        e.what(), [&](const std::string& file) { return names_an_input(file, text); });
  } catch (const std::exception& e) {
    fuzz_finding("exception other than ScenarioError escaped", e.what());
  } catch (...) {
    fuzz_finding("non-standard exception escaped", "");
  }
  return 0;
}

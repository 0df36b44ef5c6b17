// libFuzzer target: the bytes are a station met CSV (host/met/station_csv).
// Correct outcomes: records that satisfy what the run loop relies on, or a
// ScenarioError "fuzz.csv:LINE: column 'x': ..." on one line. Anything else
// (another exception, a malformed message, a crash, a sanitizer report)
// aborts; see fuzz_oracle.hpp.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "host/input/input_error.hpp"
#include "host/met/station_csv.hpp"
#include "host/met/surface_profiles.hpp"
#include "tests/fuzz/fuzz_oracle.hpp"

namespace {

const std::string kLabel = "fuzz.csv";
// Times without an offset are read on the scenario clock; +08:00 is the one
// the shipped station file is written for.
constexpr int kOffsetMinutes = 480;

// What met_provider / surface_profiles assume of every accepted record.
void check_records(const std::vector<airshed::MetRecord>& rows) {
  using airshed::fuzz::fuzz_finding;
  if (rows.empty()) fuzz_finding("accepted a station file without rows", "");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const airshed::MetRecord& r = rows[i];
    const std::string where = "row at line " + std::to_string(r.line);
    airshed::MetProblem p;
    if (!airshed::check_met_record(r, p)) fuzz_finding("accepted an invalid record", where);
    if (i > 0 && r.utc_epoch_s <= rows[i - 1].utc_epoch_s)
      fuzz_finding("accepted times that do not increase", where);
    // The surface layer of the shipped defaults (z0 0.1 m, anemometer 10 m).
    const airshed::SurfaceState s = airshed::surface_state(r, 0.1, 10);
    // An observed u* of 0 (calm) is allowed: the diffusivities have floors.
    if (!std::isfinite(s.ustar) || !(s.ustar >= 0) || !std::isfinite(s.inverse_L))
      fuzz_finding("record gives a non-finite or negative friction velocity", where);
    for (double z : {1.0, 10.0, 100.0, 1000.0})
      if (!std::isfinite(airshed::wind_speed_at(s, z)))
        fuzz_finding("record gives a non-finite wind profile", where);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_records(airshed::parse_station_csv(text, kLabel, kOffsetMinutes));
  } catch (const airshed::ScenarioError& e) {
    airshed::fuzz::require_one_line_error(e.what(),
                                          [](const std::string& f) { return f == kLabel; });
  } catch (const std::exception& e) {
    airshed::fuzz::fuzz_finding("exception other than ScenarioError escaped", e.what());
  } catch (...) {
    airshed::fuzz::fuzz_finding("non-standard exception escaped", "");
  }
  return 0;
}

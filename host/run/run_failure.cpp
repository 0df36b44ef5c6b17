#include "host/run/run_failure.hpp"

#include <cstdio>

#include "host/input/input_error.hpp"

namespace airshed {

void stop_run_on_error(const std::vector<RunObserver*>& observers, const TransportSolver& solver,
                       double last_output_s) {
  const std::exception_ptr error = std::current_exception();
  RunFailure f;
  f.time_s = solver.time();
  f.steps = solver.steps_taken();
  f.last_output_s = last_output_s;
  try {
    std::rethrow_exception(error);
  } catch (const NumericalFault& e) {
    f.message = e.what();
    f.invalid = e.cell();
  } catch (const std::exception& e) {
    f.message = e.what();
  } catch (...) {
    f.message = "unknown error";
  }
  for (RunObserver* o : observers) o->failed(f);
  try {
    std::rethrow_exception(error);
  } catch (const ScenarioError&) {
    throw;
  } catch (...) {
  }
  char last[96];
  if (last_output_s >= 0)
    std::snprintf(last, sizeof last, "; last output time written: t = %.9g s", last_output_s);
  else
    std::snprintf(last, sizeof last, "; no output time was written");
  throw RunFailed(f.message + last, f);
}

}  // namespace airshed

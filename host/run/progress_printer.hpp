// Progress on a text stream. One line per output time with the local
// clock, the share of the run done, the simulated time per wall second, an
// estimate of the time left and the worst mass-budget residual; the whole
// budget per species once, at the end. On a terminal (`bar`) the line is
// redrawn in place as a bar instead. The run loop feeds it the solver state
// (observers never touch the solver).
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed {

struct Progress {
  double time_s = 0;
  std::string local_time;  // ISO 8601 on the scenario's clock
  long steps = 0;
  double dt = 0;  // current stable step, s
  std::vector<MassBudget> budgets;
  double courant = 0;  // ffsl: the largest advective Courant number of dt; 0: not printed
};

enum class ProgressStyle {
  lines,  // one line per output time (logs, pipes, batch members)
  bar,    // a bar redrawn with '\r' (an interactive terminal)
};

class ProgressPrinter final : public RunObserver {
 public:
  explicit ProgressPrinter(std::ostream& out, ProgressStyle style = ProgressStyle::lines)
      : out_(out), style_(style) {}
  void begin(const RunInfo& info) override;
  void snapshot(const Snapshot&) override {}
  void end(const RunSummary& summary) override;
  void failed(const RunFailure&) noexcept override;
  void report(const Progress& p);

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  ProgressStyle style_;
  RunInfo info_;
  // The first report (t = 0, or where a resume starts) starts the rate's clock.
  bool started_ = false;
  Clock::time_point wall0_;
  double sim0_ = 0;
  bool bar_open_ = false;         // a bar line is on the terminal without its newline
  std::vector<MassBudget> last_;  // budgets at the last report, printed at the end
};

// "1:02:03" (h:mm:ss) for a number of seconds; "--:--" when not finite.
std::string format_duration(double seconds);

}  // namespace airshed

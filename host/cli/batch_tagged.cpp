#include "host/cli/batch_tagged.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "host/attribution/recombine.hpp"
#include "host/batch/batch_member.hpp"
#include "host/batch/cuts_summary.hpp"
#include "host/batch/tagged_batch.hpp"
#include "host/cli/batch_common.hpp"
#include "host/cli/batch_processes.hpp"
#include "host/input/input_error.hpp"
#include "host/output/atomic_file.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

namespace {

int summarise_tagged(const TaggedBatch& plan, const std::string& out_dir, const BatchSpec& b) {
  const std::string run_dir = member_dir(out_dir, plan.run);
  const std::string path = (fs::path(out_dir) / "summary.csv").string();
  try {
    const attribution::Contributions c = attribution::read_contributions(run_dir);
    const attribution::CutResults r = attribution::evaluate_cuts(c, plan.members, false);
    output::write_file_atomically(path, cuts_csv(r));
    std::cout << "batch: summary via tags: " << b.members.size()
              << " members recombined from one tagged run (" << c.ntags() << " tags) in "
              << fs::absolute(run_dir).lexically_normal().string() << "/"
              << (r.linear ? "" : std::string("; ") + attribution::kEstimateLabel) << "\n";
    print_summary_table(cuts_summary_rows(r), std::cout);
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: summary: " << printable_line(e.what()) << "\n";
    return 1;
  }
  std::cout << "summary: " << fs::absolute(path).lexically_normal().string() << "\n";
  return 0;
}

}  // namespace

int run_via_tags(const BatchOptions& o, const BatchSpec& b, const std::string& out_dir) {
  if (const std::string why = why_not_via_tags(b); !why.empty()) {
    std::cerr << printable_line("airshed: error: --via-tags: " + b.file + ": " + why +
                                "; only emission scalings (scale_group, scale_source) with the "
                                "base's met and time span can be recombined from one tagged run")
              << "\n";
    return 2;
  }
  TaggedBatch plan;
  try {
    plan = plan_via_tags(b);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  if (o.summary_only) return summarise_tagged(plan, out_dir, b);
  if (member_current(b, out_dir, plan.run)) {
    if (!o.quiet)
      std::cout << "batch: the tagged run is complete in " << member_dir(out_dir, plan.run)
                << ", not run again\n";
  } else {
    if (!o.quiet)
      std::cout << "batch " << b.name << ": " << b.members.size()
                << " members through one tagged run with " << plan.run.tags.size() + 2
                << " tags, outputs in " << fs::absolute(out_dir).lexically_normal().string() << "/"
                << kTaggedRunName << "/\n"
                << std::flush;
    install_stop_flag();
    std::ostringstream sink;
    MemberRun run{o.backend, o.threads};
    const int status = run_member(b, plan.run, out_dir, run,
                                  o.quiet ? static_cast<std::ostream&>(sink) : std::cout, std::cerr,
                                  &batch_stop_requested);
    if (status == 130) {
      std::cerr << "airshed: batch stopped; the tagged run's checkpoint is kept; run the same "
                   "command again to resume\n";
      return 130;
    }
    if (status != 0) return status;
  }
  return summarise_tagged(plan, out_dir, b);
}

}  // namespace airshed::cli

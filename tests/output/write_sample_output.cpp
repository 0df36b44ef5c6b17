// Writes the synthetic run of synthetic_run.hpp through every output writer
// into a directory, for the real-client test (real_clients.sh) and for
// trying the render/plot tools without running the model.
//   write_sample_output OUTDIR [uniform|terrain]
// (terrain: the stretched grid over synthetic_run.hpp's Gaussian hill)
#include <cstdio>
#include <exception>
#include <string>

#include "host/output/output_writers.hpp"
#include "tests/output/synthetic_run.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUTDIR [uniform|terrain]\n", argv[0]);
    return 2;
  }
  try {
    const std::string kind = argc > 2 ? argv[2] : "";
    if (!kind.empty() && kind != "uniform" && kind != "terrain") {
      std::fprintf(stderr, "write_sample_output: unknown kind '%s'\n", kind.c_str());
      return 2;
    }
    const airshed::RunInfo info = kind == "terrain"
                                      ? airshed::test::synthetic_terrain_info(argv[1])
                                      : airshed::test::synthetic_info(argv[1], kind != "uniform");
    airshed::output::OutputOptions opt;
    opt.standard_tables = {"data/standards/gb3095-2012.csv"};
    auto out = airshed::output::make_output_writers(opt);
    out->begin(info);
    for (double t = 0; t <= info.duration_s + 1e-9; t += info.output_interval_s)
      out->snapshot(airshed::test::synthetic_snapshot(info, t));
    airshed::RunSummary summary;
    summary.end_time_s = info.duration_s;
    summary.steps = 42;
    summary.wall_seconds = 0.5;
    summary.budgets.resize(info.species.size());
    out->end(summary);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_sample_output: %s\n", e.what());
    return 1;
  }
  return 0;
}

// The writers' options as a scenario's [output] table asks for them; shared
// by `airshed run` and each batch member.
#pragma once

#include "host/output/output_writers.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed::cli {

inline output::OutputOptions output_options(const OutputSpec& spec) {
  output::OutputOptions out;
  out.hdf5 = spec.hdf5;
  out.vtk = spec.vtk;
  out.receptors = spec.receptors;
  out.statistics = spec.statistics;
  out.standard_tables = spec.standard_tables;
  return out;
}

}  // namespace airshed::cli

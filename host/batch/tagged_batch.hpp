// A batch whose variants only scale emissions (scale_group, scale_source;
// same met and time span, no episodes) is answered by one tagged run plus
// recombination (docs/batch.md, "One tagged run instead of the members"):
// one tag per scaled source (a source scaled by name takes precedence over
// its group: the first matching tag wins, so tags are disjoint), one per
// scaled group, and each member is the factor set of its scalings — a
// source both scaled by name and in a scaled group gets the product, as
// the member's own run would (emission_factor()).
#pragma once

#include <string>
#include <vector>

#include "host/attribution/factor_sets.hpp"
#include "host/batch/batch_spec.hpp"

namespace airshed::batch {

// "" when the batch can be run through tags; otherwise the first reason it
// cannot, naming the variant and key (e.g. "variant 'wet' sets met").
std::string why_not_via_tags(const BatchSpec& b);

struct TaggedBatch {
  MemberSpec run;  // the one tagged run: member "@tags", the base with `tags`
  // Per member after the baseline, in batch order: the factor of each tag
  // of the run's output order (declared tags, "other", "background").
  std::vector<attribution::FactorSet> members;
};

// The plan for a batch that passes why_not_via_tags().
TaggedBatch plan_via_tags(const BatchSpec& b);

// The directory name of the tagged run under the batch output directory:
// never a member's ("@" joins a variant and an episode, neither empty).
inline constexpr char kTaggedRunName[] = "@tags";

}  // namespace airshed::batch

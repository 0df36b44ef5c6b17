#define AIRSHED_CANDIDATE airshed::BackendChoice::cpu
#include "backend_agreement.inc"

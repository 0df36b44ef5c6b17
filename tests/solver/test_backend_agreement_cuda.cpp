// The backend-agreement body for the CUDA backend. Without a usable GPU the
// program exits 77, which ctest reports as skipped (it is built in CI and
// runs where a GPU exists).
#define DOCTEST_CONFIG_IMPLEMENT
#define AIRSHED_CANDIDATE airshed::BackendChoice::cuda
#include <iostream>

#include "backend_agreement.inc"

int main(int argc, char** argv) {
  const std::string choice = airshed::describe_backend_choice(airshed::BackendChoice::cuda);
  if (choice.find("unusable") != std::string::npos) {
    std::cout << "skipped: " << choice << "\n";
    return 77;
  }
  return doctest::Context(argc, argv).run();
}

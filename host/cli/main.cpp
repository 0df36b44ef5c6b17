// airshed command line: `airshed run FILE` runs a scenario, `airshed batch
// FILE` a scenario batch, `airshed demo` the built-in point-source case.
// The program itself is the airshed_cli library (cli_main.hpp).
#include "host/cli/cli_main.hpp"

int main(int argc, char** argv) { return airshed::cli::main_entry(argc, argv); }

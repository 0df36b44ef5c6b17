// SHA-256 of a file for run provenance (run.json). Uses OpenSSL's EVP
// interface (Debian libssl-dev): an audited implementation that is already
// on every machine that has curl or git, rather than hand-rolled crypto.
#pragma once

#include <string>

namespace airshed::output {

// Lower-case hex digest of the file's bytes; throws std::runtime_error
// naming the path when it cannot be read.
std::string sha256_file(const std::string& path);

// Lower-case hex digest of `bytes` (tests check it against FIPS 180-2 vectors).
std::string sha256_bytes(const std::string& bytes);

}  // namespace airshed::output

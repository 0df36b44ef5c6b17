// What a run does to its output directory before any writer opens a file
// there (docs/output-format.md, "The output directory"): refuse a
// scenario's directory that a symbolic link leads out of the working
// directory, lock it (output_dir_lock.hpp), prove it writable, refuse links
// in place of airshed's files, and on a fresh start remove what an earlier
// run of the same name left that this run would not overwrite.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "host/output/output_dir_lock.hpp"

namespace airshed::output {

// Throws std::runtime_error when `dir`, with every existing symbolic link
// on the way resolved, is not inside the working directory. The scenario
// parser's check is only lexical: "out/case" through a link "out -> /etc"
// passes it.
void require_inside_working_directory(const std::string& dir);

// True when `file` (a name, no directory) is one airshed writes into an
// output directory for file stem `name`: NAME.h5, NAME.h5.incomplete,
// NAME.xmf, NAME.pvd, NAME_NNNNNN.vti|.vtr|.vts, NAME_statistics.vti|.vts,
// NAME.checkpoint, receptors.csv, receptor_summary.csv, run.json,
// member.toml, and their temporaries .FILE.tmpPID.
bool written_by_airshed(const std::string& file, const std::string& name);

// Throws std::runtime_error when `path` exists and is a symbolic link
// ("output directory 'DIR' holds a symbolic link 'FILE'; airshed will not
// write through links") or not a regular file.
void require_plain_file_or_absent(const std::string& path);

// Every check above and the lock, in that order; `fresh` (not a resume)
// also removes the earlier outputs of `name` and returns their names.
struct PreparedOutputDir {
  std::shared_ptr<const DirectoryLock> lock;
  std::vector<std::string> removed;  // stale files of an earlier run
};
PreparedOutputDir prepare_output_dir(const std::string& dir, const std::string& name, bool fresh,
                                     bool confine_to_working_directory);

}  // namespace airshed::output

#include "host/cli/batch_slurm.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "host/cli/batch_common.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

namespace {

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int write_slurm(const BatchOptions& o, const BatchSpec& b, const std::string& out_dir) {
  const fs::path dir = fs::path(out_dir) / "slurm";
  fs::create_directories(dir);
  const std::string exe = self_exe();
  const std::string file = fs::absolute(o.file).lexically_normal().string();
  const std::string out = fs::absolute(out_dir).lexically_normal().string();
  const std::string cwd = fs::current_path().string();
  auto header = [&](std::ostream& s, const std::string& job) {
    s << "#!/bin/bash\n#SBATCH --job-name=" << job << "\n";
    if (!o.partition.empty()) s << "#SBATCH --partition=" << o.partition << "\n";
    s << "#SBATCH --time=" << o.time_limit << "\n";
  };
  {
    std::ofstream s(dir / "members.sbatch");
    header(s, "airshed-" + b.name);
    s << "#SBATCH --array=0-" << b.members.size() - 1 << "\n";
    if (o.gpus_per_task > 0) s << "#SBATCH --gpus-per-task=" << o.gpus_per_task << "\n";
    if (o.threads > 0) s << "#SBATCH --cpus-per-task=" << o.threads << "\n";
    s << "#SBATCH --ntasks=1\n#SBATCH --output=" << out << "/slurm/member_%a.log\n"
      << "# one array task per batch member (docs/batch.md); finished members are skipped\n"
      << "cd " << sh_quote(cwd) << "\n"
      << "exec " << sh_quote(exe) << " --backend " << o.backend_name << " batch " << sh_quote(file)
      << " --index \"$SLURM_ARRAY_TASK_ID\" --output " << sh_quote(out)
      << " --threads \"${SLURM_CPUS_PER_TASK:-0}\"\n";
  }
  {
    std::ofstream s(dir / "summary.sbatch");
    header(s, "airshed-" + b.name + "-summary");
    s << "#SBATCH --ntasks=1\n#SBATCH --output=" << out << "/slurm/summary.log\n"
      << "cd " << sh_quote(cwd) << "\n"
      << "exec " << sh_quote(exe) << " batch " << sh_quote(file) << " --summary --output "
      << sh_quote(out) << "\n";
  }
  {
    std::ofstream s(dir / "submit.sh");
    s << "#!/bin/sh\n# submits the member array, then the summary once every member has ended\n"
      << "set -e\ncd \"$(dirname \"$0\")\"\n"
      << "jid=$(sbatch --parsable members.sbatch)\njid=${jid%%;*}\n"
      << "sbatch --dependency=afterany:$jid summary.sbatch\n"
      << "echo \"submitted array $jid (" << b.members.size() << " members)\"\n";
  }
  for (const char* f : {"members.sbatch", "summary.sbatch", "submit.sh"})
    fs::permissions(dir / f, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
  std::cout << "Slurm scripts in " << fs::absolute(dir).lexically_normal().string() << "/:\n"
            << "  members.sbatch  job array 0-" << b.members.size() - 1 << ", one member each\n"
            << "  summary.sbatch  summary.csv once the array has ended\n"
            << "  submit:  sh " << (dir / "submit.sh").string() << "\n";
  return 0;
}

}  // namespace airshed::cli

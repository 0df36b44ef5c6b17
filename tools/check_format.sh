#!/usr/bin/env bash
# Fails when a C++ source of the project is not formatted as .clang-format
# says (clang-format 14, Debian 12's). Lists each file and the first lines
# it would change; `clang-format -i FILE` fixes it.
#   tools/check_format.sh [REPO_ROOT]
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
command -v clang-format >/dev/null || { echo "check_format: clang-format not found (tools/setup-deps)"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.cu' '*.inc' '*.h')
else
  mapfile -t files < <(find kernels host tests tools -name '*.cpp' -o -name '*.hpp' -o -name '*.cu' -o -name '*.inc' -o -name '*.h' | sort)
fi
bad=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    bad=$((bad + 1))
    echo "not formatted: $f (clang-format -i $f)"
    clang-format "$f" | diff "$f" - | head -n 6
  fi
done
echo "check_format: ${#files[@]} files, $bad not formatted"
[ "$bad" -eq 0 ]

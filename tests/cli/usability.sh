#!/usr/bin/env bash
# The command line as a new user meets it (issue 14, "CLI polish"):
# --version (and the same version and revision in run.json), a mistyped
# command gets a suggestion, integer range errors stay readable, --backend
# is listed where users look (run --help), the progress line says how far
# the run is and how long it will take, and --quiet prints only where the
# outputs are.
# Usage: usability.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }
one_line() {
  [ "$(wc -l <"$1")" -eq 1 ] && grep -qE "$2" "$1" || fail "expected one line /$2/, got: $(cat "$1")"
}
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
sed -e 's/^duration = "24h"/duration = "3h"/' -e 's/^cells = \[40, 40\]/cells = [20, 20]/' \
  "$repo/scenarios/default.toml" >s.toml
grep -q '^duration = "3h"' s.toml || { echo "FAIL: could not shorten the default scenario"; exit 1; }

# --version: one line, exit 0.
"$bin" --version >out.txt 2>err.txt || fail "--version exit $?"
one_line out.txt '^airshed [0-9]+\.[0-9]+\.[0-9]+ \(revision [0-9a-z.-]+\)$'
version=$(sed -E 's/^airshed ([^ ]+) .*/\1/' out.txt)
revision=$(sed -E 's/.*\(revision ([^)]+)\)$/\1/' out.txt)

# A mistyped command: one line with the suggestion, exit 2.
for typo in rn bach; do
  "$bin" "$typo" s.toml >out.txt 2>err.txt
  rc=$?
  [ "$rc" -eq 2 ] || fail "'$typo': exit $rc, expected 2"
  one_line err.txt "^airshed: unknown command '$typo'; did you mean '(run|batch)'\? \(commands: .*run.*batch"
done
"$bin" --backend cpu xyzzy s.toml >out.txt 2>err.txt
one_line err.txt "^airshed: unknown command 'xyzzy' \(commands: "

# Range errors name both ends in a few characters (was DBL_MAX's 309 digits).
"$bin" batch s.toml --threads -1 >out.txt 2>err.txt
one_line err.txt '^airshed: --threads: Value -1 not in range 0 to 1024 '
[ "$(wc -c <err.txt)" -lt 120 ] || fail "range error is $(wc -c <err.txt) bytes long"

# --backend and --quiet in run --help.
"$bin" run --help >help.txt 2>&1
grep -q -- '--backend' help.txt || fail "run --help does not list --backend"
grep -q -- '--quiet' help.txt || fail "run --help does not list --quiet"
"$bin" run s.toml --backend cpu --output o_backend >out.txt 2>err.txt || fail "run --backend cpu: $(cat err.txt)"

# Progress (stdout is a file here: one line per output time): percentage,
# speed over real time and ETA; 4 output times (t = 0 .. 3 h), 0 to 100 %.
[ "$(grep -cE ' t= +[0-9]+ s +[0-9.]+ %  steps= +[0-9]+  dt= +[0-9.]+ s  x([0-9.e+-]+|-) real time  ETA ([0-9]+:[0-9]{2}:[0-9]{2}|--:--)  budget residual ' out.txt)" -eq 4 ] ||
  fail "progress lines: $(grep ' t=' out.txt)"
grep -q ' t=   10800 s 100.0 %' out.txt || fail "no 100 % line at the end: $(grep ' t=' out.txt)"
grep -q ' t=    3600 s  33.3 %' out.txt || fail "no 33.3 % line at 1 h: $(grep ' t=' out.txt)"
# The per-species budget once, after done:, one line per species (4).
[ "$(sed -n '/^done:/,$p' out.txt | grep -c ' residual ')" -eq 4 ] || fail "no budget after done:"
grep -q "\"airshed_version\": \"$version\"" o_backend/run.json || fail "run.json version"
grep -q "\"airshed_revision\": \"$revision\"" o_backend/run.json || fail "run.json revision"

# On a terminal (script(1) gives the run one): a bar redrawn with '\r',
# ending at 100 % with one newline before done:.
if command -v script >/dev/null; then
  script -qec "'$bin' run s.toml --output o_tty" /dev/null >tty.txt 2>&1 || fail "tty run: $(tail -3 tty.txt)"
  [ "$(tr -cd '\r' <tty.txt | wc -c)" -ge 4 ] || fail "no bar redrawn with CR on a terminal"
  grep -aqE '\[#{30}\] 100\.0 %  2026-01-15T03:00:00\+08:00' tty.txt || fail "bar: $(grep -a done: tty.txt)"
  grep -aq ' t=  ' tty.txt && fail "a terminal got per-line progress"
fi

# --quiet: one line saying where the outputs are, exit 0, outputs complete.
"$bin" run s.toml --quiet --output o_quiet >out.txt 2>err.txt || fail "--quiet exit $?"
one_line out.txt "^outputs in .*/o_quiet/$"
[ ! -s err.txt ] || fail "--quiet wrote to stderr: $(cat err.txt)"
grep -q '"status": "complete"' o_quiet/run.json || fail "--quiet run incomplete"

[ "$fails" -eq 0 ] && echo "cli usability: all checks passed"
exit $((fails > 0))

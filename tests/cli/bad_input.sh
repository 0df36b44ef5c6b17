#!/usr/bin/env bash
# CLI behaviour on bad input: one line on stderr, non-zero exit, no output
# directory left behind. Usage: bad_input.sh AIRSHED_BINARY
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0

# expect NAME PATTERN -- command...: exit != 0, exactly one stderr line matching PATTERN.
expect() {
  local name=$1 pattern=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$? lines
  lines=$(wc -l <"$tmp/err")
  if [ "$rc" -ne 0 ] && [ "$lines" -eq 1 ] && grep -qE -e "$pattern" "$tmp/err"; then
    passes=$((passes + 1))
  else
    fails=$((fails + 1))
    echo "FAIL $name: rc=$rc, $lines stderr lines:"; cat "$tmp/err"
  fi
}

expect "unknown flag" "--bogus" -- "$bin" demo --bogus
expect "non-numeric value" "minutes" -- "$bin" demo --minutes abc
expect "unknown backend" "backend" -- "$bin" --backend quantum demo
expect "missing subcommand" "subcommand" -- "$bin"
expect "missing scenario file" "nope.toml" -- "$bin" run "$tmp/nope.toml" --output "$tmp/o1"

sed 's/^name = .*/&\ncolour = "red"/' scenarios/odour.toml >"$tmp/unknown_key.toml"
cp -r scenarios/met "$tmp/" 2>/dev/null
expect "unknown key" "unknown_key.toml:[0-9]+:.*colour" -- "$bin" run "$tmp/unknown_key.toml" --output "$tmp/o2"
[ -e "$tmp/o2" ] && { fails=$((fails + 1)); echo "FAIL unknown key: output directory was created"; }

# A line break in a file name the scenario gives (found by tests/fuzz) must
# not split the error line.
sed 's|^file = .*|file = "met/tianjin\\n.csv"|' scenarios/default.toml >"$tmp/newline_name.toml"
expect "file name with a line break" "tianjin .csv:1: station file" -- "$bin" run "$tmp/newline_name.toml" --output "$tmp/o3"

touch "$tmp/a_file"
expect "unwritable output" "output directory" -- "$bin" run scenarios/odour.toml --output "$tmp/a_file/sub"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]

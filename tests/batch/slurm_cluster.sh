#!/usr/bin/env bash
# Real-cluster test: starts a one-node Slurm cluster on this machine from a
# config written here (munge + slurmctld + slurmd, state under a temporary
# directory), submits the job array `airshed batch --slurm` generated, waits
# for it and the dependent summary job, and checks every member and the
# summary equal a local batch byte for byte. Stops the daemons it started,
# by PID. Exits 77 (ctest: skipped) with the reason when Slurm cannot start.
# Usage: slurm_cluster.sh AIRSHED_BINARY
set -u
bin=$(readlink -f "$1")
root=$(pwd)
tmp=$(mktemp -d /tmp/airshed-slurm.XXXXXX)
chmod 755 "$tmp"  # munged runs as the munge user
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; for f in "$tmp"/*.log; do echo "== $f"; tail -5 "$f"; done; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "starting slurmctld/slurmd needs root"
for c in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$c" >/dev/null || skip "$c not installed (Debian: slurm-wlm munge)"
done

# munge: a key owned by munge, a daemon of our own on its own socket.
mkdir -p "$tmp/munge" && chown munge: "$tmp/munge" && chmod 700 "$tmp/munge"
dd if=/dev/urandom bs=1 count=1024 of="$tmp/munge/munge.key" 2>/dev/null
chown munge: "$tmp/munge/munge.key" && chmod 400 "$tmp/munge/munge.key"
sock="$tmp/munge/munge.socket"
runuser -u munge -- munged --force --key-file="$tmp/munge/munge.key" --socket="$sock" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/seed" ||
  skip "munged did not start"
for _ in $(seq 50); do [ -s "$tmp/munge/munged.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/munge/munged.pid")")

host=$(hostname -s)
mkdir -p "$tmp/state" "$tmp/spool"
cat >"$tmp/slurm.conf" <<CONF
ClusterName=airshedtest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -f "$SLURM_CONF" || skip "slurmctld did not start"
for _ in $(seq 50); do [ -s "$tmp/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/slurmctld.pid" 2>/dev/null)")
slurmd -f "$SLURM_CONF" || skip "slurmd did not start"
for _ in $(seq 50); do [ -s "$tmp/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/slurmd.pid" 2>/dev/null)")
ready=0
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix)' && { ready=1; break; }
  sleep 0.5
done
[ "$ready" -eq 1 ] || skip "the node did not come up: $(tail -2 "$tmp/slurmctld.log" 2>/dev/null | tr '\n' ' ')"

# A small batch: the odour scenario and one variant.
printf 'base = "%s/scenarios/odour.toml"\n[[variant]]\nname = "half"\nscale_species = { odour = 0.5 }\n' \
  "$root" >"$tmp/batch.toml"
"$bin" --backend cpu batch "$tmp/batch.toml" --output "$tmp/local" --jobs 2 --quiet >"$tmp/local.log" 2>&1 ||
  fail "local batch failed"
"$bin" --backend cpu batch "$tmp/batch.toml" --output "$tmp/cluster" --slurm --time 00:10:00 >"$tmp/gen.log" 2>&1 ||
  fail "--slurm did not write the scripts"
sh "$tmp/cluster/slurm/submit.sh" >"$tmp/submit.log" 2>&1 || fail "sbatch refused the scripts: $(cat "$tmp/submit.log")"
done_ok=0
for _ in $(seq 240); do
  [ -z "$(squeue -h 2>/dev/null)" ] && [ -f "$tmp/cluster/summary.csv" ] && { done_ok=1; break; }
  sleep 1
done
[ "$done_ok" -eq 1 ] || fail "the array and summary jobs did not finish within 240 s"

checks=0
for m in baseline half; do
  [ -f "$tmp/cluster/$m/run.json" ] || fail "member $m has no run.json on the cluster"
  cmp -s "$tmp/local/$m/receptors.csv" "$tmp/cluster/$m/receptors.csv" ||
    fail "member $m: receptors.csv differs between the cluster and the local batch"
  checks=$((checks + 2))
done
cmp -s "$tmp/local/summary.csv" "$tmp/cluster/summary.csv" || fail "summary.csv differs"
checks=$((checks + 1))
echo "$checks passed, 0 failed"

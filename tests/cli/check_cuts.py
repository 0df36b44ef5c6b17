#!/usr/bin/env python3
"""Compares `airshed batch --via-tags` (one tagged run + recombination) with
the same batch run member by member. Usage:
    check_cuts.py TAGS_OUTDIR BRUTE_OUTDIR EXACT_MEMBER[,EXACT_MEMBER...] [ESTIMATE_BOUND
                  [EXACT_SPECIES,...]]

For every member, receptor and species, with x_cut the recombined hourly
series (recomputed here from contributions.h5 as cuts does: float64 sum of
f_k * tag_k, rounded once to float32) and x_run the member's receptors.csv:
  D = max_t |x_cut - x_run|, M = max_t |x_run|.
1. Every statistic of the member's receptor_summary.csv (period and daily
   means, maxima, 8-h maxima, percentiles) is a 1-Lipschitz function of the
   series in the max norm: a mean, a maximum, an order statistic or an
   interpolation between two of them moves by at most D when no sample
   moves by more. So |stat_cut - stat_run| <= D + printing (%.7g and
   %.9g: 1e-7 M), for every member, exact or not: this checks that cuts
   computes each statistic exactly as the run does.
2. An exceedance count may differ only if some average it counts lies
   within D (+ printing) of the threshold: checked explicitly on the
   hourly and daily means and the snapshots of x_run.
3. Members whose recombination is exact in exact arithmetic (the baseline,
   and a cut by one factor on every emitting tag: every process, the MC
   limiter included, is homogeneous of degree one and the background is
   0) must have D <= delta * M, the accumulated float32 rounding of the
   tagged and the untagged runs: each of the ntags tag fields and the
   total carries rounding errors of at most u = 2^-24 per operation, about
   4 per cell update (flux difference, source, column solve, sum), over N
   steps, which add up as a random walk, ~sqrt(N) u (Higham 2002,
   "Accuracy and Stability of Numerical Algorithms", 2nd ed., sec. 2.8):
       delta = 4 (ntags + 1) sqrt(N) 2^-24.
   (The worst case, 4 (ntags + 1) N 2^-24, is sqrt(N) ~ 50 times looser.)
Other members are estimates (the MC limiter and the chemistry are not
linear): their D / M is printed, and bounded by ESTIMATE_BOUND when given
(a measured accuracy, docs/tagging.md), except for EXACT_SPECIES: species
whose processes are all linear (with chemistry: first-order SO2 -> SO4,
species outside the mechanism), exact in every member within delta.
Exit status 1 on any failure."""
import collections
import csv
import json
import math
import sys

import h5py
import numpy as np

tags_dir, brute_dir, exact = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
estimate_bound = float(sys.argv[4]) if len(sys.argv) > 4 else None
exact_species = sys.argv[5].split(",") if len(sys.argv) > 5 else []
run_dir = f"{tags_dir}/@tags"
failures = []


def dec(v):
    return v.decode() if isinstance(v, bytes) else str(v)


f = h5py.File(f"{run_dir}/contributions.h5", "r")
tags = [dec(t) for t in f.attrs["tags"]]
receptors = [dec(n) for n in f["receptors/name"][:]]
species = [dec(s) for s in f.attrs["tagged_species"]]
time = f["time"][:]
steps = json.load(open(f"{run_dir}/run.json"))["steps"]
delta = 4 * (len(tags) + 1) * math.sqrt(steps) * 2.0**-24
thresholds = json.load(open(f"{run_dir}/run.json"))["threshold_areas"]

# The members' factors, from member.toml of the brute-force run (what each
# member scaled) mapped onto the tags --via-tags declared.
import tomllib  # noqa: E402 (Python 3.11)

summary = {(r["member"], r["receptor"], r["species"]): r
           for r in csv.DictReader(open(f"{tags_dir}/summary.csv"))}
members = sorted({k[0] for k in summary}, key=lambda m: (m != "baseline", m))
tag_selector = {dec(t): dec(s) for t, s in zip(f.attrs["tags"], f.attrs["tag_selectors"])}
scenario_sources = {}  # source -> group, from the tagged run's run.json
for src in json.load(open(f"{run_dir}/run.json"))["sources"]:
    scenario_sources[src["name"]] = src["group"]


def factors(member):
    rec = tomllib.load(open(f"{brute_dir}/{member}/member.toml", "rb"))
    sg, ss = rec.get("scale_group", {}), rec.get("scale_source", {})
    out = []
    for t in tags:
        sel = tag_selector[t]
        if sel.startswith("sources="):
            src = sel[len("sources="):]
            out.append(ss.get(src, 1.0) * sg.get(scenario_sources[src], 1.0))
        elif sel.startswith("groups="):
            out.append(sg.get(sel[len("groups="):], 1.0))
        else:
            out.append(1.0)
    return np.array(out)


def hourly_and_daily(x):
    """Hourly means of an hourly series (one snapshot per hour, starting at
    local midnight, as the test's scenario) and daily means of whole days."""
    hours = x
    days = [x[d * 24:(d + 1) * 24].mean() for d in range(len(x) // 24)]
    return hours, np.array(days)


worst = {}
for m in members:
    fv = factors(m)
    # The member's samples at the snapshots the contributions hold (with or
    # without t = 0).
    by_time = collections.defaultdict(dict)
    for q in csv.DictReader(open(f"{brute_dir}/{m}/receptors.csv")):
        by_time[(q["receptor"], q["species"])][float(q["time_s"])] = float(q["value"] or "nan")
    run_series = {k: [v[t] for t in time if t in v] for k, v in by_time.items()}
    stats = {}
    for q in csv.DictReader(open(f"{brute_dir}/{m}/receptor_summary.csv")):
        key = q["statistic"] + (" " + q["when"] if q["statistic"] == "daily_mean" else "")
        stats[(q["receptor"], q["species"], key)] = q["value"]
    for sp in species:
        R = f["receptors"][sp.replace("/", "_")][:]
        xcut = np.einsum("tkr,k->tr", R, fv).astype(np.float32).astype(np.float64)
        for i, r in enumerate(receptors):
            xrun = np.array(run_series[(r, sp)])
            if len(xrun) != len(time):
                failures.append(f"{m} {r} {sp}: {len(xrun)} samples in receptors.csv, "
                                f"{len(time)} in contributions.h5")
                continue
            M = max(np.abs(xrun).max(), 1e-30)
            D = np.abs(xcut[:, i] - xrun).max()
            worst[m] = max(worst.get(m, 0.0), D / M)
            if (m in exact or sp in exact_species) and D > delta * M:
                failures.append(f"{m} {r} {sp}: recombined series off by {D / M:.3g} of its "
                                f"maximum, bound {delta:.3g}")
            if m not in exact and sp not in exact_species and estimate_bound is not None and \
                    D > estimate_bound * M:
                failures.append(f"{m} {r} {sp}: estimate off by {D / M:.3g} of the series "
                                f"maximum, bound {estimate_bound:.3g}")
            tol = D + 1e-7 * M
            row = summary[(m, r, sp)]
            hours, days = hourly_and_daily(xrun[time > 0])
            for key, v in row.items():
                if key in ("member", "receptor", "species", "units", "method") or \
                        key.endswith("change_pct"):
                    continue
                want = stats.get((r, sp, key))
                if want is None or (v == "" and want == ""):
                    continue
                if (v == "") != (want == ""):
                    failures.append(f"{m} {r} {sp} {key}: cuts '{v}', run '{want}'")
                    continue
                got, want = float(v), float(want)
                if key.startswith("exceedances "):
                    if got == want:
                        continue
                    label = key[len("exceedances "):]
                    th = [t for t in thresholds if t["species"] == sp and t["label"] == label][0]
                    values = {"1h": hours, "24h": days, "instant": xrun}.get(th["averaging"], xrun)
                    near = np.abs(values - th["threshold"]) <= tol + 1e-7 * abs(th["threshold"])
                    if abs(got - want) > near.sum():
                        failures.append(f"{m} {r} {sp} {key}: cuts {got:g}, run {want:g}, but "
                                        f"only {near.sum()} value(s) lie within {tol:.3g} of "
                                        f"{th['threshold']}")
                    continue
                if abs(got - want) > tol + 1e-7 * abs(want):
                    failures.append(f"{m} {r} {sp} {key}: cuts {got:.9g}, run {want:.9g}, "
                                    f"differ by {abs(got - want):.3g} > series difference "
                                    f"{D:.3g}")
for m in members:
    kind = "exact" if m in exact else "estimate"
    bound = delta if kind == "exact" else estimate_bound
    print(f"{m}: max |recombined - run| / max |run| = {worst.get(m, 0):.3g} ({kind}"
          + (f", bound {bound:.3g})" if bound is not None else ")"))
for line in failures:
    print("FAIL:", line)
sys.exit(1 if failures else 0)

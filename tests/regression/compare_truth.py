"""Compares a run's receptors.csv and mass budget with the committed truth.

Tolerance, and why: the run is deterministic for one build (the kernels are
compiled with -ffp-contract=off and take the same steps in the same order
whatever the thread count), so on one machine the files match bitwise.
Another compiler, instruction set or the sanitized -O2 build may round
float32 arithmetic and libm's exp/log differently in the last bit; over a
few hundred steps that stays below 1e-5 of a value. Allowed:
  |new - truth| <= 1e-5 * |truth| + 1e-7 * max|truth of that receptor and species|
for receptor values and for every ground cell of the last output time (the
scale there is the species' ground maximum), and 1e-6 relative for the
float64 budget terms. A
change of the numerics moves values by far more (an extra step, a changed
limiter: 1e-3 and up).
"""
import csv
import json
import sys
from collections import defaultdict

import h5py
import numpy as np

BUDGET_TERMS = ("initial", "emitted", "outflow", "deposited", "decayed", "in_domain")


def budget(run_json):
    with open(run_json) as f:
        run = json.load(f)
    return {b["species"]: {t: b[t] for t in BUDGET_TERMS} for b in run["mass_budget"]}


def ground_fields(h5_path):
    """The last output time's ground field of every species."""
    with h5py.File(h5_path, "r") as f:
        return {name[: -len("_ground")]: np.array(f[name][-1], dtype=np.float64)
                for name in f if name.endswith("_ground")}


def rows(path):
    with open(path, newline="") as f:
        return [(r["time_s"], r["receptor"], r["species"], float(r["value"]), r["units"])
                for r in csv.DictReader(f)]


def main(argv):
    if argv[1] == "--budget-only":
        json.dump(budget(argv[2]), sys.stdout, indent=1, sort_keys=True)
        print()
        return 0
    if argv[1] == "--ground-only":
        np.savez_compressed(argv[3], **ground_fields(argv[2]))
        return 0
    truth_dir, out_dir = argv[1], argv[2]
    failures = []
    truth, new = rows(f"{truth_dir}/receptors.csv"), rows(f"{out_dir}/receptors.csv")
    if [r[:3] + r[4:] for r in truth] != [r[:3] + r[4:] for r in new]:
        failures.append(f"receptors.csv: {len(new)} rows of (time, receptor, species, units), "
                        f"the truth has {len(truth)} different ones")
    else:
        scale = defaultdict(float)
        for t in truth:
            scale[t[1:3]] = max(scale[t[1:3]], abs(t[3]))
        worst = 0.0
        for t, n in zip(truth, new):
            tol = 1e-5 * abs(t[3]) + 1e-7 * scale[t[1:3]]
            worst = max(worst, abs(n[3] - t[3]) / max(tol, 1e-30))
            if abs(n[3] - t[3]) > tol:
                failures.append(f"receptors.csv t={t[0]} s {t[1]} {t[2]}: {n[3]:.7g}, "
                                f"truth {t[3]:.7g} (tolerance {tol:.2g})")
        print(f"receptors.csv: {len(new)} values, worst difference {worst:.3g} of the tolerance")
    truth_ground = dict(np.load(f"{truth_dir}/ground_last.npz"))
    new_ground = ground_fields(f"{out_dir}/default.h5")
    if sorted(truth_ground) != sorted(new_ground):
        failures.append(f"ground fields {sorted(new_ground)}, truth {sorted(truth_ground)}")
    else:
        for sp, t in truth_ground.items():
            n = new_ground[sp]
            if n.shape != t.shape:
                failures.append(f"ground field {sp}: shape {n.shape}, truth {t.shape}")
                continue
            tol = 1e-5 * np.abs(t) + 1e-7 * np.abs(t).max()
            bad = np.abs(n - t) > tol
            if bad.any():
                j, i = np.argwhere(bad)[0]
                failures.append(f"ground field {sp}: {int(bad.sum())} cells differ, first "
                                f"(i={i}, j={j}) {n[j, i]:.7g}, truth {t[j, i]:.7g}")
        print(f"ground fields: {len(new_ground)} species x {t.size} cells compared")
    with open(f"{truth_dir}/mass_budget.json") as f:
        truth_budget = json.load(f)
    new_budget = budget(f"{out_dir}/run.json")
    if sorted(truth_budget) != sorted(new_budget):
        failures.append(f"mass budget species {sorted(new_budget)}, truth {sorted(truth_budget)}")
    else:
        for sp, terms in truth_budget.items():
            for term, value in terms.items():
                got = new_budget[sp][term]
                if abs(got - value) > 1e-6 * abs(value) + 1e-9:
                    failures.append(f"mass budget {sp} {term}: {got:.9g}, truth {value:.9g}")
    for line in failures[:20]:
        print("differs from the truth:", line)
    if failures:
        print(f"{len(failures)} differences from {truth_dir}; if intended, regenerate with "
              "tests/regression/default_short_run.sh BINARY --regenerate and commit the reason")
        return 1
    print(f"matches {truth_dir} within the stated tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

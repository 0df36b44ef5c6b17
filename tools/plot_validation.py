#!/usr/bin/python3
"""Scatter of model against observed Prairie Grass values.

Reads validation/prairie_grass_pairs.csv (written by validate_prairie_grass)
and writes docs/img/prairie_grass_scatter.png: CY/Q and arc-maximum C/Q,
EPA set (PG.DAT) filled, HARMO set (PGrassOBSAnalysis.txt) open, stable
blue, unstable red, with the 1:1 and factor-of-two lines.

    /usr/bin/python3 tools/plot_validation.py [pairs.csv] [out.png]
"""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main():
    pairs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "validation/prairie_grass_pairs.csv"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs/img/prairie_grass_scatter.png"
    with open(pairs, newline="") as f:
        rows = list(csv.DictReader(f))
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.2))
    panels = [("cy_over_q", "CY/Q (s m$^{-2}$)"), ("cmax_over_q", "arc-maximum C/Q (s m$^{-3}$)")]
    for ax, (key, label) in zip(axes, panels):
        lo, hi = float("inf"), 0.0
        for data_set, filled in (("EPA", True), ("HARMO", False)):
            for stability, colour in (("stable", "tab:blue"), ("unstable", "tab:red")):
                obs, mod = [], []
                for r in rows:
                    o, m = float(r[key + "_obs"]), float(r[key + "_model"])
                    if r["set"] == data_set and r["stability"] == stability and o > 0 and m > 0:
                        obs.append(o)
                        mod.append(m)
                if not obs:
                    continue
                lo, hi = min(lo, *obs, *mod), max(hi, *obs, *mod)
                ax.scatter(obs, mod, s=22 if filled else 30, marker="o",
                           facecolors=colour if filled else "none", edgecolors=colour,
                           alpha=0.75 if filled else 0.5, linewidths=0.8,
                           label=f"{data_set} {stability} (n={len(obs)})")
        lo, hi = lo / 1.5, hi * 1.5
        ax.plot([lo, hi], [lo, hi], "k-", lw=1)
        ax.plot([lo, hi], [2 * lo, 2 * hi], "k--", lw=0.8)
        ax.plot([lo, hi], [lo / 2, hi / 2], "k--", lw=0.8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.set_aspect("equal")
        ax.set_xlabel("observed " + label)
        ax.set_ylabel("airshed " + label)
        ax.grid(True, which="major", lw=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.suptitle("Project Prairie Grass, 50-800 m arcs: airshed against observations (1:1 and factor 2)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Steady Gaussian-plume reference for tools/grid_independence (issue 17):
the ground-level centreline concentration of the 100 m stack of
stack_100m.toml.in with the puff formulas of kernels/puff.hpp (Hanna 1982
neutral turbulence, Draxler 1976 growth, Briggs 2/3-law gradual rise to the
ISC3 final rise, Pasquill dh/3.5, ground and mixing-height images), i.e.
what plume-in-grid puffs would give before hand-off. An estimate outside
the model: the wind profile is the neutral log law with the scenario's z0.
"""
import math

g, Q = 9.80616, 100e6                 # m/s^2; ug/s
z0, u10, h, Ta = 0.1, 5.0, 1000.0, 293.15
hs, d, vs, Ts = 100.0, 4.0, 15.0, 420.0
kappa = 0.4
ustar = kappa * u10 / math.log(10 / z0)
wind = lambda z: ustar / kappa * math.log(z / z0)
us = max(wind(hs), 1.0)
Fb = g * vs * d * d * (Ts - Ta) / (4 * Ts)
rise = (21.425 * Fb ** 0.75 if Fb < 55 else 38.71 * Fb ** 0.6) / us
H_final = min(hs + rise, h)
coef = 1.6 * Fb ** (1 / 3) / us

def ground(x):
    dh = min(coef * x ** (2 / 3), H_final - hs)
    H = hs + dh
    u = wind(H)
    t = x / u
    sv = 1.3 * ustar * (1 - H / h)
    sy = math.hypot(sv * t / (1 + 0.9 * math.sqrt(t / 1000)), dh / 3.5)
    sz = math.hypot(sv * t / (1 + 0.9 * math.sqrt(t / 500)), dh / 3.5)
    v = sum(math.exp(-(2 * n * h + s * H) ** 2 / (2 * sz * sz))
            for n in range(-5, 6) for s in (1, -1))
    return Q / (2 * math.pi * u * sy * sz) * v

xs = range(100, 3001, 100)
best = max(xs, key=ground)
print(f"u*={ustar:.3f} m/s u_s={us:.2f} m/s F_b={Fb:.1f} m4/s3 final height {H_final:.1f} m")
for x in (500, 1000, 2000, 3000):
    print(f"x={x} m: {ground(x):.4g} ug/m3")
print(f"Gaussian max within 3 km: {ground(best):.4g} ug/m3 at {best} m")

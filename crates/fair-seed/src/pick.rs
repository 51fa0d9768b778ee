//! Small helpers over the seeded generator: choices, weights, exact quotas.
//!
//! Everything takes the one `ChaCha8Rng` of a generation run, in a fixed order, so the
//! output is a pure function of the seed.

use rand::RngExt;

pub(crate) type Rng = rand_chacha::ChaCha8Rng;

/// A uniformly chosen element. The slices are compiled-in tables, never empty.
pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(..items.len())]
}

/// An element chosen with probability proportional to its weight.
pub(crate) fn weighted<'a, T>(rng: &mut Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    &items[items.len() - 1].0
}

pub(crate) fn chance(rng: &mut Rng, probability: f64) -> bool {
    rng.random_bool(probability.clamp(0.0, 1.0))
}

/// An integer in `low..=high`.
pub(crate) fn between(rng: &mut Rng, low: i64, high: i64) -> i64 {
    if high <= low { low } else { rng.random_range(low..=high) }
}

/// Splits `total` into parts proportional to `shares` (largest remainder, ties to the
/// earlier entry), so the parts always add up to `total`.
pub(crate) fn apportion(total: usize, shares: &[f64]) -> Vec<usize> {
    let sum: f64 = shares.iter().sum();
    if sum <= 0.0 || shares.is_empty() {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|share| total as f64 * share / sum).collect();
    let mut parts: Vec<usize> = exact.iter().map(|value| value.floor() as usize).collect();
    let mut left = total.saturating_sub(parts.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for index in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        parts[index] += 1;
        left -= 1;
    }
    parts
}

/// `amount` distinct indices of `weights`, drawn one after another without
/// replacement, each with probability proportional to its weight. Zero weights are
/// never drawn. Weights become integers (parts per 10⁹) and the draws are integer
/// draws, so no platform's floating-point library can change the outcome.
pub(crate) fn weighted_sample(rng: &mut Rng, weights: &[f64], amount: usize) -> Vec<usize> {
    let mut left: Vec<u64> =
        weights.iter().map(|weight| if *weight > 0.0 { ((weight * 1e9).round() as u64).max(1) } else { 0 }).collect();
    let mut total: u64 = left.iter().sum();
    let mut out = Vec::with_capacity(amount.min(weights.len()));
    while out.len() < amount && total > 0 {
        let mut roll = rng.random_range(0..total);
        let mut chosen = left.len() - 1;
        for (index, weight) in left.iter().enumerate() {
            if roll < *weight {
                chosen = index;
                break;
            }
            roll -= weight;
        }
        total -= left[chosen];
        left[chosen] = 0;
        out.push(chosen);
    }
    out
}

/// Rounds to two significant digits, as catalogues print capacities.
pub(crate) fn round_nicely(value: i64) -> i64 {
    if value < 100 {
        return value.max(1);
    }
    let mut magnitude = 1;
    while value / magnitude >= 100 {
        magnitude *= 10;
    }
    (value / magnitude) * magnitude
}

/// Thousands separators: `.` in Vietnamese, `,` elsewhere.
pub(crate) fn thousands(value: i64, separator: char) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    if value < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn apportion_adds_up_and_follows_shares() {
        let parts = apportion(920, &[40.0, 22.0, 12.0, 12.0, 10.0, 4.0]);
        assert_eq!(parts.iter().sum::<usize>(), 920);
        // 202.4 and 36.8 get the two left-over units: the largest remainder first, then
        // the earliest of the tied 0.4 remainders.
        assert_eq!(parts, [368, 203, 110, 110, 92, 37]);
        assert_eq!(apportion(3, &[1.0, 1.0, 1.0]), [1, 1, 1]);
        assert_eq!(apportion(0, &[1.0]), [0]);
    }

    #[test]
    fn weighted_sample_is_distinct_and_skips_zero_weights() {
        let mut rng = Rng::seed_from_u64(7);
        let sample = weighted_sample(&mut rng, &[1.0, 0.0, 5.0, 2.0, 3.0], 4);
        assert_eq!(sample.len(), 4);
        assert!(!sample.contains(&1));
        let mut sorted = sample.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 4);
    }

    #[test]
    fn number_formatting() {
        assert_eq!(thousands(1_234_567, '.'), "1.234.567");
        assert_eq!(thousands(999, ','), "999");
        assert_eq!(thousands(1_000, ','), "1,000");
        assert_eq!(round_nicely(123_456), 120_000);
        assert_eq!(round_nicely(57), 57);
    }
}

//! Order statistics of repeated measurements: medians, percentiles and spread, never a
//! one-off number.

/// The summary of one series of samples (milliseconds, MiB, ... as the caller measured).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub runs: usize,
    pub median: f64,
    pub p90: f64,
    pub p99: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// Summarizes `samples`; `None` when there are none.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        Some(Summary {
            runs: sorted.len(),
            median: median_of_sorted(&sorted),
            p90: percentile_of_sorted(&sorted, 90.0),
            p99: percentile_of_sorted(&sorted, 99.0),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
        })
    }

    /// `median (p90; min–max)` with `digits` decimals, the form every table uses.
    pub fn cell(&self, digits: usize) -> String {
        format!(
            "{:.d$} ({:.d$}; {:.d$}–{:.d$})",
            self.median,
            self.p90,
            self.min,
            self.max,
            d = digits
        )
    }
}

/// The median of sorted samples (the mean of the two middle ones for an even count).
fn median_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The nearest-rank percentile `p` (0–100) of sorted, non-empty samples.
fn percentile_of_sorted(sorted: &[f64], p: f64) -> f64 {
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// `a / b` as a ratio cell (`1.85x`), or `-` when `b` is not positive.
pub fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 && a.is_finite() {
        format!("{:.2}x", a / b)
    } else {
        "-".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_p90_and_spread_of_an_odd_series() {
        let s = Summary::of(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!(s.runs, 5);
        assert_eq!(s.median, 3.0);
        assert_eq!(s.p90, 5.0);
        assert_eq!((s.min, s.max), (1.0, 5.0));
        assert_eq!(s.cell(1), "3.0 (5.0; 1.0–5.0)");
    }

    #[test]
    fn median_of_an_even_series_is_the_middle_mean() {
        let s = Summary::of(&[4.0, 1.0, 2.0, 3.0]).unwrap();
        assert_eq!(s.median, 2.5);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        let s = Summary::of(&samples).unwrap();
        assert_eq!((s.p90, s.p99), (90.0, 99.0));
    }

    #[test]
    fn no_samples_no_summary() {
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(ratio(1.0, 0.0), "-");
        assert_eq!(ratio(3.0, 2.0), "1.50x");
    }
}

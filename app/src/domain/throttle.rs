//! Login throttling arithmetic, kept pure so it can be tested without a clock
//! or a database: given the failure timestamps inside the window, decide
//! whether another attempt is allowed and, if not, for how long to wait.

/// A limit of `max_failures` failed attempts per `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: usize,
    pub window_ms: i64,
}

impl ThrottlePolicy {
    /// Per account: 5 failures in 15 minutes lock that email for the rest of the window.
    pub const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window_ms: 15 * 60 * 1000,
    };
    /// Per client address: 20 failures in 15 minutes, whatever the email.
    pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 20,
        window_ms: 15 * 60 * 1000,
    };

    /// The earliest failure time that still counts at `now_ms`.
    pub fn window_start(self, now_ms: i64) -> i64 {
        now_ms - self.window_ms
    }

    /// `None` when an attempt is allowed; otherwise the seconds to wait until
    /// the oldest counted failure leaves the window.
    pub fn retry_after_secs(self, failures_in_window: &[i64], now_ms: i64) -> Option<i64> {
        if failures_in_window.len() < self.max_failures {
            return None;
        }
        let mut sorted = failures_in_window.to_vec();
        sorted.sort_unstable();
        // The attempt becomes allowed once enough failures have aged out.
        let unlocking = sorted[sorted.len() - self.max_failures];
        let wait_ms = (unlocking + self.window_ms - now_ms).max(1_000);
        Some((wait_ms + 999) / 1000)
    }

    /// Like [`Self::retry_after_secs`], for a list that already holds the
    /// attempt being judged (recorded at `now_ms`): it is allowed when the
    /// earlier ones leave room for it.
    pub fn retry_after_secs_counting(
        self,
        attempts_including_this: &[i64],
        now_ms: i64,
    ) -> Option<i64> {
        let mut earlier = attempts_including_this.to_vec();
        if let Some(own) = earlier.iter().rposition(|t| *t == now_ms) {
            earlier.remove(own);
        }
        self.retry_after_secs(&earlier, now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: ThrottlePolicy = ThrottlePolicy {
        max_failures: 3,
        window_ms: 60_000,
    };

    #[test]
    fn allows_attempts_below_the_limit() {
        assert_eq!(P.retry_after_secs(&[1, 2], 10), None);
    }

    #[test]
    fn locks_until_the_oldest_counted_failure_ages_out() {
        // Failures at 0 s, 10 s, 20 s; now 30 s: the one at 0 s leaves at 60 s.
        assert_eq!(P.retry_after_secs(&[20_000, 0, 10_000], 30_000), Some(30));
    }

    #[test]
    fn an_attempt_counted_before_its_check_is_allowed_while_room_remains() {
        assert_eq!(
            P.retry_after_secs_counting(&[1_000, 2_000, 3_000], 3_000),
            None
        );
        assert!(P
            .retry_after_secs_counting(&[1_000, 2_000, 2_500, 3_000], 3_000)
            .is_some());
    }

    #[test]
    fn never_asks_to_wait_less_than_a_second() {
        assert_eq!(P.retry_after_secs(&[0, 1, 2], 60_000), Some(1));
    }
}

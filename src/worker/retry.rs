//! [`RetryPolicy`]: how often, and after how long, a failed activity is tried again. Delays are
//! durable timers and the deadline is read from the orchestration's clock, so retries replay
//! exactly.

use chrono::{DateTime, TimeDelta, Utc};

/// The longest delay between two attempts, in milliseconds.
const YEAR_MILLIS: f64 = 365.0 * 24.0 * 3600.0 * 1000.0;

/// When to try a failed activity again.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least 1).
    pub max_attempts: u32,
    /// The delay before the second attempt.
    pub first_retry_interval: TimeDelta,
    /// Each later delay is the previous one times this (1.0: constant delays).
    pub backoff_coefficient: f64,
    /// No delay is longer than this.
    pub max_retry_interval: Option<TimeDelta>,
    /// No retry starts later than this after the first attempt.
    pub retry_timeout: Option<TimeDelta>,
}

impl RetryPolicy {
    /// `max_attempts` attempts, `first_retry_interval` apart, doubling each time.
    pub fn new(max_attempts: u32, first_retry_interval: TimeDelta) -> Self {
        Self {
            max_attempts,
            first_retry_interval,
            backoff_coefficient: 2.0,
            max_retry_interval: None,
            retry_timeout: None,
        }
    }

    /// The delay before attempt `failed + 1`, after attempt `failed` failed at `now` in a series
    /// that began at `started`; `None` when no attempt is left.
    pub fn delay_after(
        &self,
        failed: u32,
        started: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<TimeDelta> {
        if failed >= self.max_attempts {
            return None;
        }
        let exponent = i32::try_from(failed - 1).unwrap_or(i32::MAX);
        let factor = self.backoff_coefficient.max(1.0).powi(exponent);
        let millis = self.first_retry_interval.num_milliseconds() as f64 * factor;
        // At most a year: far beyond any useful retry, and far from overflowing a date.
        let millis = millis.min(YEAR_MILLIS);
        let mut delay = TimeDelta::milliseconds(millis as i64);
        if let Some(max) = self.max_retry_interval {
            delay = delay.min(max);
        }
        let deadline = self
            .retry_timeout
            .and_then(|t| started.checked_add_signed(t));
        match (deadline, now.checked_add_signed(delay)) {
            (Some(deadline), Some(next)) if next > deadline => None,
            _ => Some(delay),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_back_off_up_to_the_cap_and_stop_at_the_limits() {
        let start = DateTime::<Utc>::UNIX_EPOCH;
        let mut policy = RetryPolicy::new(4, TimeDelta::seconds(1));
        policy.max_retry_interval = Some(TimeDelta::seconds(3));
        assert_eq!(
            policy.delay_after(1, start, start),
            Some(TimeDelta::seconds(1))
        );
        assert_eq!(
            policy.delay_after(2, start, start),
            Some(TimeDelta::seconds(2))
        );
        assert_eq!(
            policy.delay_after(3, start, start),
            Some(TimeDelta::seconds(3))
        );
        assert_eq!(policy.delay_after(4, start, start), None);
        policy.retry_timeout = Some(TimeDelta::seconds(10));
        let late = start + TimeDelta::milliseconds(9500);
        assert_eq!(policy.delay_after(1, start, late), None);
    }
}

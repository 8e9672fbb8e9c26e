//! Calendar arithmetic on unix-millisecond times (UTC), without a date
//! library (Howard Hinnant's civil-date algorithms).

const DAY_MS: i64 = 86_400_000;

/// (year, month 1–12, day 1–31) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-12-10T15:00:00.000000Z` or with an offset (`+01:00`) → ms.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = text.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let first3: String = fraction[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis = first3.parse::<i64>().ok()?;
        rest = &fraction[digits..];
    }
    let offset_secs = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_secs;
    Some(secs * 1000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` of a unix-milliseconds time.
pub fn iso_date(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM UTC` of a unix-milliseconds time (the back office's
/// timestamps: a date alone hides which of two same-day events came first).
pub fn date_time(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!(
        "{} {:02}:{:02} UTC",
        iso_date(ms),
        minutes / 60,
        minutes % 60
    )
}

/// A duration in words at a useful precision: "1 second", "45 seconds",
/// "3 min 20 s", "2 h 5 min".
pub fn duration_words(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        1 => "1 second".to_string(),
        0..=59 => format!("{secs} seconds"),
        60..=3599 if secs % 60 == 0 => format!("{} min", secs / 60),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ if secs % 3600 < 60 => format!("{} h", secs / 3600),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

/// The first moment of the calendar month `ms` falls in, in unix ms.
pub fn month_start(ms: i64) -> i64 {
    let (y, m, _) = civil_from_days(ms.div_euclid(DAY_MS));
    days_from_civil(y, m, 1) * DAY_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_durations_read_naturally() {
        assert_eq!(date_time(1_795_321_317_000), "2026-11-22 04:21 UTC");
        assert_eq!(date_time(0), "1970-01-01 00:00 UTC");
        let cases = [
            (0, "0 seconds"),
            (1, "1 second"),
            (5, "5 seconds"),
            (60, "1 min"),
            (200, "3 min 20 s"),
            (3600, "1 h"),
            (7500, "2 h 5 min"),
            (-3, "0 seconds"),
        ];
        for (secs, words) in cases {
            assert_eq!(duration_words(secs), words, "{secs} s");
        }
    }

    #[test]
    fn dates_and_month_starts() {
        assert_eq!(iso_date(0), "1970-01-01");
        // 2026-11-22T04:21:57Z
        let now = 1_795_321_317_000;
        assert_eq!(iso_date(now), "2026-11-22");
        assert_eq!(iso_date(month_start(now)), "2026-11-01");
        assert_eq!(month_start(month_start(now)), month_start(now));
        // Leap day and the turn of a year.
        let leap = days_from_civil(2024, 2, 29) * DAY_MS + 5;
        assert_eq!(iso_date(leap), "2024-02-29");
        assert_eq!(iso_date(month_start(leap)), "2024-02-01");
        assert_eq!(
            iso_date(days_from_civil(2025, 12, 31) * DAY_MS),
            "2025-12-31"
        );
        assert_eq!(
            iso_date(days_from_civil(2025, 12, 31) * DAY_MS + DAY_MS),
            "2026-01-01"
        );
    }

    #[test]
    fn times_parse_or_are_refused() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2000-02-29T12:30:15.5Z"),
            Some(951_827_415_500)
        );
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-10 15:00:00Z",
            "2026-12-10T15:00:00",
            "2026-12-10T24:00:00Z",
            "2026-12-10T15:00:00.Z",
            "",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_utc_second_round_trips_through_rfc3339(secs in 0i64..4_102_444_800) {
            let ms = secs * 1000;
            let time = ms.rem_euclid(DAY_MS) / 1000;
            let text = format!(
                "{}T{:02}:{:02}:{:02}Z",
                iso_date(ms),
                time / 3600,
                time % 3600 / 60,
                time % 60
            );
            proptest::prop_assert_eq!(parse_rfc3339_ms(&text), Some(ms));
        }
    }
}

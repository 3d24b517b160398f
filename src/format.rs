//! How numbers look in people's output, in the terminal UI and on the command line alike.

/// Weeks without a pointless `.0`: `11`, `1.5`.
pub fn weeks(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    }
}

/// Dollars with thousands separators and no cents: `$42,260`.
pub fn usd(amount: f64) -> String {
    let whole = amount.round();
    let digits = format!("{whole:.0}");
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |d| ("-", d));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}${out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_weeks_and_dollars() {
        assert_eq!(weeks(11.0), "11");
        assert_eq!(weeks(1.5), "1.5");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(usd(999.0), "$999");
        assert_eq!(usd(1800.0), "$1,800");
        assert_eq!(usd(42260.4), "$42,260");
        assert_eq!(usd(1234567.0), "$1,234,567");
    }
}

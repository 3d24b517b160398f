//! How numbers look in people's output, in the terminal UI and on the command line alike.

/// `1 error`, `2 warnings`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Weeks without a pointless `.0`: `11`, `1.5`.
pub fn weeks(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    }
}

/// A route's steps as people count them: the stages it goes through, its first one included,
/// so the count matches the numbered steps beside it (JSON's `steps` counts transitions); a
/// route that starts at its goal, where she is now, is "already there".
pub fn route_steps(route: &crate::domain::route::Route) -> String {
    if route.transitions().is_empty() && !route.starts_from_level() {
        "already there".to_string()
    } else {
        steps(route.stages().len())
    }
}

/// "1 step", "3 steps".
pub fn steps(n: usize) -> String {
    if n == 1 {
        "1 step".to_string()
    } else {
        format!("{n} steps")
    }
}

/// Dollars with thousands separators and no cents: `$42,260`.
pub fn usd(amount: f64) -> String {
    let whole = amount.round();
    let digits = format!("{whole:.0}");
    match digits.strip_prefix('-') {
        Some(d) => format!("-${}", thousands(d)),
        None => format!("${}", thousands(&digits)),
    }
}

/// A figure the data may not give in full, by the one rule every front end follows: `11` when
/// known; `11+?` when some of its parts are not known (they count as 0, so the real figure is
/// higher); `?` when nothing of it is known, never a bare 0.
pub fn marked(text: String, value: f64, unknown: bool) -> String {
    match (unknown, value > 0.0) {
        (false, _) => text,
        (true, true) => format!("{text}+?"),
        (true, false) => "?".to_string(),
    }
}

/// What the `?` of `marked` means, for a footnote.
pub const UNKNOWN_FIGURES: &str =
    "? = a length or cost the data does not give: it counts as 0, so real totals are higher";

/// Weeks by that rule: `11`, `11+?`, `?`.
pub fn weeks_marked(w: f64, unknown: bool) -> String {
    marked(weeks(w), w, unknown)
}

/// A cost by that rule: `$1,825`, `$1,825+?`, and `cost ?` when no part of it is known.
pub fn cost_marked(cost: f64, unknown: bool) -> String {
    if unknown && cost <= 0.0 {
        "cost ?".to_string()
    } else {
        marked(usd(cost), cost, unknown)
    }
}

/// What ordering routes by a measure puts first: `shortest time`, `lowest cost`, `fewest steps`.
pub fn best_by(measure: crate::domain::route::Measure) -> &'static str {
    use crate::domain::route::Measure;
    match measure {
        Measure::Weeks => "shortest time",
        Measure::Cost => "lowest cost",
        Measure::Steps => "fewest steps",
    }
}

/// One segment of a route: `[integrated 11 wk]`, `[sequential 52+? wk]`, `[integrated ? wk]`.
pub fn segment(seg: &crate::domain::route::Segment) -> String {
    format!(
        "[{} {} wk]",
        seg.mode.as_str(),
        weeks_marked(seg.weeks, seg.weeks_unknown)
    )
}

/// A segment in fewer columns, its mode as its line: `[═ 11 wk]`, `[─ 52+? wk]` (for a narrow
/// trail line, where the mode's colour and line say it too).
pub fn segment_compact(seg: &crate::domain::route::Segment) -> String {
    let line = match seg.mode {
        crate::domain::model::Mode::Integrated => "═",
        crate::domain::model::Mode::Sequential => "─",
    };
    format!("[{line} {} wk]", weeks_marked(seg.weeks, seg.weeks_unknown))
}

/// A count with thousands separators: `16,530`.
pub fn count(n: u64) -> String {
    thousands(&n.to_string())
}

fn thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Words wrapped at spaces into lines of at most `width` columns (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let cut = |t: &str| fit(t, width).trim_end().to_string();
    let mut lines: Vec<String> = Vec::new();
    let mut last = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let used = unicode_width::UnicodeWidthStr::width(last.as_str());
        let w = unicode_width::UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::replace(&mut last, cut(word)));
        } else {
            if used > 0 {
                last.push(' ');
            }
            last.push_str(word);
            last = cut(&last);
        }
    }
    lines.push(last);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_lines_within_the_width() {
        assert_eq!(
            wrap("step 3, Nursing assistant, after 11 wk", 16),
            ["step 3, Nursing", "assistant, after", "11 wk"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("Supercalifragilistic", 6), ["Super…"]);
    }

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

    #[test]
    fn unknown_figures_are_marked_never_shown_as_zero() {
        assert_eq!(weeks_marked(11.0, false), "11");
        assert_eq!(weeks_marked(0.0, false), "0");
        assert_eq!(weeks_marked(11.0, true), "11+?");
        assert_eq!(weeks_marked(0.0, true), "?");
        assert_eq!(cost_marked(1825.0, false), "$1,825");
        assert_eq!(cost_marked(1825.0, true), "$1,825+?");
        assert_eq!(cost_marked(0.0, true), "cost ?");
        assert_eq!(cost_marked(0.0, false), "$0");
    }
}

/// `text` cut to at most `width` terminal cells (ending in `…` when cut) and padded with spaces
/// to exactly `width` cells. Counts display width, so CJK and emoji keep columns aligned.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let mut out = String::new();
    if UnicodeWidthStr::width(text) <= width {
        out.push_str(text);
    } else {
        let mut used = 0;
        for c in text.chars() {
            let w = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
    }
    let pad = width.saturating_sub(UnicodeWidthStr::width(out.as_str()));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// The end of `text` that fits in `width` cells, starting with `…` when cut: what one is typing
/// stays in view in a field too narrow for all of it. Not padded.
pub fn tail(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from(if width > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod fit_tests {
    use super::{fit, tail};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn tails_keep_the_end_in_view() {
        assert_eq!(tail("nurse", 8), "nurse");
        assert_eq!(tail("registered nurse", 8), "…d nurse");
        assert_eq!(tail("护理助理", 5), "…助理");
        assert_eq!(tail("abc", 0), "");
        for width in 0..20 {
            let t = tail("a very long query 护理 typed", width);
            assert!(UnicodeWidthStr::width(t.as_str()) <= width, "{t:?} in {width}");
        }
    }

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 5), "abcd…");
        assert_eq!(fit("护理助理", 6), "护理… ");
        assert_eq!(fit("护理", 6), "护理  ");
        assert_eq!(fit("e\u{301}cole", 6), "e\u{301}cole ");
        for text in ["护理助理员", "🩺 nurse", "naïve café", "abc"] {
            for width in 1..12 {
                assert_eq!(
                    UnicodeWidthStr::width(fit(text, width).as_str()),
                    width,
                    "{text} {width}"
                );
            }
        }
    }
}

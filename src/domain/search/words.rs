//! How close a typed word is to a word of a stage: the same, its start, the same stem
//! (`nurses`, `nursing`, `nurse`), one or two typos away (`nurce`, `weldr`), or the initials of
//! consecutive words (`cna` for "Nursing Assistant Certified"). Scores are 0..=100.

/// The words of a text, lower-cased: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The score of typed word `q` against word `t` (both lower-case), typos forgiven or not.
pub fn similarity(q: &str, t: &str, typos: bool) -> u32 {
    if q == t {
        return 100;
    }
    if t.starts_with(q) {
        // One letter starts too many words to say much.
        return if q.chars().count() >= 2 { 90 } else { 50 };
    }
    if plural(q, t) || plural(t, q) {
        return 95;
    }
    let (sq, st) = (stem(q), stem(t));
    if sq.chars().count() >= 3 && sq == st {
        return 85;
    }
    let n = q.chars().count();
    let allowed = match n {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    if typos && allowed > 0 && same_start(q, t) {
        let head: String = t.chars().take(n).collect();
        let d = distance(q, t, allowed).min(distance(q, &head, allowed));
        if d <= allowed {
            return 75 - 10 * d as u32;
        }
    }
    0
}

/// Whether a typo is likely: the first two letters typed come, in order, among the first three
/// of the word (`nrse` for `nurse`; not `ibst` for `inst`alling).
fn same_start(q: &str, t: &str) -> bool {
    let mut q = q.chars();
    let (Some(a), Some(b)) = (q.next(), q.next()) else {
        return false;
    };
    let mut head = t.chars().take(3);
    head.next() == Some(a) && head.any(|c| c == b)
}

/// Whether `many` is `one` with a plural ending (`nurses`, `nurse`; `buses`, `bus`).
fn plural(many: &str, one: &str) -> bool {
    many.strip_prefix(one)
        .is_some_and(|rest| rest == "s" || rest == "es")
}

/// A word without a common English ending, so that `nurses`, `nursing` and `nurse` meet at
/// `nurs`, and `welder` and `welding` at `weld`.
pub fn stem(word: &str) -> &str {
    let mut w = word;
    for ending in ["ings", "ing", "ers", "er", "es", "ed", "s"] {
        if let Some(rest) = w.strip_suffix(ending)
            && rest.chars().count() >= 3
        {
            w = rest;
            break;
        }
    }
    match w.strip_suffix('e') {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

/// The optimal string alignment distance (edits, with a swap of neighbours as one), or
/// `max + 1` once it must exceed `max`.
pub fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max || a.len() > 64 || b.len() > 64 {
        return max + 1;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, before) = ((i % 3) * width, ((i - 1) % 3) * width, ((i + 1) % 3) * width);
        rows[cur] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[before + j - 2] + 1);
            }
            rows[cur + j] = d;
            best = best.min(d);
        }
        if best > max {
            return max + 1;
        }
    }
    rows[(a.len() % 3) * width + b.len()].min(max + 1)
}

/// Small words initials skip ("Network and computer" is not `nac`).
const SMALL: [&str; 9] = ["and", "of", "or", "the", "to", "in", "for", "with", "as"];

/// The first letters of `words` that initials are made of, small words skipped.
pub fn firsts(words: &[String]) -> impl Iterator<Item = char> + '_ {
    words
        .iter()
        .filter(|w| w.chars().count() > 1 && !SMALL.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
}

/// Whether `q` (2 to 5 letters) is the initials of consecutive words (their `firsts`), in order
/// or rotated: `cna` for "Nursing Assistant Certified", as people say it.
pub fn initials(q: &str, firsts: &[char]) -> bool {
    let mut want = ['\0'; 5];
    let mut n = 0;
    for c in q.chars() {
        if n == want.len() || !c.is_alphabetic() {
            return false;
        }
        want[n] = c;
        n += 1;
    }
    let want = &want[..n];
    n >= 2
        && firsts
            .windows(n)
            .any(|run| (0..n).any(|r| run.iter().cycle().skip(r).take(n).eq(want.iter())))
}

/// Neighbouring words joined, as a hyphen splits them: "I-BEST" gives `ibest`, "NA-C" `nac`.
pub fn joined(words: &[String]) -> Vec<String> {
    words
        .windows(2)
        .filter(|w| w[0].chars().count() <= 2 || w[1].chars().count() <= 2)
        .map(|w| format!("{}{}", w[0], w[1]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_meet_by_start_stem_and_typo() {
        assert_eq!(similarity("nurse", "nurse", true), 100);
        assert_eq!(similarity("nurs", "nursing", true), 90);
        assert_eq!(similarity("n", "nursing", true), 50);
        assert_eq!(similarity("nurses", "nurse", true), 95);
        assert_eq!(similarity("nurse", "nurses", true), 90);
        assert_eq!(similarity("nurse", "nursing", true), 85);
        assert_eq!(similarity("welding", "welder", true), 85);
        assert_eq!(similarity("nurce", "nurse", true), 65);
        assert_eq!(similarity("weldr", "welder", true), 65);
        assert_eq!(similarity("nurce", "nursing", true), 0);
        assert_eq!(similarity("teacher", "apprenticeship", true), 0);
        assert_eq!(similarity("cna", "cnc", true), 0, "no typos in three letters");
        assert_eq!(similarity("nrse", "nurse", true), 65);
        assert_eq!(similarity("ibst", "inst", true), 0, "a typo keeps the start");
    }

    #[test]
    fn stems_and_distances() {
        assert_eq!(stem("nurses"), "nurs");
        assert_eq!(stem("nursing"), "nurs");
        assert_eq!(stem("nurse"), "nurs");
        assert_eq!(stem("welder"), "weld");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(distance("nurce", "nurse", 1), 1);
        assert_eq!(distance("nusre", "nurse", 1), 1, "a swap is one edit");
        assert_eq!(distance("abc", "xyz", 1), 2);
        assert_eq!(distance("", "ab", 2), 2);
        assert_eq!(distance("café", "cafe", 1), 1);
    }

    #[test]
    fn initials_of_consecutive_words_in_any_order() {
        let of = |text: &str| -> Vec<char> {
            let ws: Vec<String> = words(text).collect();
            firsts(&ws).collect()
        };
        let title = of("Nursing Assistant Certified (NA-C) program");
        assert!(initials("cna", &title));
        assert!(initials("nac", &title));
        assert!(!initials("cnap", &title), "consecutive words only");
        assert!(!initials("cnc", &of("CNC machining certificate program")));
        assert!(!initials("cna", &of("CNC machining certificate program")));
        let admin = of("Network and computer systems administrator");
        assert!(!initials("cna", &admin), "small words are skipped");
        assert!(!initials("hse", &of("Electrician's helper")), "an 's is no word");
        let ibest: Vec<String> = words("I-BEST NA-C").collect();
        assert_eq!(joined(&ibest), ["ibest", "bestna", "nac"]);
        assert!(!initials("c", &title));
        assert!(
            !initials("abcdef", &of("aa bb cc dd ee ff")),
            "six letters are a word, not initials"
        );
    }
}

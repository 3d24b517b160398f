//! The fast path for well-formed stages and transitions: typed serde straight from the element's
//! text, with no `Value` in between.
//!
//! It accepts only what the careful path (`load`'s field-by-field reader) accepts and builds the
//! same result; anything else (an unknown field, a wrong type, a bad token) returns `None`, and the
//! careful path reads the element again to say exactly what is wrong.

use std::borrow::Cow;

use serde::Deserialize;

use crate::domain::level::Entry;
use crate::domain::model::{
    Kind, MAX_HOURS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_USD, MAX_WEEKS, Mode, Stage, StageDetails, Transition,
    Wage, within_chars,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage<'a> {
    id: String,
    title: String,
    // Tokens are only looked at: borrowed from the text when there is no escape in them.
    #[serde(borrow)]
    kind: Cow<'a, str>,
    level: u8,
    #[serde(borrow)]
    entry: Option<Vec<Cow<'a, str>>>,
    credential: Option<String>,
    weeks: Option<f64>,
    cost_usd: Option<f64>,
    wage: Option<RawWage>,
    soc: Option<String>,
    description: Option<String>,
    services: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    sources: Option<Vec<String>>,
    note: Option<String>,
    requires: Option<Vec<String>>,
    awards: Option<Vec<String>>,
    weeks_range: Option<(f64, f64)>,
    hours: Option<f64>,
    url: Option<String>,
    contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWage {
    median_annual_usd: f64,
    year: u16,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransition<'a> {
    // Borrowed from the file's text when there is no escape in them: no allocation per end.
    #[serde(borrow)]
    from: Cow<'a, str>,
    #[serde(borrow)]
    to: Cow<'a, str>,
    #[serde(borrow)]
    mode: Cow<'a, str>,
    weeks: Option<f64>,
    cost_usd: Option<f64>,
    note: Option<String>,
    sources: Option<Vec<String>>,
}

/// A stage from its JSON text, when it is well-formed in every way.
pub fn stage(text: &str) -> Option<Stage> {
    let raw: RawStage<'_> = serde_json::from_str(text).ok()?;
    let entry = match raw.entry {
        None => Vec::new(),
        Some(tokens) => {
            let mut entry: Vec<Entry> = Vec::with_capacity(tokens.len());
            for token in &tokens {
                if token.trim().is_empty() {
                    return None;
                }
                let e = Entry::parse(token).ok()?;
                if !entry.contains(&e) {
                    entry.push(e);
                }
            }
            entry
        }
    };
    let wage = match raw.wage {
        None => None,
        Some(w)
            if within(MAX_USD)(w.median_annual_usd)
                && (1900..=2100).contains(&w.year)
                && text_ok(&w.source) =>
        {
            Some(Wage {
                median_annual_usd: w.median_annual_usd,
                year: w.year,
                source: w.source,
                extra: None,
            })
        }
        Some(_) => return None,
    };
    let ok = id_ok(&raw.id)
        && name_ok(&raw.title)
        && raw.level <= 9
        && raw.credential.as_deref().is_none_or(name_ok)
        && opt_text_ok(&raw.soc)
        && opt_text_ok(&raw.description)
        && opt_text_ok(&raw.note)
        && raw.weeks.is_none_or(within(MAX_WEEKS))
        && raw.cost_usd.is_none_or(within(MAX_USD))
        && list_ok(&raw.services)
        && list_ok(&raw.tags)
        && list_ok(&raw.sources)
        && list_ok(&raw.requires)
        && list_ok(&raw.awards)
        && raw.hours.is_none_or(within(MAX_HOURS))
        && opt_text_ok(&raw.url)
        && opt_text_ok(&raw.contact)
        && raw.weeks_range.is_none_or(|(lo, hi)| {
            within(MAX_WEEKS)(lo)
                && within(MAX_WEEKS)(hi)
                && lo <= hi
                && raw.weeks.is_none_or(|w| lo <= w && w <= hi)
        });
    if !ok {
        return None;
    }
    Some(Stage {
        id: raw.id,
        title: raw.title,
        kind: Kind::parse(&raw.kind)?,
        level: raw.level,
        entry,
        credential: raw.credential,
        weeks: raw.weeks,
        cost_usd: raw.cost_usd,
        wage,
        soc: raw.soc,
        sources: raw.sources.unwrap_or_default(),
        pathway: 0,
        at: 0,
        details: StageDetails {
            description: raw.description,
            services: raw.services.unwrap_or_default(),
            tags: raw.tags.unwrap_or_default(),
            note: raw.note,
            requires: raw.requires.unwrap_or_default(),
            awards: raw.awards.unwrap_or_default(),
            weeks_range: raw.weeks_range,
            hours: raw.hours,
            url: raw.url,
            contact: raw.contact,
            explain: Default::default(),
            extra: Default::default(),
        }
        .boxed(),
    })
}

/// A transition from its JSON text, when it is well-formed in every way: (from, to, transition).
pub fn transition(text: &str) -> Option<(Cow<'_, str>, Cow<'_, str>, Transition)> {
    let raw: RawTransition<'_> = serde_json::from_str(text).ok()?;
    let ok = id_ok(&raw.from)
        && id_ok(&raw.to)
        && raw.from != raw.to
        && opt_text_ok(&raw.note)
        && raw.weeks.is_none_or(within(MAX_WEEKS))
        && raw.cost_usd.is_none_or(within(MAX_USD))
        && list_ok(&raw.sources);
    if !ok {
        return None;
    }
    let transition = Transition::new(Mode::parse(&raw.mode)?, raw.weeks, raw.cost_usd).with_details(
        raw.note,
        raw.sources.unwrap_or_default(),
        Default::default(),
    );
    Some((raw.from, raw.to, transition))
}

/// The careful path's bounds (`load`'s `opt_amount`).
fn within(max: f64) -> impl Fn(f64) -> bool {
    move |x| x.is_finite() && (0.0..=max).contains(&x)
}

fn text_ok(s: &str) -> bool {
    !s.trim().is_empty()
}

/// An id the fast path takes as it is: no line breaks or control characters, and already in
/// Unicode NFC (the careful path normalises the others).
fn id_ok(s: &str) -> bool {
    text_ok(s)
        && within_chars(s, MAX_ID_CHARS)
        && !s.chars().any(crate::sanitize::is_unsafe)
        && crate::domain::model::is_normal_id(s)
}

/// A title or credential the fast path takes: not blank, not over `MAX_NAME_CHARS`.
fn name_ok(s: &str) -> bool {
    text_ok(s) && within_chars(s, MAX_NAME_CHARS)
}

fn opt_text_ok(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(text_ok)
}

fn list_ok(list: &Option<Vec<String>>) -> bool {
    list.as_deref()
        .is_none_or(|items| items.iter().all(|s| text_ok(s)))
}

//! The embedded OEWS extract, `data/wages/` (written by `data/wages/build.py`): the area index
//! and occupation titles as text, the estimates as one gzip member per area, so that showing a
//! wage decompresses only the areas shown (about 10 KB each) and a command that shows none pays
//! nothing.

use std::io::Read;

use flate2::read::GzDecoder;

use super::{Amount, Area, AreaKind, Estimate};

const AREAS: &str = include_str!("../../../data/wages/areas.tsv");
const OCCUPATIONS: &str = include_str!("../../../data/wages/occupations.tsv");
const CELLS: &[u8] = include_bytes!("../../../data/wages/oews.csv.gz");
pub(super) const META: &str = include_str!("../../../data/wages/oews.meta");

/// The areas in file order: the nation, then states and territories, then metro and nonmetro areas.
pub(super) fn areas() -> Vec<Area> {
    AREAS.lines().skip(1).filter_map(area).collect()
}

fn area(line: &'static str) -> Option<Area> {
    let mut cols = line.split('\t');
    let code = cols.next()?;
    let kind = match cols.next()? {
        "N" => AreaKind::Nation,
        "S" => AreaKind::State,
        _ => AreaKind::Metro,
    };
    let state = cols.next()?;
    let name = cols.next()?;
    let kind = if kind == AreaKind::Metro && name.ends_with("nonmetropolitan area") {
        AreaKind::Nonmetro
    } else {
        kind
    };
    let offset = cols.next()?.parse().ok()?;
    let length = cols.next()?.parse().ok()?;
    Some(Area {
        code,
        kind,
        state,
        name,
        member: (offset, length),
    })
}

/// `(soc, title)` of every detailed occupation, sorted by SOC code.
pub(super) fn occupations() -> Vec<(&'static str, &'static str)> {
    OCCUPATIONS
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// The estimates of one area, sorted by SOC code; empty if its member cannot be read.
pub(super) fn estimates(area: &Area, top_annual: f64, top_hourly: f64) -> Vec<(u32, Estimate)> {
    let (offset, length) = area.member;
    let Some(bytes) = CELLS.get(offset..offset.saturating_add(length)) else {
        return Vec::new();
    };
    let mut text = String::with_capacity(length * 4);
    if GzDecoder::new(bytes).read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let mut rows: Vec<(u32, Estimate)> = text
        .lines()
        .filter_map(|line| row(line, top_annual, top_hourly))
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    rows
}

/// `area,soc,employment,employment_note,hourly_median,hourly_note,annual_median,annual_note`.
fn row(line: &str, top_annual: f64, top_hourly: f64) -> Option<(u32, Estimate)> {
    let mut cols = line.split(',');
    let _area = cols.next()?;
    let soc = soc_key(cols.next()?)?;
    let employment = cols.next()?.parse().ok();
    let _employment_note = cols.next()?;
    let hourly = amount(cols.next()?, cols.next()?, top_hourly);
    let annual = amount(cols.next()?, cols.next()?, top_annual);
    Some((
        soc,
        Estimate {
            employment,
            hourly,
            annual,
        },
    ))
}

fn amount(value: &str, note: &str, top: f64) -> Amount {
    match value.parse::<f64>() {
        Ok(v) => Amount::Usd(v),
        Err(_) if note.split(' ').any(|n| n == "5") => Amount::AtLeast(top),
        Err(_) if note.split(' ').any(|n| n == "4") => Amount::NotPublished,
        Err(_) => Amount::NotReleased,
    }
}

/// "31-1131" (or "311131", or "31-1131.00" as O*NET writes it) as the number 311131. Read
/// without allocating: it runs once for every row of an area.
pub(super) fn soc_key(soc: &str) -> Option<u32> {
    let soc = soc.trim();
    let soc = soc.strip_suffix(".00").unwrap_or(soc);
    let mut key = 0u32;
    let mut digits = 0;
    for b in soc.bytes() {
        match b {
            b'0'..=b'9' => {
                key = key * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'-' if digits == 2 => {}
            _ => return None,
        }
        if digits > 6 {
            return None;
        }
    }
    (digits == 6).then_some(key)
}

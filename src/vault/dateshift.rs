//! Date shifting: parse a date as clinicians write it, move it by a number of days, and write it
//! back in the same format (the `date-shift` operator's arithmetic; the vault owns the per-session
//! offset, and the caller decides what to do with values this module declines).
//!
//! A value is cut into surrounding whitespace, a date part and an optional time tail (`14:30`,
//! `T14:30:00Z`, `at 2:30 PM`) that is copied unchanged. The date part is tokenised into digit
//! runs, letter runs and separators; each token gets a role (year, month number, month name, day,
//! ordinal suffix, weekday, literal) that remembers how it was written (width, zero padding,
//! spelling, case), and the shifted date is rendered through the same roles.
//!
//! Three kinds of date are shifted:
//! - full dates (`3/14/2023`, `March 14th, 2023`, `20230314`, ...): proleptic Gregorian arithmetic;
//! - dates without a year (`3/14`, `March 14th`): day of year on a 366-day cycle (the leap year
//!   2000), so that for a fixed offset the shift is a bijection on month/day pairs, `2/29`
//!   included; away from the end of February it agrees with any real year;
//! - month and year (`Mar 2023`, `03/2023`): moved by the offset rounded to whole months (30.436875
//!   days each), again a bijection (shifting the 15th is not: with +14 days both February and March
//!   land in March).
//!
//! Weekday names move by `days mod 7` from the written weekday, so a correct weekday stays correct
//! and a wrong one stays exactly as wrong (and reversible).
//!
//! Guarantees, for a fixed `days`: distinct inputs of the same format give distinct outputs, and
//! `shift_date(&shift_date(v, d)?, -d)` denotes the same date as `v`. It is byte-identical to `v`
//! unless `v` carried a style its output cannot show: zero padding that no field makes visible
//! (`12/15/2023` reads as padded), `Sept` after a move to another month, a dot-less `May` (read as
//! the full name). To keep the same-date guarantee the function declines (`None`) a shift whose
//! output would be read differently: a two-digit year leaving 1950..=2049, a day-first `14/03/2023`
//! whose shifted day is 12 or less, a four-digit year leaving 1000..=9999.
//!
//! `None` also means: not a date with a day (a year alone, `the 14th`, seasons, holidays), or an
//! invalid calendar date (`2/30/2023`). Years alone are kept by the caller; anything else declined
//! must be redacted some other way, never kept.

use crate::detect::dictionary::{MONTH_NAMES as MONTHS, WEEKDAY_NAMES as WEEKDAYS};

/// `value` moved by `days`, in the format it was written in; `None` when `value` is not a date
/// this module can parse, or carries no day (a year alone is kept by the caller).
pub(crate) fn shift_date(value: &str, days: i32) -> Option<String> {
    let inner = value.trim();
    if inner.is_empty() {
        return None;
    }
    let lead = &value[..value.len() - value.trim_start().len()];
    let trail = &value[value.trim_end().len()..];
    let (date_part, time_tail) = split_time(inner)
        .and_then(|(d, t)| Some((parse(d)?, t)))
        .or_else(|| split_military(inner).and_then(|(d, t)| Some((parse(d)?, t))))?;
    let body = date_part.render(i64::from(days))?;
    Some(format!("{lead}{body}{time_tail}{trail}"))
}

/// A date followed by a four-digit time without a colon (`6/8 at 1100`, `2/19/2014 0215`,
/// `3/4, 0600h`): the date part and the time tail, copied unchanged. Tried only when the whole
/// value does not parse as a date (`March 14, 2023` ends in four digits too).
fn split_military(s: &str) -> Option<(&str, &str)> {
    let t = s.strip_suffix(['h', 'H']).unwrap_or(s);
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits != 4 {
        return None;
    }
    let start = t.len() - 4;
    let (h, m) = (
        t[start..start + 2].parse::<u32>().ok()?,
        t[start + 2..].parse::<u32>().ok()?,
    );
    if h > 23 || m > 59 {
        return None;
    }
    let spaced = t[..start].trim_end();
    if spaced.len() == start {
        return None;
    }
    let joined = spaced
        .strip_suffix(" at")
        .or_else(|| spaced.strip_suffix(" AT"))
        .or_else(|| spaced.strip_suffix('@'));
    let before = joined.unwrap_or(spaced).trim_end();
    let before = before.strip_suffix(',').unwrap_or(before).trim_end();
    // Without `at` or `@`, only after a numeric date, and four digits that could be a year
    // only after a date that has one (`Feb 29, 2023` is an invalid date, not `Feb 29` at
    // 20:23).
    let has_year = before
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4);
    let numeric = before.contains(['/', '-']);
    let year_like = matches!(&t[start..start + 2], "19" | "20");
    let ok = joined.is_some() || numeric && (has_year || !year_like);
    (ok && !before.is_empty()).then(|| (before, &s[before.len()..]))
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian).

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ---------------------------------------------------------------------------------------------
// Names: the month and weekday tables are the dictionary's.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Title,
    Upper,
    Lower,
}

impl Case {
    fn of(word: &str) -> Case {
        if word.chars().all(|c| c.is_ascii_uppercase()) && word.len() > 1 {
            Case::Upper
        } else if word.chars().all(|c| c.is_ascii_lowercase()) {
            Case::Lower
        } else {
            Case::Title
        }
    }

    /// `word` (lower case ASCII) written in this case.
    fn apply(self, word: &str) -> String {
        match self {
            Case::Upper => word.to_ascii_uppercase(),
            Case::Lower => word.to_string(),
            Case::Title => {
                let mut out = word.to_string();
                if let Some(first) = out.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                out
            }
        }
    }
}

/// How a month or weekday name was spelt: in full or abbreviated. The written text is kept so a
/// name that does not move (`Sept` shifted within September, `Tues` by a multiple of 7) is copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    Full,
    Abbrev,
}

/// Index (0-based) and spelling of a month name: full, three letters, or `Sept`.
fn month_name(word: &str) -> Option<(u32, Spelling)> {
    let w = word.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some((i as u32, Spelling::Full));
    }
    if w == "sept" {
        return Some((8, Spelling::Abbrev));
    }
    if w.len() == 3 {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(w.as_str()))
            .map(|i| (i as u32, Spelling::Abbrev));
    }
    None
}

fn weekday_name(word: &str) -> Option<(u32, Spelling)> {
    let w = word.to_ascii_lowercase();
    if let Some(i) = WEEKDAYS.iter().position(|d| *d == w) {
        return Some((i as u32, Spelling::Full));
    }
    let i = match w.as_str() {
        "mon" => 0,
        "tue" | "tues" => 1,
        "wed" => 2,
        "thu" | "thur" | "thurs" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    };
    Some((i, Spelling::Abbrev))
}

fn render_name(table: &[&str], index: u32, spelling: Spelling, case: Case) -> String {
    let full = table.get(index as usize).copied().unwrap_or("");
    let word = match spelling {
        Spelling::Full => full,
        Spelling::Abbrev => full.get(..3).unwrap_or(full),
    };
    case.apply(word)
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

// ---------------------------------------------------------------------------------------------
// Splitting off the time.

/// Splits `s` into the date part and a time tail copied as is (`" 14:30"`, `"T14:30:00Z"`,
/// `", at 2:30 PM"`). `None` when the tail holds something that is not a time.
fn split_time(s: &str) -> Option<(&str, &str)> {
    let Some(colon) = s.find(':') else {
        return Some((s, ""));
    };
    let bytes = s.as_bytes();
    let mut start = colon;
    while start > 0 && bytes[start - 1].is_ascii_digit() {
        start -= 1;
    }
    if start == colon || colon - start > 2 {
        return None;
    }
    let mut cut = start;
    if cut > 0 && bytes[cut - 1] == b'T' {
        cut -= 1;
    } else {
        let before = s[..cut].trim_end();
        let before = before
            .strip_suffix(" at")
            .or_else(|| before.strip_suffix(" AT"))
            .or_else(|| before.strip_suffix("@"))
            .unwrap_or(before);
        let before = before.trim_end();
        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
        if before.len() == cut {
            // No separator between date and time.
            return None;
        }
        cut = before.len();
    }
    let tail = &s[cut..];
    let timeish = tail
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " :.,+-@".contains(c));
    if cut == 0 || !timeish {
        return None;
    }
    Some((&s[..cut], tail))
}

// ---------------------------------------------------------------------------------------------
// Tokens and roles.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num,
    Alpha,
    Sep,
}

fn tokenize(s: &str) -> Vec<(Kind, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in s.char_indices() {
        let k = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_ascii_alphabetic() {
            Kind::Alpha
        } else {
            Kind::Sep
        };
        if kind != Some(k) {
            if let Some(prev) = kind {
                out.push((prev, &s[start..i]));
            }
            start = i;
            kind = Some(k);
        }
    }
    if let Some(prev) = kind {
        out.push((prev, &s[start..]));
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Lit(&'a str),
    /// A year written with `width` digits (2 or 4).
    Year {
        width: usize,
    },
    /// A month number, zero padded to 2 digits or not.
    MonthNum {
        pad: bool,
    },
    MonthName {
        spelling: Spelling,
        case: Case,
        written: &'a str,
    },
    Day {
        pad: bool,
    },
    Ordinal {
        case: Case,
    },
    /// A weekday name; `index` is the weekday as written (0 = Monday).
    Weekday {
        index: u32,
        spelling: Spelling,
        case: Case,
        written: &'a str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Full { y: i64, m: u32, d: u32 },
    NoYear { m: u32, d: u32 },
    MonthYear { y: i64, m: u32 },
}

#[derive(Debug)]
struct Parsed<'a> {
    pieces: Vec<Piece<'a>>,
    when: When,
    /// Day-first numeric date read so only because the day was above 12 (`14/03/2023`).
    day_first_by_value: bool,
}

/// One significant token: a number (and where its piece sits, for its role) or a month name.
#[derive(Debug, Clone, Copy)]
enum Field<'a> {
    Num {
        text: &'a str,
        piece: usize,
        ordinal: bool,
    },
    Month {
        index: u32,
    },
}

fn parse(s: &str) -> Option<Parsed<'_>> {
    let toks = tokenize(s);
    let mut pieces = Vec::with_capacity(toks.len());
    let mut fields: Vec<Field<'_>> = Vec::new();
    // Separators between fields, as written (`of` included).
    let mut seps: Vec<String> = Vec::new();
    let mut weekday = false;
    let mut i = 0;
    if let Some(&(Kind::Alpha, w)) = toks.first()
        && let Some((index, spelling)) = weekday_name(w)
    {
        pieces.push(Piece::Weekday {
            index,
            spelling,
            case: Case::of(w),
            written: w,
        });
        let (Kind::Sep, sep) = *toks.get(1)? else {
            return None;
        };
        if !matches!(sep.trim_end(), "" | "," | ".") {
            return None;
        }
        pieces.push(Piece::Lit(sep));
        weekday = true;
        i = 2;
    }
    let mut pending_sep: Option<String> = None;
    while i < toks.len() {
        let (kind, text) = toks[i];
        match kind {
            Kind::Num => {
                let ordinal = matches!(toks.get(i + 1), Some(&(Kind::Alpha, w))
                    if matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th"));
                if let Some(sep) = pending_sep.take() {
                    seps.push(sep);
                } else if !fields.is_empty() {
                    return None; // Two fields with nothing between them.
                }
                fields.push(Field::Num {
                    text,
                    piece: pieces.len(),
                    ordinal,
                });
                pieces.push(Piece::Lit(text)); // Role assigned once the pattern is known.
                if ordinal {
                    let (_, w) = toks[i + 1];
                    pieces.push(Piece::Ordinal { case: Case::of(w) });
                    i += 1;
                }
            }
            Kind::Alpha if text.eq_ignore_ascii_case("of") && !fields.is_empty() => {
                pieces.push(Piece::Lit(text));
                pending_sep.get_or_insert_with(String::new).push_str("of");
            }
            Kind::Alpha => {
                let (index, mut spelling) = month_name(text)?;
                if index == 4
                    && matches!(toks.get(i + 1), Some(&(Kind::Sep, t)) if t.starts_with('.'))
                {
                    spelling = Spelling::Abbrev; // `May.` is the abbreviation.
                }
                if let Some(sep) = pending_sep.take() {
                    seps.push(sep);
                } else if !fields.is_empty() {
                    return None;
                }
                fields.push(Field::Month { index });
                pieces.push(Piece::MonthName {
                    spelling,
                    case: Case::of(text),
                    written: text,
                });
            }
            Kind::Sep => {
                if text.len() > 3 || !text.chars().all(|c| " ,/.-".contains(c)) {
                    return None;
                }
                if fields.is_empty() && !weekday {
                    return None;
                }
                pieces.push(Piece::Lit(text));
                pending_sep.get_or_insert_with(String::new).push_str(text);
            }
        }
        i += 1;
    }
    if let Some(sep) = pending_sep {
        // Only an abbreviation dot may close the date (`14 Sept.`).
        if sep != "." || !matches!(fields.last(), Some(Field::Month { .. })) {
            return None;
        }
    }
    if weekday && fields.is_empty() {
        return None;
    }
    classify(pieces, &fields, &seps)
}

fn num(text: &str) -> Option<u32> {
    text.parse().ok()
}

/// Day of a textual date: 1 or 2 digits, padded only when it shows a leading zero.
fn text_day(text: &str) -> Option<(u32, bool)> {
    if text.is_empty() || text.len() > 2 {
        return None;
    }
    Some((num(text)?, text.len() == 2 && text.starts_with('0')))
}

fn year_of(text: &str) -> Option<(i64, usize)> {
    let v = i64::from(num(text)?);
    match text.len() {
        2 => Some((if v < 50 { 2000 + v } else { 1900 + v }, 2)),
        4 if v >= 1000 => Some((v, 4)),
        _ => None,
    }
}

/// Padding of a numeric month and day written together: visible evidence on either field decides
/// for both; with none (`12/15`) they read as padded, which shows no difference until shifted.
fn pads(m: &str, d: &str) -> (bool, bool) {
    let zero = |t: &str| t.len() == 2 && t.starts_with('0');
    let short = |t: &str| t.len() == 1;
    match (zero(m) || zero(d), short(m) || short(d)) {
        (true, true) => (!short(m), !short(d)),
        (false, true) => (false, false),
        _ => (true, true),
    }
}

fn classify<'a>(
    mut pieces: Vec<Piece<'a>>,
    fields: &[Field<'a>],
    seps: &[String],
) -> Option<Parsed<'a>> {
    use Field::{Month, Num};
    let has_ordinal = fields
        .iter()
        .any(|f| matches!(f, Num { ordinal: true, .. }));
    let mut day_first_by_value = false;
    let when = match fields {
        // 20230314
        [
            Num {
                text,
                piece,
                ordinal: false,
            },
        ] if text.len() == 8 => {
            let (y, m, d) = (num(&text[..4])?, num(&text[4..6])?, num(&text[6..])?);
            if y < 1000 {
                return None;
            }
            pieces.splice(
                *piece..=*piece,
                [
                    Piece::Year { width: 4 },
                    Piece::MonthNum { pad: true },
                    Piece::Day { pad: true },
                ],
            );
            When::Full {
                y: i64::from(y),
                m,
                d,
            }
        }
        [
            Num {
                text: a, piece: pa, ..
            },
            Num {
                text: b, piece: pb, ..
            },
            Num {
                text: c, piece: pc, ..
            },
        ] => {
            let sep = seps.first()?.as_str();
            if has_ordinal
                || seps.get(1).map(String::as_str) != Some(sep)
                || !matches!(sep, "/" | "-" | ".")
            {
                return None;
            }
            if a.len() == 4 {
                let (y, _) = year_of(a)?;
                if b.len() > 2 || c.len() > 2 {
                    return None;
                }
                let (pm, pd) = pads(b, c);
                pieces[*pa] = Piece::Year { width: 4 };
                pieces[*pb] = Piece::MonthNum { pad: pm };
                pieces[*pc] = Piece::Day { pad: pd };
                When::Full {
                    y,
                    m: num(b)?,
                    d: num(c)?,
                }
            } else {
                let (y, width) = year_of(c)?;
                if a.len() > 2 || b.len() > 2 {
                    return None;
                }
                let (x, z) = (num(a)?, num(b)?);
                let day_first = sep == "." || x > 12;
                day_first_by_value = day_first && sep != ".";
                let (mt, dt, pm, pd) = if day_first {
                    (b, a, pb, pa)
                } else {
                    (a, b, pa, pb)
                };
                let (padm, padd) = pads(mt, dt);
                pieces[*pm] = Piece::MonthNum { pad: padm };
                pieces[*pd] = Piece::Day { pad: padd };
                pieces[*pc] = Piece::Year { width };
                let (m, d) = if day_first { (z, x) } else { (x, z) };
                When::Full { y, m, d }
            }
        }
        [
            Num {
                text: a, piece: pa, ..
            },
            Num {
                text: b, piece: pb, ..
            },
        ] => {
            let sep = seps.first()?.as_str();
            if has_ordinal || !matches!(sep, "/" | "-" | ".") {
                return None;
            }
            match (a.len(), b.len()) {
                (4, 1..=2) if sep != "." => {
                    let (y, _) = year_of(a)?;
                    pieces[*pa] = Piece::Year { width: 4 };
                    pieces[*pb] = Piece::MonthNum { pad: b.len() == 2 };
                    When::MonthYear { y, m: num(b)? }
                }
                (1..=2, 4) if sep != "." => {
                    let (y, _) = year_of(b)?;
                    pieces[*pa] = Piece::MonthNum { pad: a.len() == 2 };
                    pieces[*pb] = Piece::Year { width: 4 };
                    When::MonthYear { y, m: num(a)? }
                }
                (1..=2, 1..=2) => {
                    let (x, z) = (num(a)?, num(b)?);
                    let day_first = sep == "." || x > 12;
                    day_first_by_value = day_first && sep != ".";
                    let (mt, dt, pm, pd) = if day_first {
                        (b, a, pb, pa)
                    } else {
                        (a, b, pa, pb)
                    };
                    let (padm, padd) = pads(mt, dt);
                    pieces[*pm] = Piece::MonthNum { pad: padm };
                    pieces[*pd] = Piece::Day { pad: padd };
                    let (m, d) = if day_first { (z, x) } else { (x, z) };
                    When::NoYear { m, d }
                }
                _ => return None,
            }
        }
        // March 14, 2023 / March 14th 2023 / Mar 23 2023
        [
            Month { index, .. },
            Num {
                text: d, piece: pd, ..
            },
            Num {
                text: y,
                piece: py,
                ordinal: false,
            },
        ] => {
            let (day, pad) = text_day(d)?;
            let (year, width) = year_of(y)?;
            pieces[*pd] = Piece::Day { pad };
            pieces[*py] = Piece::Year { width };
            When::Full {
                y: year,
                m: index + 1,
                d: day,
            }
        }
        // 14 Mar 2023 / 14-Mar-2023 / 14th of March, 2023
        [
            Num {
                text: d, piece: pd, ..
            },
            Month { index, .. },
            Num {
                text: y,
                piece: py,
                ordinal: false,
            },
        ] if d.len() <= 2 => {
            let (day, pad) = text_day(d)?;
            let (year, width) = year_of(y)?;
            pieces[*pd] = Piece::Day { pad };
            pieces[*py] = Piece::Year { width };
            When::Full {
                y: year,
                m: index + 1,
                d: day,
            }
        }
        // 2023-Mar-14
        [
            Num {
                text: y,
                piece: py,
                ordinal: false,
            },
            Month { index, .. },
            Num {
                text: d, piece: pd, ..
            },
        ] if y.len() == 4 => {
            let (day, pad) = text_day(d)?;
            let (year, _) = year_of(y)?;
            pieces[*pd] = Piece::Day { pad };
            pieces[*py] = Piece::Year { width: 4 };
            When::Full {
                y: year,
                m: index + 1,
                d: day,
            }
        }
        // Mar 2023 / March, 2023
        [
            Month { index, .. },
            Num {
                text: y,
                piece: py,
                ordinal: false,
            },
        ] if y.len() == 4 => {
            let (year, _) = year_of(y)?;
            pieces[*py] = Piece::Year { width: 4 };
            When::MonthYear {
                y: year,
                m: index + 1,
            }
        }
        // March 14 / March 14th
        [
            Month { index, .. },
            Num {
                text: d, piece: pd, ..
            },
        ] => {
            let (day, pad) = text_day(d)?;
            pieces[*pd] = Piece::Day { pad };
            When::NoYear {
                m: index + 1,
                d: day,
            }
        }
        // 14 March / 14th of March
        [
            Num {
                text: d, piece: pd, ..
            },
            Month { index, .. },
        ] => {
            let (day, pad) = text_day(d)?;
            pieces[*pd] = Piece::Day { pad };
            When::NoYear {
                m: index + 1,
                d: day,
            }
        }
        _ => return None,
    };
    let valid = match when {
        When::Full { y, m, d } => d >= 1 && d <= days_in_month(y, m),
        When::NoYear { m, d } => d >= 1 && d <= days_in_month(2000, m),
        When::MonthYear { m, .. } => (1..=12).contains(&m),
    };
    valid.then_some(Parsed {
        pieces,
        when,
        day_first_by_value,
    })
}

/// Average Gregorian month (146,097 days / 4,800 months), for month-year shifts.
const MONTH_DAYS: f64 = 30.436_875;

impl Parsed<'_> {
    fn render(&self, days: i64) -> Option<String> {
        let (y, m, d) = match self.when {
            When::Full { y, m, d } => civil_from_days(days_from_civil(y, m, d) + days),
            When::NoYear { m, d } => {
                let base = days_from_civil(2000, 1, 1);
                let doy = days_from_civil(2000, m, d) - base;
                let (_, m, d) = civil_from_days(base + (doy + days).rem_euclid(366));
                (2000, m, d)
            }
            When::MonthYear { y, m } => {
                let k = (days as f64 / MONTH_DAYS).round() as i64;
                let total = y * 12 + i64::from(m) - 1 + k;
                (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32, 1)
            }
        };
        if self.day_first_by_value && d <= 12 {
            return None; // Would read back month-first.
        }
        let mut out = String::new();
        for piece in &self.pieces {
            match *piece {
                Piece::Lit(t) => out.push_str(t),
                Piece::Year { width: 2 } => {
                    if !(1950..=2049).contains(&y) {
                        return None;
                    }
                    out.push_str(&format!("{:02}", y % 100));
                }
                Piece::Year { .. } => {
                    if !(1000..=9999).contains(&y) {
                        return None;
                    }
                    out.push_str(&y.to_string());
                }
                Piece::MonthNum { pad: true } => out.push_str(&format!("{m:02}")),
                Piece::MonthNum { pad: false } => out.push_str(&m.to_string()),
                Piece::Day { pad: true } => out.push_str(&format!("{d:02}")),
                Piece::Day { pad: false } => out.push_str(&d.to_string()),
                Piece::Ordinal { case } => out.push_str(&case.apply(ordinal_suffix(d))),
                Piece::MonthName {
                    spelling,
                    case,
                    written,
                } => {
                    let same = self.month() == m;
                    if same {
                        out.push_str(written);
                    } else {
                        out.push_str(&render_name(&MONTHS, m - 1, spelling, case));
                    }
                }
                Piece::Weekday {
                    index,
                    spelling,
                    case,
                    written,
                } => {
                    let new = (i64::from(index) + days).rem_euclid(7) as u32;
                    if new == index {
                        out.push_str(written);
                    } else {
                        out.push_str(&render_name(&WEEKDAYS, new, spelling, case));
                    }
                }
            }
        }
        Some(out)
    }

    fn month(&self) -> u32 {
        match self.when {
            When::Full { m, .. } | When::NoYear { m, .. } | When::MonthYear { m, .. } => m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn shifts_each_format_in_place() {
        let cases: &[(&str, i32, Option<&str>)] = &[
            ("3/14/2023", 10, Some("3/24/2023")),
            ("03/14/2023", 30, Some("04/13/2023")),
            ("03-14-23", -14, Some("02-28-23")),
            ("3/14/23", 365, Some("3/13/24")),
            ("2023-03-14", 1, Some("2023-03-15")),
            ("2023/03/14", -14, Some("2023/02/28")),
            ("20230314", 18, Some("20230401")),
            ("March 14, 2023", 18, Some("April 1, 2023")),
            ("Mar 14 2023", 18, Some("Apr 1 2023")),
            ("14 Mar 2023", -14, Some("28 Feb 2023")),
            ("14-Mar-2023", 300, Some("8-Jan-2024")),
            ("14th of March, 2023", 8, Some("22nd of March, 2023")),
            ("March 14th", 19, Some("April 2nd")),
            ("Mar 2023", 40, Some("Apr 2023")),
            ("March 2023", -100, Some("December 2022")),
            ("03/2023", 31, Some("04/2023")),
            ("2023-03", -31, Some("2023-02")),
            ("3/14", 1, Some("3/15")),
            ("03/14", -14, Some("02/29")),
            ("2/28", 1, Some("2/29")),
            ("2/29", 1, Some("3/1")),
            // No field shows its padding, so the output is padded (it reads back the same).
            ("12/31", 1, Some("01/01")),
            ("12/31", 2, Some("01/02")),
            ("1/31", 1, Some("2/1")),
            ("3/14/2023 14:30", 1, Some("3/15/2023 14:30")),
            // A four-digit time after the date is copied too; a year is not a time.
            ("6/8 at 1100", 1, Some("6/9 at 1100")),
            ("2/19/2014 0215", 1, Some("2/20/2014 0215")),
            ("3/4, 0600h", 1, Some("3/5, 0600h")),
            ("March 14 2023", 1, Some("March 15 2023")),
            ("Tue 3/4/2025 4:51 PM", 1, Some("Wed 3/5/2025 4:51 PM")),
            ("2023-03-14T14:30:00", -14, Some("2023-02-28T14:30:00")),
            ("2023-03-14T14:30:00Z", 1, Some("2023-03-15T14:30:00Z")),
            (
                "March 14, 2023 at 2:30 PM",
                1,
                Some("March 15, 2023 at 2:30 PM"),
            ),
            (
                "Tuesday, March 14, 2023",
                1,
                Some("Wednesday, March 15, 2023"),
            ),
            ("TUE 3/14/2023", 2, Some("THU 3/16/2023")),
            ("Tues, Mar 14", 7, Some("Tues, Mar 21")),
            ("14.03.2023", 1, Some("15.03.2023")),
            ("14/03/2023", 1, Some("15/03/2023")),
            ("14/03/2023", -5, None),
            ("12/31/99", 1, Some("01/01/00")),
            ("9/30/99", 1, Some("10/1/99")),
            ("12/31/49", 1, None),
            ("1/1/50", -1, None),
            (" Sept. 5, 2023 ", 1, Some(" Sept. 6, 2023 ")),
            ("Sept. 30, 2023", 1, Some("Oct. 1, 2023")),
            ("Mar. 31, 2023", 31, Some("May. 1, 2023")),
            ("MARCH 14, 2023", 31, Some("APRIL 14, 2023")),
            ("march 14th", 31, Some("april 14th")),
            ("14TH MARCH", 9, Some("23RD MARCH")),
            ("Feb 29, 2024", 365, Some("Feb 28, 2025")),
            ("March 05, 2023", 1, Some("March 06, 2023")),
            ("2023-Mar-14", 1, Some("2023-Mar-15")),
            ("the 14th", 1, None),
            ("2023", 1, None),
            ("2/30/2023", 1, None),
            ("Feb 29, 2023", 1, None),
            ("13/13/2023", 1, None),
            ("spring", 1, None),
            ("Christmas 2023", 1, None),
            ("", 1, None),
            ("3/14/2023/5", 1, None),
            ("3-14/2023", 1, None),
            ("Monday", 1, None),
            ("14:30", 1, None),
            ("of March 14", 1, None),
            ("3/14/2023 Sat 14:30", 1, None),
            ("3/14/2023 AT 09:00", 1, Some("3/15/2023 AT 09:00")),
        ];
        for &(value, days, want) in cases {
            assert_eq!(
                shift_date(value, days).as_deref(),
                want,
                "{value:?} {days:+}"
            );
        }
    }

    #[test]
    fn calendar_round_trips() {
        for z in -800_000..800_000i64 {
            let (y, m, d) = civil_from_days(z);
            assert!(d >= 1 && d <= days_in_month(y, m), "{z}");
            assert_eq!(days_from_civil(y, m, d), z);
        }
        let known: &[((i64, u32, u32), i64)] = &[
            ((1970, 1, 1), 0),
            ((2000, 3, 1), 11_017),
            ((1969, 12, 31), -1),
            ((2023, 3, 14), 19_430),
        ];
        for &((y, m, d), z) in known {
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const FULL: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];

    /// A format: how to write (y, m, d), and whether reversal must give back the same bytes
    /// (`true`) or only the same date (the style is not visible in every output).
    type Format = (&'static str, fn(i64, u32, u32) -> Option<String>, bool);

    fn formats() -> Vec<Format> {
        vec![
            (
                "MM/DD/YYYY",
                |y, m, d| Some(format!("{m:02}/{d:02}/{y}")),
                true,
            ),
            ("M/D/YYYY", |y, m, d| Some(format!("{m}/{d}/{y}")), false),
            (
                "MM-DD-YY",
                |y, m, d| Some(format!("{m:02}-{d:02}-{:02}", y % 100)),
                true,
            ),
            (
                "YYYY-MM-DD",
                |y, m, d| Some(format!("{y}-{m:02}-{d:02}")),
                true,
            ),
            (
                "YYYY/MM/DD",
                |y, m, d| Some(format!("{y}/{m:02}/{d:02}")),
                true,
            ),
            ("YYYYMMDD", |y, m, d| Some(format!("{y}{m:02}{d:02}")), true),
            (
                "Month D, YYYY",
                |y, m, d| Some(format!("{} {d}, {y}", FULL[m as usize - 1])),
                true,
            ),
            (
                "Mon D YYYY",
                |y, m, d| Some(format!("{} {d} {y}", MON[m as usize - 1])),
                false,
            ),
            (
                "D Mon. YYYY",
                |y, m, d| Some(format!("{d} {}. {y}", MON[m as usize - 1])),
                true,
            ),
            (
                "DD-MON-YYYY",
                |y, m, d| Some(format!("{d:02}-{}-{y}", MON[m as usize - 1].to_uppercase())),
                false,
            ),
            (
                "Dth of Month, YYYY",
                |y, m, d| {
                    Some(format!(
                        "{d}{} of {}, {y}",
                        ordinal_suffix(d),
                        FULL[m as usize - 1]
                    ))
                },
                true,
            ),
            (
                "Month Dth",
                |_, m, d| Some(format!("{} {d}{}", FULL[m as usize - 1], ordinal_suffix(d))),
                true,
            ),
            ("MM/DD", |_, m, d| Some(format!("{m:02}/{d:02}")), true),
            ("M/D", |_, m, d| Some(format!("{m}/{d}")), false),
            (
                "DD.MM.YYYY",
                |y, m, d| Some(format!("{d:02}.{m:02}.{y}")),
                true,
            ),
            (
                "Weekday, Month D, YYYY",
                |y, m, d| {
                    let wd = (days_from_civil(y, m, d) + 3).rem_euclid(7) as usize;
                    Some(format!("{}, {} {d}, {y}", DAYS[wd], FULL[m as usize - 1]))
                },
                true,
            ),
            (
                "ISO with time",
                |y, m, d| Some(format!("{y}-{m:02}-{d:02}T14:30:00")),
                true,
            ),
            (
                "MM/DD/YYYY HH:MM",
                |y, m, d| Some(format!("{m:02}/{d:02}/{y} 14:30")),
                true,
            ),
            (
                "D/M/YYYY",
                |y, m, d| (d > 12).then(|| format!("{d}/{m}/{y}")),
                false,
            ),
            (
                "Month YYYY",
                |y, m, _| Some(format!("{} {y}", FULL[m as usize - 1])),
                true,
            ),
        ]
    }

    /// The date a value denotes, for the same-date half of the reversibility property.
    fn denotes(value: &str) -> Option<When> {
        let (date, _) = split_time(value.trim())?;
        parse(date).map(|p| p.when)
    }

    #[test]
    fn injective_and_reversible_over_many_dates_and_offsets() {
        let start = days_from_civil(1990, 1, 1);
        let end = days_from_civil(2036, 1, 1);
        let offsets: Vec<i32> = (-365..=365)
            .step_by(11)
            .chain([-365, -1, 0, 1, 365])
            .collect();
        for (name, write, exact) in formats() {
            for &days in &offsets {
                let mut seen: HashMap<String, String> = HashMap::new();
                let mut accepted = 0;
                for z in (start..end).step_by(17) {
                    let (y, m, d) = civil_from_days(z);
                    let Some(v) = write(y, m, d) else { continue };
                    let Some(out) = shift_date(&v, days) else {
                        continue;
                    };
                    accepted += 1;
                    if let Some(prev) = seen.insert(out.clone(), v.clone()) {
                        assert_eq!(
                            prev, v,
                            "{name}: {prev:?} and {v:?} both give {out:?} at {days:+}"
                        );
                    }
                    let back = shift_date(&out, -days);
                    if exact {
                        assert_eq!(
                            back.as_deref(),
                            Some(v.as_str()),
                            "{name}: {v:?} {days:+} -> {out:?}"
                        );
                    } else {
                        let back = back.unwrap_or_default();
                        assert_eq!(
                            denotes(&back),
                            denotes(&v),
                            "{name}: {v:?} {days:+} -> {out:?} -> {back:?}"
                        );
                    }
                }
                assert!(accepted > 0, "{name} accepted nothing at {days:+}");
            }
        }
    }

    #[test]
    fn full_dates_move_by_exactly_the_offset() {
        for z in (days_from_civil(1990, 1, 1)..days_from_civil(2030, 1, 1)).step_by(17) {
            let (y, m, d) = civil_from_days(z);
            for days in [-365, -200, -31, -1, 1, 29, 365] {
                let out = shift_date(&format!("{y}-{m:02}-{d:02}"), days).unwrap_or_default();
                let Some(When::Full {
                    y: y2,
                    m: m2,
                    d: d2,
                }) = denotes(&out)
                else {
                    panic!("{out:?} is not a full date");
                };
                assert_eq!(days_from_civil(y2, m2, d2) - z, i64::from(days));
            }
        }
    }

    #[test]
    fn year_less_dates_form_a_bijection_including_leap_day() {
        for days in -365..=365 {
            let mut seen = std::collections::HashSet::new();
            for m in 1..=12 {
                for d in 1..=days_in_month(2000, m) {
                    let out = shift_date(&format!("{m}/{d}"), days).unwrap_or_default();
                    assert!(seen.insert(out), "{m}/{d} {days:+}");
                }
            }
            assert_eq!(seen.len(), 366);
        }
    }

    #[test]
    fn arbitrary_text_never_panics() {
        use rand::{Rng, SeedableRng};
        let alphabet: Vec<char> = "0123456789/-.,: TtZMarchSeptmayOfthndé\u{2019}İ\u{00a0}"
            .chars()
            .collect();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        for _ in 0..200_000 {
            let len = rng.random_range(0..20);
            let s: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let days = rng.random_range(-400..=400);
            if let Some(out) = shift_date(&s, days) {
                assert!(
                    shift_date(&out, -days).is_some(),
                    "{s:?} {days:+} -> {out:?}"
                );
            }
        }
    }
}

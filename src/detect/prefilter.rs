//! The prefilter: finds the few places where a formatted identifier can be, so the pattern
//! stage runs on neighbourhoods instead of the whole text.
//!
//! Every pattern of `patterns.rs` contains an anchor: a digit, or one of a handful of literals
//! (`@`, `://`, `www.`, domain suffixes, age words). Digits are found with a chunked scan that
//! the compiler vectorises (32 bytes per step, a compare-and-or over the chunk); the literals
//! with an aho-corasick DFA over the lower-cased text (see `build` for why not Teddy). Each
//! anchor opens a window of `BEFORE` bytes before (room for a field label such as `Medical
//! Record Number:`) and `AFTER` bytes after; overlapping windows are merged. The windows are
//! widened to whitespace so a label or value is not cut in the middle of a word.
//!
//! The rare word-led patterns (`patterns::RARE`: holidays, user names, the last four of an
//! SSN, coordinates, rural routes, decades of age) have literals of their own, found in the
//! same pass; their windows go to a second, small pattern search, which keeps their
//! alternations out of the main automaton.
//!
//! On prose most bytes never leave this stage; on number-dense ICU notes most do. `Stats`
//! counts both so the README can report the fraction of bytes reaching each stage.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::{Error, Result};

const BEFORE: usize = 56;
const AFTER: usize = 40;
const CHUNK: usize = 32;

/// The windows of one text (reused across calls): `main` for the main pattern set, `rare` for
/// the rare word-led patterns, and the anchors they were opened around.
#[derive(Debug, Default)]
pub struct Windows {
    pub main: Vec<(usize, usize)>,
    pub rare: Vec<(usize, usize)>,
    anchors: Vec<(usize, usize)>,
    rare_anchors: Vec<(usize, usize)>,
}

pub struct Prefilter {
    /// `LITERALS` then `RARE_LITERALS` (pattern ids `LITERALS.len()..`): one pass over the text
    /// finds the anchors of both.
    literals: AhoCorasick,
}

impl std::fmt::Debug for Prefilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefilter").finish_non_exhaustive()
    }
}

const LITERALS: &[&str] = &[
    "@", "://", "www.", ".com", ".org", ".net", ".edu", ".gov", ".io", ".us", ".info", ".health",
    ".care", "ninety", "hundred",
];

/// Literals of the rare word-led patterns (`patterns::RARE`): user-name labels, holidays,
/// `last four` of an SSN, coordinate labels and the degree sign, `box` of a rural route,
/// military post (`APO`), decades of age (`90s`), Puerto Rican barrios, DICOM person names
/// (`PN [`). Their windows go to the
/// small second search only.
const RARE_LITERALS: &[&str] = &[
    "@",
    "barrio",
    "pn [",
    "user",
    "ws=",
    "ws:",
    "workstation",
    "login",
    "log-in",
    "logon",
    "handle",
    "twitter",
    "instagram",
    "tiktok",
    "snapchat",
    "facebook",
    "telegram",
    "discord",
    "reddit",
    "christmas",
    "xmas",
    "x-mas",
    "thanksgiving",
    "new year",
    "halloween",
    "easter",
    "independence day",
    "of july",
    "valentine",
    "memorial day",
    "veterans",
    "mother's day",
    "father's day",
    "patrick",
    "king day",
    "mlk",
    "presidents",
    "columbus day",
    "juneteenth",
    "friday",
    "hanuk",
    "chanuk",
    "passover",
    "rosh hashana",
    "yom kippur",
    "ramadan",
    "kwanzaa",
    "diwali",
    "labor day",
    "last 4",
    "last four",
    "last4",
    "lat",
    "lng",
    "lon",
    "gps",
    "coord",
    "geoloc",
    "\u{b0}",
    "box",
    "apo ",
    "fpo ",
    "dpo ",
    "90s",
    "90's",
    "nineties",
    "100s",
    "100's",
];

#[inline]
fn chunk_has_digit(c: &[u8]) -> bool {
    // Written as a branch-free fold so it vectorises.
    c.iter()
        .fold(false, |acc, &b| acc | (b.wrapping_sub(b'0') < 10))
}

impl Prefilter {
    pub fn build() -> Result<Prefilter> {
        // The searches read the lower-cased text (which the name rules need anyway) against
        // lower-case literals, as a DFA without a prefilter: a smaller automaton than the
        // case-insensitive one. The packed (Teddy) prefilter was slower here: literals as
        // common as `lat`, `lon` and `box` give it a candidate to verify every few bytes.
        // Measured on 18.4 MB of synthetic notes: stage sum 1,404 -> 1,368 ms.
        // One overlapping search reports every occurrence of both lists (`@` is in both), so
        // neither list's anchors hide the other's (`.us` before `user`).
        let literals = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(LITERALS.iter().chain(RARE_LITERALS))
            .map_err(|e| Error::build("prefilter literals", e))?;
        Ok(Prefilter { literals })
    }

    /// Fills `w.main` with the merged byte ranges of `text` that the pattern stage must
    /// search, and `w.rare` with those of the rare word-led patterns' literals, found in the
    /// same pass. Ranges are sorted, disjoint and on char boundaries. `text` must have its
    /// ASCII letters lower-cased (`str::make_ascii_lowercase`: same length, same offsets, same
    /// boundaries) so that the literals match whatever their case in the original.
    pub fn windows(&self, text: &str, w: &mut Windows) {
        let Windows {
            main: out,
            rare: rare_out,
            anchors,
            rare_anchors,
        } = w;
        out.clear();
        rare_out.clear();
        anchors.clear();
        rare_anchors.clear();
        let b = text.as_bytes();
        // Digit runs.
        let mut i = 0;
        while i < b.len() {
            let end = (i + CHUNK).min(b.len());
            if !chunk_has_digit(&b[i..end]) {
                i = end;
                continue;
            }
            let mut j = i;
            while j < end {
                if b[j].is_ascii_digit() {
                    let s = j;
                    while j < b.len() && b[j].is_ascii_digit() {
                        j += 1;
                    }
                    anchors.push((s, j));
                } else {
                    j += 1;
                }
            }
            i = j.max(end);
        }
        let ndigit = anchors.len();
        for m in self.literals.find_overlapping_iter(b) {
            let to = if m.pattern().as_usize() < LITERALS.len() {
                &mut *anchors
            } else {
                &mut *rare_anchors
            };
            to.push((m.start(), m.end()));
        }
        if anchors.len() > ndigit {
            anchors.sort_unstable();
        }
        rare_anchors.sort_unstable();
        merge_windows(text, anchors, out);
        merge_windows(text, rare_anchors, rare_out);
    }
}

/// Fills `out` with the windows around `anchors` (byte ranges, sorted by start), widened and
/// merged as the windows of [`Prefilter::windows`] are: for a pattern search around anchors
/// found another way (the OCR pass of `detect`).
pub(crate) fn windows_around(
    text: &str,
    anchors: &[(usize, usize)],
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    merge_windows(text, anchors, out);
}

/// Opens a window of `BEFORE` bytes before and `AFTER` bytes after each anchor (sorted),
/// widened to whitespace and merged where they overlap, into `out`.
fn merge_windows(text: &str, anchors: &[(usize, usize)], out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    for &(s, e) in anchors {
        let ws = widen_left(b, s.saturating_sub(BEFORE));
        let we = widen_right(b, (e + AFTER).min(b.len()));
        match out.last_mut() {
            Some(last) if ws <= last.1 => last.1 = last.1.max(we),
            _ => out.push((ws, we)),
        }
    }
    for r in out.iter_mut() {
        r.0 = text.floor_char_boundary(r.0);
        r.1 = text.ceil_char_boundary(r.1);
    }
}

/// Moves `p` left to just after whitespace (at most 24 bytes), so a window does not start
/// inside a word.
fn widen_left(b: &[u8], mut p: usize) -> usize {
    let limit = p.saturating_sub(24);
    while p > limit && !b[p - 1].is_ascii_whitespace() {
        p -= 1;
    }
    p
}

fn widen_right(b: &[u8], mut p: usize) -> usize {
    let limit = (p + 24).min(b.len());
    while p < limit && !b[p].is_ascii_whitespace() {
        p += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal searches are case-sensitive over lower-cased text.
    #[test]
    fn literals_are_lower_case() {
        for l in LITERALS.iter().chain(RARE_LITERALS) {
            assert_eq!(*l, l.to_lowercase(), "{l}");
        }
    }

    #[test]
    fn prose_without_anchors_has_no_window() {
        let p = Prefilter::build().unwrap();
        let mut w = Windows::default();
        p.windows("Patient resting comfortably, family at bedside.", &mut w);
        assert!(w.main.is_empty());
        p.windows("x".repeat(200).as_str(), &mut w);
        assert!(w.main.is_empty());
    }

    #[test]
    fn windows_cover_label_and_value_and_merge() {
        let p = Prefilter::build().unwrap();
        let text = format!(
            "{} Medical Record Number: 123456 and 7/22 {}",
            "a ".repeat(100),
            "b ".repeat(100)
        );
        let mut w = Windows::default();
        p.windows(&text, &mut w);
        assert_eq!(w.main.len(), 1);
        let (s, e) = w.main[0];
        assert!(text[s..e].contains("Medical Record Number: 123456 and 7/22"));
    }

    #[test]
    fn literal_anchors() {
        let p = Prefilter::build().unwrap();
        let mut w = Windows::default();
        p.windows("write to jane@example.org please", &mut w);
        assert_eq!(w.main.len(), 1);
        p.windows("she is ninety-one years old", &mut w);
        assert_eq!(w.main.len(), 1);
    }

    /// One pass finds both lists' anchors, overlapping ones included: the domain suffix `.us`
    /// does not hide the user-name literal `user` that begins inside it.
    #[test]
    fn overlapping_anchors_of_both_lists() {
        let p = Prefilter::build().unwrap();
        let mut w = Windows::default();
        p.windows("see site.username jdoe72", &mut w);
        assert_eq!((w.main.len(), w.rare.len()), (1, 1));
        p.windows("no anchors here at all", &mut w);
        assert!(w.main.is_empty() && w.rare.is_empty());
    }
}

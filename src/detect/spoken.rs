//! Numbers and dates written as they are spoken: transcripts of visits and calls, and the
//! messages patients type (`my new cell is four oh four five five five two six one eight`,
//! `born March ninth, nineteen sixty-two`). The pattern stage needs digits; this module owns
//! the word forms: a run of seven to eleven digit words is a phone number, and a month with an
//! ordinal (and a spoken year after it) is a date, and so is the ordinal after a weekday and
//! `the`; number words before a street's name and suffix are its address.

use super::dictionary::{MONTH, NUMBER_WORD, STOPWORD, STREET, WEEKDAY};
use super::names::VOCAB;
use super::patterns::contains_ci;
use super::push_context;
use super::words::{Shape, Word};
use crate::span::{Label, Span};

pub(super) const DIGITS: &[&str] = &[
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
pub(super) const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
];
/// Units of time and distance a number word counts (`fourteen day course`).
const MEASURES: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
    "minutes", "min", "mins", "mile", "miles", "block", "blocks", "foot", "feet", "step", "steps",
    "times",
];
pub(super) const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
pub(super) const TEENS: &[&str] = &[
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Appends PHONE spans for spoken phone numbers and DATE spans for spoken dates in `seg`.
pub(crate) fn find(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    let t = Spoken { seg, words };
    let mut k = 0;
    while k < words.len() {
        // Every rule below opens on a number's word, a month, a weekday or a word of one or
        // two bytes (a letter, `on`, `by`), or two words before a number's word (`around the
        // tenth`): one flag test rules out most words.
        let w = &words[k];
        if !(w.has(NUMBER_WORD | MONTH | WEEKDAY)
            || w.len() <= 2
            || words.get(k + 2).is_some_and(|n| n.has(NUMBER_WORD)))
        {
            k += 1;
            continue;
        }
        // A name spelled out letter by letter (`that's K-O-W-A-L-S-K-I`, `R-Í-O-S`): four
        // letters or more joined by hyphens, one case, after a word of spelling (`spelled`,
        // `that's`, `is`, `name`) or spelling a word of the segment that is in no vocabulary
        // (`mensah-boateng. hyphen. m-e-n-s-a-h`); not a mnemonic (`A-B-C-D-E`, `S-O-A-P`).
        if words[k].len() <= 2 && t.gap(k) == b"-" && t.letter(k) {
            let mut e = k;
            while e + 1 < words.len() && t.gap(e) == b"-" && t.letter(e + 1) {
                e += 1;
            }
            let text = &seg[words[k].start..words[e].end];
            let one_case =
                !text.chars().any(char::is_lowercase) || !text.chars().any(char::is_uppercase);
            let before = &seg.as_bytes()[words[k].start.saturating_sub(24)..words[k].start];
            let cued = contains_ci(before, &[b"spell", b"that's", b"that is", b" is ", b"name"]);
            let spelt = || {
                let joined: String = text
                    .chars()
                    .filter(|c| *c != '-')
                    .collect::<String>()
                    .to_lowercase();
                words.iter().any(|w| {
                    w.flags & VOCAB == 0
                        && w.end - w.start >= joined.len()
                        && seg[w.start..w.end].to_lowercase() == joined
                })
            };
            if e + 1 - k >= 4 && one_case && (cued || spelt()) {
                push_context(seg, out, words[k].start, words[e].end, Label::Name, 0.8);
            }
            k = e + 1;
            continue;
        }
        // A street address spoken after `at`, `on` or `address` (`lives with me at forty six
        // linden avenue`): number words, then one to three words of a name, the last a
        // street's suffix. Before the phone numbers: its number may be a digit's word (`at six
        // linden avenue`).
        if let Some(e) = t.spoken_address(k) {
            push_context(seg, out, words[k].start, words[e].end, Label::Address, 0.8);
            k = e + 1;
            continue;
        }
        // An identifier spelled in letters and digits after its label (`tracking number one z
        // nine nine eight four two seven`, `order number o r d seven seven three one`,
        // `hospice i d g p h four four seven one nine`, `medicare number is one e g four t e
        // five m k seven two`): five to fourteen words, each a digit's word or one letter,
        // spaced, three digits at least and a letter (digits alone are the rules below).
        if k > 0 && (t.digit(k) || t.letter(k)) && t.gap(k - 1) == b" " {
            let lab = if k > 1 && t.is(k - 1, &["is"]) && t.gap(k - 2) == b" " {
                k - 2
            } else {
                k - 1
            };
            let spelt_id = t.is(lab, &["d"]) && lab > 0 && t.is(lab - 1, &["i"]);
            if spelt_id || t.is(lab, &["number", "accession", "mrn"]) {
                let mut e = k;
                let mut digits = usize::from(t.digit(k));
                while e + 1 < words.len()
                    && e + 1 - k < 14
                    && t.gap(e) == b" "
                    && (t.digit(e + 1) || t.letter(e + 1))
                {
                    e += 1;
                    digits += usize::from(t.digit(e));
                }
                let n = e + 1 - k;
                // The label's own label: `medicare number`, `member i d`; a lot's number is
                // no identifier of a person (`kit lot number two four k zero eight`).
                let owner = lab.checked_sub(if spelt_id { 2 } else { 1 });
                let lot = owner.is_some_and(|o| t.is(o, &["lot", "batch"]));
                if n >= 5 && digits >= 3 && n > digits && !lot {
                    let plan = owner
                        .is_some_and(|o| t.is(o, &["medicare", "medicaid", "member", "insurance"]));
                    let label = if plan { Label::HealthPlan } else { Label::Id };
                    push_context(seg, out, words[k].start, words[e].end, label, 0.8);
                    k = e + 1;
                    continue;
                }
            }
        }
        // A short number said or keyed digit by digit after its label (`pager 4 4 1 7`,
        // `extension two two one`, `employee number one one seven four four`): three to six
        // digits for a pager or an extension, which is a phone, four to six for an id; each a
        // word or a numeral, spaced.
        if k > 0
            && (t.digit(k) || t.numeral(k))
            && matches!(t.gap(k - 1), b" " | b": " | b". " | b" # " | b"# ")
            && t.label_shaped(k - 1)
        {
            // Numerals after a pager's word only: after others they count teeth, ribs or
            // muscle grades (`Knee extension 4 4 5`, `Tooth number 3 4 5 6`).
            let pager = t.is(k - 1, &["pager", "beeper"]);
            let phone = pager || t.is(k - 1, &["extension", "ext"]);
            let numerals = pager && t.numeral(k);
            if (phone || t.is(k - 1, &["number", "accession", "badge", "employee", "mrn"]))
                && (numerals || t.digit(k))
            {
                let mut e = k;
                while e + 1 < words.len()
                    && t.gap(e) == b" "
                    && if numerals {
                        t.numeral(e + 1)
                    } else {
                        t.digit(e + 1)
                    }
                {
                    e += 1;
                }
                if (if phone { 3 } else { 4 }..=6).contains(&(e + 1 - k)) {
                    let label = if phone { Label::Phone } else { Label::Id };
                    push_context(seg, out, words[k].start, words[e].end, label, 0.8);
                    k = e + 1;
                    continue;
                }
            }
        }
        // A phone number: seven to eleven digit words, spaced, comma- or dash-separated.
        if t.digit(k) {
            let mut e = k;
            while e + 1 < words.len()
                && matches!(
                    t.gap(e),
                    b" " | b", " | b"-" | b" - " | b"," | b" -" | b"- "
                )
                && t.digit(e + 1)
            {
                e += 1;
            }
            if (7..=11).contains(&(e + 1 - k)) {
                push_context(seg, out, words[k].start, words[e].end, Label::Phone, 0.8);
            }
            k = e + 1;
            continue;
        }
        // A day before its month (`the fifth of may, nineteen thirty-three`, `Fourteenth of
        // February`), `may` too (after `of` no verb), with a spoken year after it.
        if words[k].has(NUMBER_WORD)
            && (t.of_at(k + 1) || t.of_at(k + 2))
            && let Some(e) = t.ordinal(k)
            && t.gap(e) == b" "
            && t.of_at(e + 1)
            && t.gap(e + 1) == b" "
            && words.get(e + 2).is_some_and(|w| w.has(MONTH))
        {
            let mut end = e + 2;
            if matches!(t.gap(end), b" " | b", ")
                && let Some(y) = t.year(end + 1)
            {
                end = y;
            }
            let start = if k > 0 && t.is(k - 1, &["the"]) && t.gap(k - 1) == b" " {
                k - 1
            } else {
                k
            };
            push_context(
                seg,
                out,
                words[start].start,
                words[end].end,
                Label::Date,
                0.8,
            );
            k = end + 1;
            continue;
        }
        // `the` and an ordinal after `on`, `around`, `by`, `since` or `until`, before a pause
        // or a function word (`saw me on the fifth and said`, `around the tenth.`); not the
        // first three alone, which count (`on the second try`, `until the third.`), nor a
        // floor or a dose (`on the fifth floor`).
        if matches!(
            (words[k].len(), seg.as_bytes()[words[k].start] | 0x20),
            (2, b'o' | b'b') | (4, b't') | (5, b's' | b'u') | (6, b'a')
        ) && t.gap(k) == b" "
            && t.is(k, &["on", "around", "by", "since", "until", "till"])
            && t.is(k + 1, &["the"])
            && t.gap(k + 1) == b" "
            && let Some(e) = t.ordinal(k + 2)
            && (e > k + 2 || !t.is(k + 2, &ORDINALS[..3]))
            // Not the first of two (`on the fifth and sixth ribs`).
            && !(t.is(e + 1, &["and", "or"]) && words.get(e + 2).is_some_and(|n| n.has(NUMBER_WORD)))
            && (e + 1 >= words.len()
                || t.gap(e) != b" "
                || t.is(
                    e + 1,
                    &[
                        "and", "or", "but", "at", "so", "when", "then", "i", "he", "she", "we",
                        "they", "you",
                    ],
                ))
        {
            push_context(seg, out, words[k + 1].start, words[e].end, Label::Date, 0.8);
            k = e + 1;
            continue;
        }
        // A year spoken alone after a word that dates by it (`since maybe twenty nineteen`,
        // `in nineteen ninety-eight`): `nineteen` and its tens or `oh` and a digit, `twenty`
        // and a teen or `twenty` (2010 to 2029); not vision (`acuity twenty twenty`), nor a
        // clock (`at nineteen thirty`).
        if matches!(words[k].len(), 6 | 8)
            && matches!(seg.as_bytes()[words[k].start] | 0x20, b'n' | b't')
            && t.gap(k) == b" "
            && t.is(k, &["nineteen", "twenty"])
            && k > 0
            && t.is(
                k - 1,
                &[
                    "in", "since", "from", "until", "till", "of", "born", "back", "around",
                    "maybe", "about", "circa", "before", "after", "during", "by", "year",
                ],
            )
            && let Some(e) = t.year(k)
            && (t.is(k, &["nineteen"]) || t.is(k + 1, TEENS) || t.is(k + 1, &["twenty"]))
            && !t.is(e + 1, &["vision", "hours", "hrs"])
        {
            push_context(seg, out, words[k].start, words[e].end, Label::Date, 0.8);
            k = e + 1;
            continue;
        }
        // A weekday written out, `the` and an ordinal: the ordinal names the date (`on tuesday
        // the seventh`), before a pause or a function word (not `Monday the first dose`, nor
        // `pt sat the second time`).
        if words[k].has(WEEKDAY)
            && words[k].len() >= 6
            && t.gap(k) == b" "
            && t.is(k + 1, &["the"])
            && t.gap(k + 1) == b" "
            && let Some(e) = t.ordinal(k + 2)
            && (e + 1 >= words.len() || t.gap(e) != b" " || words[e + 1].has(STOPWORD))
        {
            push_context(seg, out, words[k + 1].start, words[e].end, Label::Date, 0.8);
            k = e + 1;
            continue;
        }
        // A date: a month, then (`the`) an ordinal, then a spoken year. In lower case (speech
        // recognition writes `june second nineteen forty one`) not `may`, a verb first.
        if words[k].has(MONTH)
            && (words[k].shape != Shape::Lower || !t.is(k, &["may"]))
            && t.gap(k) == b" "
        {
            let mut j = k + 1;
            let the = t.is(j, &["the"]) && t.gap(j) == b" ";
            if the {
                j += 1;
            }
            if let Some(e) = t.ordinal(j) {
                let year = match t.gap(e) {
                    b" " | b", " => t.year(e + 1),
                    _ => None,
                };
                // `In March the first dose`: after `the`, a year or a pause must follow.
                let pause = e + 1 >= words.len() || !matches!(t.gap(e), b" " | b"-");
                if the && year.is_none() && !pause {
                    k += 1;
                    continue;
                }
                let e = year.unwrap_or(e);
                push_context(seg, out, words[k].start, words[e].end, Label::Date, 0.8);
                k = e + 1;
                continue;
            }
        }
        k += 1;
    }
}

/// The words of a segment, read as spoken numbers.
struct Spoken<'a> {
    seg: &'a str,
    words: &'a [Word],
}

impl<'a> Spoken<'a> {
    /// Word `k` exists, is alphabetic and is one of `list` (any case).
    fn is(&self, k: usize, list: &[&str]) -> bool {
        self.words.get(k).is_some_and(|w| {
            w.is_alpha()
                && list
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(&self.seg[w.start..w.end]))
        })
    }

    /// Word `k` is `of`.
    fn of_at(&self, k: usize) -> bool {
        self.words
            .get(k)
            .is_some_and(|w| self.seg.as_bytes()[w.start..w.end].eq_ignore_ascii_case(b"of"))
    }

    /// Word `k` is one letter of any script (`K`, `Í`).
    fn letter(&self, k: usize) -> bool {
        let mut c = self.seg[self.words[k].start..self.words[k].end].chars();
        c.next().is_some_and(char::is_alphabetic) && c.next().is_none()
    }

    /// Word `k` is a digit's word (`DIGITS`): the dictionary's flag of number words rules out
    /// most words before any string comparison.
    fn digit(&self, k: usize) -> bool {
        self.words[k].has(NUMBER_WORD) && self.is(k, DIGITS)
    }

    /// Word `k` has the length and first letter of a label of a short number (`pager`,
    /// `ext`, `number`, `employee`, `accession`, ...): one test before the comparisons.
    fn label_shaped(&self, k: usize) -> bool {
        let w = self.words[k];
        matches!(w.len(), 3 | 5 | 6 | 8 | 9)
            && matches!(
                self.seg.as_bytes()[w.start] | 0x20,
                b'p' | b'b' | b'e' | b'n' | b'a' | b'm'
            )
    }

    /// Word `k` is one digit written as a numeral (`4`).
    fn numeral(&self, k: usize) -> bool {
        let w = self.words[k];
        w.len() == 1 && self.seg.as_bytes()[w.start].is_ascii_digit()
    }

    /// The bytes between word `k` and the next one (to the end of the segment after the last).
    fn gap(&self, k: usize) -> &'a [u8] {
        let b = self.seg.as_bytes();
        &b[self.words[k].end..self.words.get(k + 1).map_or(b.len(), |w| w.start)]
    }

    /// Words `k` and `k + 1` are apart by a space or a hyphen.
    fn spaced(&self, k: usize) -> bool {
        matches!(self.gap(k), b" " | b"-")
    }

    /// Word `k` is a number's word: a digit, a teen, a ten or `hundred`.
    fn number(&self, k: usize) -> bool {
        self.is(k, DIGITS) || self.is(k, TEENS) || self.is(k, TENS) || self.is(k, &["hundred"])
    }

    /// The last word of a street address spoken from word `k` (see [`find`]).
    fn spoken_address(&self, k: usize) -> Option<usize> {
        // Most words are ruled out by the dictionary's flag of number words, before any string
        // comparison.
        if k == 0
            || !self.words[k].has(NUMBER_WORD)
            || !matches!(self.words[k - 1].len(), 2 | 7)
            || self.gap(k - 1) != b" "
            || !self.is(k - 1, &["at", "on", "address"])
            || !self.number(k)
        {
            return None;
        }
        let mut e = k;
        while e - k < 5 && self.spaced(e) && self.number(e + 1) {
            e += 1;
        }
        // The street's name, then its suffix.
        let mut j = e;
        while j - e < 3 && self.gap(j) == b" " {
            j += 1;
            let w = self.words.get(j)?;
            if !w.is_alpha() || self.number(j) {
                return None;
            }
            if j > e + 1 && w.has(STREET) {
                return Some(j);
            }
            // Not a unit of time or distance before a suffix that is a word too (`on fourteen
            // day course`, `twenty minutes drive`).
            if w.has(STREET | STOPWORD) || self.is(j, MEASURES) {
                return None;
            }
        }
        None
    }

    /// The last word of a spoken ordinal day from word `j` (`ninth`, `twenty-first`).
    fn ordinal(&self, j: usize) -> Option<usize> {
        // After `twenty` or `thirty`, the units' ordinals (`first` to `ninth`).
        if self.is(j, &["twenty", "thirty"]) && self.spaced(j) && self.is(j + 1, &ORDINALS[..9]) {
            return Some(j + 1);
        }
        self.is(j, ORDINALS).then_some(j)
    }

    /// The last word of a spoken year from word `j`: `nineteen sixty-two`, `nineteen oh five`,
    /// `twenty twenty-four`, `two thousand (and) nine`.
    fn year(&self, j: usize) -> Option<usize> {
        // `one` to `nine`.
        let ones = &DIGITS[2..];
        if self.is(j, &["nineteen", "twenty"]) && self.spaced(j) {
            if self.is(j + 1, TENS) {
                return Some(self.tens_and_unit(j + 1));
            }
            if self.is(j + 1, TEENS) {
                return Some(j + 1);
            }
            if self.is(j + 1, &["oh"]) && self.spaced(j + 1) && self.is(j + 2, ones) {
                return Some(j + 2);
            }
        }
        if self.is(j, &["two"]) && self.spaced(j) && self.is(j + 1, &["thousand"]) {
            let mut e = j + 1;
            if self.spaced(e) && self.is(e + 1, &["and"]) {
                e += 1;
            }
            if self.spaced(e)
                && (self.is(e + 1, ones) || self.is(e + 1, TEENS) || self.is(e + 1, TENS))
            {
                e += 1;
                // `two thousand twenty four`.
                if self.is(e, TENS) {
                    e = self.tens_and_unit(e);
                }
            }
            return Some(e);
        }
        None
    }

    /// The last word of a number from its tens at word `j`: the unit after them (`sixty-two`,
    /// `twenty four`) or the tens alone (`forty`).
    fn tens_and_unit(&self, j: usize) -> usize {
        if self.spaced(j) && self.is(j + 1, &DIGITS[2..]) {
            j + 1
        } else {
            j
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PHONE, DATE and ADDRESS spans the engine finds in `text`.
    fn spans(text: &str) -> Vec<(String, Label)> {
        static ENGINE: std::sync::OnceLock<crate::Engine> = std::sync::OnceLock::new();
        let engine =
            ENGINE.get_or_init(|| crate::Engine::new(crate::EngineConfig::default()).unwrap());
        engine
            .detect(text)
            .into_iter()
            .filter(|s| {
                matches!(
                    s.label,
                    Label::Phone | Label::Date | Label::Address | Label::Id | Label::HealthPlan
                )
            })
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    #[test]
    fn identifiers_spelled_in_letters_and_digits() {
        let text = "hospice i d g p h four four seven one nine. tracking number one z nine nine \
                    eight four two seven. medicare number is one e g four t e five m k seven \
                    two. kit lot number two four k zero eight. she is number one of two.";
        assert_eq!(
            spans(text),
            [
                ("g p h four four seven one nine".to_string(), Label::Id),
                (
                    "one z nine nine eight four two seven".to_string(),
                    Label::Id
                ),
                (
                    "one e g four t e five m k seven two".to_string(),
                    Label::HealthPlan
                ),
            ]
        );
        // A label at the text's start, and one letter before its label.
        assert_eq!(
            spans("i d g p h four four seven"),
            [("g p h four four seven".to_string(), Label::Id)]
        );
    }

    #[test]
    fn spoken_phone_numbers() {
        assert_eq!(
            spans("my new cell is four oh four five five five two six one eight the old one"),
            [(
                "four oh four five five five two six one eight".to_string(),
                Label::Phone
            )]
        );
        assert_eq!(
            spans("cb # \"six one five, five five five, oh three nine two\""),
            [(
                "six one five, five five five, oh three nine two".to_string(),
                Label::Phone
            )]
        );
        // A short number digit by digit after a pager's, an extension's or an id's label.
        assert_eq!(
            spans(
                "pager 4 4 1 7 at eleven. extension two two one. employee number one one seven four four"
            ),
            [
                ("4 4 1 7".to_string(), Label::Phone),
                ("two two one".to_string(), Label::Phone),
                ("one one seven four four".to_string(), Label::Id),
            ]
        );
        assert_eq!(
            spans("call pager: 4 4 1 7 now"),
            [("4 4 1 7".to_string(), Label::Phone)]
        );
        assert!(spans("the number one two three priority; room number 4 5").is_empty());
        assert!(spans("Knee extension 4 4 5 bilaterally; Tooth number 3 4 5 6 out").is_empty());
        // Counts and doses are not.
        assert!(spans("one two three four, five six").is_empty());
        assert!(spans("take two tabs, one in am and one at night").is_empty());
    }

    #[test]
    fn spoken_dates_in_lower_case_and_ordinals_after_a_weekday() {
        let d = |t: &str| {
            spans(t)
                .into_iter()
                .filter(|(_, l)| *l == Label::Date)
                .map(|(s, _)| s)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            d("date of birth june second nineteen forty one um"),
            ["june second nineteen forty one"]
        );
        assert_eq!(d("it was high on tuesday the seventh so"), ["the seventh"]);
        assert!(d("you may first try the cream").is_empty());
        assert!(d("On Monday the first dose was given; pt sat the second time").is_empty());
    }

    #[test]
    fn names_spelled_letter_by_letter() {
        let engine = crate::Engine::new(crate::EngineConfig::default()).unwrap();
        let names = |t: &str| {
            engine
                .detect(t)
                .into_iter()
                .filter(|s| s.label == Label::Name)
                .map(|s| t[s.start..s.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("that's K-O-W-A-L-S-K-I."), ["K-O-W-A-L-S-K-I"]);
        let text = "Son: her name is Guadalupe Ríos, with the accent. R-Í-O-S. And";
        assert!(names(text).iter().any(|n| n == "R-Í-O-S"), "{text}");
        assert!(names("grade A-B-C scale, T-2 lesion").is_empty());
        assert!(names("Primary survey A-B-C-D-E intact. O-P-Q-R-S-T of pain. S-O-A-P").is_empty());
        // Spelling a word of the note that is in no vocabulary, without a cue.
        assert_eq!(
            names("kwame mensah-boateng. hyphen. m-e-n-s-a-h, dash"),
            ["kwame mensah-boateng", "m-e-n-s-a-h"]
        );
    }

    #[test]
    fn spoken_street_addresses() {
        assert_eq!(
            spans("she lives with me at forty six linden avenue in carnegie"),
            [("forty six linden avenue".to_string(), Label::Address)]
        );
        assert!(spans("the pain is one way street of sorrow").is_empty());
        assert!(spans("seen at two and walked to the main street").is_empty());
        assert_eq!(
            spans("lives at six linden avenue"),
            [("six linden avenue".to_string(), Label::Address)]
        );
        assert!(spans("she is on fourteen day course of antibiotics").is_empty());
        assert!(spans("the clinic is twenty minutes drive away").is_empty());
    }

    #[test]
    fn spoken_dates() {
        assert_eq!(
            spans("PATIENT: Gideon, March ninth, nineteen sixty-two."),
            [("March ninth, nineteen sixty-two".to_string(), Label::Date)]
        );
        assert_eq!(
            spans("born on July the twenty-first, two thousand and nine"),
            [(
                "July the twenty-first, two thousand and nine".to_string(),
                Label::Date
            )]
        );
        assert_eq!(
            spans("date of service november fourteenth two thousand twenty four period"),
            [(
                "november fourteenth two thousand twenty four".to_string(),
                Label::Date
            )]
        );
        assert_eq!(
            spans("The visit is on June first at noon."),
            [("June first".to_string(), Label::Date)]
        );
        assert!(spans("may second opinion").is_empty());
        // A day before its month, with `the` and a year.
        assert_eq!(
            spans("Born the fifth of may, nineteen thirty-three."),
            [(
                "the fifth of may, nineteen thirty-three".to_string(),
                Label::Date
            )]
        );
        assert_eq!(
            spans("Fourteenth of February, nineteen eighty-one."),
            [(
                "Fourteenth of February, nineteen eighty-one".to_string(),
                Label::Date
            )]
        );
        // `the` and an ordinal after `on` or `around`, before a pause.
        assert_eq!(
            spans("saw me on the fifth and said no"),
            [("the fifth".to_string(), Label::Date)]
        );
        assert_eq!(
            spans("back around the twenty-third."),
            [("the twenty-third".to_string(), Label::Date)]
        );
        assert!(spans("on the fifth floor, on the second try").is_empty());
        assert!(spans("until the third.").is_empty());
        // A year alone.
        assert_eq!(
            spans("like that since maybe twenty nineteen."),
            [("twenty nineteen".to_string(), Label::Date)]
        );
        assert_eq!(
            spans("moved in nineteen ninety-eight"),
            [("nineteen ninety-eight".to_string(), Label::Date)]
        );
        assert!(spans("vision is twenty twenty vision, at twenty thirty").is_empty());
        assert!(spans("acuity twenty twenty in both eyes; at nineteen thirty he woke").is_empty());
        assert!(spans("fracture on the fifth and sixth ribs").is_empty());
        // The month alone is a date; the dose is not part of it.
        assert_eq!(
            spans("In March the first dose was given"),
            [("March".to_string(), Label::Date)]
        );
    }
}

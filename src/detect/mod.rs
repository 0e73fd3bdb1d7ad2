//! Detection stages, in the order a segment flows through them:
//!
//! 1. `prefilter`: vectorised scans for anchors (digits, `@`, `://`, ...) -> byte windows;
//! 2. `patterns`: one multi-pattern regex-automata search over those windows + `validators`;
//!    `hl7`: the fields of HL7 v2 segments by position; `fields`: JSON values by key;
//! 3. `words` + `dictionary`: every word tagged by one Aho-Corasick automaton over all lists;
//! 4. `names`: context rules over the tagged words (names, places, organisations);
//! 5. `ner`: the transformer model (ONNX Runtime), on the regions the gate picks from the
//!    words above (`--model gated`), on everything (`always`) or not at all (`off`);
//! 6. `merge`: recall-first union of all candidates.
//!
//! `Detector` owns the compiled stages and is immutable after `build`; `Engine` wraps it.

mod candidates;
pub mod dictionary;
mod fields;
mod hl7;
pub mod merge;
pub mod names;
pub mod ner;
pub mod patterns;
pub mod prefilter;
mod spoken;
pub mod validators;
pub mod words;
mod x12;

use std::time::Instant;

use crate::error::{Error, Result};
use crate::span::{Label, Span};
use dictionary::Dictionary;
use patterns::Patterns;
use prefilter::Prefilter;
use words::Word;

/// Byte counts per stage, for the README's "fraction of bytes reaching each stage".
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Bytes scanned by the prefilter (all input).
    pub bytes_in: u64,
    /// Bytes inside anchor windows, searched by the pattern automaton.
    pub bytes_patterns: u64,
    /// Words tagged by the dictionary automaton.
    pub words: u64,
    /// Candidate spans before merging.
    pub candidates: u64,
    /// Bytes inside the regions the NER model read (all segments with `--model always`).
    pub bytes_model: u64,
    /// Time spent per stage, in nanoseconds, in the order of [`STAGES`].
    pub nanos: [u64; 6],
}

/// Names of the stages timed in `Stats::nanos`, in order.
pub const STAGES: [&str; 6] = [
    "prefilter",
    "patterns",
    "tokenize",
    "dictionary",
    "rules",
    "model",
];

impl Stats {
    pub fn add(&mut self, o: &Stats) {
        self.bytes_in += o.bytes_in;
        self.bytes_patterns += o.bytes_patterns;
        self.words += o.words;
        self.candidates += o.candidates;
        self.bytes_model += o.bytes_model;
        for (a, b) in self.nanos.iter_mut().zip(o.nanos) {
            *a += b;
        }
    }
}

/// Per-thread scratch space, reused across calls.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) words: Vec<Word>,
    lower: String,
    street_ends: Vec<usize>,
    memo: dictionary::Memo,
    windows: prefilter::Windows,
    /// The segment with OCR letters read as digits (`ocr_digits`) and the byte ranges that
    /// changed.
    folded: String,
    folded_runs: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub(crate) struct Detector {
    pub(crate) dict: Dictionary,
    pub(crate) patterns: Patterns,
    pub(crate) prefilter: Prefilter,
}

impl Detector {
    pub(crate) fn build() -> Result<Detector> {
        // The pattern set compiles on another thread while the dictionary builds (start-up is
        // paid by every CLI run; the two share nothing).
        std::thread::scope(|s| {
            let patterns = s.spawn(Patterns::build);
            let dict = Dictionary::build();
            let patterns = patterns
                .join()
                .map_err(|_| Error::build("pattern set", "the build thread panicked"))??;
            Ok(Detector {
                dict: dict?,
                patterns,
                prefilter: Prefilter::build()?,
            })
        })
    }

    /// The context allow-list for a model NAME span: `true` when the span is followed on its
    /// line by a clinical head noun (`Foley catheter`, `Parkinson's disease`, `...itis`) and no
    /// title or role stands before it, as `names.rs` rules for its own names. Reads only a few
    /// bytes around the span; leaves `scratch.words` clobbered.
    pub(crate) fn is_eponym(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut Scratch,
    ) -> bool {
        let stop = text.floor_char_boundary(end + 48);
        let after = &text[end..stop];
        words::tokenize(after, &mut scratch.words);
        self.dict
            .annotate(after, &mut scratch.words, &mut scratch.memo);
        let ws = &scratch.words;
        let mut j = 0;
        if ws.len() > 1
            && ws[0].len() == 1
            && after.as_bytes()[ws[0].start] | 0x20 == b's'
            && matches!(&after[..ws[0].start], "'" | "\u{2019}")
        {
            j = 1;
        }
        let Some(head) = ws.get(j) else { return false };
        if after[..head.start].contains('\n') {
            return false;
        }
        let is_head = head.has(dictionary::EPONYM_HEAD)
            || head.has(dictionary::MEDICAL)
                && after[head.start..head.end]
                    .to_ascii_lowercase()
                    .ends_with("itis");
        if !is_head {
            return false;
        }
        let from = text.ceil_char_boundary(start.saturating_sub(24));
        let before = &text[from..start];
        words::tokenize(before, &mut scratch.words);
        self.dict
            .annotate(before, &mut scratch.words, &mut scratch.memo);
        !scratch
            .words
            .last()
            .is_some_and(|w| w.has(dictionary::TITLE | dictionary::ROLE))
    }

    /// The vocabulary check for a model span: `true` when at least one of its words is not
    /// ordinary vocabulary (English, clinical, units, common words, months, weekdays) nor a
    /// misspelling of it (`EDEMETOUS`, `FLECANIDE`; names only), or is on a name or place list without
    /// being common English or clinical vocabulary (`Quinton` the catheter, `Neo`). The model reads lower-cased
    /// text and, outside the synthetic notes it was tuned on, flags clinical abbreviations
    /// and plain words (`LASIX`, `SPUTUM`); a span made only of such words is dropped.
    /// Measured on PhysioNet dev: see models/MODEL_CARD.md.
    pub(crate) fn model_span_plausible(
        &self,
        text: &str,
        span: &Span,
        scratch: &mut Scratch,
    ) -> bool {
        let (start, end) = (span.start, span.end);
        // Misspelt vocabulary counts as vocabulary for names only: place names are misspelt
        // too (`lives alone in white amrsh`), and the model finds them by their context. A
        // word no name list holds may be one wrong letter off (`ANASARKA`, `abebrile`).
        let misspelt = |w: &[u8], listed: bool| {
            span.label == Label::Name
                && if listed {
                    self.dict.near_vocabulary(w)
                } else {
                    self.dict.near_vocabulary_loose(w)
                }
        };
        // A street address holds a street name: a model ADDRESS span of numbers and codes
        // only (`104-114`, `3VD`, `515PM`) is not one.
        if span.label == Label::Address
            && !text[start..end]
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3)
        {
            return false;
        }
        // In mixed-case text a lower-case English word is a word even when a name list holds
        // it too (`mid tongue`, `cont gravely ill`, `with sever abd pain`).
        let mixed = span.label == Label::Name && self.mixed_case_around(text, start, end, scratch);
        const VOCAB: u32 = dictionary::ENGLISH
            | dictionary::MEDICAL
            | dictionary::UNIT
            | dictionary::COMMON
            | dictionary::STOPWORD
            | dictionary::MONTH
            | dictionary::WEEKDAY
            | dictionary::CREDENTIAL
            | dictionary::TITLE
            | dictionary::ROLE;
        const LISTED: u32 = dictionary::FIRST
            | dictionary::SURNAME
            | dictionary::NICK
            | dictionary::CITY
            | dictionary::COUNTY
            | dictionary::HOSPITAL_WORD;
        let s = &text[start..end];
        words::tokenize(s, &mut scratch.words);
        self.dict.annotate(s, &mut scratch.words, &mut scratch.memo);
        scratch.words.iter().any(|w| {
            // `by HO`: a role (house officer) before it is a surname (Ho).
            let listed = w.has(LISTED) && !w.has(dictionary::ROLE);
            let lower_word = mixed && w.shape == words::Shape::Lower && w.has(dictionary::ENGLISH);
            w.len() >= 2
                && w.shape != words::Shape::Symbol
                && (!w.has(VOCAB) && !misspelt(&s.as_bytes()[w.start..w.end], listed)
                    || listed
                        && !lower_word
                        && !w.has(dictionary::COMMON | dictionary::STOPWORD | dictionary::MEDICAL))
        })
    }

    /// Whether the text within 300 bytes of `start..end` is in mixed case, where capitals mark
    /// names.
    fn mixed_case_around(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut Scratch,
    ) -> bool {
        let a = text.floor_char_boundary(start.saturating_sub(300));
        let b = text.ceil_char_boundary((end + 300).min(text.len()));
        words::tokenize(&text[a..b], &mut scratch.words);
        words::case_mode(&scratch.words) == words::CaseMode::Mixed
    }

    /// Detects in one segment; appends spans with offsets relative to `seg`.
    pub(crate) fn detect_segment(
        &self,
        seg: &str,
        scratch: &mut Scratch,
        stats: &mut Stats,
        out: &mut Vec<Span>,
    ) {
        let first = out.len();
        stats.bytes_in += seg.len() as u64;
        // Per-stage timing: five clock reads per segment (64 KiB at most), negligible.
        let mut clock = Instant::now();
        let mut lap = |stats: &mut Stats, k: usize| {
            let now = Instant::now();
            stats.nanos[k] += now.duration_since(clock).as_nanos() as u64;
            clock = now;
        };
        // The lower-cased copy serves the prefilter's literal searches and the name rules.
        scratch.lower.clear();
        scratch.lower.push_str(seg);
        scratch.lower.make_ascii_lowercase();
        self.prefilter.windows(&scratch.lower, &mut scratch.windows);
        lap(stats, 0);
        stats.bytes_patterns += scratch
            .windows
            .main
            .iter()
            .map(|&(s, e)| (e - s) as u64)
            .sum::<u64>();
        self.patterns.find(seg, &scratch.windows.main, out);
        // The rare word-led patterns (holidays, user names...), around their own literals.
        self.patterns.find_rare(seg, &scratch.windows.rare, out);
        lap(stats, 1);
        words::tokenize(seg, &mut scratch.words);
        stats.words += scratch.words.len() as u64;
        lap(stats, 2);
        self.dict
            .annotate(seg, &mut scratch.words, &mut scratch.memo);
        lap(stats, 3);
        // Street addresses, only on lines with a street-suffix word (see `find_addresses`).
        scratch.street_ends.clear();
        scratch.street_ends.extend(
            scratch
                .words
                .iter()
                .filter(|w| w.has(dictionary::STREET))
                .map(|w| w.end),
        );
        if !scratch.street_ends.is_empty() {
            self.patterns.find_addresses(seg, &scratch.street_ends, out);
        }
        hl7::find(seg, out);
        x12::find(seg, out);
        fields::find(seg, out);
        fields::find_xml(seg, out);
        fields::find_vcard(seg, out);
        if ocr_digits(
            seg,
            &scratch.words,
            &mut scratch.folded,
            &mut scratch.folded_runs,
        ) {
            self.ocr_patterns(scratch, out);
        }
        lap(stats, 1);
        let mode = words::case_mode(&scratch.words);
        names::NameRules::new(seg, &scratch.lower, &scratch.words, &self.dict, mode).run(out);
        after_street_address(seg, &scratch.words, first, out);
        street_directions(seg, first, out);
        letterhead_lines(seg, &scratch.words, mode, out);
        labelled_places(seg, &scratch.words, mode, out);
        place_fields(seg, &scratch.words, out);
        town_offices(seg, &scratch.lower, &scratch.words, out);
        towns_in_cells(seg, &scratch.words, mode, out);
        prefixed_places(seg, &scratch.words, mode, out);
        zip_after_place(seg, first, out);
        places_before_postcodes(seg, &scratch.words, first, out);
        months_alone(seg, &scratch.words, first, out);
        spoken::find(seg, &scratch.words, out);
        year_lists(seg, mode, out);
        place_endings(seg, first, out);
        town_after_place(seg, &scratch.words, first, out);
        number_after_name(seg, first, out);
        chat_speakers(seg, &scratch.words, out);
        initials_after_label(seg, &scratch.words, out);
        self.word_rules(seg, &scratch.words, mode, out);
        name_continuations(seg, &scratch.words, mode, first, out);
        names::dictation_initials(seg, &scratch.words, out);
        names::initial_lists(seg, &scratch.words, out);
        names::legend_initials(seg, first, out);
        facility_before_address(seg, &scratch.words, first, out);
        letterhead_above_address(seg, &scratch.words, first, out);
        names::extend_places(seg, &scratch.words, mode, first, out);
        names::saints_possessive(seg, first, out);
        bridged_organizations(seg, first, out);
        fields::find_tables(seg, &scratch.words, first, out);
        lap(stats, 4);
        stats.candidates += (out.len() - first) as u64;
    }
}

impl Detector {
    /// The pattern stage again over `scratch.folded` (see [`ocr_digits`]), keeping the spans
    /// that cover a folded run: the others were found in the text as written.
    fn ocr_patterns(&self, scratch: &mut Scratch, out: &mut Vec<Span>) {
        let first = out.len();
        // Only the neighbourhoods of the folded runs, as the prefilter opens them around its
        // own anchors.
        let folded = &scratch.folded;
        prefilter::windows_around(folded, &scratch.folded_runs, &mut scratch.windows.main);
        self.patterns.find(folded, &scratch.windows.main, out);
        if !scratch.street_ends.is_empty() {
            self.patterns
                .find_addresses(&scratch.folded, &scratch.street_ends, out);
        }
        let runs = &scratch.folded_runs;
        let mut kept = first;
        for j in first..out.len() {
            let (s, e) = (out[j].start, out[j].end);
            if runs.iter().any(|&(a, b)| a < e && s < b) {
                out.swap(kept, j);
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    /// The rules that start from one word (a year, a log-in name, a nickname's cue, a street
    /// suffix, initials), in one pass over the words: each tests its word's shape or flags
    /// first, so most words cost a few comparisons.
    fn word_rules(&self, seg: &str, words: &[Word], mode: words::CaseMode, out: &mut Vec<Span>) {
        for i in 0..words.len() {
            year_at(seg, words, i, mode, out);
            self.user_name_at(seg, words, i, out);
            nickname_at(seg, words, i, out);
            street_at(seg, words, i, out);
            initials_at(seg, words, i, out);
            spelled_at(seg, words, i, out);
            police_agency_at(seg, words, i, out);
            signoff_initials_at(seg, words, i, out);
            inverted_name_tail_at(seg, words, i, out);
        }
    }

    /// Log-in names made of an initial and a surname (`kmorrissey`, `JDELACRUZ`, `tnguyen2`),
    /// as audit logs, paging exports and interface dumps sign their rows: a word of one case in
    /// no list, whose letters after the first are a listed surname of four letters or more
    /// that is no English or clinical word (`dkaplan`: `kaplan`; not `bwell`, not `tdap`),
    /// after `by`, `user` or `login` (`exported by mhollander`, `run_by=dkaplan`) or in a table
    /// cell between pipes or tabs. Not elsewhere: misspelt words take the same shape (`spont`,
    /// `stoma`). Trailing digits belong to the name. Appends NAME spans.
    fn user_name_at(&self, seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
        const NOT_SURNAME: u32 = names::VOCAB | dictionary::STOPWORD | dictionary::CREDENTIAL;
        let b = seg.as_bytes();
        let w = &words[i];
        if w.flags != 0 || w.len() < 5 {
            return;
        }
        let word = &b[w.start..w.end];
        let letters = word
            .iter()
            .position(u8::is_ascii_digit)
            .map_or(word, |p| &word[..p]);
        if letters.len() < 5
            || !word[letters.len()..].iter().all(u8::is_ascii_digit)
            || !(letters.iter().all(u8::is_ascii_lowercase)
                || letters.iter().all(u8::is_ascii_uppercase))
        {
            return;
        }
        let before = &seg[i.checked_sub(1).map_or(0, |p| words[p].end)..w.start];
        let after = &seg[w.end..words.get(i + 1).map_or(seg.len(), |n| n.start)];
        let cued = i > 0
            && !before.contains('\n')
            && [
                &b"by"[..],
                b"user",
                b"username",
                b"userid",
                b"uid",
                b"login",
                b"logon",
                b"operator",
            ]
            .iter()
            .any(|c| b[words[i - 1].start..words[i - 1].end].eq_ignore_ascii_case(c));
        let cell = before.contains(['|', '\t'])
            && (after.contains(['|', '\t', '\n']) || i + 1 == words.len());
        if !(cued || cell) {
            return;
        }
        let rest = self.dict.lookup_word(letters, 1, letters.len());
        if rest & dictionary::SURNAME != 0 && rest & NOT_SURNAME == 0 {
            push_context(seg, out, w.start, w.end, Label::Name, 0.6);
        }
    }
}

/// A year alone (45 CFR 164.514(b)(2)(i)(C) names all elements of dates but the year;
/// PhysioNet's gold and ours count years too), by either of two rules: [`year_after_event`]
/// and [`year_in_context`]. The patterns take a year after a cue word (`in`, `since`, a
/// procedure); these take it without one. Appends DATE spans.
fn year_at(seg: &str, words: &[Word], i: usize, mode: words::CaseMode, out: &mut Vec<Span>) {
    if i == 0 {
        return;
    }
    let w = words[i];
    // A decade: `in the 1990s`, `mid-1980s`.
    let t = &seg.as_bytes()[w.start..w.end];
    if let [y @ .., b's'] = t
        && y.len() == 4
        && y.iter().all(u8::is_ascii_digit)
        && y[3] == b'0'
        && matches!(y[..2], [b'1', b'9'] | [b'2', b'0'])
    {
        push_context(seg, out, w.start, w.end, Label::Date, 0.7);
        return;
    }
    if w.shape != words::Shape::Digits || w.len() != 4 {
        return;
    }
    let v: u32 = seg[w.start..w.end].parse().unwrap_or(0);
    if !year_alone(v) {
        return;
    }
    // A span of years (`from 2022-2023`, `SY 2024-25`, `2024-25 season`): a year up to ten
    // later, in four digits or two (of the same century), after a hyphen (an en dash keeps
    // the two in one word: see the pattern `year_range_en_dash`).
    if let Some(n) = words.get(i + 1)
        && n.shape == words::Shape::Digits
        && &seg[w.end..n.start] == "-"
        && !seg
            .as_bytes()
            .get(n.end)
            .is_some_and(|&c| c == b'-' || c == b'/')
    {
        let u: u32 = seg[n.start..n.end].parse().unwrap_or(0);
        let later = match n.len() {
            4 => u,
            2 => v / 100 * 100 + u,
            _ => 0,
        };
        // Not a quantity's range (`2000-2005 mL`).
        let unit = quantity_word(seg, words, i + 2);
        // Two numbers that may both be clock times (`MRI 2015-2025`) need a word of years
        // before them, or a note in mixed case.
        let times = n.len() == 4 && may_be_time(v) && may_be_time(later);
        let cued = i > 0
            && [
                "from", "between", "sy", "fy", "during", "since", "years", "year", "in", "season",
            ]
            .iter()
            .any(|c| seg[words[i - 1].start..words[i - 1].end].eq_ignore_ascii_case(c));
        // In mixed case a clock's range is written `20:00-20:05` or in steps of five minutes
        // (`off unit 2015-2025`): two close years are years (`Stationed Fort Hood, TX
        // 2003-2008`) unless both are multiples of five.
        let mixed =
            mode == words::CaseMode::Mixed && (!v.is_multiple_of(5) || !later.is_multiple_of(5));
        if (v + 1..=v + 10).contains(&later) && !unit && (!times || cued || mixed) {
            push_context(seg, out, w.start, w.end, Label::Date, 0.7);
            push_context(seg, out, n.start, n.end, Label::Date, 0.7);
            return;
        }
    }
    let p = words[i - 1];
    if year_in_context(seg, words, i, v, mode) || year_after_event(seg, w, p, v) {
        push_context(seg, out, w.start, w.end, Label::Date, 0.7);
    }
}

/// The years a four-digit number alone may be: 1960 to 2099. Research corpora shift their dates
/// decades ahead (`Record date: 2091-04-17`, `ESRD 2088`), so the years past today count too.
fn year_alone(v: u32) -> bool {
    (1960..=2099).contains(&v)
}

/// Whether a four-digit year could also be a time of day (20:00 to 20:59, written `2000` to
/// `2059`): 1960 to 1999 and 2060 to 2099 cannot.
fn may_be_time(v: u32) -> bool {
    (2000..2060).contains(&v)
}

/// The cue words that make a number after them a time or a quantity, not a year (`at 2000`,
/// `total 1980`, `x 1990`).
const YEAR_CUES: &[&str] = &[
    "at",
    "by",
    "until",
    "till",
    "til",
    "from",
    "to",
    "around",
    "about",
    "approx",
    "after",
    "before",
    "between",
    "and",
    "or",
    "q",
    "since",
    "then",
    "total",
    "intake",
    "output",
    "net",
    "out",
    "in",
    "was",
    "of",
    "x",
    "is",
    "are",
    "were",
    "over",
    "under",
    "than",
    "approximately",
    "each",
    "every",
    "hrs",
    "hours",
    "rate",
    "dose",
    "units",
    "with",
    "for",
];

/// Labs whose values reach four digits (`ferritin 1985`): a number after them is no year.
const LAB_VALUES: &[&str] = &[
    "ferritin",
    "glucose",
    "troponin",
    "amylase",
    "lipase",
    "ldh",
    "cpk",
    "creatine",
    "kinase",
    "platelets",
    "plt",
    "dimer",
    "fibrinogen",
    "triglycerides",
    "cholesterol",
    "osm",
    "osmolality",
    "alk",
    "phos",
    "ggt",
    "ast",
    "alt",
    "tsh",
    "vitamin",
    "b12",
    "folate",
    "lactate",
    "ammonia",
    "iga",
    "igg",
    "igm",
    "ige",
    "psa",
    "cea",
    "afp",
    "hcg",
    "count",
    "level",
    "levels",
    "titer",
    "titre",
    "value",
    "result",
    "score",
];

/// A year alone after the event it dates, ending its clause (a comma, period, semicolon or
/// parenthesis after it, or the line's end): `series completed 2022.`, `anaphylaxis 2019`, `2 ED
/// visits 2022;`, `wrist fracture 1987)`. The word before it has five letters or more (not a
/// lab's name: `BNP 1993,`) and is no time cue (`at`, `by`, `until`, `from`...) nor a quantity
/// (`total 2000.`, `intake 2000,`). From 2000 to 2059 a year is also a time of day (`pt up in
/// chair 2000.`), so it needs a word before it that names an event (`completed`, `amputation`,
/// `anaphylaxis`, `visits`); other years cannot be a time ([`may_be_time`]).
fn year_after_event(seg: &str, w: Word, p: Word, v: u32) -> bool {
    let b = seg.as_bytes();
    if !p.is_alpha() || &seg[p.end..w.start] != " " {
        return false;
    }
    // The clause ends after the year.
    let next = b.get(w.end).copied();
    let ends = match next {
        None | Some(b'\n' | b'\r' | b';' | b')') => true,
        Some(b'.' | b',') => !b.get(w.end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    };
    // Or the clause goes on to where or why it happened, or to when it ended: `identified
    // 2021 at Mesa Verde`, `decision 2022 after GI bleed`, `treated 2019 - 2021`.
    let rest = &b[w.end..];
    let goes_on = rest.starts_with(b" at ") && rest.get(4).is_some_and(u8::is_ascii_uppercase)
        || rest.starts_with(b" after ")
        || rest.starts_with(b" - ") && rest.get(3).is_some_and(u8::is_ascii_digit);
    if !ends && !goes_on {
        return false;
    }
    let prev = seg[p.start..p.end].to_ascii_lowercase();
    // A lab or score name of a few letters takes a value (`BNP 1993,`, `ck 2000.`,
    // `CKD-EPI 2021)`).
    if p.len() < 5
        || YEAR_CUES.contains(&prev.as_str())
        || LAB_VALUES.contains(&prev.as_str())
        || p.has(dictionary::UNIT)
    {
        return false;
    }
    // 20:00 to 20:39 as a time: only after a word that names an event by its ending (a
    // past participle, `-tion`, `-sis`, `-ment`, `-ure`...), not after a plain one.
    let event = [
        "ed", "sis", "xis", "tion", "sion", "its", "ment", "ure", "ery", "omy", "ia",
    ]
    .iter()
    .any(|e| prev.ends_with(e));
    if may_be_time(v) && !event {
        return false;
    }
    true
}

/// Word `k` is a unit or a count one space after the number that is word `k - 1` (`1990 mL`,
/// `1985 steps`, `2000-2005 mL`): the number is a quantity, not a year.
fn quantity_word(seg: &str, words: &[Word], k: usize) -> bool {
    let (Some(p), Some(w)) = (k.checked_sub(1).and_then(|p| words.get(p)), words.get(k)) else {
        return false;
    };
    &seg[p.end..w.start] == " "
        && (w.has(dictionary::UNIT)
            || matches!(
                seg[w.start..w.end].to_ascii_lowercase().as_str(),
                "ml" | "cc"
                    | "l"
                    | "mg"
                    | "mcg"
                    | "ng"
                    | "pg"
                    | "g"
                    | "kg"
                    | "lb"
                    | "lbs"
                    | "oz"
                    | "u"
                    | "iu"
                    | "units"
                    | "meq"
                    | "mmol"
                    | "steps"
                    | "kcal"
                    | "cal"
                    | "calories"
                    | "m"
                    | "km"
                    | "mi"
                    | "ft"
                    | "feet"
                    | "miles"
                    | "dollars"
                    | "pts"
                    | "points"
                    | "hrs"
                    | "hours"
                    | "mins"
                    | "minutes"
                    | "times"
                    | "x"
            ))
}

/// A year by its surroundings, where no clause end is needed.
/// 1960 to 1999 and 2060 to 2099 cannot be a time of day: such a number is a year unless it is
/// part of a longer number or a quantity (`1,980`, `1980.5`, `$1995`, `1990 mL`, `total 1980`)
/// or the value of a lab (`BNP 1993`: a short capitalised word or a medical one before it).
/// 2000 to 2059 is also a time (`pt up in chair 2000`): it needs what a time never has, a range
/// from an earlier year (`1997-2019`), an approximation (`~2012`, `pre-2005`, `mid-2020`), or an
/// opening parenthesis with a word after it (`(2019 admission)`).
fn year_in_context(seg: &str, words: &[Word], i: usize, v: u32, mode: words::CaseMode) -> bool {
    let b = seg.as_bytes();
    let (w, p) = (words[i], words[i - 1]);
    let gap = &b[p.end..w.start];
    let lead = gap.last().copied();
    let next = b.get(w.end).copied();
    let after = b.get(w.end + 1).copied();
    let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
    // Part of a longer number, a ratio, a time or an amount.
    if matches!(
        lead,
        Some(b'$' | b'#' | b'.' | b'/' | b':' | b'+' | b'=' | b'*' | b'^' | b'@' | b'x' | b'|')
    ) || lead == Some(b',') && gap.len() == 1 && p.shape == words::Shape::Digits
        // A negative balance: `los -1963`.
        || lead == Some(b'-') && gap.len() > 1
        // The end of a ZIP+4 or a phone number: `01072-2086`, `555-1987`.
        || gap == b"-" && p.shape == words::Shape::Digits && p.len() != 4
        || matches!(next, Some(b'.' | b',' | b':' | b'/')) && digit(after)
        || matches!(next, Some(b'%' | b'/' | b'\'' | b'*' | b'^' | b'+' | b'='))
    {
        return false;
    }
    // A cell of a table's row of values: `Kappa FLC (mg/L)    2091        311`.
    let pad = b[w.end..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if (pad >= 2 || b.get(w.end) == Some(&b'\t')) && digit(b.get(w.end + pad).copied()) {
        return false;
    }
    // A unit or a count after it: `1990 mL`, `1985 steps`.
    if quantity_word(seg, words, i + 1) {
        return false;
    }
    let prev = &seg[p.start..p.end];
    let lower = prev.to_ascii_lowercase();
    let adjacent_word = p.is_alpha() && gap == b" ";
    // A year compared with: `compared with 2019 study`, `compared to 2021.`, `vs 2018`.
    let compared = match lower.as_str() {
        "vs" | "versus" => true,
        "with" | "to" => {
            i >= 2
                && &seg[words[i - 2].end..p.start] == " "
                && matches!(
                    seg[words[i - 2].start..words[i - 2].end]
                        .to_ascii_lowercase()
                        .as_str(),
                    "compared" | "comparison" | "unchanged" | "similar" | "stable"
                )
        }
        _ => false,
    };
    if adjacent_word && compared {
        return true;
    }
    // A year that qualifies the noun after it, after an article or a possessive: `a 2009
    // admission`, `a 2018 felony conviction`, `her 2015 MRI` (quantities are gone above; a
    // time of day takes no article).
    if adjacent_word
        && matches!(
            lower.as_str(),
            "a" | "the" | "her" | "his" | "their" | "my" | "our" | "your"
        )
        && next == Some(b' ')
        && i + 1 < words.len()
        && words[i + 1].start == w.end + 1
        && words[i + 1].is_alpha()
        && !matches!(
            seg[words[i + 1].start..words[i + 1].end]
                .to_ascii_lowercase()
                .as_str(),
            "calorie" | "kcal" | "cal" | "carb" | "sodium" | "fluid" | "word" | "ml"
        )
    {
        return true;
    }
    // A clinical word takes a value (`BNP 1993`, `ck 2000`), a past participle an event's year
    // (`INTUBATED 1997 AT CAPE COD`).
    let participle = p.len() >= 6 && lower.ends_with("ed");
    if adjacent_word
        && (YEAR_CUES.contains(&lower.as_str())
            || LAB_VALUES.contains(&lower.as_str())
            || p.has(dictionary::UNIT)
            || p.has(dictionary::MEDICAL) && !participle
            || p.len() < 3
            || p.len() <= 5 && prev.bytes().all(|c| !c.is_ascii_lowercase()))
    {
        return false;
    }
    // A range from an earlier year: the second of `1997-2019`, `2006-2011`.
    let range_from = (gap == b"-" || gap == "\u{2013}".as_bytes())
        && p.shape == words::Shape::Digits
        && p.len() == 4
        && seg[p.start..p.end]
            .parse::<u32>()
            .is_ok_and(|y| (1960..v).contains(&y));
    // The first of a range to a later year.
    let range_to = matches!(next, Some(b'-'))
        && i + 1 < words.len()
        && words[i + 1].start == w.end + 1
        && words[i + 1].len() == 4
        && seg[words[i + 1].start..words[i + 1].end]
            .parse::<u32>()
            .is_ok_and(|y| y > v && year_alone(y));
    // Two numbers from 2000 may be a time range (`2000-2030`) where case says nothing.
    if (range_from || range_to)
        && (!may_be_time(v)
            || range_from && prev.starts_with("19")
            || mode == words::CaseMode::Mixed)
    {
        return true;
    }
    if matches!(next, Some(b'-')) && digit(after) {
        return false;
    }
    let approx =
        lead == Some(b'~') || gap == b"-" && matches!(lower.as_str(), "pre" | "post" | "mid");
    let parenthesised =
        lead == Some(b'(') && next == Some(b' ') && after.is_some_and(|c| c.is_ascii_alphabetic());
    // In mixed-case prose a time of day is written `20:00` or `8 pm`: a year that ends its
    // clause after a plain word (`strain 2019,`, `visit 2021)`, `Mogadishu 2010;`).
    let clause_end = match next {
        None | Some(b'\n' | b'\r' | b')' | b';' | b',' | b':') => true,
        Some(b'.') => !digit(after),
        _ => false,
    };
    let prose = mode == words::CaseMode::Mixed && adjacent_word && clause_end;
    if may_be_time(v) {
        return approx || parenthesised || prose;
    }
    true
}

/// A dated list: two lines or more of a paragraph that open with a year and go on with words
/// (`Past history` / `  2009  Seropositive RA` / `  2015  Osteopenia on DEXA`). A line that opens
/// with four digits is also a time in a nursing log (`2000 pt resting`): the list's numbers
/// must all be years (1960 to 2099), and where case says nothing one of them must be no time of
/// day (20:00 to 20:59 cannot then be all there is). Appends DATE spans.
fn year_lists(seg: &str, mode: words::CaseMode, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let mut heads: Vec<(usize, u32)> = Vec::new();
    for ls in line_starts(b) {
        let s = ls
            + b[ls.min(b.len())..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
        if !b.get(s).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let digits = b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
        // A year, then a separator and a word on the same line; any other number opening a
        // line makes the paragraph no year list.
        let e = s + digits;
        let sep = b[e..]
            .iter()
            .take_while(|&&c| b" \t-:".contains(&c))
            .count();
        let then_word = sep > 0 && b.get(e + sep).is_some_and(u8::is_ascii_alphabetic);
        let value: u32 = if digits == 4 && then_word {
            seg[s..e].parse().unwrap_or(0)
        } else {
            0
        };
        if !year_alone(value) {
            return;
        }
        heads.push((s, value));
    }
    if heads.len() < 2 {
        return;
    }
    if mode != words::CaseMode::Mixed && heads.iter().all(|&(_, v)| may_be_time(v)) {
        return;
    }
    for &(s, _) in &heads {
        push_context(seg, out, s, s + 4, Label::Date, 0.7);
    }
}

/// The index of the word that starts at byte `at`, if one does.
fn word_at(words: &[Word], at: usize) -> Option<usize> {
    words.binary_search_by_key(&at, |w| w.start).ok()
}

/// A nickname in quotes right after a name, in parentheses or not (`BEGAY, ROSALIND
/// ("Rose")`, `Cornelius J. "Con" Mulcahy`, `HUNTER, WILLIAM T (“Bill”)`): one word with a
/// capital alone between its quotes (a vocabulary word only in double quotes and in
/// parentheses, before the surname or closing a CSV field), `gap` the bytes between the name
/// and the word. Curly quotes are word bytes to the tokenizer: the word holds them. Returns
/// the nickname's bytes.
fn quoted_nickname(b: &[u8], gap: &[u8], next: Word) -> Option<(usize, usize)> {
    let gap = gap.strip_prefix(b".").unwrap_or(gap);
    let spaces = gap.iter().take_while(|&&c| c == b' ').count();
    let open = &gap[spaces..];
    let paren = open.starts_with(b"(");
    let open = open.strip_prefix(b"(").unwrap_or(open);
    let word = &b[next.start..next.end];
    // The nickname's bytes and what follows its closing quote.
    let (s, e, after) = if let Some(inner) = word
        .strip_prefix("\u{201c}".as_bytes())
        .and_then(|w| w.strip_suffix("\u{201d}".as_bytes()))
        && open.is_empty()
    {
        (next.start + 3, next.start + 3 + inner.len(), &b[next.end..])
    } else if (open == b"\"" || open == b"'") && b[next.end..].starts_with(open) {
        (next.start, next.end, &b[next.end + 1..])
    } else {
        return None;
    };
    // A vocabulary word in quotes is also a word said (`Mrs. Chen 'Fine' Overall`, `per Dr.
    // Kim "Cleared" for discharge`): a nickname only in double quotes, in parentheses, inside
    // the name before its surname or closing a CSV field (`("Rose")`, `J. "Con" Mulcahy`,
    // `James "Jimmy",`).
    let in_name = paren && after.starts_with(b")")
        || after.starts_with(b" ") && after.get(1).is_some_and(u8::is_ascii_uppercase)
        // A CSV row's field (`Whitfield,James "Jimmy",11/22/1952`).
        || after.starts_with(b",");
    if next.has(names::VOCAB) && (!in_name || open == b"'") {
        return None;
    }
    let nick = &b[s..e];
    ((1..=3).contains(&spaces)
        && nick.len() >= 2
        && nick[0].is_ascii_uppercase()
        && nick.iter().all(u8::is_ascii_alphabetic)
        && !next.has(
            dictionary::CREDENTIAL | dictionary::TITLE | dictionary::MONTH | dictionary::WEEKDAY,
        ))
    .then_some((s, e))
}

/// Words that continue a name the rules found (NAME spans of `out[first..]`): in any text, a
/// middle initial closing its line after `SURNAME, GIVEN` in capitals (`DELACROIX, RENEE T`);
/// in mixed-case text, the second half of a hyphenated surname that is also a word (`Okonjo-Bell`,
/// `Delacroix-Ward`), and in any text in lower case after a name in lower case
/// (`pelletier-brown`); the vowel after an ʻokina (`Alapa'i`); a listed surname that is also a
/// word after a lone given name (`Elena Marsh`); and a partner's given name joined by `&` or
/// `and` before a full name (`Mark & Danielle Whitfield`). Appends NAME spans.
fn name_continuations(
    seg: &str,
    words: &[Word],
    mode: words::CaseMode,
    first: usize,
    out: &mut Vec<Span>,
) {
    const NOT_SURNAME: u32 = dictionary::MEDICAL
        | dictionary::UNIT
        | dictionary::STOPWORD
        | dictionary::CREDENTIAL
        | dictionary::TITLE
        | dictionary::ROLE
        | dictionary::MONTH
        | dictionary::WEEKDAY
        | dictionary::FACILITY
        | dictionary::FACILITY_HEAD
        | dictionary::ORG_SUFFIX
        | dictionary::EPONYM_HEAD
        | dictionary::STREET;
    let mixed = mode == words::CaseMode::Mixed;
    let b = seg.as_bytes();
    let capitalised = |w: &Word| w.shape == words::Shape::Capitalized && w.is_alpha();
    // Spans pushed here are read too: a quoted nickname's span can precede a middle initial
    // (`Abernathy, Winston "Win" L.`).
    let mut k = first;
    while k < out.len() {
        let sp = out[k];
        k += 1;
        if sp.label != Label::Name {
            continue;
        }
        // After the span: `-Bell`, `'i`, ` Marsh` after a lone given name, or ` T`.
        let j = words.partition_point(|w| w.start < sp.end);
        if let Some(&next) = words.get(j) {
            let gap = &b[sp.end..next.start];
            // A middle initial after `SURNAME, GIVEN` (`...... DELACROIX, RENEE T`,
            // `PATIENT: ABERNATHY-COLE, WINIFRED J        AGE: 91`, `mercer, dolores j   dob`,
            // `Abernathy, Winston "Win" L.     MRN`), in any case mode: forms print it so.
            let middle = next.len() == 1
                && matches!(gap, b" " | b"\" ")
                && inverted_name_before(b, sp.start, sp.end)
                && (b[next.start].is_ascii_uppercase()
                    || b[next.start].is_ascii_lowercase()
                        && b[sp.start..sp.end].iter().all(|c| !c.is_ascii_uppercase()))
                && field_ends(b, next.end + usize::from(b.get(next.end) == Some(&b'.')));
            // The rest reads case: mixed-case text only.
            let lone_given = j > 0
                && words[j - 1].start == sp.start
                && words[j - 1].end == sp.end
                && words[j - 1].has(dictionary::FIRST);
            // Not an eponym's second name before its head noun (`Reed-Sternberg cells`,
            // `Jackson-Pratt drain`, `Ramsay Hunt syndrome`).
            let eponym = words.get(j + 1).is_some_and(|h| {
                &b[next.end..h.start] == b" "
                    && h.has(dictionary::EPONYM_HEAD | dictionary::MEDICAL)
            });
            // A vowel after an ʻokina written as an apostrophe ends a Polynesian name
            // (`Alapa'i`); not a possessive's or a contraction's letter (`'s`, `'t`).
            let okina = matches!(gap, b"'" | [0xE2, 0x80, 0x99])
                && next.len() == 1
                && matches!(b[next.start], b'a' | b'e' | b'i' | b'o' | b'u');
            let hyphen = gap == b"-" && capitalised(&next) && !eponym;
            // In lower case, a name in lower case (`daughter colette pelletier-brown`).
            let lower_hyphen = gap == b"-"
                && next.shape == words::Shape::Lower
                && next.is_alpha()
                && next.len() >= 2
                && !eponym
                && !next.has(dictionary::MEDICAL | dictionary::UNIT | dictionary::STOPWORD)
                // A listed surname or no word (`pelletier-brown`; not `karen-no answer`,
                // `linda-agrees`).
                && (next.has(dictionary::SURNAME) || !next.has(names::VOCAB))
                // Not a compound's participle (`spanish-speaking`, `kappa-restricted`).
                && !(b[..next.end].ends_with(b"ing") || b[..next.end].ends_with(b"ed"))
                && !b[sp.start..sp.end].iter().any(u8::is_ascii_uppercase);
            let surname = gap == b" "
                && !eponym
                && lone_given
                && capitalised(&next)
                && next.has(dictionary::SURNAME)
                && !next.has(NOT_SURNAME);
            // The given name after a surname and a comma without a space, as VistA and some
            // exports print a person (`OYELARAN,BOLA A`, `Nakamura,Keiko`): the same case as
            // the surname, no vocabulary of roles, titles, units or medicine.
            let given = gap == b","
                && next.len() >= 2
                && j > 0
                && words[j - 1].start == sp.start
                && words[j - 1].end == sp.end
                && matches!(
                    (words[j - 1].shape, next.shape),
                    (words::Shape::Upper, words::Shape::Upper)
                        | (words::Shape::Capitalized, words::Shape::Capitalized)
                )
                && next.is_alpha()
                && !next.has(NOT_SURNAME | dictionary::STATE)
                && (next.has(dictionary::FIRST | dictionary::NICK)
                    || words.get(j + 1).is_some_and(|i| {
                        i.len() == 1 && i.start == next.end + 1 && field_ends(b, i.end)
                    }))
                && !csv_line(b, sp.start);
            if middle {
                push_context(seg, out, sp.start, next.end, Label::Name, sp.score);
            }
            if given {
                push_context(
                    seg,
                    out,
                    next.start,
                    next.end,
                    Label::Name,
                    sp.score.min(0.8),
                );
            }
            // A town in brackets right after a person (`son Clifford Abernathy (Sacramento)`):
            // where the person lives.
            if gap == b" ("
                && b.get(next.end) == Some(&b')')
                && matches!(next.shape, words::Shape::Capitalized | words::Shape::Upper)
                && next.has(dictionary::CITY)
                && !next.has(names::VOCAB | dictionary::FIRST)
            {
                push_context(seg, out, next.start, next.end, Label::Location, 0.7);
            }
            if let Some((s, e)) = quoted_nickname(b, gap, next) {
                push_context(seg, out, s, e, Label::Name, sp.score.min(0.8));
            }
            if mixed && okina {
                push_context(seg, out, sp.start, next.end, Label::Name, sp.score);
            } else if mixed && (hyphen || surname) || lower_hyphen {
                push_context(seg, out, next.start, next.end, Label::Name, 0.6);
            }
        }
        // Before the span: a given name that is also a word, between a title, credential or
        // role and the surname the rules found (`w/ np faith odhiambo`, `SISTER HOPE
        // LINDQVIST`), in the surname's case.
        if let Some(i) = word_at(words, sp.start)
            && i >= 2
        {
            let (g, t) = (words[i - 1], words[i - 2]);
            if g.shape == words[i].shape
                && g.is_alpha()
                && g.has(dictionary::FIRST | dictionary::NICK)
                && !g.has(NOT_SURNAME)
                && b[g.end..sp.start] == *b" "
                && b[t.end..g.start] == *b" "
                && t.has(dictionary::TITLE | dictionary::CREDENTIAL | dictionary::ROLE)
            {
                push_context(seg, out, g.start, sp.end, Label::Name, sp.score.min(0.8));
            }
        }
        // Before the span: `Mark & ` or `Mark and ` before a given name.
        if mixed
            && let Some(i) = word_at(words, sp.start)
            && i >= 1
            && words[i].has(dictionary::FIRST)
        {
            let c = words[i - 1];
            let partner = if &b[c.end..sp.start] == b" & " {
                Some(c)
            } else if i >= 2 && &b[c.start..c.end] == b"and" {
                let p = words[i - 2];
                (&b[p.end..c.start] == b" " && &b[c.end..sp.start] == b" ").then_some(p)
            } else {
                None
            };
            if let Some(p) = partner
                && capitalised(&p)
                && p.has(dictionary::FIRST)
                && !p.has(NOT_SURNAME)
            {
                push_context(seg, out, p.start, p.end, Label::Name, 0.6);
            }
        }
    }
}

/// True when the NAME span `b[s..e]` is the given-name part of `SURNAME, GIVEN` (or
/// `SURNAME,GIVEN`): a comma inside it, or one before it on its line with a word before the
/// comma and only letters, spaces, quotes and hyphens between the comma and the span.
#[inline(never)]
fn inverted_name_before(b: &[u8], s: usize, e: usize) -> bool {
    if b[s..e].contains(&b',') {
        return true;
    }
    let from = s.saturating_sub(48);
    let Some(c) = b[from..s]
        .iter()
        .rposition(|&c| c == b',')
        .map(|c| from + c)
    else {
        return false;
    };
    c > 0
        && b[c - 1].is_ascii_alphabetic()
        && b[c + 1..s]
            .iter()
            .all(|&x| x.is_ascii_alphabetic() || matches!(x, b' ' | b'"' | b'\'' | b'-'))
}

/// True when the line holding `b[i]` reads as a row of comma-separated values: three commas
/// or more with no space after them (`ED-HOLD,H14,"UNKNOWN, TRAUMA ECHO",...`).
#[inline(never)]
fn csv_line(b: &[u8], i: usize) -> bool {
    b[names::line_start(b, i)..names::line_end(b, i)]
        .windows(2)
        .filter(|w| w[0] == b',' && w[1] != b' ')
        .nth(2)
        .is_some()
}

/// A town before `office` or `campus` (`Chesapeake office`, `the Dallas campus`): a listed
/// town, capitalised or in capitals, that is no common word. Appends LOCATION spans.
#[inline(never)]
fn town_offices(seg: &str, lower: &str, words: &[Word], out: &mut Vec<Span>) {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static OFFICE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("office"));
    static CAMPUS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("campus"));
    let b = seg.as_bytes();
    let l = lower.as_bytes();
    for p in OFFICE.find_iter(l).chain(CAMPUS.find_iter(l)) {
        let Some(k) = word_at(words, p).filter(|&k| k > 0) else {
            continue;
        };
        let t = words[k - 1];
        if b[t.end..p] == *b" "
            && words[k].len() == 6
            && matches!(t.shape, words::Shape::Capitalized | words::Shape::Upper)
            && t.has(dictionary::CITY)
            && !t.has(names::VOCAB | dictionary::FIRST)
        {
            push_context(seg, out, t.start, t.end, Label::Location, 0.7);
        }
    }
}

/// True when a field's value ends at `b[p]`: the end of the text or of its line, a tab, a
/// column bar, a closing quote, a comma, or two spaces (a form's next column).
fn field_ends(b: &[u8], p: usize) -> bool {
    match b.get(p) {
        None | Some(b'\r' | b'\n' | b'\t' | b'|' | b'"' | b',') => true,
        Some(b' ') => b.get(p + 1) == Some(&b' '),
        _ => false,
    }
}

/// An inverted name, `SURNAME, Given`, that a census line's age and sex (`BLAKE, Hope 29F`) or
/// a middle initial and a credential (`WOOD, SUMMER A CNP`) follow: word `i` is the age and sex
/// or the credential. Each name word is in no vocabulary or a listed name. Appends a NAME span
/// over the name words and the initial.
fn inverted_name_tail_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let w = words[i];
    let age_sex = w.shape == words::Shape::AlphaNum
        && (2..=4).contains(&w.len())
        && matches!(b[w.end - 1], b'F' | b'M')
        && b[w.start..w.end - 1].iter().all(u8::is_ascii_digit);
    // `PT` is a patient as often as a physical therapist.
    let credential = !age_sex
        && w.has(dictionary::CREDENTIAL)
        && w.shape == words::Shape::Upper
        && &seg[w.start..w.end] != "PT";
    if !age_sex && !credential || i < if credential { 3 } else { 2 } {
        return;
    }
    // With a credential, the initial before it: `J MD`.
    let last = if credential { i - 2 } else { i - 1 };
    if credential {
        let x = words[i - 1];
        if x.len() != 1 || x.shape != words::Shape::Upper || &seg[x.end..w.start] != " " {
            return;
        }
    }
    let (sur, given) = (words[last - 1], words[last]);
    // A surname listed or in no vocabulary; a given name listed (or a nickname) or in no
    // vocabulary (`RESTRAINTS: MITTS, VEST PT`, `MASS, LEFT A MD` are no names).
    let name_word = |x: &Word, listed: u32| {
        matches!(x.shape, words::Shape::Upper | words::Shape::Capitalized)
            && x.len() >= 2
            && !x.has(dictionary::STOPWORD | dictionary::CREDENTIAL | dictionary::TITLE)
            && (!x.has(names::VOCAB) || x.has(listed))
    };
    let after_given = &b[given.end..words[last + 1].start];
    if &seg[sur.end..given.start] != ", "
        || after_given.is_empty()
        || !after_given.iter().all(|&c| c == b' ')
        || !name_word(&sur, dictionary::SURNAME)
        || !name_word(&given, dictionary::FIRST | dictionary::NICK)
    {
        return;
    }
    let end = if credential {
        words[i - 1].end
    } else {
        given.end
    };
    push_context(seg, out, sur.start, end, Label::Name, 0.8);
}

/// The name a person goes by, after `goes by`, `known as`, `aka` or `nickname` (`(GOES BY
/// "SUE")`, `goes by "Ngoc"`, `aka Bobby`): the next word on the line when it stands in quotes
/// or starts with a capital and is no function word; after a `Preferred:`, `preferred name:`
/// or `addressed:` field, in quotes only. Not after `prefers` alone, which names a language or
/// a day as often. Appends NAME spans.
fn nickname_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    if i == 0 {
        return;
    }
    let (p, w) = (words[i - 1], words[i]);
    // By length and first letter before any comparison.
    if !matches!(w.len(), 2 | 3 | 4 | 8 | 9)
        || !matches!(b[w.start] | 0x20, b'b' | b'a' | b'n' | b'p')
    {
        return;
    }
    let is = |x: &Word, s: &[u8]| b[x.start..x.end].eq_ignore_ascii_case(s);
    let cue = is(&w, b"by") && (is(&p, b"goes") || is(&p, b"go"))
        || is(&w, b"as") && is(&p, b"known")
        || is(&w, b"aka")
        || is(&w, b"nickname");
    // A field of the name a person is called by, with the name in quotes: `Preferred:
    // "Roger"`, `preferred name: "Dona Rosita"`, `prefers to be addressed: "Roz"`.
    let called =
        (is(&w, b"preferred") || is(&w, b"addressed") || is(&w, b"name") && is(&p, b"preferred"))
            && seg[w.end..].starts_with(':');
    let cue = cue || called;
    let Some(&n) = words.get(i + 1) else { return };
    if !cue || b[w.end..n.start].contains(&b'\n') {
        return;
    }
    let gap = &seg[w.end..n.start];
    let quoted = gap
        .trim_end()
        .ends_with(['"', '\'', '\u{201C}', '\u{2018}']);
    let ok = gap.chars().all(|c| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | ':' | '(')
    }) && n.is_alpha()
        && (quoted || !called && b[n.start].is_ascii_uppercase() && !n.has(dictionary::STOPWORD));
    if ok {
        push_context(seg, out, n.start, n.end, Label::Name, 0.8);
    }
}

/// A street named without its number after `on` or `off`, in lower case as messages write it
/// (`cvs on boston rd`, `my old apt on dickinson st`) or all in capitals (`ON CAMBRIDGE ST`):
/// one or two words that are no function or clinical word before a common street suffix.
/// Appends ADDRESS spans.
fn street_at(seg: &str, words: &[Word], k: usize, out: &mut Vec<Span>) {
    const NOT_STREET_NAME: u32 = dictionary::STOPWORD | dictionary::MEDICAL | dictionary::UNIT;
    // The suffixes that are no English word or abbreviation of one (not `dr`, `is`, `via`,
    // `pt`, `way`).
    const SUFFIXES: &[&[u8]] = &[
        b"st",
        b"street",
        b"ave",
        b"av",
        b"avenue",
        b"rd",
        b"road",
        b"blvd",
        b"boulevard",
        b"ln",
        b"lane",
        b"hwy",
        b"highway",
        b"pkwy",
        b"parkway",
        b"tpke",
        b"turnpike",
    ];
    let b = seg.as_bytes();
    if k < 2 {
        return;
    }
    let w = words[k];
    // In lower case, or all in capitals as ALL-CAPS notes write them (`ON CAMBRIDGE ST`).
    let shape = w.shape;
    if !w.has(dictionary::STREET)
        || !matches!(shape, words::Shape::Lower | words::Shape::Upper)
        || !SUFFIXES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&b[w.start..w.end]))
    {
        return;
    }
    for n in 1..=2 {
        if k < n + 1 {
            break;
        }
        let name = &words[k - n..k];
        let cue = words[k - n - 1];
        let spaced = words[k - n - 1..=k]
            .windows(2)
            .all(|p| &b[p[0].end..p[1].start] == b" ");
        let cue_word = &b[cue.start..cue.end];
        if spaced
            && cue.shape == shape
            && (cue_word.eq_ignore_ascii_case(b"on") || cue_word.eq_ignore_ascii_case(b"off"))
            && name
                .iter()
                .all(|x| x.shape == shape && !x.has(NOT_STREET_NAME))
        {
            push_context(seg, out, name[0].start, w.end, Label::Address, 0.6);
            break;
        }
    }
}

/// Initials in capitals that no list holds after `by`, where a time or a verb of record
/// keeping comes before `by` (`Rec'd: 06/16/23 10:42 by LJB`, `reviewed by JKW`): two or three
/// letters. Not after other uses of `by` (`by NBP`, `arrived by BLS`), where capitals name a
/// method or a service. Appends NAME spans.
fn initials_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    const RECORDED: &[&[u8]] = &[
        b"signed",
        b"cosigned",
        b"reviewed",
        b"entered",
        b"recorded",
        b"initialed",
        b"witnessed",
        b"verified",
        b"checked",
        b"scanned",
        b"drawn",
        b"collected",
        b"received",
        b"completed",
        b"documented",
        b"transcribed",
        b"dictated",
        b"approved",
    ];
    let b = seg.as_bytes();
    if i < 2 {
        return;
    }
    let (q, p, w) = (words[i - 2], words[i - 1], words[i]);
    if !(2..=3).contains(&w.len()) || w.shape != words::Shape::Upper || w.flags != 0 {
        return;
    }
    // After a time, the initials end the entry (`10:42 by LJB   Request #`; not
    // `15:40 by BLS stretcher`).
    let ends_entry = words.get(i + 1).is_none_or(|n| {
        let gap = &b[w.end..n.start];
        gap.contains(&b'\n') || gap.starts_with(b"  ") || gap.starts_with(b"\t")
    });
    let recorded = q.shape == words::Shape::Digits && ends_entry
        || RECORDED.contains(&b[q.start..q.end].to_ascii_lowercase().as_slice());
    if !recorded || !b[p.start..p.end].eq_ignore_ascii_case(b"by") || b[p.end..w.start] != *b" " {
        return;
    }
    push_context(seg, out, w.start, w.end, Label::Name, 0.6);
}

/// A name spelled out letter by letter after `spelled` or `that is`, as dictation transcribes
/// it (`kowalczyk that is k o w a l c z y k`, `spelled S-M-I-T-H`): four or more single
/// letters joined by a space or a hyphen. Appends a NAME span over the letters.
fn spelled_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let w = words[i];
    let cue = match w.len() {
        2 => {
            b[w.start..w.end].eq_ignore_ascii_case(b"is")
                && i > 0
                && b[words[i - 1].start..words[i - 1].end].eq_ignore_ascii_case(b"that")
        }
        7 | 8 => {
            b[w.start..w.end].eq_ignore_ascii_case(b"spelled")
                || b[w.start..w.end].eq_ignore_ascii_case(b"spelling")
        }
        _ => false,
    };
    if !cue {
        return;
    }
    let mut j = i + 1;
    while j < words.len()
        && words[j].len() == 1
        && words[j].is_alpha()
        && (j == i + 1 || matches!(&b[words[j - 1].end..words[j].start], b" " | b"-"))
    {
        j += 1;
    }
    if j - i > 4 && matches!(b[w.end..words[i + 1].start].trim_ascii(), b"" | b":" | b",") {
        push_context(
            seg,
            out,
            words[i + 1].start,
            words[j - 1].end,
            Label::Name,
            0.8,
        );
    }
}

/// Optical character recognition of faxed and scanned pages reads zero as the letter `O` and
/// one as `l` or `I` (`O3/O5/2O24`, `(978) 555-Ol93`, `MA  Ol96O`, `l4 Wyman St`), which no
/// pattern matches. Fills `folded` with `seg` where every run of ASCII letters and digits that
/// holds a digit and no other letter than `O`, `l` and `I` has those letters replaced by `0`
/// and `1` (same length, same offsets), and `runs` with the byte ranges of those runs; returns
/// whether there was any. A run without a digit stays as it is (`Ol`, `Oil`, `I`), and so does
/// one with any other letter (`SpO2`, `10mL`, `CO2`), oxygen (`O2`), litres (`2l`) and a
/// lower-case `o` (`1o/2o`: primary and secondary).
fn ocr_digits(
    seg: &str,
    words: &[Word],
    folded: &mut String,
    runs: &mut Vec<(usize, usize)>,
) -> bool {
    runs.clear();
    let b = seg.as_bytes();
    // A word is a run of ASCII letters and digits (or of non-ASCII bytes too, which no OCR
    // digit holds): only words of letters and digits need a look.
    for w in words.iter().filter(|w| w.shape == words::Shape::AlphaNum) {
        let run = &b[w.start..w.end];
        let letters = run.iter().filter(|c| !c.is_ascii_digit()).count();
        // Oxygen (`O2/2l`) and litres (`2l`, `10l NC`) are what they say, and so are the
        // ICD-10 categories of chapters I and O (`I21.4`, `O24`).
        let oxygen_or_litres = run == b"O2" || letters == 1 && run.last() == Some(&b'l');
        let icd = run.len() == 3 && matches!(run[0], b'I' | b'O') && letters == 1;
        if !oxygen_or_litres
            && !icd
            && run
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'O' | b'l' | b'I'))
        {
            runs.push((w.start, w.end));
        }
    }
    if runs.is_empty() {
        return false;
    }
    folded.clear();
    folded.push_str(seg);
    // Each run is ASCII letters and digits: its digits replace it in place, same length.
    for &(s, e) in runs.iter() {
        let digits: String = seg[s..e]
            .chars()
            .map(|c| match c {
                'O' => '0',
                'l' | 'I' => '1',
                c => c,
            })
            .collect();
        folded.replace_range(s..e, &digits);
    }
    true
}

/// The offsets at which the lines of `b` start.
fn line_starts(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', b).map(|p| p + 1))
}

/// Appends the context rules' span `start..end` (dropped if malformed, as `Span::checked`
/// drops it).
fn push_context(
    seg: &str,
    out: &mut Vec<Span>,
    start: usize,
    end: usize,
    label: Label,
    score: f32,
) {
    out.extend(Span::checked(
        seg,
        start,
        end,
        label,
        score,
        crate::span::Source::Context,
    ));
}

/// An organisation whose name holds `of` between two parts the rules found apart (`St. Anthony
/// of Padua Parish`, `University of Oslo`): two spans of `out[first..]` ` of ` apart, the second
/// opening with a capital, become one ORGANIZATION where the first is an organisation, or a
/// saint's name before an organisation. Not a person of an organisation (`Will Ferreira of
/// Maple Grove Services`), nor `in` (`Daycare in Mattapan` is where it is) or `and` (`LAFD and
/// LAPD` are two).
fn bridged_organizations(seg: &str, first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let mut parts: Vec<(usize, usize, Label)> = out[first..]
        .iter()
        .filter(|sp| {
            matches!(
                sp.label,
                Label::Organization | Label::Location | Label::Name
            )
        })
        .map(|sp| (sp.start, sp.end, sp.label))
        .collect();
    if parts.len() < 2 {
        return;
    }
    parts.sort_unstable_by_key(|p| p.0);
    let saint = |s: usize| {
        [&b"St. "[..], b"St ", b"Saint ", b"ST. "]
            .iter()
            .any(|p| b[s..].starts_with(p))
    };
    let mut joins = Vec::new();
    for &(s, e, l1) in &parts {
        let s2 = e + 4;
        if !b[e..].starts_with(b" of ") || !b.get(s2).is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        // Every span that opens right there (nested spans share a start).
        let from = parts.partition_point(|p| p.0 < s2);
        for &(_, e2, l2) in parts[from..].iter().take_while(|p| p.0 == s2) {
            if l1 == Label::Organization || saint(s) && l2 == Label::Organization {
                joins.push((s, e2));
            }
        }
    }
    // Two parts that share a range (nested spans) would give one join twice.
    joins.sort_unstable();
    joins.dedup();
    for (s, e) in joins {
        push_context(seg, out, s, e, Label::Organization, 0.7);
    }
}

/// A month named alone after a word that dates something by it (`in July`, `since October`,
/// `mid-May`, `early June`, `through December`, `due April`, `since Sept`, `since about June`,
/// `noticed August`): an element of a date (45 CFR 164.514(b)(2)(i)(C)) that the patterns,
/// which need a day or a year, do not see. Full month
/// names only, capitalised or in capitals (`may` is a verb; `in May` is a month), or in lower
/// case when no English word (`since mid-october`), and not a given name (`seen by June Park`:
/// a NAME span of `out[first..]`). Appends DATE spans.
fn months_alone(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    const CUES: &[&str] = &[
        "in",
        "since",
        "until",
        "till",
        "through",
        "thru",
        "by",
        "during",
        "early",
        "mid",
        "late",
        "last",
        "next",
        "this",
        "from",
        "before",
        "after",
        "around",
        "of",
        "to",
        "due",
        "about",
        "approximately",
        "approx",
        "circa",
        "noticed",
        "began",
        "started",
        "for",
        // A verb of what was done or felt then (`last used March`, `vaccine received October`,
        // `worse April-June`).
        "used",
        "received",
        "given",
        "done",
        "completed",
        "worse",
        "better",
        "scheduled",
        "planned",
        "expected",
        "returned",
        "visited",
        "moved",
        "filled",
        "refilled",
        "treated",
        // A hedge between the cue and the month (`since roughly December`).
        "roughly",
        "maybe",
        "sometime",
    ];
    // Abbreviations that are no name or word (`Jan`, `Mar`, `May` are).
    const SHORT: &[&[u8]] = &[
        b"feb", b"apr", b"jun", b"jul", b"aug", b"sep", b"sept", b"oct", b"nov", b"dec",
    ];
    let b = seg.as_bytes();
    for k in 0..words.len() {
        let w = &words[k];
        if !w.has(dictionary::MONTH) {
            continue;
        }
        // In lower case only the months that are no English word (`since mid-october`; not
        // `in may`, `to march`), and `march` and `august` after a word that dates by a month
        // only (`in august`, `since march`; not `to march`, `an august body`).
        let dating = k > 0
            && b[words[k - 1].end..w.start] == *b" "
            && [
                "in", "since", "until", "through", "during", "early", "late", "mid", "last",
            ]
            .iter()
            .any(|c| b[words[k - 1].start..words[k - 1].end].eq_ignore_ascii_case(c.as_bytes()));
        let lower_ok = w.shape == words::Shape::Lower
            && match &b[w.start..w.end] {
                b"may" => false,
                b"march" | b"august" => dating,
                _ => true,
            };
        let short = matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper)
            && SHORT
                .iter()
                .any(|m| b[w.start..w.end].eq_ignore_ascii_case(m));
        if w.len() < 3
            || !(matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper) || lower_ok)
            || !(short
                || dictionary::MONTH_NAMES
                    .iter()
                    .any(|m| b[w.start..w.end].eq_ignore_ascii_case(m.as_bytes())))
        {
            continue;
        }
        // The word before and the bytes between (none at the segment's start): a cue word or
        // the month before it in a range (`in July`, `April-June`), with a blank, `-`, `~` or
        // a line break between (`since ~June`, `in` / `October` across a line break).
        let cued = k.checked_sub(1).is_some_and(|j| {
            let (p, gap) = (&words[j], &b[words[j].end..w.start]);
            (CUES
                .iter()
                .any(|c| b[p.start..p.end].eq_ignore_ascii_case(c.as_bytes()))
                || p.has(dictionary::MONTH) && gap == b"-")
                && (matches!(gap, b" " | b"-" | b" ~" | b" ~ ")
                    || gap.contains(&b'\n') && gap.iter().all(|c| c.is_ascii_whitespace()))
        });
        // Or the month that opens a range (`March-June yearly`, `Feb-June`), whatever is
        // before it.
        let range_to = words.get(k + 1).is_some_and(|n| {
            n.has(dictionary::MONTH)
                && n.shape == w.shape
                && n.len() >= 3
                && b.get(w.end) == Some(&b'-')
                && n.start == w.end + 1
        });
        // `seen by June Park`: a given name, which the name rules found or a capitalised
        // word after it shows.
        let name = out[first..]
            .iter()
            .any(|sp| sp.label == Label::Name && sp.start <= w.start && sp.end >= w.end)
            || words.get(k + 1).is_some_and(|n| {
                n.shape == words::Shape::Capitalized && b[w.end..n.start] == *b" "
            });
        if (cued || range_to) && !name {
            push_context(seg, out, w.start, w.end, Label::Date, 0.8);
        }
    }
}

/// The length of `, Inc.`, `, LLC`, `, P.A.` and the other forms of a company at the start of
/// `rest`, when one ends a word there.
fn company_form(rest: &[u8]) -> Option<usize> {
    const FORMS: &[&[u8]] = &[
        b"inc.", b"inc", b"llc", b"l.l.c.", b"ltd.", b"ltd", b"corp.", b"corp", b"p.a.", b"pa",
        b"p.c.", b"pc", b"pllc", b"llp", b"lp", b"co.",
    ];
    let after = rest.strip_prefix(b", ")?;
    FORMS.iter().find_map(|f| {
        let ok = after.len() >= f.len()
            && after[..f.len()].eq_ignore_ascii_case(f)
            && after
                .get(f.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric() && (f.ends_with(b".") || *c != b'.'));
        // A form without its period stops before one that ends the sentence.
        ok.then(|| 2 + f.len())
    })
}

/// The town after a facility or organisation and a comma, at the end of its line, clause or
/// cell: `Sunnybrook Pines Nursing & Rehabilitation, Waltham`, `Mercy Hospital, Troy.`,
/// `Lurie Children's Hospital, Chicago - Pediatric ED`. A listed town, capitalised, no
/// function, common, clinical or calendar word and no state; such a town (no English word
/// either) right after a place in the place's case (`ST. LUKE'S DULUTH`); the word after a
/// place cut at `mt.` or `st.` (`mt. auburn`); and the town in brackets after any span (see [`town_in_brackets`]). Spans from `out[first..]`; appends LOCATION spans.
fn town_after_place(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    use dictionary::{ENGLISH, MEDICAL, STOPWORD, UNIT};
    let b = seg.as_bytes();
    for k in first..out.len() {
        let e = out[k].end;
        if b[e..].starts_with(b" (") {
            let place = matches!(out[k].label, Label::Location | Label::Organization);
            town_in_brackets(seg, words, e + 2, place, out);
            continue;
        }
        let span_text = &b[out[k].start..e];
        // A saint's or a mount's name a rule cut at its abbreviation (`at mt. auburn`, `to st.
        // vincent's`): the word after `. ` belongs to the place.
        if out[k].label == Label::Location
            && (span_text.eq_ignore_ascii_case(b"mt") || span_text.eq_ignore_ascii_case(b"st"))
            && b[e..].starts_with(b". ")
        {
            if let Some(w) = word_at(words, e + 2).map(|i| words[i])
                && w.is_alpha()
                && w.len() >= 3
                && !w.has(STOPWORD | MEDICAL | UNIT)
            {
                push_context(seg, out, out[k].start, w.end, Label::Location, 0.7);
            }
            continue;
        }
        // A branch's town right after a place in its case (`ST. LUKE'S DULUTH`, `CARITAS
        // NORWOOD ED`, `Primary Care Worthington`).
        if out[k].label == Label::Location && b.get(e) == Some(&b' ') {
            let upper = !b[out[k].start..e].iter().any(u8::is_ascii_lowercase);
            if let Some(w) = word_at(words, e + 1).map(|i| words[i])
                && w.shape
                    == if upper {
                        words::Shape::Upper
                    } else {
                        words::Shape::Capitalized
                    }
                && listed_town(&w)
                && !w.has(ENGLISH)
                && !matches!(b.get(w.end), Some(b'-' | b'\'' | b'.'))
            {
                push_context(seg, out, w.start, w.end, Label::Location, 0.7);
            }
            continue;
        }
        if !matches!(out[k].label, Label::Location | Label::Organization)
            || !b[e..].starts_with(b", ")
        {
            continue;
        }
        let Some(w) = word_at(words, e + 2).map(|i| words[i]) else {
            continue;
        };
        let capital = matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper);
        // Or a cell's gap or a dash after it (`Lurie Children's Hospital, Chicago - Pediatric
        // ED`, `..., Minneapolis          Dec 24`).
        let closes = matches!(
            &b[w.end..],
            [] | [b'\n' | b'\r' | b',' | b'.' | b';' | b')', ..] | [b' ', b' ' | b'-', ..]
        );
        if capital && closes && listed_town(&w) {
            push_context(seg, out, w.start, w.end, Label::Location, 0.7);
        }
    }
}

/// The town in brackets after a place, an organisation or any other span (`St. Ann's
/// (Haverhill)`, `Hebrew Rehab (Roslindale)`, `daughter Patricia (Tampa, 813-555-0189)`,
/// `PHARMACY #4062 (SHADYSIDE)`, `Sound Mental Health (Auburn clinic)`): a listed town in capitals or
/// capitalised at `at`, no common, clinical or calendar word and no state, that closes the
/// bracket, comes before a comma, or before one word of a branch (`clinic`, `plant`...) and
/// the bracket; after anything but a place or an organisation, no English word or given name
/// (`Lily (Heron)`, a camp's cabin; `Stroop (Golden)`, a test's author; `555-123-4567
/// (Mobile)`, `cell ... (Troy)`). Appends a LOCATION span.
fn town_in_brackets(seg: &str, words: &[Word], at: usize, place: bool, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let Some(k) = word_at(words, at) else {
        return;
    };
    let w = words[k];
    let closes = match b.get(w.end) {
        Some(b')' | b',') => true,
        Some(b' ') => words.get(k + 1).is_some_and(|n| {
            n.start == w.end + 1
                && b.get(n.end) == Some(&b')')
                && matches!(
                    seg[n.start..n.end].to_ascii_lowercase().as_str(),
                    "clinic" | "office" | "plant" | "campus" | "division" | "branch" | "site"
                )
        }),
        _ => false,
    };
    if closes
        && matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper)
        && listed_town(&w)
        && (place || !w.has(dictionary::ENGLISH | dictionary::FIRST))
    {
        push_context(seg, out, w.start, w.end, Label::Location, 0.7);
    }
}

/// A word the city list holds that is no function, common, clinical or calendar word and no
/// state: a town the rules after a place may take (`town_after_place`, `town_in_brackets`).
fn listed_town(w: &Word) -> bool {
    use dictionary::{CITY, COMMON, MEDICAL, MONTH, STATE, STOPWORD, UNIT, WEEKDAY};
    w.has(CITY) && !w.has(STOPWORD | MONTH | WEEKDAY | COMMON | STATE | MEDICAL | UNIT)
}

/// A number after a person's name and `#` is that person's badge, employee or pager number
/// (`Officer A. Petrov #2291`, `Deputy R. Lindqvist #612`, `Dr. Shah #4412`): LICENSE after
/// an officer's title earlier on the line, ID otherwise. Two to seven digits, ending there.
/// A number from 90 to 125 set off by commas after a name is that person's age, as obituaries
/// and family histories write it (`Evangeline Tremblay, 96, of Presque Isle`, `her sister
/// Thérèse, 92.`): AGE. A capital after `Surname, ` and before an identifier's label or the
/// line's end is the given name's initial (`Farkas, B MRN 7720914`): NAME. Spans from
/// `out[first..]`; appends spans.
fn number_after_name(seg: &str, first: usize, out: &mut Vec<Span>) {
    const OFFICERS: &[&[u8]] = &[
        b"officer",
        b"deputy",
        b"trooper",
        b"sergeant",
        b"sgt",
        b"detective",
        b"det",
        b"ofc",
        b"lieutenant",
        b"lt",
        b"marshal",
        b"ranger",
        b"agent",
        b"badge",
    ];
    let b = seg.as_bytes();
    for k in first..out.len() {
        let (s, e) = (out[k].start, out[k].end);
        if out[k].label != Label::Name {
            continue;
        }
        // A given name's initial after `Surname, ` and before a label or the line's end:
        // `Farkas, B MRN 7720914`, `Nguyen, T DOB 3/4/1950`.
        if b[e..].starts_with(b", ")
            && b.get(e + 2).is_some_and(u8::is_ascii_uppercase)
            && !seg[s..e].contains(' ')
        {
            let mut i = e + 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
            }
            let rest = &b[i.min(b.len())..];
            let label_after = rest.is_empty()
                || matches!(rest[0], b'\n' | b'\r' | b',' | b';' | b')')
                || rest[0] == b' ' && {
                    let len = rest[1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .count();
                    let word = &rest[1..1 + len];
                    [&b"mrn"[..], b"dob", b"mr", b"acct", b"id", b"age"]
                        .iter()
                        .any(|l| word.eq_ignore_ascii_case(l))
                };
            if !b.get(e + 3).is_some_and(u8::is_ascii_alphanumeric) && label_after {
                push_context(seg, out, e + 2, i, Label::Name, 0.7);
            }
        }
        if b[e..].starts_with(b", ") {
            let digits = b[e + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
            let after = b.get(e + 2 + digits).copied();
            let closes = after.is_none_or(|c| matches!(c, b',' | b'.' | b';' | b')' | b'\n'))
                && !(after == Some(b'.') && b.get(e + 3 + digits).is_some_and(u8::is_ascii_digit));
            let age: u32 = seg[e + 2..e + 2 + digits].parse().unwrap_or(0);
            if (2..=3).contains(&digits) && closes && (90..=125).contains(&age) {
                push_context(seg, out, e + 2, e + 2 + digits, Label::Age, 0.8);
            }
            continue;
        }
        let mut i = e;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        if b.get(i) != Some(&b'#') {
            continue;
        }
        i += 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(2..=7).contains(&digits) || b.get(i + digits).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let officer = b[names::line_start(b, s)..s]
            .split(|c| !c.is_ascii_alphabetic())
            .any(|w| OFFICERS.iter().any(|o| w.eq_ignore_ascii_case(o)));
        let label = if officer { Label::License } else { Label::Id };
        push_context(seg, out, i, i + digits, label, 0.8);
    }
}

/// The speaker of a chat or secure-message line: a time at the start of the line, bare or in
/// brackets, then one to three words and a colon (`06:56 kayla: HR 108`, `8:22a Teddy: which
/// pharm`, `9:13a Marguerite O.: called cvs`, `[14:03] FIONA: Hi, Doctor.`): see
/// [`speaker_at`]. In a transcript (see [`role_speaker`]) the time is not needed (`LORRAINE:
/// Three.`). Appends NAME spans.
fn chat_speakers(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let indent = |ls: usize| {
        ls + b[ls.min(b.len())..]
            .iter()
            .take(3)
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    };
    // A transcript: two lines or more open with a role as the speaker (`DR. OKAFOR:`,
    // `PATIENT:`, `Interpreter:`); then a line needs no time before its speaker.
    let transcript = line_starts(b)
        .filter(|&ls| role_speaker(&b[indent(ls).min(b.len())..]))
        .nth(1)
        .is_some();
    // One test per line: does it open with a time?
    for ls in line_starts(b) {
        let mut p = indent(ls);
        let bracket = matches!(b.get(p), Some(b'[' | b'('));
        p += usize::from(bracket);
        let line = p;
        // A chat export's date before its time: `[Mon 4/1/24, 7:31 AM] Mari:`,
        // `[2024-04-01 07:31] Mari:`, `4/1/24, 07:31 - Mari:`.
        let dated = chat_date_end(b, p, bracket);
        if let Some(q) = dated {
            p = q;
        }
        let h = digits(p);
        if !(1..=2).contains(&h) || b.get(p + h) != Some(&b':') || digits(p + h + 1) != 2 {
            if transcript && !bracket {
                speaker_at(seg, words, line, true, out);
            }
            continue;
        }
        p += h + 3;
        // Seconds: `[20:38:45]`.
        if b.get(p) == Some(&b':') && digits(p + 1) == 2 {
            p += 3;
        }
        // `9:13a`, `7:42 PM`, `10:15am`: the marker, spaced or not (a no-break space, narrow
        // or not, in phones' exports), then a space.
        let q = p + match &b[p.min(b.len())..] {
            [b' ', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xE2, 0x80, 0xAF, ..] => 3,
            _ => 0,
        };
        if let Some(m) = [&b"am"[..], b"pm", b"a", b"p"].iter().find(|m| {
            b.len() > q + m.len()
                && b[q..q + m.len()].eq_ignore_ascii_case(m)
                && (b[q + m.len()] == b' ' || bracket && matches!(b[q + m.len()], b']' | b')'))
        }) {
            p = q + m.len();
        }
        if bracket && matches!(b.get(p), Some(b']' | b')')) {
            p += 1;
        }
        // A dash between the time and the speaker (`07:31 - Mari:`). A date and a time
        // without brackets open a chat export's line only with the dash (`03/12/2024 08:15
        // Braden: 14` is a flowsheet's row).
        let rest = &b[p.min(b.len())..];
        let dash = rest.starts_with(b" - ") || rest.starts_with(" \u{2013} ".as_bytes());
        if dash {
            p += if rest[1] == b'-' { 2 } else { 4 };
        } else if dated.is_some() && !bracket {
            continue;
        }
        let sp = b[p.min(b.len())..]
            .iter()
            .take_while(|&&c| c == b' ')
            .count();
        if sp == 0 {
            continue;
        }
        // A user name as the speaker (`[20:38:45] rbaptiste_np: Hi`), not a bot's.
        let h = p + sp;
        if let Some(e) = handle_end(b, h)
            && b.get(e) == Some(&b':')
            && !is_bot(&b[h..e])
        {
            push_context(seg, out, h, e, Label::Id, 0.8);
            continue;
        }
        // After a date, a listed name only (`[Mon 3/11/24 9:00 PM] Comment: ok` is a log's).
        speaker_at(seg, words, p + sp, dated.is_some(), out);
    }
}

/// The end of a chat export's date at `b[p]` and the spaces after it, when one is there: a
/// weekday in brackets (`[Mon `), then a numeric date (`4/1/24`, `2024-04-01`, `01.04.24`)
/// and an optional comma. `None` when no date starts there.
#[inline(never)]
fn chat_date_end(b: &[u8], mut p: usize, bracket: bool) -> Option<usize> {
    let run = |from: usize, f: fn(&u8) -> bool| {
        b[from.min(b.len())..].iter().take_while(|c| f(c)).count()
    };
    if !bracket && !b.get(p).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let alpha = run(p, u8::is_ascii_alphabetic);
    if (3..=9).contains(&alpha) {
        p += alpha + usize::from(b.get(p + alpha) == Some(&b','));
        let sp = run(p, |&c| c == b' ');
        if sp == 0 {
            return None;
        }
        p += sp;
    }
    let d1 = run(p, u8::is_ascii_digit);
    let sep = *b.get(p + d1)?;
    if !(1..=4).contains(&d1) || !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    p += d1 + 1;
    let d2 = run(p, u8::is_ascii_digit);
    if !(1..=2).contains(&d2) || b.get(p + d2) != Some(&sep) {
        return None;
    }
    p += d2 + 1;
    let d3 = run(p, u8::is_ascii_digit);
    if !(2..=4).contains(&d3) {
        return None;
    }
    p += d3;
    p += usize::from(b.get(p) == Some(&b','));
    let sp = run(p, |&c| c == b' ');
    (sp > 0).then_some(p + sp)
}

/// A bot's user name: `bot` alone or after `_`, `-` or `.` (`cbv_intake_bot`; not `m_talbot`).
fn is_bot(name: &[u8]) -> bool {
    let n = name.len();
    n >= 3
        && name[n - 3..].eq_ignore_ascii_case(b"bot")
        && (n == 3 || matches!(name[n - 4], b'_' | b'-' | b'.'))
}

/// The end of a user name that starts at `b[s]`: five to 32 letters, digits, `_`, `.` or
/// `-`, starting with a letter, with an underscore inside (`rbaptiste_np`, `sys_audit02`) or
/// letters then two digits or more at the end (`hollyberry1979`); `None` for anything else.
fn handle_end(b: &[u8], s: usize) -> Option<usize> {
    if !b.get(s)?.is_ascii_alphabetic() || s > 0 && b[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    let n = b[s..]
        .iter()
        .take(33)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        .count();
    // A trailing period or dash ends a sentence or a clause, not the name.
    let n = n - b[s..s + n]
        .iter()
        .rev()
        .take_while(|&&c| matches!(c, b'.' | b'-'))
        .count();
    let t = &b[s..s + n];
    let tail_digits = t.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let underscore = t.contains(&b'_') && t.last().is_some_and(u8::is_ascii_alphanumeric);
    ((5..=32).contains(&n)
        && (underscore
            || tail_digits >= 2 && t[..n - tail_digits].iter().all(u8::is_ascii_alphabetic)))
    .then_some(s + n)
}

/// The speaker's name that opens a chat or transcript line at `start`: one to three words
/// and a colon, the first a listed name or no vocabulary word, the others name-like or an
/// initial; not a role, credential or title. Without a time before it (`listed`), the first
/// word must be a listed name that is no vocabulary word (a transcript's field labels,
/// `Caller:`, `Proband:`, are unlisted words). Appends a NAME span.
fn speaker_at(seg: &str, words: &[Word], start: usize, listed: bool, out: &mut Vec<Span>) {
    use dictionary::{CREDENTIAL, FIRST, NICK, ROLE, STOPWORD, SURNAME, TITLE};
    use names::VOCAB;
    let b = seg.as_bytes();
    let k = words.partition_point(|w| w.start < start);
    let Some(w) = words.get(k).filter(|w| w.start == start) else {
        return;
    };
    if !w.is_alpha() || w.len() < 2 || w.has(ROLE | CREDENTIAL | TITLE) {
        return;
    }
    let named = if listed {
        w.has(FIRST | NICK | SURNAME) && !w.has(VOCAB | STOPWORD)
    } else {
        w.has(FIRST | NICK | SURNAME) && !w.has(STOPWORD)
            || !w.has(VOCAB | STOPWORD) && w.len() >= 3
    };
    if !named {
        return;
    }
    // Up to two more words (a surname, an initial with its period), then the colon.
    for j in k..words.len().min(k + 3) {
        let after = &b[words[j].end..];
        if after.starts_with(b":") || after.starts_with(b".:") {
            push_context(seg, out, w.start, words[j].end, Label::Name, 0.8);
            return;
        }
        let next = words.get(j + 1);
        let joined = matches!(
            &b[words[j].end..next.map_or(words[j].end, |n| n.start)],
            b" " | b". "
        );
        if !joined || next.is_none_or(|n| !n.is_alpha() || n.has(ROLE | CREDENTIAL | STOPWORD)) {
            return;
        }
    }
}

/// Initials after a label that names a person by them (`Technician: RJ`, `Tech: LH`,
/// `Sonographer: KP`, `Initials: G-W-P`, `Patient identifier: T.R.M.`, `Acquired by: SL`,
/// `TECHNOLOGIST: jdw`): two to four capitals, run together or apart by `.` or `-`, or two or
/// three lower-case letters that make no known word, then the end of the cell; a second set
/// after a slash (`Tech: RB / ML`). After a technologist's label without a colon, two or three
/// capitals (`tech LG,`), that make no known word after a label in capitals (`(TECH JDW)`).
/// And a signature's initials after a dash at the end of a line of prose (`-- KD`, `--AF"`).
/// Not a credential or an abbreviation for nothing (`Tech: RN`, `Initials: N/A`, `-- OK`).
/// Appends NAME spans.
fn initials_after_label(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    const LABELS: &[&[u8]] = &[
        b"technician",
        b"tech",
        b"techs",
        b"technologist",
        b"sonographer",
        b"initials",
        b"identifier",
        b"operator",
        b"performer",
        b"scribe",
        b"transcriptionist",
        b"verified",
        b"witness",
        b"phlebotomist",
        b"collector",
    ];
    const NOTHING: &[&[u8]] = &[
        b"NA", b"NR", b"ND", b"UK", b"TBD", b"UNK", b"NONE", b"RN", b"MD", b"RT", b"CNA", b"LPN",
        b"NP", b"PA", b"DO", b"OK", b"ED", b"PT", b"OT", b"IV", b"PO", b"AM", b"PM", b"HS", b"NO",
        b"YES",
    ];
    let b = seg.as_bytes();
    // Two or three letters of one case that make no known word (`jdw`, `LG`).
    let unknown = |s: usize, e: usize| {
        (2..=3).contains(&(e - s))
            && word_at(words, s).is_some_and(|k| words[k].end == e && words[k].flags == 0)
    };
    // The end of the capitals from `s` (run together or apart by `.` or `-`), and their count.
    let capitals = |s: usize| {
        let (mut e, mut letters) = (s, 0);
        while e < b.len() && b[e].is_ascii_uppercase() && letters < 5 {
            letters += 1;
            e += 1;
            if e + 1 < b.len() && matches!(b[e], b'.' | b'-') && b[e + 1].is_ascii_uppercase() {
                e += 1;
            }
        }
        // A period after the last letter belongs to it (`T.R.M.`).
        if b[s..e].contains(&b'.') && b.get(e) == Some(&b'.') {
            e += 1;
        }
        (e, letters)
    };
    let cell_ends = |e: usize| {
        b.get(e)
            .is_none_or(|&c| c.is_ascii_whitespace() || matches!(c, b',' | b';' | b'|' | b')'))
    };
    // A typist's or scribe's initials after the word that says so, a colon or `by` between
    // (`typed gl/mh`, `TRANSCRIBED: MJ`, `Typed by KW 12/03/24`, `scribe aj`): two to four
    // letters of one case that are no function word, then the end of the cell; a second set
    // after a slash.
    let letters = |s: usize| {
        let upper = b.get(s).is_some_and(u8::is_ascii_uppercase);
        s + b[s.min(b.len())..]
            .iter()
            .take_while(|c| {
                if upper {
                    c.is_ascii_uppercase()
                } else {
                    c.is_ascii_lowercase()
                }
            })
            .count()
    };
    // What a typist's word may be followed by that is no one's initials (`transcribed med
    // list`, `scribe hpi done`, `typed sig`, `Transcribed by MT`, `keyed by ADT`).
    const RECORDS: &[&[u8]] = &[
        b"MT", b"MED", b"MEDS", b"HPI", b"SIG", b"ADT", b"EHR", b"EMR", b"ROS", b"HX", b"PMH",
        b"DX", b"RX", b"NOTE", b"LIST", b"ORDER",
    ];
    // Where a second set of initials starts after the first's end `e`: past ` / ` or `/`.
    let after_slash = |e: usize| {
        [&b" / "[..], b"/"]
            .into_iter()
            .find(|p| b[e..].starts_with(p))
            .map(|p| e + p.len())
    };
    let typist_initials = |s: usize, e: usize| {
        (2..=4).contains(&(e - s))
            && !RECORDS.iter().any(|n| n.eq_ignore_ascii_case(&b[s..e]))
            && (cell_ends(e) || b.get(e) == Some(&b'/'))
            && !NOTHING.iter().any(|n| n.eq_ignore_ascii_case(&b[s..e]))
            && word_at(words, s).is_some_and(|k| {
                words[k].end == e && !words[k].has(dictionary::STOPWORD | dictionary::COMMON)
            })
    };
    // Words of record keeping whose initials may also be an abbreviation (`reviewed CXR`,
    // `QA LOS`, `cosign PA`): after these only letters that make no known word count.
    const CHECKED: &[&[u8]] = &[
        b"cosign",
        b"cosigned",
        b"audit",
        b"audited",
        b"qa",
        b"review",
        b"reviewed",
        b"clerk",
        b"by",
    ];
    for (k, w) in words.iter().enumerate() {
        if !(2..=11).contains(&w.len())
            || !matches!(
                b[w.start] | 0x20,
                b't' | b's' | b'k' | b'c' | b'a' | b'q' | b'r' | b'b'
            )
        {
            continue;
        }
        let cue = &b[w.start..w.end];
        let checked = CHECKED.iter().any(|c| cue.eq_ignore_ascii_case(c));
        if !checked
            && ![
                &b"typed"[..],
                b"transcribed",
                b"scribe",
                b"scribed",
                b"keyed",
            ]
            .iter()
            .any(|c| cue.eq_ignore_ascii_case(c))
        {
            continue;
        }
        // The letters after a checked word: no known word, two or three of them; after `by`
        // the last thing on the line too (`transcribed 9/10/24 by mw`, `sign by JK`).
        let by = cue.eq_ignore_ascii_case(b"by");
        let line_ends = |e: usize| {
            b[e..]
                .iter()
                .find(|&&c| c != b' ' && c != b'\t' && c != b'\r')
                .is_none_or(|&c| c == b'\n')
        };
        // Not a relation's or an agency's letters (`brought in by bf`, `removed by DCF`).
        const NOT_INITIALS: &[&[u8]] = &[
            b"bf", b"gf", b"fd", b"pd", b"dcf", b"cps", b"aps", b"hha", b"ems", b"als", b"bls",
            b"pov", b"dss", b"dhs", b"cys", b"fob", b"sw", b"cm", b"mom", b"dad",
        ];
        let unknown_letters = |s: usize, e: usize| {
            !checked
                || unknown(s, e)
                    && (!by
                        || line_ends(e)
                            && !NOT_INITIALS.iter().any(|x| b[s..e].eq_ignore_ascii_case(x)))
        };
        let mut s = w.end;
        let colon = b.get(s) == Some(&b':');
        if colon {
            s += 1;
        }
        let mut by_next = false;
        if let Some(next) = words.get(k + 1)
            && b[next.start..next.end].eq_ignore_ascii_case(b"by")
            && b[s..next.start].iter().all(|&c| c == b' ')
        {
            s = next.end + usize::from(b.get(next.end) == Some(&b':'));
            by_next = true;
        }
        // A word of review or audit cues initials through a colon or `by` only (`cosign:
        // jhb`, `reviewed by KMS`; not `Reviewed UDS with pt`).
        if checked && !by && !colon && !by_next {
            continue;
        }
        let blanks = b[s.min(b.len())..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if blanks == 0 {
            continue;
        }
        s += blanks;
        let e = letters(s);
        if !typist_initials(s, e) || !unknown_letters(s, e) {
            continue;
        }
        push_context(seg, out, s, e, Label::Name, 0.7);
        if let Some(s2) = after_slash(e) {
            let e2 = letters(s2);
            if typist_initials(s2, e2) && unknown_letters(s2, e2) {
                push_context(seg, out, s2, e2, Label::Name, 0.7);
            }
        }
    }
    for (k, w) in words.iter().enumerate() {
        let label = &b[w.start..w.end];
        let colon = b.get(w.end) == Some(&b':');
        // By the colon or a technologist's first letter first: most words are no label.
        if !(colon || w.len() >= 4 && label[0] | 0x20 == b't') {
            continue;
        }
        let by = colon && label.eq_ignore_ascii_case(b"by") && k > 0;
        let listed =
            (4..=16).contains(&w.len()) && LABELS.iter().any(|l| label.eq_ignore_ascii_case(l));
        if !(by || listed) {
            continue;
        }
        // Without a colon: a technologist's label, a space, and capitals.
        if !colon {
            let tech = label.len() >= 4
                && label[..4].eq_ignore_ascii_case(b"tech")
                && b.get(w.end) == Some(&b' ');
            let s = w.end + 1;
            let e = s + b[s.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_uppercase())
                .count();
            // In capitals after a label in capitals, no known word (`TECH NOTE`).
            let contrast = label.iter().any(u8::is_ascii_lowercase) && (2..=3).contains(&(e - s));
            if tech && (contrast || unknown(s, e)) && cell_ends(e) && !NOTHING.contains(&&b[s..e]) {
                push_context(seg, out, s, e, Label::Name, 0.7);
            }
            continue;
        }
        let s = w.end
            + 1
            + b[w.end + 1..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
        let (mut e, letters) = capitals(s);
        if letters == 0 {
            e = s + b[s..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if unknown(s, e) && cell_ends(e) {
                push_context(seg, out, s, e, Label::Name, 0.7);
            }
            continue;
        }
        if !(2..=4).contains(&letters) || !cell_ends(e) || NOTHING.contains(&&b[s..e]) {
            continue;
        }
        // After `by:` the initials end the line or come before a note (`Sent by: PE teacher`).
        let rest = &b[e..];
        if by
            && !(rest.is_empty()
                || [&b"\n"[..], b"\r", b" (", b",", b"  ", b"\t"]
                    .iter()
                    .any(|p| rest.starts_with(p)))
        {
            continue;
        }
        push_context(seg, out, s, e, Label::Name, 0.7);
        // A second set after a slash: `RB / ML`.
        if let Some(s2) = after_slash(e) {
            let (e2, n2) = capitals(s2);
            if (2..=4).contains(&n2) && cell_ends(e2) && !NOTHING.contains(&&b[s2..e2]) {
                push_context(seg, out, s2, e2, Label::Name, 0.7);
            }
        }
    }
    // A signature's initials after a dash, at the line's end (a closing quote may follow).
    for m in memchr::memmem::find_iter(b, b"--") {
        let s = m + 2 + usize::from(b.get(m + 2) == Some(&b' '));
        let e = s + b[s.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let close = usize::from(b.get(e) == Some(&b'"'));
        let line_ends = b.get(e + close).is_none_or(|&c| c == b'\n' || c == b'\r');
        // After a sentence, not a heading in capitals (`DELIVERY NOTE -- SVD`).
        let sentence = b[names::line_start(b, m)..m]
            .iter()
            .any(u8::is_ascii_lowercase);
        if (2..=3).contains(&(e - s))
            && line_ends
            && sentence
            && (m == 0 || b[m - 1] != b'-')
            && !NOTHING.contains(&&b[s..e])
        {
            push_context(seg, out, s, e, Label::Name, 0.7);
        }
    }
}

/// A line that opens with a role as its speaker: `DR. OKAFOR:`, `Patient:`, `INTERPRETER:`,
/// `Mom:` (a role word, then at most two words, then a colon and a space or the line's end).
fn role_speaker(line: &[u8]) -> bool {
    // By the first letter and the colon's place first: most lines are no speaker's.
    if !line.first().is_some_and(|&c| {
        matches!(
            c | 0x20,
            b'd' | b'p' | b'n' | b'r' | b'm' | b'c' | b'i' | b'f' | b's' | b'w' | b'h'
        )
    }) {
        return false;
    }
    const ROLES: &[&[u8]] = &[
        b"dr",
        b"doctor",
        b"patient",
        b"pt",
        b"nurse",
        b"rn",
        b"np",
        b"pa",
        b"md",
        b"provider",
        b"clinician",
        b"interpreter",
        b"caregiver",
        b"mother",
        b"father",
        b"mom",
        b"dad",
        b"interviewer",
        b"speaker",
        b"wife",
        b"husband",
        b"daughter",
        b"son",
    ];
    let Some(colon) = memchr::memchr(b':', &line[..line.len().min(40)]) else {
        return false;
    };
    let first = line.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !ROLES.iter().any(|r| line[..first].eq_ignore_ascii_case(r)) {
        return false;
    }
    let label = &line[first..colon];
    label.iter().filter(|&&c| c == b' ').count() <= 2
        && label
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'.' | b'-' | b'\''))
        && line.get(colon + 1).is_none_or(|c| c.is_ascii_whitespace())
}

/// What ends a place's or organisation's name after the rules' span: a company form
/// (`Aurelian Therapeutics, Inc.`, see [`company_form`]) or an `'s` (`St. Mary's`; the
/// possessive of a place, `Boston's`, is harmless to take along). The `'s` of `Women's` and
/// `Children's` ends any span (`Brigham and Women's`, which the name rules may take for a
/// person); a person's possessive stays out (`Min-ji's questions`). Widens the spans of
/// `out[first..]` in place.
fn place_endings(seg: &str, first: usize, out: &mut [Span]) {
    let b = seg.as_bytes();
    for sp in &mut out[first..] {
        let place = matches!(sp.label, Label::Location | Label::Organization);
        let institution = [&b"women"[..], b"children"].iter().any(|w| {
            sp.end - sp.start >= w.len() && b[sp.end - w.len()..sp.end].eq_ignore_ascii_case(w)
        });
        if !place && !institution {
            continue;
        }
        let rest = &b[sp.end..];
        // `Aurelian Therapeutics, Inc.`, `... of the South Bay, P.A.`: the company's form.
        if place && let Some(form) = company_form(rest) {
            sp.end += form;
            continue;
        }
        let quote = if rest.starts_with(b"'") {
            1
        } else if rest.starts_with("\u{2019}".as_bytes()) {
            3
        } else {
            continue;
        };
        if rest
            .get(quote)
            .is_some_and(|c| c.eq_ignore_ascii_case(&b's'))
            && rest
                .get(quote + 1)
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            sp.end += quote + 1;
        }
    }
}

/// A letterhead or heading line that names a facility or practice: two to six words, the last
/// a facility, organisation or specialty head (`NORTHGATE NEUROLOGY ASSOCIATES`, `CEDAR RIDGE
/// REHABILITATION HOSPITAL`, `Harborview Arthritis & Rheumatology`), with a word in no
/// vocabulary or a place or surname that is no clinical word (`GENERAL SURGERY CLINIC` names a
/// service, `HOME HEALTH` a kind) and no function word but `of`, `and`, `the` (`PT TRANSFERRED
/// TO REHAB HOSPITAL` is a sentence). All its words are in capitals, or all capitalised, or, in
/// a lower-case segment, all in lower case (`westbury diabetes & endocrine associates`). It
/// opens its line or follows a wide gap (two spaces or a tab) and ends the line or a chunk of
/// it (`, Exam Rm 4B`, ` / movement disorders`, a wide gap). Appends LOCATION spans.
fn letterhead_lines(seg: &str, words: &[Word], mode: words::CaseMode, out: &mut Vec<Span>) {
    const HEADS: u32 = dictionary::FACILITY | dictionary::ORG_SUFFIX | dictionary::FACILITY_HEAD;
    const CLINICAL: u32 =
        dictionary::MEDICAL | dictionary::UNIT | dictionary::GENERIC_FACILITY | HEADS;
    let b = seg.as_bytes();
    let wide = |gap: &[u8]| gap.contains(&b'\t') || gap.windows(2).any(|p| p == b"  ");
    let connector = |w: &Word| matches!(&b[w.start..w.end], b"of" | b"and" | b"the");
    let mut i = 0;
    while i < words.len() {
        // Most words cannot start a chunk by their shape: test that first.
        let first_ok = words[i].is_alpha()
            && match words[i].shape {
                words::Shape::Upper | words::Shape::Capitalized => true,
                words::Shape::Lower => mode == words::CaseMode::Lower,
                _ => false,
            };
        if !first_ok {
            i += 1;
            continue;
        }
        // A chunk starts at word i: at its line's start (only blanks between the line break
        // and the word) or after a wide gap on its line.
        let from = i.checked_sub(1).map_or(0, |p| words[p].end);
        let gap_before = &b[from..words[i].start];
        // Gaps are short: a plain scan beats a vectorised one here.
        let opens = match gap_before.iter().rposition(|&c| c == b'\n') {
            Some(nl) => gap_before[nl..].iter().all(u8::is_ascii_whitespace),
            None if i == 0 => gap_before.iter().all(u8::is_ascii_whitespace),
            None => gap_before.iter().all(u8::is_ascii_whitespace) && wide(gap_before),
        };
        // The cheap tests first: most words open no chunk, and most chunks fail on shape or
        // head.
        if !opens {
            i += 1;
            continue;
        }
        // Its words: joined by one space or ` & `, up to seven.
        let mut j = i + 1;
        while j < words.len()
            && j - i < 7
            && matches!(&b[words[j - 1].end..words[j].start], b" " | b" & ")
        {
            j += 1;
        }
        let line = &words[i..j];
        let shape_ok = line.iter().all(|w| w.is_alpha())
            && (line.iter().all(|w| w.shape == words::Shape::Upper)
                || line[0].shape == words::Shape::Capitalized
                    && line
                        .iter()
                        .all(|w| w.shape == words::Shape::Capitalized || connector(w))
                || mode == words::CaseMode::Lower
                    && line.iter().all(|w| w.shape == words::Shape::Lower));
        if !shape_ok || !(2..=6).contains(&line.len()) || !line[line.len() - 1].has(HEADS) {
            i += 1;
            continue;
        }
        let rest = &b[words[j - 1].end..];
        let breaks = rest
            .iter()
            .take_while(|c| **c != b'\n')
            .all(|c| c.is_ascii_whitespace())
            || [
                &b", "[..],
                b" / ",
                b" - ",
                b" -- ",
                b" \xe2\x80\x94 ",
                b"  ",
                b"\t",
            ]
            .iter()
            .any(|p| rest.starts_with(p));
        let ok = breaks
            && line.iter().any(|w| {
                !w.has(CLINICAL | dictionary::ENGLISH | dictionary::STOPWORD)
                    || w.has(dictionary::CITY | dictionary::SURNAME | dictionary::COUNTY)
                        && !w.has(CLINICAL)
            })
            && line.iter().all(|w| {
                !w.has(dictionary::STOPWORD)
                    || [&b"of"[..], b"and", b"the"]
                        .iter()
                        .any(|c| b[w.start..w.end].eq_ignore_ascii_case(c))
            });
        if ok {
            push_context(
                seg,
                out,
                line[0].start,
                line[line.len() - 1].end,
                Label::Location,
                0.8,
            );
            i = j;
        } else {
            i += 1;
        }
    }
}

/// What follows a street address: a directional (`Riverside Ave S`), a unit (`, Apt 1204`,
/// `, Suite 3B`, `, Lot 22`, `, #B`) and a floor (`, 4TH FLOOR`) belong to it; then, after a comma and a
/// space or a line break, the town, in capitals too (in lower case after an address in lower
/// case), with its ZIP code and no state (`, Natick 01760`, `,⏎NEW BEDFORD 02740`, `17
/// kittredge rd, ashland 01721`), or alone before the sentence's end when a list holds it
/// (`901 Greenwood Ave, Evanston.`). The patterns find a town and ZIP code after a state only.
/// Spans from `out[first..]`; appends ADDRESS and LOCATION spans (the ZIP code after such a
/// town is `zip_after_place`'s).
fn after_street_address(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // A capitalised word, or one in capitals (`NEW BEDFORD 02740`); after an address in lower
    // case, a word in lower case (`17 kittredge rd, ashland 01721`).
    let cap_word = |i: usize, lower: bool| {
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        (n >= 2 && (b[i].is_ascii_uppercase() || lower)).then_some(i + n)
    };
    // After a comma: a space, or a line break with the spaces around it.
    let after_comma = |i: usize| -> Option<usize> {
        let rest = b.get(i..)?.strip_prefix(b",")?;
        let pad = rest
            .iter()
            .take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        let breaks = rest[..pad].iter().filter(|&&c| c == b'\n').count();
        (breaks == 1 || pad == 1).then_some(i + 1 + pad)
    };
    // A floor after the address, which the town may follow (`4TH FLOOR`, `2nd fl`).
    let floor = |i: usize| -> Option<usize> {
        let rest = b.get(i..)?.strip_prefix(b", ")?;
        let d = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&d) && rest.len() > d + 2 {
            let suffix = &rest[d..d + 2];
            let ordinal = [&b"st"[..], b"nd", b"rd", b"th"]
                .iter()
                .any(|o| suffix.eq_ignore_ascii_case(o));
            let tail = &rest[d + 2..];
            let word = [&b" floor"[..], b" fl"].iter().find_map(|f| {
                (tail.len() >= f.len()
                    && tail[..f.len()].eq_ignore_ascii_case(f)
                    && !tail.get(f.len()).is_some_and(u8::is_ascii_alphanumeric))
                .then_some(f.len())
            });
            if let (true, Some(f)) = (ordinal, word) {
                let mut end = d + 2 + f;
                // The period of `fl.`, not a sentence's after `floor`.
                if f == 3 && rest.get(end) == Some(&b'.') {
                    end += 1;
                }
                return Some(i + 2 + end);
            }
        }
        None
    };
    let unit = |i: usize| -> Option<usize> {
        let rest = &b[i..];
        let rest = rest.strip_prefix(b", ")?;
        let head = rest
            .iter()
            .take_while(|c| c.is_ascii_alphabetic() || **c == b'#')
            .count();
        let word = &rest[..head];
        if ![
            &b"apt"[..],
            b"apartment",
            b"unit",
            b"suite",
            b"ste",
            b"rm",
            b"room",
            b"lot",
            b"level",
            b"shop",
            b"bldg",
            b"building",
            b"floor",
            b"#",
        ]
        .iter()
        .any(|u| word.eq_ignore_ascii_case(u))
        {
            return None;
        }
        let mut j = head;
        if rest.get(j) == Some(&b'.') {
            j += 1;
        }
        while rest.get(j) == Some(&b' ') {
            j += 1;
        }
        let v = rest[j..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        (v > 0 && (head == 1 || rest[j..j + v].iter().any(u8::is_ascii_digit)))
            .then_some(i + 2 + j + v)
    };
    for k in first..out.len() {
        if out[k].label != Label::Address {
            continue;
        }
        let (s0, mut e) = (out[k].start, out[k].end);
        // A directional after the suffix.
        let dir = b[e..]
            .iter()
            .skip(1)
            .take_while(|c| matches!(c, b'N' | b'S' | b'E' | b'W'))
            .count();
        if b.get(e) == Some(&b' ')
            && (1..=2).contains(&dir)
            && !b.get(e + 1 + dir).is_some_and(u8::is_ascii_alphanumeric)
        {
            e += 1 + dir;
        }
        if let Some(u) = unit(e) {
            e = u;
        }
        // A floor (`, 3rd Floor`) belongs to the address too: recall first.
        if let Some(f) = floor(e) {
            e = f;
        }
        if e > out[k].end {
            push_context(seg, out, s0, e, Label::Address, 0.8);
        }
        // The town: one to three capitalised words after a comma.
        let Some(ts) = after_comma(e) else {
            continue;
        };
        let lower = !b[s0..e].iter().any(u8::is_ascii_uppercase);
        let Some(mut te) = cap_word(ts, lower) else {
            continue;
        };
        for _ in 0..2 {
            match b.get(te) {
                Some(b' ' | b'-') => match cap_word(te + 1, lower) {
                    Some(x) => te = x,
                    None => break,
                },
                _ => break,
            }
        }
        let mut z = te;
        if b.get(z) == Some(&b',') {
            z += 1;
        }
        let zip = b.get(z) == Some(&b' ') && zip_end(b, z + 1).is_some();
        let first_word = word_at(words, ts).map(|i| words[i]);
        let listed = first_word.is_some_and(|w| w.has(dictionary::CITY));
        // `12 Main St, Then 50000 units`: a function word and a quantity.
        let plain = first_word.is_some_and(|w| w.has(dictionary::COMMON | dictionary::STOPWORD));
        let ends = matches!(b.get(te), None | Some(b'.' | b';' | b'\n' | b'\r'));
        // The ZIP code after the town is `zip_after_place`'s, which runs next.
        if zip && (listed || !plain) || listed && ends && !lower {
            push_context(seg, out, ts, te, Label::Location, 0.8);
        }
    }
}

/// The end of the ZIP code (or ZIP+4) whose digits start at `b[i]`: five digits, not part of a
/// longer word or number, and no quantity (`50000 units`).
fn zip_end(b: &[u8], i: usize) -> Option<usize> {
    let digits = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits(i) != 5 {
        return None;
    }
    let mut e = i + 5;
    if b.get(e) == Some(&b'-') && digits(e + 1) == 4 {
        e += 5;
    }
    let quantity = ZIP_UNITS.contains(&patterns::lower_word_after(b, e).as_str());
    (!b.get(e).is_some_and(u8::is_ascii_alphanumeric) && !quantity).then_some(e)
}

/// Units after a five-digit number that make it a quantity, not a ZIP code.
const ZIP_UNITS: &[&str] = &[
    "mg", "mcg", "u", "units", "ml", "cc", "kcal", "steps", "cells",
];

/// A street's compass prefix, house number and cross street (`N Blackstone Ave and E Shields
/// Ave`, `2714 N 1900 East Rd`, `S Central Ave & E 41st St`): an ADDRESS span of `out[first..]`
/// grows left over a compass point in capitals (`N`, `SW`) and a house number before it, and
/// two ADDRESS spans joined by `and`, `&` or `/` on one line become one. Appends the grown spans.
fn street_directions(seg: &str, first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // The start of the word that ends at `e`.
    let word_start = |e: usize| {
        b[..e]
            .iter()
            .rposition(|c| !c.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1)
    };
    let mut grown: Vec<Span> = Vec::new();
    for sp in out[first..].iter().filter(|sp| sp.label == Label::Address) {
        let mut s = sp.start;
        // `N `, `SW ` before the street, standing alone.
        if s >= 2 && b[s - 1] == b' ' {
            let ds = word_start(s - 1);
            let compass = matches!(
                &b[ds..s - 1],
                b"N" | b"S" | b"E" | b"W" | b"NE" | b"NW" | b"SE" | b"SW"
            );
            // Not after an abbreviation's period (`Dr. E Main St`, `St. N ...`).
            let after_period = ds >= 2 && b[ds - 2] == b'.' && b[ds - 1] == b' ';
            if compass
                && !after_period
                && (ds == 0 || !b[ds - 1].is_ascii_alphanumeric() && b[ds - 1] != b'.')
            {
                s = ds;
                // And a house number before it (`2714 N 1900 East Rd`).
                if s >= 2 && b[s - 1] == b' ' {
                    let ns = word_start(s - 1);
                    if ns < s - 1 && b[ns..s - 1].iter().all(u8::is_ascii_digit) && s - 1 - ns <= 6
                    {
                        s = ns;
                    }
                }
            }
        }
        if s != sp.start {
            grown.push(Span { start: s, ..*sp });
        }
    }
    // Cross streets: `X Ave and Y St` on one line.
    let mut streets: Vec<Span> = out[first..]
        .iter()
        .filter(|sp| sp.label == Label::Address)
        .chain(&grown)
        .copied()
        .collect();
    streets.sort_by_key(|sp| (sp.start, std::cmp::Reverse(sp.end)));
    // The widest of the spans that share words (`N Blackstone Ave`, not `Blackstone Ave`).
    streets.dedup_by(|later, kept| later.end <= kept.end);
    for w in streets.windows(2) {
        let (a, z) = (w[0], w[1]);
        if z.start > a.end && matches!(&b[a.end..z.start], b" and " | b" & " | b" / " | b"/") {
            grown.push(Span { end: z.end, ..a });
        }
    }
    for sp in grown {
        out.extend(Span::checked(
            seg,
            sp.start,
            sp.end,
            Label::Address,
            sp.score,
            sp.source,
        ));
    }
}

/// The value of a form's place field, in any case: `City: Lakeland`, `CITY: LAKELAND   STATE:
/// FL`, `County: Summit`, `7c. City/town: Cuyahoga Falls`, `County of death: Summit`,
/// `Birthplace: Ponce`; `State:` only where its value is a state. The label opens its field (at
/// the line's start, after an item number or a column's gap: not `Gets around town:` or `Mental
/// state:`). The value is one to four words of letters up to the field's end (two spaces, a
/// tab, the line's end, or punctuation), its first no vocabulary word unless a list has it as a
/// place, and no placeholder (`unknown`, `same`, `City: Hospital`). Appends LOCATION spans.
#[inline(never)]
fn place_fields(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    const LABELS: &[&[u8]] = &[
        b"city",
        b"town",
        b"county",
        b"township",
        b"municipality",
        b"birthplace",
        b"state",
    ];
    const NOT: &[&str] = &[
        "unknown", "unk", "none", "same", "other", "declined", "pending", "not", "no", "yes",
        "see", "tbd", "na", "n", "as", "above", "below",
    ];
    let b = seg.as_bytes();
    for c in memchr::memchr_iter(b':', b) {
        // Every label ends in one of these letters (most colons follow a digit or another
        // letter).
        if c == 0 || !matches!(b[c - 1] | 0x20, b'y' | b'n' | b'p' | b'e' | b'h') {
            continue;
        }
        // The label's last word ends at the colon: `City`, `City/town`, `County of death`.
        let k = words.partition_point(|w| w.end <= c);
        let Some(lw) = k
            .checked_sub(1)
            .and_then(|k| words.get(k))
            .filter(|w| w.end == c)
        else {
            continue;
        };
        let is = |w: &Word, l: &[u8]| b[w.start..w.end].eq_ignore_ascii_case(l);
        let label = if LABELS.iter().any(|l| is(lw, l)) {
            *lw
        } else if k >= 3
            && matches!(&b[words[k - 2].end..lw.start], b" ")
            && is(&words[k - 2], b"of")
            && ["death", "birth", "residence"]
                .iter()
                .any(|x| is(lw, x.as_bytes()))
        {
            // `Place of birth:` names a place as its label's other words do.
            let l = words[k - 3];
            if !is(&l, b"place") && !LABELS.iter().any(|x| is(&l, x)) {
                continue;
            }
            l
        } else {
            continue;
        };
        // The label opens its field: at the line's start (after a form's item number, `7c.`),
        // or after a column's gap (two spaces, a tab, a bar); `Residence state:` and `Home
        // state:` too. Not a word of prose before a colon (`Gets around town: independently`,
        // `Mental state: OK`).
        let qualified = label.start == lw.start
            && k >= 2
            && is(lw, b"state")
            && b[words[k - 2].end..lw.start] == *b" "
            && ["residence", "home", "birth", "mailing"]
                .iter()
                .any(|x| is(&words[k - 2], x.as_bytes()));
        let field = if qualified {
            words[k - 2].start
        } else {
            label.start
        };
        let lead = &b[names::line_start(b, field)..field];
        // An item number before it (`7c.`, `17.`): at most four bytes of letters, digits, `.`
        // and `)`, a digit among them; before that, the line's start or a column's gap.
        let core = lead.trim_ascii_end();
        let cut = core
            .iter()
            .rposition(|x| x.is_ascii_whitespace() || *x == b'|')
            .map_or(0, |p| p + 1);
        let item = &core[cut..];
        let rest = if item.len() <= 4
            && item.iter().any(u8::is_ascii_digit)
            && item
                .iter()
                .all(|&x| x.is_ascii_alphanumeric() || matches!(x, b'.' | b')'))
        {
            &lead[..cut]
        } else {
            lead
        };
        let opens = rest.trim_ascii().is_empty()
            || rest.ends_with(b"  ")
            || rest.ends_with(b"\t")
            || rest.ends_with(b"| ");
        if !opens {
            continue;
        }
        let state_only = is(&label, b"state");
        // The value: words of letters joined by one space, `-`, `.` or `'`.
        let mut j = k;
        let Some(first) = words.get(j) else { continue };
        let lead = &b[c + 1..first.start];
        if lead.is_empty() || !lead.iter().all(|&x| x == b' ' || x == b'\t') || !first.is_alpha() {
            continue;
        }
        while j + 1 < words.len()
            && j + 1 - k < 4
            && words[j + 1].is_alpha()
            && matches!(
                &b[words[j].end..words[j + 1].start],
                b" " | b"-" | b". " | b"'"
            )
        {
            j += 1;
        }
        let (s, e) = (first.start, words[j].end);
        let ends = match b.get(e) {
            None | Some(b'\r' | b'\n' | b'\t' | b',' | b';' | b'|' | b')') => true,
            Some(b' ') => b.get(e + 1) == Some(&b' ') || b.get(e + 1).is_none(),
            Some(b'.') => !b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric),
            _ => false,
        };
        let value = &b[s..e];
        // A placeholder, alone or opening the value (`unknown`, `same as above`).
        let placeholder = NOT.iter().any(|n| {
            value.len() >= n.len()
                && value[..n.len()].eq_ignore_ascii_case(n.as_bytes())
                && matches!(value.get(n.len()), None | Some(b' '))
        });
        // A state's abbreviation alone (`STATE: FL`, `Residence state: OH`).
        let abbreviation =
            state_only && j == k && first.len() == 2 && first.shape == words::Shape::Upper;
        // A word of the vocabulary is a place here only where a list has it as one (`County:
        // Summit`; not `City: Hospital`, `County: Refused`, `Birthplace: Home`).
        let place_word = !first.has(names::VOCAB)
            || first.has(dictionary::CITY | dictionary::COUNTY | dictionary::STATE)
            || abbreviation;
        if !ends
            || !place_word
            || placeholder
            || state_only && !(abbreviation || (k..=j).all(|i| words[i].has(dictionary::STATE)))
        {
            continue;
        }
        push_context(seg, out, s, e, Label::Location, 0.8);
    }
}

/// A place after a field label of where a patient is (`Location: Savannah - 4700 Waters Ave`,
/// `Branch: Asheville`, `Residence: Palm Crest Senior Living - memory care wing`, `Setting:
/// Whitestone Gardens Assisted Living, 1450 ...`): in mixed-case text, the run of capitalised
/// words after the colon on its line is a LOCATION when it ends in a residence's or facility's
/// head (two words or more), or when it is one or two words the first of which is a listed
/// city and no vocabulary word (`Location: Left Arm` stays). Appends LOCATION spans.
fn labelled_places(seg: &str, words: &[Word], mode: words::CaseMode, out: &mut Vec<Span>) {
    const LABELS: &[&str] = &[
        "location",
        "branch",
        "residence",
        "setting",
        "placement",
        "facility",
        "office",
    ];
    const HEADS: &[&str] = &[
        "living",
        "center",
        "centre",
        "home",
        "manor",
        "village",
        "commons",
        "residence",
        "nursing",
        "rehab",
        "rehabilitation",
        "hospital",
        "clinic",
        "hospice",
        "house",
        "lodge",
        "terrace",
        "gardens",
        "court",
        "estates",
        "pointe",
        "towers",
        "suites",
        "place",
    ];
    if mode != words::CaseMode::Mixed {
        return;
    }
    let b = seg.as_bytes();
    let n = words.len();
    for i in 0..n.saturating_sub(1) {
        let w = words[i];
        if w.shape != words::Shape::Capitalized || !(5..=9).contains(&w.len()) {
            continue;
        }
        let gap = &b[w.end..words[i + 1].start];
        if gap.first() != Some(&b':')
            || !gap[1..].iter().all(|&c| c == b' ' || c == b'\t')
            || gap.len() < 2
        {
            continue;
        }
        let lw = seg[w.start..w.end].to_ascii_lowercase();
        if !LABELS.contains(&lw.as_str()) {
            continue;
        }
        let first = words[i + 1];
        if first.shape != words::Shape::Capitalized {
            continue;
        }
        let mut j = i + 1;
        while j + 1 < n
            && j - i < 6
            && b[words[j].end..words[j + 1].start] == *b" "
            && words[j + 1].shape == words::Shape::Capitalized
        {
            j += 1;
        }
        let head = |w: &Word| {
            HEADS
                .iter()
                .any(|h| seg[w.start..w.end].eq_ignore_ascii_case(h))
        };
        let run = j - i;
        // Not a kind of place (`Placement: Nursing Home`, `Setting: Assisted Living`): its
        // first word is a name's, no facility's or clinical word.
        let kind = head(&first)
            || first.has(
                dictionary::MEDICAL
                    | dictionary::FACILITY
                    | dictionary::GENERIC_FACILITY
                    | dictionary::UNIT,
            );
        let facility = run >= 2 && head(&words[j]) && !kind;
        // A town that is also a name (`Savannah`) only before its street or state.
        let rest = &b[words[j].end..];
        let then_address = rest.starts_with(b" - ") && rest.get(3).is_some_and(u8::is_ascii_digit)
            || rest.starts_with(b", ")
                && rest.len() > 4
                && rest[2..4].iter().all(u8::is_ascii_uppercase)
                && !rest.get(4).is_some_and(u8::is_ascii_alphanumeric);
        let town = run <= 2
            && first.has(dictionary::CITY)
            && !first.has(names::VOCAB)
            && (!first.has(dictionary::FIRST | dictionary::SURNAME) || then_address);
        if facility || town {
            push_context(seg, out, first.start, words[j].end, Label::Location, 0.75);
        }
    }
}

/// A message's sign-off by initials after a dash at the end of a line (`... book a visit this
/// month. -JC`, `-RK` alone on a line): two or three letters of one case, no vocabulary word
/// (not `-DVT`) unless after the text's last sentence (`on request. -TB`), right after the dash
/// (a list's `- HTN` has a space), the dash opening the line or following a sentence's end.
/// Appends NAME spans.
fn signoff_initials_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    let w = words[i];
    if !matches!(w.shape, words::Shape::Upper | words::Shape::Lower)
        || !(2..=3).contains(&w.len())
        || w.start < 1
        || w.has(dictionary::STOPWORD)
    {
        return;
    }
    let b = seg.as_bytes();
    if !matches!(b[w.start - 1], b'-' | b'~') {
        return;
    }
    let line_end = b[w.end..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| w.end + p);
    if !b[w.end..line_end]
        .iter()
        .all(|&c| c == b' ' || c == b'\t' || c == b'\r')
    {
        return;
    }
    let before = &b[..w.start - 1];
    let opens_line = before
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|&c| c == b' ' || c == b'\t');
    let after_sentence = before.ends_with(b" ")
        && before
            .trim_ascii_end()
            .last()
            .is_some_and(|c| matches!(c, b'.' | b'!' | b'?' | b')'));
    // Initials that are also a clinical word (`-TB`) only after the text's last sentence.
    let last = b[line_end..].trim_ascii().is_empty();
    if !w.has(names::VOCAB) && (opens_line || after_sentence) || after_sentence && last {
        push_context(seg, out, w.start, w.end, Label::Name, 0.7);
    }
}

/// A police, patrol or fire department by its acronym (`LAPD`, `CSPD`, `FHP`, `CSP`, `LAFD`)
/// where the words around it say so: a police word after it (`FHP TROOPER`, `CPD evidence
/// tech`, `CSPD property room`, `FHP CASE #`) or a verb of telling or a preposition of agency
/// before it (`per LAFD and LAPD`, `notified ... by CSP.`). Capitals ending in `PD`, `HP`, `SP`
/// or `FD`, no vocabulary word and none of the clinical acronyms of that shape (`COPD`,
/// `RAPD`, `BPD`, `OPD`). Appends ORGANIZATION spans.
fn police_agency_at(seg: &str, words: &[Word], i: usize, out: &mut Vec<Span>) {
    let w = words[i];
    if w.shape != words::Shape::Upper || !(3..=6).contains(&w.len()) || w.has(names::VOCAB) {
        return;
    }
    let b = seg.as_bytes();
    let text = &b[w.start..w.end];
    let shape = |t: &[u8]| {
        t.len() >= 3
            && [&b"PD"[..], b"HP", b"SP", b"FD"]
                .iter()
                .any(|s| t.ends_with(s))
            && !matches!(
                t,
                b"COPD"
                    | b"RAPD"
                    | b"APD"
                    | b"BPD"
                    | b"OPD"
                    | b"IPD"
                    | b"PPD"
                    | b"MPD"
                    | b"SPD"
                    | b"ESP"
                    | b"NSP"
                    | b"BHP"
                    | b"GHP"
                    // Partial hospitalisation, calcium blockers, mental health programmes.
                    | b"PHP"
                    | b"DHP"
                    | b"MHP"
            )
    };
    if !shape(text) {
        return;
    }
    let lower = |k: usize| seg[words[k].start..words[k].end].to_ascii_lowercase();
    let spaced = |k: usize| {
        b[words[k].end..words[k + 1].start]
            .iter()
            .all(|&c| c == b' ')
    };
    let after = i + 1 < words.len()
        && spaced(i)
        && matches!(
            lower(i + 1).as_str(),
            "officer"
                | "officers"
                | "ofc"
                | "trooper"
                | "troopers"
                | "detective"
                | "det"
                | "deputy"
                | "sergeant"
                | "sgt"
                | "evidence"
                | "property"
                | "case"
                | "report"
                | "division"
                | "precinct"
                | "dispatch"
                | "investigator"
                | "district"
                | "patrol"
        );
    let before = i > 0
        && spaced(i - 1)
        && (matches!(
            lower(i - 1).as_str(),
            "per" | "by" | "notified" | "contacted" | "called" | "from" | "with" | "to"
        ) || lower(i - 1) == "and"
            && i >= 2
            && shape(&b[words[i - 2].start..words[i - 2].end]));
    if after || before {
        push_context(seg, out, w.start, w.end, Label::Organization, 0.75);
    }
}

/// Places and bodies named after a fixed prefix, in mixed-case text:
/// - a ship after its navy's prefix (`USS Amberly Sound`, `HMCS Fredericton`, `USNS Comfort`),
///   or after `MS`/`MV`/`SS` where `vessel`, `aboard`, `onboard` or `ship` comes before
///   (`Vessel: MS Aurelia Crest`; not `MS` as multiple sclerosis or a title); capitalised
///   words, none clinical (`USS Abdomen` is an ultrasound scan): LOCATION;
/// - an Irish county after `County` or `Co.` (`Skibbereen, County Cork`; the US writes the
///   county's name first, which the name rules read): LOCATION;
/// - a church or parish named `Our Lady ...` (`Our Lady of Mercy`, `Our Lady Queen of Poland
///   Parish`), not a hospital or a home (`Our Lady of Lourdes Hospital`): ORGANIZATION.
///
/// Appends spans.
fn prefixed_places(seg: &str, words: &[Word], mode: words::CaseMode, out: &mut Vec<Span>) {
    const IRISH_COUNTIES: &[&str] = &[
        "antrim",
        "armagh",
        "carlow",
        "cavan",
        "clare",
        "cork",
        "derry",
        "donegal",
        "down",
        "dublin",
        "fermanagh",
        "galway",
        "kerry",
        "kildare",
        "kilkenny",
        "laois",
        "leitrim",
        "limerick",
        "longford",
        "louth",
        "mayo",
        "meath",
        "monaghan",
        "offaly",
        "roscommon",
        "sligo",
        "tipperary",
        "tyrone",
        "waterford",
        "westmeath",
        "wexford",
        "wicklow",
    ];
    if mode != words::CaseMode::Mixed {
        return;
    }
    let b = seg.as_bytes();
    let text = |k: usize| &seg[words[k].start..words[k].end];
    let gap = |k: usize| &b[words[k].end..words[k + 1].start];
    for i in 0..words.len().saturating_sub(1) {
        let w = words[i];
        // The prefixes start with these capitals: most words end here.
        if !matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper)
            || w.len() > 6
            || !matches!(b[w.start], b'U' | b'H' | b'M' | b'S' | b'C' | b'O')
        {
            continue;
        }
        let t = text(i);
        if matches!(
            t,
            "USS" | "USNS" | "USCGC" | "HMS" | "HMCS" | "HMAS" | "HMNZS"
        ) || matches!(t, "MS" | "MV" | "SS")
            && i > 0
            && matches!(
                text(i - 1).to_ascii_lowercase().as_str(),
                "vessel" | "aboard" | "ship" | "onboard"
            )
            && matches!(gap(i - 1), b" " | b": " | b":  " | b":   ")
        {
            // The ship's name: up to three capitalised words after one space each, none
            // clinical and none in capitals (`USS` is also an ultrasound scan: `USS Abdomen`,
            // `USS Renal Tract`, `USS KUB`).
            let mut e = i;
            while e + 1 < words.len()
                && e - i < 3
                && gap(e) == b" "
                && words[e + 1].shape == words::Shape::Capitalized
                && words[e + 1].is_alpha()
                && !words[e + 1].has(dictionary::MEDICAL | dictionary::UNIT | dictionary::STOPWORD)
            {
                e += 1;
            }
            if e > i {
                push_context(
                    seg,
                    out,
                    words[i + 1].start,
                    words[e].end,
                    Label::Location,
                    0.8,
                );
            }
        } else if (t == "County" && gap(i) == b" " || t == "Co" && gap(i) == b". ")
            && words[i + 1].shape == words::Shape::Capitalized
            && IRISH_COUNTIES.contains(&text(i + 1).to_ascii_lowercase().as_str())
        {
            push_context(seg, out, w.start, words[i + 1].end, Label::Location, 0.8);
        } else if t == "Our"
            && gap(i) == b" "
            && text(i + 1) == "Lady"
            && i + 2 < words.len()
            && gap(i + 1) == b" "
        {
            // `of`, `the` and capitalised words, ending on a capitalised one.
            let (mut k, mut e) = (i + 1, i + 1);
            while k + 1 < words.len() && k - i < 7 && gap(k) == b" " {
                k += 1;
                if words[k].shape == words::Shape::Capitalized
                    && !words[k].has(dictionary::MONTH | dictionary::WEEKDAY)
                {
                    e = k;
                } else if !matches!(text(k), "of" | "the") {
                    break;
                }
            }
            // A hospital or a home so named is a place the facility rules find whole (`Our Lady
            // of Lourdes Hospital`, `Our Lady of Mercy Nursing and Rehabilitation Center`).
            let facility = (i + 2..words.len().min(e + 5))
                .take_while(|&k| !gap(k - 1).contains(&b'\n'))
                .any(|k| words[k].has(dictionary::FACILITY_HEAD));
            if e > i + 1 && !facility {
                push_context(seg, out, w.start, words[e].end, Label::Organization, 0.7);
            }
        }
    }
}

/// A listed town alone in a table's cell between bars (`|31|M|Fresno|unemployed|`, `| Tulsa
/// |`), capitalised, no English, clinical or calendar word (a cell's `Mobile` is a phone's
/// kind): a line list's residence column. Mixed-case text only. Appends LOCATION spans.
fn towns_in_cells(seg: &str, words: &[Word], mode: words::CaseMode, out: &mut Vec<Span>) {
    use dictionary::{CITY, COMMON, ENGLISH, MEDICAL, MONTH, STATE, STOPWORD, UNIT, WEEKDAY};
    let b = seg.as_bytes();
    if mode != words::CaseMode::Mixed || memchr::memchr(b'|', b).is_none() {
        return;
    }
    // Only spaces between the word and a bar on its side.
    let bar_before = |s: usize| b[..s].iter().rev().find(|&&c| c != b' ') == Some(&b'|');
    let bar_after = |e: usize| b[e..].iter().find(|&&c| c != b' ') == Some(&b'|');
    for w in words {
        if w.shape == words::Shape::Capitalized
            && w.has(CITY)
            && !w.has(COMMON | ENGLISH | MEDICAL | UNIT | STOPWORD | MONTH | WEEKDAY | STATE)
            && bar_before(w.start)
            && bar_after(w.end)
        {
            push_context(seg, out, w.start, w.end, Label::Location, 0.7);
        }
    }
}

/// A five-digit ZIP code (or ZIP+4) right after a place the rules found, on its line, with no
/// state between them (`Lives in Long Beach 90803.`, `Springfield, 62704`), or after a street
/// address and a comma (`(1140 Beacon St, Unit 4F, 02446)`): the patterns find a ZIP after a
/// state or a label only. Spans from `out[first..]`; appends ZIP spans.
fn zip_after_place(seg: &str, first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    for k in first..out.len() {
        let mut i = out[k].end;
        let comma = b.get(i) == Some(&b',');
        if !(out[k].label == Label::Location || out[k].label == Label::Address && comma) {
            continue;
        }
        if comma {
            i += 1;
        }
        let ws = b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if !(1..=3).contains(&ws) {
            continue;
        }
        i += ws;
        let Some(e) = zip_end(b, i) else {
            continue;
        };
        push_context(seg, out, i, e, Label::Zip, 0.8);
    }
}

/// Australian states and territories, as written before a postcode.
const AU_STATES: &[&str] = &["NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"];

/// The places of an address written outside the US, found from its postal code: an
/// Australian postcode after its state (`Baulkham Hills NSW 2153`: four digits, which no
/// pattern takes alone) and a British postcode alone on its line (`TQ9 5RP`) are ZIP; before a
/// postal code (those, and the ZIP spans of `out[first..]`), a Canadian province or Australian
/// state (`Ottawa, ON  K1V 8R4`) and the town before it on its line (up to three capitalised
/// words back to a comma: `Baulkham Hills`, `Torquay TQ2 7AA`) are LOCATION; a postcode alone
/// on its line takes the one or two lines of capitalised words above it (`Totnes` / `Devon` /
/// `TQ9 5RP`), up to the street line. A continental code of five digits before its town
/// (`26129 Oldenburg`, see [`continental_town`]) is ZIP and the town LOCATION. US ZIP codes
/// are left to [`zip_after_place`] and the name rules. Appends ZIP and LOCATION spans.
fn places_before_postcodes(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let text = |w: &Word| &seg[w.start..w.end];
    let mut codes: Vec<usize> = out[first..]
        .iter()
        // Canadian and British codes: US ZIP codes have their own rules.
        .filter(|s| s.label == Label::Zip && b[s.start..s.end].iter().any(u8::is_ascii_alphabetic))
        .filter_map(|s| word_at(words, s.start))
        .collect();
    // `TQ9 5RP` alone on its line.
    let line_alone = |s: usize, e: usize| {
        b[names::line_start(b, s)..s]
            .iter()
            .all(|c| c.is_ascii_whitespace())
            && b[e..]
                .iter()
                .take_while(|&&c| c != b'\n')
                .all(|c| c.is_ascii_whitespace())
    };
    for i in 1..words.len() {
        let (p, w) = (words[i - 1], words[i]);
        if w.shape == words::Shape::Digits
            && w.len() == 4
            && AU_STATES.contains(&text(&p))
            && b[p.end..w.start].iter().all(|&c| c == b' ')
            && !b.get(w.end).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            push_context(seg, out, w.start, w.end, Label::Zip, 0.8);
            codes.push(i);
        }
        // A continental European code before its town (`26129 Oldenburg`, `Via del Pratello
        // 88, 40122 Bologna`, `· 69005 Lyon`): five digits that open their line or follow a
        // comma, a middle dot, a dash or a bar, then one to three capitalised words that end
        // the line or the field (not a street: `12345 Main St`).
        if w.shape == words::Shape::Digits && w.len() == 5 {
            let ls = names::line_start(b, w.start);
            let before = b[ls..w.start].trim_ascii_end();
            let opens = before.is_empty()
                || FIELD_SEPARATORS.iter().any(|sep| before.ends_with(sep))
                    && b[w.start - 1] == b' ';
            // Not a billing line's procedure codes (`CPT 99214 - 36415 Venipuncture`, `|
            // 97110 Therex`): no code word on the line, no five digits just before. Read only
            // where the code opens its field.
            let coded = || {
                p.shape == words::Shape::Digits && p.len() == 5
                    || patterns::contains_ci(
                        &b[ls..names::line_end(b, w.start)],
                        &[
                            b"cpt", b"hcpcs", b"code", b"billing", b"units", b"icd", b"charge",
                        ],
                    )
            };
            let opens = opens && !coded();
            if opens && let Some(e) = continental_town(seg, words, i + 1) {
                push_context(seg, out, w.start, w.end, Label::Zip, 0.75);
                push_context(
                    seg,
                    out,
                    words[i + 1].start,
                    words[e].end,
                    Label::Location,
                    0.7,
                );
            }
        }
        // Shapes first: most word pairs are no postcode.
        let uk_shaped = (2..=4).contains(&p.len())
            && w.len() == 3
            && b[p.start].is_ascii_uppercase()
            && b[w.start].is_ascii_digit()
            && w.end - p.start == p.len() + 4;
        if uk_shaped && validators::uk_postcode(&seg[p.start..w.end]) && line_alone(p.start, w.end)
        {
            push_context(seg, out, p.start, w.end, Label::Zip, 0.8);
            codes.push(i - 1);
        }
    }
    for code in codes {
        let mut j = code;
        if j >= 1 {
            let r = words[j - 1];
            let gap = &b[r.end..words[j].start];
            if (patterns::PROVINCES.contains(&text(&r)) || AU_STATES.contains(&text(&r)))
                && gap.iter().all(|&c| c == b' ' || c == b',')
            {
                push_context(seg, out, r.start, r.end, Label::Location, 0.8);
                j -= 1;
            }
        }
        // The town on the code's line.
        let mut k = j;
        while k >= 1 && j - k < 3 {
            let w = words[k - 1];
            let gap = &b[w.end..words[k].start];
            let ok_gap = if k == j {
                gap.iter().all(|&c| c == b' ' || c == b',' || c == b'\t') && !gap.is_empty()
            } else {
                gap == b" "
            };
            if !ok_gap
                || !w.is_alpha()
                || w.shape == words::Shape::Lower
                || w.has(dictionary::STREET | dictionary::STOPWORD | dictionary::TITLE)
            {
                break;
            }
            k -= 1;
        }
        if k < j {
            push_context(
                seg,
                out,
                words[k].start,
                words[j - 1].end,
                Label::Location,
                0.7,
            );
            continue;
        }
        // A code alone on its line: the lines of capitalised words above it.
        let mut at = words[j].start;
        for _ in 0..2 {
            let ls = names::line_start(b, at);
            if ls == 0 {
                break;
            }
            let prev_start = names::line_start(b, ls - 1);
            let raw = &seg[prev_start..ls - 1];
            let line = raw.trim();
            let n = line.split_whitespace().count();
            let capitalised = (1..=3).contains(&n)
                && line.split_whitespace().all(|t| {
                    t.chars().next().is_some_and(char::is_uppercase)
                        && t.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                });
            if !capitalised {
                break;
            }
            let s = prev_start + (raw.len() - raw.trim_start().len());
            push_context(seg, out, s, s + line.len(), Label::Location, 0.6);
            at = prev_start;
        }
    }
}

/// What separates the fields of an address line abroad: a comma, a middle dot, an en dash, a
/// hyphen, a bar.
const FIELD_SEPARATORS: [&[u8]; 5] = [b",", "\u{b7}".as_bytes(), "\u{2013}".as_bytes(), b"-", b"|"];

/// The last word of a town from word `k` after a continental postal code (see
/// [`places_before_postcodes`]): one to three capitalised words, apart by a space or a hyphen
/// (`Oldenburg-Eversten`), no street, function or title word, and no vocabulary word unless a
/// listed place, then the line's end or a field's (`,`, `·`, `–`, `-`, `|`, `(`).
fn continental_town(seg: &str, words: &[Word], k: usize) -> Option<usize> {
    let b = seg.as_bytes();
    let first = words.get(k)?;
    if k == 0 || b[words[k - 1].end..first.start] != *b" " {
        return None;
    }
    // A word of a separator's symbol (`·`, `–`: no ASCII, so a word to the tokenizer).
    let symbol = |w: &Word| !seg[w.start..].starts_with(char::is_alphanumeric);
    let mut e = k;
    loop {
        let w = words[e];
        let place = w.has(dictionary::CITY | dictionary::COUNTRY | dictionary::STATE);
        // An acronym is no town unless listed (`99497 ACP`).
        let acronym = w.shape == words::Shape::Upper && w.len() <= 4 && !place;
        if !w.is_alpha()
            || symbol(&w)
            || acronym
            || !seg[w.start..].starts_with(char::is_uppercase)
            || w.has(dictionary::STREET | dictionary::STOPWORD | dictionary::TITLE)
            || w.has(names::VOCAB) && !place
        {
            return None;
        }
        let next = words.get(e + 1);
        let gap = next.map_or(&b[w.end..], |n| &b[w.end..n.start]);
        if next.is_some_and(|n| symbol(n) && !gap.contains(&b'\n')) {
            return Some(e);
        }
        if e - k < 2 && next.is_some() && matches!(gap, b" " | b"-") {
            e += 1;
            continue;
        }
        let rest = gap.trim_ascii_start();
        let ends = gap.contains(&b'\n')
            || rest.is_empty()
            || FIELD_SEPARATORS
                .iter()
                .chain([&b";"[..], b"("].iter())
                .any(|sep| rest.starts_with(sep));
        return ends.then_some(e);
    }
}

/// A letterhead's name on the line right above a street address that opens its line
/// (`SONORAN SKIN & MOHS SURGERY, PLLC` / `2210 N. Campbell Ave, Suite 200`, `Peachtree Oral
/// Surgery` / `1045 Johnson Ferry Rd NE`): two to eight capitalised words (joined by `&`, `of`,
/// `and`, `the`, commas or hyphens), no digit, colon or title, at least one of them no
/// vocabulary word (not `MAILING ADDRESS`) or the first a name's word and the last a facility's
/// head (`LINDEN CROSSING FAMILY MEDICINE`), and not a person's name alone (two or three given
/// names and surnames, or a credential at its end: the name rules read those). Spans from
/// `out[first..]`; appends LOCATION spans.
fn letterhead_above_address(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let end = out.len();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for sp in &out[first..end] {
        if sp.label != Label::Address {
            continue;
        }
        let ls = names::line_start(b, sp.start);
        if ls < 2 || !b[ls..sp.start].iter().all(|&c| c == b' ' || c == b'\t') {
            continue;
        }
        let above = names::line_start(b, ls - 1);
        let line = &seg[above..ls - 1];
        let trimmed = line.trim();
        if !(4..=70).contains(&trimmed.len())
            || trimmed
                .bytes()
                .any(|c| c.is_ascii_digit() || matches!(c, b':' | b'@' | b'|' | b'/'))
        {
            continue;
        }
        let mut s = above + (line.len() - line.trim_start().len());
        let mut e = s + trimmed.len();
        // A person's name line ends in a credential (`Jane Q. Doe, RN`): read before the
        // trailing chunk is cut.
        if let Ok(z) = words.binary_search_by_key(&e, |w| w.end)
            && words[z].has(dictionary::CREDENTIAL)
        {
            continue;
        }
        // A department before the name (`Orthopedics, Ashford Family Health Center`) and a
        // document's title after it (`Saint Anselm Medical Center - DISCHARGE INSTRUCTIONS`)
        // are no part of it: a leading chunk of one vocabulary word, a trailing chunk of
        // vocabulary words with no facility's or organisation's head.
        let words_in = |a: usize, z: usize| {
            let (Ok(i) | Err(i)) = words.binary_search_by_key(&a, |w| w.start);
            words[i..].iter().take_while(move |w| w.end <= z)
        };
        for sep in [", ", " -- ", " - "] {
            if let Some(p) = seg[s..e].find(sep) {
                let mut head = words_in(s, s + p);
                if let (Some(w), None) = (head.next(), head.next())
                    && w.has(names::VOCAB)
                {
                    s += p + sep.len();
                }
            }
            if let Some(p) = seg[s..e].rfind(sep) {
                let tail = s + p + sep.len();
                let generic = words_in(tail, e).all(|w| {
                    w.has(names::VOCAB)
                        && !w.has(dictionary::FACILITY_HEAD | dictionary::ORG_SUFFIX)
                });
                if generic && tail < e {
                    e = s + p;
                }
            }
        }
        let (mut count, mut unknown, mut nameish, mut ok) = (0, false, 0, true);
        let (mut last, mut opening, mut stop) = (None, None, false);
        for w in words_in(s, e) {
            let joiner = matches!(
                &seg[w.start..w.end],
                "&" | "and" | "of" | "the" | "for" | "de"
            );
            if joiner {
                continue;
            }
            if !matches!(w.shape, words::Shape::Capitalized | words::Shape::Upper)
                || w.has(dictionary::TITLE)
            {
                ok = false;
                break;
            }
            count += 1;
            unknown |= !w.has(names::VOCAB);
            nameish += usize::from(w.has(dictionary::FIRST | dictionary::SURNAME));
            opening.get_or_insert(w);
            // A preposition of a form's line (`BILL TO`, `SHIP TO`, `SEND FROM`).
            stop |= ["to", "from", "by", "at", "with", "per"]
                .iter()
                .any(|p| seg[w.start..w.end].eq_ignore_ascii_case(p));
            last = Some(w);
        }
        let credential_last = last.is_some_and(|w| w.has(dictionary::CREDENTIAL));
        let person = count <= 3 && nameish == count;
        // Or a name's word that opens it, before a facility's head, in one chunk (`LINDEN
        // CROSSING FAMILY MEDICINE`; not `Department of Respiratory Medicine`, nor a hospital
        // and its department after a dash).
        let headed = !stop
            && !seg[s..e].contains(" - ")
            && opening.is_some_and(|w| w.has(dictionary::FIRST | dictionary::SURNAME))
            && last.is_some_and(|w| {
                w.has(dictionary::FACILITY_HEAD | dictionary::FACILITY | dictionary::ORG_SUFFIX)
            });
        if ok && (2..=8).contains(&count) && (unknown || headed) && !credential_last && !person {
            found.push((s, e));
        }
    }
    for (s, e) in found {
        push_context(seg, out, s, e, Label::Location, 0.6);
    }
}

/// The facility of a letterhead or address block: an acronym that no list holds (and the
/// unknown capitalised words with it) in the comma-separated chunk just before a street
/// address, on its line (`MUSC, 98 Pine Rd`, `NYU Langone, 40 Washington Place`) or on the line
/// above it (`Dermatology, UPMC` / `3519 Pine Rd.`). Words another rule covered are left as
/// they are; a person's name line (`John Smith` / `12 Main St`) has no acronym and is left to
/// the name rules. Spans from `out[first..]`; appends LOCATION spans.
fn facility_before_address(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    const NOT_NAME: u32 = dictionary::ENGLISH
        | dictionary::MEDICAL
        | dictionary::UNIT
        | dictionary::COMMON
        | dictionary::STOPWORD
        | dictionary::CREDENTIAL
        | dictionary::TITLE
        | dictionary::ROLE
        | dictionary::STATE
        | dictionary::MONTH
        | dictionary::WEEKDAY;
    let b = seg.as_bytes();
    // The spans found before this pass only: the ones it pushes are no addresses.
    for k in first..out.len() {
        if out[k].label != Label::Address || out[k].source != crate::span::Source::Pattern {
            continue;
        }
        let a = out[k].start;
        let ls = names::line_start(b, a);
        let (cs, ce) = if b[ls..a].iter().all(|&c| c == b' ' || c == b'\t') {
            // The address opens its line: the last chunk of the line above.
            if ls == 0 {
                continue;
            }
            let mut pe = ls - 1;
            if pe > 0 && b[pe - 1] == b'\r' {
                pe -= 1;
            }
            let ps = names::line_start(b, pe);
            let cs = memchr::memrchr(b',', &b[ps..pe]).map_or(ps, |p| ps + p + 1);
            (cs, pe)
        } else {
            // `MUSC, 98 Pine Rd`: the chunk before the comma that precedes the address.
            let before = seg[ls..a].trim_end_matches([' ', '\t']);
            if !before.ends_with(',') {
                continue;
            }
            let ce = ls + before.len() - 1;
            let cs = b[ls..ce]
                .iter()
                .rposition(|&c| c == b',' || c == b':')
                .map_or(ls, |p| ls + p + 1);
            (cs, ce)
        };
        let lo = words.partition_point(|w| w.start < cs);
        let hi = words.partition_point(|w| w.start < ce);
        let chunk = &words[lo..hi];
        if chunk.is_empty() || chunk.len() > 4 || chunk.iter().any(|w| w.end > ce) {
            continue;
        }
        let acronym = |w: &Word| {
            w.shape == words::Shape::Upper && (2..=6).contains(&w.len()) && !w.has(NOT_NAME)
        };
        let proper =
            |w: &Word| acronym(w) || w.shape == words::Shape::Capitalized && !w.has(NOT_NAME);
        if !chunk.iter().any(acronym) || !chunk.iter().all(proper) {
            continue;
        }
        for w in chunk {
            let covered = out[first..]
                .iter()
                .any(|s| s.start < w.end && s.end > w.start);
            if !covered {
                push_context(seg, out, w.start, w.end, Label::Location, 0.7);
            }
        }
    }
}

/// The text and label of each span one stage's `find` appends, for the stages' tests.
#[cfg(test)]
fn found_by(text: &str, find: fn(&str, &mut Vec<Span>)) -> Vec<(String, Label)> {
    let mut out = Vec::new();
    find(text, &mut out);
    out.iter()
        .map(|s| (text[s.start..s.end].to_string(), s.label))
        .collect()
}

/// Asserts that `got` holds exactly the spans of `want` (text and label), in any order: for
/// the stages' tests.
#[cfg(test)]
fn assert_found(got: &[(String, Label)], want: &[(&str, Label)]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for &(v, l) in want {
        assert!(got.contains(&(v.to_string(), l)), "{v}: {got:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Source;

    /// The texts and labels of the spans `detect_segment` finds in `text`.
    fn segment_spans(d: &Detector, text: &str) -> Vec<(String, Label)> {
        let mut scratch = Scratch::default();
        let mut stats = Stats::default();
        let mut out = Vec::new();
        d.detect_segment(text, &mut scratch, &mut stats, &mut out);
        out.iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    /// The texts of the spans of one label.
    fn labelled(d: &Detector, text: &str, label: Label) -> Vec<String> {
        segment_spans(d, text)
            .into_iter()
            .filter(|(_, l)| *l == label)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn ships_irish_counties_and_our_lady_churches() {
        let d = Detector::build().expect("detector builds");
        let text = "Duty: engineering spaces aboard USS Amberly Sound (AO-92), fleet oiler.\n\
                    Vessel: MS Aurelia Crest    Operator: line\n\
                    Born in Skibbereen, County Cork. Attends Mass at Our Lady of Mercy; \
                    transferred from Our Lady of Lourdes Hospital.\n\
                    MS stable today. Counts as County Down.";
        let spans = segment_spans(&d, text);
        let has = |t: &str, l: Label| spans.iter().any(|(s, sl)| s.contains(t) && *sl == l);
        assert!(has("Amberly Sound", Label::Location), "{spans:?}");
        assert!(
            spans.iter().any(|(s, _)| s.contains("Aurelia Crest")),
            "{spans:?}"
        );
        assert!(has("County Cork", Label::Location), "{spans:?}");
        assert!(has("Our Lady of Mercy", Label::Organization), "{spans:?}");
        // A hospital so named is the facility rules' place; `MS` opening a sentence is no ship.
        assert!(!has("Lourdes", Label::Organization), "{spans:?}");
        assert!(
            !spans.iter().any(|(s, _)| s.contains("stable")),
            "{spans:?}"
        );
    }

    #[test]
    fn nicknames_in_quotes_after_a_name() {
        let d = Detector::build().expect("detector builds");
        for (text, nick) in [
            ("Name: BEGAY, ROSALIND  (\"Rose\")     Age: 91", "Rose"),
            (
                "Decedent: Cornelius J. \"Con\" Mulcahy       Hospice ID",
                "Con",
            ),
            (
                "Patient: HUNTER, WILLIAM T (\u{201c}Bill\u{201d})     MRN 88230147",
                "Bill",
            ),
        ] {
            let got = labelled(&d, text, Label::Name);
            assert!(got.iter().any(|g| g == nick), "{text}: {got:?}");
        }
        // A quoted phrase or word said after a name is no nickname.
        let text = "Seen by Dr. Lee \"Routine follow up\" per note.";
        assert_eq!(labelled(&d, text, Label::Name), ["Lee"]);
        let text = "Per Dr. Kim \"Cleared\" for discharge.";
        assert_eq!(labelled(&d, text, Label::Name), ["Kim"]);
    }

    /// A listed town alone in a cell between bars; not a common or clinical word there.
    #[test]
    fn towns_in_table_cells() {
        let d = Detector::build().expect("detector builds");
        let text = "3|Lee, Jonathan|31|M|Fresno|unemployed|2025/02/24\n| 2 | Tulsa | yes |";
        let places = labelled(&d, text, Label::Location);
        for want in ["Fresno", "Tulsa"] {
            assert!(places.iter().any(|p| p == want), "{want}: {places:?}");
        }
        let text = "| Pain | Normal | Independence | Mobile |";
        assert!(labelled(&d, text, Label::Location).is_empty());
    }

    /// A middle initial that closes its line after `SURNAME, GIVEN` in capitals.
    #[test]
    fn middle_initial_after_an_inverted_name() {
        let d = Detector::build().expect("detector builds");
        let text = "2.  PATIENT'S NAME (Last, First, MI) ...... DELACROIX, RENEE T\n3.  DOB";
        let names = labelled(&d, text, Label::Name);
        assert!(names.iter().any(|n| n == "RENEE T"), "{names:?}");
    }

    /// The vowel after an ʻokina closes the name; a possessive's `s` does not.
    #[test]
    fn okina_in_a_name() {
        let d = Detector::build().expect("detector builds");
        let names = labelled(
            &d,
            "pharmacist Keoni Alapa'i, RPh  808-555-0150",
            Label::Name,
        );
        assert!(names.iter().any(|n| n == "Keoni Alapa'i"), "{names:?}");
        let names = labelled(&d, "per Dr. Keoni Alapa's note", Label::Name);
        assert!(names.iter().all(|n| !n.ends_with('s')), "{names:?}");
    }

    /// A letterhead's name on the line above a street address, without a department before
    /// it or a document title after it; a person's name or a heading there is no letterhead.
    #[test]
    fn letterheads_above_addresses() {
        let d = Detector::build().expect("detector builds");
        let spans = |text: &str| segment_spans(&d, text);
        let covered = |text: &str, want: &str| {
            spans(text)
                .iter()
                .any(|(t, l)| *l == Label::Location && t == want)
        };
        assert!(covered(
            "Peachtree Oral Surgery\n1045 Johnson Ferry Rd NE, Suite 310",
            "Peachtree Oral Surgery"
        ));
        assert!(covered(
            "Orthopedics, Ashford Family Health Center\n53 N Bridge Ln",
            "Ashford Family Health Center"
        ));
        assert!(covered(
            "Saint Anselm Medical Center - DISCHARGE INSTRUCTIONS\n600 Cathedral Ave",
            "Saint Anselm Medical Center"
        ));
        // Vocabulary words only, opened by a name's word and closed by a facility's head;
        // not a shipping line.
        assert!(
            spans("BILL TO CLINIC\n2207 Quarry Bend Rd")
                .iter()
                .all(|(_, l)| *l != Label::Location)
        );
        assert!(covered(
            "LINDEN CROSSING FAMILY MEDICINE\n2207 Quarry Bend Rd, Suite 140",
            "LINDEN CROSSING FAMILY MEDICINE"
        ));
        for text in [
            "Department of Respiratory Medicine\n12 Main St",
            "MAILING ADDRESS\n12 Main St",
            "John Smith\n12 Main St",
            "Jane Q. Doe, MD\n12 Main St",
            "Kendra Delacroix, RN\n12 Main St",
        ] {
            let places: Vec<_> = spans(text)
                .into_iter()
                .filter(|(_, l)| *l == Label::Location)
                .collect();
            assert!(places.is_empty(), "{text}: {places:?}");
        }
    }

    /// A sign-off's initials after a dash at a line's end; a list's item is none.
    #[test]
    fn signoff_initials() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        assert_eq!(
            names("Please book a visit this month. -JC\n-------"),
            ["JC"]
        );
        assert_eq!(names("we will fax protocol on request. -TB"), ["TB"]);
        assert!(names("Plan: anticoag. -DVT\n- HTN\n-CXR\nmore text").is_empty());
    }

    /// Police and fire departments by their acronyms where a police word or an agent's
    /// preposition is beside them; clinical acronyms of the same shape stay.
    #[test]
    fn police_agencies_by_acronym() {
        let d = Detector::build().expect("detector builds");
        let orgs = |text: &str| labelled(&d, text, Label::Organization);
        assert_eq!(
            orgs("GSW x2 approx 00:55, per LAFD and LAPD. Pt reports"),
            ["LAFD", "LAPD"]
        );
        assert_eq!(orgs("ON SCENE: FHP TROOPER J. BRANNIGAN"), ["FHP"]);
        assert_eq!(orgs("photos to be taken by CPD evidence tech"), ["CPD"]);
        assert!(orgs("Hx COPD, treated by PCP. f/u with OPD. CSP cyst seen.").is_empty());
        assert!(orgs("discharged to PHP; switched to DHP").is_empty());
    }

    /// A residence or a town after a label of where the patient is; a body site is none.
    #[test]
    fn places_after_location_labels() {
        let d = Detector::build().expect("detector builds");
        for (text, want) in [
            (
                "Setting: Whitestone Gardens Assisted Living, 1450 Boston Post Rd",
                "Whitestone Gardens Assisted Living",
            ),
            (
                "Residence: Palm Crest Senior Living - memory care wing",
                "Palm Crest Senior Living",
            ),
            (
                "Agency: Visiting Nurses        Branch: Asheville\nPatient seen",
                "Asheville",
            ),
        ] {
            let places = labelled(&d, text, Label::Location);
            assert!(places.iter().any(|p| p == want), "{text}: {places:?}");
        }
        for text in [
            "Location: Left Arm. Wound location: Sacrum",
            "Placement: Nursing Home",
            "Location: Emergency Department",
        ] {
            assert!(labelled(&d, text, Label::Location).is_empty(), "{text}");
        }
    }

    /// A compass prefix, a house number before it and a cross street join the street.
    #[test]
    fn streets_with_compass_points_and_cross_streets() {
        let d = Detector::build().expect("detector builds");
        for (text, want) in [
            (
                "crash at\nN Blackstone Ave and E Shields Ave. Per crew",
                "N Blackstone Ave and E Shields Ave",
            ),
            (
                "Home: 2714 N 1900 East Rd, Crescent City, IL",
                "2714 N 1900 East Rd",
            ),
            (
                "scene S Central Ave & E 41st St, unit 46",
                "S Central Ave & E 41st St",
            ),
        ] {
            let streets = labelled(&d, text, Label::Address);
            assert!(
                streets.iter().any(|s| s.contains(want)),
                "{text}: {streets:?}"
            );
        }
        // A compass point inside a word or after a period is not a prefix.
        let streets = labelled(&d, "Rx to Walgreens on Dr. E Main St today", Label::Address);
        assert!(streets.iter().all(|s| !s.starts_with('E')), "{streets:?}");
    }

    #[test]
    fn facility_acronym_before_a_street_address() {
        let d = Detector::build().expect("detector builds");
        let places = |text: &str| labelled(&d, text, Label::Location);
        assert!(places("MUSC\n892 Bridge Row, Fl 7A\n").contains(&"MUSC".to_string()));
        assert!(
            places("Follow up: NYU Langone, 40 Washington Place\n").contains(&"NYU".to_string())
        );
        assert!(places("Dermatology, UPMC\n3519 Pine Rd.\n").contains(&"UPMC".to_string()));
        // A credential or a state before the address is no facility.
        assert!(places("Jane Doe, MD\n12 Main Street\n").is_empty());
    }

    #[test]
    fn letterhead_lines_in_capitals() {
        let d = Detector::build().unwrap();
        for text in [
            "NORTHGATE NEUROLOGY ASSOCIATES\n1180 Veterans Memorial Pkwy\n",
            "Consult note\nCEDAR RIDGE REHABILITATION HOSPITAL\nINPATIENT UNIT\n",
        ] {
            let line = text
                .lines()
                .find(|l| l.ends_with("ASSOCIATES") || l.ends_with("HOSPITAL"));
            let line = line.unwrap().to_string();
            assert!(
                labelled(&d, text, Label::Location).contains(&line),
                "{text}"
            );
        }
        for text in [
            "GENERAL SURGERY CLINIC\nPT TRANSFERRED TO REHAB HOSPITAL\nHOME HEALTH\n",
            "INTERNAL MEDICINE ASSOCIATES\nPRIMARY CARE CLINIC\n",
        ] {
            assert!(labelled(&d, text, Label::Location).is_empty(), "{text}");
        }
    }

    #[test]
    fn letterhead_chunks_in_any_one_case() {
        let d = Detector::build().unwrap();
        let places = |text: &str| labelled(&d, text, Label::Location);
        assert!(
            places("RHEUMATOLOGY CLINIC NOTE\nHarborview Arthritis & Rheumatology\nProvider: x\n")
                .contains(&"Harborview Arthritis & Rheumatology".to_string())
        );
        assert!(
            places("HARBORSIDE SLEEP MEDICINE -- Annapolis Office\n780 Industrial Dr\n")
                .contains(&"HARBORSIDE SLEEP MEDICINE".to_string())
        );
        assert!(
            places("ONCOLOGY VISIT\nHALLORAN NEUROLOGY ASSOCIATES, SUITE 9\n")
                .contains(&"HALLORAN NEUROLOGY ASSOCIATES".to_string())
        );
        let lower = "endocrinology follow-up   westbury diabetes & endocrine associates\n\
                     pt: seen today for thyroid nodules, labs reviewed and discussed with her\n";
        assert!(
            places(lower).contains(&"westbury diabetes & endocrine associates".to_string()),
            "{:?}",
            places(lower)
        );
        // Not a service's title: no word names a place or person.
        assert!(places("Internal Medicine & Primary Care Associates\n").is_empty());
        assert!(places("Physical Therapy & Rehabilitation Services, Room 4\n").is_empty());
    }

    #[test]
    fn town_and_unit_after_a_street_address() {
        let d = Detector::build().unwrap();
        let text = "at 1515 Riverside Ave S, Apt 1204, Minneapolis 55454 (Cedar-Riverside).";
        let spans = segment_spans(&d, text);
        for (want, label) in [
            ("1515 Riverside Ave S, Apt 1204", Label::Address),
            ("Minneapolis", Label::Location),
            ("55454", Label::Zip),
        ] {
            assert!(
                spans.contains(&(want.to_string(), label)),
                "{want}: {spans:?}"
            );
        }
        let text = "address 901 Greenwood Ave, Evanston. Action: reset";
        assert!(labelled(&d, text, Label::Location).contains(&"Evanston".to_string()));
        // In lower case after an address in lower case, with its ZIP code; a ZIP code after
        // an address's unit and a comma.
        let spans = segment_spans(&d, "address on file 17 kittredge rd, ashland 01721 - ok");
        assert!(
            spans.contains(&("ashland".to_string(), Label::Location)),
            "{spans:?}"
        );
        assert!(
            spans.contains(&("01721".to_string(), Label::Zip)),
            "{spans:?}"
        );
        assert!(labelled(&d, "lives at 12 main st, then 10000 units", Label::Location).is_empty());
        let zips = labelled(
            &d,
            "condo (1140 Beacon St, Unit 4F, 02446), cane",
            Label::Zip,
        );
        assert!(
            !zips.is_empty() && zips.iter().all(|z| z == "02446"),
            "{zips:?}"
        );
        // A lot, a level or a floor belongs to the address; one or two units may come first;
        // the period of `fl.` is the address's, a sentence's after `floor` is not.
        for (text, want) in [
            (
                "lives at 1418 E. Cook St, Lot 22, Springfield",
                "1418 E. Cook St, Lot 22",
            ),
            (
                "Clinic, 1100 S. Yakima Ave, 3rd Floor, Tacoma",
                "1100 S. Yakima Ave, 3rd Floor",
            ),
            (
                "office at 500 Harriet Ave, 3rd floor. Call",
                "500 Harriet Ave, 3rd floor",
            ),
            ("office at 12 Mill Rd, 2nd fl. Call", "12 Mill Rd, 2nd fl."),
            (
                "Suite 12, Level 2, 45 Goulburn St\nLiverpool",
                "Suite 12, Level 2, 45 Goulburn St",
            ),
            ("Shop 4, 118 Heathcote Rd\n", "Shop 4, 118 Heathcote Rd"),
        ] {
            let found = labelled(&d, text, Label::Address);
            assert!(found.contains(&want.to_string()), "{text}: {found:?}");
        }
        // In capitals, after a floor, or on the next line.
        for (text, town) in [
            (
                "CLINIC, 1 ALDERMOOR PLACE, 4TH FLOOR, QUINCY 02169, ON MONDAY",
                "QUINCY",
            ),
            (
                "HOUSING (40 COUNTY ST APT 12C,\nNEW BEDFORD 02740). SON",
                "NEW BEDFORD",
            ),
        ] {
            let places = labelled(&d, text, Label::Location);
            assert!(places.contains(&town.to_string()), "{text}: {places:?}");
        }
        for text in [
            "12 Main St, Then 50000 units.",
            "12 Main St, Tuesday 10 am.",
            "12 MAIN ST, PT STATES 50000 UNITS.",
        ] {
            let spans = segment_spans(&d, text);
            assert!(
                spans.iter().all(|(_, l)| *l == Label::Address),
                "{text}: {spans:?}"
            );
        }
    }

    #[test]
    fn months_named_alone_after_a_dating_word() {
        let d = Detector::build().unwrap();
        let text = "diagnosed in July; by mid-May; late December. IN MAY HE FELL.";
        assert_eq!(
            labelled(&d, text, Label::Date),
            ["July", "May", "December", "MAY"]
        );
        assert_eq!(
            labelled(
                &d,
                "much weaker since mid-october; seen in june.",
                Label::Date
            ),
            ["october", "june"]
        );
        assert_eq!(
            labelled(
                &d,
                "ON HOME O2 VIA LINCARE UNTIL AUG. Blister packs for October started.",
                Label::Date
            ),
            ["AUG", "October"]
        );
        assert_eq!(
            labelled(
                &d,
                "last used March). Vaccine received October. Worse April-June; uses",
                Label::Date
            ),
            ["March", "October", "April", "June"]
        );
        assert_eq!(
            labelled(
                &d,
                "Furosemide last filled June; TB treated September",
                Label::Date
            ),
            ["June", "September"]
        );
        // `march` and `august` in lower case after a word that dates by a month; a hedge.
        assert_eq!(
            labelled(
                &d,
                "A1c in august was 9.6; since march; since roughly December",
                Label::Date
            ),
            ["august", "march", "December"]
        );
        for text in [
            "she may see you soon. PT MAY NEED O2.",
            "plans to march in may; an august event",
            "was seen by June Park on the ward.",
            "March to the clinic.",
        ] {
            assert!(labelled(&d, text, Label::Date).is_empty(), "{text}");
        }
    }

    #[test]
    fn town_after_a_facility_and_a_comma() {
        let d = Detector::build().unwrap();
        let text = "ADMITTED FROM: Sunnybrook Pines Nursing & Rehabilitation, Waltham\n\
                    HOSPITAL COURSE: seen at Mercy Hospital, Troy. Then home.";
        let places = labelled(&d, text, Label::Location);
        for want in ["Waltham", "Troy"] {
            assert!(places.iter().any(|p| p == want), "{want}: {places:?}");
        }
        // At a cell's gap or before a dash too.
        let text = "Receiving: Lurie Children's Hospital, Chicago - Pediatric ED";
        assert!(
            labelled(&d, text, Label::Location)
                .iter()
                .any(|p| p == "Chicago")
        );
        for (text, not) in [
            ("Seen at Mercy Hospital, Will call back.", "Will"),
            ("Seen at Mercy Hospital, Central - bed 2", "Central"),
            ("seen at Mercy Hospital, Friday 3/4", "Friday"),
        ] {
            let places = labelled(&d, text, Label::Location);
            assert!(!places.iter().any(|p| p == not), "{text}: {places:?}");
        }
    }

    #[test]
    fn badge_numbers_after_a_name() {
        let d = Detector::build().unwrap();
        let text = "Alameda Police Department Officer A. Petrov #2291 took report; \
                    Deputy R. Lindqvist #612, incident";
        assert_eq!(labelled(&d, text, Label::License), ["2291", "612"]);
        // A count or a bed after a word is no badge.
        for text in [
            "pt sat in chair #2 today",
            "Dr. Ross #4a ok",
            "room #12 Ross",
        ] {
            assert!(labelled(&d, text, Label::License).is_empty(), "{text}");
        }
        // An age set off by commas after a name; not a weight or a house number.
        let text = "Evangeline (Morin) Tremblay, 96, of Presque Isle, died. Her sister Thérèse, 92. \
                    John Smith, 95.5 kg. Mary Jones, 120 Elm St.";
        assert_eq!(labelled(&d, text, Label::Age), ["96", "92"]);
        // A given name's initial after `Surname, ` before a label; not a list's letter.
        let text = "RE: hypoglycemia - Farkas, B MRN 7720914\nPt: Nguyen, T DOB 3/4/1950";
        let names = labelled(&d, text, Label::Name);
        for want in ["B", "T"] {
            assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
        }
        let text = "Seen by Farkas, A and B groups agree.";
        assert!(!labelled(&d, text, Label::Name).iter().any(|n| n == "A"));
    }

    #[test]
    fn speakers_of_chat_lines() {
        let d = Detector::build().unwrap();
        let text = "06:56 kayla: HR 108 BP 142/88\n8:22a Teddy: which pharm\n\
                    9:13a Marguerite O.: called cvs\n07:10 RN: pt stable\n\
                    07:12 plan: NPO\n10:15 BP 120/80: ok\n9:14a  CHW:  Morning Miss Roz!\n\
                    10:05a RPh: no lows";
        let names = labelled(&d, text, Label::Name);
        for want in ["kayla", "Teddy", "Marguerite O", "Roz"] {
            assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
        }
        for not in ["RN", "plan", "BP", "CHW", "RPh"] {
            assert!(!names.iter().any(|n| n.contains(not)), "{not}: {names:?}");
        }
        // A time with seconds; a user name as the speaker is an ID, a bot's is not.
        let text = "[20:31:02] cbv_intake_bot: Hi Holly!\n\
                    [20:38:45] rbaptiste_np: Hi, I'm the NP.\n\
                    [20:39:10] hollyberry1979: 4/2/79\n[20:39:30] Greta: ok\n\
                    [20:40:00] ab_c: no\n[20:41:00] m_talbot: hi";
        let ids = labelled(&d, text, Label::Id);
        assert_eq!(ids, ["rbaptiste_np", "hollyberry1979", "m_talbot"]);
        assert!(labelled(&d, text, Label::Name).contains(&"Greta".to_string()));
        // A chat export's date before the time, and a dash before the speaker.
        let text = "[Mon 4/1/24, 7:31 AM] Mari: lol. ok\n\
                    4/2/24, 07:31 - Dolores: fine\n[2024-04-03 07:31] Teresa: ok\n\
                    [Tue 4/2/24, 8:00 AM] RN: stable\n4/3/24, 7:31\u{202f}PM - Lupe: ok\n\
                    4/3/24, 07:40 \u{2013} Rosa: ok";
        let names = labelled(&d, text, Label::Name);
        for want in ["Mari", "Dolores", "Teresa", "Lupe", "Rosa"] {
            assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("RN")), "{names:?}");
        // A flowsheet's rows are no chat lines; after a date only a listed name speaks.
        let text = "03/12/2024 08:15 Braden: 14\n3/12/24 14:00 Foley: draining\n\
                    [Mon 3/11/24 9:00 PM] Comment: ok";
        assert!(labelled(&d, text, Label::Name).is_empty());
    }

    /// The value of a form's city, town, county or birthplace field, in any case; a state
    /// field's only where its value is a state.
    #[test]
    fn values_of_place_fields() {
        let d = Detector::build().unwrap();
        let text = "   CITY: LAKELAND         STATE: FL   ZIP: 33803\n\
                    7a. Residence state: OH   7b. County: Summit   7c. City/town: Cuyahoga Falls\n\
                    17. County of death: Summit\ncity: lakeland, fl\n\
                    Place of death: Cuyahoga Falls\n";
        let places = labelled(&d, text, Label::Location);
        for want in [
            "LAKELAND",
            "FL",
            "OH",
            "Summit",
            "Cuyahoga Falls",
            "lakeland",
        ] {
            assert!(places.iter().any(|p| p == want), "{want}: {places:?}");
        }
        let text = "Mental state: alert\nState: NPO\nCity: unknown\nCounty: same as above\n\
                    Gets around town: independently\nMental state: OK\nCity: Hospital\n\
                    County: Refused\n";
        assert!(labelled(&d, text, Label::Location).is_empty());
    }

    /// A given name that is also a word, between a title or a role and a surname the rules
    /// found; not a word that is no given name.
    #[test]
    fn given_names_that_are_words_after_a_title() {
        let d = Detector::build().unwrap();
        let names = labelled(&d, "PRIOR PCP STONE VAN BUREN MD PHD.", Label::Name);
        assert!(names.iter().any(|n| n == "STONE VAN BUREN"), "{names:?}");
        let names = labelled(&d, "PRIOR PCP VAN BUREN MD PHD.", Label::Name);
        assert!(names.iter().all(|n| !n.contains("PCP")), "{names:?}");
    }

    /// A listed town in brackets right after a person, or before `office` or `campus`.
    #[test]
    fn towns_after_a_person_and_before_an_office() {
        let d = Detector::build().unwrap();
        let text = "son Clifford Abernathy (Sacramento) updated. Tidewater Allergy, Chesapeake \
                    office. Seen at the LAKEVIEW CAMPUS.";
        let places = labelled(&d, text, Label::Location);
        for want in ["Sacramento", "Chesapeake", "LAKEVIEW"] {
            assert!(places.iter().any(|p| p == want), "{want}: {places:?}");
        }
        let text = "Call the main office (Dallas) or the Reading office. Parole officer \
                    notified; Union office called; daughter Jane Doe (Mobile) 555-123-4567.";
        assert!(labelled(&d, text, Label::Location).is_empty());
    }

    /// `years` in the languages of notes abroad is vocabulary, not the surname an accent-folded
    /// `años` would be; after a title the surname stays one.
    #[test]
    fn years_abroad_are_no_surnames() {
        let d = Detector::build().unwrap();
        let names = labelled(
            &d,
            "Paciente de 50 años con HTN. Sra. Anos vino.",
            Label::Name,
        );
        assert_eq!(names, ["Anos"]);
    }

    /// A middle initial after `SURNAME, GIVEN` where a form's next field or the line's end
    /// follows it, in any case; the given name after `SURNAME,` without a space (VistA), not
    /// in a row of comma-separated values.
    #[test]
    fn middle_initials_and_given_names_of_inverted_names() {
        let d = Detector::build().unwrap();
        for (text, want) in [
            (
                "PATIENT: ABERNATHY-COLE, WINIFRED J        AGE: 91",
                "WINIFRED J",
            ),
            ("patient: mercer, dolores j   dob 06/30/1944", "dolores j"),
            ("Pt: Abernathy, Winston \"Win\" L.     MRN 7741", "Win\" L"),
            ("PCP: OYELARAN,BOLA A          PACT: BLUE 3", "BOLA A"),
            ("AUTHOR: Nakamura,Keiko  EXP COSIGNER:", "Keiko"),
        ] {
            let names = labelled(&d, text, Label::Name);
            assert!(names.iter().any(|n| n == want), "{text}: {names:?}");
        }
        for (text, not) in [
            ("Seen with Jones, Mary a few times.", "Mary a"),
            (
                "ED-HOLD,H14,\"UNKNOWN, X\",NG03400571,MERCIER,TRAUMA,MVC,NONE",
                "TRAUMA",
            ),
            ("Dr. Smith,MD reviewed.", "MD"),
            ("ATTENDING: DR. SMITH,NEPHRO", "NEPHRO"),
            ("ATTENDING: DR KIM,HEMONC  SIGNED: SMITH,OTR/L", "HEMONC"),
        ] {
            let names = labelled(&d, text, Label::Name);
            assert!(!names.iter().any(|n| n.contains(not)), "{text}: {names:?}");
        }
    }

    #[test]
    fn speakers_of_a_transcript() {
        let d = Detector::build().unwrap();
        let text = "DR. OKAFOR: How is his breathing?\nPATIENT: Better.\n\
                    LORRAINE: He sleeps on three pillows.\nCaller: son\nProband: breast ca";
        let names = labelled(&d, text, Label::Name);
        assert!(names.iter().any(|n| n == "LORRAINE"), "{names:?}");
        for not in ["PATIENT", "Caller", "Proband"] {
            assert!(!names.iter().any(|n| n.contains(not)), "{not}: {names:?}");
        }
        // Without roles speaking, a line that opens with a name and a colon is a label.
        let names = labelled(&d, "LORRAINE: He sleeps on three pillows.", Label::Name);
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn organisations_named_with_of() {
        let d = Detector::build().expect("detector builds");
        let covered = |text: &str, want: &str| {
            let at = text.find(want).expect("want is in text");
            segment_spans(&d, text).iter().any(|(t, _)| {
                text.find(t.as_str())
                    .is_some_and(|s| s <= at && at + want.len() <= s + t.len())
            })
        };
        assert!(covered(
            "Father Okafor, parish priest, St. Anthony of Padua Parish",
            "St. Anthony of Padua Parish"
        ));
        // Not a person of an organisation, nor where it is.
        assert!(!covered(
            "per Will Ferreira of Maple Grove Residential Services today",
            "Will Ferreira of"
        ));
        // Two organisations listed with `and` stay two.
        assert!(!covered(
            "called LAFD and LAPD to the scene",
            "LAFD and LAPD"
        ));
    }

    #[test]
    fn initials_of_a_typist_or_scribe() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        assert_eq!(names("study file 0417-112-03\ntyped gl/mh\n"), ["gl", "mh"]);
        assert_eq!(names("Dictated and TRANSCRIBED: MJ\n"), ["MJ"]);
        assert_eq!(names("cc: Patient\nTyped by KW 12/03/24"), ["KW"]);
        assert_eq!(names("dictated, transcribed by kl, not proofread"), ["kl"]);
        assert_eq!(names("see note / scribe aj\n"), ["aj"]);
        // No function word or common word after the cue.
        assert!(names("typed in the chart; scribe is present").is_empty());
        assert!(names("REGISTER - typed copy for review").is_empty());
        assert!(names("transcribed by RN at bedside").is_empty());
        assert!(
            names("transcribed med list; scribe hpi done; typed sig; Transcribed by MT").is_empty()
        );
        // After a word of review or audit, letters that make no known word; after `by`, at
        // the line's end too.
        assert_eq!(names("CSW-118204  04/22/2024\ncosign: jhb\n"), ["jhb"]);
        assert_eq!(names("ref CLM-25-0505\nAudit: kl/rh\n"), ["kl", "rh"]);
        assert_eq!(names("COMPLETED 18:22\nQA REVIEW: KMS 04/14\n"), ["KMS"]);
        assert_eq!(names("transcribed 9/10/24 by mw\ncc: guardian"), ["mw"]);
        assert_eq!(names("(check photo code) -- billing note by jz\n"), ["jz"]);
        assert!(names("CXR reviewed CXR; QA LOS review\n").is_empty());
        assert!(names("Reviewed UDS with pt. reviewed mra head\n").is_empty());
        assert!(names("Pt brought to ED by bf\nRemoved from home by DCF\n").is_empty());
        assert!(names("seen by GI\nfollowed by PCP\n").is_empty());
        assert!(names("signed by jz at bedside").is_empty());
    }

    #[test]
    fn spans_of_years() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(
            dates("early intervention from 2022-2023."),
            ["2022", "2023"]
        );
        assert_eq!(dates("REQUIREMENTS for SY 2024-25\n"), ["2024", "25"]);
        assert!(dates("fluid goal 2000-2500 mL today").is_empty());
        assert!(dates("fluid goal 2000-2005 mL today").is_empty());
        assert!(dates("visitors 2030-2040 today; off unit 2015-2025 ok").is_empty());
        let mut got = dates("Stationed at Fort Hood, TX 2003-2008; Iraq 2005-2006 and 2007-2008.");
        got.dedup();
        assert_eq!(got, ["2003", "2008", "2005", "2006", "2007", "2008"]);
        assert_eq!(dates("hospitalised from 2015-2017"), ["2015", "2017"]);
        assert!(dates("NS 1980-1995 cc total").iter().all(|d| d != "1995"));
    }

    #[test]
    fn towns_in_brackets_after_a_place_or_person() {
        let d = Detector::build().expect("detector builds");
        let places = |text: &str| labelled(&d, text, Label::Location);
        let got = places("Source: St. Ann's Health (Dorchester) ICU, accepting MD");
        assert!(got.iter().any(|t| t == "Dorchester"), "{got:?}");
        let got = places("Other daughter Patricia (Tampa, 813-555-0189) notified");
        assert_eq!(got, ["Tampa"]);
        let got = places("Outpatient: Sound Mental Health (Auburn clinic)");
        assert!(got.iter().any(|t| t == "Auburn"), "{got:?}");
        let got = places("ercp + stent 4/2 at mt. auburn, wt loss");
        assert!(got.iter().any(|t| t == "mt. auburn"), "{got:?}");
        let got = places("OUTSIDE MRI FROM ST. LUKE'S DULUTH 06-JUL-2023.");
        assert!(got.iter().any(|t| t == "DULUTH"), "{got:?}");
        // Not a word or a given name after a phone or a record number.
        assert!(places("Call 617-555-1234 (Mobile) or cell 555-123-4567 (Troy)").is_empty());
        assert!(places("MRN 4479665 (Orange)").is_empty());
        // A camp's cabin after a camper; a test's author after the test.
        assert!(places("- Lily Sorensen (Heron) behind R knee").is_empty());
    }

    #[test]
    fn inverted_names_before_age_and_sex_or_a_credential() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        assert_eq!(
            names("BED 3 | BLAKE, Hope 29F  MR 4479665 | FULL\nBED 8 | LEE, Summer 38F  MR 448"),
            ["BLAKE, Hope", "LEE, Summer"]
        );
        let got = names("REFERRING:       WOOD, SUMMER A CNP\nINSURANCE:       MEDICARE");
        assert!(got.iter().any(|n| n == "WOOD, SUMMER A"), "{got:?}");
        assert!(names("Dx: Pain, Chest 45M").is_empty());
        assert_eq!(names("BLAKE, Hope 29F"), ["BLAKE, Hope"]);
        assert!(names("MASS, LEFT A MD").is_empty());
    }

    #[test]
    fn years_after_a_procedure_or_diagnosis_acronym() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(dates("Also s/p right TKA 2071, cataract surgery"), ["2071"]);
        assert_eq!(dates("ESRD 2088, PAD s/p stent"), ["2088"]);
        assert_eq!(dates("Dilantin (SJS 2004 -- hence Keppra)"), ["2004"]);
        assert_eq!(
            dates("PMH: STEMI 2009 with DES to LAD; COPD 2015; MVA 2011 with TBI."),
            ["2009", "2015", "2011"]
        );
        assert!(dates("PAD 2000 mg daily").is_empty());
        assert_eq!(
            dates("PT WAS PREVIOUSLY INTUBATED 1997 AT CAPE COD"),
            ["1997"]
        );
        assert!(dates("CK elevated 2010 this am").is_empty());
        assert!(dates("amp 500 mg IV q6h").is_empty());
    }

    #[test]
    fn initials_after_a_label() {
        let d = Detector::build().unwrap();
        let text = "Technician: RJ    Test ind: syncope\nTech: LH   Supervisor review\n\
                    Initials: G-W-P\nPatient identifier: T.R.M.   (in confidence)\n\
                    Tech: RN\nInitials: NA\nTechnician: Rodriguez\nTECHNOLOGIST: jdw\n\
                    Tech: RB / ML\nAcquired by: SL (CV tech)\nCXR PORTABLE (TECH JDW): NEW\n\
                    done, tech LG, prelim\nrecheck upload 4/14. -- KD\nre-submit ~3/15. -- SR\"\n\
                    Tech: ekg\ntech NOTE\nall fine -- OK\nL&D DELIVERY NOTE -- SVD\n\
                    Sent by: PE teacher\n";
        let names = labelled(&d, text, Label::Name);
        for want in [
            "RJ", "LH", "G-W-P", "T.R.M.", "jdw", "RB", "ML", "SL", "JDW", "LG", "KD", "SR",
        ] {
            assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
        }
        for not in ["RN", "NA", "ekg", "NOTE", "OK", "SVD", "PE"] {
            assert!(!names.iter().any(|n| n == not), "{not}: {names:?}");
        }
    }

    #[test]
    fn possessive_after_a_place() {
        let d = Detector::build().unwrap();
        let text = "presented to Brigham and Women's on 3/4; records from St. Mary's Hospital.";
        let spans: Vec<String> = segment_spans(&d, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(spans.iter().any(|t| t.ends_with("Women's")), "{spans:?}");
        let text = "Sponsor: Aurelian Therapeutics, Inc.    CRO: Meridian";
        let spans: Vec<String> = segment_spans(&d, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(
            spans.iter().any(|t| t == "Aurelian Therapeutics, Inc."),
            "{spans:?}"
        );
        let text = "Updated Min-ji (daughter); Min-ji's questions answered at St. Mary's today.";
        let spans: Vec<String> = segment_spans(&d, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(spans.iter().all(|t| t != "Min-ji's"), "{spans:?}");
    }

    #[test]
    fn zip_after_a_place_without_a_state() {
        let d = Detector::build().expect("detector builds");
        let zips = |text: &str| labelled(&d, text, Label::Zip);
        assert_eq!(zips("Lives in Long Beach 90803."), ["90803"]);
        assert_eq!(
            zips("moved to Springfield, 62704-1234 last year"),
            ["62704-1234"]
        );
        assert!(zips("Lives in Long Beach. 90803 steps").is_empty());
        assert!(zips("Lives in Boston 10000 units of heparin").is_empty());
    }

    #[test]
    fn ocr_letters_read_as_digits() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(dates("FAX  O3/O5/2O24 l4:22  P.OOl/OO3"), ["O3/O5/2O24"]);
        assert_eq!(dates("D0B: O7/22/l93l   Age: 92"), ["O7/22/l93l"]);
        let spans = segment_spans(&d, "Home: 978.555.2O87   Fax: (978) 555-Ol93");
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert!(
            spans
                .iter()
                .all(|(_, l)| matches!(l, Label::Phone | Label::Fax))
        );
        // Oxygen and litres are no digits; nor is a lower-case `o`.
        assert!(segment_spans(&d, "RESP. O2/2l sats>96% lungs clear").is_empty());
        assert!(dates("HTN 1o/2o ruled out").is_empty());
        let mut folded = String::new();
        let mut runs = Vec::new();
        let mut fold = |t: &str| {
            let mut w = Vec::new();
            words::tokenize(t, &mut w);
            ocr_digits(t, &w, &mut folded, &mut runs).then(|| folded.clone())
        };
        assert_eq!(fold("SpO2 95% on 2l, CO2 24, Oil, I21.4, O24"), None);
        assert_eq!(fold("ZIP Ol96O").as_deref(), Some("ZIP 01960"));
    }

    #[test]
    fn log_in_names_of_an_initial_and_a_surname() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        assert_eq!(
            names("paging log exported by mhollander at 07:22"),
            ["mhollander"]
        );
        assert_eq!(
            names("2024-03-08T23:41:07Z   | lbarrera        | RN-ED     |"),
            ["lbarrera"]
        );
        assert_eq!(
            names("Critical K called at 0611 by tnguyen2, read back"),
            ["tnguyen2"]
        );
        // Misspelt words have the same shape: only a cue or a table cell makes a log-in name.
        assert!(names("rr of 20-24 with spont vt of 380cc").is_empty());
        assert!(names("STOMA CLEAN AND PINK, NO FLATTUS").is_empty());
    }

    #[test]
    fn years_alone_at_a_clause_end() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(
            dates("Mpox vaccine series completed 2022. Flu done."),
            ["2022"]
        );
        assert_eq!(dates("tree nuts - anaphylaxis 2019\nEpiPen"), ["2019"]);
        assert_eq!(
            dates("Reactive airway - 2 ED visits 2022; albuterol"),
            ["2022"]
        );
        assert_eq!(dates("Prior wrist fracture 1987)"), ["1987"]);
        assert!(dates("Cr 5.2, BNP 1993, Hgb 6.6").is_empty());
        assert!(dates("pt up in chair 2000.").is_empty());
        assert!(dates("medicated at 2000. total 2000, asleep").is_empty());
        assert!(dates("heparin drip 1980 units").is_empty());
        // Or goes on to where or why it happened.
        assert_eq!(
            dates("anti-K first identified 2021 at Mesa Verde"),
            ["2021"]
        );
        assert_eq!(dates("family decision 2022 after GI bleed"), ["2022"]);
        assert!(dates("pt up in chair 2000 at HS").is_empty());
        // After an article or a possessive, before the noun it dates; decades.
        assert_eq!(dates("during a 2009 admission to State"), ["2009"]);
        assert_eq!(dates("a 2018 felony theft conviction"), ["2018"]);
        assert!(dates("on a 2000 calorie diet").is_empty());
        assert_eq!(dates("hospitalized in the 1990s; uncle"), ["1990s"]);
        assert_eq!(
            dates("Compared with 2019 study, LVEF down; vs 2018."),
            ["2019", "2018"]
        );
        assert!(dates("SBP in the 120s, HR in the 2000s? no").len() == 1);
    }

    #[test]
    fn dated_lists() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(
            dates("Past history\n  2009  Seropositive RA\n  2015  Osteopenia on DEXA\n"),
            ["2009", "2015"]
        );
        // Times of a nursing log: a number out of the years' range, or all from 2000 where
        // case says nothing.
        assert!(dates("2000 pt resting\n2200 medicated for pain\n").is_empty());
        assert!(dates("2000 PT RESTING\n2030 MEDICATED\n").is_empty());
    }

    #[test]
    fn places_before_postcodes_abroad() {
        let d = Detector::build().expect("detector builds");
        let text = "14 Jacaranda Ave, Baulkham Hills NSW 2153\nOttawa, ON  K1V 8R4\n\
                    27 Fore Street\nTotnes\nDevon\nTQ9 5RP\nTorquay TQ2 7AA\n\
                    NDC 00093-7212-01, ZIP CODE 01420";
        let zips = labelled(&d, text, Label::Zip);
        for z in ["2153", "K1V 8R4", "TQ9 5RP", "TQ2 7AA"] {
            assert!(zips.iter().any(|g| g == z), "{z}: {zips:?}");
        }
        let places = labelled(&d, text, Label::Location);
        for p in ["Ottawa", "ON", "Totnes", "Torquay"] {
            assert!(places.iter().any(|g| g == p), "{p}: {places:?}");
        }
        assert!(
            !places
                .iter()
                .any(|g| g.contains("NDC") || g.contains("CODE"))
        );
        // A continental code before its town, after a house number or a separator, or
        // opening its line; not a street's number, not a labelled number.
        let text = "Birkenweg 14, 26131 Oldenburg-Eversten,\nAm Schlossgarten 7\n26122 Oldenburg\n\
                    Esquerdo, 301 · 28007 Madrid · Tel. 914\n12345 Main St\nMRN: 44129 Smith\n";
        let mut zips = labelled(&d, text, Label::Zip);
        // `Birkenweg 14, 26131`: found as a code before its town and after an address.
        zips.dedup();
        assert_eq!(zips, ["26131", "26122", "28007"], "{zips:?}");
        // A state after a town a rule took for a name: `in Jackson, MS`.
        let places = labelled(
            &d,
            "Son lives in Jackson, MS, 601-555-0153.",
            Label::Location,
        );
        assert!(places.iter().any(|g| g == "MS"), "{places:?}");
        // After another place in a list, on the next line, in lower case after a listed town.
        let text = "Magnolia Street Health Center, Jackson, MS\n\nWalgreens on Broadway, Chelsea, MA\n\
                    joined by phone from Charlotte,\nNC, 704-555-0172.\nnephew (lives naples, fl) ok";
        let places = labelled(&d, text, Label::Location);
        for p in ["MS", "MA", "NC", "fl"] {
            assert!(places.iter().any(|g| g == p), "{p}: {places:?}");
        }
        // `nh` is the nursing home in a nursing note; a state before a plate is a state.
        let text = "hypoxia to 86% ra at nh this am. seen in ed.\nNH plate 4TX-921 on the truck";
        let places = labelled(&d, text, Label::Location);
        assert_eq!(places, ["NH"], "{places:?}");
        // A credential after a name; words that are abbreviations.
        let text = "-- Lane, Keara, MD, MPH on 9/14/23\nwith Dr. Julia Kingsley, in 2-3 weeks.\n\
                    per Dr. Cole, co 4 acceptable";
        let places = labelled(&d, text, Label::Location);
        assert!(places.is_empty(), "{places:?}");
    }

    #[test]
    fn years_by_their_surroundings() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        // 1960-1999 is never a time of day.
        assert_eq!(
            dates("Hospitalized once at Butler Hospital, 1994\nsettled in Cork 1980 with"),
            ["1994", "1980"]
        );
        // 2000-2059: a range, an approximation, a parenthesis, or a clause end in prose.
        assert_eq!(
            dates("Army, active duty 1997-2019, dx T2DM ~2012 in Kabul, records (2019 admission)."),
            ["1997", "2019", "2012", "2019"]
        );
        assert_eq!(
            dates("Prior injury: yes - strain 2019, no claim."),
            ["2019"]
        );
        assert!(dates("Fluids: 1982 mL LR, los -1963 since mn, $1995 owed").is_empty());
        assert!(dates("Cr 1.2, BNP 1993, ferritin 1985").is_empty());
        assert!(dates("PT UP IN CHAIR 2000, RESTING. SEEN 2000-2030").is_empty());
        // Shifted research dates: 2060-2099 is no time either, but still no quantity.
        assert_eq!(
            dates("recurrence 2086, tamoxifen completed 2087. Started 2091 for HTN"),
            ["2086", "2087", "2091"]
        );
        assert!(dates("PT UP 2045 RESTING, UOP 2080 ML, Kappa FLC 2091").is_empty());
        assert!(dates("Kappa FLC (mg/L)    2091        311     88.4").is_empty());
        assert!(dates("Barnstable, MA 01072-2086\nPh: 555-1987").is_empty());
    }

    #[test]
    fn names_continued_nicknames_and_initials() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        // Some NAME span covers `v` (found alone or inside a longer one).
        let has = |text: &str, v: &str| names(text).iter().any(|n| n.contains(v));
        assert!(has(
            "June 3, 2024\n\nHarriet Okonjo-Bell\n62 Linden Hollow Rd",
            "Bell"
        ));
        assert!(has(
            "Parent/guardian 2: Elena Marsh       cell 916-555-0164",
            "Marsh"
        ));
        assert!(has(
            "primary caregiver: daughter colette pelletier-brown (lives with pt)",
            "brown"
        ));
        assert!(!has(
            "parent luis marquez spanish-speaking - called",
            "speaking"
        ));
        assert!(!has("left vm for daughter karen-no answer", "no"));
        assert!(!has("son john-aware of plan", "aware"));
        assert!(has(
            "licensed foster home of Mark & Danielle Whitfield, Chandler",
            "Mark"
        ));
        assert!(has("PATIENT: KIM SOO-JIN  (GOES BY \"SUE\")", "SUE"));
        assert!(has(
            "DE LA CRUZ, Rogelio   Preferred: \"Roger\"   Sex: M",
            "Roger"
        ));
        assert!(has("How resident prefers to be addressed: \"Roz\"", "Roz"));
        assert!(!has("Preferred: Spanish", "Spanish"));
        assert!(has(
            "Rec'd: 06/16/23 10:42  by LJB   Request #: 118842",
            "LJB"
        ));
        assert!(has("Consent witnessed by JKW at bedside", "JKW"));
        // Eponyms, languages, methods and services stay.
        assert!(!has("Hodgkin Reed-Sternberg cells seen", "Sternberg"));
        assert!(!has("no vesicles, not Ramsay Hunt syndrome", "Hunt"));
        assert!(names("Pt prefers Spanish; prefers Friday mornings").is_empty());
        assert!(!has("SO GOING BY NBP. TLCL PLACED", "NBP"));
        assert!(!has("arrived 15:40 by BLS stretcher", "BLS"));
    }

    #[test]
    fn names_spelled_out_in_dictation() {
        let d = Detector::build().expect("detector builds");
        let names = |text: &str| labelled(&d, text, Label::Name);
        assert!(
            names("for patient harold kowalczyk that is k o w a l c z y k medical record")
                .contains(&"k o w a l c z y k".to_string())
        );
        assert!(
            names("last name spelled: S-M-I-T-H, first John").contains(&"S-M-I-T-H".to_string())
        );
        assert!(names("the plan that is a b c ok").is_empty());
    }

    #[test]
    fn streets_without_a_number_in_one_case() {
        let d = Detector::build().expect("detector builds");
        let streets = |text: &str| labelled(&d, text, Label::Address);
        assert_eq!(
            streets("cvs on boston rd. they sent it to my old apt on dickinson st"),
            ["boston rd", "dickinson st"]
        );
        assert!(streets("yeasty rash on groin area is improved").is_empty());
        assert!(streets("received on masked ventilation via servo").is_empty());
        // All in capitals, as ALL-CAPS notes write them; not a mixed-case run.
        assert_eq!(
            streets("WIFE STAYING AT HOTEL ON CAMBRIDGE ST, RM 214"),
            ["CAMBRIDGE ST"]
        );
        assert!(streets("HR 110S, ON LOPRESSOR ST RHYTHM").is_empty());
    }

    #[test]
    fn month_abbreviations_and_due_dates() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(dates("Annual re-eval due April; coordinator"), ["April"]);
        assert_eq!(dates("2 exacerbations since Sept, one admission"), ["Sept"]);
        assert!(dates("since Jan called, no change").is_empty());
    }

    /// A month that opens a range of months is a date like the one that closes it; a year
    /// list in parentheses is dates.
    #[test]
    fn month_ranges_and_listed_years() {
        let d = Detector::build().expect("detector builds");
        let dates = |text: &str| labelled(&d, text, Label::Date);
        assert_eq!(
            dates("itchy eyes March-June yearly; Feb-June"),
            ["March", "June", "Feb", "June"]
        );
        assert_eq!(
            dates("hx of 2 BCCs (2019, 2022); fair skin"),
            ["2019, 2022"]
        );
        assert_eq!(dates("admissions 2019 and 2021"), ["2019 and 2021"]);
        assert!(dates("cc 2-4 mg, may march-in").is_empty());
    }

    /// Numbers with a trunk `0` as Australia, South Africa, New Zealand and India write them;
    /// a call-back number after `CB`; a value after a table's cell border.
    /// Phones of Brazil and Singapore; a flat, unit, plot or `No.` before a house number.
    #[test]
    fn phones_and_house_numbers_abroad() {
        let d = Detector::build().expect("detector builds");
        let found = |text: &str| segment_spans(&d, text);
        for (text, value, label) in [
            ("Fone (11) 5555-3810", "(11) 5555-3810", Label::Phone),
            (
                "filha Aline (11) 95555-0419.",
                "(11) 95555-0419",
                Label::Phone,
            ),
            (
                "Singapore 469662\nEnquiries 6555 0123",
                "6555 0123",
                Label::Phone,
            ),
            ("| Contact | HP 9555 4187 |", "9555 4187", Label::Phone),
            (
                "Flat 3, 117 Buxton Road, High Lane",
                "Flat 3, 117 Buxton Road",
                Label::Address,
            ),
            (
                "| No. 6 Unity Crescent  | Y |",
                "No. 6 Unity Crescent",
                Label::Address,
            ),
        ] {
            assert!(
                found(text).contains(&(value.to_string(), label)),
                "{text}: {:?}",
                found(text)
            );
        }
        assert!(found("apt 2, 45 mg daily").is_empty());
        // No Brazilian area code ends in 0: a range of years stays dates.
        assert!(
            !found("smoked (20) 2000-2010 then quit")
                .iter()
                .any(|(_, l)| *l == Label::Phone)
        );
    }

    #[test]
    fn trunk_zero_phones_and_table_cells() {
        let d = Detector::build().expect("detector builds");
        let found = |text: &str| segment_spans(&d, text);
        for (text, value) in [
            ("NOK: husband, mob 0491 570 158 (on scene)", "0491 570 158"),
            ("partner Thandeka 083 555 6021", "083 555 6021"),
            ("accepted on 020-5550-8841 - ok", "020-5550-8841"),
            ("OK TO GIVE COMPAZINE? CB 555-4410 -KELLY RN", "555-4410"),
        ] {
            assert!(
                found(text).contains(&(value.to_string(), Label::Phone)),
                "{text}"
            );
        }
        for times in [
            "carbidopa-levodopa 1 tab TID 0700-1300-1900",
            "Insulin given at 0800 1200 1600",
            "Turned q2h: 0200 0400 0600",
        ] {
            assert!(
                !found(times).iter().any(|(_, l)| *l == Label::Phone),
                "{times}"
            );
        }
        // A cell border only after a label that fills its own cell: not a unit's `dL` (a
        // licence label) or a word inside a cell.
        for text in [
            "| Glucose | 142 | mg/dL | 70-99 | H |",
            "Glucose 142 mg/dL | A1c 7.2 %",
            "Plan: ID | 10-14 days IV abx",
            "Specimen collected 03 2023 1415 by RN",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        // Other words or signs in the label's cell.
        for (text, label) in [
            ("| Pt's MRN | 3319 0025 |", Label::Mrn),
            ("| 1) MRN | 3319 0025 |", Label::Mrn),
            ("| Guarantor/Acct | 3319 0025 |", Label::Account),
        ] {
            assert!(
                found(text).contains(&("3319 0025".to_string(), label)),
                "{text}"
            );
        }
        assert!(found("call 07700 900 123").contains(&("07700 900 123".to_string(), Label::Phone)));
        assert!(found("| MRN | 3319 0025 |").contains(&("3319 0025".to_string(), Label::Mrn)));
        // HL7 separates fields with a bare `|`: no label reads across it.
        assert!(
            !found("OBX|1|NM|2345-7^Glucose^LN||142|mg/dL|70-99|H|||F")
                .iter()
                .any(|(v, _)| v == "70-99")
        );
    }

    /// Eircodes after a county; street suffixes that are clinical words too (`Loop`, `Cres`)
    /// only capitalised and ending the street; a day and month before a time with a colon; an
    /// ordinal date before a clause (`on the 15th as long as`).
    #[test]
    fn eircodes_clashing_suffixes_and_dates_before_clauses() {
        let d = Detector::build().expect("detector builds");
        let found = |text: &str| segment_spans(&d, text);
        let has = |text: &str, value: &str, label: Label| {
            assert!(
                found(text).contains(&(value.to_string(), label)),
                "{text}: {:?}",
                found(text)
            )
        };
        has(
            "Ballinasloe, Co. Galway  H53 K4R7\nTel",
            "H53 K4R7",
            Label::Zip,
        );
        has("Eircode: D6W XR61", "D6W XR61", Label::Zip);
        has(
            "Eccles Street, Dublin 7, D07 R2WY\nDept",
            "D07 R2WY",
            Label::Zip,
        );
        has("Phibsborough, Dublin 7\nD07 XK31\n", "D07 XK31", Label::Zip);
        assert!(found("disc level T12 1000 ok").is_empty());
        assert!(found("levels 7, T12 1000 and\nT12 ABCD").is_empty());
        has(
            "1188 Punahou Loop, Suite 410, Honolulu",
            "1188 Punahou Loop, Suite 410",
            Label::Address,
        );
        has(
            "PICKUP: 14 Wattle Cres, Seven Hills",
            "14 Wattle Cres",
            Label::Address,
        );
        for device in [
            "implanted 2 Reveal Loop recorder",
            "implanted 2 Reveal Loop (ILR) in 2019",
            "has 2 Reveal Loop. Interrogated",
            "s/p 2 Reveal Loop - no events",
        ] {
            let addresses = found(device)
                .into_iter()
                .filter(|(_, l)| *l == Label::Address);
            assert_eq!(addresses.count(), 0, "{device}");
        }
        // `Crest` was a suffix before and stays one whatever follows.
        has(
            "Home: 22 Ocean Crest (daughter's)",
            "22 Ocean Crest",
            Label::Address,
        );
        has("Labs (17/08 20:10): Hb 7.8", "17/08", Label::Date);
        has("OK to go ahead on the 15th as long as", "15th", Label::Date);
        has(
            "OK to go ahead on the 15th  as long as",
            "15th",
            Label::Date,
        );
        assert!(found("THE 2ND THEN LATER FELL OUT").is_empty());
        assert!(found("progressed after 2nd-line therapy").is_empty());
        assert!(found("tolerated the 1st as well as the rest").is_empty());
        assert!(found("repeat after the 3rd if still febrile").is_empty());
    }

    /// Labels of identifiers abroad: Irish PPS, Aadhaar, UHID, New Zealand NHI and MCNZ,
    /// PhilHealth, an Australian rego, a commercial driver's licence, Brazil's CPF and SUS
    /// card, a Canadian provincial health number, the NHS e-Referral's UBRN, Singapore's NRIC
    /// and MCR.
    #[test]
    fn identifier_labels_abroad() {
        let d = Detector::build().expect("detector builds");
        let found = |text: &str| segment_spans(&d, text);
        for (text, value, label) in [
            ("PPSN: 7712468QA", "7712468QA", Label::Id),
            ("Aadhaar:   4821 7730 5196", "4821 7730 5196", Label::Id),
            ("UHID:      KVDH240817093", "KVDH240817093", Label::Mrn),
            ("NHI: ZKT4821        Event", "ZKT4821", Label::Mrn),
            ("MCNZ 71452", "71452", Label::License),
            (
                "PhilHealth PIN: 12-050398712-4",
                "12-050398712-4",
                Label::HealthPlan,
            ),
            ("Vehicle rego: YPN-31C", "YPN-31C", Label::Vehicle),
            (
                "CDL WDL8K29QX47 - medical card",
                "WDL8K29QX47",
                Label::License,
            ),
            // Brazil, Canada, the UK's e-Referral, Singapore, a blood bank's armband.
            ("CPF: 318.552.907-44", "318.552.907-44", Label::Id),
            (
                "Cart\u{e3}o SUS (CNS): 704 2015 0933 4871",
                "704 2015 0933 4871",
                Label::HealthPlan,
            ),
            (
                "Provincial health #: 9 8821 4403",
                "9 8821 4403",
                Label::HealthPlan,
            ),
            (
                "Sent via e-RS, UBRN 0004 7712 3381",
                "0004 7712 3381",
                Label::Id,
            ),
            ("Practice code: P88017", "P88017", Label::Id),
            ("| NRIC   | S6023417J |", "S6023417J", Label::Id),
            ("Dr Siti (MCR M71842B)", "M71842B", Label::License),
            ("ARMBAND #: BBID 7K4Q92", "7K4Q92", Label::Id),
            (
                "cc: Dr. Wu; study file 0417-112-03",
                "0417-112-03",
                Label::Id,
            ),
            // Mexico's CURP, labelled or not; an employer's FEIN; a Medicare supplier's PTAN.
            ("CURP: HEOG740312MDFRLD09", "HEOG740312MDFRLD09", Label::Id),
            (
                "key HEOG740312MDFRLD09 on file",
                "HEOG740312MDFRLD09",
                Label::Id,
            ),
            ("Employer FEIN 02-7741903   Policy", "02-7741903", Label::Id),
            ("PTAN 0HX5521 / Supplier", "0HX5521", Label::Id),
        ] {
            assert!(found(text).contains(&(value.to_string(), label)), "{text}");
        }
    }

    /// Identifiers without a digit reach the pattern stage through the prefilter's literals.
    #[test]
    fn digitless_identifiers_pass_the_prefilter() {
        let d = Detector::build().expect("detector builds");
        let found = |text: &str| segment_spans(&d, text);
        let text = "Pain is better today and she is eating well. Username: jsmith was reset.";
        assert!(found(text).contains(&("jsmith".to_string(), Label::Id)));
        let text = "Family visited and she fell on Thanksgiving at home without injury.";
        assert!(found(text).contains(&("Thanksgiving".to_string(), Label::Date)));
    }

    /// A decade of age from 90 on is an age; a vital sign "in the 90s" is not.
    #[test]
    fn age_decades_from_ninety() {
        let d = Detector::build().expect("detector builds");
        let ages = |text: &str| labelled(&d, text, Label::Age);
        assert_eq!(
            ages("A pleasant woman in her 90s who lives alone."),
            ["90s"]
        );
        assert_eq!(
            ages("He is in his late nineties, ambulates with a walker."),
            ["nineties"]
        );
        assert_eq!(ages("Patient in her early 90's, alert."), ["90's"]);
        assert!(ages("She is in her 80s and independent.").is_empty());
        assert!(ages("SBP in the 90s overnight, sats in the 90s on 2L.").is_empty());
    }

    #[test]
    fn model_spans_need_a_street_word_or_a_name_that_is_no_role() {
        let d = Detector::build().expect("detector builds");
        let mut scratch = Scratch::default();
        let span = |text: &str, part: &str, label: Label| {
            let start = text.find(part).expect("part is in the text");
            Span {
                start,
                end: start + part.len(),
                label,
                score: 0.95,
                source: Source::Model,
            }
        };
        let cases = [
            (
                "ekg st, 104-114, rare pvcs",
                "104-114",
                Label::Address,
                false,
            ),
            ("62 YO MALE W SEVER 3VD & LMD", "3VD", Label::Address, false),
            (
                "lives at 12 Quarry Lane, Apt 3",
                "12 Quarry Lane",
                Label::Address,
                true,
            ),
            (
                "ETT advanced 1cm by HO. SEE COMPUTER",
                "HO",
                Label::Name,
                false,
            ),
            (
                "seen by Dr. Kowalczyk today",
                "Kowalczyk",
                Label::Name,
                true,
            ),
        ];
        for (text, part, label, plausible) in cases {
            let sp = span(text, part, label);
            assert_eq!(
                d.model_span_plausible(text, &sp, &mut scratch),
                plausible,
                "{text} / {part}"
            );
        }
    }
}

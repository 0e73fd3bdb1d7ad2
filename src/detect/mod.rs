//! Detection stages, in the order a segment flows through them:
//!
//! 1. `prefilter`: vectorised scans for anchors (digits, `@`, `://`, ...) -> byte windows;
//! 2. `patterns`: one multi-pattern regex-automata search over those windows + `validators`;
//! 3. `words` + `dictionary`: every word tagged by one Aho-Corasick automaton over all lists;
//! 4. `names`: context rules over the tagged words (names, places, organisations);
//! 5. `merge`: recall-first union of all candidates.
//!
//! `Detector` owns the compiled stages and is immutable after `build`; `Engine` wraps it.

pub mod dictionary;
pub mod merge;
pub mod names;
pub mod patterns;
pub mod prefilter;
pub mod validators;
pub mod words;

use std::time::Instant;

use crate::error::Result;
use crate::span::Span;
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
    /// Time spent per stage, in nanoseconds, in the order of [`STAGES`].
    pub nanos: [u64; 5],
}

/// Names of the stages timed in `Stats::nanos`, in order.
pub const STAGES: [&str; 5] = ["prefilter", "patterns", "tokenize", "dictionary", "rules"];

impl Stats {
    pub fn add(&mut self, o: &Stats) {
        self.bytes_in += o.bytes_in;
        self.bytes_patterns += o.bytes_patterns;
        self.words += o.words;
        self.candidates += o.candidates;
        for (a, b) in self.nanos.iter_mut().zip(o.nanos) {
            *a += b;
        }
    }
}

/// Per-thread scratch space, reused across calls.
#[derive(Default)]
pub(crate) struct Scratch {
    words: Vec<Word>,
    lower: String,
    street_ends: Vec<usize>,
    memo: dictionary::Memo,
    anchors: Vec<(usize, usize)>,
    windows: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub(crate) struct Detector {
    pub(crate) dict: Dictionary,
    pub(crate) patterns: Patterns,
    pub(crate) prefilter: Prefilter,
}

impl Detector {
    pub(crate) fn build() -> Result<Detector> {
        Ok(Detector {
            dict: Dictionary::build()?,
            patterns: Patterns::build()?,
            prefilter: Prefilter::build()?,
        })
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
        self.prefilter
            .windows(seg, &mut scratch.anchors, &mut scratch.windows);
        lap(stats, 0);
        if !scratch.windows.is_empty() {
            let mut caps = self.patterns.captures();
            for &(s, e) in &scratch.windows {
                stats.bytes_patterns += (e - s) as u64;
                self.patterns.find(seg, s..e, &mut caps, out);
            }
        }
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
        lap(stats, 1);
        let mode = words::case_mode(&scratch.words);
        scratch.lower.clear();
        scratch.lower.push_str(seg);
        scratch.lower.make_ascii_lowercase();
        names::NameRules::new(seg, &scratch.lower, &scratch.words, &self.dict, mode).run(out);
        lap(stats, 4);
        stats.candidates += (out.len() - first) as u64;
    }
}

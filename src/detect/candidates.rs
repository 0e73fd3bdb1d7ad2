//! Per-word feature bits and the candidate walk of the name rules.
//!
//! The name rules are some forty passes over a segment's words, and each pass acts on few of
//! them (a title, a credential, a word before `, `). Testing every word in every pass cost
//! more than the passes' work. This module computes once, per word, one `u64` of the facts
//! those first tests read: the dictionary flags they test (low 32 bits, as in
//! [`Word::flags`]), the word's shape and length, and what its gap to the next word holds,
//! stored as bit planes ([`Features`]). A pass then walks only the words whose features could
//! pass its own first test ([`Candidates`]): 64 words are ruled out by a few instructions,
//! without loading them.
//!
//! A pass keeps its own first test: the features only skip words that test would reject, so
//! a mask must be implied by that test (a superset of the words it accepts), never narrower.

use std::rc::Rc;

use super::dictionary as d;
use super::words::{Shape, Word};

/// A word of letters (`Word::is_alpha`).
pub const ALPHA: u64 = 1 << 32;
/// Shape `Capitalized`.
pub const CAPITALIZED: u64 = 1 << 34;
/// Shape `Upper`.
pub const UPPER: u64 = 1 << 35;
/// One byte long.
pub const LEN1: u64 = 1 << 37;
/// Two bytes long.
pub const LEN2: u64 = 1 << 38;
/// Three bytes long.
pub const LEN3: u64 = 1 << 39;
/// Four bytes long.
pub const LEN4: u64 = 1 << 40;
/// The gap to the next word is one space.
pub const GAP_SPACE: u64 = 1 << 41;
/// The gap to the next word starts with a comma.
pub const GAP_COMMA: u64 = 1 << 42;
/// The gap to the next word starts with a period.
pub const GAP_DOT: u64 = 1 << 43;
/// The gap to the next word holds a colon.
pub const GAP_COLON: u64 = 1 << 44;
/// The byte right after the word is a comma (the last word included).
pub const COMMA_AFTER: u64 = 1 << 46;
/// The next word has shape `Digits`.
pub const NEXT_DIGITS: u64 = 1 << 47;
/// The word's first byte is not ASCII (a letter of another script, a symbol).
pub const HIGH_FIRST: u64 = 1 << 48;
/// The word is in no vocabulary list (English, medical, unit or common words).
pub const NO_VOCAB: u64 = 1 << 49;
/// Every word: for a walk with no `any` test (not stored in the planes).
pub const EVERY: u64 = 1 << 63;

/// Dictionary flags (`dictionary::FIRST`, ...) as feature bits.
pub const fn flags(f: u32) -> u64 {
    f as u64
}

/// The features of each word of a segment (see the module's doc), stored as bit planes: for
/// each block of 64 words and each feature bit, a `u64` whose bit `k` says whether word
/// `64 * block + k` has it. The walks read the planes without borrowing the rules that own
/// them.
#[derive(Debug, Clone, Default)]
pub struct Features {
    planes: Rc<Vec<u64>>,
    len: usize,
}

impl Features {
    /// Features of `words` of `text`, with `gaps[i]` the text between word `i` and `i + 1`
    /// (empty after the last).
    pub fn new(text: &str, words: &[Word], gaps: &[&str]) -> Features {
        let b = text.as_bytes();
        let mut planes = vec![0u64; words.len().div_ceil(64) * 64];
        for (i, w) in words.iter().enumerate() {
            let mut f = u64::from(w.flags) & KEPT_FLAGS;
            if w.is_alpha() {
                f |= ALPHA;
            }
            if !w.has(d::ENGLISH | d::MEDICAL | d::UNIT | d::COMMON) {
                f |= NO_VOCAB;
            }
            f |= match w.shape {
                Shape::Capitalized => CAPITALIZED,
                Shape::Upper => UPPER,
                _ => 0,
            };
            f |= match w.len() {
                1 => LEN1,
                2 => LEN2,
                3 => LEN3,
                4 => LEN4,
                _ => 0,
            };
            if b.get(w.start).is_some_and(|&c| c >= 0x80) {
                f |= HIGH_FIRST;
            }
            if b.get(w.end) == Some(&b',') {
                f |= COMMA_AFTER;
            }
            let g = gaps.get(i).map_or(&b""[..], |g| g.as_bytes());
            match g {
                b" " => f |= GAP_SPACE,
                [b',', ..] => f |= GAP_COMMA,
                [b'.', ..] => f |= GAP_DOT,
                _ => {}
            }
            if g != b" " && g.contains(&b':') {
                f |= GAP_COLON;
            }
            if words.get(i + 1).is_some_and(|n| n.shape == Shape::Digits) {
                f |= NEXT_DIGITS;
            }
            let (block, bit) = (i / 64 * 64, 1u64 << (i % 64));
            while f != 0 {
                planes[block + f.trailing_zeros() as usize] |= bit;
                f &= f - 1;
            }
        }
        Features {
            planes: Rc::new(planes),
            len: words.len(),
        }
    }

    /// The features of word `i`.
    #[cfg(test)]
    pub fn get(&self, i: usize) -> u64 {
        let block = &self.planes[i / 64 * 64..][..64];
        let mut f = EVERY;
        for (bit, plane) in block.iter().enumerate() {
            f |= (plane >> (i % 64) & 1) << bit;
        }
        f
    }

    /// Walks the words `lo..hi` whose features hold at least one bit of `any` and every bit
    /// of `all`, in order.
    #[inline]
    pub fn walk(&self, lo: usize, hi: usize, any: u64, all: u64) -> Candidates {
        // A dictionary flag left out of the planes would walk nothing.
        debug_assert_eq!((any | all) & 0xffff_ffff & !KEPT_FLAGS, 0);
        let hi = hi.min(self.len);
        let mut walk = Candidates {
            planes: Rc::clone(&self.planes),
            any,
            all: all & !EVERY,
            block: lo / 64 * 64,
            lo,
            hi,
            bits: 0,
        };
        // The first block now; `next` moves on to the others.
        if lo < hi {
            walk.load();
        }
        walk
    }
}

/// The dictionary flags the walks test; the others are left out of the planes.
const KEPT_FLAGS: u64 = flags(
    d::TITLE
        | d::ROLE
        | d::PERSON_VERB
        | d::RIGHT_VERB
        | d::FIRST
        | d::NICK
        | d::CREDENTIAL
        | d::STREET
        | d::FACILITY_HEAD
        | d::ORG_CUE,
);

/// The walk of [`Features::walk`]: a block of 64 words at a time, as the OR of the planes of
/// `any` and the AND of those of `all`, then its bits in order.
#[derive(Debug)]
pub struct Candidates {
    planes: Rc<Vec<u64>>,
    any: u64,
    all: u64,
    /// First word of the current block of 64.
    block: usize,
    lo: usize,
    hi: usize,
    /// Candidates of the current block not yet returned, bit `k` for word `block + k`.
    bits: u64,
}

impl Candidates {
    fn load(&mut self) {
        let planes = &self.planes[self.block..self.block + 64];
        let mut bits = if self.any & EVERY != 0 {
            !0
        } else {
            let (mut any, mut acc) = (self.any, 0u64);
            while any != 0 {
                acc |= planes[any.trailing_zeros() as usize];
                any &= any - 1;
            }
            acc
        };
        let mut all = self.all;
        while all != 0 && bits != 0 {
            bits &= planes[all.trailing_zeros() as usize];
            all &= all - 1;
        }
        // Only words of lo..hi.
        if self.lo > self.block {
            bits &= !0 << (self.lo - self.block);
        }
        if self.hi < self.block + 64 {
            bits &= (1u64 << (self.hi - self.block)) - 1;
        }
        self.bits = bits;
    }
}

impl Iterator for Candidates {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.bits != 0 {
                let k = self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                return Some(self.block + k);
            }
            self.block += 64;
            if self.block >= self.hi {
                return None;
            }
            self.load();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::words::tokenize;

    fn features(text: &str) -> (Vec<Word>, Features) {
        let mut words = Vec::new();
        tokenize(text, &mut words);
        let gaps: Vec<&str> = words
            .windows(2)
            .map(|p| &text[p[0].end..p[1].start])
            .chain(std::iter::once(""))
            .collect();
        let f = Features::new(text, &words, &gaps);
        (words, f)
    }

    #[test]
    fn shape_length_and_gap_bits() {
        let (_, f) = features("Smith, J. of 12 Oak:\nx");
        let has = |i: usize, m: u64| f.get(i) & m == m;
        assert!(has(0, CAPITALIZED | COMMA_AFTER | GAP_COMMA | ALPHA));
        assert_eq!(f.get(0) & (GAP_SPACE | LEN1), 0);
        assert!(has(1, LEN1 | GAP_DOT | UPPER));
        assert!(has(2, LEN2 | GAP_SPACE | NEXT_DIGITS | ALPHA));
        assert!(has(3, LEN2 | GAP_SPACE));
        assert_eq!(f.get(3) & (ALPHA | UPPER | CAPITALIZED), 0);
        assert!(has(4, GAP_COLON | CAPITALIZED | LEN3));
        // No dictionary ran: every word is in no vocabulary, and the last has no gap.
        assert!(has(5, NO_VOCAB | ALPHA | LEN1));
        assert_eq!(
            f.get(5) & !(EVERY | ALPHA | LEN1 | NO_VOCAB) & !0xffff_ffff,
            0
        );
    }

    /// An empty segment and an empty or inverted range walk nothing.
    #[test]
    fn empty_walks() {
        let (_, f) = features("");
        assert_eq!(f.walk(0, 0, EVERY, 0).count(), 0);
        let (_, f) = features("one two three");
        assert_eq!(f.walk(2, 1, EVERY, 0).count(), 0);
        assert_eq!(f.walk(1, 1, EVERY, 0).count(), 0);
        assert_eq!(f.walk(3, 9, EVERY, 0).count(), 0);
        assert_eq!(f.walk(0, 3, EVERY, 0).collect::<Vec<_>>(), [0, 1, 2]);
    }

    /// The walk returns exactly the words a plain filter over every word would, across
    /// blocks of 64, from any start.
    #[test]
    fn walk_matches_a_plain_filter() {
        let text = (0..300)
            .map(|i| match i % 7 {
                0 => "Smith,".to_string(),
                3 => format!("{i}"),
                5 => "x.".to_string(),
                _ => "word".to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let (words, f) = features(&text);
        let n = words.len();
        for (any, all) in [
            (COMMA_AFTER, 0),
            (NEXT_DIGITS | LEN1, 0),
            (EVERY, GAP_SPACE | ALPHA),
            (EVERY, 0),
            (UPPER, 0),
        ] {
            for (lo, hi) in [(0, n), (1, n - 1), (63, 130), (64, 64), (5, n + 10)] {
                let got: Vec<usize> = f.walk(lo, hi, any, all).collect();
                let want: Vec<usize> = (lo..hi.min(n))
                    .filter(|&i| f.get(i) & any != 0 && f.get(i) & all == all)
                    .collect();
                assert_eq!(got, want, "any {any:x} all {all:x} {lo}..{hi}");
            }
        }
    }
}

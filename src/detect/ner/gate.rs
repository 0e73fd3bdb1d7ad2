//! Gating: which parts of a segment the NER model needs to see (`--model gated`).
//!
//! The model is ~100x slower than the rules, so it runs only around words the rules already
//! find suspicious. A word opens a region of `CONTEXT` words either side when it is
//! - on a name or place list (given name, surname, nickname, city, county) and not ordinary
//!   vocabulary (`Will` the verb stays out, `Nguyen` goes in);
//! - a cue the name and place rules use: a title (`Dr`), a role (`daughter`), a credential
//!   (`RN`), a facility or organisation word (prepositions such as `to`, `at`, `by` are not
//!   triggers: measured, they sent 89% of PhysioNet text to the model);
//! - an alphabetic word of three letters or more in no vocabulary and not one edit away from
//!   it (an unknown word that is not a typo: a name or a place; in ALL-CAPS and lower-case
//!   notes capitalisation says nothing, so this is the main trigger there);
//! - in mixed-case text, a capitalised word that is not common English;
//! - inside a span the rules labelled NAME, LOCATION, ORGANIZATION or ADDRESS (the model may
//!   extend it: a middle name, the rest of a facility name).
//!
//! Overlapping or adjacent regions are merged. The cost is recall lost on PHI far from any
//! trigger; `phiscrub eval --model gated` against `--model always` measures it (README).

use super::super::dictionary as d;
use super::super::words::{CaseMode, Shape, Word};
use crate::span::{Label, Span};

/// Words of context either side of a trigger word.
pub const CONTEXT: usize = 4;

const VOCAB: u32 = d::ENGLISH | d::MEDICAL | d::UNIT | d::COMMON;
const NAMEISH: u32 = d::FIRST | d::SURNAME | d::NICK | d::CITY | d::COUNTY;
const CUES: u32 = d::TITLE
    | d::ROLE
    | d::FACILITY
    | d::HOSPITAL_WORD
    | d::ORG_SUFFIX
    | d::FACILITY_HEAD
    | d::CREDENTIAL;

fn is_trigger(
    seg: &str,
    w: &Word,
    prev_end_sentence: bool,
    mode: CaseMode,
    dict: &d::Dictionary,
) -> bool {
    if w.has(CUES) {
        return true;
    }
    if !w.is_alpha() || w.len() < 2 {
        return false;
    }
    if w.has(NAMEISH) && !w.has(VOCAB) {
        return true;
    }
    if w.len() >= 3
        && !w.has(VOCAB | d::STOPWORD | d::MONTH | d::WEEKDAY | d::UNIT)
        && !dict.near_vocabulary(&seg.as_bytes()[w.start..w.end])
    {
        return true;
    }
    mode == CaseMode::Mixed
        && w.shape == Shape::Capitalized
        && !prev_end_sentence
        && !w.has(d::COMMON | d::STOPWORD)
}

/// Appends the byte regions of `seg` the model should read (relative to `seg`, sorted,
/// disjoint, each from a word start to a word end).
pub(crate) fn regions(
    seg: &str,
    words: &[Word],
    spans: &[Span],
    dict: &d::Dictionary,
    out: &mut Vec<(usize, usize)>,
) {
    let n = words.len();
    if n == 0 {
        return;
    }
    let mode = super::super::words::case_mode(words);
    let b = seg.as_bytes();
    let mut need = vec![false; n];
    let mut sp = 0usize;
    for (i, w) in words.iter().enumerate() {
        let prev_end_sentence = i == 0 || {
            let gap = &b[words[i - 1].end..w.start];
            gap.iter()
                .any(|&c| matches!(c, b'.' | b'!' | b'?' | b'\n' | b':'))
        };
        while sp < spans.len() && spans[sp].end <= w.start {
            sp += 1;
        }
        let in_span = sp < spans.len()
            && spans[sp].start < w.end
            && matches!(
                spans[sp].label,
                Label::Name | Label::Location | Label::Organization | Label::Address
            );
        need[i] = in_span || is_trigger(seg, w, prev_end_sentence, mode, dict);
    }
    let mut i = 0;
    let mut cur: Option<(usize, usize)> = None; // word index range, inclusive
    while i < n {
        if need[i] {
            let lo = i.saturating_sub(CONTEXT);
            let hi = (i + CONTEXT).min(n - 1);
            cur = match cur {
                Some((a, e)) if lo <= e + 1 => Some((a, e.max(hi))),
                Some((a, e)) => {
                    out.push((words[a].start, words[e].end));
                    Some((lo, hi))
                }
                None => Some((lo, hi)),
            };
        }
        i += 1;
    }
    if let Some((a, e)) = cur {
        out.push((words[a].start, words[e].end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::dictionary::{Dictionary, Memo};
    use crate::detect::words;

    fn regions_of(dict: &Dictionary, text: &str) -> Vec<(usize, usize)> {
        let mut ws = Vec::new();
        words::tokenize(text, &mut ws);
        dict.annotate(text, &mut ws, &mut Memo::default());
        let mut out = Vec::new();
        regions(text, &ws, &[], dict, &mut out);
        out
    }

    #[test]
    fn triggers_open_regions_and_plain_text_is_skipped() {
        let dict = Dictionary::build().expect("dictionary");
        // Plain clinical prose: nothing for the model. (A role word such as `patient` is a
        // trigger: dropping roles skipped 4% more PhysioNet bytes and lost 0.2 pp recall.)
        assert!(
            regions_of(
                &dict,
                "Vitals were stable overnight and she denies chest pain."
            )
            .is_empty()
        );
        // A role cue and an unknown word: one merged region around both, on word boundaries.
        let t = "Vitals stable overnight. Spoke with daughter Okonkwo about the plan today.";
        let r = regions_of(&dict, t);
        assert_eq!(r.len(), 1, "{r:?}");
        let (s, e) = r[0];
        let name = t.find("Okonkwo").expect("in text");
        assert!(s <= name && name + "Okonkwo".len() <= e);
        assert!(s > 0 && e < t.len(), "context is bounded: {r:?}");
    }
}

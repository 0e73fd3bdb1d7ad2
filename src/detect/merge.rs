//! Merging candidates from every stage into the final, disjoint, ordered span list.
//!
//! Strategy (named, as Presidio names its conflict strategies): **recall-first union**.
//! Overlapping candidates become one span covering the union of their bytes; the label is the
//! highest-priority label among them (`Label::priority`: a validated SSN beats a generic ID,
//! a FAX beats a PHONE), the score is the maximum, the source that of the winning label.
//! Spans that only touch (`a.end == b.start`) stay separate. Output is sorted by start, so
//! the same input always gives the same output whatever order the stages ran in.

use crate::span::Span;

/// Merges `spans` in place into sorted, pairwise-disjoint spans.
pub fn merge(spans: &mut Vec<Span>) {
    if spans.len() < 2 {
        return;
    }
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.label.priority().cmp(&a.label.priority()))
    });
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start < last.end => {
                last.end = last.end.max(s.end);
                if s.label.priority() > last.label.priority() {
                    last.label = s.label;
                    last.source = s.source;
                }
                last.score = last.score.max(s.score);
            }
            _ => out.push(s),
        }
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Label, Source};

    fn sp(s: usize, e: usize, l: Label, sc: f32) -> Span {
        Span {
            start: s,
            end: e,
            label: l,
            score: sc,
            source: Source::Pattern,
        }
    }

    #[test]
    fn union_priority_and_order() {
        let mut v = vec![
            sp(10, 20, Label::Id, 0.5),
            sp(0, 3, Label::Name, 0.9),
            sp(12, 25, Label::Ssn, 0.8),
            sp(25, 30, Label::Date, 0.4),
        ];
        merge(&mut v);
        assert_eq!(v.len(), 3);
        assert_eq!((v[0].start, v[0].end, v[0].label), (0, 3, Label::Name));
        assert_eq!(
            (v[1].start, v[1].end, v[1].label, v[1].score),
            (10, 25, Label::Ssn, 0.8)
        );
        assert_eq!((v[2].start, v[2].end), (25, 30));
    }

    #[test]
    fn order_independent() {
        let a = vec![
            sp(0, 5, Label::Phone, 0.5),
            sp(3, 8, Label::Fax, 0.7),
            sp(9, 12, Label::Date, 0.9),
        ];
        let mut b = a.clone();
        b.reverse();
        let mut a2 = a.clone();
        merge(&mut a2);
        merge(&mut b);
        assert_eq!(a2, b);
        assert_eq!(a2[0].label, Label::Fax);
    }
}

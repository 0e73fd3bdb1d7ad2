//! From word pieces to spans: the window plan over a region's pieces, and BIO decoding of the
//! model's logits back to UTF-8 byte offsets of the original text.
//!
//! Pure logic, no `ort`: `mod.rs` runs the model and hands the logits here. Offsets come only
//! from the tokenizer's per-piece byte offsets (kept through normalisation by `tokenizers`'
//! alignment map); text is never re-searched.

use crate::span::{Label, Source, Span};

/// One row of the classifier: its BIO tag and the phiscrub label it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Row {
    /// `None` for the `O` row.
    pub label: Option<Label>,
    /// `true` for an `I-` (inside) row.
    pub inside: bool,
}

/// Where each piece of a region is read from: `(window, position in the window)`. A piece
/// covered by two overlapping windows is read from the one where it lies farther from an
/// edge (more context on both sides).
pub(crate) fn plan_windows(
    n: usize,
    word_ids: &[Option<u32>],
    body: usize,
    overlap: usize,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mut start = 0;
    loop {
        let mut end = (start + body).min(n);
        if end < n {
            // Cut before the first piece of a word when one is near (never mid-word if avoidable).
            let lo = end.saturating_sub(16).max(start + overlap + 1);
            let mut e = end;
            while e > lo
                && word_ids.get(e).copied().flatten() == word_ids.get(e - 1).copied().flatten()
            {
                e -= 1;
            }
            if e > lo {
                end = e;
            }
        }
        out.push((start, end));
        if end >= n {
            break;
        }
        start = end.saturating_sub(overlap).max(start + 1);
    }
    out
}

/// The tag of each piece `0..n` from the windows over it (`tag_of(window, offset)`). A piece
/// in the overlap of two windows takes the more confident of their tags: the window that sees
/// an entity with its context finds it, whichever edge it sits at (recall first).
pub(crate) fn merge_window_tags(
    n: usize,
    windows: &[(usize, usize)],
    mut tag_of: impl FnMut(usize, usize) -> PieceTag,
    out: &mut Vec<PieceTag>,
) {
    out.clear();
    out.resize(
        n,
        PieceTag {
            tag: None,
            inside: false,
        },
    );
    for (wi, &(s, e)) in windows.iter().enumerate() {
        for (i, slot) in out.iter_mut().enumerate().take(e).skip(s) {
            let t = tag_of(wi, i - s);
            let better = match (t.tag, slot.tag) {
                (Some((_, a)), Some((_, b))) => a > b,
                (Some(_), None) => true,
                _ => false,
            };
            if better {
                *slot = t;
            }
        }
    }
}

/// Per-piece decision after softmax.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PieceTag {
    /// The best entity label and 1 - P(O), when above that label's threshold.
    pub tag: Option<(Label, f32)>,
    /// P(I- rows of the label) > P(B- rows of the label).
    pub inside: bool,
}

/// Softmax over one piece's logits; sums probabilities per label.
pub(crate) fn tag_piece(
    logits: &[f32],
    rows: &[Row],
    thresholds: &[f32; Label::ALL.len()],
) -> PieceTag {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut z = 0.0f32;
    let mut p_o = 0.0f32;
    let mut per = [0.0f32; Label::ALL.len()];
    let mut per_i = [0.0f32; Label::ALL.len()];
    for (x, row) in logits.iter().zip(rows) {
        let e = (x - max).exp();
        z += e;
        match row.label {
            None => p_o += e,
            Some(l) => {
                per[l as usize] += e;
                if row.inside {
                    per_i[l as usize] += e;
                }
            }
        }
    }
    if z <= 0.0 || !z.is_finite() {
        return PieceTag {
            tag: None,
            inside: false,
        };
    }
    let (mut bi, mut bp) = (0usize, -1.0f32);
    for (i, &p) in per.iter().enumerate() {
        if p > bp {
            bi = i;
            bp = p;
        }
    }
    let ent = 1.0 - p_o / z;
    let label = Label::ALL[bi];
    let inside = per_i[bi] * 2.0 > per[bi];
    PieceTag {
        tag: (ent >= thresholds[bi]).then_some((label, ent)),
        inside,
    }
}

/// Decodes the pieces of one region into spans (absolute offsets into `text`).
///
/// A word (consecutive pieces with the same word id) is flagged when any of its pieces is,
/// with the label of its highest-scoring piece (recall first). Consecutive flagged words
/// with the same label join into one span when nothing, or a bare hyphen or apostrophe,
/// separates them, or when up to three spaces, hyphens, apostrophes or periods separate them
/// and the later word reads as `I-`.
pub(crate) fn decode_region(
    text: &str,
    base: usize,
    offsets: &[(usize, usize)],
    word_ids: &[Option<u32>],
    tags: &[PieceTag],
    out: &mut Vec<Span>,
) {
    let n = offsets.len();
    let mut i = 0;
    let mut open: Option<(usize, usize, Label, f32)> = None;
    let flush = |open: &mut Option<(usize, usize, Label, f32)>, out: &mut Vec<Span>| {
        if let Some((s, e, l, sc)) = open.take()
            && let Some(sp) = Span::checked(text, base + s, base + e, l, sc, Source::Model)
        {
            out.push(sp);
        }
    };
    while i < n {
        // One word: pieces i..j.
        let mut j = i + 1;
        while j < n && word_ids[j].is_some() && word_ids[j] == word_ids[i] {
            j += 1;
        }
        let (ws, we) = (offsets[i].0, offsets[j - 1].1);
        let mut best: Option<(Label, f32)> = None;
        let mut inside = false;
        for t in &tags[i..j] {
            if let Some((l, s)) = t.tag
                && best.is_none_or(|(_, b)| s > b)
            {
                best = Some((l, s));
                inside = t.inside;
            }
        }
        match best {
            // A bare hyphen or apostrophe right after an open span may join it to the next
            // word (`Okonkwo-Baptiste`); decided at that word.
            None if open.is_some_and(|o| o.1 == ws)
                && matches!(text.get(base + ws..base + we), Some("-" | "'" | "\u{2019}")) => {}
            None => flush(&mut open, out),
            Some((label, score)) => {
                let joined = match open {
                    Some((_, oe, ol, _)) if ol == label && oe <= ws => {
                        let gap = text.get(base + oe..base + ws).unwrap_or("\n");
                        // `Okonkwo-Baptiste`, `O'Brien`: one name whatever the B/I reading.
                        gap.is_empty()
                            || matches!(gap, "-" | "'" | "\u{2019}")
                            || (inside
                                && gap.len() <= 3
                                && gap.bytes().all(|b| matches!(b, b' ' | b'-' | b'\'' | b'.')))
                    }
                    _ => false,
                };
                if joined {
                    if let Some(o) = open.as_mut() {
                        o.1 = we;
                        o.3 = o.3.max(score);
                    }
                } else {
                    flush(&mut open, out);
                    open = Some((ws, we, label, score));
                }
            }
        }
        i = j;
    }
    flush(&mut open, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_every_piece_with_overlap() {
        let ids: Vec<Option<u32>> = (0..300u32).map(|i| Some(i / 2)).collect();
        let w = plan_windows(300, &ids, 126, 32);
        assert_eq!(w[0].0, 0);
        assert_eq!(w.last().map(|x| x.1), Some(300));
        for pair in w.windows(2) {
            assert!(pair[1].0 < pair[0].1, "windows overlap: {pair:?}");
            // Cut on a word start: piece `end` begins a new word.
            assert_ne!(ids[pair[0].1], ids[pair[0].1 - 1]);
        }
        // Each piece is read from the windows over it at its own offset in them, and the
        // overlap keeps the more confident tag.
        // A piece of the overlap, near the end of window 0: only window 1 flags it.
        let edge = w[0].1 - 2;
        assert!(w[1].0 <= edge, "piece {edge} is in the overlap: {w:?}");
        let mut tags = Vec::new();
        merge_window_tags(
            300,
            &w,
            |wi, p| PieceTag {
                tag: (w[wi].0 + p == edge && wi == 1).then_some((Label::Name, 0.95)),
                inside: false,
            },
            &mut tags,
        );
        assert_eq!(tags.len(), 300);
        let flagged: Vec<usize> = (0..300).filter(|&i| tags[i].tag.is_some()).collect();
        assert_eq!(flagged, vec![edge]);
    }

    #[test]
    fn short_region_is_one_window() {
        let ids = vec![Some(0), Some(1), Some(1)];
        assert_eq!(plan_windows(3, &ids, 126, 32), vec![(0, 3)]);
        assert!(plan_windows(0, &[], 126, 32).is_empty());
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                label: None,
                inside: false,
            },
            Row {
                label: Some(Label::Name),
                inside: false,
            },
            Row {
                label: Some(Label::Name),
                inside: true,
            },
        ]
    }

    #[test]
    fn threshold_and_inside() {
        let th = [0.5f32; Label::ALL.len()];
        let t = tag_piece(&[0.0, 3.0, 0.0], &rows(), &th);
        assert_eq!(t.tag.map(|x| x.0), Some(Label::Name));
        assert!(!t.inside);
        let t = tag_piece(&[0.0, 0.0, 3.0], &rows(), &th);
        assert!(t.inside);
        let t = tag_piece(&[3.0, 0.0, 0.0], &rows(), &th);
        assert!(t.tag.is_none());
    }

    #[test]
    fn words_join_and_offsets_are_original() {
        // "Dr José Nguyễn\r\nok": pieces dr | jose | ng ##uy ##en | ok (byte offsets).
        let text = "Dr José Nguyễn\r\nok";
        let offsets = [(0, 2), (3, 8), (9, 11), (11, 13), (13, 17), (19, 21)];
        let ids = [Some(0), Some(1), Some(2), Some(2), Some(2), Some(3)];
        let name = |inside| PieceTag {
            tag: Some((Label::Name, 0.9)),
            inside,
        };
        let none = PieceTag {
            tag: None,
            inside: false,
        };
        let tags = [none, name(false), none, name(true), none, none];
        let mut out = Vec::new();
        decode_region(text, 0, &offsets, &ids, &tags, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].start..out[0].end], "José Nguyễn");
    }
}

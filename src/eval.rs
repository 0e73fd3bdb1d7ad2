//! Evaluation against an annotated corpus: token-level binary recall/precision/F1 overall and
//! per label, plus strict span-level scores.
//!
//! Token = maximal run of alphanumeric characters (Unicode). A gold PHI token is found if any
//! predicted span overlaps it, whatever its label; a predicted token is a false positive if no
//! gold span overlaps it. Strict span match = same start, end and label. This module is the
//! one place document text is printed (the `--errors` lists): it is a developer tool for
//! synthetic or licensed evaluation data.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// One gold document (the JSONL line format).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub spans: Vec<GoldSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

impl Prf {
    fn finish(mut self) -> Prf {
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        self.recall = r;
        self.precision = p;
        self.f1 = if r + p == 0.0 {
            0.0
        } else {
            2.0 * r * p / (r + p)
        };
        self
    }
}

/// Evaluation report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub documents: u64,
    pub bytes: u64,
    /// Token-level, binary (any label).
    pub token: Prf,
    /// Token-level recall per gold label (`fp` counts predicted tokens of that label outside gold).
    pub token_by_label: BTreeMap<String, Prf>,
    /// Strict span-level (same offsets and label).
    pub span: Prf,
    pub span_by_label: BTreeMap<String, Prf>,
    /// Most frequent missed gold tokens (text, count); only with `errors`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<(String, u64)>,
    /// Most frequent over-flagged tokens (text, count); only with `errors`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overflagged: Vec<(String, u64)>,
}

/// Accumulates documents into a report.
#[derive(Debug, Default)]
pub struct Evaluator {
    report: Report,
    errors: bool,
    missed: HashMap<String, u64>,
    over: HashMap<String, u64>,
    by_label: BTreeMap<String, Prf>,
    span_by_label: BTreeMap<String, Prf>,
}

fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// For each token, the index of the first span overlapping it (spans sorted by start).
fn cover(toks: &[(usize, usize)], spans: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0);
    let mut out = vec![None; toks.len()];
    let mut j = 0;
    for (ti, &(ts, te)) in toks.iter().enumerate() {
        while j < order.len() && spans[order[j]].1 <= ts {
            j += 1;
        }
        let mut k = j;
        while k < order.len() && spans[order[k]].0 < te {
            if spans[order[k]].1 > ts {
                out[ti] = Some(order[k]);
                break;
            }
            k += 1;
        }
    }
    out
}

impl Evaluator {
    pub fn new(errors: bool) -> Evaluator {
        Evaluator {
            errors,
            ..Default::default()
        }
    }

    pub fn add(&mut self, doc: &GoldDoc, pred: &[Span]) {
        let r = &mut self.report;
        r.documents += 1;
        r.bytes += doc.text.len() as u64;
        let toks = tokens(&doc.text);
        let gold: Vec<(usize, usize)> = doc.spans.iter().map(|s| (s.start, s.end)).collect();
        let predv: Vec<(usize, usize)> = pred.iter().map(|s| (s.start, s.end)).collect();
        let g = cover(&toks, &gold);
        let p = cover(&toks, &predv);
        for (i, &(ts, te)) in toks.iter().enumerate() {
            match (g[i], p[i]) {
                (Some(gi), Some(_)) => {
                    r.token.tp += 1;
                    self.by_label
                        .entry(doc.spans[gi].label.clone())
                        .or_default()
                        .tp += 1;
                }
                (Some(gi), None) => {
                    r.token.fn_ += 1;
                    self.by_label
                        .entry(doc.spans[gi].label.clone())
                        .or_default()
                        .fn_ += 1;
                    if self.errors {
                        *self.missed.entry(doc.text[ts..te].to_string()).or_default() += 1;
                    }
                }
                (None, Some(pi)) => {
                    r.token.fp += 1;
                    self.by_label
                        .entry(pred[pi].label.as_str().to_string())
                        .or_default()
                        .fp += 1;
                    if self.errors {
                        *self.over.entry(doc.text[ts..te].to_string()).or_default() += 1;
                    }
                }
                (None, None) => {}
            }
        }
        // Strict spans.
        let mut gold_set: HashMap<(usize, usize, &str), usize> = HashMap::new();
        for s in &doc.spans {
            *gold_set
                .entry((s.start, s.end, s.label.as_str()))
                .or_default() += 1;
            self.span_by_label.entry(s.label.clone()).or_default().fn_ += 1;
            r.span.fn_ += 1;
        }
        for s in pred {
            let key = (s.start, s.end, s.label.as_str());
            match gold_set.get_mut(&key) {
                Some(c) if *c > 0 => {
                    *c -= 1;
                    r.span.tp += 1;
                    r.span.fn_ -= 1;
                    let e = self
                        .span_by_label
                        .entry(s.label.as_str().to_string())
                        .or_default();
                    e.tp += 1;
                    e.fn_ -= 1;
                }
                _ => {
                    r.span.fp += 1;
                    self.span_by_label
                        .entry(s.label.as_str().to_string())
                        .or_default()
                        .fp += 1;
                }
            }
        }
    }

    pub fn finish(mut self) -> Report {
        let mut r = self.report;
        r.token = r.token.finish();
        r.span = r.span.finish();
        r.token_by_label = std::mem::take(&mut self.by_label)
            .into_iter()
            .map(|(k, v)| (k, v.finish()))
            .collect();
        r.span_by_label = std::mem::take(&mut self.span_by_label)
            .into_iter()
            .map(|(k, v)| (k, v.finish()))
            .collect();
        let top = |m: HashMap<String, u64>| {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(20);
            v
        };
        r.missed = top(std::mem::take(&mut self.missed));
        r.overflagged = top(std::mem::take(&mut self.over));
        r
    }
}

impl Report {
    /// Human-readable table.
    pub fn to_text(&self, by_label: bool) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "documents {}  bytes {}", self.documents, self.bytes);
        let t = &self.token;
        let _ = writeln!(
            s,
            "token  recall {:.4}  precision {:.4}  F1 {:.4}  (tp {} fn {} fp {})",
            t.recall, t.precision, t.f1, t.tp, t.fn_, t.fp
        );
        let sp = &self.span;
        let _ = writeln!(
            s,
            "span   recall {:.4}  precision {:.4}  F1 {:.4}  (strict: same offsets and label)",
            sp.recall, sp.precision, sp.f1
        );
        if by_label {
            let _ = writeln!(
                s,
                "\n{:<14} {:>8} {:>8} {:>8} {:>8}   {:>8} {:>8}",
                "label", "gold_tok", "recall", "pred_fp", "", "span_R", "span_P"
            );
            let labels: std::collections::BTreeSet<&String> = self
                .token_by_label
                .keys()
                .chain(self.span_by_label.keys())
                .collect();
            for l in labels {
                let t = self.token_by_label.get(l).copied().unwrap_or_default();
                let sp = self.span_by_label.get(l).copied().unwrap_or_default();
                let _ = writeln!(
                    s,
                    "{:<14} {:>8} {:>8.4} {:>8} {:>8}   {:>8.4} {:>8.4}",
                    l,
                    t.tp + t.fn_,
                    t.recall,
                    t.fp,
                    "",
                    sp.recall,
                    sp.precision
                );
            }
        }
        if !self.missed.is_empty() || !self.overflagged.is_empty() {
            let _ = writeln!(s, "\nmost frequent missed tokens:");
            for (t, c) in &self.missed {
                let _ = writeln!(s, "  {c:>5}  {t}");
            }
            let _ = writeln!(s, "\nmost frequent over-flagged tokens:");
            for (t, c) in &self.overflagged {
                let _ = writeln!(s, "  {c:>5}  {t}");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Label, Source};

    #[test]
    fn token_level_counts() {
        let doc = GoldDoc {
            id: "1".into(),
            text: "Mary Smith seen 3/14 by Bob".into(),
            spans: vec![
                GoldSpan {
                    start: 0,
                    end: 10,
                    label: "NAME".into(),
                },
                GoldSpan {
                    start: 16,
                    end: 20,
                    label: "DATE".into(),
                },
            ],
        };
        let pred = vec![
            Span {
                start: 5,
                end: 10,
                label: Label::Name,
                score: 1.0,
                source: Source::Dictionary,
            },
            Span {
                start: 24,
                end: 27,
                label: Label::Name,
                score: 1.0,
                source: Source::Dictionary,
            },
        ];
        let mut e = Evaluator::new(true);
        e.add(&doc, &pred);
        let r = e.finish();
        // gold tokens: Mary Smith 3 14 -> found Smith only.
        assert_eq!((r.token.tp, r.token.fn_, r.token.fp), (1, 3, 1));
        assert_eq!(r.token_by_label["DATE"].fn_, 2);
        assert_eq!(r.span.tp, 0);
        assert_eq!(r.missed.len(), 3);
    }
}

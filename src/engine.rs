//! The `Engine`: built once, immutable, `Send + Sync`; the entry point for detection and
//! redaction. It splits a text into segments (`segment.rs`), runs the detection stages
//! (`detect/`) on each, merges, and applies the redaction policy.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::detect::{Detector, Scratch, Stats, merge};
use crate::error::Result;
use crate::segment;
use crate::span::Span;

/// Engine configuration. `Default` gives the rules-only engine.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Spans scoring below this are dropped (0.0 keeps everything: recall first).
    pub min_score: f32,
}

/// The result of redaction: the redacted text and the spans (offsets into the ORIGINAL text)
/// that were replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub spans: Vec<Span>,
}

/// The de-identification engine.
///
/// ```
/// use phiscrub::{Engine, EngineConfig, Label};
/// let engine = Engine::new(EngineConfig::default())?;
/// let out = engine.redact("Seen by Dr. Alvarez on 3/14/2023, call 617-555-0134.");
/// assert_eq!(out.text, "Seen by Dr. [NAME] on [DATE], call [PHONE].");
/// assert_eq!(out.spans[0].label, Label::Name);
/// # Ok::<(), phiscrub::Error>(())
/// ```
#[derive(Debug)]
pub struct Engine {
    detector: Detector,
    config: EngineConfig,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Engine {
    /// Compiles the dictionaries and patterns (a few hundred milliseconds). Build one engine
    /// and share it across threads.
    pub fn new(config: EngineConfig) -> Result<Engine> {
        Ok(Engine {
            detector: Detector::build()?,
            config,
        })
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Detects PHI spans: sorted, disjoint, byte offsets into `text`.
    pub fn detect(&self, text: &str) -> Vec<Span> {
        let mut stats = Stats::default();
        self.detect_with_stats(text, &mut stats)
    }

    /// As `detect`, and adds per-stage byte counts to `stats`.
    pub fn detect_with_stats(&self, text: &str, stats: &mut Stats) -> Vec<Span> {
        let mut out = Vec::new();
        SCRATCH.with(|cell| {
            // A re-entrant call (not possible today) would get a fresh scratch, not a panic.
            let mut fresh;
            let mut guard = cell.try_borrow_mut();
            let scratch: &mut Scratch = match guard.as_deref_mut() {
                Ok(s) => s,
                Err(_) => {
                    fresh = Scratch::default();
                    &mut fresh
                }
            };
            let mut seg_spans = Vec::new();
            for (s, e) in segment::segments(text) {
                seg_spans.clear();
                self.detector
                    .detect_segment(&text[s..e], scratch, stats, &mut seg_spans);
                merge::merge(&mut seg_spans);
                out.extend(seg_spans.iter().map(|sp| Span {
                    start: sp.start + s,
                    end: sp.end + s,
                    ..*sp
                }));
            }
        });
        if self.config.min_score > 0.0 {
            out.retain(|s| s.score >= self.config.min_score);
        }
        out
    }

    /// Replaces every detected span with `[LABEL]`; every other byte is copied unchanged.
    pub fn redact(&self, text: &str) -> Redacted {
        let spans = self.detect(text);
        let text = apply_tags(text, &spans);
        Redacted { text, spans }
    }
}

/// Writes `text` with each span replaced by `[LABEL]`. `spans` must be sorted and disjoint.
pub fn apply_tags(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for s in spans {
        if s.start < pos {
            continue;
        }
        out.push_str(&text[pos..s.start]);
        out.push('[');
        out.push_str(s.label.as_str());
        out.push(']');
        pos = s.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

    #[test]
    fn public_types_are_send_sync() {
        assert_send_sync::<Engine>();
        assert_send_sync::<Span>();
        assert_send_sync::<Redacted>();
        // `Error` wraps `std::io::Error`, which is Send + Sync but not UnwindSafe.
        fn send_sync<T: Send + Sync>() {}
        send_sync::<crate::Error>();
    }
}

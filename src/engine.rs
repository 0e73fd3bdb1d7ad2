//! The `Engine`: built once, immutable, `Send + Sync`; the entry point for detection and
//! redaction. It splits a text into segments (`segment.rs`), runs the detection stages
//! (`detect/`) on each, runs the NER model on the regions the gate picks (batched across
//! the segments of the text), merges, and applies the redaction policy.
//!
//! Failure: the rules cannot fail; the model can (ORT errors at run time). The fallible
//! entry points ([`Engine::try_detect`], [`Engine::try_redact`]) return the error, and the CLI
//! writes nothing for that input. The infallible ones ([`Engine::detect`], [`Engine::redact`])
//! fail closed: a segment whose model call failed is reported as one span covering the whole
//! segment (label `ID`, score 1.0, source `model`), so raw text never passes through.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::detect::ner::{Ner, NerConfig, gate};
use crate::detect::{Detector, Scratch, Stats, merge};
use crate::error::{Error, Result};
use crate::segment;
use crate::span::{Label, Source, Span};

/// When the NER model runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelMode {
    /// Rules only; the ONNX Runtime library is not needed.
    #[default]
    Off,
    /// The model reads only the regions the rules' gate picks (`detect/ner/gate.rs`).
    Gated,
    /// The model reads every byte.
    Always,
}

/// Engine configuration. `Default` gives the rules-only engine.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Spans scoring below this are dropped (0.0 keeps everything: recall first).
    pub min_score: f32,
    /// When the NER model runs. With `gated` or `always`, [`Engine::new`] fails if the ONNX
    /// Runtime library or the model is missing (fail closed).
    pub model: ModelMode,
    /// Where the model is and how it runs (threads, sessions, batch).
    pub ner: NerConfig,
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
    ner: Option<Ner>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Engine {
    /// Compiles the dictionaries and patterns (a few hundred milliseconds). Build one engine
    /// and share it across threads.
    /// With a model mode other than `off` this also loads the ONNX Runtime library and the
    /// model, and fails when either is missing.
    pub fn new(config: EngineConfig) -> Result<Engine> {
        // The model loads (ONNX Runtime library, sessions, graph optimisation) on its own
        // thread while the rules build: every CLI run pays start-up.
        let ner_config = &config.ner;
        let (detector, ner) = std::thread::scope(|s| {
            let ner = match config.model {
                ModelMode::Off => None,
                ModelMode::Gated | ModelMode::Always => {
                    Some(s.spawn(move || Ner::load(ner_config)))
                }
            };
            let detector = Detector::build();
            let ner = match ner {
                None => None,
                Some(h) => Some(
                    h.join()
                        .map_err(|_| Error::build("NER model", "the loading thread panicked"))??,
                ),
            };
            Ok::<_, Error>((detector?, ner))
        })?;
        Ok(Engine {
            detector,
            config,
            ner,
        })
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Detects PHI spans: sorted, disjoint, byte offsets into `text`. Never fails: if the
    /// model fails, each segment is reported whole (see the module doc); use
    /// [`Engine::try_detect`] to see the error instead.
    pub fn detect(&self, text: &str) -> Vec<Span> {
        let mut stats = Stats::default();
        self.detect_with_stats(text, &mut stats)
    }

    /// As `detect`, and adds per-stage byte counts to `stats`.
    pub fn detect_with_stats(&self, text: &str, stats: &mut Stats) -> Vec<Span> {
        match self.try_detect_with_stats(text, stats) {
            Ok(spans) => spans,
            Err(_) => segment::segments(text)
                .filter(|&(s, e)| e > s)
                .map(|(s, e)| Span {
                    start: s,
                    end: e,
                    label: Label::Id,
                    score: 1.0,
                    source: Source::Model,
                })
                .collect(),
        }
    }

    /// Detects PHI spans, or the model's error (rules-only engines never fail).
    pub fn try_detect(&self, text: &str) -> Result<Vec<Span>> {
        let mut stats = Stats::default();
        self.try_detect_with_stats(text, &mut stats)
    }

    /// As `try_detect`, and adds per-stage byte counts to `stats`.
    pub fn try_detect_with_stats(&self, text: &str, stats: &mut Stats) -> Result<Vec<Span>> {
        let mut out = Vec::new();
        let mode = if self.ner.is_some() {
            self.config.model
        } else {
            ModelMode::Off
        };
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
            let mut regions: Vec<(usize, usize)> = Vec::new();
            let mut seg_regions = Vec::new();
            for (s, e) in segment::segments(text) {
                seg_spans.clear();
                self.detector
                    .detect_segment(&text[s..e], scratch, stats, &mut seg_spans);
                merge::merge(&mut seg_spans);
                match mode {
                    ModelMode::Off => {}
                    ModelMode::Always => regions.push((s, e)),
                    ModelMode::Gated => {
                        let clock = std::time::Instant::now();
                        seg_regions.clear();
                        gate::regions(
                            &text[s..e],
                            &scratch.words,
                            &seg_spans,
                            &self.detector.dict,
                            &mut seg_regions,
                        );
                        regions.extend(seg_regions.iter().map(|&(a, b)| (a + s, b + s)));
                        stats.nanos[5] += clock.elapsed().as_nanos() as u64;
                    }
                }
                out.extend(seg_spans.iter().map(|sp| Span {
                    start: sp.start + s,
                    end: sp.end + s,
                    ..*sp
                }));
            }
            if let Some(ner) = &self.ner
                && !regions.is_empty()
            {
                let clock = std::time::Instant::now();
                stats.bytes_model += regions.iter().map(|&(a, b)| (b - a) as u64).sum::<u64>();
                let mut model = Vec::new();
                ner.detect(text, &regions, &mut model)?;
                // The context allow-list applies to the model's names as to the rules', and a
                // span of plain vocabulary words only is dropped (`model_span_plausible`).
                model.retain(|sp| {
                    self.detector.model_span_plausible(text, sp, scratch)
                        && (sp.label != Label::Name
                            || !self.detector.is_eponym(text, sp.start, sp.end, scratch))
                });
                out.extend(model);
                merge::merge(&mut out);
                stats.nanos[5] += clock.elapsed().as_nanos() as u64;
            }
            Ok::<(), crate::Error>(())
        })?;
        if self.config.min_score > 0.0 {
            out.retain(|s| s.score >= self.config.min_score);
        }
        Ok(out)
    }

    /// Replaces every detected span with `[LABEL]`; every other byte is copied unchanged.
    /// Never fails (see [`Engine::detect`]); [`Engine::try_redact`] returns the model's error.
    pub fn redact(&self, text: &str) -> Redacted {
        let spans = self.detect(text);
        let text = apply_tags(text, &spans);
        Redacted { text, spans }
    }

    /// As `redact`, or the model's error (nothing is redacted then: write nothing).
    pub fn try_redact(&self, text: &str) -> Result<Redacted> {
        let spans = self.try_detect(text)?;
        let text = apply_tags(text, &spans);
        Ok(Redacted { text, spans })
    }

    /// The model mode in effect.
    pub fn model_mode(&self) -> ModelMode {
        self.config.model
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

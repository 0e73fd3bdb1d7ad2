//! The gateway's one door into de-identification: redact the texts of a request under a
//! session, reveal an answer, and build a streaming revealer. Routes never call the engine or
//! the vault directly, so the policy (and the fail-closed rule) lives in one place.
//!
//! Detection is CPU work: `redact_texts` runs it on tokio's blocking pool under a time budget.
//! If detection fails or runs out of time the caller gets an error and must refuse the request:
//! nothing raw goes upstream.

use std::sync::Arc;
use std::time::Duration;

use crate::{Engine, Label};

/// Why de-identification failed. Holds no text.
#[derive(Debug, thiserror::Error)]
pub enum DeidError {
    #[error("de-identification exceeded its time budget of {0} ms")]
    TimeBudget(u64),
    #[error("de-identification failed: {0}")]
    Failed(String),
}

/// Result of redacting the texts of one request.
#[derive(Debug, Default)]
pub struct RedactedBatch {
    pub texts: Vec<String>,
    /// Detections per label over all texts.
    pub counts: Vec<(Label, u32)>,
}

/// A streaming revealer: output is identical whatever the chunking.
pub trait StreamReveal: Send {
    fn push(&mut self, chunk: &str) -> String;
    fn finish(&mut self) -> String;
}

/// PHI found in an answer that did not come from the session.
#[derive(Debug, Default)]
pub struct OutputScan {
    pub text: String,
    pub foreign: usize,
}

/// De-identification as the gateway needs it. `session` is the conversation id.
pub trait Deid: Send + Sync + 'static {
    fn redact(
        &self,
        session: &str,
        policy: &str,
        texts: &[String],
    ) -> Result<RedactedBatch, DeidError>;
    fn reveal(&self, session: &str, text: &str) -> Result<String, DeidError>;
    fn stream_revealer(&self, session: &str) -> Result<Box<dyn StreamReveal>, DeidError>;
    /// Scans an answer for PHI that is not the session's; `redact` replaces it.
    fn scan_output(&self, session: &str, text: &str, redact: bool)
    -> Result<OutputScan, DeidError>;
}

/// Runs `redact` on the blocking pool under `budget`. Fail closed: a timeout or a panic in
/// detection is an error.
pub async fn redact_texts(
    deid: Arc<dyn Deid>,
    session: String,
    policy: String,
    texts: Vec<String>,
    budget: Duration,
) -> Result<RedactedBatch, DeidError> {
    if texts.is_empty() {
        return Ok(RedactedBatch::default());
    }
    let job = tokio::task::spawn_blocking(move || deid.redact(&session, &policy, &texts));
    match tokio::time::timeout(budget, job).await {
        Err(_) => Err(DeidError::TimeBudget(budget.as_millis() as u64)),
        Ok(Err(_join)) => Err(DeidError::Failed("detection task panicked".into())),
        Ok(Ok(r)) => r,
    }
}

fn count_labels(counts: &mut Vec<(Label, u32)>, spans: &[crate::Span]) {
    for s in spans {
        match counts.iter_mut().find(|(l, _)| *l == s.label) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.label, 1)),
        }
    }
}

/// Tags-only de-identification with the engine alone (no vault): `[LABEL]` placeholders that
/// cannot be revealed. Used when no vault is configured and by tests.
pub struct TagsDeid {
    engine: Arc<Engine>,
}

impl TagsDeid {
    pub fn new(engine: Arc<Engine>) -> TagsDeid {
        TagsDeid { engine }
    }
}

struct Identity;

impl StreamReveal for Identity {
    fn push(&mut self, chunk: &str) -> String {
        chunk.to_string()
    }
    fn finish(&mut self) -> String {
        String::new()
    }
}

impl Deid for TagsDeid {
    fn redact(
        &self,
        _session: &str,
        _policy: &str,
        texts: &[String],
    ) -> Result<RedactedBatch, DeidError> {
        let mut out = RedactedBatch::default();
        for t in texts {
            let r = self.engine.redact(t);
            count_labels(&mut out.counts, &r.spans);
            out.texts.push(r.text);
        }
        Ok(out)
    }

    fn reveal(&self, _session: &str, text: &str) -> Result<String, DeidError> {
        Ok(text.to_string())
    }

    fn stream_revealer(&self, _session: &str) -> Result<Box<dyn StreamReveal>, DeidError> {
        Ok(Box::new(Identity))
    }

    fn scan_output(
        &self,
        _session: &str,
        text: &str,
        redact: bool,
    ) -> Result<OutputScan, DeidError> {
        let r = self.engine.redact(text);
        Ok(OutputScan {
            foreign: r.spans.len(),
            text: if redact { r.text } else { text.to_string() },
        })
    }
}

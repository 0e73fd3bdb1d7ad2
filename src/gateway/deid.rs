//! The gateway's one door into de-identification: redact the texts of a request under a
//! session, reveal an answer, and build a streaming revealer. Routes never call the engine or
//! the vault directly, so the policy (and the fail-closed rule) lives in one place.
//!
//! Detection is CPU work: `redact_texts` runs it on tokio's blocking pool under a time budget.
//! If detection fails or runs out of time the caller gets an error and must refuse the request:
//! nothing raw goes upstream.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{Engine, Label};

/// Why de-identification failed. Holds no text.
#[derive(Debug, thiserror::Error)]
pub enum DeidError {
    #[error("de-identification exceeded its time budget of {0} ms")]
    TimeBudget(u64),
    #[error("de-identification failed: {0}")]
    Failed(String),
    /// The output filter (`fail`) found identifiers the conversation did not hold.
    #[error("the answer holds {0} identifiers that did not come from this conversation")]
    ForeignPhi(usize),
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

/// De-identification with the session vault: placeholders numbered per conversation
/// (`[NAME_1]`), exactly reversible, stable across the turns of a session.
///
/// Sessions are kept open in a small cache (idle ones are dropped after `SESSION_IDLE`), so a
/// conversation's mapping is not reloaded from the store on every request. The engine is
/// `'static` (built once per process) so cached sessions can borrow it.
pub struct VaultDeid {
    engine: &'static Engine,
    vault: crate::vault::Vault,
    policies: HashMap<String, crate::policy::Policy>,
    sessions: Mutex<HashMap<(String, String), CachedSession>>,
}

type CachedSession = (Instant, Arc<crate::vault::Session<'static>>);

const SESSION_IDLE: Duration = Duration::from_secs(600);
const SESSION_CACHE: usize = 10_000;

impl VaultDeid {
    pub fn new(
        engine: &'static Engine,
        vault: crate::vault::Vault,
    ) -> Result<VaultDeid, crate::Error> {
        let mut policies = HashMap::new();
        for name in crate::policy::BUILTIN {
            policies.insert(name.to_string(), crate::policy::Policy::builtin(name)?);
        }
        Ok(VaultDeid {
            engine,
            vault,
            policies,
            sessions: Mutex::new(HashMap::new()),
        })
    }

    fn session(
        &self,
        id: &str,
        policy: &str,
    ) -> Result<Arc<crate::vault::Session<'static>>, DeidError> {
        let key = (id.to_string(), policy.to_string());
        let mut cache = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((t, s)) = cache.get_mut(&key) {
            *t = Instant::now();
            return Ok(s.clone());
        }
        let pol = self
            .policies
            .get(policy)
            .cloned()
            .ok_or_else(|| DeidError::Failed(format!("unknown policy {policy:?}")))?;
        let s = Arc::new(
            self.engine
                .session(&self.vault, Some(id), pol)
                .map_err(|e| DeidError::Failed(e.to_string()))?,
        );
        if cache.len() >= SESSION_CACHE {
            cache.retain(|_, (t, _)| t.elapsed() < SESSION_IDLE);
        }
        cache.insert(key, (Instant::now(), s.clone()));
        Ok(s)
    }

    /// Reveal needs only the mapping, which every policy of a session shares.
    fn any_session(&self, id: &str) -> Result<Arc<crate::vault::Session<'static>>, DeidError> {
        {
            let cache = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((_, s)) = cache.iter().find(|((i, _), _)| i == id).map(|(_, v)| v) {
                return Ok(s.clone());
            }
        }
        self.session(id, "tokens")
    }
}

struct VaultReveal(crate::StreamRevealer);

impl StreamReveal for VaultReveal {
    fn push(&mut self, chunk: &str) -> String {
        self.0.push(chunk)
    }
    fn finish(&mut self) -> String {
        self.0.finish()
    }
}

impl Deid for VaultDeid {
    fn redact(
        &self,
        session: &str,
        policy: &str,
        texts: &[String],
    ) -> Result<RedactedBatch, DeidError> {
        let s = self.session(session, policy)?;
        let mut out = RedactedBatch::default();
        for t in texts {
            let r = s.redact(t).map_err(|e| DeidError::Failed(e.to_string()))?;
            count_labels(&mut out.counts, &r.spans);
            out.texts.push(r.text);
        }
        Ok(out)
    }

    fn reveal(&self, session: &str, text: &str) -> Result<String, DeidError> {
        Ok(self.any_session(session)?.reveal(text).text)
    }

    fn stream_revealer(&self, session: &str) -> Result<Box<dyn StreamReveal>, DeidError> {
        Ok(Box::new(VaultReveal(
            self.any_session(session)?.stream_revealer(),
        )))
    }

    fn scan_output(
        &self,
        session: &str,
        text: &str,
        redact: bool,
    ) -> Result<OutputScan, DeidError> {
        let action = if redact {
            crate::vault::OutputAction::Redact
        } else {
            crate::vault::OutputAction::Flag
        };
        let s = self
            .any_session(session)?
            .scan_output(text, action)
            .map_err(|e| DeidError::Failed(e.to_string()))?;
        Ok(OutputScan {
            foreign: s.foreign.len(),
            text: s.text,
        })
    }
}

//! The gateway's one door into de-identification: redact the texts of a request under a
//! session, reveal an answer, and build a streaming revealer. Routes never call the engine or
//! the vault directly, so the policy (and the fail-closed rule) lives in one place.
//!
//! Detection is CPU work: `redact_texts` runs it on tokio's blocking pool under a time budget.
//! If detection fails or runs out of time the caller gets an error and must refuse the request:
//! nothing raw goes upstream.

use std::collections::{HashMap, HashSet};
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
    /// A new conversation id, for a request that named none: random, never derived from
    /// anything in the request.
    fn new_session_id(&self) -> String {
        new_id()
    }
}

/// `s_` + 12 hex digits of milliseconds since 1970 + 20 random hex digits (80 bits): ids made
/// later sort later, so the vault store appends new conversations at the end of its B-trees
/// instead of dirtying a page at a random place in each (measured: fewer pages per commit);
/// the random part keeps ids unguessable.
fn new_id() -> String {
    use crate::gateway::store::{hex, random};
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    format!("s_{:012x}{}", ms & 0xffff_ffff_ffff, hex(&random::<10>()))
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
/// Sessions are kept open in a bounded cache keyed by conversation id (idle ones are dropped
/// after `SESSION_IDLE`; when it is full, the least recently used quarter goes), so a
/// conversation's mapping is not reloaded from the store on every request. A dropped session
/// loses nothing: its mapping is in the store and is read back on its next request. The
/// engine is `'static` (built once per process) so cached sessions can borrow it.
pub struct VaultDeid {
    engine: &'static Engine,
    vault: crate::vault::Vault,
    policies: HashMap<String, crate::policy::Policy>,
    sessions: Mutex<HashMap<String, Conversation>>,
    /// Ids this gateway made for new conversations and has not opened yet: opening them
    /// needs no read of the store. Bounded; a forgotten id only costs that read.
    fresh: Mutex<HashSet<String>>,
}

/// Most fresh ids remembered (requests that fail before redaction leave theirs behind).
const FRESH_IDS: usize = 4096;

/// The open sessions of one conversation id: one handle per policy used with it (they share
/// one mapping).
struct Conversation {
    used: Instant,
    by_policy: Vec<(String, Arc<crate::vault::Session<'static>>)>,
}

impl Conversation {
    /// The handle for `policy`, marking the conversation used.
    fn handle(&mut self, policy: &str) -> Option<Arc<crate::vault::Session<'static>>> {
        self.used = Instant::now();
        self.by_policy
            .iter()
            .find(|(p, _)| p == policy)
            .map(|(_, s)| s.clone())
    }
}

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
            fresh: Mutex::new(HashSet::new()),
        })
    }

    fn session(
        &self,
        id: &str,
        policy: &str,
    ) -> Result<Arc<crate::vault::Session<'static>>, DeidError> {
        {
            let mut cache = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = cache.get_mut(id).and_then(|c| c.handle(policy)) {
                return Ok(s);
            }
        }
        let pol = self
            .policies
            .get(policy)
            .cloned()
            .ok_or_else(|| DeidError::Failed(format!("unknown policy {policy:?}")))?;
        // Opened outside the cache's lock: opening may read and write the store. Two requests
        // of one conversation opening at once get handles to the vault's one shared state.
        let fresh = self
            .fresh
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        let opened = if fresh {
            self.engine.new_session(&self.vault, id, pol)
        } else {
            self.engine.session(&self.vault, Some(id), pol)
        };
        let s = Arc::new(opened.map_err(|e| DeidError::Failed(e.to_string()))?);
        let mut cache = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= SESSION_CACHE && !cache.contains_key(id) {
            evict(&mut cache);
        }
        let c = cache.entry(id.to_string()).or_insert_with(|| Conversation {
            used: Instant::now(),
            by_policy: Vec::new(),
        });
        // Another request of this conversation may have opened it meanwhile.
        if let Some(cached) = c.handle(policy) {
            return Ok(cached);
        }
        c.by_policy.push((policy.to_string(), s.clone()));
        Ok(s)
    }

    /// Reveal needs only the mapping, which every policy of a session shares.
    fn any_session(&self, id: &str) -> Result<Arc<crate::vault::Session<'static>>, DeidError> {
        {
            let cache = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((_, s)) = cache.get(id).and_then(|c| c.by_policy.first()) {
                return Ok(s.clone());
            }
        }
        self.session(id, "tokens")
    }
}

/// Makes room in a full cache: idle conversations go, and if that is not enough, the least
/// recently used quarter (so a full cache pays this scan once per `SESSION_CACHE / 4` new
/// conversations, not on every one).
fn evict(cache: &mut HashMap<String, Conversation>) {
    cache.retain(|_, c| c.used.elapsed() < SESSION_IDLE);
    if cache.len() < SESSION_CACHE * 3 / 4 {
        return;
    }
    let mut times: Vec<Instant> = cache.values().map(|c| c.used).collect();
    let k = SESSION_CACHE / 4;
    let (_, &mut cutoff, _) = times.select_nth_unstable(k);
    cache.retain(|_, c| c.used > cutoff);
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
    fn new_session_id(&self) -> String {
        let id = new_id();
        let mut fresh = self.fresh.lock().unwrap_or_else(|p| p.into_inner());
        if fresh.len() >= FRESH_IDS {
            fresh.clear();
        }
        fresh.insert(id.clone());
        id
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_drops_its_least_recently_used_quarter() {
        let now = Instant::now();
        let mut cache: HashMap<String, Conversation> = (0..SESSION_CACHE)
            .map(|i| {
                let age = Duration::from_millis((SESSION_CACHE - i) as u64);
                let used = now.checked_sub(age).unwrap_or(now);
                (
                    format!("c{i}"),
                    Conversation {
                        used,
                        by_policy: Vec::new(),
                    },
                )
            })
            .collect();
        evict(&mut cache);
        assert!(cache.len() < SESSION_CACHE * 3 / 4 + 1, "{}", cache.len());
        assert!(cache.len() > SESSION_CACHE / 2, "{}", cache.len());
        // The most recent conversations stay, the oldest go.
        assert!(cache.contains_key(&format!("c{}", SESSION_CACHE - 1)));
        assert!(!cache.contains_key("c0"));
    }
}

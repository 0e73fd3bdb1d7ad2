//! The session token vault: per-session mappings between PHI values and what replaced them
//! (tokens, surrogates, shifted dates), so that text redacted under a session can be
//! re-identified later, and only under that session.
//!
//! - [`Vault`] owns a [`Store`] (in memory, or SQLite on disk) and the [`MasterKey`]. It
//!   creates, opens, lists, purges and expires sessions.
//! - [`Session`] (from [`Engine::session`](crate::Engine::session)) redacts under a
//!   [`Policy`](crate::policy::Policy) and reveals.
//! - Keys and encryption are in `crypto`; value normalisation in `normalize`; surrogates and
//!   date shifting in `surrogate` and `dateshift`.
//!
//! Guarantees:
//! - the same normalised value gets the same replacement in every call of a session, from any
//!   thread (one lock per session; numbering and persistence happen under it);
//! - tokens are numbered by first appearance (`[NAME_1]`, `[NAME_2]`...), never derived from
//!   the value (45 CFR 164.514(c)); two sessions share no key, so their tokens are unlinkable;
//! - nothing in the store is PHI in the clear: lookups are HMAC-SHA256 under a per-session
//!   key, entries are ChaCha20-Poly1305 under a per-session data key wrapped by the master key;
//! - a mapping is committed to the store before the text that uses it is returned, so a crash
//!   never leaves emitted output that the vault cannot reveal.

pub(crate) mod crypto;
mod dateshift;
mod normalize;
mod session;
mod store;
mod surrogate;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use crypto::MasterKey;
pub use normalize::normalise;
pub use session::{OutputAction, Scanned, Session};
pub use store::{
    EntryRecord, MemoryStore, PendingWrite, SessionInfo, SessionRecord, SqliteStore, Store,
};

use crate::error::{Error, ErrorKind, Result};
use crypto::RootKey;
use session::Shared;

/// A handle to a vault: cheap to clone, shared between threads.
#[derive(Clone)]
pub struct Vault {
    inner: Arc<VaultInner>,
}

struct VaultInner {
    store: Arc<dyn Store>,
    master: MasterKey,
    ttl: Mutex<Option<Duration>>,
    open: Mutex<OpenSessions>,
}

/// The sessions open in this process, one slot per id. A slot's own lock serialises opening
/// that id (two threads opening one id share one state) without holding up other ids while
/// the store works.
#[derive(Default)]
struct OpenSessions {
    slots: HashMap<String, Arc<Slot>>,
    /// Dead slots are dropped when the map reaches this size (amortised: not on every open).
    prune_at: usize,
}

#[derive(Default)]
struct Slot {
    state: Mutex<Weak<Shared>>,
}

impl Slot {
    fn lock(&self) -> std::sync::MutexGuard<'_, Weak<Shared>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl OpenSessions {
    /// The slot of `id`, created if missing.
    fn slot(&mut self, id: &str) -> Arc<Slot> {
        if let Some(s) = self.slots.get(id) {
            return s.clone();
        }
        if self.slots.len() >= self.prune_at {
            // A slot held only by this map, with no live state, can go: nobody can reach it
            // but through the map, which is locked.
            self.slots
                .retain(|_, s| Arc::strong_count(s) > 1 || s.lock().strong_count() > 0);
            self.prune_at = (self.slots.len() * 2).max(256);
        }
        let s = Arc::new(Slot::default());
        self.slots.insert(id.to_string(), s.clone());
        s
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("master", &self.inner.master)
            .field("ttl", &self.inner.ttl)
            .finish()
    }
}

impl Vault {
    /// A vault in memory (the library's default): sessions end with the process.
    pub fn in_memory(master: MasterKey) -> Vault {
        Vault::with_store(Arc::new(MemoryStore::new()), master)
    }

    /// A vault in a SQLite file at `path` (created if missing).
    pub fn open(path: &Path, master: MasterKey) -> Result<Vault> {
        Ok(Vault::with_store(
            Arc::new(SqliteStore::open(path)?),
            master,
        ))
    }

    /// A vault over any [`Store`].
    pub fn with_store(store: Arc<dyn Store>, master: MasterKey) -> Vault {
        Vault {
            inner: Arc::new(VaultInner {
                store,
                master,
                ttl: Mutex::new(None),
                open: Mutex::new(OpenSessions::default()),
            }),
        }
    }

    /// Sessions created from now on expire `ttl` after creation.
    pub fn with_ttl(self, ttl: Duration) -> Vault {
        *self.inner.ttl.lock().unwrap_or_else(|p| p.into_inner()) = Some(ttl);
        self
    }

    /// Every session, with its entry count: no values.
    pub fn list(&self) -> Result<Vec<SessionInfo>> {
        self.inner.store.list_sessions()
    }

    /// Deletes a session's key and entries (crypto-shredding). Open handles to it fail from
    /// then on. `false` if there was no such session.
    pub fn purge(&self, id: &str) -> Result<bool> {
        let slot = self.lock_open().slots.remove(id);
        if let Some(shared) = slot.and_then(|s| s.lock().upgrade()) {
            shared.mark_purged();
        }
        self.inner.store.purge_session(id)
    }

    /// Purges every expired session; returns how many.
    pub fn gc(&self) -> Result<usize> {
        let ids = self.inner.store.expired_sessions(now())?;
        for id in &ids {
            self.purge(id)?;
        }
        Ok(ids.len())
    }

    fn lock_open(&self) -> std::sync::MutexGuard<'_, OpenSessions> {
        self.inner.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens session `id` (creating it if it does not exist), or a new session with a random
    /// id. Handles to the same id in one process share one state.
    pub(crate) fn session_state(&self, id: Option<&str>) -> Result<Arc<Shared>> {
        self.open_state(id, id.is_some())
    }

    /// Starts session `id`, which the caller has just made (random, never used), without
    /// reading the store for it. Should the id exist anyway, the session's first write fails.
    pub(crate) fn new_session_state(&self, id: &str) -> Result<Arc<Shared>> {
        self.open_state(Some(id), false)
    }

    /// `id_given`: the id may exist in the store, so read it first.
    fn open_state(&self, id: Option<&str>, id_given: bool) -> Result<Arc<Shared>> {
        let id = match id {
            Some(id) => {
                check_id(id)?;
                id.to_string()
            }
            None => {
                let mut b = [0u8; 16];
                crypto::fill_random(&mut b)?;
                crypto::hex(&b)
            }
        };
        let slot = self.lock_open().slot(&id);
        let mut state = slot.lock();
        if let Some(s) = state.upgrade() {
            s.check_live()?;
            return Ok(s);
        }
        let store = &self.inner.store;
        // An id just made at random is new; any other is read first. A new session's record
        // is written without waiting: the store commits it before (or with) the session's
        // first entries, and `persist` checks its outcome before any output that uses them
        // leaves.
        let existing = if id_given {
            store.get_session(&id)?
        } else {
            None
        };
        let (rec, root, entries, created) = match existing {
            None => {
                let root = RootKey::generate()?;
                let created_at = now();
                let ttl = *self.inner.ttl.lock().unwrap_or_else(|p| p.into_inner());
                let rec = SessionRecord {
                    id: id.clone(),
                    created_at,
                    expires_at: ttl.map(|t| created_at + t.as_secs().max(1)),
                    master_key_id: self.inner.master.id(),
                    wrapped_key: self.inner.master.wrap(&root, &id)?,
                };
                let created = store.begin_create_session(&rec);
                (rec, root, Vec::new(), Some(created))
            }
            Some(rec) => {
                if rec.expires_at.is_some_and(|t| t <= now()) {
                    return Err(Error::new(ErrorKind::SessionExpired { id }));
                }
                if rec.master_key_id != self.inner.master.id() {
                    return Err(Error::new(ErrorKind::MasterKey {
                        reason: format!(
                            "session `{id}` was created under master key {}, but the key given is {}",
                            rec.master_key_id,
                            self.inner.master.id()
                        ),
                    }));
                }
                let root = self.inner.master.unwrap_key(&rec.wrapped_key, &id)?;
                let entries = store.entries(&id)?;
                (rec, root, entries, None)
            }
        };
        let shared = Arc::new(Shared::load(
            id,
            rec.expires_at,
            root.derive(),
            store.clone(),
            entries,
            created,
        )?);
        *state = Arc::downgrade(&shared);
        Ok(shared)
    }

    /// A streaming revealer for an existing session, without an [`Engine`](crate::Engine)
    /// (re-identification needs no detection).
    pub fn stream_revealer(&self, id: &str) -> Result<crate::StreamRevealer> {
        if !self.exists(id)? {
            return Err(Error::new(ErrorKind::SessionNotFound {
                id: id.to_string(),
            }));
        }
        Ok(session::revealer_of(self.session_state(Some(id))?))
    }

    /// Whether a session exists (without opening it).
    pub fn exists(&self, id: &str) -> Result<bool> {
        Ok(self.inner.store.get_session(id)?.is_some())
    }
}

/// Session ids: 1 to 128 characters of `A-Z a-z 0-9 _ . -` (they appear in file names, headers
/// and logs, so they must never be PHI; the caller chooses them).
fn check_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::config(
            "session",
            "a session id is 1 to 128 characters of letters, digits, `_`, `.` or `-`",
        ))
    }
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

//! A session: redaction under a policy with its mappings kept in the vault, re-identification
//! and the output filter.
//!
//! The decrypted state of an open session (`State`) lives in memory behind one mutex shared by
//! every handle to the session in the process; each `redact` call assigns replacements and
//! commits the new entries to the store under that lock, so numbering is consistent across
//! threads and a mapping is durable before the text using it is returned.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use compact_str::CompactString;
use foldhash::{HashMap, HashSet as FastSet};

use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde::{Deserialize, Serialize};

use super::crypto::{NONCE_LEN, SessionKeys, fill_random};
use super::normalize::{name_parts, normalise, normalise_into, parts_of_key};
use super::store::{EntryRecord, PendingWrite, Store};
use super::{dateshift, now, surrogate};
use crate::engine::{Engine, Redacted};
use crate::error::{Error, ErrorKind, Result};
use crate::policy::{Operator, Policy};
use crate::reveal::{self, Literals, Revealed, StreamRevealer, Table, TableSource};
use crate::span::{Label, Span};

/// How a replacement was made (stored with the entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
enum Kind {
    Token,
    Surrogate,
    DateShift,
}

impl Kind {
    /// The kind's part of a lookup's domain (`NAME` + `/t`).
    fn tag(self) -> &'static str {
        match self {
            Kind::Token => "/t",
            Kind::Surrogate => "/s",
            Kind::DateShift => "/d",
        }
    }
}

/// One mapping, decrypted. Its `Debug` leaves out the value and the replacement (a fake is
/// PHI-shaped and would link to the value).
#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    label: Label,
    kind: Kind,
    /// The original text as it appeared.
    value: String,
    /// What replaced it.
    replacement: String,
    /// Token number (tokens only).
    n: u32,
    /// For a linked name (`Smith` after `John Smith`): the entry of the full name.
    alias_of: Option<u32>,
    #[serde(skip)]
    lookup: [u8; 32],
}

#[derive(Default)]
struct State {
    entries: Vec<Entry>,
    by_lookup: HashMap<[u8; 32], usize>,
    /// `tokens[label][n - 1]`: the entry of token `LABEL_n` (`usize::MAX` if none).
    tokens: Vec<Vec<usize>>,
    counters: HashMap<Label, u32>,
    /// Every fake emitted (to keep fakes unique); tokens are known by their syntax.
    replacements: FastSet<String>,
    /// Normalised original values per label (a fake must never equal one). Built on first
    /// need (`ensure_originals`): a session of tokens only never needs it.
    originals: Option<FastSet<(Label, String)>>,
    /// Full names (two parts or more): entry index and normalised key.
    persons: Vec<Person>,
    /// First and last name parts → indices into `persons`.
    person_parts: HashMap<CompactString, Vec<usize>>,
    /// (label, kind, normalised value) → entry: spares the HMAC for values seen in this
    /// process (the state holds the decrypted values anyway).
    /// Keyed by [`norm_key`]: label, kind and normalised value in one string, so a lookup
    /// builds its key in `key_buf` and allocates nothing.
    /// The value is what `replace` needs ([`Hit`]), so a value seen before costs no visit to
    /// `entries`; keys of up to 24 bytes (most) are stored in the table itself, so a probe
    /// touches no other memory.
    by_norm: HashMap<CompactString, Hit>,
    key_buf: String,
    literals: Option<Literals>,
    literals_stale: bool,
}

impl State {
    fn from_entries(entries: Vec<Entry>) -> State {
        let mut st = State::default();
        if entries.is_empty() {
            // A new session: room for a note's worth of values without rehashing.
            st.entries.reserve(32);
            st.by_norm.reserve(32);
        }
        for e in entries {
            let norm = normalise(e.label, &e.value);
            st.by_lookup.insert(e.lookup, st.entries.len());
            st.index(e, &norm);
        }
        st
    }

    /// Caches entry `i` under the cache key `key` (built by [`norm_key`] in the buffer taken
    /// from `key_buf`, which gets it back) and returns its [`Hit`].
    fn cache(&mut self, key: String, i: usize) -> Hit {
        let hit = Hit::of(&self.entries, i);
        self.by_norm.insert(CompactString::from(key.as_str()), hit);
        self.key_buf = key;
        hit
    }

    fn ensure_originals(&mut self) {
        if self.originals.is_none() {
            self.originals = Some(
                self.entries
                    .iter()
                    .map(|e| (e.label, normalise(e.label, &e.value)))
                    .collect(),
            );
        }
    }

    /// Whether `(label, norm)` is an original value of the session; `ensure_originals` must
    /// have run.
    fn is_original(&self, label: Label, norm: String) -> bool {
        self.originals
            .as_ref()
            .is_some_and(|o| o.contains(&(label, norm)))
    }

    /// Adds an entry; `norm` is `normalise(e.label, &e.value)`. Every index but the
    /// lookup-hash one: entries made in this process are found by `by_norm`, and only
    /// entries read from the store need `by_lookup`.
    fn index(&mut self, e: Entry, norm: &str) {
        let i = self.entries.len();
        if e.kind == Kind::Token && e.alias_of.is_none() {
            if self.tokens.is_empty() {
                self.tokens = vec![Vec::new(); Label::ALL.len()];
            }
            let v = &mut self.tokens[e.label as usize];
            let k = e.n.saturating_sub(1) as usize;
            if v.len() <= k {
                v.resize(k + 1, usize::MAX);
            }
            v[k] = i;
            let c = self.counters.entry(e.label).or_insert(0);
            *c = (*c).max(e.n);
        }
        if e.kind != Kind::Token {
            self.literals_stale = true;
        }
        // Tokens are recognised by their syntax (`is_token_of`); only fakes need the set.
        if e.kind != Kind::Token {
            self.replacements.insert(e.replacement.clone());
        }
        if e.label == Label::Name && e.alias_of.is_none() {
            let mut parts = parts_of_key(norm);
            if let (Some(first), Some(last)) = (parts.next(), parts.next_back()) {
                let k = self.persons.len();
                for p in [first, last] {
                    let v = self.person_parts.entry(CompactString::from(p)).or_default();
                    if !v.contains(&k) {
                        v.push(k);
                    }
                }
                self.persons.push(Person {
                    entry: i,
                    key: CompactString::from(norm),
                });
            }
        }
        if let Some(o) = &mut self.originals {
            o.insert((e.label, norm.to_string()));
        }
        self.entries.push(e);
    }

    fn ensure_literals(&mut self) {
        if !self.literals_stale {
            return;
        }
        let pairs = self
            .entries
            .iter()
            .filter(|e| e.kind != Kind::Token && !e.replacement.is_empty())
            .map(|e| (e.replacement.clone(), e.value.clone()))
            .collect();
        self.literals = Literals::build(pairs);
        self.literals_stale = false;
    }
}

impl Table for State {
    fn token(&self, label: Label, n: u32) -> Option<&str> {
        let i = *self
            .tokens
            .get(label as usize)?
            .get(n.checked_sub(1)? as usize)?;
        self.entries.get(i).map(|e| e.value.as_str())
    }

    fn literals(&self) -> Option<&Literals> {
        self.literals.as_ref()
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("label", &self.label)
            .field("kind", &self.kind)
            .field("n", &self.n)
            .field("alias_of", &self.alias_of)
            .finish_non_exhaustive()
    }
}

/// What a cached value is replaced with. Eight bytes, so that a `by_norm` bucket (key and
/// hit) is 32 bytes and never straddles two cache lines.
#[derive(Debug, Clone, Copy)]
enum Hit {
    /// The token `[LABEL_n]` (its label is the label looked up: the cache key holds it).
    Token(u32),
    /// The fake `entries[i].replacement`.
    Fake(u32),
}

impl Hit {
    fn of(entries: &[Entry], i: usize) -> Hit {
        match entries[i].kind {
            Kind::Token => Hit::Token(entries[i].n),
            // Out of range (never: `alias_of` numbers entries in a u32 too), the lookup in
            // `replace` fails rather than emit another entry's fake.
            _ => Hit::Fake(u32::try_from(i).unwrap_or(u32::MAX)),
        }
    }
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<(CompactString, Hit)>() == 32);

/// A full name of the session (two parts or more).
struct Person {
    /// Its entry.
    entry: usize,
    /// Its normalised form: the parts, given name first, joined by spaces.
    key: CompactString,
}

/// The shared, decrypted state of one open session.
pub(crate) struct Shared {
    id: String,
    expires_at: Option<u64>,
    keys: SessionKeys,
    store: Arc<dyn Store>,
    state: Mutex<State>,
    purged: AtomicBool,
    /// The store's creation of this session, until its outcome has been checked (see
    /// [`Store::begin_create_session`]).
    created: Mutex<Option<PendingWrite>>,
}

#[derive(Serialize, Deserialize)]
struct SealedEntry<'a> {
    #[serde(borrow)]
    v: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    r: std::borrow::Cow<'a, str>,
    l: Label,
    k: Kind,
    n: u32,
    a: Option<u32>,
    h: [u8; 32],
}

impl Shared {
    pub(crate) fn load(
        id: String,
        expires_at: Option<u64>,
        keys: SessionKeys,
        store: Arc<dyn Store>,
        records: Vec<EntryRecord>,
        created: Option<PendingWrite>,
    ) -> Result<Shared> {
        let missing = || Error::vault("reading entries", "a sequence number is missing");
        let malformed = || Error::vault("reading entries", "malformed entry");
        let mut entries = Vec::with_capacity(records.len());
        let mut i = 0;
        while i < records.len() {
            let rec = &records[i];
            if rec.seq != i as u64 {
                return Err(missing());
            }
            // A record sealed alone, or the first of a batch sealed together (the others
            // of the batch carry their lookup hash and an empty `sealed`).
            if rec.sealed.is_empty() {
                return Err(malformed());
            }
            let plain = keys.open(&rec.sealed, aad(&id, rec.seq).as_bytes())?;
            let batch = decode_entries(&plain).ok_or_else(malformed)?;
            for (k, e) in batch.into_iter().enumerate() {
                let r = records.get(i + k).ok_or_else(missing)?;
                if r.seq != (i + k) as u64 {
                    return Err(missing());
                }
                if k > 0 && !r.sealed.is_empty() {
                    return Err(malformed());
                }
                if e.lookup != r.lookup {
                    return Err(Error::vault("reading entries", "lookup hash mismatch"));
                }
                entries.push(e);
            }
            i = entries.len();
        }
        Ok(Shared {
            id,
            expires_at,
            keys,
            store,
            state: Mutex::new(State::from_entries(entries)),
            purged: AtomicBool::new(false),
            created: Mutex::new(created),
        })
    }

    pub(crate) fn mark_purged(&self) {
        self.purged.store(true, Ordering::SeqCst);
    }

    pub(crate) fn check_live(&self) -> Result<()> {
        if self.purged.load(Ordering::SeqCst) {
            return Err(Error::new(ErrorKind::SessionNotFound {
                id: self.id.clone(),
            }));
        }
        if self.expires_at.is_some_and(|t| t <= now()) {
            return Err(Error::new(ErrorKind::SessionExpired {
                id: self.id.clone(),
            }));
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Seals `entries[from..]` as one AEAD record (associated data `id/from`; one entry alone
    /// in its own layout, several as a batch) and stores one row per entry in one
    /// transaction: the first row holds the sealed record, each row its lookup hash.
    fn persist(&self, st: &State, from: usize) -> Result<()> {
        if from == st.entries.len() {
            return Ok(());
        }
        let new = &st.entries[from..];
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        let mut plain = Vec::new();
        if let [one] = new {
            encode_entry(one, &mut plain);
        } else {
            encode_batch(new, &mut plain);
        }
        let sealed =
            self.keys
                .seal_with_nonce(&nonce, &plain, aad(&self.id, from as u64).as_bytes())?;
        let mut sealed = Some(sealed);
        let recs = new
            .iter()
            .enumerate()
            .map(|(k, e)| EntryRecord {
                seq: (from + k) as u64,
                lookup: e.lookup,
                sealed: sealed.take().unwrap_or_default(),
            })
            .collect();
        let appended = self.store.append_entries(&self.id, recs);
        // The session's record was queued before these entries, so it is settled by now.
        let created = self
            .created
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(c) = created {
            c.wait()?;
        }
        appended
    }

    fn date_offset(&self, policy: &Policy) -> i32 {
        let (lo, hi) = policy.date_shift_range();
        let secret = self.keys.derive_secret(b"date-shift");
        let mut b = [0u8; 8];
        b.copy_from_slice(&secret[..8]);
        let span = (hi as i64 - lo as i64 + 1).max(1) as u64;
        let off = lo as i64 + (u64::from_le_bytes(b) % span) as i64;
        match off {
            0 if hi >= 1 => 1,
            0 => -1,
            o => o as i32,
        }
    }
}

/// A character that would make a fake next to it part of a word (reveal matches whole words).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || !c.is_ascii()
}

/// Writes the cache key of a value into `key` (cleared first): label, kind tag, a NUL (no
/// normalised value holds one), then the normalised value, which starts at the returned offset.
fn norm_key(label: Label, kind: Kind, value: &str, key: &mut String) -> usize {
    key.clear();
    key.push(char::from(label as u8));
    key.push_str(kind.tag());
    key.push('\0');
    let at = key.len();
    normalise_into(label, value, key);
    at
}

/// The associated data of entry `seq` of session `id`: `id/seq`.
fn aad(id: &str, seq: u64) -> String {
    let mut s = String::with_capacity(id.len() + 8);
    push_aad(&mut s, id, seq);
    s
}

fn push_aad(out: &mut String, id: &str, seq: u64) {
    out.push_str(id);
    out.push('/');
    push_decimal(out, seq);
}

/// Appends `n` in decimal (what `format!("{n}")` writes, without the formatting machinery:
/// it runs once or twice per new value).
fn push_decimal(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// `[LABEL_n]`, the token of the `n`th value of `label` in a session.
fn token_text(label: Label, n: u32) -> String {
    let mut s = String::with_capacity(label.as_str().len() + 13);
    push_token(&mut s, label, n);
    s
}

/// Appends `[LABEL_n]` to `out`.
fn push_token(out: &mut String, label: Label, n: u32) {
    out.push('[');
    out.push_str(label.as_str());
    out.push('_');
    push_decimal(out, u64::from(n));
    out.push(']');
}

/// First byte of an entry's plaintext in the binary layout; entries written before it are
/// JSON objects (first byte `{`) and are still read.
const ENTRY_V1: u8 = 1;

/// Binary plaintext of an entry: `1`, label index, kind, `n` (u32 LE), alias flag and index
/// (u32 LE), lookup (32 bytes), value length (u32 LE), value, replacement. About a third of
/// the JSON form's size, so sealing it costs less.
fn encode_entry(e: &Entry, out: &mut Vec<u8>) {
    let label = Label::ALL.iter().position(|&l| l == e.label).unwrap_or(0) as u8;
    let kind = match e.kind {
        Kind::Token => 0u8,
        Kind::Surrogate => 1,
        Kind::DateShift => 2,
    };
    out.reserve(47 + e.value.len() + e.replacement.len());
    out.extend_from_slice(&[ENTRY_V1, label, kind]);
    out.extend_from_slice(&e.n.to_le_bytes());
    out.push(u8::from(e.alias_of.is_some()));
    out.extend_from_slice(&e.alias_of.unwrap_or(0).to_le_bytes());
    out.extend_from_slice(&e.lookup);
    out.extend_from_slice(&(e.value.len() as u32).to_le_bytes());
    out.extend_from_slice(e.value.as_bytes());
    out.extend_from_slice(e.replacement.as_bytes());
}

/// First byte of a batch's plaintext: `2`, the entry count (u32 LE), then per entry its
/// length (u32 LE) and its binary layout.
const ENTRY_BATCH: u8 = 2;

fn encode_batch(entries: &[Entry], out: &mut Vec<u8>) {
    out.push(ENTRY_BATCH);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in entries {
        let at = out.len();
        out.extend_from_slice(&[0; 4]);
        encode_entry(e, out);
        let len = (out.len() - at - 4) as u32;
        out[at..at + 4].copy_from_slice(&len.to_le_bytes());
    }
}

/// The entries of a sealed record: one (binary or JSON layout) or a batch.
fn decode_entries(plain: &[u8]) -> Option<Vec<Entry>> {
    let Some((&ENTRY_BATCH, rest)) = plain.split_first() else {
        return decode_entry(plain).map(|e| vec![e]);
    };
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    if count == 0 {
        return None;
    }
    let mut out = Vec::with_capacity(count.min(rest.len() / 47 + 1));
    for _ in 0..count {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        if tail.len() < len {
            return None;
        }
        let (one, tail) = tail.split_at(len);
        if one.first() != Some(&ENTRY_V1) {
            return None;
        }
        out.push(decode_entry(one)?);
        rest = tail;
    }
    rest.is_empty().then_some(out)
}

/// Reads either layout of an entry's plaintext; `None` when it is malformed.
fn decode_entry(plain: &[u8]) -> Option<Entry> {
    if plain.first() == Some(&b'{') {
        let s: SealedEntry<'_> = serde_json::from_slice(plain).ok()?;
        return Some(Entry {
            label: s.l,
            kind: s.k,
            value: s.v.into_owned(),
            replacement: s.r.into_owned(),
            n: s.n,
            alias_of: s.a,
            lookup: s.h,
        });
    }
    let (&[ENTRY_V1, label, kind], rest) = plain.split_first_chunk::<3>()? else {
        return None;
    };
    let label = *Label::ALL.get(label as usize)?;
    let kind = match kind {
        0 => Kind::Token,
        1 => Kind::Surrogate,
        2 => Kind::DateShift,
        _ => return None,
    };
    let (n, rest) = rest.split_first_chunk::<4>()?;
    let (&[has_alias], rest) = rest.split_first_chunk::<1>()?;
    let (alias, rest) = rest.split_first_chunk::<4>()?;
    let (lookup, rest) = rest.split_first_chunk::<32>()?;
    let (vlen, rest) = rest.split_first_chunk::<4>()?;
    let vlen = u32::from_le_bytes(*vlen) as usize;
    if rest.len() < vlen {
        return None;
    }
    let (value, replacement) = rest.split_at(vlen);
    Some(Entry {
        label,
        kind,
        value: String::from_utf8(value.to_vec()).ok()?,
        replacement: String::from_utf8(replacement.to_vec()).ok()?,
        n: u32::from_le_bytes(*n),
        alias_of: match has_alias {
            0 => None,
            1 => Some(u32::from_le_bytes(*alias)),
            _ => return None,
        },
        lookup: *lookup,
    })
}

/// What [`Session::scan_output`] does with PHI that did not come from the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputAction {
    /// Replace it with `[LABEL]`.
    Redact,
    /// Leave the text as is and report the spans.
    Flag,
    /// Return an error ([`ErrorKind::ForeignPhi`]).
    Fail,
}

/// The result of [`Session::scan_output`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scanned {
    pub text: String,
    /// Spans (offsets into the scanned text) of PHI the session never saw.
    pub foreign: Vec<Span>,
}

/// Redaction and re-identification under one vault session. Obtain one with
/// [`Engine::session`]; handles to the same session id share their mappings.
///
/// ```
/// use phiscrub::{Engine, EngineConfig};
/// use phiscrub::policy::Policy;
/// use phiscrub::vault::{MasterKey, Vault};
///
/// let engine = Engine::new(EngineConfig::default())?;
/// let vault = Vault::in_memory(MasterKey::generate()?);
/// let session = engine.session(&vault, None, Policy::builtin("tokens")?)?;
///
/// // Before the LLM call: redact the prompt.
/// let prompt = session.redact("Summarise: Dr. Alvarez saw John Smith on 3/14/2023.")?;
/// assert_eq!(prompt.text, "Summarise: Dr. [NAME_1] saw [NAME_2] on [DATE_1].");
///
/// // The model answers with the tokens; put the values back.
/// let answer = "[NAME_2] was seen by Dr. [NAME_1] on [DATE_1].";
/// let revealed = session.reveal(answer);
/// assert_eq!(revealed.text, "John Smith was seen by Dr. Alvarez on 3/14/2023.");
///
/// // The same, while the answer streams in.
/// let mut r = session.stream_revealer();
/// let mut out = String::new();
/// for chunk in ["[NAM", "E_2] was seen on [DA", "TE_1]."] {
///     out.push_str(&r.push(chunk));
/// }
/// out.push_str(&r.finish());
/// assert_eq!(out, "John Smith was seen on 3/14/2023.");
/// # Ok::<(), phiscrub::Error>(())
/// ```
pub struct Session<'e> {
    engine: &'e Engine,
    shared: Arc<Shared>,
    policy: Policy,
}

impl std::fmt::Debug for Session<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.shared.id)
            .field("policy", &self.policy.name())
            .finish()
    }
}

impl<'e> Session<'e> {
    pub(crate) fn new(engine: &'e Engine, shared: Arc<Shared>, policy: Policy) -> Session<'e> {
        Session {
            engine,
            shared,
            policy,
        }
    }

    /// The session id (give it back to [`Engine::session`] to continue the session).
    pub fn id(&self) -> &str {
        &self.shared.id
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Detects and replaces PHI in `text` under the session's policy. New mappings are
    /// committed to the vault before this returns; on any error nothing is returned and the
    /// session is unchanged.
    pub fn redact(&self, text: &str) -> Result<Redacted> {
        let spans = self.engine.try_detect(text)?;
        self.redact_spans(text, spans)
    }

    /// As [`redact`](Session::redact), with spans already detected (sorted, disjoint, offsets
    /// into `text`).
    pub fn redact_spans(&self, text: &str, spans: Vec<Span>) -> Result<Redacted> {
        self.shared.check_live()?;
        let mut st = self.shared.lock();
        let mark = st.entries.len();
        let mut out = String::with_capacity(text.len() + spans.len() * 4);
        let mut pos = 0;
        let result = (|| -> Result<()> {
            for s in &spans {
                if s.start < pos || s.end > text.len() || s.start > s.end {
                    continue;
                }
                let value = &text[s.start..s.end];
                let glued = text[..s.start]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
                    || text[s.end..].chars().next().is_some_and(is_word_char);
                out.push_str(&text[pos..s.start]);
                self.replace(&mut st, s.label, value, text, glued, &mut out)?;
                pos = s.end;
            }
            out.push_str(&text[pos..]);
            self.shared.persist(&st, mark)
        })();
        if let Err(e) = result {
            // Roll the in-memory state back to what the store holds.
            let mut entries = std::mem::take(&mut st.entries);
            entries.truncate(mark);
            *st = State::from_entries(entries);
            return Err(e);
        }
        Ok(Redacted { text: out, spans })
    }

    /// Restores every value this session replaced (see [`crate::reveal`]).
    pub fn reveal(&self, text: &str) -> Revealed {
        let mut st = self.shared.lock();
        st.ensure_literals();
        reveal::reveal_all(&*st, text)
    }

    /// A revealer for text that arrives in pieces; it sees mappings added later too.
    pub fn stream_revealer(&self) -> StreamRevealer {
        StreamRevealer::new(Box::new(SharedSource(self.shared.clone())))
    }

    /// Scans an LLM's answer for PHI that did not come from this session (another patient's
    /// name the model produced, say) and applies `action` to it. Values the session redacted,
    /// its tokens and its fakes are not reported.
    pub fn scan_output(&self, text: &str, action: OutputAction) -> Result<Scanned> {
        let spans = self.engine.try_detect(text)?;
        let foreign: Vec<Span> = {
            let mut st = self.shared.lock();
            st.ensure_originals();
            spans
                .into_iter()
                .filter(|s| !known(&st, s.label, &text[s.start..s.end]))
                .collect()
        };
        match action {
            OutputAction::Flag => Ok(Scanned {
                text: text.to_string(),
                foreign,
            }),
            OutputAction::Redact => Ok(Scanned {
                text: crate::engine::apply_tags(text, &foreign),
                foreign,
            }),
            OutputAction::Fail if foreign.is_empty() => Ok(Scanned {
                text: text.to_string(),
                foreign,
            }),
            OutputAction::Fail => Err(Error::new(ErrorKind::ForeignPhi {
                count: foreign.len(),
            })),
        }
    }

    /// Appends the replacement for one value under the policy to `out`.
    fn replace(
        &self,
        st: &mut State,
        label: Label,
        value: &str,
        text: &str,
        glued: bool,
        out: &mut String,
    ) -> Result<()> {
        let op = self.policy.operator(label);
        if let Some(r) = stateless(op, label, value) {
            out.push_str(&r);
            return Ok(());
        }
        let kind = match op {
            Operator::Keep
            | Operator::Remove
            | Operator::Tag
            | Operator::Mask
            | Operator::Zip3
            | Operator::Age90
            | Operator::Generalize => unreachable!("handled by `stateless`"),
            Operator::Token => Kind::Token,
            Operator::Surrogate => Kind::Surrogate,
            Operator::DateShift => {
                if label != Label::Date {
                    Kind::Token
                } else if is_year_only(value) {
                    out.push_str(value);
                    return Ok(());
                } else if dateshift::shift_date(value, 0).is_some() {
                    Kind::DateShift
                } else {
                    Kind::Token
                }
            }
        };
        let mut hit = self.mapped(st, label, value, kind, text, glued);
        if glued && matches!(hit, Hit::Fake(_)) {
            // The value already has a fake, but here it is glued to a word (`6/20/2024é`),
            // where reveal would not find the fake: this occurrence gets a token.
            hit = self.mapped(st, label, value, Kind::Token, text, glued);
        }
        match hit {
            Hit::Token(n) => push_token(out, label, n),
            Hit::Fake(i) => {
                let e = st.entries.get(i as usize).ok_or_else(|| {
                    Error::vault("replacing a value", "the cached entry is missing")
                })?;
                out.push_str(&e.replacement);
            }
        }
        Ok(())
    }

    /// Looks up or creates the session's replacement for a value. `text` is the text being
    /// redacted: a new fake never occurs in it (it would be revealed by mistake).
    fn mapped(
        &self,
        st: &mut State,
        label: Label,
        value: &str,
        kind: Kind,
        text: &str,
        glued: bool,
    ) -> Hit {
        let mut key = std::mem::take(&mut st.key_buf);
        let at = norm_key(label, kind, value, &mut key);
        if let Some(&hit) = st.by_norm.get(key.as_str()) {
            st.key_buf = key;
            return hit;
        }
        // The domain `LABEL/kind` (`NAME/t`) keeps lookups of labels and kinds apart.
        let lookup = self
            .shared
            .keys
            .lookup(&[label.as_str(), kind.tag()], &key[at..]);
        // Entries read from the store are found by their lookup hash (`by_norm` is keyed by
        // the kind asked for, which an entry does not record).
        if let Some(&i) = st.by_lookup.get(&lookup) {
            return st.cache(key, i);
        }
        // `Smith` after `John Smith`: the same person when exactly one full name matches.
        let mut alias_of = None;
        if label == Label::Name && self.policy.link_names() {
            // A single part: the normalised form has no space.
            let p = &key[at..];
            if !p.is_empty() && !p.contains(' ') {
                let candidates = st.person_parts.get(p).map_or(&[][..], |v| v.as_slice());
                let mut hits = candidates
                    .iter()
                    .map(|&k| &st.persons[k])
                    .filter(|person| st.entries[person.entry].kind == kind);
                if let (Some(person), None) = (hits.next(), hits.next()) {
                    alias_of = Some((
                        person.entry,
                        parts_of_key(&person.key).next_back() == Some(p),
                    ));
                }
            }
        }
        // A fake (surrogate or shifted date) must be revealable without error: distinctive
        // enough not to occur as ordinary text, new to the session and absent from this text,
        // and not glued to a word (reveal matches whole words). Otherwise: a token.
        let mut kind = if glued { Kind::Token } else { kind };
        if kind != Kind::Token {
            st.ensure_originals();
        }
        let mut fake = None;
        match kind {
            Kind::DateShift => {
                let days = self.shared.date_offset(&self.policy);
                fake = dateshift::shift_date(value, days)
                    .filter(|f| acceptable_fake(st, label, value, f, text));
            }
            Kind::Surrogate => {
                if let Some((i, last)) = alias_of {
                    let part = name_part(&st.entries[i].replacement, last);
                    fake = part.filter(|f| acceptable_fake(st, label, value, f, text));
                }
                if fake.is_none() {
                    fake = self.fresh_surrogate(st, label, value, text);
                }
            }
            Kind::Token => {}
        }
        if fake.is_none() {
            // A token (asked for, or instead of a fake) shares its number only with a person
            // who has a token: a fake's entry has none.
            kind = Kind::Token;
            alias_of = alias_of.filter(|&(i, _)| st.entries[i].kind == Kind::Token);
        }
        let (replacement, n) = match (fake, alias_of) {
            (Some(f), _) => (f, 0),
            // A token is written from its label and number (`push_token`): its entry keeps
            // no copy (entries written before this kept one; it is the same text).
            (None, Some((i, _))) => (String::new(), st.entries[i].n),
            (None, None) => {
                let c = st.counters.entry(label).or_insert(0);
                *c += 1;
                (String::new(), *c)
            }
        };
        let i = st.entries.len();
        st.index(
            Entry {
                label,
                kind,
                value: value.to_string(),
                replacement,
                n,
                alias_of: alias_of.map(|(i, _)| i as u32),
                lookup,
            },
            &key[at..],
        );
        st.cache(key, i)
    }

    /// A fake not yet used in the session and not equal to any real value of it (see
    /// [`acceptable_fake`]); `None` when this shape has too few distinct fakes. Seeded from the
    /// session secret and the entry's position, never from the value.
    fn fresh_surrogate(&self, st: &State, label: Label, value: &str, text: &str) -> Option<String> {
        let mut seed_input = b"surrogate/".to_vec();
        seed_input.extend_from_slice(&(st.entries.len() as u64).to_le_bytes());
        let seed = self.shared.keys.derive_secret(&seed_input);
        let mut rng = ChaCha20Rng::from_seed(seed);
        let tries = if distinctive(value) { 64 } else { 8 };
        (0..tries)
            .map(|attempt| surrogate::surrogate(label, value, &mut rng, attempt))
            .find(|f| acceptable_fake(st, label, value, f, text))
    }
}

/// The surname (`last`) or given name of a fake full name, whether it reads `Given Surname`
/// or `SURNAME, GIVEN`.
fn name_part(fake: &str, last: bool) -> Option<String> {
    let (surname, given) = match fake.split_once(',') {
        Some((l, f)) => (
            l.split_whitespace().next_back(),
            f.split_whitespace().next(),
        ),
        None => (
            fake.split_whitespace().next_back(),
            fake.split_whitespace().next(),
        ),
    };
    if last { surname } else { given }.map(str::to_string)
}

/// Whether a fake can be emitted: reveal restores exact, whole-word occurrences of fakes, so a
/// fake must be distinctive (see [`distinctive`]: `93`, `5/15` or `02139` also occur as vitals,
/// doses and scores), new to the session, absent from the text being redacted, and never equal
/// to a real value.
fn acceptable_fake(st: &State, label: Label, value: &str, fake: &str, text: &str) -> bool {
    !fake.is_empty()
        && fake != value
        && distinctive(fake)
        && !st.replacements.contains(fake)
        && !text.contains(fake)
        && !st.is_original(label, normalise(label, fake))
}

/// A single word is never distinctive enough (any surname or city may be an eponym or a
/// word of some note: `Morse score`, `Wells score`); a fake needs two words, or six letters and
/// digits with a digit among them, and must not be made only of English words.
fn distinctive(s: &str) -> bool {
    let alnum = s.chars().filter(|c| c.is_alphanumeric()).count();
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let words = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    let shape_ok = if has_digit { alnum >= 6 } else { words >= 2 };
    shape_ok && !is_common_words(s)
}

const ENGLISH_WORDS: &str = include_str!("../../dictionaries/english_words.txt");

/// Whether every word of `s` is an English word (`Stone`, `Wells`, `Hope`, `Park`): such a fake
/// would be "revealed" wherever the word occurs in ordinary text.
fn is_common_words(s: &str) -> bool {
    static COMMON: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| ENGLISH_WORDS.lines().map(str::trim).collect());
    let mut words = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| COMMON.contains(w.to_lowercase().as_str()))
}

/// Whether the session already knows `value` (an original, a fake or a token of it).
fn known(st: &State, label: Label, value: &str) -> bool {
    if st.replacements.contains(value) || is_token_of(st, value) {
        return true;
    }
    let norm = normalise(label, value);
    if Label::ALL
        .iter()
        .any(|&l| st.is_original(l, normalise(l, value)))
        || st.is_original(label, norm)
    {
        return true;
    }
    if label == Label::Name {
        let parts = name_parts(value);
        return !parts.is_empty()
            && st.persons.iter().any(|person| {
                parts
                    .iter()
                    .all(|p| parts_of_key(&person.key).any(|q| q == p.as_str()))
            });
    }
    false
}

/// Whether `value` is exactly `[LABEL_n]` (as `token_text` writes it), a token this session
/// issued.
fn is_token_of(st: &State, value: &str) -> bool {
    let Some((label, n)) = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .and_then(|v| v.rsplit_once('_'))
    else {
        return false;
    };
    match (Label::parse(label), n.parse::<u32>()) {
        (Some(l), Ok(n)) => st.token(l, n).is_some() && token_text(l, n) == value,
        _ => false,
    }
}

/// A streaming revealer over a session's shared state.
pub(crate) fn revealer_of(shared: Arc<Shared>) -> StreamRevealer {
    StreamRevealer::new(Box::new(SharedSource(shared)))
}

struct SharedSource(Arc<Shared>);

impl TableSource for SharedSource {
    fn with_table(&self, f: &mut dyn FnMut(&dyn Table)) {
        let mut st = self.0.lock();
        st.ensure_literals();
        f(&*st)
    }
}

/// The replacement under an operator that needs no session; `None` for the others.
fn stateless(op: Operator, label: Label, value: &str) -> Option<String> {
    Some(match op {
        Operator::Keep => value.to_string(),
        Operator::Remove => String::new(),
        Operator::Tag => format!("[{}]", label.as_str()),
        Operator::Mask => value
            .chars()
            .map(|c| if c.is_alphanumeric() { '*' } else { c })
            .collect(),
        Operator::Zip3 => zip3(value),
        Operator::Age90 => age90(value),
        Operator::Generalize => generalize(label, value),
        Operator::Token | Operator::Surrogate | Operator::DateShift => return None,
    })
}

const STATES: &str = include_str!("../../dictionaries/us_states.txt");
const COUNTRIES: &str = include_str!("../../dictionaries/countries.txt");

/// Keeps what Safe Harbor allows (state and country names, recent years alone); tags the rest.
fn generalize(label: Label, value: &str) -> String {
    let v = value.trim().trim_end_matches('.');
    let keep = match label {
        Label::Location => {
            let lower = v.to_lowercase();
            STATES.lines().any(|l| {
                let mut f = l.split('\t');
                f.next() == Some(lower.as_str()) || f.next() == Some(v)
            }) || COUNTRIES.lines().any(|l| l == lower)
        }
        Label::Date => {
            is_year_only(v)
                && v.parse::<u64>().is_ok_and(|y| {
                    let this_year = 1970 + now() / 31_556_952;
                    y + 89 >= this_year
                })
        }
        _ => false,
    };
    if keep {
        value.to_string()
    } else {
        format!("[{}]", label.as_str())
    }
}

const RESTRICTED_ZIP3: &str = include_str!("../../dictionaries/restricted_zip3.txt");

/// Safe Harbor ZIP: the first three digits, `000` where the ZIP3 area has 20,000 people or
/// fewer (dictionaries/restricted_zip3.txt).
fn zip3(value: &str) -> String {
    // Safe Harbor's three-digit rule is for US ZIP codes; any other postal code goes whole.
    let b = value.as_bytes();
    if b.len() < 5 || !b[..5].iter().all(u8::is_ascii_digit) {
        return "[ZIP]".to_string();
    }
    let digits: String = value
        .chars()
        .filter(|c| c.is_ascii_digit())
        .take(3)
        .collect();
    if digits.len() < 3 {
        return "[ZIP]".to_string();
    }
    if RESTRICTED_ZIP3.lines().any(|l| l.trim() == digits) {
        "000".to_string()
    } else {
        digits
    }
}

/// Safe Harbor age: 90 and over become `90+`; a parsed age under 90 is kept.
fn age90(value: &str) -> String {
    let digits: String = value
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    match digits.parse::<u32>() {
        Ok(n) if n < 90 => value.to_string(),
        Ok(_) => "90+".to_string(),
        // An age in words (`ninety-one`): the detector flags only ages of 90 and over.
        Err(_) => "90+".to_string(),
    }
}

fn is_year_only(value: &str) -> bool {
    let v = value.trim();
    v.len() == 4 && v.bytes().all(|c| c.is_ascii_digit())
}

impl Engine {
    /// Redacts under a policy that needs no session (`safe-harbor`, `tags`, or any mix of the
    /// tag, zip3, age90, mask, remove and keep operators). A policy with token, surrogate or
    /// date-shift operators is an error: those need [`Engine::session`].
    pub fn redact_with(&self, text: &str, policy: &Policy) -> Result<Redacted> {
        if policy.needs_session() {
            return Err(Error::config(
                "policy",
                format!(
                    "policy `{}` uses session operators (token, surrogate, date-shift): give a session",
                    policy.name()
                ),
            ));
        }
        let spans = self.try_detect(text)?;
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for s in &spans {
            out.push_str(&text[pos..s.start]);
            out.push_str(
                &stateless(policy.operator(s.label), s.label, &text[s.start..s.end])
                    .unwrap_or_default(),
            );
            pos = s.end;
        }
        out.push_str(&text[pos..]);
        Ok(Redacted { text: out, spans })
    }

    /// Opens session `id` of `vault` (creating it on first use), or a new session with a
    /// random id when `id` is `None`, redacting under `policy`.
    pub fn session(
        &self,
        vault: &super::Vault,
        id: Option<&str>,
        policy: Policy,
    ) -> Result<Session<'_>> {
        let shared = vault.session_state(id)?;
        Ok(Session::new(self, shared, policy))
    }

    /// Starts session `id`, an id the caller has just made at random (the gateway's new
    /// conversations), without reading the store for it; see [`Engine::session`].
    pub(crate) fn new_session(
        &self,
        vault: &super::Vault,
        id: &str,
        policy: Policy,
    ) -> Result<Session<'_>> {
        let shared = vault.new_session_state(id)?;
        Ok(Session::new(self, shared, policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EngineConfig;
    use crate::vault::{MasterKey, Vault};

    #[test]
    fn tokens_and_aad_as_format_writes_them() {
        for n in [0u32, 1, 9, 10, 99, 100, 4_294_967_295] {
            assert_eq!(token_text(Label::Name, n), format!("[NAME_{n}]"));
            assert_eq!(aad("s-1", u64::from(n)), format!("s-1/{n}"));
        }
        assert_eq!(aad("x", u64::MAX), format!("x/{}", u64::MAX));
    }

    #[test]
    fn entry_layouts_binary_and_json_both_read() {
        let e = Entry {
            label: Label::Name,
            kind: Kind::Surrogate,
            value: "Zoë O'Brien".into(),
            replacement: "Ana Lima".into(),
            n: 0,
            alias_of: Some(4),
            lookup: [5; 32],
        };
        // Debug output (a panic message, a log line) never shows the value or its fake.
        let shown = format!("{e:?}");
        assert!(!shown.contains("Zo") && !shown.contains("Lima"), "{shown}");
        let mut bin = Vec::new();
        encode_entry(&e, &mut bin);
        let json = serde_json::to_vec(&SealedEntry {
            v: e.value.as_str().into(),
            r: e.replacement.as_str().into(),
            l: e.label,
            k: e.kind,
            n: e.n,
            a: e.alias_of,
            h: e.lookup,
        })
        .unwrap();
        for plain in [&bin, &json] {
            let d = decode_entry(plain).unwrap();
            assert_eq!(
                (d.label, d.kind, d.value.as_str(), d.replacement.as_str()),
                (e.label, e.kind, e.value.as_str(), e.replacement.as_str())
            );
            assert_eq!((d.n, d.alias_of, d.lookup), (e.n, e.alias_of, e.lookup));
        }
        for cut in 0..bin.len() - e.replacement.len() {
            assert!(decode_entry(&bin[..cut]).is_none(), "cut at {cut}");
        }
        assert!(decode_entry(&[2, 0, 0]).is_none());
    }

    /// Three token entries of `label`, values `prefix1..3`, lookups `[k; 32]`.
    fn three_entries(label: Label, prefix: &str) -> Vec<Entry> {
        (1..=3u8)
            .map(|k| Entry {
                label,
                kind: Kind::Token,
                value: format!("{prefix}{k}"),
                replacement: String::new(),
                n: u32::from(k),
                alias_of: None,
                lookup: [k; 32],
            })
            .collect()
    }

    #[test]
    fn batches_round_trip_and_reject_damage() {
        let entries = three_entries(Label::Name, "Value ");
        let mut plain = Vec::new();
        encode_batch(&entries, &mut plain);
        let back = decode_entries(&plain).unwrap();
        assert_eq!(back.len(), 3);
        for (a, b) in entries.iter().zip(&back) {
            assert_eq!(
                (a.value.as_str(), a.n, a.lookup),
                (b.value.as_str(), b.n, b.lookup)
            );
        }
        // One entry alone keeps its own layout.
        let mut one = Vec::new();
        encode_entry(&entries[0], &mut one);
        assert_eq!(decode_entries(&one).unwrap().len(), 1);
        for cut in 1..plain.len() {
            assert!(decode_entries(&plain[..cut]).is_none(), "cut at {cut}");
        }
        let mut extra = plain.clone();
        extra.push(0);
        assert!(decode_entries(&extra).is_none());
        assert!(decode_entries(&[ENTRY_BATCH, 0, 0, 0, 0]).is_none());
    }

    #[test]
    fn a_batch_loads_only_with_every_row_in_place() {
        use super::super::crypto::RootKey;
        use super::super::store::MemoryStore;
        let root = RootKey::generate().unwrap();
        let entries = three_entries(Label::Date, "3/1");
        let mut plain = Vec::new();
        encode_batch(&entries, &mut plain);
        let sealed = root
            .derive()
            .seal_with_nonce(&[7; NONCE_LEN], &plain, aad("s", 0).as_bytes())
            .unwrap();
        let rows = || -> Vec<EntryRecord> {
            entries
                .iter()
                .enumerate()
                .map(|(k, e)| EntryRecord {
                    seq: k as u64,
                    lookup: e.lookup,
                    sealed: if k == 0 { sealed.clone() } else { Vec::new() },
                })
                .collect()
        };
        let load = |recs: Vec<EntryRecord>| {
            let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
            Shared::load("s".into(), None, root.derive(), store, recs, None)
        };
        let ok = load(rows()).unwrap();
        assert_eq!(ok.lock().entries.len(), 3);
        let mut wrong_lookup = rows();
        wrong_lookup[2].lookup[0] ^= 1;
        let mut missing_row = rows();
        missing_row.pop();
        let mut sealed_twice = rows();
        sealed_twice[1].sealed = sealed.clone();
        let mut orphan = rows();
        orphan.remove(0);
        for (what, recs) in [
            ("wrong lookup", wrong_lookup),
            ("missing row", missing_row),
            ("second sealed row", sealed_twice),
            ("row without its record", orphan),
        ] {
            assert!(load(recs).is_err(), "{what}");
        }
    }

    fn engine() -> &'static Engine {
        static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        E.get_or_init(|| Engine::new(EngineConfig::default()).unwrap())
    }

    fn vault() -> Vault {
        Vault::in_memory(MasterKey::generate().unwrap())
    }

    #[test]
    fn same_value_same_token_and_linked_names() {
        let v = vault();
        let s = engine()
            .session(&v, Some("t1"), Policy::builtin("tokens").unwrap())
            .unwrap();
        let a = s
            .redact("Patient John Smith, MRN: 00412345. Call 617-555-0134.")
            .unwrap();
        let b = s.redact("Mr. Smith called from (617) 555-0134.").unwrap();
        assert_eq!(a.text, "Patient [NAME_1], MRN: [MRN_1]. Call [PHONE_1].");
        assert_eq!(b.text, "Mr. [NAME_1] called from [PHONE_1].");
        let r = s.reveal("[NAME_1] and [PHONE_1], NAME_2");
        assert_eq!(r.text, "John Smith and 617-555-0134, NAME_2");
        assert_eq!(r.unknown_tokens, ["NAME_2"]);
    }

    /// A value that already has a fake and then occurs glued to a word (`6/20/2024é`) gets a
    /// token there: reveal matches fakes as whole words, so the fake would stay in the text.
    #[test]
    fn glued_occurrence_of_a_faked_value_round_trips() {
        let v = vault();
        let text = "Sent: 6/20/2024 at 14:15\nLABS 6/20/2024\u{e9} 1040: K 5.4\n";
        for pol in [
            Policy::builtin("surrogates").unwrap(),
            Policy::from_toml("base = \"tokens\"\n[labels]\nDATE = \"date-shift\"\n").unwrap(),
        ] {
            let s = engine().session(&v, None, pol).unwrap();
            let red = s.redact(text).unwrap();
            assert!(!red.text.contains("6/20/2024"), "{}", red.text);
            assert_eq!(s.reveal(&red.text).text, text, "{}", red.text);
        }
        // A surname glued to an emoji, after its person got a fake: a token of its own (a
        // fake's entry has no number to share).
        let s = engine()
            .session(&v, None, Policy::builtin("surrogates").unwrap())
            .unwrap();
        let text = "Seen by Dr. Alan Meyer today.\nCall Dr. \u{1F600}Meyer back.\n";
        let red = s.redact(text).unwrap();
        assert!(red.text.contains("\u{1F600}[NAME_1]"), "{}", red.text);
        assert_eq!(s.reveal(&red.text).text, text);
    }

    #[test]
    fn zip3_and_age90() {
        assert_eq!(zip3("02139"), "021");
        assert_eq!(zip3("03601-1234"), "000");
        assert_eq!(zip3("H2X 1Y4"), "[ZIP]");
        assert_eq!(age90("92"), "90+");
        assert_eq!(age90("45"), "45");
        assert_eq!(age90("ninety-one"), "90+");
        assert_eq!(generalize(Label::Location, "MA"), "MA");
        assert_eq!(
            generalize(Label::Location, "Massachusetts"),
            "Massachusetts"
        );
        assert_eq!(generalize(Label::Location, "Boston"), "[LOCATION]");
        assert_eq!(generalize(Label::Date, "2004"), "2004");
        assert_eq!(generalize(Label::Date, "1921"), "[DATE]");
        assert_eq!(generalize(Label::Date, "3/14/2023"), "[DATE]");
    }

    #[test]
    fn sessions_are_unlinkable_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let key = MasterKey::generate().unwrap();
        let path = dir.path().join("v.db");
        let note = "Seen by Dr. Alvarez, SSN 123-45-6789.";
        let t1 = {
            let v = Vault::open(&path, key.clone()).unwrap();
            let s = engine()
                .session(&v, Some("a"), Policy::builtin("tokens").unwrap())
                .unwrap();
            s.redact(note).unwrap().text
        };
        let v = Vault::open(&path, key.clone()).unwrap();
        let s = engine()
            .session(&v, Some("a"), Policy::builtin("tokens").unwrap())
            .unwrap();
        assert_eq!(s.redact(note).unwrap().text, t1);
        assert_eq!(s.reveal(&t1).text, note);
        let other = engine()
            .session(&v, Some("b"), Policy::builtin("tokens").unwrap())
            .unwrap();
        assert_eq!(other.reveal(&t1).text, t1);
        let wrong = Vault::open(&path, MasterKey::generate().unwrap()).unwrap();
        let e = engine()
            .session(&wrong, Some("a"), Policy::builtin("tokens").unwrap())
            .unwrap_err();
        assert!(e.to_string().contains("master key"), "{e}");
        assert!(v.purge("a").unwrap());
        assert!(s.redact(note).is_err());
    }

    #[test]
    fn scan_output_flags_foreign_names() {
        let v = vault();
        let s = engine()
            .session(&v, None, Policy::builtin("tokens").unwrap())
            .unwrap();
        s.redact("Patient John Smith was seen.").unwrap();
        let out = s
            .scan_output(
                "John Smith and Mr. Smith were seen with Dr. Alvarez.",
                OutputAction::Redact,
            )
            .unwrap();
        assert_eq!(out.foreign.len(), 1);
        assert_eq!(
            out.text,
            "John Smith and Mr. Smith were seen with Dr. [NAME]."
        );
        assert!(s.scan_output("Dr. Alvarez", OutputAction::Fail).is_err());
        // The session's own tokens are known by their syntax (they are not kept in the set of
        // fakes); tokens it never issued are not.
        let st = s.shared.lock();
        assert!(known(&st, Label::Name, "[NAME_1]"));
        assert!(!known(&st, Label::Name, "[NAME_9]"));
        assert!(!known(&st, Label::Name, "[BOGUS_1]"));
        assert!(!known(&st, Label::Name, "[NAME_01]") && !known(&st, Label::Name, "[NAME_+1]"));
    }
}

//! The audit log (45 CFR 164.312(b)): one record per request, plus heartbeats, in the embedded
//! store. Tamper evidence and confidentiality are separate layers:
//!
//! - **Chain**: each row stores `prev_hash` and `hash = SHA-256(prev_hash, seq, ts, kind,
//!   key_id, data_key, body)`. The hash covers the ciphertext, so `verify` needs no key to find an
//!   edited, dropped or reordered record.
//! - **Checkpoints**: every `checkpoint_every` records, at every heartbeat and at shutdown, the
//!   writer signs `(seq, hash)` with ed25519. A log cut after a checkpoint is caught because the
//!   checkpoint names a record that is gone. (A cut after the last checkpoint cannot be told
//!   from a crash; heartbeats bound that window to one minute.)
//! - **Encryption**: each body is sealed with ChaCha20-Poly1305 under a data key (AAD = seq);
//!   data keys are wrapped by the master key and replaced every `records_per_data_key` records.
//!   Rotating the master key needs no rewrite: old data keys stay wrapped by the old master,
//!   which `previous_master_key_files` keeps readable.
//!
//! One writer thread owns the connection and batches whatever is queued into one transaction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::store::{self, StoreError, hex, now, unhex};

/// One audit record. De-identified texts only, unless the key's policy stores raw ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub kind: String,
    pub ts: i64,
    pub request_id: String,
    pub key_id: String,
    pub scope: String,
    pub client: String,
    pub route: String,
    pub model: String,
    pub upstream: String,
    pub status: u16,
    pub latency_ms: f64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub usd: f64,
    pub detections: BTreeMap<String, u32>,
    /// false when the key's policy turned de-identification off (BAA upstream).
    pub deid: bool,
    pub session: String,
    pub attempts: u32,
    pub stream: bool,
    pub error: Option<String>,
    /// The prompt as the upstream saw it (de-identified unless `deid` is false).
    pub prompt: Option<String>,
    /// The answer as the upstream sent it (de-identified).
    pub response: Option<String>,
    pub raw_prompt: Option<String>,
    pub raw_response: Option<String>,
    /// PHI found in the answer that did not come from the session (output filter).
    pub foreign_phi: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit store: {0}")]
    Store(#[from] StoreError),
    #[error("audit key file {path}: {why}")]
    KeyFile { path: PathBuf, why: String },
    #[error("audit record {seq}: cannot decrypt ({why})")]
    Decrypt { seq: i64, why: String },
    #[error("audit writer is gone")]
    WriterGone,
}

/// Reads a 32-byte key written as 64 hex characters; creates it (mode 0600) if `create`.
pub fn read_key_file(path: &Path, create: bool) -> Result<[u8; 32], AuditError> {
    let err = |why: String| AuditError::KeyFile {
        path: path.to_path_buf(),
        why,
    };
    match std::fs::read_to_string(path) {
        Ok(s) => unhex(&s)
            .and_then(|v| <[u8; 32]>::try_from(v).ok())
            .ok_or_else(|| err("expected 64 hex characters".into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
            let k = store::random::<32>();
            write_secret(path, &hex(&k)).map_err(|e| err(e.to_string()))?;
            tracing_log(&format!("created key file {}", path.display()));
            Ok(k)
        }
        Err(e) => Err(err(e.to_string())),
    }
}

fn write_secret(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(text.as_bytes())?;
    f.write_all(b"\n")
}

fn tracing_log(msg: &str) {
    eprintln!("phiscrub serve: {msg}");
}

fn master_id(master: &[u8; 32]) -> String {
    hex(&Sha256::digest(master)[..8])
}

fn seal(key: &[u8; 32], aad: &[u8], msg: &[u8]) -> Vec<u8> {
    let nonce = store::random::<12>();
    let c = ChaCha20Poly1305::new(Key::from_slice(key));
    let ct = c
        .encrypt(Nonce::from_slice(&nonce), Payload { msg, aad })
        .expect("ChaCha20-Poly1305 encryption of an in-memory buffer cannot fail");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    out
}

fn open_sealed(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < 12 {
        return None;
    }
    let c = ChaCha20Poly1305::new(Key::from_slice(key));
    c.decrypt(
        Nonce::from_slice(&sealed[..12]),
        Payload {
            msg: &sealed[12..],
            aad,
        },
    )
    .ok()
}

fn record_hash(
    prev: &[u8],
    seq: i64,
    ts: i64,
    kind: &str,
    key_id: &str,
    data_key: i64,
    body: &[u8],
) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"phiscrub-audit-v1");
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(ts.to_be_bytes());
    h.update((kind.len() as u64).to_be_bytes());
    h.update(kind.as_bytes());
    h.update((key_id.len() as u64).to_be_bytes());
    h.update(key_id.as_bytes());
    h.update(data_key.to_be_bytes());
    h.update(body);
    h.finalize().to_vec()
}

fn checkpoint_message(seq: i64, hash: &[u8]) -> Vec<u8> {
    let mut m = b"phiscrub-audit-checkpoint-v1".to_vec();
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(hash);
    m
}

/// Keys the audit log needs.
pub struct AuditKeys {
    pub master: [u8; 32],
    pub previous: Vec<[u8; 32]>,
    pub signing: SigningKey,
}

impl AuditKeys {
    /// Loads the keys named in the config, creating missing current ones.
    pub fn load(cfg: &super::config::Audit, store_path: &Path) -> Result<AuditKeys, AuditError> {
        let beside = |name: &str| {
            let mut p = store_path.as_os_str().to_owned();
            p.push(name);
            PathBuf::from(p)
        };
        let master_path = cfg
            .master_key_file
            .clone()
            .unwrap_or_else(|| beside(".audit-master.key"));
        let signing_path = cfg
            .signing_key_file
            .clone()
            .unwrap_or_else(|| beside(".audit-signing.key"));
        let master = read_key_file(&master_path, true)?;
        let seed = read_key_file(&signing_path, true)?;
        let previous = cfg
            .previous_master_key_files
            .iter()
            .map(|p| read_key_file(p, false))
            .collect::<Result<_, _>>()?;
        Ok(AuditKeys {
            master,
            previous,
            signing: SigningKey::from_bytes(&seed),
        })
    }

    fn masters(&self) -> impl Iterator<Item = &[u8; 32]> {
        std::iter::once(&self.master).chain(self.previous.iter())
    }
}

enum Msg {
    Record(Box<Record>),
    Flush(mpsc::Sender<()>),
    Stop(mpsc::Sender<()>),
}

/// Handle to the writer thread. Cloning is cheap; every clone feeds the same chain.
#[derive(Clone)]
pub struct AuditLog {
    tx: mpsc::Sender<Msg>,
}

struct Writer {
    conn: Connection,
    keys: AuditKeys,
    data_key: Option<(i64, [u8; 32], u64)>,
    last: (i64, Vec<u8>),
    since_checkpoint: u64,
    checkpoint_every: u64,
    records_per_data_key: u64,
}

impl AuditLog {
    /// Opens the store and starts the writer thread.
    pub fn start(
        path: &Path,
        keys: AuditKeys,
        cfg: &super::config::Audit,
    ) -> Result<AuditLog, AuditError> {
        let conn = store::open(path)?;
        let last = conn
            .query_row(
                "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => conn.query_row(
                    // After expiry the chain resumes from the last checkpoint.
                    "SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
                ),
                e => Err(e),
            })
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok((0, vec![0u8; 32])),
                e => Err(e),
            })?;
        let mut w = Writer {
            conn,
            keys,
            data_key: None,
            last,
            since_checkpoint: 0,
            checkpoint_every: cfg.checkpoint_every,
            records_per_data_key: cfg.records_per_data_key,
        };
        let heartbeat = Duration::from_secs(cfg.heartbeat_secs.max(1));
        let (tx, rx) = mpsc::channel::<Msg>();
        std::thread::Builder::new()
            .name("phiscrub-audit".into())
            .spawn(move || w.run(rx, heartbeat))
            .map_err(|e| AuditError::Store(StoreError::ToSqlConversionFailure(Box::new(e))))?;
        Ok(AuditLog { tx })
    }

    pub fn append(&self, r: Record) {
        if self.tx.send(Msg::Record(Box::new(r))).is_err() {
            tracing_log("audit writer is gone: a record was not written");
        }
    }

    /// Waits until everything sent so far is committed.
    pub fn flush(&self) -> Result<(), AuditError> {
        let (tx, rx) = mpsc::channel();
        self.tx
            .send(Msg::Flush(tx))
            .map_err(|_| AuditError::WriterGone)?;
        rx.recv().map_err(|_| AuditError::WriterGone)
    }

    /// Writes a stop record and a final signed checkpoint, then ends the writer.
    pub fn stop(&self) -> Result<(), AuditError> {
        let (tx, rx) = mpsc::channel();
        self.tx
            .send(Msg::Stop(tx))
            .map_err(|_| AuditError::WriterGone)?;
        rx.recv().map_err(|_| AuditError::WriterGone)
    }
}

impl Writer {
    fn run(&mut self, rx: mpsc::Receiver<Msg>, heartbeat: Duration) {
        let mut last_beat = Instant::now();
        if let Err(e) = self.write(vec![Record {
            kind: "start".into(),
            ts: now(),
            ..Record::default()
        }]) {
            tracing_log(&format!("audit write failed: {e}"));
        }
        loop {
            let wait = heartbeat.saturating_sub(last_beat.elapsed());
            let first = match rx.recv_timeout(wait) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            };
            let mut batch = Vec::new();
            let mut acks = Vec::new();
            let mut stop = None;
            let mut handle = |m: Msg, batch: &mut Vec<Record>| match m {
                Msg::Record(r) => batch.push(*r),
                Msg::Flush(a) => acks.push(a),
                Msg::Stop(a) => stop = Some(a),
            };
            if let Some(m) = first {
                handle(m, &mut batch);
                while batch.len() < 512 {
                    match rx.try_recv() {
                        Ok(m) => handle(m, &mut batch),
                        Err(_) => break,
                    }
                }
            }
            let beat = last_beat.elapsed() >= heartbeat;
            if beat {
                last_beat = Instant::now();
                batch.push(Record {
                    kind: "heartbeat".into(),
                    ts: now(),
                    ..Record::default()
                });
            }
            if stop.is_some() {
                batch.push(Record {
                    kind: "stop".into(),
                    ts: now(),
                    ..Record::default()
                });
            }
            if !batch.is_empty()
                && let Err(e) = self.write(batch)
            {
                tracing_log(&format!("audit write failed: {e}"));
            }
            if (beat || stop.is_some())
                && let Err(e) = self.checkpoint()
            {
                tracing_log(&format!("audit checkpoint failed: {e}"));
            }
            for a in acks {
                let _ = a.send(());
            }
            if let Some(a) = stop {
                let _ = a.send(());
                return;
            }
        }
    }

    fn data_key(
        slot: &mut Option<(i64, [u8; 32], u64)>,
        master: &[u8; 32],
        per_key: u64,
        tx: &rusqlite::Transaction<'_>,
    ) -> Result<(i64, [u8; 32]), AuditError> {
        if let Some((id, k, n)) = slot
            && *n < per_key
        {
            *n += 1;
            return Ok((*id, *k));
        }
        let k = store::random::<32>();
        let wrapped = seal(master, b"phiscrub-audit-data-key", &k);
        tx.execute(
            "INSERT INTO audit_data_keys (master_id, wrapped, created) VALUES (?1, ?2, ?3)",
            params![master_id(master), wrapped, now()],
        )?;
        let id = tx.last_insert_rowid();
        *slot = Some((id, k, 1));
        Ok((id, k))
    }

    fn write(&mut self, batch: Vec<Record>) -> Result<(), AuditError> {
        let conn = &self.conn;
        let tx = conn.unchecked_transaction()?;
        let (mut seq, mut prev) = self.last.clone();
        let mut due = false;
        for r in &batch {
            let (dk_id, dk) = Self::data_key(
                &mut self.data_key,
                &self.keys.master,
                self.records_per_data_key,
                &tx,
            )?;
            seq += 1;
            let json = serde_json::to_vec(r).unwrap_or_default();
            let body = seal(&dk, &seq.to_be_bytes(), &json);
            let hash = record_hash(&prev, seq, r.ts, &r.kind, &r.key_id, dk_id, &body);
            tx.execute(
                "INSERT INTO audit_records (seq, ts, kind, key_id, data_key, body, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![seq, r.ts, r.kind, r.key_id, dk_id, body, prev, hash],
            )?;
            prev = hash;
            self.since_checkpoint += 1;
            due |= self.since_checkpoint >= self.checkpoint_every;
        }
        tx.commit()?;
        self.last = (seq, prev);
        if due {
            self.checkpoint()?;
        }
        Ok(())
    }

    fn checkpoint(&mut self) -> Result<(), AuditError> {
        let (seq, hash) = &self.last;
        if *seq == 0 {
            return Ok(());
        }
        let sig = self.keys.signing.sign(&checkpoint_message(*seq, hash));
        self.conn.execute(
            "INSERT OR REPLACE INTO audit_checkpoints (seq, ts, hash, public_key, signature)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                seq,
                now(),
                hash,
                self.keys.signing.verifying_key().to_bytes().to_vec(),
                sig.to_bytes().to_vec()
            ],
        )?;
        self.since_checkpoint = 0;
        Ok(())
    }
}

/// What `verify` found.
#[derive(Debug, Default, Serialize)]
pub struct VerifyReport {
    pub records: u64,
    pub first_seq: i64,
    pub last_seq: i64,
    pub checkpoints: u64,
    /// Each problem says where (`record 17: ...`). Empty means the log is intact.
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the chain, the checkpoints' signatures (against `public_key`) and, with `keys`, that
/// every body decrypts. Never stops at the first problem; a damaged file is itself a problem.
pub fn verify(path: &Path, public_key: &VerifyingKey, keys: Option<&AuditKeys>) -> VerifyReport {
    let mut rep = VerifyReport::default();
    if let Err(e) = verify_inner(path, public_key, keys, &mut rep) {
        rep.problems.push(format!(
            "store unreadable after record {} ({e}): the file is damaged or truncated",
            rep.last_seq
        ));
    }
    rep
}

fn verify_inner(
    path: &Path,
    pk: &VerifyingKey,
    keys: Option<&AuditKeys>,
    rep: &mut VerifyReport,
) -> Result<(), AuditError> {
    let meta = std::fs::metadata(path).map_err(|e| AuditError::KeyFile {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    if meta.len() == 0 {
        rep.problems.push("the store file is empty".into());
        return Ok(());
    }
    let conn = store::open_existing(path)?;
    conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        .map(|s| {
            if s != "ok" {
                rep.problems.push(format!("store integrity check: {s}"));
            }
        })?;
    // Checkpoints first: they anchor the chain.
    let mut checkpoints: BTreeMap<i64, Vec<u8>> = BTreeMap::new();
    {
        let mut st = conn.prepare(
            "SELECT seq, hash, public_key, signature FROM audit_checkpoints ORDER BY seq",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, Vec<u8>>(3)?,
            ))
        })?;
        for row in rows {
            let (seq, hash, pkb, sig) = row?;
            rep.checkpoints += 1;
            let sig_ok = <[u8; 64]>::try_from(sig.as_slice())
                .map(|s| ed25519_dalek::Signature::from_bytes(&s))
                .is_ok_and(|s| pk.verify(&checkpoint_message(seq, &hash), &s).is_ok());
            if pkb != pk.to_bytes() || !sig_ok {
                rep.problems.push(format!(
                    "checkpoint at record {seq}: signature does not verify with the trusted key"
                ));
                continue;
            }
            checkpoints.insert(seq, hash);
        }
    }
    let mut data_keys: BTreeMap<i64, Option<[u8; 32]>> = BTreeMap::new();
    if let Some(k) = keys {
        let mut st = conn.prepare("SELECT id, master_id, wrapped FROM audit_data_keys")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, mid, wrapped) = row?;
            let dk = k
                .masters()
                .find(|m| master_id(m) == mid)
                .and_then(|m| open_sealed(m, b"phiscrub-audit-data-key", &wrapped))
                .and_then(|v| <[u8; 32]>::try_from(v).ok());
            data_keys.insert(id, dk);
        }
    }
    let mut st = conn.prepare(
        "SELECT seq, ts, kind, key_id, data_key, body, prev_hash, hash
         FROM audit_records ORDER BY seq",
    )?;
    let mut rows = st.query([])?;
    let mut prev: Option<(i64, Vec<u8>)> = None;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let ts: i64 = r.get(1)?;
        let kind: String = r.get(2)?;
        let key_id: String = r.get(3)?;
        let dk: i64 = r.get(4)?;
        let body: Vec<u8> = r.get(5)?;
        let prev_hash: Vec<u8> = r.get(6)?;
        let hash: Vec<u8> = r.get(7)?;
        rep.records += 1;
        match &prev {
            None => {
                rep.first_seq = seq;
                let anchor = if seq == 1 {
                    Some(vec![0u8; 32])
                } else {
                    checkpoints.get(&(seq - 1)).cloned()
                };
                match anchor {
                    Some(a) if a == prev_hash => {}
                    Some(_) => rep.problems.push(format!(
                        "record {seq}: previous-hash link broken at the start of the log"
                    )),
                    None => rep.problems.push(format!(
                        "records 1..{}: missing at the start of the log (no checkpoint anchors record {seq})",
                        seq - 1
                    )),
                }
            }
            Some((pseq, phash)) => {
                if seq != pseq + 1 {
                    rep.problems.push(format!(
                        "records {}..{}: missing (dropped) between record {pseq} and record {seq}",
                        pseq + 1,
                        seq - 1
                    ));
                } else if *phash != prev_hash {
                    rep.problems.push(format!(
                        "record {seq}: previous-hash link to record {pseq} broken (reordered or replaced)"
                    ));
                }
            }
        }
        if record_hash(&prev_hash, seq, ts, &kind, &key_id, dk, &body) != hash {
            rep.problems.push(format!(
                "record {seq}: contents do not match its hash (edited)"
            ));
        }
        if let Some(cp) = checkpoints.get(&seq)
            && *cp != hash
        {
            rep.problems.push(format!(
                "record {seq}: differs from the signed checkpoint (rewritten)"
            ));
        }
        if keys.is_some() {
            match data_keys.get(&dk) {
                Some(Some(k)) => {
                    if open_sealed(k, &seq.to_be_bytes(), &body).is_none() {
                        rep.problems
                            .push(format!("record {seq}: body fails authentication (edited)"));
                    }
                }
                _ => rep.problems.push(format!(
                    "record {seq}: its data key {dk} is missing or unreadable"
                )),
            }
        }
        prev = Some((seq, hash));
        rep.last_seq = seq;
    }
    let last = prev.as_ref().map_or(0, |p| p.0);
    if let Some((&cseq, _)) = checkpoints.iter().next_back()
        && cseq > last
    {
        rep.problems.push(format!(
            "log truncated: a signed checkpoint covers record {cseq} but the log ends at record {last}"
        ));
    }
    Ok(())
}

fn load_data_keys(
    conn: &Connection,
    keys: &AuditKeys,
) -> Result<BTreeMap<i64, [u8; 32]>, AuditError> {
    let mut data_keys = BTreeMap::new();
    let mut st = conn.prepare("SELECT id, master_id, wrapped FROM audit_data_keys")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let (id, mid, wrapped): (i64, String, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(k) = keys
            .masters()
            .find(|m| master_id(m) == mid)
            .and_then(|m| open_sealed(m, b"phiscrub-audit-data-key", &wrapped))
            .and_then(|v| <[u8; 32]>::try_from(v).ok())
        {
            data_keys.insert(id, k);
        }
    }
    Ok(data_keys)
}

/// Up to `limit` decrypted records with `seq > after`, in order (for drains).
pub fn read_after(
    conn: &Connection,
    keys: &AuditKeys,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Record)>, AuditError> {
    let data_keys = load_data_keys(conn, keys)?;
    let mut st = conn.prepare(
        "SELECT seq, data_key, body FROM audit_records WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let mut rows = st.query(params![after, limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (seq, dk, body): (i64, i64, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let plain = data_keys
            .get(&dk)
            .and_then(|k| open_sealed(k, &seq.to_be_bytes(), &body))
            .ok_or_else(|| AuditError::Decrypt {
                seq,
                why: "no key or authentication failed".into(),
            })?;
        let rec = serde_json::from_slice(&plain).map_err(|e| AuditError::Decrypt {
            seq,
            why: e.to_string(),
        })?;
        out.push((seq, rec));
    }
    Ok(out)
}

/// Decrypts records, optionally filtered by key id and time range (Unix seconds, inclusive).
pub fn read_records(
    path: &Path,
    keys: &AuditKeys,
    key_id: Option<&str>,
    since: Option<i64>,
    until: Option<i64>,
    mut each: impl FnMut(i64, Record) -> std::io::Result<()>,
) -> Result<u64, AuditError> {
    let conn = store::open_existing(path)?;
    let data_keys = load_data_keys(&conn, keys)?;
    let mut st = conn.prepare(
        "SELECT seq, data_key, body FROM audit_records
         WHERE (?1 IS NULL OR key_id = ?1) AND (?2 IS NULL OR ts >= ?2) AND (?3 IS NULL OR ts <= ?3)
         ORDER BY seq",
    )?;
    let mut rows = st.query(params![key_id, since, until])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (seq, dk, body): (i64, i64, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let plain = data_keys
            .get(&dk)
            .and_then(|k| open_sealed(k, &seq.to_be_bytes(), &body))
            .ok_or_else(|| AuditError::Decrypt {
                seq,
                why: "no key or authentication failed".into(),
            })?;
        let rec: Record = serde_json::from_slice(&plain).map_err(|e| AuditError::Decrypt {
            seq,
            why: e.to_string(),
        })?;
        each(seq, rec).map_err(|e| AuditError::Decrypt {
            seq,
            why: e.to_string(),
        })?;
        n += 1;
    }
    Ok(n)
}

/// Deletes records older than the retention period, up to the newest signed checkpoint older
/// than the cutoff (so the remaining chain stays anchored). Returns the number removed.
pub fn expire(path: &Path, retention_days: u64) -> Result<u64, AuditError> {
    let conn = store::open(path)?;
    let cutoff = now() - (retention_days as i64) * 86_400;
    let anchor: Option<i64> = conn.query_row(
        "SELECT MAX(c.seq) FROM audit_checkpoints c JOIN audit_records r ON r.seq = c.seq
         WHERE r.ts < ?1",
        params![cutoff],
        |r| r.get(0),
    )?;
    let Some(anchor) = anchor else { return Ok(0) };
    let n = conn.execute("DELETE FROM audit_records WHERE seq <= ?1", params![anchor])?;
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(n: usize) -> (tempfile::TempDir, PathBuf, VerifyingKey) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        let cfg = super::super::config::Audit {
            checkpoint_every: 4,
            records_per_data_key: 3,
            ..Default::default()
        };
        let keys = AuditKeys::load(&cfg, &db).unwrap();
        let pk = keys.signing.verifying_key();
        let log = AuditLog::start(&db, keys, &cfg).unwrap();
        for i in 0..n {
            log.append(Record {
                kind: "request".into(),
                ts: now(),
                key_id: format!("k{}", i % 2),
                status: 200,
                prompt: Some(format!("prompt {i} [NAME_1]")),
                ..Record::default()
            });
        }
        log.stop().unwrap();
        (dir, db, pk)
    }

    fn keys(db: &Path) -> AuditKeys {
        AuditKeys::load(&super::super::config::Audit::default(), db).unwrap()
    }

    #[test]
    fn intact_log_verifies_and_decrypts() {
        let (_d, db, pk) = setup(10);
        let k = keys(&db);
        let rep = verify(&db, &pk, Some(&k));
        assert!(rep.ok(), "{:?}", rep.problems);
        assert_eq!(rep.records, 12, "start + 10 + stop");
        let mut seen = 0;
        read_records(&db, &k, Some("k1"), None, None, |_, r| {
            assert_eq!(r.key_id, "k1");
            seen += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, 5);
        // Nothing in clear text, in the file or its WAL (the schema names a `prompt_tokens`
        // column, so look for the record text itself).
        for f in [db.clone(), db.with_extension("db-wal")] {
            let bytes = std::fs::read(&f).unwrap_or_default();
            assert!(
                !bytes.windows(8).any(|w| w == b"[NAME_1]"),
                "{}",
                f.display()
            );
        }
    }

    #[test]
    fn tampering_is_found_and_located() {
        let exec = |db: &Path, sql: &str| {
            let c = Connection::open(db).unwrap();
            c.execute_batch(sql).unwrap();
        };
        let (_d, db, pk) = setup(10);
        exec(&db, "DELETE FROM audit_records WHERE seq = 5");
        let rep = verify(&db, &pk, None);
        assert!(
            rep.problems.iter().any(|p| p.contains("records 5..5")),
            "{:?}",
            rep.problems
        );

        let (_d, db, pk) = setup(10);
        exec(&db, "UPDATE audit_records SET ts = ts + 1 WHERE seq = 7");
        let rep = verify(&db, &pk, None);
        assert!(
            rep.problems.iter().any(|p| p.starts_with("record 7:")),
            "{:?}",
            rep.problems
        );

        let (_d, db, pk) = setup(10);
        exec(
            &db,
            "UPDATE audit_records SET seq = -3 WHERE seq = 3;
             UPDATE audit_records SET seq = 3 WHERE seq = 4;
             UPDATE audit_records SET seq = 4 WHERE seq = -3;",
        );
        let rep = verify(&db, &pk, None);
        assert!(
            rep.problems.iter().any(|p| p.starts_with("record 3:")),
            "{:?}",
            rep.problems
        );

        let (_d, db, pk) = setup(10);
        exec(&db, "DELETE FROM audit_records WHERE seq >= 9");
        let rep = verify(&db, &pk, None);
        assert!(
            rep.problems.iter().any(|p| p.contains("truncated")),
            "{:?}",
            rep.problems
        );
    }
}

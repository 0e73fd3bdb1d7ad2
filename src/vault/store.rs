//! Where the vault keeps its records: the [`Store`] trait and its two backends, in memory and
//! SQLite (bundled, so `cargo build` needs nothing installed).
//!
//! A store only ever sees wrapped keys, keyed hashes and ciphertext: it holds no PHI in the
//! clear and needs no key. The trait is small so that a networked backend (PostgreSQL, for
//! several gateway instances) can implement it later: every method is one transaction, and
//! `append_entries` is atomic (all or nothing), which is what makes a crash safe: the vault
//! writes a mapping before any output that uses it leaves the process.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::error::{Error, Result};

/// A session as stored: its id, times (Unix seconds) and wrapped root key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub created_at: u64,
    /// `None`: never expires.
    pub expires_at: Option<u64>,
    /// Fingerprint of the master key that wrapped `wrapped_key`.
    pub master_key_id: String,
    pub wrapped_key: Vec<u8>,
}

/// One mapping as stored: its position in the session, its keyed lookup hash and the sealed
/// (encrypted, authenticated) entry. The entries one call adds are sealed as one record, held
/// by the first of their rows; the other rows of that batch have an empty `sealed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub seq: u64,
    pub lookup: [u8; 32],
    pub sealed: Vec<u8>,
}

/// A write that may still be in flight (see [`Store::begin_create_session`]).
#[derive(Debug)]
pub struct PendingWrite(Pending);

#[derive(Debug)]
enum Pending {
    Done(Result<()>),
    Queued(mpsc::Receiver<Result<()>>, &'static str),
}

impl PendingWrite {
    /// A write that has already happened (or failed).
    pub fn done(result: Result<()>) -> PendingWrite {
        PendingWrite(Pending::Done(result))
    }

    /// Waits for the write and returns its outcome.
    pub fn wait(self) -> Result<()> {
        match self.0 {
            Pending::Done(r) => r,
            Pending::Queued(answer, what) => answer
                .recv()
                .map_err(|_| Error::vault(what, "the vault writer thread stopped"))?,
        }
    }
}

/// What `list` shows of a session: never a value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SessionInfo {
    pub id: String,
    pub created_at: u64,
    pub expires_at: Option<u64>,
    pub entries: u64,
}

/// A vault backend. Implementations must be safe to share between threads.
pub trait Store: Send + Sync {
    /// Creates a session; an error if the id exists.
    fn create_session(&self, rec: &SessionRecord) -> Result<()>;
    /// Starts creating a session and may return before the write is done; [`PendingWrite::wait`]
    /// gives its outcome. A backend that queues the write must make every later call on it
    /// (reads included) see the write. The default creates the session at once.
    fn begin_create_session(&self, rec: &SessionRecord) -> PendingWrite {
        PendingWrite::done(self.create_session(rec))
    }
    fn get_session(&self, id: &str) -> Result<Option<SessionRecord>>;
    fn list_sessions(&self) -> Result<Vec<SessionInfo>>;
    /// Deletes the session's wrapped key and entries. `false` if there was no such session.
    fn purge_session(&self, id: &str) -> Result<bool>;
    /// Ids of sessions whose `expires_at` is at or before `now`.
    fn expired_sessions(&self, now: u64) -> Result<Vec<String>>;
    /// Appends entries atomically: after an error none of them is stored. Takes them by value
    /// (the memory backend keeps them without a copy).
    fn append_entries(&self, session: &str, entries: Vec<EntryRecord>) -> Result<()>;
    /// Every entry of a session, in `seq` order.
    fn entries(&self, session: &str) -> Result<Vec<EntryRecord>>;
}

/// The in-memory backend (the library's default): nothing outlives the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: Mutex<HashMap<String, (SessionRecord, Vec<EntryRecord>)>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, (SessionRecord, Vec<EntryRecord>)>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Store for MemoryStore {
    fn create_session(&self, rec: &SessionRecord) -> Result<()> {
        let mut m = self.lock();
        if m.contains_key(&rec.id) {
            return Err(Error::vault("creating a session", "the id exists"));
        }
        m.insert(rec.id.clone(), (rec.clone(), Vec::new()));
        Ok(())
    }

    fn get_session(&self, id: &str) -> Result<Option<SessionRecord>> {
        Ok(self.lock().get(id).map(|(r, _)| r.clone()))
    }

    fn list_sessions(&self) -> Result<Vec<SessionInfo>> {
        let mut v: Vec<SessionInfo> = self
            .lock()
            .values()
            .map(|(r, e)| SessionInfo {
                id: r.id.clone(),
                created_at: r.created_at,
                expires_at: r.expires_at,
                entries: e.len() as u64,
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(v)
    }

    fn purge_session(&self, id: &str) -> Result<bool> {
        Ok(self.lock().remove(id).is_some())
    }

    fn expired_sessions(&self, now: u64) -> Result<Vec<String>> {
        Ok(self
            .lock()
            .values()
            .filter(|(r, _)| r.expires_at.is_some_and(|t| t <= now))
            .map(|(r, _)| r.id.clone())
            .collect())
    }

    fn append_entries(&self, session: &str, entries: Vec<EntryRecord>) -> Result<()> {
        let mut m = self.lock();
        let (_, v) = m
            .get_mut(session)
            .ok_or_else(|| Error::vault("appending entries", "no such session"))?;
        if v.is_empty() {
            *v = entries;
        } else {
            v.extend(entries);
        }
        Ok(())
    }

    fn entries(&self, session: &str) -> Result<Vec<EntryRecord>> {
        Ok(self
            .lock()
            .get(session)
            .map(|(_, e)| e.clone())
            .unwrap_or_default())
    }
}

/// The SQLite backend: one file, WAL journal, every write a transaction.
///
/// Session creation and entry appends (the writes on every request's path) go through one
/// writer thread with its own connection, which commits all the writes waiting for it in one
/// transaction (group commit). Each write still gets its own savepoint, so one failing write
/// fails alone, and each caller returns only once its write is committed and synced; but
/// concurrent callers share one `fsync` instead of queueing for one each. Reads and the rare
/// writes (purge) use the other connection; WAL lets it read while the writer writes.
pub struct SqliteStore {
    conn: Mutex<Connection>,
    /// `None` only while dropping.
    writes: Option<mpsc::Sender<Job>>,
    writer: Option<JoinHandle<()>>,
    /// Writes handed to the writer and not yet answered (reads wait for them first).
    in_flight: Arc<AtomicUsize>,
}

/// A write for the writer thread.
enum Write {
    Create(SessionRecord),
    Append(String, Vec<EntryRecord>),
    /// Writes nothing: answered once every write queued before it is committed.
    Barrier,
}

impl Write {
    fn what(&self) -> &'static str {
        match self {
            Write::Create(_) => "creating a session",
            Write::Append(..) => "writing entries",
            Write::Barrier => "reading the vault",
        }
    }

    fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        match self {
            Write::Barrier => {}
            Write::Create(rec) => {
                conn.prepare_cached(
                    "INSERT INTO sessions (id, created_at, expires_at, master_key_id, wrapped_key)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    rec.id,
                    rec.created_at as i64,
                    rec.expires_at.map(|t| t as i64),
                    rec.master_key_id,
                    rec.wrapped_key
                ])?;
            }
            Write::Append(session, entries) => {
                let mut stmt = conn.prepare_cached(
                    "INSERT INTO entries (session, seq, lookup, sealed) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for e in entries {
                    stmt.execute(params![session, e.seq as i64, &e.lookup[..], e.sealed])?;
                }
            }
        }
        Ok(())
    }
}

struct Job {
    write: Write,
    done: mpsc::SyncSender<Result<()>>,
}

/// Most writes one transaction takes (the rest wait for the next).
const MAX_BATCH: usize = 256;

/// The writer thread: takes every waiting write, commits them together, answers each.
fn write_loop(mut conn: Connection, jobs: mpsc::Receiver<Job>, in_flight: Arc<AtomicUsize>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let results = if batch.iter().all(|j| matches!(j.write, Write::Barrier)) {
            batch.iter().map(|_| Ok(())).collect()
        } else {
            commit_batch(&mut conn, &batch)
        };
        for (job, r) in batch.into_iter().zip(results) {
            in_flight.fetch_sub(1, Ordering::AcqRel);
            // A caller that went away (an unawaited create) needs no answer.
            let _ = job.done.send(r);
        }
    }
}

fn commit_batch(conn: &mut Connection, batch: &[Job]) -> Vec<Result<()>> {
    let mut tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            return batch
                .iter()
                .map(|j| Err(Error::vault(j.write.what(), &e)))
                .collect();
        }
    };
    let mut results: Vec<Result<()>> = Vec::with_capacity(batch.len());
    for job in batch {
        let one = tx.savepoint().and_then(|mut sp| {
            // Dropped without `commit` (on error), a savepoint rolls back alone.
            sp.set_drop_behavior(rusqlite::DropBehavior::Rollback);
            job.write.apply(&sp)?;
            sp.commit()
        });
        results.push(one.map_err(|e| Error::vault(job.write.what(), e)));
    }
    if let Err(e) = tx.commit() {
        for (r, job) in results.iter_mut().zip(batch) {
            if r.is_ok() {
                *r = Err(Error::vault(job.write.what(), &e));
            }
        }
    }
    results
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

/// Both tables are clustered on their keys (`WITHOUT ROWID`): a new session or entry then
/// updates one B-tree instead of a table and an index, which halves the pages each commit
/// writes. Entries are only ever read per session in `seq` order (lookups happen in memory
/// once a session is loaded), so the lookup hash needs no index of its own; files written
/// by earlier versions (rowid tables, a lookup index) are read the same way.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    master_key_id TEXT NOT NULL,
    wrapped_key BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    lookup BLOB NOT NULL,
    sealed BLOB NOT NULL,
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
";

fn db_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::vault(what, e)
}

impl SqliteStore {
    /// Opens (creating if needed) the vault file at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Self::connect(path)?;
        conn.execute_batch(SCHEMA)
            .map_err(db_err("creating the vault schema"))?;
        let writer_conn = Self::connect(path)?;
        let (writes, jobs) = mpsc::channel();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let counter = in_flight.clone();
        let writer = std::thread::Builder::new()
            .name("phiscrub-vault-writer".into())
            .spawn(move || write_loop(writer_conn, jobs, counter))
            .map_err(|e| Error::vault("starting the vault writer", e))?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            writes: Some(writes),
            writer: Some(writer),
            in_flight,
        })
    }

    /// One configured connection to the vault file.
    fn connect(path: &Path) -> Result<Connection> {
        let conn = Connection::open(path).map_err(|e| {
            Error::vault("opening the vault file", format!("{}: {e}", path.display()))
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(db_err("configuring the vault file"))?;
        // WAL + synchronous=FULL: a committed mapping survives a killed process and a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err("configuring the vault file"))?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db_err("configuring the vault file"))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(db_err("configuring the vault file"))?;
        // Deleted pages are overwritten, so purged ciphertext does not linger in free pages.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(db_err("configuring the vault file"))?;
        // 32 MiB of page cache per connection (the default 2 MiB made the writer re-read the
        // B-tree pages of busy sessions from the file on every commit).
        conn.pragma_update(None, "cache_size", -32768)
            .map_err(db_err("configuring the vault file"))?;
        Ok(conn)
    }

    /// Hands a write to the writer thread and waits until it is committed.
    fn write(&self, write: Write) -> Result<()> {
        self.submit(write).wait()
    }

    /// Hands a write to the writer thread.
    fn submit(&self, write: Write) -> PendingWrite {
        let what = write.what();
        let (done, answer) = mpsc::sync_channel(1);
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        let sent = self
            .writes
            .as_ref()
            .is_some_and(|w| w.send(Job { write, done }).is_ok());
        if !sent {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            return PendingWrite::done(Err(Error::vault(what, "the vault writer thread stopped")));
        }
        PendingWrite(Pending::Queued(answer, what))
    }

    /// Waits until every write handed over so far is committed (reads see their own writes).
    fn settle(&self) -> Result<()> {
        if self.in_flight.load(Ordering::Acquire) == 0 {
            return Ok(());
        }
        self.write(Write::Barrier)
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // Closing the channel ends the writer once it has answered every write it holds.
        self.writes = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

impl Store for SqliteStore {
    fn create_session(&self, rec: &SessionRecord) -> Result<()> {
        self.write(Write::Create(rec.clone()))
    }

    fn begin_create_session(&self, rec: &SessionRecord) -> PendingWrite {
        self.submit(Write::Create(rec.clone()))
    }

    fn get_session(&self, id: &str) -> Result<Option<SessionRecord>> {
        self.settle()?;
        self.conn()
            .prepare_cached(
                "SELECT id, created_at, expires_at, master_key_id, wrapped_key
                 FROM sessions WHERE id = ?1",
            )
            .and_then(|mut stmt| {
                stmt.query_row(params![id], |r| {
                    Ok(SessionRecord {
                        id: r.get(0)?,
                        created_at: r.get::<_, i64>(1)? as u64,
                        expires_at: r.get::<_, Option<i64>>(2)?.map(|t| t as u64),
                        master_key_id: r.get(3)?,
                        wrapped_key: r.get(4)?,
                    })
                })
                .optional()
            })
            .map_err(db_err("reading a session"))
    }

    fn list_sessions(&self) -> Result<Vec<SessionInfo>> {
        self.settle()?;
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT s.id, s.created_at, s.expires_at,
                        (SELECT COUNT(*) FROM entries e WHERE e.session = s.id)
                 FROM sessions s ORDER BY s.id",
            )
            .map_err(db_err("listing sessions"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SessionInfo {
                    id: r.get(0)?,
                    created_at: r.get::<_, i64>(1)? as u64,
                    expires_at: r.get::<_, Option<i64>>(2)?.map(|t| t as u64),
                    entries: r.get::<_, i64>(3)? as u64,
                })
            })
            .map_err(db_err("listing sessions"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_err("listing sessions"))
    }

    fn purge_session(&self, id: &str) -> Result<bool> {
        self.settle()?;
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db_err("purging a session"))?;
        // The key goes first: from here on the entries are unreadable even if a copy survives.
        let n = tx
            .execute("DELETE FROM sessions WHERE id = ?1", params![id])
            .map_err(db_err("purging a session"))?;
        tx.execute("DELETE FROM entries WHERE session = ?1", params![id])
            .map_err(db_err("purging a session"))?;
        tx.commit().map_err(db_err("purging a session"))?;
        Ok(n > 0)
    }

    fn expired_sessions(&self, now: u64) -> Result<Vec<String>> {
        self.settle()?;
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?1")
            .map_err(db_err("listing expired sessions"))?;
        let rows = stmt
            .query_map(params![now as i64], |r| r.get::<_, String>(0))
            .map_err(db_err("listing expired sessions"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_err("listing expired sessions"))
    }

    fn append_entries(&self, session: &str, entries: Vec<EntryRecord>) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        self.write(Write::Append(session.to_string(), entries))
    }

    fn entries(&self, session: &str) -> Result<Vec<EntryRecord>> {
        self.settle()?;
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT seq, lookup, sealed FROM entries WHERE session = ?1 ORDER BY seq",
            )
            .map_err(db_err("reading entries"))?;
        let rows = stmt
            .query_map(params![session], |r| {
                let lookup: Vec<u8> = r.get(1)?;
                Ok((r.get::<_, i64>(0)? as u64, lookup, r.get::<_, Vec<u8>>(2)?))
            })
            .map_err(db_err("reading entries"))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, lookup, sealed) = row.map_err(db_err("reading entries"))?;
            let lookup: [u8; 32] = lookup
                .as_slice()
                .try_into()
                .map_err(|_| Error::vault("reading entries", "malformed lookup hash"))?;
            out.push(EntryRecord {
                seq,
                lookup,
                sealed,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(store: &dyn Store) {
        let rec = SessionRecord {
            id: "s1".into(),
            created_at: 100,
            expires_at: Some(200),
            master_key_id: "abcd".into(),
            wrapped_key: vec![1, 2, 3],
        };
        store.create_session(&rec).unwrap();
        assert!(store.create_session(&rec).is_err());
        assert_eq!(store.get_session("s1").unwrap(), Some(rec.clone()));
        assert_eq!(store.get_session("nope").unwrap(), None);
        let e = |seq| EntryRecord {
            seq,
            lookup: [seq as u8; 32],
            sealed: vec![seq as u8; 5],
        };
        store.append_entries("s1", vec![e(0), e(1)]).unwrap();
        store.append_entries("s1", vec![e(2)]).unwrap();
        assert_eq!(store.entries("s1").unwrap(), vec![e(0), e(1), e(2)]);
        // A duplicate seq fails the whole batch.
        if store.append_entries("s1", vec![e(3), e(2)]).is_ok() {
            // The memory store does not check sequence numbers; only SQLite enforces them.
        } else {
            assert_eq!(store.entries("s1").unwrap().len(), 3);
        }
        assert_eq!(store.list_sessions().unwrap()[0].id, "s1");
        assert_eq!(store.expired_sessions(150).unwrap(), Vec::<String>::new());
        assert_eq!(store.expired_sessions(200).unwrap(), vec!["s1".to_string()]);
        assert!(store.purge_session("s1").unwrap());
        assert!(!store.purge_session("s1").unwrap());
        assert!(store.entries("s1").unwrap().is_empty());
    }

    #[test]
    fn memory_store() {
        exercise(&MemoryStore::new());
    }

    #[test]
    fn sqlite_store_and_atomic_batches() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&dir.path().join("v.db")).unwrap();
        exercise(&s);
    }

    #[test]
    fn sqlite_group_commit_fails_only_the_failing_write() {
        let dir = tempfile::tempdir().unwrap();
        let s = std::sync::Arc::new(SqliteStore::open(&dir.path().join("v.db")).unwrap());
        let rec = |i: usize| SessionRecord {
            id: format!("s{i}"),
            created_at: 1,
            expires_at: None,
            master_key_id: "k".into(),
            wrapped_key: vec![i as u8],
        };
        s.create_session(&rec(0)).unwrap();
        // Eight threads write at once, so their writes share transactions; every fourth
        // thread also tries to create an id that exists, which must fail on its own.
        let threads: Vec<_> = (1..=8)
            .map(|i| {
                let s = s.clone();
                std::thread::spawn(move || {
                    let pending = s.begin_create_session(&rec(i));
                    let dup = (i % 4 == 0).then(|| s.create_session(&rec(0)));
                    for seq in 0..20u64 {
                        let e = EntryRecord {
                            seq,
                            lookup: [i as u8; 32],
                            sealed: vec![seq as u8; 3],
                        };
                        s.append_entries(&format!("s{i}"), vec![e]).unwrap();
                    }
                    pending.wait().unwrap();
                    dup
                })
            })
            .collect();
        for t in threads {
            if let Some(dup) = t.join().unwrap() {
                assert!(dup.is_err(), "creating an existing id must fail");
            }
        }
        assert_eq!(s.list_sessions().unwrap().len(), 9);
        for i in 1..=8 {
            assert_eq!(s.entries(&format!("s{i}")).unwrap().len(), 20);
        }
        // Entries of a session that does not exist are refused (foreign key), alone.
        let orphan = EntryRecord {
            seq: 0,
            lookup: [0; 32],
            sealed: vec![1],
        };
        assert!(s.append_entries("nope", vec![orphan]).is_err());
        assert_eq!(s.entries("s1").unwrap().len(), 20);
    }

    #[test]
    fn sqlite_reads_see_a_queued_create() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&dir.path().join("v.db")).unwrap();
        let rec = SessionRecord {
            id: "q".into(),
            created_at: 1,
            expires_at: None,
            master_key_id: "k".into(),
            wrapped_key: vec![],
        };
        // Not waited for: the read after it must still see it.
        let pending = s.begin_create_session(&rec);
        assert_eq!(s.get_session("q").unwrap(), Some(rec));
        pending.wait().unwrap();
    }
}

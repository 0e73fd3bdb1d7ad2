//! Audit drains: ship audit records to a file sink (JSON lines, fsynced) or an HTTP sink (JSON
//! batches POSTed), at least once and in order. The store itself is the spool: each sink has a
//! cursor (`audit_drains.acked_seq`) that moves only after the sink acknowledged a batch, so a
//! sink that is down loses nothing; delivery resumes where it stopped. Records carry their
//! `seq`, so a receiver can drop the duplicates a crash between delivery and acknowledgement
//! may cause. A sink that fails for longer than `stall_secs` raises an alert.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::alerts::Alerts;
use super::audit::{self, AuditError, AuditKeys};
use super::store::{self, now};

#[derive(Debug, Clone, PartialEq)]
pub enum Sink {
    File(PathBuf),
    Http(String),
}

impl Sink {
    /// `file:PATH` or an `http(s)://` URL.
    pub fn parse(s: &str) -> Option<Sink> {
        if let Some(p) = s.strip_prefix("file:") {
            return Some(Sink::File(PathBuf::from(p)));
        }
        (s.starts_with("http://") || s.starts_with("https://")).then(|| Sink::Http(s.to_string()))
    }

    fn name(&self) -> String {
        match self {
            Sink::File(p) => format!("file:{}", p.display()),
            Sink::Http(u) => u.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DrainError {
    #[error(transparent)]
    Audit(#[from] AuditError),
    #[error("sink {sink}: {why}")]
    Sink { sink: String, why: String },
}

impl From<rusqlite::Error> for DrainError {
    fn from(e: rusqlite::Error) -> DrainError {
        DrainError::Audit(AuditError::Store(e))
    }
}

pub struct Options {
    pub batch: usize,
    /// Keep waiting for new records instead of stopping when caught up.
    pub follow: bool,
    pub stall_secs: u64,
    /// Give up after this many consecutive failures (None: never).
    pub max_failures: Option<u32>,
    /// When set (by the gateway's shutdown), a following drain delivers what is there and
    /// stops; a failing one stops at once, its records stay spooled.
    pub stop: Option<Arc<AtomicBool>>,
}

impl Options {
    fn stopping(&self) -> bool {
        self.stop.as_ref().is_some_and(|s| s.load(Ordering::SeqCst))
    }
}

/// Records acknowledged so far by `sink`.
pub fn cursor(path: &Path, sink: &Sink) -> Result<i64, DrainError> {
    let conn = store::open(path)?;
    Ok(conn
        .query_row(
            "SELECT acked_seq FROM audit_drains WHERE sink = ?1",
            params![sink.name()],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

async fn deliver(
    sink: &Sink,
    client: &reqwest::Client,
    batch: &[(i64, audit::Record)],
) -> Result<(), String> {
    let lines: Vec<Value> = batch
        .iter()
        .map(|(seq, r)| {
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["seq"] = json!(seq);
            v
        })
        .collect();
    match sink {
        Sink::File(p) => {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| e.to_string())?;
            let mut buf = Vec::new();
            for l in &lines {
                buf.extend_from_slice(l.to_string().as_bytes());
                buf.push(b'\n');
            }
            f.write_all(&buf).map_err(|e| e.to_string())?;
            f.sync_data().map_err(|e| e.to_string())
        }
        Sink::Http(url) => {
            let r = client
                .post(url)
                .json(&json!({ "records": lines }))
                .timeout(Duration::from_secs(30))
                .send()
                .await
                .map_err(|e| e.without_url().to_string())?;
            if r.status().is_success() {
                Ok(())
            } else {
                Err(format!("HTTP {}", r.status().as_u16()))
            }
        }
    }
}

/// Ships every record after the sink's cursor; returns how many were delivered.
pub async fn run(
    path: &Path,
    keys: &AuditKeys,
    sink: &Sink,
    opts: &Options,
    alerts: &Alerts,
) -> Result<u64, DrainError> {
    let conn = store::open(path)?;
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .build()
        .map_err(|e| DrainError::Sink {
            sink: sink.name(),
            why: e.to_string(),
        })?;
    let mut acked: i64 = conn
        .query_row(
            "SELECT acked_seq FROM audit_drains WHERE sink = ?1",
            params![sink.name()],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let mut delivered = 0u64;
    let mut failing_since: Option<Instant> = None;
    let mut failures = 0u32;
    let mut alerted = false;
    loop {
        let batch = audit::read_after(&conn, keys, acked, opts.batch.max(1))?;
        if batch.is_empty() {
            if !opts.follow || opts.stopping() {
                return Ok(delivered);
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        }
        match deliver(sink, &client, &batch).await {
            Ok(()) => {
                let last = batch.last().map_or(acked, |b| b.0);
                conn.execute(
                    "INSERT INTO audit_drains (sink, acked_seq, updated) VALUES (?1, ?2, ?3)
                     ON CONFLICT (sink) DO UPDATE SET acked_seq = ?2, updated = ?3",
                    params![sink.name(), last, now()],
                )?;
                acked = last;
                delivered += batch.len() as u64;
                failing_since = None;
                failures = 0;
                alerted = false;
            }
            Err(why) => {
                failures += 1;
                let since = *failing_since.get_or_insert_with(Instant::now);
                super::log(&format!(
                    "audit drain to {}: {why} (attempt {failures}; records after {acked} stay spooled)",
                    sink.name()
                ));
                if !alerted && since.elapsed() >= Duration::from_secs(opts.stall_secs) {
                    alerted = true;
                    alerts.send(
                        "audit_drain_stalled",
                        json!({"sink": sink.name(), "acked_seq": acked,
                               "failing_secs": since.elapsed().as_secs()}),
                    );
                }
                if opts.stopping() {
                    return Ok(delivered);
                }
                if opts.max_failures.is_some_and(|m| failures >= m) {
                    return Err(DrainError::Sink {
                        sink: sink.name(),
                        why,
                    });
                }
                let backoff = Duration::from_millis((200u64 << failures.min(8)).min(30_000));
                tokio::time::sleep(backoff).await;
            }
        }
    }
}

/// The drains of `[[audit.drains]]`, each on its own thread, while the gateway serves.
pub struct Running {
    stop: Arc<AtomicBool>,
    threads: Vec<(String, std::thread::JoinHandle<()>)>,
}

/// Starts one following drain per configured sink.
pub fn start(
    path: &Path,
    cfg: &super::config::Audit,
    alerts: &Alerts,
) -> Result<Running, DrainError> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for d in &cfg.drains {
        let sink = Sink::parse(&d.sink).ok_or_else(|| DrainError::Sink {
            sink: d.sink.clone(),
            why: "expected file:PATH or an http(s):// URL".into(),
        })?;
        let keys = AuditKeys::load(cfg, path)?;
        let opts = Options {
            batch: d.batch.max(1),
            follow: true,
            stall_secs: d.stall_secs,
            max_failures: None,
            stop: Some(stop.clone()),
        };
        let (path, alerts, name) = (path.to_path_buf(), alerts.clone(), sink.name());
        let thread = std::thread::Builder::new()
            .name("audit-drain".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        super::log(&format!("audit drain to {}: {e}", sink.name()));
                        return;
                    }
                };
                match rt.block_on(run(&path, &keys, &sink, &opts, &alerts)) {
                    Ok(n) => super::log(&format!(
                        "audit drain to {}: stopped, {n} records delivered",
                        sink.name()
                    )),
                    Err(e) => super::log(&format!("audit drain to {}: {e}", sink.name())),
                }
            })
            .map_err(|e| DrainError::Sink {
                sink: name.clone(),
                why: e.to_string(),
            })?;
        super::log(&format!("audit drain to {name}: started"));
        threads.push((name, thread));
    }
    Ok(Running { stop, threads })
}

impl Running {
    /// Asks every drain to deliver what is left and stop; waits up to `wait` for them. A drain
    /// still busy then keeps its records spooled for the next start.
    pub fn finish(self, wait: Duration) {
        self.stop.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + wait;
        for (name, t) in self.threads {
            while !t.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            if t.is_finished() {
                let _ = t.join();
            } else {
                super::log(&format!(
                    "audit drain to {name}: still delivering at shutdown; the rest stays spooled"
                ));
            }
        }
    }
}

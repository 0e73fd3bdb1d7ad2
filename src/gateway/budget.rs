//! Per-key rate limits (requests and tokens per minute, fixed one-minute windows) and budgets
//! (USD per UTC day and month, priced from the model table in the config, counted from the
//! upstream's usage fields). Usage is persisted in the store so a restart does not reset it.
//!
//! The check happens before the call and the charge after it, so concurrent requests can
//! overshoot a budget by what is in flight; the next request is then refused.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, params};
use serde_json::json;

use super::alerts::Alerts;
use super::keys::KeyRecord;
use super::store::{self, StoreError, now, rfc3339};

#[derive(Default, Clone)]
struct Usage {
    day: String,
    usd_day: f64,
    month: String,
    usd_month: f64,
}

#[derive(Default)]
struct Window {
    minute: i64,
    requests: u32,
    tokens: u64,
}

/// Prompt tokens, completion tokens, USD.
type Pending = (u64, u64, f64);

pub struct Budgets {
    conn: Mutex<Connection>,
    usage: Mutex<HashMap<String, Usage>>,
    windows: Mutex<HashMap<String, Window>>,
    /// (key id, period) -> (prompt tokens, completion tokens, USD) not yet written.
    pending: Mutex<HashMap<(String, String), Pending>>,
    alerts: Alerts,
}

/// Why a request was refused (HTTP 429). No PHI.
#[derive(Debug)]
pub struct Refusal(pub String);

fn periods(t: i64) -> (String, String) {
    let d = rfc3339(t);
    (d[..10].to_string(), d[..7].to_string())
}

impl Budgets {
    pub fn open(path: &Path, alerts: Alerts) -> Result<Budgets, StoreError> {
        Ok(Budgets {
            conn: Mutex::new(store::open(path)?),
            usage: Mutex::new(HashMap::new()),
            windows: Mutex::new(HashMap::new()),
            pending: Mutex::new(HashMap::new()),
            alerts,
        })
    }

    fn usage(&self, key_id: &str) -> Usage {
        let (day, month) = periods(now());
        let mut cache = self.usage.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(u) = cache.get(key_id)
            && u.day == day
        {
            return u.clone();
        }
        let read = |period: &str| -> f64 {
            let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
            conn.query_row(
                "SELECT usd FROM usage WHERE key_id = ?1 AND period = ?2",
                params![key_id, period],
                |r| r.get(0),
            )
            .unwrap_or(0.0)
        };
        let u = Usage {
            usd_day: read(&day),
            usd_month: read(&month),
            day,
            month,
        };
        cache.insert(key_id.to_string(), u.clone());
        u
    }

    /// Refuses when a rate limit or budget is spent.
    pub fn check(&self, key: &KeyRecord) -> Result<(), Refusal> {
        let minute = now() / 60;
        {
            let mut w = self.windows.lock().unwrap_or_else(|p| p.into_inner());
            let win = w.entry(key.id.clone()).or_default();
            if win.minute != minute {
                *win = Window {
                    minute,
                    ..Window::default()
                };
            }
            if let Some(rpm) = key.rpm
                && win.requests >= rpm
            {
                return Err(Refusal(format!(
                    "rate limit: {rpm} requests per minute for key {}",
                    key.id
                )));
            }
            if let Some(tpm) = key.tpm
                && win.tokens >= u64::from(tpm)
            {
                return Err(Refusal(format!(
                    "rate limit: {tpm} tokens per minute for key {}",
                    key.id
                )));
            }
            win.requests += 1;
        }
        if key.usd_day.is_none() && key.usd_month.is_none() {
            return Ok(());
        }
        let u = self.usage(&key.id);
        if let Some(b) = key.usd_day
            && u.usd_day >= b
        {
            return Err(Refusal(format!(
                "budget spent: key {} used ${:.4} of its ${b:.2} daily budget",
                key.id, u.usd_day
            )));
        }
        if let Some(b) = key.usd_month
            && u.usd_month >= b
        {
            return Err(Refusal(format!(
                "budget spent: key {} used ${:.4} of its ${b:.2} monthly budget",
                key.id, u.usd_month
            )));
        }
        Ok(())
    }

    /// Charges a finished request and raises threshold alerts. Does not block on the store
    /// (usage is written by `flush`), except to read a key's spend once per day.
    pub fn charge(&self, key: &KeyRecord, prompt: u64, completion: u64, usd: f64) {
        {
            let mut w = self.windows.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(win) = w.get_mut(&key.id) {
                win.tokens += prompt + completion;
            }
        }
        if prompt + completion == 0 && usd == 0.0 {
            return;
        }
        let before = self.usage(&key.id);
        {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            for period in [&before.day, &before.month] {
                let e = pending.entry((key.id.clone(), period.clone())).or_default();
                e.0 += prompt;
                e.1 += completion;
                e.2 += usd;
            }
        }
        let after = {
            let mut cache = self.usage.lock().unwrap_or_else(|p| p.into_inner());
            let u = cache
                .entry(key.id.clone())
                .or_insert_with(|| before.clone());
            u.usd_day += usd;
            u.usd_month += usd;
            u.clone()
        };
        for (period, budget, b, a) in [
            ("day", key.usd_day, before.usd_day, after.usd_day),
            ("month", key.usd_month, before.usd_month, after.usd_month),
        ] {
            let Some(budget) = budget.filter(|b| *b > 0.0) else {
                continue;
            };
            for pct in [50.0, 80.0, 100.0] {
                let t = budget * pct / 100.0;
                if b < t && a >= t {
                    self.alerts.send(
                        "budget_threshold",
                        json!({"key_id": key.id, "scope": key.scope(), "period": period,
                               "percent": pct, "used_usd": a, "budget_usd": budget}),
                    );
                }
            }
        }
    }

    /// Writes pending usage to the store in one transaction. Called every second by the
    /// server (`start_flusher`) and at shutdown; a crash loses at most that second of usage
    /// (the audit log still has every request's tokens and cost).
    pub fn flush(&self) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|p| p.into_inner()));
        if pending.is_empty() {
            return;
        }
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let r = (|| -> Result<(), StoreError> {
            let tx = conn.transaction()?;
            for ((key_id, period), (p, c, usd)) in &pending {
                tx.execute(
                    "INSERT INTO usage (key_id, period, prompt_tokens, completion_tokens, usd)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (key_id, period) DO UPDATE SET
                       prompt_tokens = prompt_tokens + ?3,
                       completion_tokens = completion_tokens + ?4,
                       usd = usd + ?5",
                    params![key_id, period, *p as i64, *c as i64, usd],
                )?;
            }
            tx.commit()
        })();
        if let Err(e) = r {
            super::log(&format!("usage write failed: {e}"));
        }
    }

    /// Flushes usage every second on a thread of its own until `self` is dropped.
    pub fn start_flusher(self: &std::sync::Arc<Self>) {
        let weak = std::sync::Arc::downgrade(self);
        let _ = std::thread::Builder::new()
            .name("phiscrub-usage".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    match weak.upgrade() {
                        Some(b) => b.flush(),
                        None => return,
                    }
                }
            });
    }

    /// Current spend, for `keys list`.
    pub fn spent(&self, key_id: &str) -> (f64, f64) {
        let u = self.usage(key_id);
        (u.usd_day, u.usd_month)
    }
}

/// Cost of a call in USD from the per-million-token prices.
pub fn cost(model: &super::config::Model, prompt: u64, completion: u64) -> f64 {
    (prompt as f64 * model.input_usd_per_mtok + completion as f64 * model.output_usd_per_mtok) / 1e6
}

//! Gateway keys: created once and shown once, stored as SHA-256 hashes, scoped to an
//! app/team/environment, each with its allowed models, de-identification policy, rate limits
//! and budgets. A key reads `phs_<id>_<secret>`; the id (public) finds the row, the hash of the
//! whole key authenticates it in constant time.
//!
//! The server caches looked-up keys for a few seconds, so `phiscrub keys revoke` from another
//! process takes effect within `CACHE_TTL`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::store::{self, StoreError, hex, now};

const CACHE_TTL: Duration = Duration::from_secs(5);

/// What a key may do. Never holds the secret.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyRecord {
    pub id: String,
    pub name: String,
    pub app: String,
    pub team: String,
    pub env: String,
    /// Allowed model names; empty means all configured models.
    pub models: Vec<String>,
    pub policy: String,
    /// false: de-identification off (an upstream covered by a BAA); the audit log says so.
    pub deid: bool,
    /// true: the audit log also keeps the raw prompt and response (encrypted like the rest).
    pub store_raw: bool,
    pub admin: bool,
    pub rpm: Option<u32>,
    pub tpm: Option<u32>,
    pub usd_day: Option<f64>,
    pub usd_month: Option<f64>,
    pub created: i64,
    pub expires: Option<i64>,
    pub revoked: Option<i64>,
}

impl KeyRecord {
    pub fn allows_model(&self, model: &str) -> bool {
        self.models.is_empty() || self.models.iter().any(|m| m == model)
    }

    pub fn usable_at(&self, t: i64) -> bool {
        self.revoked.is_none() && self.expires.is_none_or(|e| t < e)
    }

    pub fn scope(&self) -> String {
        format!("{}/{}/{}", self.app, self.team, self.env)
    }
}

/// Options for a new key.
#[derive(Debug, Clone, Default)]
pub struct NewKey {
    pub name: String,
    pub app: String,
    pub team: String,
    pub env: String,
    pub models: Vec<String>,
    pub policy: String,
    pub deid: bool,
    pub store_raw: bool,
    pub admin: bool,
    pub rpm: Option<u32>,
    pub tpm: Option<u32>,
    pub usd_day: Option<f64>,
    pub usd_month: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key store: {0}")]
    Store(#[from] StoreError),
    #[error("no key with id {0}")]
    NotFound(String),
}

/// When a key row was read, and the row (hash, record) if it exists.
type Cached = (Instant, Option<(Vec<u8>, KeyRecord)>);

pub struct KeyStore {
    conn: Mutex<Connection>,
    cache: Mutex<HashMap<String, Cached>>,
}

fn hash_key(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The public id part of a presented key, if it has our shape.
fn key_id(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("phs_")?;
    let (id, secret) = rest.split_once('_')?;
    (id.len() == 12 && !secret.is_empty()).then_some(id)
}

impl KeyStore {
    pub fn open(path: &Path) -> Result<KeyStore, KeyError> {
        Ok(KeyStore {
            conn: Mutex::new(store::open(path)?),
            cache: Mutex::new(HashMap::new()),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Creates a key; returns the secret (shown once) and the record.
    pub fn create(&self, k: &NewKey) -> Result<(String, KeyRecord), KeyError> {
        let id = hex(&store::random::<6>());
        let secret = format!("phs_{id}_{}", hex(&store::random::<24>()));
        let rec = KeyRecord {
            id: id.clone(),
            name: k.name.clone(),
            app: k.app.clone(),
            team: k.team.clone(),
            env: k.env.clone(),
            models: k.models.clone(),
            policy: k.policy.clone(),
            deid: k.deid,
            store_raw: k.store_raw,
            admin: k.admin,
            rpm: k.rpm,
            tpm: k.tpm,
            usd_day: k.usd_day,
            usd_month: k.usd_month,
            created: now(),
            expires: None,
            revoked: None,
        };
        self.insert(&rec, &hash_key(&secret))?;
        Ok((secret, rec))
    }

    fn insert(&self, r: &KeyRecord, hash: &[u8]) -> Result<(), KeyError> {
        self.conn().execute(
            "INSERT INTO gateway_keys (id, hash, name, app, team, env, models, policy, deid,
             store_raw, admin, rpm, tpm, usd_day, usd_month, created, expires, revoked)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                r.id,
                hash,
                r.name,
                r.app,
                r.team,
                r.env,
                r.models.join(","),
                r.policy,
                r.deid,
                r.store_raw,
                r.admin,
                r.rpm,
                r.tpm,
                r.usd_day,
                r.usd_month,
                r.created,
                r.expires,
                r.revoked
            ],
        )?;
        Ok(())
    }

    fn row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(Vec<u8>, KeyRecord)> {
        let models: String = row.get(6)?;
        Ok((
            row.get(1)?,
            KeyRecord {
                id: row.get(0)?,
                name: row.get(2)?,
                app: row.get(3)?,
                team: row.get(4)?,
                env: row.get(5)?,
                models: models
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                policy: row.get(7)?,
                deid: row.get(8)?,
                store_raw: row.get(9)?,
                admin: row.get(10)?,
                rpm: row.get(11)?,
                tpm: row.get(12)?,
                usd_day: row.get(13)?,
                usd_month: row.get(14)?,
                created: row.get(15)?,
                expires: row.get(16)?,
                revoked: row.get(17)?,
            },
        ))
    }

    const COLS: &'static str = "id, hash, name, app, team, env, models, policy, deid, store_raw,
        admin, rpm, tpm, usd_day, usd_month, created, expires, revoked";

    fn load(&self, id: &str) -> Result<Option<(Vec<u8>, KeyRecord)>, KeyError> {
        let sql = format!("SELECT {} FROM gateway_keys WHERE id = ?1", Self::COLS);
        Ok(self
            .conn()
            .query_row(&sql, params![id], Self::row)
            .optional()?)
    }

    pub fn list(&self) -> Result<Vec<KeyRecord>, KeyError> {
        let sql = format!(
            "SELECT {} FROM gateway_keys ORDER BY created, id",
            Self::COLS
        );
        let conn = self.conn();
        let mut st = conn.prepare(&sql)?;
        let rows = st.query_map([], Self::row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?.1);
        }
        Ok(out)
    }

    /// Authenticates a presented key. `Ok(None)`: unknown, wrong, revoked or expired.
    pub fn authenticate(&self, presented: &str) -> Result<Option<KeyRecord>, KeyError> {
        let Some(id) = key_id(presented) else {
            return Ok(None);
        };
        let cached = {
            let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            cache
                .get(id)
                .filter(|(t, _)| t.elapsed() < CACHE_TTL)
                .map(|(_, v)| v.clone())
        };
        let entry = match cached {
            Some(e) => e,
            None => {
                let e = self.load(id)?;
                self.cache
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(id.to_string(), (Instant::now(), e.clone()));
                e
            }
        };
        Ok(entry.and_then(|(hash, rec)| {
            (ct_eq(&hash, &hash_key(presented)) && rec.usable_at(now())).then_some(rec)
        }))
    }

    pub fn revoke(&self, id: &str) -> Result<(), KeyError> {
        let n = self.conn().execute(
            "UPDATE gateway_keys SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL",
            params![id, now()],
        )?;
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        if n == 0 {
            return Err(KeyError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Issues a new key with the same scope and limits; the old one keeps working for
    /// `overlap` and then expires.
    pub fn rotate(&self, id: &str, overlap: Duration) -> Result<(String, KeyRecord), KeyError> {
        let (_, old) = self
            .load(id)?
            .filter(|(_, r)| r.revoked.is_none())
            .ok_or_else(|| KeyError::NotFound(id.to_string()))?;
        let new = NewKey {
            name: old.name.clone(),
            app: old.app.clone(),
            team: old.team.clone(),
            env: old.env.clone(),
            models: old.models.clone(),
            policy: old.policy.clone(),
            deid: old.deid,
            store_raw: old.store_raw,
            admin: old.admin,
            rpm: old.rpm,
            tpm: old.tpm,
            usd_day: old.usd_day,
            usd_month: old.usd_month,
        };
        let created = self.create(&new)?;
        let expires = now() + overlap.as_secs() as i64;
        self.conn().execute(
            "UPDATE gateway_keys SET expires = ?2 WHERE id = ?1 AND (expires IS NULL OR expires > ?2)",
            params![id, expires],
        )?;
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        Ok(created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_authenticate_revoke_rotate() {
        let dir = tempfile::tempdir().unwrap();
        let ks = KeyStore::open(&dir.path().join("g.db")).unwrap();
        let (secret, rec) = ks
            .create(&NewKey {
                name: "t".into(),
                models: vec!["m".into()],
                policy: "tokens".into(),
                deid: true,
                ..NewKey::default()
            })
            .unwrap();
        assert_eq!(ks.authenticate(&secret).unwrap().unwrap().id, rec.id);
        let mut wrong = secret.clone();
        wrong.pop();
        wrong.push('x');
        assert!(ks.authenticate(&wrong).unwrap().is_none());
        assert!(ks.authenticate("sk-other").unwrap().is_none());
        // The secret is not stored.
        let bytes = std::fs::read(dir.path().join("g.db")).unwrap_or_default();
        assert!(!bytes.windows(20).any(|w| w == &secret.as_bytes()[17..37]));

        let (s2, r2) = ks.rotate(&rec.id, Duration::from_secs(3600)).unwrap();
        assert!(
            ks.authenticate(&secret).unwrap().is_some(),
            "overlap window"
        );
        assert!(ks.authenticate(&s2).unwrap().is_some());
        ks.rotate(&r2.id, Duration::ZERO).unwrap();
        assert!(ks.authenticate(&s2).unwrap().is_none(), "zero overlap");
        ks.revoke(&rec.id).unwrap();
        assert!(ks.authenticate(&secret).unwrap().is_none());
        assert_eq!(ks.list().unwrap().len(), 3);
    }
}

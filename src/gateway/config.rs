//! The gateway's configuration file (`gateway.toml`): raw serde structs, then `validate`, which
//! checks every cross-reference and names the offending key (`models[1].routes[0].upstream`).
//!
//! Provider keys are never in this file: only the name of the environment variable or file that
//! holds each one (`api_key_env`, `api_key_file`); they are read once at start-up by `upstream`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A configuration error: the dotted key that is wrong and why. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "gateway config: {}", self.message)
        } else {
            write!(f, "gateway config: `{}`: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub server: Server,
    #[serde(default)]
    pub store: Store,
    #[serde(default)]
    pub deid: Deid,
    #[serde(default)]
    pub audit: Audit,
    #[serde(default)]
    pub alerts: Alerts,
    #[serde(default)]
    pub upstreams: Vec<Upstream>,
    #[serde(default)]
    pub models: Vec<Model>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Server {
    pub listen: String,
    /// Largest request body accepted (bytes); larger requests get 413.
    pub max_body_bytes: usize,
    /// Whole-request limit for non-streaming calls and for the wait for the first streamed byte.
    pub request_timeout_secs: u64,
    /// Longest silence tolerated between two chunks of an upstream stream.
    pub idle_timeout_secs: u64,
    /// Requests in flight beyond this are refused at once with 503 (no queue).
    pub max_concurrency: usize,
    /// Threads for detection and vault writes (tokio's blocking pool); 0: four per core, at
    /// least 8. Each thread keeps its own detector caches, so a pool far larger than the cores
    /// runs them cold: measured on 2 cores, 16 connections, one conversation, 3,240 req/s with
    /// tokio's default of 512 and 3,790-4,390 with 4-8; new sessions, whose threads also wait
    /// for the vault's commit, 1,830 with 512 and 2,050 with 8, but 1,650 with 2.
    pub blocking_threads: usize,
    pub tls: Option<Tls>,
}

impl Server {
    /// The blocking pool's size (see [`Server::blocking_threads`]).
    pub fn blocking_pool(&self) -> usize {
        if self.blocking_threads > 0 {
            return self.blocking_threads;
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        (4 * cores).max(8)
    }
}

impl Default for Server {
    fn default() -> Server {
        Server {
            listen: "127.0.0.1:8080".into(),
            max_body_bytes: 4 << 20,
            request_timeout_secs: 300,
            idle_timeout_secs: 60,
            max_concurrency: 512,
            blocking_threads: 0,
            tls: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Store {
    /// The embedded store (SQLite): keys, usage, audit log, vault sessions.
    pub path: PathBuf,
}

impl Default for Store {
    fn default() -> Store {
        Store {
            path: PathBuf::from("phiscrub-gateway.db"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImagePolicy {
    /// Refuse requests with image parts (a photo can be a full-face identifier).
    Reject,
    /// Forward image parts unchanged.
    Allow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFilter {
    Off,
    Flag,
    Redact,
    Fail,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Deid {
    /// Default policy for keys that do not name one (`tokens`, `surrogates`, `tags`, `safe-harbor`).
    pub policy: String,
    /// Detection slower than this refuses the request (fail closed).
    pub time_budget_ms: u64,
    pub images: ImagePolicy,
    /// What to do with PHI in an answer that did not come from the session.
    pub output_filter: OutputFilter,
    /// Master key file for the session vault (required unless every key has de-identification off).
    pub master_key_file: Option<PathBuf>,
}

impl Default for Deid {
    fn default() -> Deid {
        Deid {
            policy: "tokens".into(),
            time_budget_ms: 2000,
            images: ImagePolicy::Reject,
            output_filter: OutputFilter::Flag,
            master_key_file: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Audit {
    /// 32-byte key (64 hex characters) that wraps the audit log's data keys.
    pub master_key_file: Option<PathBuf>,
    /// Previous master keys, still needed to read segments written before a rotation.
    pub previous_master_key_files: Vec<PathBuf>,
    /// ed25519 seed (64 hex characters); created (mode 0600) if missing.
    pub signing_key_file: Option<PathBuf>,
    /// A signed checkpoint after this many records (and at every heartbeat and shutdown).
    pub checkpoint_every: u64,
    pub heartbeat_secs: u64,
    /// Records older than this are expired by `phiscrub audit expire`.
    pub retention_days: u64,
    /// A new data key after this many records (envelope key rotation).
    pub records_per_data_key: u64,
    /// Sinks that `phiscrub serve` ships records to while it runs (`[[audit.drains]]`); the
    /// same delivery as `phiscrub audit drain --follow`.
    pub drains: Vec<Drain>,
}

/// One audit sink served by the gateway.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drain {
    /// `file:PATH` (JSON lines, fsynced; a relative path is relative to the config file) or an
    /// `http(s)://` URL (JSON batches POSTed).
    pub sink: String,
    /// Records per delivery.
    #[serde(default = "default_drain_batch")]
    pub batch: usize,
    /// An alert when the sink has been failing this long.
    #[serde(default = "default_drain_stall")]
    pub stall_secs: u64,
}

fn default_drain_batch() -> usize {
    256
}
fn default_drain_stall() -> u64 {
    300
}

impl Default for Audit {
    fn default() -> Audit {
        Audit {
            master_key_file: None,
            previous_master_key_files: Vec::new(),
            signing_key_file: None,
            checkpoint_every: 256,
            heartbeat_secs: 60,
            retention_days: 6 * 365,
            records_per_data_key: 100_000,
            drains: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Alerts {
    /// JSON alerts are POSTed here (budget thresholds, upstream failure streaks).
    pub webhook: Option<String>,
    /// Consecutive upstream failures that raise an alert.
    pub failure_streak: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Openai,
    Anthropic,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    pub name: String,
    pub protocol: Protocol,
    /// `https://api.openai.com/v1` or `https://api.anthropic.com/v1`: paths are appended.
    pub base_url: String,
    pub api_key_env: Option<String>,
    pub api_key_file: Option<PathBuf>,
    #[serde(default = "default_upstream_timeout")]
    pub timeout_secs: u64,
    /// Retries on the same upstream before falling back to the next one.
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// Longest `retry-after` honoured (longer waits fall back at once).
    #[serde(default = "default_max_backoff")]
    pub max_backoff_ms: u64,
    /// Consecutive failures that open the circuit breaker.
    #[serde(default = "default_breaker_failures")]
    pub breaker_failures: u32,
    #[serde(default = "default_breaker_cooldown")]
    pub breaker_cooldown_secs: u64,
    /// Extra headers sent upstream (for example `anthropic-version`).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

fn default_upstream_timeout() -> u64 {
    120
}
fn default_retries() -> u32 {
    1
}
fn default_max_backoff() -> u64 {
    2000
}
fn default_breaker_failures() -> u32 {
    5
}
fn default_breaker_cooldown() -> u64 {
    30
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The name clients send.
    pub name: String,
    #[serde(default)]
    pub input_usd_per_mtok: f64,
    #[serde(default)]
    pub output_usd_per_mtok: f64,
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub upstream: String,
    /// The model name the upstream knows (default: the client's name).
    pub model: Option<String>,
    /// Lower goes first.
    #[serde(default)]
    pub priority: u32,
    /// Share of the traffic among routes of the same priority (default 1): a route of weight 3
    /// is tried first three times as often as one of weight 1; the others stay its fallbacks.
    #[serde(default = "default_weight")]
    pub weight: u32,
}

fn default_weight() -> u32 {
    1
}

impl Config {
    /// Parses and validates. Errors name the key (`server.listen`, `upstreams[0].base_url`).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            // toml's message names the key and line; keep it, it holds no secret (keys are
            // not in this file).
            ConfigError::new("", e.message().to_string() + &span_hint(text, e.span()))
        })?;
        config.validate()?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::new("", format!("cannot read {}: {e}", path.display())))?;
        let mut config = Config::from_toml(&text)?;
        config.resolve_relative(path.parent().unwrap_or(Path::new(".")));
        Ok(config)
    }

    /// Relative paths in the file are relative to the file's directory.
    fn resolve_relative(&mut self, dir: &Path) {
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = dir.join(&*p);
            }
        };
        fix(&mut self.store.path);
        if let Some(p) = self.deid.master_key_file.as_mut() {
            fix(p);
        }
        if let Some(p) = self.audit.master_key_file.as_mut() {
            fix(p);
        }
        for p in &mut self.audit.previous_master_key_files {
            fix(p);
        }
        if let Some(p) = self.audit.signing_key_file.as_mut() {
            fix(p);
        }
        for d in &mut self.audit.drains {
            if let Some(p) = d.sink.strip_prefix("file:") {
                let mut p = PathBuf::from(p);
                fix(&mut p);
                d.sink = format!("file:{}", p.display());
            }
        }
        if let Some(t) = self.server.tls.as_mut() {
            fix(&mut t.cert);
            fix(&mut t.key);
        }
        for u in &mut self.upstreams {
            if let Some(p) = u.api_key_file.as_mut() {
                fix(p);
            }
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.server.listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::new(
                "server.listen",
                "expected an address like 127.0.0.1:8080",
            ));
        }
        if self.server.max_body_bytes == 0 {
            return Err(ConfigError::new("server.max_body_bytes", "must be > 0"));
        }
        if self.server.max_concurrency == 0 {
            return Err(ConfigError::new("server.max_concurrency", "must be > 0"));
        }
        if self.deid.time_budget_ms == 0 {
            return Err(ConfigError::new("deid.time_budget_ms", "must be > 0"));
        }
        if !KNOWN_POLICIES.contains(&self.deid.policy.as_str()) {
            return Err(ConfigError::new(
                "deid.policy",
                format!("unknown policy; expected one of {KNOWN_POLICIES:?}"),
            ));
        }
        if self.audit.checkpoint_every == 0 {
            return Err(ConfigError::new("audit.checkpoint_every", "must be > 0"));
        }
        for (i, d) in self.audit.drains.iter().enumerate() {
            if super::drain::Sink::parse(&d.sink).is_none() {
                return Err(ConfigError::new(
                    format!("audit.drains[{i}].sink"),
                    "expected file:PATH or an http(s):// URL",
                ));
            }
            if d.batch == 0 {
                return Err(ConfigError::new(
                    format!("audit.drains[{i}].batch"),
                    "must be > 0",
                ));
            }
        }
        if self.audit.records_per_data_key == 0 {
            return Err(ConfigError::new(
                "audit.records_per_data_key",
                "must be > 0",
            ));
        }
        if let Some(w) = &self.alerts.webhook
            && !(w.starts_with("http://") || w.starts_with("https://"))
        {
            return Err(ConfigError::new("alerts.webhook", "must be an http(s) URL"));
        }
        let mut names = HashSet::new();
        for (i, u) in self.upstreams.iter().enumerate() {
            let k = |f: &str| format!("upstreams[{i}].{f}");
            if u.name.is_empty() || !names.insert(u.name.as_str()) {
                return Err(ConfigError::new(
                    k("name"),
                    "empty or duplicate upstream name",
                ));
            }
            if !(u.base_url.starts_with("http://") || u.base_url.starts_with("https://")) {
                return Err(ConfigError::new(
                    k("base_url"),
                    "must start with http:// or https://",
                ));
            }
            if u.api_key_env.is_some() && u.api_key_file.is_some() {
                return Err(ConfigError::new(
                    k("api_key_file"),
                    "give api_key_env or api_key_file, not both",
                ));
            }
            if u.timeout_secs == 0 {
                return Err(ConfigError::new(k("timeout_secs"), "must be > 0"));
            }
            if u.breaker_failures == 0 {
                return Err(ConfigError::new(k("breaker_failures"), "must be > 0"));
            }
        }
        if self.models.is_empty() {
            return Err(ConfigError::new(
                "models",
                "at least one [[models]] entry (with routes to an upstream) is needed",
            ));
        }
        let mut models = HashSet::new();
        for (i, m) in self.models.iter().enumerate() {
            if m.name.is_empty() || !models.insert(m.name.as_str()) {
                return Err(ConfigError::new(
                    format!("models[{i}].name"),
                    "empty or duplicate model name",
                ));
            }
            if !(m.input_usd_per_mtok >= 0.0 && m.output_usd_per_mtok >= 0.0) {
                return Err(ConfigError::new(
                    format!("models[{i}].input_usd_per_mtok"),
                    "prices must be >= 0",
                ));
            }
            if m.routes.is_empty() {
                return Err(ConfigError::new(
                    format!("models[{i}].routes"),
                    "at least one route is needed",
                ));
            }
            for (j, r) in m.routes.iter().enumerate() {
                if !names.contains(r.upstream.as_str()) {
                    return Err(ConfigError::new(
                        format!("models[{i}].routes[{j}].upstream"),
                        format!("no upstream named {:?}", r.upstream),
                    ));
                }
                if r.weight == 0 {
                    return Err(ConfigError::new(
                        format!("models[{i}].routes[{j}].weight"),
                        "must be 1 or more (a standby route takes a higher priority number)",
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    pub fn upstream(&self, name: &str) -> Option<&Upstream> {
        self.upstreams.iter().find(|u| u.name == name)
    }
}

pub const KNOWN_POLICIES: [&str; 4] = ["tokens", "surrogates", "tags", "safe-harbor"];

fn span_hint(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(r) => {
            let line = text[..r.start.min(text.len())].matches('\n').count() + 1;
            format!(" (line {line})")
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[[upstreams]]
name = "a"
protocol = "openai"
base_url = "http://127.0.0.1:9"

[[models]]
name = "m"
routes = [{ upstream = "a" }]
"#;

    #[test]
    fn errors_name_the_bad_key() {
        let cases: &[(&str, &str)] = &[
            ("[server]\nlisten = \"nope\"\n", "server.listen"),
            ("[deid]\npolicy = \"bogus\"\n", "deid.policy"),
            ("[alerts]\nwebhook = \"ftp://x\"\n", "alerts.webhook"),
            (
                "[[audit.drains]]\nsink = \"syslog:x\"\n",
                "audit.drains[0].sink",
            ),
        ];
        for (extra, key) in cases {
            let e = Config::from_toml(&format!("{extra}{BASE}")).unwrap_err();
            assert_eq!(e.key, *key, "{e}");
        }
        let bad_route = BASE.replace("upstream = \"a\"", "upstream = \"zz\"");
        let e = Config::from_toml(&bad_route).unwrap_err();
        assert_eq!(e.key, "models[0].routes[0].upstream");
        let zero = BASE.replace("upstream = \"a\"", "upstream = \"a\", weight = 0");
        let e = Config::from_toml(&zero).unwrap_err();
        assert_eq!(e.key, "models[0].routes[0].weight");
        let unknown = format!("{BASE}\n[server]\nlisen = \"x\"\n");
        let e = Config::from_toml(&unknown).unwrap_err();
        assert!(e.to_string().contains("lisen"), "{e}");
    }

    #[test]
    fn example_config_is_valid() {
        let text = include_str!("../../gateway.example.toml");
        let c = Config::from_toml(text).unwrap();
        // 0 in the example: four threads per core, at least 8.
        assert!(c.server.blocking_pool() >= 8);
        let set = format!("{BASE}\n[server]\nblocking_threads = 3\n");
        assert_eq!(Config::from_toml(&set).unwrap().server.blocking_pool(), 3);
    }
}

//! The gateway (`phiscrub serve`): an OpenAI- and Anthropic-compatible proxy that
//! de-identifies every text on its way to an LLM provider and re-identifies the answer.
//!
//! A team points its SDK's base URL at the gateway and uses a gateway key; the gateway
//! authenticates the key ([`keys`]), checks its limits and budget ([`budget`]), redacts the
//! request under the conversation's session ([`deid`], [`texts`]), picks an upstream with
//! failover ([`upstream`]), translates between the two protocols when the route needs it
//! ([`translate`]), re-identifies the answer (streamed answers through a streaming revealer,
//! [`stream`]) and writes one audit record ([`audit`]). [`router`] builds the axum `Router`
//! without a socket (tests call it directly); [`serve`] binds, serves (TLS optional) and shuts
//! down gracefully.
//!
//! Logs and errors name key ids, upstream names, labels, counts and offsets, never request text
//! or a provider key.

pub mod alerts;
pub mod audit;
pub mod budget;
pub mod config;
pub mod deid;
pub mod drain;
pub mod error;
pub mod keys;
pub mod metrics;
pub mod mock;
mod routes;
mod serve;
pub mod store;
mod stream;
pub mod texts;
pub mod translate;
pub mod upstream;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

pub use config::{Config, ConfigError};
pub use serve::serve;

/// Response header carrying the conversation's session id (also accepted on requests).
pub const SESSION_HEADER: &str = "x-phiscrub-session";

/// Everything a request needs; shared behind an `Arc`.
pub struct Gateway {
    pub config: Config,
    pub deid: Arc<dyn deid::Deid>,
    pub keys: keys::KeyStore,
    pub budgets: Arc<budget::Budgets>,
    pub upstreams: upstream::Upstreams,
    pub audit: audit::AuditLog,
    pub metrics: metrics::Metrics,
    pub concurrency: Arc<tokio::sync::Semaphore>,
    /// Webhook alerts (budgets, upstream failure streaks, stalled audit drains).
    pub alerts: alerts::Alerts,
    ready: AtomicBool,
}

pub type AppState = Arc<Gateway>;

/// Why the gateway could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("key store: {0}")]
    Keys(#[from] keys::KeyError),
    #[error("store: {0}")]
    Store(#[from] store::StoreError),
    #[error("audit log: {0}")]
    Audit(#[from] audit::AuditError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("audit drain: {0}")]
    Drain(#[from] drain::DrainError),
}

impl Gateway {
    /// Opens the store, loads provider keys and audit keys, starts the audit writer.
    pub fn new(config: Config, deid: Arc<dyn deid::Deid>) -> Result<AppState, StartError> {
        let alerts = alerts::Alerts::new(config.alerts.webhook.as_deref());
        let upstreams = upstream::Upstreams::new(&config, alerts.clone())?;
        let keys = keys::KeyStore::open(&config.store.path)?;
        let budgets = Arc::new(budget::Budgets::open(&config.store.path, alerts.clone())?);
        budgets.start_flusher();
        let audit_keys = audit::AuditKeys::load(&config.audit, &config.store.path)?;
        let audit = audit::AuditLog::start(&config.store.path, audit_keys, &config.audit)?;
        let concurrency = Arc::new(tokio::sync::Semaphore::new(config.server.max_concurrency));
        Ok(Arc::new(Gateway {
            config,
            deid,
            keys,
            budgets,
            upstreams,
            audit,
            metrics: metrics::Metrics::default(),
            concurrency,
            alerts,
            ready: AtomicBool::new(true),
        }))
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    /// Marks the gateway not ready (shutdown begun): `/readyz` answers 503.
    pub fn set_ready(&self, r: bool) {
        self.ready.store(r, Ordering::Relaxed);
    }
}

/// The HTTP surface, without a socket.
pub fn router(state: AppState) -> Router {
    let limit = state.config.server.max_body_bytes;
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route("/metrics", get(routes::metrics))
        .route("/v1/models", get(routes::models))
        .route("/v1/chat/completions", post(routes::openai_chat))
        .route("/v1/messages", post(routes::anthropic_messages))
        .fallback(routes::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// One log line on stderr. Callers pass ids, names, counts and labels only.
pub fn log(msg: &str) {
    eprintln!("{} phiscrub: {msg}", store::rfc3339(store::now()));
}

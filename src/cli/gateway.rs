//! CLI glue for the gateway: `serve`, `keys`, `audit`, and the hidden `mock-upstream`.
//! Flags -> validated config -> `phiscrub::gateway` calls -> exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};

use phiscrub::Engine;
use phiscrub::gateway::{self, Config, audit, keys, store};
use phiscrub::vault::{MasterKey, Vault};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Gateway configuration (see gateway.example.toml).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The NER model on the de-identification path (default off: rules only). With gated or
    /// always, a missing ONNX Runtime library or model stops the server at start.
    #[command(flatten)]
    pub model: super::ModelArgs,
}

#[derive(Args, Debug)]
pub struct KeysArgs {
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        default_value = "gateway.toml"
    )]
    pub config: PathBuf,
    #[command(subcommand)]
    pub cmd: KeysCmd,
}

#[derive(Subcommand, Debug)]
pub enum KeysCmd {
    /// Create a key; the secret is printed once and stored only as a hash.
    Create(CreateKey),
    /// List keys (never their secrets) with today's and this month's spend.
    List,
    /// Revoke a key at once.
    Revoke { id: String },
    /// Issue a new key with the same scope; the old one keeps working for --overlap-secs.
    Rotate {
        id: String,
        #[arg(long, default_value_t = 86_400)]
        overlap_secs: u64,
    },
}

#[derive(Args, Debug)]
pub struct CreateKey {
    #[arg(long, default_value = "")]
    pub name: String,
    #[arg(long, default_value = "default")]
    pub app: String,
    #[arg(long, default_value = "default")]
    pub team: String,
    #[arg(long, default_value = "prod")]
    pub env: String,
    /// Allowed models, comma separated (default: all configured models).
    #[arg(long, value_delimiter = ',')]
    pub models: Vec<String>,
    /// De-identification policy (default: the config's deid.policy).
    #[arg(long, default_value = "")]
    pub policy: String,
    /// Turn de-identification off for this key (only for upstreams under a BAA; audited).
    #[arg(long)]
    pub no_deid: bool,
    /// Keep raw prompts and answers in the (encrypted) audit log.
    #[arg(long)]
    pub store_raw: bool,
    /// May read the audit log (`audit search`, `audit export`).
    #[arg(long)]
    pub admin: bool,
    #[arg(long)]
    pub rpm: Option<u32>,
    #[arg(long)]
    pub tpm: Option<u32>,
    #[arg(long)]
    pub usd_day: Option<f64>,
    #[arg(long)]
    pub usd_month: Option<f64>,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        default_value = "gateway.toml"
    )]
    pub config: PathBuf,
    #[command(subcommand)]
    pub cmd: AuditCmd,
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// Check the hash chain, the signed checkpoints and (with the keys) every record's
    /// encryption; prints where the log was edited, cut, reordered or truncated. Exit 1 if so.
    Verify {
        /// Trusted ed25519 public key (hex); default: derived from the configured signing key.
        #[arg(long)]
        public_key: Option<String>,
        /// Check the chain only, without the master key.
        #[arg(long)]
        no_decrypt: bool,
        /// Verify this store file instead of the configured one.
        #[arg(long)]
        store: Option<PathBuf>,
    },
    /// Records of one key in a time range, as JSON lines (needs an admin key).
    Search {
        #[arg(long)]
        admin_key: String,
        #[arg(long = "key")]
        key_id: Option<String>,
        /// YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        until: Option<String>,
    },
    /// Every record as JSON lines to a file (needs an admin key).
    Export {
        #[arg(long)]
        admin_key: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Delete records older than audit.retention_days (up to a signed checkpoint).
    Expire,
    /// Ship records to a sink, at least once, in order, resuming where the sink last
    /// acknowledged (the store is the spool: a down sink loses nothing).
    Drain {
        /// `file:PATH` (JSON lines, fsynced) or an http(s):// URL (POST {"records": [...]}).
        #[arg(long)]
        sink: String,
        /// Keep running and ship new records as they come.
        #[arg(long)]
        follow: bool,
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Alert (log and webhook) when the sink has failed this long.
        #[arg(long, default_value_t = 300)]
        stall_secs: u64,
    },
}

fn load(path: &Path) -> Result<Config> {
    Ok(Config::load(path)?)
}

pub fn serve(a: ServeArgs) -> Result<ExitCode> {
    let config = load(&a.config)?;
    let engine: &'static Engine = Box::leak(Box::new(super::commands::engine(&a.model, None)?));
    let master_path = config.deid.master_key_file.clone().unwrap_or_else(|| {
        let mut p = config.store.path.as_os_str().to_owned();
        p.push(".vault-master.key");
        PathBuf::from(p)
    });
    if !master_path.exists() {
        let k = MasterKey::generate()?;
        write_new_secret(&master_path, &k.to_hex())?;
        eprintln!(
            "phiscrub serve: created vault master key {}",
            master_path.display()
        );
    }
    let master = MasterKey::from_file(&master_path)?;
    let vault = Vault::open(&config.store.path, master).context("opening the vault")?;
    let deid = Arc::new(gateway::deid::VaultDeid::new(engine, vault)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(config.server.blocking_pool())
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let state = gateway::Gateway::new(config, deid)?;
        let addr = state.config.server.listen.clone();
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        gateway::serve(listener, state, shutdown_signal()).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn write_new_secret(path: &Path, text: &str) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    writeln!(f, "{text}")?;
    Ok(())
}

pub fn keys(a: KeysArgs) -> Result<ExitCode> {
    let config = load(&a.config)?;
    let ks = keys::KeyStore::open(&config.store.path)?;
    match a.cmd {
        KeysCmd::Create(c) => {
            for m in &c.models {
                if config.model(m).is_none() {
                    bail!("--models: no model named {m:?} in the config");
                }
            }
            if !c.policy.is_empty() && !gateway::config::KNOWN_POLICIES.contains(&c.policy.as_str())
            {
                bail!(
                    "--policy: expected one of {:?}",
                    gateway::config::KNOWN_POLICIES
                );
            }
            let (secret, rec) = ks.create(&keys::NewKey {
                name: c.name,
                app: c.app,
                team: c.team,
                env: c.env,
                models: c.models,
                policy: c.policy,
                deid: !c.no_deid,
                store_raw: c.store_raw,
                admin: c.admin,
                rpm: c.rpm,
                tpm: c.tpm,
                usd_day: c.usd_day,
                usd_month: c.usd_month,
            })?;
            eprintln!(
                "key {} created; the secret below is shown only once:",
                rec.id
            );
            println!("{secret}");
        }
        KeysCmd::List => {
            let budgets = gateway::budget::Budgets::open(
                &config.store.path,
                gateway::alerts::Alerts::default(),
            )?;
            for k in ks.list()? {
                let (day, month) = budgets.spent(&k.id);
                let mut v = serde_json::to_value(&k)?;
                v["spent_usd_today"] = serde_json::json!(day);
                v["spent_usd_month"] = serde_json::json!(month);
                println!("{v}");
            }
        }
        KeysCmd::Revoke { id } => {
            ks.revoke(&id)?;
            eprintln!("key {id} revoked");
        }
        KeysCmd::Rotate { id, overlap_secs } => {
            let (secret, rec) = ks.rotate(&id, Duration::from_secs(overlap_secs))?;
            eprintln!(
                "key {} replaces {id} (which expires in {overlap_secs} s); the secret below is shown only once:",
                rec.id
            );
            println!("{secret}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn require_admin(config: &Config, key: &str) -> Result<()> {
    let ks = keys::KeyStore::open(&config.store.path)?;
    match ks.authenticate(key)? {
        Some(k) if k.admin => Ok(()),
        _ => bail!("--admin-key is not a valid admin key"),
    }
}

pub fn audit(a: AuditArgs) -> Result<ExitCode> {
    let config = load(&a.config)?;
    match a.cmd {
        AuditCmd::Verify {
            public_key,
            no_decrypt,
            store,
        } => {
            let path = store.unwrap_or_else(|| config.store.path.clone());
            let keys = audit::AuditKeys::load(&config.audit, &config.store.path)?;
            let pk = match public_key {
                Some(h) => {
                    let b = store::unhex(&h)
                        .and_then(|v| <[u8; 32]>::try_from(v).ok())
                        .context("--public-key: expected 64 hex characters")?;
                    ed25519_dalek::VerifyingKey::from_bytes(&b).context("--public-key")?
                }
                None => keys.signing.verifying_key(),
            };
            let rep = audit::verify(&path, &pk, (!no_decrypt).then_some(&keys));
            println!("{}", serde_json::to_string_pretty(&rep)?);
            if rep.ok() {
                eprintln!(
                    "audit log intact: {} records ({}..{}), {} signed checkpoints",
                    rep.records, rep.first_seq, rep.last_seq, rep.checkpoints
                );
                Ok(ExitCode::SUCCESS)
            } else {
                for p in &rep.problems {
                    eprintln!("audit log: {p}");
                }
                Ok(ExitCode::from(1))
            }
        }
        AuditCmd::Search {
            admin_key,
            key_id,
            since,
            until,
        } => {
            require_admin(&config, &admin_key)?;
            let t = |s: Option<String>, f: &str| -> Result<Option<i64>> {
                s.map(|s| store::parse_time(&s).with_context(|| format!("{f}: bad time {s:?}")))
                    .transpose()
            };
            let (since, until) = (t(since, "--since")?, t(until, "--until")?);
            let keys = audit::AuditKeys::load(&config.audit, &config.store.path)?;
            let out = std::io::stdout();
            let mut out = out.lock();
            let n = audit::read_records(
                &config.store.path,
                &keys,
                key_id.as_deref(),
                since,
                until,
                |seq, r| {
                    let mut v = serde_json::to_value(&r)?;
                    v["seq"] = serde_json::json!(seq);
                    writeln!(out, "{v}")
                },
            )?;
            eprintln!("{n} records");
            Ok(ExitCode::SUCCESS)
        }
        AuditCmd::Export { admin_key, output } => {
            require_admin(&config, &admin_key)?;
            let keys = audit::AuditKeys::load(&config.audit, &config.store.path)?;
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(&output)
                    .with_context(|| format!("creating {}", output.display()))?,
            );
            let n = audit::read_records(&config.store.path, &keys, None, None, None, |seq, r| {
                let mut v = serde_json::to_value(&r)?;
                v["seq"] = serde_json::json!(seq);
                writeln!(f, "{v}")
            })?;
            f.flush()?;
            eprintln!("{n} records written to {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        AuditCmd::Drain {
            sink,
            follow,
            batch,
            stall_secs,
        } => {
            let sink = gateway::drain::Sink::parse(&sink)
                .context("--sink: expected file:PATH or an http(s):// URL")?;
            let keys = audit::AuditKeys::load(&config.audit, &config.store.path)?;
            let alerts = gateway::alerts::Alerts::new(config.alerts.webhook.as_deref());
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            // Ctrl-C: deliver what is there, then stop (the rest stays spooled).
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let flag = stop.clone();
            rt.spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    flag.store(true, std::sync::atomic::Ordering::SeqCst);
                }
            });
            let opts = gateway::drain::Options {
                batch,
                follow,
                stall_secs,
                max_failures: None,
                stop: Some(stop),
            };
            let n = rt.block_on(gateway::drain::run(
                &config.store.path,
                &keys,
                &sink,
                &opts,
                &alerts,
            ))?;
            eprintln!("{n} records delivered");
            Ok(ExitCode::SUCCESS)
        }
        AuditCmd::Expire => {
            let n = audit::expire(&config.store.path, config.audit.retention_days)?;
            eprintln!(
                "{n} records older than {} days removed",
                config.audit.retention_days
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Hidden: runs the mock upstream (tests, load tests). Prints `listening on ADDR`.
pub fn mock_upstream(listen: String) -> Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen).await?;
        println!("listening on {}", listener.local_addr()?);
        std::io::stdout().flush()?;
        let state = Arc::new(gateway::mock::MockState::default());
        axum::serve(listener, gateway::mock::router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

//! The session verbs: `reveal` and `vault keygen|list|purge|gc`, and the glue that turns
//! `--policy`, `--session`, `--vault` and `--master-key-file` into a policy and a session.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use super::{SessionArgs, VaultArgs};
use phiscrub::policy::Policy;
use phiscrub::{MasterKey, Vault};

#[derive(Parser, Debug)]
pub struct RevealArgs {
    /// Input file, or - for standard input (default).
    #[arg(default_value = "-")]
    pub path: PathBuf,
    /// The session whose tokens to restore.
    #[arg(long, value_name = "ID", required = true)]
    pub session: String,
    #[command(flatten)]
    pub vault: VaultArgs,
}

#[derive(Subcommand, Debug)]
pub enum VaultCmd {
    /// Write a new random master key (64 hex characters) to FILE, readable by you only.
    Keygen { file: PathBuf },
    /// List sessions: id, creation and expiry time, number of mappings. Never values.
    List {
        #[command(flatten)]
        vault: VaultArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a session and its key: its mappings become unreadable (crypto-shredding).
    Purge {
        id: String,
        #[command(flatten)]
        vault: VaultArgs,
    },
    /// Purge every expired session.
    Gc {
        #[command(flatten)]
        vault: VaultArgs,
    },
}

/// Opens the vault named by the flags; every missing piece is a clear error.
pub fn open_vault(a: &VaultArgs) -> Result<Vault> {
    let Some(path) = &a.vault else {
        bail!("no vault given: pass --vault FILE or set PHISCRUB_VAULT");
    };
    let Some(key) = &a.master_key_file else {
        bail!(
            "no master key given: pass --master-key-file FILE or set PHISCRUB_MASTER_KEY_FILE \
             (create one with `phiscrub vault keygen FILE`)"
        );
    };
    let key = MasterKey::from_file(key)?;
    Ok(Vault::open(path, key)?)
}

/// The vault `--session` needs (none without a session), with `--session-ttl` applied to
/// the sessions it creates.
pub fn vault_for_session(a: &SessionArgs) -> Result<Option<Vault>> {
    if a.session.is_none() {
        return Ok(None);
    }
    let v = open_vault(&a.vault)?;
    Ok(Some(match a.session_ttl {
        Some(h) => v.with_ttl(std::time::Duration::from_secs(h.saturating_mul(3600))),
        None => v,
    }))
}

/// The policy the flags ask for: the named or file policy, else safe-harbor without a
/// session and tokens with one.
pub fn policy_of(a: &SessionArgs) -> Result<Policy> {
    let p = match &a.policy {
        Some(spec) => Policy::from_name_or_file(spec)?,
        None if a.session.is_some() => Policy::builtin("tokens")?,
        None => Policy::builtin("safe-harbor")?,
    };
    if p.needs_session() && a.session.is_none() {
        bail!(
            "policy `{}` replaces values with session tokens, surrogates or shifted dates: \
             give --session ID (and --vault FILE) so they can be revealed later",
            p.name()
        );
    }
    Ok(p)
}

pub fn reveal(a: RevealArgs) -> Result<ExitCode> {
    let vault = open_vault(&a.vault)?;
    let mut r = vault.stream_revealer(&a.session)?;
    let mut input: Box<dyn Read> = if a.path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.path)
                .with_context(|| format!("opening {}", a.path.display()))?,
        )
    };
    let name = if a.path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        a.path.display().to_string()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut block = vec![0u8; 64 * 1024];
    let mut pending: Vec<u8> = Vec::new();
    let mut offset: u64 = 0;
    loop {
        let n = match input.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => bail!("{name}: {e}"),
        };
        pending.extend_from_slice(&block[..n]);
        let valid = match std::str::from_utf8(&pending) {
            Ok(_) => pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => bail!(
                "{name}: invalid UTF-8 at byte offset {}",
                offset + e.valid_up_to() as u64
            ),
        };
        let text = std::str::from_utf8(&pending[..valid]).unwrap_or_default();
        if write_out(&mut out, &r.push(text))? {
            return Ok(ExitCode::SUCCESS);
        }
        offset += valid as u64;
        pending.drain(..valid);
    }
    if !pending.is_empty() {
        bail!("{name}: invalid UTF-8 at byte offset {offset} (truncated sequence at the end)");
    }
    if write_out(&mut out, &r.finish())? {
        return Ok(ExitCode::SUCCESS);
    }
    let _ = out.flush();
    let unknown = r.unknown_tokens();
    if !unknown.is_empty() {
        eprintln!(
            "phiscrub: reveal: {} token(s) not issued by session `{}` were left as they are: {}",
            unknown.len(),
            a.session,
            unknown.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `s`; `Ok(true)` when the reader went away (a closed pipe is not an error).
fn write_out(out: &mut impl Write, s: &str) -> Result<bool> {
    match out.write_all(s.as_bytes()) {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("writing to stdout"),
    }
}

pub fn vault_cmd(cmd: VaultCmd) -> Result<ExitCode> {
    match cmd {
        VaultCmd::Keygen { file } => {
            let key = MasterKey::generate()?;
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&file).with_context(|| {
                format!(
                    "creating {} (an existing key is never overwritten)",
                    file.display()
                )
            })?;
            writeln!(f, "{}", key.to_hex())?;
            f.sync_all()?;
            eprintln!("wrote master key {} (id {})", file.display(), key.id());
        }
        VaultCmd::List { vault, json } => {
            let v = open_vault(&vault)?;
            let list = v.list()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                println!(
                    "{:<34} {:>12} {:>12} {:>8}",
                    "session", "created", "expires", "entries"
                );
                for s in list {
                    let exp = s.expires_at.map_or("never".to_string(), |t| t.to_string());
                    println!(
                        "{:<34} {:>12} {:>12} {:>8}",
                        s.id, s.created_at, exp, s.entries
                    );
                }
            }
        }
        VaultCmd::Purge { id, vault } => {
            let v = open_vault(&vault)?;
            if !v.purge(&id)? {
                bail!("vault: no session `{id}`");
            }
            eprintln!("purged session `{id}`");
        }
        VaultCmd::Gc { vault } => {
            let v = open_vault(&vault)?;
            let n = v.gc()?;
            eprintln!("purged {n} expired session(s)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

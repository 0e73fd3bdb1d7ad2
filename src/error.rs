//! Typed errors of the library boundary.
//!
//! No error carries text from the document being processed: errors name files, byte offsets,
//! lengths and configuration keys, never content (a PHI value in an error message is a breach).

use std::fmt;
use std::path::PathBuf;

/// Errors returned by the library.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong. Fields hold positions and names, never document text.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Input is not valid UTF-8 at this byte offset.
    InvalidUtf8 { offset: u64 },
    /// Reading or writing a file failed.
    Io {
        path: Option<PathBuf>,
        source: std::io::Error,
    },
    /// A configuration value is invalid.
    Config { key: String, reason: String },
    /// A bundled resource (dictionary, pattern set) could not be built.
    Build { what: &'static str, reason: String },
    /// A JSON line of an input corpus could not be parsed.
    Json { line: u64, reason: String },
    /// The vault's master key is missing or unusable.
    MasterKey { reason: String },
    /// No session with this id exists in the vault.
    SessionNotFound { id: String },
    /// The session's time to live has passed; its mappings can no longer be used.
    SessionExpired { id: String },
    /// The vault store failed (I/O, corruption, a failed decryption). `what` names the operation.
    Vault { what: &'static str, reason: String },
    /// The output filter found PHI that did not come from the session (policy `fail`).
    ForeignPhi { count: usize },
    /// The ONNX Runtime library is missing or could not be loaded (the NER model needs it).
    Runtime { reason: String },
    /// The NER model could not be loaded or failed at run time. `reason` names files, shapes
    /// and byte offsets, never text.
    Model { reason: String },
}

impl Error {
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    pub(crate) fn io(path: Option<PathBuf>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path, source })
    }

    pub(crate) fn build(what: &'static str, reason: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Build {
            what,
            reason: reason.to_string(),
        })
    }

    pub(crate) fn vault(what: &'static str, reason: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Vault {
            what,
            reason: reason.to_string(),
        })
    }

    pub(crate) fn runtime(reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Runtime {
            reason: reason.into(),
        })
    }

    pub(crate) fn model(reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Model {
            reason: reason.into(),
        })
    }

    pub(crate) fn config(key: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config {
            key: key.into(),
            reason: reason.into(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidUtf8 { offset } => write!(
                f,
                "invalid UTF-8 at byte offset {offset} (use --lossy to replace invalid bytes with U+FFFD)"
            ),
            ErrorKind::Io {
                path: Some(p),
                source,
            } => write!(f, "{}: {source}", p.display()),
            ErrorKind::Io { path: None, source } => write!(f, "{source}"),
            ErrorKind::Config { key, reason } => write!(f, "configuration `{key}`: {reason}"),
            ErrorKind::Build { what, reason } => write!(f, "building {what}: {reason}"),
            ErrorKind::Json { line, reason } => write!(f, "line {line}: invalid JSON: {reason}"),
            ErrorKind::MasterKey { reason } => write!(
                f,
                "vault master key: {reason} (create one with `phiscrub vault keygen FILE` and pass \
                 --master-key-file FILE or set PHISCRUB_MASTER_KEY_FILE)"
            ),
            ErrorKind::SessionNotFound { id } => write!(f, "vault: no session `{id}`"),
            ErrorKind::SessionExpired { id } => write!(
                f,
                "vault: session `{id}` has expired (its mappings are no longer usable; start a new session)"
            ),
            ErrorKind::Vault { what, reason } => write!(f, "vault: {what}: {reason}"),
            ErrorKind::ForeignPhi { count } => write!(
                f,
                "output filter: {count} PHI span(s) that did not come from this session"
            ),
            ErrorKind::Runtime { reason } => f.write_str(reason),
            ErrorKind::Model { reason } => write!(f, "NER model: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

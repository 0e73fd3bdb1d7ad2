//! phiscrub finds protected health information (PHI) in clinical text and removes it, fast,
//! without losing a byte of the text around it.
//!
//! # Overview
//!
//! - [`Engine`]: built once from an [`EngineConfig`], immutable, `Send + Sync`. Its
//!   [`Engine::detect`] returns [`Span`]s (UTF-8 byte offsets into the original text, a
//!   [`Label`], a score and the [`Source`] stage); [`Engine::redact`] returns [`Redacted`].
//! - Detection is a pipeline of stages (see the `detect` module): a vectorised prefilter, one
//!   multi-pattern regex-automata search with validators, one Aho-Corasick automaton over all
//!   word lists, context rules for names and places, and a recall-first merge.
//! - [`eval`] scores detections against an annotated corpus (token-level and strict span).
//! - [`stream`] redacts unbounded input in bounded memory, byte-identical to batch redaction.
//!
//! # Example
//!
//! ```
//! use phiscrub::{Engine, EngineConfig, Label};
//!
//! let engine = Engine::new(EngineConfig::default())?;
//! let note = "Pt is a 92 y/o woman, MRN: 00412345, daughter Mary at bedside.\r\n";
//! let spans = engine.detect(note);
//! let labels: Vec<Label> = spans.iter().map(|s| s.label).collect();
//! assert_eq!(labels, [Label::Age, Label::Mrn, Label::Name]);
//! assert_eq!(
//!     engine.redact(note).text,
//!     "Pt is a [AGE] y/o woman, MRN: [MRN], daughter [NAME] at bedside.\r\n"
//! );
//! # Ok::<(), phiscrub::Error>(())
//! ```

#![forbid(unsafe_code)]

pub mod detect;
mod engine;
mod error;
pub mod eval;
pub mod gateway;
pub mod policy;
pub mod reveal;
pub mod segment;
mod span;
pub mod stream;
pub mod vault;

pub use detect::ner::NerConfig;
pub use engine::{Engine, EngineConfig, ModelMode, Redacted, apply_tags};
pub use error::{Error, ErrorKind, Result};
pub use reveal::{Revealed, StreamRevealer};
pub use span::{Label, Source, Span};
pub use vault::{MasterKey, Session, Vault};

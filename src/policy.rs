//! Redaction policies: which operator replaces each label.
//!
//! A [`Policy`] maps every [`Label`] to an [`Operator`]. Four are built in:
//!
//! | policy        | what it does                                                            | reversible |
//! |---------------|-------------------------------------------------------------------------|------------|
//! | `safe-harbor` | `[LABEL]` tags, ZIP codes cut to their first three digits (`000` for the restricted ZIP3 areas), ages of 90 and over as `90+`, state and country names and years alone (less than 90 years ago) kept: one-way output meeting 45 CFR 164.514(b)(2) | no |
//! | `tokens`      | every label becomes a session token `[NAME_1]`, `[DATE_3]`, ...         | yes (session) |
//! | `surrogates`  | realistic fakes of the same shape; dates shifted by one per-session offset | yes (session) |
//! | `tags`        | every label becomes `[LABEL]`                                           | no |
//!
//! A policy file (TOML) starts from a built-in one and overrides labels:
//!
//! ```toml
//! base = "tokens"            # optional, default "safe-harbor"
//! [labels]
//! DATE = "date-shift"
//! ZIP = "zip3"
//! LOCATION = "keep"         # unknown labels or operators are an error
//! [date_shift]
//! min_days = -180
//! max_days = 180
//! ```
//!
//! Operators that need a session (`token`, `surrogate`, `date-shift`) are an error without one.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::span::Label;

/// What replaces a detected span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `[LABEL]`.
    Tag,
    /// A session token `[LABEL_n]`, numbered by first appearance in the session.
    Token,
    /// A consistent fake of the same shape (session).
    Surrogate,
    /// Dates moved by the session's offset, in their original format (session). A date that
    /// cannot be parsed gets a token; a year alone is kept.
    DateShift,
    /// The first three ZIP digits, or `000` for a restricted ZIP3.
    Zip3,
    /// Ages of 90 and over become `90+`; younger ages are kept.
    Age90,
    /// Every letter and digit becomes `*` (punctuation and length kept).
    Mask,
    /// Deleted.
    Remove,
    /// Left as is (detected and counted only).
    Keep,
    /// What Safe Harbor lets a release keep, kept; the rest tagged: a LOCATION that is a US
    /// state or a country, a DATE that is a year alone (unless it is 90 or more years ago, so
    /// that it cannot reveal an age over 89); everything else `[LABEL]`.
    Generalize,
}

impl Operator {
    pub fn parse(s: &str) -> Option<Operator> {
        Some(match s {
            "tag" => Operator::Tag,
            "token" => Operator::Token,
            "surrogate" => Operator::Surrogate,
            "date-shift" => Operator::DateShift,
            "zip3" => Operator::Zip3,
            "age90" => Operator::Age90,
            "mask" => Operator::Mask,
            "remove" => Operator::Remove,
            "keep" => Operator::Keep,
            "generalize" => Operator::Generalize,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Tag => "tag",
            Operator::Token => "token",
            Operator::Surrogate => "surrogate",
            Operator::DateShift => "date-shift",
            Operator::Zip3 => "zip3",
            Operator::Age90 => "age90",
            Operator::Mask => "mask",
            Operator::Remove => "remove",
            Operator::Keep => "keep",
            Operator::Generalize => "generalize",
        }
    }

    /// Whether the operator keeps a mapping in a session vault.
    pub fn needs_session(self) -> bool {
        matches!(
            self,
            Operator::Token | Operator::Surrogate | Operator::DateShift
        )
    }
}

/// A label → operator table plus the date-shift range.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    name: String,
    ops: [Operator; Label::ALL.len()],
    date_shift: (i32, i32),
    link_names: bool,
}

/// The built-in policy names.
pub const BUILTIN: [&str; 4] = ["safe-harbor", "tokens", "surrogates", "tags"];

impl Policy {
    /// A built-in policy by name (see the module documentation).
    pub fn builtin(name: &str) -> Result<Policy> {
        let mut p = Policy {
            name: name.to_string(),
            ops: [Operator::Tag; Label::ALL.len()],
            date_shift: (-365, 365),
            link_names: true,
        };
        match name {
            "safe-harbor" => {
                p.set(Label::Zip, Operator::Zip3);
                p.set(Label::Age, Operator::Age90);
                p.set(Label::Location, Operator::Generalize);
                p.set(Label::Date, Operator::Generalize);
            }
            "tokens" => p.ops = [Operator::Token; Label::ALL.len()],
            "surrogates" => {
                p.ops = [Operator::Surrogate; Label::ALL.len()];
                p.set(Label::Date, Operator::DateShift);
            }
            "tags" => {}
            other => {
                return Err(Error::config(
                    "policy",
                    format!(
                        "unknown policy `{other}` (built in: {}; or give a .toml file)",
                        BUILTIN.join(", ")
                    ),
                ));
            }
        }
        Ok(p)
    }

    /// A built-in name, or a path to a TOML policy file.
    pub fn from_name_or_file(spec: &str) -> Result<Policy> {
        if BUILTIN.contains(&spec) {
            Policy::builtin(spec)
        } else {
            Policy::from_file(Path::new(spec))
        }
    }

    /// Reads a TOML policy file (format in the module documentation).
    pub fn from_file(path: &Path) -> Result<Policy> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(Some(path.into()), e))?;
        Policy::from_toml(&text).map_err(|e| match e.kind() {
            crate::ErrorKind::Config { key, reason } => {
                Error::config(format!("{}: {key}", path.display()), reason.clone())
            }
            _ => e,
        })
    }

    /// Parses a TOML policy.
    pub fn from_toml(text: &str) -> Result<Policy> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            base: Option<String>,
            #[serde(default)]
            labels: std::collections::BTreeMap<String, String>,
            date_shift: Option<RawShift>,
            link_names: Option<bool>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawShift {
            min_days: i32,
            max_days: i32,
        }
        let raw: Raw = toml::from_str(text).map_err(|e| Error::config("policy", e.message()))?;
        let base = raw.base.as_deref().unwrap_or("safe-harbor");
        let mut p = Policy::builtin(base)?;
        p.name = "custom".into();
        for (label, op) in &raw.labels {
            let l = Label::parse(label).ok_or_else(|| {
                Error::config(
                    format!("labels.{label}"),
                    "unknown label (see `phiscrub --help`)",
                )
            })?;
            let o = Operator::parse(op).ok_or_else(|| {
                Error::config(
                    format!("labels.{label}"),
                    format!(
                        "unknown operator `{op}` (tag, token, surrogate, date-shift, zip3, age90, generalize, mask, remove, keep)"
                    ),
                )
            })?;
            p.set(l, o);
        }
        if let Some(s) = raw.date_shift {
            if s.min_days > s.max_days || (s.min_days == 0 && s.max_days == 0) {
                return Err(Error::config(
                    "date_shift",
                    "need min_days <= max_days and a non-empty range other than 0..0",
                ));
            }
            p.date_shift = (s.min_days, s.max_days);
        }
        if let Some(l) = raw.link_names {
            p.link_names = l;
        }
        Ok(p)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn operator(&self, label: Label) -> Operator {
        self.ops[label as usize]
    }

    pub fn set(&mut self, label: Label, op: Operator) {
        self.ops[label as usize] = op;
    }

    /// The inclusive range of the per-session date offset, in days.
    pub fn date_shift_range(&self) -> (i32, i32) {
        self.date_shift
    }

    /// Whether `Mr. Smith` after `John Smith` in a session gets John Smith's token (default on).
    pub fn link_names(&self) -> bool {
        self.link_names
    }

    pub fn set_link_names(&mut self, on: bool) {
        self.link_names = on;
    }

    /// Whether any label uses an operator that needs a session.
    pub fn needs_session(&self) -> bool {
        self.ops.iter().any(|o| o.needs_session())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins() {
        let sh = Policy::builtin("safe-harbor").unwrap();
        assert_eq!(sh.operator(Label::Zip), Operator::Zip3);
        assert_eq!(sh.operator(Label::Name), Operator::Tag);
        assert!(!sh.needs_session());
        assert!(Policy::builtin("tokens").unwrap().needs_session());
        let s = Policy::builtin("surrogates").unwrap();
        assert_eq!(s.operator(Label::Date), Operator::DateShift);
        assert!(Policy::builtin("nope").is_err());
    }

    #[test]
    fn toml_overrides_and_errors_name_the_key() {
        let p = Policy::from_toml(
            "base = \"tokens\"\n[labels]\nZIP = \"zip3\"\n[date_shift]\nmin_days = -10\nmax_days = 10\n",
        )
        .unwrap();
        assert_eq!(p.operator(Label::Zip), Operator::Zip3);
        assert_eq!(p.operator(Label::Name), Operator::Token);
        assert_eq!(p.date_shift_range(), (-10, 10));
        let e = Policy::from_toml("[labels]\nNAMES = \"token\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("labels.NAMES"), "{e}");
        let e = Policy::from_toml("[labels]\nNAME = \"hash\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown operator"), "{e}");
        assert!(Policy::from_toml("colour = 1\n").is_err());
    }
}

//! Spans: what a detection is and where it lies.
//!
//! A [`Span`] is a half-open range of UTF-8 byte offsets into the ORIGINAL text, with the
//! [`Label`] it carries, a confidence score in `0.0..=1.0` and the [`Source`] stage that found it.
//! Every later stage (merge, redaction, vault, evaluation) works on these offsets and never
//! re-searches strings, so offsets are checked once, here, at construction.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The PHI categories phiscrub detects. Serde names are the upper-case strings used in every
/// file format (`"NAME"`, `"HEALTH_PLAN"`, ...). The README maps each to the 18 identifiers of
/// 45 CFR 164.514(b)(2)(i)(A)-(R).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    Name,
    Address,
    Location,
    Zip,
    Date,
    Age,
    Phone,
    Fax,
    Email,
    Ssn,
    Mrn,
    HealthPlan,
    Account,
    License,
    Vehicle,
    Device,
    Url,
    Ip,
    Biometric,
    Photo,
    Id,
    Organization,
}

impl Label {
    /// Every label, in a stable order (used for reports).
    pub const ALL: [Label; 22] = [
        Label::Name,
        Label::Address,
        Label::Location,
        Label::Zip,
        Label::Date,
        Label::Age,
        Label::Phone,
        Label::Fax,
        Label::Email,
        Label::Ssn,
        Label::Mrn,
        Label::HealthPlan,
        Label::Account,
        Label::License,
        Label::Vehicle,
        Label::Device,
        Label::Url,
        Label::Ip,
        Label::Biometric,
        Label::Photo,
        Label::Id,
        Label::Organization,
    ];

    /// The upper-case name used in files and placeholders (`HEALTH_PLAN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Name => "NAME",
            Label::Address => "ADDRESS",
            Label::Location => "LOCATION",
            Label::Zip => "ZIP",
            Label::Date => "DATE",
            Label::Age => "AGE",
            Label::Phone => "PHONE",
            Label::Fax => "FAX",
            Label::Email => "EMAIL",
            Label::Ssn => "SSN",
            Label::Mrn => "MRN",
            Label::HealthPlan => "HEALTH_PLAN",
            Label::Account => "ACCOUNT",
            Label::License => "LICENSE",
            Label::Vehicle => "VEHICLE",
            Label::Device => "DEVICE",
            Label::Url => "URL",
            Label::Ip => "IP",
            Label::Biometric => "BIOMETRIC",
            Label::Photo => "PHOTO",
            Label::Id => "ID",
            Label::Organization => "ORGANIZATION",
        }
    }

    /// Parses the upper-case name (`"HEALTH_PLAN"`); `None` for anything else.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }

    /// Priority when two detections with different labels cover the same bytes: the more
    /// specific, validated identifier wins (an SSN beats a generic ID, a FAX beats a PHONE).
    /// A ZIP loses to every other label: its default policy keeps three digits, which must
    /// not happen to a number that is also read as something else (`Employee ID 44821`).
    /// Higher wins.
    pub fn priority(self) -> u8 {
        match self {
            Label::Ssn => 30,
            Label::Email => 29,
            Label::Url => 28,
            Label::Ip => 27,
            Label::Vehicle => 26,
            Label::License => 25,
            Label::HealthPlan => 24,
            Label::Mrn => 23,
            Label::Account => 22,
            Label::Device => 21,
            Label::Biometric => 20,
            Label::Photo => 19,
            Label::Fax => 18,
            Label::Phone => 17,
            Label::Age => 16,
            Label::Address => 15,
            Label::Date => 14,
            Label::Id => 13,
            Label::Name => 12,
            Label::Organization => 11,
            Label::Location => 10,
            Label::Zip => 9,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which stage produced a detection; lets a user see why something was flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A word-list hit (names, places), gated by context.
    Dictionary,
    /// A validated pattern (dates, phones, checksummed ids, ...).
    Pattern,
    /// A context rule (cue words, field labels, titles).
    Context,
    /// The transformer NER model.
    Model,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Dictionary => "dictionary",
            Source::Pattern => "pattern",
            Source::Context => "context",
            Source::Model => "model",
        }
    }
}

/// One detected identifier: byte range `start..end` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub score: f32,
    pub source: Source,
}

impl Span {
    /// Builds a span after checking that it is non-empty, inside `text` and on char boundaries.
    /// Returns `None` otherwise: detectors drop a malformed candidate rather than panic.
    pub fn checked(
        text: &str,
        start: usize,
        end: usize,
        label: Label,
        score: f32,
        source: Source,
    ) -> Option<Span> {
        if start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            Some(Span {
                start,
                end,
                label,
                score: score.clamp(0.0, 1.0),
                source,
            })
        } else {
            None
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_names_round_trip() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.as_str()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
        }
    }

    #[test]
    fn checked_rejects_bad_offsets() {
        let t = "né";
        assert!(Span::checked(t, 0, 2, Label::Name, 1.0, Source::Pattern).is_none());
        assert!(Span::checked(t, 0, 3, Label::Name, 1.0, Source::Pattern).is_some());
        assert!(Span::checked(t, 1, 1, Label::Name, 1.0, Source::Pattern).is_none());
        assert!(Span::checked(t, 0, 9, Label::Name, 1.0, Source::Pattern).is_none());
    }
}

//! Helpers for the vault tests (included by `tests/vault.rs` with `#[path]`).
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use phiscrub::{Label, Redacted, Session, Span};

/// One annotated note of `corpora/sample/gold.jsonl`.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// (start, end, label) in UTF-8 byte offsets.
    pub spans: Vec<(usize, usize, String)>,
}

impl GoldDoc {
    pub fn values(&self) -> Vec<&str> {
        self.spans
            .iter()
            .map(|&(s, e, _)| &self.text[s..e])
            .collect()
    }
}

/// Reads a gold JSONL file (`{"id","text","spans":[{"start","end","label"}]}` per line).
pub fn read_gold(path: &Path) -> Vec<GoldDoc> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let text = v["text"].as_str().unwrap().to_string();
            let spans = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                        s["label"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            GoldDoc {
                id: v["id"].as_str().unwrap().to_string(),
                text,
                spans,
            }
        })
        .collect()
}

/// Lower-case alphanumeric words (any non-alphanumeric character separates).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Lower-case alphanumerics only; for phones/faxes the digits without a leading `1` country
/// code on 11 digits.
pub fn squash(label: Label, s: &str) -> String {
    if matches!(label, Label::Phone | Label::Fax) {
        let mut d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        if d.len() == 11 && d.starts_with('1') {
            d.remove(0);
        }
        return d;
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `revealed` is a form of the same value as `original` (what reveal promises: the
/// first-seen form of a value, names linked by their words).
pub fn same_value(label: Label, original: &str, revealed: &str) -> bool {
    if original == revealed || squash(label, original) == squash(label, revealed) {
        return true;
    }
    if label == Label::Name {
        let a: BTreeSet<String> = words(original).into_iter().collect();
        let b: BTreeSet<String> = words(revealed).into_iter().collect();
        return !a.is_empty() && !b.is_empty() && (a.is_subset(&b) || b.is_subset(&a));
    }
    false
}

/// A redacted text cut into what was kept and what replaced each span.
#[derive(Debug, Clone)]
pub enum Piece {
    Kept(String),
    Replaced {
        label: Label,
        value: String,
        replacement: String,
    },
}

/// The spans `redact_spans` actually applies (it skips overlapping or out-of-range ones).
pub fn applied_spans(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut pos = 0;
    let mut out = Vec::new();
    for s in spans {
        if s.start < pos || s.end > text.len() || s.start > s.end {
            continue;
        }
        out.push(*s);
        pos = s.end;
    }
    out
}

/// Cuts `red` (the session's redaction of `text`) into pieces: each replacement is found by
/// redacting that one span again (its mapping exists now, so the session gives the same
/// replacement). Checks that the pieces concatenate to `red.text`.
pub fn pieces(session: &Session<'_>, text: &str, red: &Redacted) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut joined = String::new();
    for s in applied_spans(text, &red.spans) {
        let one = session.redact_spans(text, vec![s]).unwrap().text;
        let tail = text.len() - s.end;
        assert_eq!(&one[..s.start], &text[..s.start]);
        assert_eq!(&one[one.len() - tail..], &text[s.end..]);
        let replacement = one[s.start..one.len() - tail].to_string();
        let kept = text[pos..s.start].to_string();
        joined.push_str(&kept);
        joined.push_str(&replacement);
        out.push(Piece::Kept(kept));
        out.push(Piece::Replaced {
            label: s.label,
            value: text[s.start..s.end].to_string(),
            replacement,
        });
        pos = s.end;
    }
    out.push(Piece::Kept(text[pos..].to_string()));
    joined.push_str(&text[pos..]);
    assert_eq!(
        joined, red.text,
        "replacements found span by span do not rebuild the redacted text"
    );
    out
}

/// Checks the round trip of one redaction: `session.reveal(red.text)` equals the kept text with
/// each replacement revealed on its own, and each revealed replacement is a form of the value
/// it replaced. Returns a description of the first failure.
pub fn check_round_trip(session: &Session<'_>, text: &str, red: &Redacted) -> Result<(), String> {
    let ps = pieces(session, text, red);
    let mut want = String::new();
    for p in &ps {
        match p {
            Piece::Kept(k) => want.push_str(k),
            Piece::Replaced {
                label,
                value,
                replacement,
            } => {
                let r = session.reveal(replacement).text;
                if !same_value(*label, value, &r) {
                    return Err(format!(
                        "{label:?} value {value:?} was replaced by {replacement:?}, which reveals as {r:?}"
                    ));
                }
                want.push_str(&r);
            }
        }
    }
    let got = session.reveal(&red.text);
    if got.text != want {
        let at = got
            .text
            .bytes()
            .zip(want.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(got.text.len().min(want.len()));
        let lo = at.saturating_sub(60);
        let cut = |s: &str| {
            let mut a = lo.min(s.len());
            while !s.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (at + 60).min(s.len());
            while !s.is_char_boundary(b) {
                b += 1;
            }
            s[a..b].to_string()
        };
        return Err(format!(
            "reveal of the whole text differs from the piecewise reveal at byte {at}:\n whole:     {:?}\n piecewise: {:?}\n redacted:  {:?}",
            cut(&got.text),
            cut(&want),
            cut(&red.text)
        ));
    }
    if !got.unknown_tokens.is_empty() {
        return Err(format!(
            "reveal of the session's own output reported unknown tokens {:?}",
            got.unknown_tokens
        ));
    }
    Ok(())
}

// ------------------------------------------------------------------ encodings

pub fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

pub fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

pub fn hex(b: &[u8], upper: bool) -> Vec<u8> {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    b.iter()
        .flat_map(|&c| [digits[(c >> 4) as usize], digits[(c & 15) as usize]])
        .collect()
}

/// Standard base64 with padding.
pub fn base64(b: &[u8]) -> Vec<u8> {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        out.push(A[(n >> 18) as usize & 63]);
        out.push(A[(n >> 12) as usize & 63]);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63]
        } else {
            b'='
        });
    }
    out
}

/// The base64 characters that depend only on `b`, when `b` starts at offset `align` (0, 1 or
/// 2) of a 3-byte group in a longer encoded stream (what a search for an embedded value finds).
pub fn base64_core(b: &[u8], align: usize) -> Vec<u8> {
    // Encode with `align` filler bytes in front and a filler behind; keep the characters whose
    // 6 bits come from `b` only.
    let mut buf = vec![0u8; align];
    buf.extend_from_slice(b);
    let enc = base64(&buf);
    let total_bits = buf.len() * 8;
    let lo = align * 8;
    let hi = total_bits;
    let mut first = None;
    let mut last = 0;
    for (i, _) in enc.iter().enumerate() {
        let (s, e) = (i * 6, i * 6 + 6);
        if s >= lo && e <= hi {
            first.get_or_insert(i);
            last = i + 1;
        }
    }
    match first {
        Some(f) => enc[f..last].to_vec(),
        None => Vec::new(),
    }
}

/// Every encoding of `value` the tests look for: (encoding name, bytes).
pub fn encodings(value: &str) -> Vec<(&'static str, Vec<u8>)> {
    let b = value.as_bytes();
    let mut out = vec![
        ("utf-8", b.to_vec()),
        ("utf-8 lower", value.to_lowercase().into_bytes()),
        ("utf-8 upper", value.to_uppercase().into_bytes()),
        ("utf-16le", utf16le(value)),
        ("utf-16be", utf16be(value)),
        ("hex", hex(b, false)),
        ("HEX", hex(b, true)),
    ];
    for align in 0..3 {
        let core = base64_core(b, align);
        out.push((["base64/0", "base64/1", "base64/2"][align], core));
    }
    out.retain(|(_, p)| !p.is_empty());
    out
}

pub fn find_bytes(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The vault file and its SQLite side files, as bytes.
pub fn vault_files(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = format!("{}{suffix}", path.display());
        if let Ok(b) = std::fs::read(&p) {
            out.push((p, b));
        }
    }
    out
}

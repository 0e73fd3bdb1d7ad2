//! Re-identification: putting a session's values back into text that carries its tokens (an
//! LLM's answer), in one call ([`reveal`](crate::Session::reveal)) or while the text streams
//! in ([`StreamRevealer`]).
//!
//! What is restored: every token the session issued, in the forms models write them
//! (`[NAME_1]`, `NAME_1`, `[Name 1]`, `[NAME_1]'s`, `\[NAME\_1\]`, `**[NAME_1]**`, full-width
//! `［NAME_1］`, inside JSON strings), and, under the surrogate and date-shift operators, exact
//! occurrences of the fakes and shifted dates the session emitted. A token that looks like ours
//! but was never issued is left as it is and reported in `unknown_tokens`, never guessed.
//!
//! Grammar of a token: an optional opening bracket (`[`, `\[`, `［`), a label name in any case
//! (`HEALTH_PLAN` also as `HEALTH PLAN`, `HEALTH\_PLAN`, `HEALTH-PLAN`), a separator (`_`,
//! `\_`, `-`, or a space when both brackets are there), a number without leading zero, an
//! optional closing bracket. Brackets are consumed only in pairs. A bare token starts at a word
//! boundary and ends before a character that is not a letter, digit or `_`.
//!
//! Streaming holds back only what could still become a match: a possible partial token or
//! fake at the end of the text seen so far (bounded by [`MAX_HOLD`] plus the longest fake), so
//! the output is byte-identical whatever the chunking.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use serde::Serialize;

use crate::span::Label;

/// The longest token form (`\[HEALTH\_PLAN\_123456789\]` is 27 bytes), rounded up.
pub const MAX_HOLD: usize = 40;

/// Text with the session's values restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revealed {
    pub text: String,
    /// Tokens that look like the session's but were never issued (`NAME_7`), in order of
    /// appearance, each once. They are left in the text as they were.
    pub unknown_tokens: Vec<String>,
}

/// What a session knows: its issued tokens and its emitted fakes.
pub(crate) trait Table {
    /// The original value behind `LABEL_n`, if the session issued it.
    fn token(&self, label: Label, n: u32) -> Option<&str>;
    /// Fakes and shifted dates the session emitted, if any.
    fn literals(&self) -> Option<&Literals>;
}

/// An automaton over the emitted fakes (surrogates, shifted dates) of a session.
#[derive(Debug)]
pub(crate) struct Literals {
    ac: AhoCorasick,
    originals: Vec<String>,
    /// Every prefix (including the whole) of every fake: the streaming hold-back test.
    prefixes: HashSet<Box<[u8]>>,
    max_len: usize,
}

impl Literals {
    /// `pairs`: (fake as emitted, original value). `None` if there are none.
    pub(crate) fn build(pairs: Vec<(String, String)>) -> Option<Literals> {
        if pairs.is_empty() {
            return None;
        }
        let mut prefixes = HashSet::new();
        let mut max_len = 0;
        for (fake, _) in &pairs {
            max_len = max_len.max(fake.len());
            let b = fake.as_bytes();
            for i in 1..=b.len() {
                prefixes.insert(Box::from(&b[..i]));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(f, _)| f.as_str()))
            .ok()?;
        Some(Literals {
            ac,
            originals: pairs.into_iter().map(|(_, o)| o).collect(),
            prefixes,
            max_len,
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    /// Where the search found it (an unpaired `[` before a token): text from here on must
    /// stay together when streaming, or the next push could not find the token again.
    anchor: usize,
    kind: HitKind,
}

#[derive(Debug, Clone, Copy)]
enum HitKind {
    Token { label: Label, n: u32 },
    Literal { id: usize },
}

/// Reveals `text` in one call.
pub(crate) fn reveal_all(table: &dyn Table, text: &str) -> Revealed {
    let mut unknown = Vec::new();
    let hits = find(table, text, 0, true).0;
    let out = apply(table, text, 0, &hits, &mut unknown);
    Revealed {
        text: out,
        unknown_tokens: unknown,
    }
}

/// Finds matches in `text[from..]` (context before `from` is used for boundaries). With
/// `eof == false`, also returns the earliest position from which the rest of `text` could still
/// become a match: text from there must be held back.
fn find(table: &dyn Table, text: &str, from: usize, eof: bool) -> (Vec<Hit>, usize) {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    // Tokens: candidates at `[`, `［` and words followed by `_` / `\_`.
    let mut last_end = from;
    for i in memchr::memchr3_iter(b'[', b'_', 0xEF, &b[from..]).map(|i| i + from) {
        let start = match b[i] {
            b'[' => {
                if i > from && b[i - 1] == b'\\' {
                    i - 1
                } else {
                    i
                }
            }
            0xEF => i,
            _ => {
                // Walk back over letters (and a `\` before the `_`) to the word start.
                let mut s = i;
                if s > from && b[s - 1] == b'\\' {
                    s -= 1;
                }
                while s > from && b[s - 1].is_ascii_alphabetic() {
                    s -= 1;
                }
                s
            }
        };
        if start < last_end {
            continue;
        }
        if b[start].is_ascii_alphabetic() && start > 0 && is_word(b[start - 1]) {
            continue;
        }
        if let Parse::Match {
            start: ms,
            end,
            label,
            n,
        } = parse_token(b, start, true)
        {
            hits.push(Hit {
                start: ms,
                end,
                anchor: start,
                kind: HitKind::Token { label, n },
            });
            last_end = end;
        }
    }
    // Fakes emitted by the session.
    if let Some(lit) = table.literals() {
        let mut pos = from;
        while pos < b.len() {
            let Some(m) = lit.ac.find(Input::new(b).range(pos..)) else {
                break;
            };
            let (s, e) = (m.start(), m.end());
            let left_ok = s == 0 || !(is_word(b[s]) && is_word(b[s - 1]));
            let right_ok = e == b.len() || !(is_word(b[e - 1]) && is_word(b[e]));
            if left_ok && right_ok && (eof || e < b.len()) {
                hits.push(Hit {
                    start: s,
                    end: e,
                    anchor: s,
                    kind: HitKind::Literal {
                        id: m.pattern().as_usize(),
                    },
                });
                pos = e;
            } else {
                pos = s + 1;
            }
        }
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if kept.last().is_none_or(|k| h.start >= k.end) {
            kept.push(h);
        }
    }
    if eof {
        return (kept, b.len());
    }
    // The hold-back point: the earliest position whose rest could still grow into a match.
    let lit_hold = table.literals().map_or(0, |l| l.max_len);
    let window = MAX_HOLD.max(lit_hold);
    let mut hold = b.len();
    let lo = b.len().saturating_sub(window).max(from);
    for i in lo..b.len() {
        if !text.is_char_boundary(i) {
            continue;
        }
        let after_word = i > 0 && is_word(b[i - 1]);
        let c = b[i];
        let tok = (matches!(c, b'[' | b'\\' | 0xEF) || (c.is_ascii_alphabetic() && !after_word))
            && matches!(parse_token(b, i, false), Parse::Partial);
        let lit = !(after_word && is_word(c))
            && table
                .literals()
                .is_some_and(|l| l.prefixes.contains(&b[i..]));
        if tok || lit {
            hold = i;
            break;
        }
    }
    // A kept match that runs past the hold point moves it back to its start.
    loop {
        let mut moved = false;
        for h in &kept {
            if h.anchor < hold && h.end > hold {
                hold = h.anchor;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    kept.retain(|h| h.end <= hold);
    (kept, hold)
}

/// Writes `text[from..]` with the hits replaced.
fn apply(
    table: &dyn Table,
    text: &str,
    from: usize,
    hits: &[Hit],
    unknown: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len() - from + hits.len() * 8);
    let mut pos = from;
    for h in hits {
        match h.kind {
            HitKind::Token { label, n } => match table.token(label, n) {
                Some(v) => {
                    out.push_str(&text[pos..h.start]);
                    out.push_str(v);
                    pos = h.end;
                }
                None => {
                    let t = format!("{}_{n}", label.as_str());
                    if !unknown.contains(&t) {
                        unknown.push(t);
                    }
                }
            },
            HitKind::Literal { id } => {
                if let Some(orig) = table.literals().and_then(|l| l.originals.get(id)) {
                    out.push_str(&text[pos..h.start]);
                    out.push_str(orig);
                    pos = h.end;
                }
            }
        }
    }
    out.push_str(&text[pos..]);
    out
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

#[derive(Debug, PartialEq)]
enum Parse {
    Match {
        start: usize,
        end: usize,
        label: Label,
        n: u32,
    },
    /// The input ended while the text could still become a token (only when `!eof`).
    Partial,
    No,
}

/// Label names as matched: `_` inside a name (HEALTH_PLAN) accepts the separator variants.
const LABEL_NAMES: [(&str, Label); 22] = [
    ("NAME", Label::Name),
    ("ADDRESS", Label::Address),
    ("LOCATION", Label::Location),
    ("ZIP", Label::Zip),
    ("DATE", Label::Date),
    ("AGE", Label::Age),
    ("PHONE", Label::Phone),
    ("FAX", Label::Fax),
    ("EMAIL", Label::Email),
    ("SSN", Label::Ssn),
    ("MRN", Label::Mrn),
    ("HEALTH_PLAN", Label::HealthPlan),
    ("ACCOUNT", Label::Account),
    ("LICENSE", Label::License),
    ("VEHICLE", Label::Vehicle),
    ("DEVICE", Label::Device),
    ("URL", Label::Url),
    ("IP", Label::Ip),
    ("BIOMETRIC", Label::Biometric),
    ("PHOTO", Label::Photo),
    ("ID", Label::Id),
    ("ORGANIZATION", Label::Organization),
];

const OPENS: [&[u8]; 3] = [b"[", b"\\[", "［".as_bytes()];
const CLOSES: [&[u8]; 3] = [b"]", b"\\]", "］".as_bytes()];
const SEPS: [&[u8]; 4] = [b"_", b"\\_", b"-", b" "];

/// Result of matching one of `options` at `b[i..]`.
enum Lit {
    Full(usize),
    Partial,
    No,
}

fn match_any(b: &[u8], i: usize, options: &[&[u8]], eof: bool) -> Lit {
    let rest = &b[i..];
    for o in options {
        if rest.starts_with(o) {
            return Lit::Full(o.len());
        }
    }
    if !eof && !rest.is_empty() && options.iter().any(|o| o.starts_with(rest)) {
        return Lit::Partial;
    }
    if !eof && rest.is_empty() {
        return Lit::Partial;
    }
    Lit::No
}

/// Matches a label name case-insensitively at `b[i..]`; returns (label, length), or
/// `Err(true)` when the input ends inside what could still be a name, `Err(false)` otherwise.
fn match_label(b: &[u8], i: usize, eof: bool) -> Result<(Label, usize), bool> {
    // Fast path: the run of letters, upper-cased, looked up at once.
    let mut word = [0u8; 12];
    let mut n = 0;
    while i + n < b.len() && b[i + n].is_ascii_alphabetic() {
        if n == word.len() {
            return Err(false);
        }
        word[n] = b[i + n].to_ascii_uppercase();
        n += 1;
    }
    let at_end = i + n == b.len() && !eof;
    if !at_end {
        let label = match &word[..n] {
            b"NAME" => Label::Name,
            b"ADDRESS" => Label::Address,
            b"LOCATION" => Label::Location,
            b"ZIP" => Label::Zip,
            b"DATE" => Label::Date,
            b"AGE" => Label::Age,
            b"PHONE" => Label::Phone,
            b"FAX" => Label::Fax,
            b"EMAIL" => Label::Email,
            b"SSN" => Label::Ssn,
            b"MRN" => Label::Mrn,
            b"ACCOUNT" => Label::Account,
            b"LICENSE" => Label::License,
            b"VEHICLE" => Label::Vehicle,
            b"DEVICE" => Label::Device,
            b"URL" => Label::Url,
            b"IP" => Label::Ip,
            b"BIOMETRIC" => Label::Biometric,
            b"PHOTO" => Label::Photo,
            b"ID" => Label::Id,
            b"ORGANIZATION" => Label::Organization,
            b"HEALTH" => return match_label_slow(b, i, eof),
            _ => return Err(false),
        };
        return Ok((label, n));
    }
    match_label_slow(b, i, eof)
}

/// Letter by letter, with the separator variants inside `HEALTH_PLAN` and partial matches.
fn match_label_slow(b: &[u8], i: usize, eof: bool) -> Result<(Label, usize), bool> {
    // Err(true): partial; Err(false): no.
    let mut partial = false;
    let mut best: Option<(Label, usize)> = None;
    let first = b.get(i).map(|c| c.to_ascii_uppercase());
    for (name, label) in LABEL_NAMES {
        if first.is_some_and(|c| c != name.as_bytes()[0]) {
            continue;
        }
        let mut j = i;
        let mut ok = true;
        for &c in name.as_bytes() {
            if c == b'_' {
                match match_any(b, j, &SEPS[..], eof) {
                    Lit::Full(n) => j += n,
                    Lit::Partial => {
                        partial = true;
                        ok = false;
                        break;
                    }
                    Lit::No => {
                        ok = false;
                        break;
                    }
                }
            } else if j >= b.len() {
                partial |= !eof;
                ok = false;
                break;
            } else if b[j].eq_ignore_ascii_case(&c) {
                j += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok && best.is_none_or(|(_, l)| j - i > l) {
            best = Some((label, j - i));
        }
    }
    best.ok_or(partial)
}

/// Parses a token starting exactly at `b[i]`.
fn parse_token(b: &[u8], i: usize, eof: bool) -> Parse {
    let mut j = i;
    let open = match match_any(b, j, &OPENS, eof) {
        Lit::Full(n) => {
            j += n;
            true
        }
        Lit::Partial if j < b.len() => return Parse::Partial,
        _ => false,
    };
    if j >= b.len() {
        return if eof { Parse::No } else { Parse::Partial };
    }
    let (label, n) = match match_label(b, j, eof) {
        Ok(x) => x,
        Err(true) => return Parse::Partial,
        Err(false) => return Parse::No,
    };
    j += n;
    let sep_start = j;
    let sep_len = match match_any(b, j, &SEPS, eof) {
        Lit::Full(n) => n,
        Lit::Partial => return Parse::Partial,
        Lit::No => return Parse::No,
    };
    let spaced = b[sep_start] == b' ';
    j += sep_len;
    let digits_start = j;
    while j < b.len() && b[j].is_ascii_digit() && j - digits_start < 10 {
        j += 1;
    }
    if j == digits_start {
        return if j >= b.len() && !eof {
            Parse::Partial
        } else {
            Parse::No
        };
    }
    if b[digits_start] == b'0' || j - digits_start > 9 {
        return Parse::No;
    }
    if j >= b.len() && !eof {
        return Parse::Partial;
    }
    // At most 9 digits: fits a u32.
    let num = b[digits_start..j]
        .iter()
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
    let close = if open {
        match match_any(b, j, &CLOSES, eof) {
            Lit::Full(n) => Some(n),
            Lit::Partial => return Parse::Partial,
            Lit::No => None,
        }
    } else {
        None
    };
    let (start, end) = match close {
        Some(n) => (i, j + n),
        None => {
            if spaced {
                return Parse::No;
            }
            // Unpaired opening bracket: the token starts after it.
            let s = if open { i + match_len(b, i, &OPENS) } else { i };
            (s, j)
        }
    };
    if close.is_none() && j < b.len() && is_word(b[j]) {
        return Parse::No;
    }
    Parse::Match {
        start,
        end,
        label,
        n: num,
    }
}

fn match_len(b: &[u8], i: usize, options: &[&[u8]]) -> usize {
    options
        .iter()
        .find(|o| b[i..].starts_with(o))
        .map_or(0, |o| o.len())
}

/// Re-identifies text that arrives in pieces (an LLM's streamed answer).
///
/// [`push`](StreamRevealer::push) returns what can be released now; only a possible partial
/// token (or fake) at the end is held back. [`finish`](StreamRevealer::finish) releases the
/// rest. The concatenated output equals [`Session::reveal`](crate::Session::reveal) of the
/// concatenated input, whatever the chunking.
pub struct StreamRevealer {
    table: Box<dyn TableSource>,
    /// `buf[..ctx]` was already released: the character kept for boundary checks.
    buf: String,
    ctx: usize,
    unknown: Vec<String>,
}

impl std::fmt::Debug for StreamRevealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamRevealer")
            .field("held_bytes", &self.buf.len())
            .finish()
    }
}

/// Something that can lend a [`Table`] for the duration of a call (a session's locked state).
pub(crate) trait TableSource: Send {
    fn with_table(&self, f: &mut dyn FnMut(&dyn Table));
}

impl StreamRevealer {
    pub(crate) fn new(table: Box<dyn TableSource>) -> StreamRevealer {
        StreamRevealer {
            table,
            buf: String::new(),
            ctx: 0,
            unknown: Vec::new(),
        }
    }

    /// Adds a chunk; returns the text that can be released.
    pub fn push(&mut self, chunk: &str) -> String {
        self.buf.push_str(chunk);
        let mut out = String::new();
        let (buf, ctx, unknown) = (&mut self.buf, &mut self.ctx, &mut self.unknown);
        self.table.with_table(&mut |t| {
            let (hits, hold) = find(t, buf, *ctx, false);
            out = apply(t, &buf[..hold], *ctx, &hits, unknown);
            // Keep the last released character as context for the next boundary check.
            let keep_from = buf[..hold]
                .char_indices()
                .next_back()
                .map_or(hold, |(i, _)| i);
            if hold > *ctx {
                buf.drain(..keep_from);
                *ctx = hold - keep_from;
            }
        });
        out
    }

    /// Releases everything still held.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        let (buf, ctx, unknown) = (&mut self.buf, &mut self.ctx, &mut self.unknown);
        self.table.with_table(&mut |t| {
            let hits = find(t, buf, *ctx, true).0;
            out = apply(t, buf, *ctx, &hits, unknown);
            buf.clear();
            *ctx = 0;
        });
        out
    }

    /// Bytes currently held back.
    pub fn held(&self) -> usize {
        self.buf.len() - self.ctx
    }

    /// Unknown tokens seen so far (see [`Revealed::unknown_tokens`]).
    pub fn unknown_tokens(&self) -> &[String] {
        &self.unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct T {
        tokens: HashMap<(Label, u32), String>,
        lits: Option<Literals>,
    }
    impl Table for T {
        fn token(&self, label: Label, n: u32) -> Option<&str> {
            self.tokens.get(&(label, n)).map(|s| s.as_str())
        }
        fn literals(&self) -> Option<&Literals> {
            self.lits.as_ref()
        }
    }
    struct Src(std::sync::Arc<T>);
    impl TableSource for Src {
        fn with_table(&self, f: &mut dyn FnMut(&dyn Table)) {
            f(&*self.0)
        }
    }

    fn table() -> T {
        let mut tokens = HashMap::new();
        tokens.insert((Label::Name, 1), "John Smith".to_string());
        tokens.insert((Label::Name, 12), "Ann Lee".to_string());
        tokens.insert((Label::Date, 3), "3/14/2023".to_string());
        tokens.insert((Label::HealthPlan, 1), "XJ-42".to_string());
        T {
            tokens,
            lits: Literals::build(vec![
                ("Karen Holt".into(), "Mary Jones".into()),
                ("4/2/2023".into(), "3/14/2023".into()),
            ]),
        }
    }

    #[test]
    fn forms_models_write() {
        let t = table();
        let cases = [
            ("[NAME_1]", "John Smith"),
            ("NAME_1 came", "John Smith came"),
            ("[Name 1]", "John Smith"),
            ("[name_1]'s chart", "John Smith's chart"),
            ("\\[NAME\\_1\\]", "John Smith"),
            ("**[NAME_1]**", "**John Smith**"),
            ("［NAME_1］", "John Smith"),
            ("{\"p\": \"[NAME_1]\"}", "{\"p\": \"John Smith\"}"),
            ("[NAME_12] and [NAME_1].", "Ann Lee and John Smith."),
            ("on [DATE_3]", "on 3/14/2023"),
            (
                "[HEALTH_PLAN_1] [HEALTH PLAN 1] HEALTH\\_PLAN\\_1",
                "XJ-42 XJ-42 XJ-42",
            ),
            ("(NAME_1)", "(John Smith)"),
            ("[NAME_1", "[John Smith"),
            ("Karen Holt on 4/2/2023", "Mary Jones on 3/14/2023"),
        ];
        for (input, want) in cases {
            assert_eq!(reveal_all(&t, input).text, want, "{input}");
        }
    }

    #[test]
    fn lookalikes_are_left_alone() {
        let t = table();
        for s in [
            "RENAME_1",
            "NAME_1x",
            "NAME 1",
            "Name 1",
            "the age 45",
            "NAME_01",
            "my_NAME_1",
            "Karen Holtz",
            "14/2/20235",
        ] {
            let r = reveal_all(&t, s);
            assert_eq!(r.text, s, "{s}");
        }
    }

    #[test]
    fn unknown_tokens_reported_not_guessed() {
        let t = table();
        let r = reveal_all(&t, "[NAME_7] met [NAME_1] and [DATE_9], again [NAME_7]");
        assert_eq!(
            r.text,
            "[NAME_7] met John Smith and [DATE_9], again [NAME_7]"
        );
        assert_eq!(r.unknown_tokens, ["NAME_7", "DATE_9"]);
    }

    fn stream(t: &std::sync::Arc<T>, chunks: &[&str]) -> String {
        let mut r = StreamRevealer::new(Box::new(Src(t.clone())));
        let mut out = String::new();
        for c in chunks {
            out.push_str(&r.push(c));
            assert!(r.held() <= MAX_HOLD.max(12) + c.len());
        }
        out + &r.finish()
    }

    #[test]
    fn streaming_equals_batch_at_every_split() {
        let t = std::sync::Arc::new(table());
        let texts = [
            "Dear [NAME_1], your visit on [DATE_3] (see \\[NAME\\_12\\]) went well. NAME_1's plan: [HEALTH PLAN 1]. Karen Holt, 4/2/2023.",
            "[NAME_1][NAME_12]NAME_1 NAME_12x [NAME_7] ［NAME_1］ é [Name 1]",
        ];
        for text in texts {
            let want = reveal_all(&*t, text).text;
            for i in 0..=text.len() {
                if !text.is_char_boundary(i) {
                    continue;
                }
                assert_eq!(stream(&t, &[&text[..i], &text[i..]]), want, "split at {i}");
                for j in i..=text.len() {
                    if text.is_char_boundary(j) {
                        assert_eq!(
                            stream(&t, &[&text[..i], &text[i..j], &text[j..]]),
                            want,
                            "split at {i},{j}"
                        );
                    }
                }
            }
            let chars: Vec<String> = text.chars().map(|c| c.to_string()).collect();
            let refs: Vec<&str> = chars.iter().map(|s| s.as_str()).collect();
            assert_eq!(stream(&t, &refs), want);
        }
    }

    #[test]
    fn plain_text_is_released_at_once() {
        let t = std::sync::Arc::new(table());
        let mut r = StreamRevealer::new(Box::new(Src(t)));
        assert_eq!(r.push("The patient is well. "), "The patient is well. ");
        assert_eq!(r.held(), 0);
        let out = r.push("Seen by [NA");
        assert_eq!(out, "Seen by ");
        assert_eq!(r.push("ME_1] today"), "John Smith today");
    }
}

//! Streamed answers: parse the upstream's server-sent events, translate them to the client's
//! protocol if needed (`translate`), re-identify text and tool-call argument deltas with one
//! streaming revealer per content slot (so a placeholder split across chunks comes back whole),
//! and write them out. The pump task owns the request's audit record: it is written when the
//! stream ends, is cut, or the client goes away.
//!
//! A revealer may hold back a partial placeholder; what it holds is flushed into the chunk that
//! ends its slot (OpenAI `finish_reason`, Anthropic `content_block_stop`), so the client never
//! sees a placeholder twice or a value cut in half.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use serde_json::{Value, json};

use super::config::{self, Protocol};
use super::deid::{Deid, DeidError, StreamReveal};
use super::error::{ApiError, Dialect};
use super::keys::KeyRecord;
use super::routes::AuditGuard;
use super::{budget, translate};

/// What the pump needs to know about a request.
pub struct Ctx {
    pub deid: Arc<dyn Deid>,
    pub session: String,
    /// false when the key has de-identification off.
    pub reveal: bool,
    pub client: Dialect,
    pub upstream: Protocol,
    pub include_usage: bool,
    pub model: String,
    /// Run the output filter (flag only) over the whole streamed answer at its end.
    pub scan: bool,
    /// Screen answer text as it streams (`redact` or `fail`; see [`Screen`]).
    pub screen: Option<config::OutputFilter>,
}

/// One server-sent event.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Event {
    pub name: Option<String>,
    pub data: String,
}

/// Incremental SSE parser (LF or CRLF line ends, multi-line data).
#[derive(Default)]
pub struct SseParser {
    buf: Vec<u8>,
    cur: Event,
    has_data: bool,
}

impl SseParser {
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        self.buf.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(nl) = memchr::memchr(b'\n', &self.buf[start..]) {
            let end = start + nl;
            let mut line = &self.buf[start..end];
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            let line = String::from_utf8_lossy(line).into_owned();
            start = end + 1;
            if line.is_empty() {
                if self.has_data || self.cur.name.is_some() {
                    out.push(std::mem::take(&mut self.cur));
                }
                self.has_data = false;
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = match line.split_once(':') {
                Some((f, v)) => (f.to_string(), v.strip_prefix(' ').unwrap_or(v).to_string()),
                None => (line, String::new()),
            };
            match field.as_str() {
                "event" => self.cur.name = Some(value),
                "data" => {
                    if self.has_data {
                        self.cur.data.push('\n');
                    }
                    self.cur.data.push_str(&value);
                    self.has_data = true;
                }
                _ => {}
            }
        }
        self.buf.drain(..start);
    }
}

const AUDIT_TEXT_CAP: usize = 1 << 20;

/// Re-identifies OpenAI `chat.completion.chunk`s.
pub struct OpenaiRevealer {
    ctx_deid: Arc<dyn Deid>,
    session: String,
    enabled: bool,
    include_usage: bool,
    content: HashMap<u64, Box<dyn StreamReveal>>,
    tools: HashMap<(u64, u64), Box<dyn StreamReveal>>,
    template: Option<Value>,
    pub screen: Screen,
    pub usage: (u64, u64),
    pub text: String,
}

fn slot<'a, K: std::hash::Hash + Eq>(
    map: &'a mut HashMap<K, Box<dyn StreamReveal>>,
    k: K,
    deid: &Arc<dyn Deid>,
    session: &str,
) -> Result<&'a mut Box<dyn StreamReveal>, DeidError> {
    use std::collections::hash_map::Entry;
    Ok(match map.entry(k) {
        Entry::Occupied(o) => o.into_mut(),
        Entry::Vacant(v) => v.insert(deid.stream_revealer(session)?),
    })
}

fn audit_push(text: &mut String, s: &str) {
    if text.len() + s.len() <= AUDIT_TEXT_CAP {
        text.push_str(s);
    }
}

/// Text held back per slot beyond which a screen cuts at the last whitespace.
const SCREEN_HOLD_MAX: usize = 1024;

/// The streaming output filter (`output_filter = "redact"` or `"fail"`): the revealed text of
/// each answer slot is held back to a cut where detection context ends, and each released
/// piece is scanned for identifiers the conversation did not hold before the client sees it.
/// `redact` replaces them with `[LABEL]`; `fail` ends the stream with an error event instead
/// of the piece. Cuts: after the last newline; else after the last sentence end (`. `, `! `,
/// `? ` after a lower-case word of three letters or more, so `Dr. ` or `St. ` never cut);
/// else, once more than [`SCREEN_HOLD_MAX`] bytes are held, after the last whitespace. The
/// client sees text a sentence late. Tool-call arguments (JSON) are flagged, not rewritten.
pub struct Screen {
    mode: Option<config::OutputFilter>,
    deid: Arc<dyn Deid>,
    session: String,
    held: HashMap<u64, String>,
    /// Foreign identifiers found so far.
    pub foreign: usize,
}

impl Screen {
    fn new(ctx: &Ctx) -> Screen {
        Screen {
            mode: ctx.screen.filter(|_| ctx.reveal),
            deid: ctx.deid.clone(),
            session: ctx.session.clone(),
            held: HashMap::new(),
            foreign: 0,
        }
    }

    fn active(&self) -> bool {
        self.mode.is_some()
    }

    /// Takes revealed text of `slot`; returns what may be sent now, screened.
    fn push(&mut self, slot: u64, text: String) -> Result<String, DeidError> {
        if self.mode.is_none() {
            return Ok(text);
        }
        let held = self.held.entry(slot).or_default();
        held.push_str(&text);
        let cut = screen_cut(held);
        if cut == 0 {
            return Ok(String::new());
        }
        let piece: String = held.drain(..cut).collect();
        self.scan(&piece)
    }

    /// The slot ended: releases everything held, with `rest` (the revealer's last text).
    fn finish(&mut self, slot: u64, rest: String) -> Result<String, DeidError> {
        if self.mode.is_none() {
            return Ok(rest);
        }
        let mut piece = self.held.remove(&slot).unwrap_or_default();
        piece.push_str(&rest);
        if piece.is_empty() {
            return Ok(piece);
        }
        self.scan(&piece)
    }

    fn scan(&mut self, piece: &str) -> Result<String, DeidError> {
        let fail = self.mode == Some(config::OutputFilter::Fail);
        // Detection is CPU work (tens of ms with the NER model): on a multi-threaded runtime
        // the worker hands its other tasks over while it runs.
        let run = || self.deid.scan_output(&self.session, piece, !fail);
        let multi = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        let s = if multi {
            tokio::task::block_in_place(run)?
        } else {
            run()?
        };
        self.foreign += s.foreign;
        if fail && s.foreign > 0 {
            return Err(DeidError::ForeignPhi(s.foreign));
        }
        Ok(if fail { piece.to_string() } else { s.text })
    }
}

/// Where held text may be cut (0: nowhere yet); see [`Screen`].
fn screen_cut(held: &str) -> usize {
    if let Some(p) = held.rfind('\n') {
        return p + 1;
    }
    let b = held.as_bytes();
    for i in (1..b.len().saturating_sub(1)).rev() {
        if matches!(b[i], b'.' | b'!' | b'?') && b[i + 1] == b' ' {
            let word = held[..i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if word.chars().count() >= 3 && word.chars().all(|c| c.is_lowercase()) {
                return i + 2;
            }
        }
    }
    if held.len() > SCREEN_HOLD_MAX
        && let Some(p) = held.rfind(char::is_whitespace)
    {
        return p + held[p..].chars().next().map_or(1, char::len_utf8);
    }
    0
}

impl OpenaiRevealer {
    pub fn new(ctx: &Ctx) -> OpenaiRevealer {
        OpenaiRevealer {
            ctx_deid: ctx.deid.clone(),
            session: ctx.session.clone(),
            enabled: ctx.reveal,
            include_usage: ctx.include_usage,
            content: HashMap::new(),
            tools: HashMap::new(),
            template: None,
            screen: Screen::new(ctx),
            usage: (0, 0),
            text: String::new(),
        }
    }

    /// Transforms one chunk; may drop it (a usage-only chunk the client did not ask for).
    pub fn chunk(&mut self, mut v: Value) -> Result<Vec<Value>, DeidError> {
        if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
            self.usage = (
                u.get("prompt_tokens").and_then(Value::as_u64).unwrap_or(0),
                u.get("completion_tokens")
                    .and_then(Value::as_u64)
                    .unwrap_or(0),
            );
            if !self.include_usage {
                if v.get("choices")
                    .and_then(Value::as_array)
                    .is_none_or(|c| c.is_empty())
                {
                    return Ok(Vec::new());
                }
                if let Some(o) = v.as_object_mut() {
                    o.remove("usage");
                }
            }
        }
        if self.template.is_none() {
            let mut t = v.clone();
            if let Some(o) = t.as_object_mut() {
                o.remove("usage");
                o.insert("choices".into(), json!([]));
            }
            self.template = Some(t);
        }
        let Some(Value::Array(choices)) = v.get_mut("choices") else {
            return Ok(vec![v]);
        };
        for c in choices {
            let i = c.get("index").and_then(Value::as_u64).unwrap_or(0);
            let finished = c.get("finish_reason").is_some_and(|f| !f.is_null());
            let Some(delta) = c.get_mut("delta").and_then(Value::as_object_mut) else {
                continue;
            };
            if let Some(Value::String(s)) = delta.get_mut("content") {
                audit_push(&mut self.text, s);
                if self.enabled {
                    let r = slot(&mut self.content, i, &self.ctx_deid, &self.session)?.push(s);
                    *s = self.screen.push(i, r)?;
                }
            }
            if let Some(Value::Array(calls)) = delta.get_mut("tool_calls") {
                for call in calls {
                    let k = call.get("index").and_then(Value::as_u64).unwrap_or(0);
                    if let Some(Value::String(a)) = call.pointer_mut("/function/arguments") {
                        audit_push(&mut self.text, a);
                        if self.enabled {
                            *a = slot(&mut self.tools, (i, k), &self.ctx_deid, &self.session)?
                                .push(a);
                        }
                    }
                }
            }
            if finished {
                self.flush_choice(i, delta)?;
            }
        }
        Ok(vec![v])
    }

    fn flush_choice(
        &mut self,
        i: u64,
        delta: &mut serde_json::Map<String, Value>,
    ) -> Result<(), DeidError> {
        if let Some(mut r) = self.content.remove(&i) {
            let rest = self.screen.finish(i, r.finish())?;
            if !rest.is_empty() {
                let cur = delta.get("content").and_then(Value::as_str).unwrap_or("");
                let joined = format!("{cur}{rest}");
                delta.insert("content".into(), Value::String(joined));
            }
        }
        let mut keys: Vec<(u64, u64)> = self.tools.keys().filter(|k| k.0 == i).copied().collect();
        keys.sort();
        for k in keys {
            let Some(mut r) = self.tools.remove(&k) else {
                continue;
            };
            let rest = r.finish();
            if rest.is_empty() {
                continue;
            }
            let calls = delta
                .entry("tool_calls")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(calls) = calls {
                match calls
                    .iter_mut()
                    .find(|c| c.get("index").and_then(Value::as_u64) == Some(k.1))
                {
                    Some(c) => {
                        if let Some(Value::String(a)) = c.pointer_mut("/function/arguments") {
                            a.push_str(&rest);
                        } else if let Some(o) = c.as_object_mut() {
                            o.insert("function".into(), json!({"arguments": rest}));
                        }
                    }
                    None => calls.push(json!({"index": k.1, "function": {"arguments": rest}})),
                }
            }
        }
        Ok(())
    }

    /// At `[DONE]` or stream end: flush what is still held in a chunk of its own.
    pub fn finish(&mut self) -> Result<Vec<Value>, DeidError> {
        let mut choices: Vec<u64> = self.content.keys().copied().collect();
        choices.extend(self.tools.keys().map(|k| k.0));
        choices.sort();
        choices.dedup();
        let mut out = Vec::new();
        for i in choices {
            let mut delta = serde_json::Map::new();
            self.flush_choice(i, &mut delta)?;
            if delta.is_empty() {
                continue;
            }
            let mut chunk = self.template.clone().unwrap_or_else(|| json!({}));
            chunk["choices"] = json!([{"index": i, "delta": delta, "finish_reason": null}]);
            out.push(chunk);
        }
        Ok(out)
    }
}

/// Re-identifies Anthropic message stream events.
pub struct AnthropicRevealer {
    deid: Arc<dyn Deid>,
    session: String,
    enabled: bool,
    blocks: HashMap<u64, (bool, Box<dyn StreamReveal>)>,
    pub screen: Screen,
    pub usage: (u64, u64),
    pub text: String,
}

impl AnthropicRevealer {
    pub fn new(ctx: &Ctx) -> AnthropicRevealer {
        AnthropicRevealer {
            deid: ctx.deid.clone(),
            session: ctx.session.clone(),
            enabled: ctx.reveal,
            blocks: HashMap::new(),
            screen: Screen::new(ctx),
            usage: (0, 0),
            text: String::new(),
        }
    }

    pub fn event(&mut self, name: &str, mut v: Value) -> Result<Vec<(String, Value)>, DeidError> {
        let idx = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        match name {
            "message_start" => {
                if let Some(u) = v.pointer("/message/usage") {
                    self.usage.0 = u.get("input_tokens").and_then(Value::as_u64).unwrap_or(0);
                    self.usage.1 = u.get("output_tokens").and_then(Value::as_u64).unwrap_or(0);
                }
            }
            "message_delta" => {
                if let Some(u) = v.get("usage") {
                    if let Some(n) = u.get("input_tokens").and_then(Value::as_u64) {
                        self.usage.0 = n;
                    }
                    if let Some(n) = u.get("output_tokens").and_then(Value::as_u64) {
                        self.usage.1 = n;
                    }
                }
            }
            "content_block_delta" => {
                let (field, tool) = match v.pointer("/delta/type").and_then(Value::as_str) {
                    Some("text_delta") => ("text", false),
                    Some("input_json_delta") => ("partial_json", true),
                    _ => return Ok(vec![(name.to_string(), v)]),
                };
                if let Some(Value::String(s)) = v.get_mut("delta").and_then(|d| d.get_mut(field)) {
                    audit_push(&mut self.text, s);
                    if self.enabled {
                        use std::collections::hash_map::Entry;
                        let r = match self.blocks.entry(idx) {
                            Entry::Occupied(o) => o.into_mut(),
                            Entry::Vacant(e) => {
                                e.insert((tool, self.deid.stream_revealer(&self.session)?))
                            }
                        };
                        let text = r.1.push(s);
                        *s = if tool {
                            text
                        } else {
                            self.screen.push(idx, text)?
                        };
                    }
                }
            }
            "content_block_stop" => {
                if let Some((tool, mut r)) = self.blocks.remove(&idx) {
                    let rest = if tool {
                        r.finish()
                    } else {
                        self.screen.finish(idx, r.finish())?
                    };
                    if !rest.is_empty() {
                        let delta = if tool {
                            json!({"type": "input_json_delta", "partial_json": rest})
                        } else {
                            json!({"type": "text_delta", "text": rest})
                        };
                        return Ok(vec![
                            (
                                "content_block_delta".into(),
                                json!({"type": "content_block_delta", "index": idx, "delta": delta}),
                            ),
                            (name.to_string(), v),
                        ]);
                    }
                }
            }
            _ => {}
        }
        Ok(vec![(name.to_string(), v)])
    }
}

fn frame_openai(v: &Value) -> String {
    format!("data: {v}\n\n")
}

fn frame_anthropic(name: &str, v: &Value) -> String {
    format!("event: {name}\ndata: {v}\n\n")
}

/// The client-side state: translation (if any) plus the revealer of the client's protocol.
enum Pipeline {
    Openai {
        from_anthropic: Option<translate::AnthropicToOpenaiStream>,
        rev: OpenaiRevealer,
    },
    Anthropic {
        from_openai: Option<translate::OpenaiToAnthropicStream>,
        rev: AnthropicRevealer,
    },
}

impl Pipeline {
    fn new(ctx: &Ctx) -> Pipeline {
        match ctx.client {
            Dialect::Openai => Pipeline::Openai {
                from_anthropic: (ctx.upstream == Protocol::Anthropic)
                    .then(|| translate::AnthropicToOpenaiStream::new(&ctx.model)),
                rev: OpenaiRevealer::new(ctx),
            },
            Dialect::Anthropic => Pipeline::Anthropic {
                from_openai: (ctx.upstream == Protocol::Openai)
                    .then(|| translate::OpenaiToAnthropicStream::new(&ctx.model)),
                rev: AnthropicRevealer::new(ctx),
            },
        }
    }

    /// Returns frames to send and whether the stream is complete.
    fn event(&mut self, ev: Event, out: &mut String) -> Result<bool, DeidError> {
        match self {
            Pipeline::Openai {
                from_anthropic,
                rev,
            } => {
                let (chunks, done) = match from_anthropic {
                    Some(t) => {
                        let Ok(v) = serde_json::from_str::<Value>(&ev.data) else {
                            return Ok(false);
                        };
                        let name = ev.name.as_deref().unwrap_or("");
                        t.event(name, &v)
                    }
                    None => {
                        if ev.data.trim() == "[DONE]" {
                            (Vec::new(), true)
                        } else {
                            match serde_json::from_str::<Value>(&ev.data) {
                                Ok(v) => (vec![v], false),
                                Err(_) => return Ok(false),
                            }
                        }
                    }
                };
                for c in chunks {
                    for c in rev.chunk(c)? {
                        out.push_str(&frame_openai(&c));
                    }
                }
                if done {
                    for c in rev.finish()? {
                        out.push_str(&frame_openai(&c));
                    }
                    out.push_str("data: [DONE]\n\n");
                }
                Ok(done)
            }
            Pipeline::Anthropic { from_openai, rev } => {
                let events = match from_openai {
                    Some(t) => {
                        if ev.data.trim() == "[DONE]" {
                            t.finish()
                        } else {
                            match serde_json::from_str::<Value>(&ev.data) {
                                Ok(v) => t.chunk(&v),
                                Err(_) => return Ok(false),
                            }
                        }
                    }
                    None => match serde_json::from_str::<Value>(&ev.data) {
                        Ok(v) => {
                            let name = ev
                                .name
                                .clone()
                                .or_else(|| v.get("type").and_then(Value::as_str).map(String::from))
                                .unwrap_or_default();
                            vec![(name, v)]
                        }
                        Err(_) => return Ok(false),
                    },
                };
                let mut done = false;
                for (name, v) in events {
                    done |= name == "message_stop";
                    for (n, v) in rev.event(&name, v)? {
                        out.push_str(&frame_anthropic(&n, &v));
                    }
                }
                Ok(done)
            }
        }
    }

    fn usage(&self) -> (u64, u64) {
        match self {
            Pipeline::Openai { rev, .. } => rev.usage,
            Pipeline::Anthropic { rev, .. } => rev.usage,
        }
    }

    fn screen(&self) -> &Screen {
        match self {
            Pipeline::Openai { rev, .. } => &rev.screen,
            Pipeline::Anthropic { rev, .. } => &rev.screen,
        }
    }

    fn take_text(&mut self) -> String {
        match self {
            Pipeline::Openai { rev, .. } => std::mem::take(&mut rev.text),
            Pipeline::Anthropic { rev, .. } => std::mem::take(&mut rev.text),
        }
    }
}

fn error_frame(client: Dialect, code: &'static str, message: &str) -> String {
    let e = ApiError::new(axum::http::StatusCode::BAD_GATEWAY, code, message).dialect(client);
    match client {
        Dialect::Openai => frame_openai(&e.body()),
        Dialect::Anthropic => frame_anthropic("error", &e.body()),
    }
}

/// Starts the pump task and returns the client body stream.
pub fn pump(
    ctx: Ctx,
    upstream: reqwest::Response,
    mut guard: AuditGuard,
    key: KeyRecord,
    model: config::Model,
    permit: tokio::sync::OwnedSemaphorePermit,
    idle: Duration,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + 'static {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(16);
    tokio::spawn(async move {
        let _permit = permit;
        let mut pipe = Pipeline::new(&ctx);
        let mut parser = SseParser::default();
        let mut body = upstream.bytes_stream();
        let mut events = Vec::new();
        let mut complete = false;
        let mut cut: Option<&'static str> = None;
        loop {
            let next = match tokio::time::timeout(idle, body.next()).await {
                Ok(n) => n,
                Err(_) => {
                    cut = Some("upstream_idle_timeout");
                    break;
                }
            };
            let chunk = match next {
                None => break,
                Some(Err(_)) => {
                    cut = Some("upstream_stream_cut");
                    break;
                }
                Some(Ok(c)) => c,
            };
            parser.push(&chunk, &mut events);
            let mut out = String::new();
            for ev in events.drain(..) {
                match pipe.event(ev, &mut out) {
                    Ok(done) => complete |= done,
                    Err(DeidError::ForeignPhi(n)) => {
                        super::log(&format!(
                            "request {}: {n} foreign identifiers in the streamed answer; stream ended (output_filter = fail)",
                            guard.rec.request_id
                        ));
                        cut = Some("foreign_phi_in_answer");
                        break;
                    }
                    Err(e) => {
                        super::log(&format!("request {}: {e}", guard.rec.request_id));
                        cut = Some("reveal_failed");
                        break;
                    }
                }
            }
            if !out.is_empty() && tx.send(Bytes::from(out)).await.is_err() {
                guard.set_status(499);
                guard.rec.error = Some("client_disconnected".into());
                break;
            }
            if cut.is_some() || complete {
                break;
            }
        }
        if !complete && guard.rec.status != 499 {
            let code = cut.unwrap_or("upstream_stream_cut");
            guard.set_status(502);
            guard.rec.error = Some(code.into());
            let message = match code {
                "foreign_phi_in_answer" => {
                    "the answer held identifiers that did not come from this conversation; the stream was stopped before them"
                }
                "reveal_failed" => "re-identification of the answer failed",
                _ => "the upstream stream ended early",
            };
            let frame = error_frame(ctx.client, code, message);
            let _ = tx.send(Bytes::from(frame)).await;
        }
        let (p, c) = pipe.usage();
        let usd = budget::cost(&model, p, c);
        guard.rec.prompt_tokens = p;
        guard.rec.completion_tokens = c;
        guard.rec.usd = usd;
        let text = pipe.take_text();
        if pipe.screen().active() {
            let n = pipe.screen().foreign;
            if n > 0 {
                guard.rec.foreign_phi = n as u32;
                guard
                    .state()
                    .metrics
                    .add("phiscrub_output_foreign_phi_total", &[], n as f64);
            }
        } else if ctx.scan && !text.is_empty() {
            // `flag`: the answer is already with the client; the whole text is scanned once
            // at its end for the audit record and the metric.
            let (deid, sess, t) = (ctx.deid.clone(), ctx.session.clone(), text.clone());
            if let Ok(Ok(s)) =
                tokio::task::spawn_blocking(move || deid.scan_output(&sess, &t, false)).await
                && s.foreign > 0
            {
                guard.rec.foreign_phi = s.foreign as u32;
                guard.state().metrics.add(
                    "phiscrub_output_foreign_phi_total",
                    &[],
                    s.foreign as f64,
                );
            }
        }
        guard.rec.response = Some(text);
        guard.state().budgets.charge(&key, p, c, usd);
        drop(guard);
    });
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<Bytes, Infallible>(b), rx))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_cuts_where_context_ends() {
        assert_eq!(screen_cut("no end yet"), 0);
        assert_eq!(screen_cut("line one\nline tw"), 9);
        assert_eq!(screen_cut("It was seen. Then Dr"), 13);
        // Titles and initials are not sentence ends.
        assert_eq!(screen_cut("Seen by Dr. Smith"), 0);
        assert_eq!(screen_cut("Seen by J. Smith"), 0);
        assert_eq!(screen_cut("Lives on Main St. Boston"), 0);
        // A long run without an end is cut after its last whitespace (char boundaries kept).
        let long = "é".repeat(600) + " tail";
        let c = screen_cut(&long);
        assert!(long.is_char_boundary(c) && long[c..] == *"tail", "{c}");
    }

    #[test]
    fn sse_parser_handles_any_split() {
        let text =
            "event: a\r\ndata: {\"x\":1}\r\n\r\n: comment\ndata: l1\ndata: l2\n\ndata: [DONE]\n\n";
        for cut in 0..text.len() {
            let mut p = SseParser::default();
            let mut out = Vec::new();
            p.push(&text.as_bytes()[..cut], &mut out);
            p.push(&text.as_bytes()[cut..], &mut out);
            assert_eq!(out.len(), 3, "cut {cut}");
            assert_eq!(out[0].name.as_deref(), Some("a"));
            assert_eq!(out[1].data, "l1\nl2");
            assert_eq!(out[2].data, "[DONE]");
        }
    }
}

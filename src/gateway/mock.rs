//! A mock LLM provider for tests and load tests: speaks the OpenAI chat-completions and the
//! Anthropic messages wire formats (plain and streamed), records every request body it
//! receives, and injects faults on demand (status codes with `retry-after`, slowness, streams
//! cut mid-answer, a failure rate). Not part of the gateway proper; `phiscrub mock-upstream`
//! runs it on its own.
//!
//! Its answer echoes the last user text (`Echo: ...`), so placeholders travel back and the
//! gateway's re-identification can be checked. With tools in the request it answers with one
//! tool call whose arguments carry the same text. Streams are cut into 7-byte pieces so
//! placeholders are split across chunks.
//!
//! Control endpoints: `GET /_mock/received`, `POST /_mock/reset`,
//! `POST /_mock/fault {"status": 500, "count": 2, "retry_after": 0, "slow_ms": 0, "cut": false}`,
//! `POST /_mock/fail_rate {"percent": 20}`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

/// One injected fault, consumed by the next request.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Fault {
    pub status: Option<u16>,
    pub count: Option<u32>,
    pub retry_after: Option<f64>,
    pub slow_ms: Option<u64>,
    pub cut: bool,
    /// Text the answer carries after the echo (a model producing identifiers of its own).
    pub say: Option<String>,
}

#[derive(Default)]
pub struct MockState {
    pub received: Mutex<Vec<Value>>,
    faults: Mutex<VecDeque<Fault>>,
    fail_percent: AtomicU64,
    counter: AtomicU64,
    /// Requests answered (any status).
    pub hits: AtomicU64,
}

impl MockState {
    pub fn push_fault(&self, f: Fault) {
        let n = f.count.unwrap_or(1).max(1);
        let mut q = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        for _ in 0..n {
            q.push_back(f.clone());
        }
    }

    pub fn set_fail_percent(&self, p: u64) {
        self.fail_percent.store(p, Ordering::Relaxed);
    }

    pub fn received(&self) -> Vec<Value> {
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

pub fn router(state: Arc<MockState>) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(openai))
        .route("/v1/messages", post(anthropic))
        .route("/_mock/received", get(received))
        .route("/_mock/reset", post(reset))
        .route("/_mock/fault", post(fault))
        .route("/_mock/fail_rate", post(fail_rate))
        .with_state(state)
}

async fn received(State(st): State<Arc<MockState>>) -> Response {
    axum::Json(Value::Array(st.received())).into_response()
}

async fn reset(State(st): State<Arc<MockState>>) -> &'static str {
    st.received
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clear();
    st.faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
    st.set_fail_percent(0);
    "ok"
}

async fn fault(State(st): State<Arc<MockState>>, body: Bytes) -> Response {
    match serde_json::from_slice::<Fault>(&body) {
        Ok(f) => {
            st.push_fault(f);
            "ok".into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    }
}

async fn fail_rate(State(st): State<Arc<MockState>>, body: Bytes) -> Response {
    let p = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("percent").and_then(Value::as_u64))
        .unwrap_or(0);
    st.set_fail_percent(p);
    "ok".into_response()
}

fn last_user_text(v: &Value, anthropic: bool) -> String {
    let msgs = v.get("messages").and_then(Value::as_array);
    let last = msgs
        .into_iter()
        .flatten()
        .rev()
        .find(|m| m.get("role").and_then(Value::as_str) == Some("user"));
    let Some(c) = last.and_then(|m| m.get("content")) else {
        return String::new();
    };
    match c {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| {
                if anthropic && p.get("type").and_then(Value::as_str) == Some("tool_result") {
                    return p.get("content").and_then(Value::as_str).map(str::to_string);
                }
                p.get("text").and_then(Value::as_str).map(str::to_string)
            })
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    }
}

/// Common prelude: record, then apply a fault if one is due. `Err` is the faulty response.
async fn prelude(st: &MockState, body: &Bytes) -> Result<(Value, bool, String), Response> {
    st.hits.fetch_add(1, Ordering::Relaxed);
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    st.received
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(v.clone());
    let f = st
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .pop_front();
    let n = st.counter.fetch_add(1, Ordering::Relaxed);
    let pct = st.fail_percent.load(Ordering::Relaxed);
    if f.is_none() && pct > 0 && (n * 7919) % 100 < pct {
        return Err((StatusCode::INTERNAL_SERVER_ERROR, "injected failure").into_response());
    }
    let Some(f) = f else {
        return Ok((v, false, String::new()));
    };
    if let Some(ms) = f.slow_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(s) = f.status {
        let mut r = (
            StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            axum::Json(json!({"error": {"message": format!("mock fault {s}"), "type": "mock"}})),
        )
            .into_response();
        if let Some(ra) = f.retry_after
            && let Ok(h) = ra.to_string().parse()
        {
            r.headers_mut().insert(header::RETRY_AFTER, h);
        }
        return Err(r);
    }
    Ok((v, f.cut, f.say.unwrap_or_default()))
}

fn pieces(s: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if cur.len() >= n {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn sse(frames: Vec<String>, cut: bool) -> Response {
    let frames = if cut {
        let keep = frames.len() / 2;
        frames.into_iter().take(keep.max(1)).collect()
    } else {
        frames
    };
    use futures_util::StreamExt;
    // Paced so that a cut happens after the first frames reached the gateway.
    let stream = futures_util::stream::iter(frames).then(|f| async move {
        tokio::time::sleep(Duration::from_millis(2)).await;
        Ok::<Bytes, std::io::Error>(Bytes::from(f))
    });
    let body = if cut {
        Body::from_stream(stream.chain(futures_util::stream::once(async {
            Err(std::io::Error::other("cut"))
        })))
    } else {
        Body::from_stream(stream)
    };
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn openai(State(st): State<Arc<MockState>>, body: Bytes) -> Response {
    let (v, cut, say) = match prelude(&st, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let text = format!("Echo: {}{say}", last_user_text(&v, false));
    let model = v.get("model").cloned().unwrap_or(json!("mock"));
    let tools = v
        .get("tools")
        .is_some_and(|t| t.as_array().is_some_and(|a| !a.is_empty()));
    let tool_name = v
        .pointer("/tools/0/function/name")
        .cloned()
        .unwrap_or(json!("f"));
    let args = json!({"note": text}).to_string();
    let (pt, ct) = (body.len() as u64 / 4, text.len() as u64 / 4);
    if v.get("stream").and_then(Value::as_bool) != Some(true) {
        let message = if tools {
            json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                "function": {"name": tool_name, "arguments": args}}]})
        } else {
            json!({"role": "assistant", "content": text})
        };
        return axum::Json(json!({
            "id": "chatcmpl-mock", "object": "chat.completion", "created": 1_700_000_000, "model": model,
            "choices": [{"index": 0, "message": message, "logprobs": null,
                         "finish_reason": if tools { "tool_calls" } else { "stop" }}],
            "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}
        }))
        .into_response();
    }
    let chunk = |delta: Value, finish: Value| {
        format!(
            "data: {}\n\n",
            json!({"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1_700_000_000,
                   "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
        )
    };
    let mut frames = vec![chunk(
        json!({"role": "assistant", "content": ""}),
        Value::Null,
    )];
    if tools {
        frames.push(chunk(
            json!({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                   "function": {"name": tool_name, "arguments": ""}}]}),
            Value::Null,
        ));
        for p in pieces(&args, 7) {
            frames.push(chunk(
                json!({"tool_calls": [{"index": 0, "function": {"arguments": p}}]}),
                Value::Null,
            ));
        }
        frames.push(chunk(json!({}), json!("tool_calls")));
    } else {
        for p in pieces(&text, 7) {
            frames.push(chunk(json!({"content": p}), Value::Null));
        }
        frames.push(chunk(json!({}), json!("stop")));
    }
    if v.pointer("/stream_options/include_usage")
        .and_then(Value::as_bool)
        == Some(true)
    {
        frames.push(format!(
            "data: {}\n\n",
            json!({"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1_700_000_000,
                   "model": model, "choices": [],
                   "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}})
        ));
    }
    frames.push("data: [DONE]\n\n".into());
    sse(frames, cut)
}

async fn anthropic(State(st): State<Arc<MockState>>, body: Bytes) -> Response {
    let (v, cut, say) = match prelude(&st, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let text = format!("Echo: {}{say}", last_user_text(&v, true));
    let model = v.get("model").cloned().unwrap_or(json!("mock"));
    let tools = v
        .get("tools")
        .is_some_and(|t| t.as_array().is_some_and(|a| !a.is_empty()));
    let tool_name = v.pointer("/tools/0/name").cloned().unwrap_or(json!("f"));
    let (pt, ct) = (body.len() as u64 / 4, text.len() as u64 / 4);
    let block = if tools {
        json!({"type": "tool_use", "id": "toolu_1", "name": tool_name, "input": {"note": text}})
    } else {
        json!({"type": "text", "text": text})
    };
    let stop = if tools { "tool_use" } else { "end_turn" };
    if v.get("stream").and_then(Value::as_bool) != Some(true) {
        return axum::Json(json!({
            "id": "msg_mock", "type": "message", "role": "assistant", "model": model,
            "content": [block], "stop_reason": stop, "stop_sequence": null,
            "usage": {"input_tokens": pt, "output_tokens": ct}
        }))
        .into_response();
    }
    let ev = |name: &str, v: Value| format!("event: {name}\ndata: {v}\n\n");
    let mut frames = vec![ev(
        "message_start",
        json!({"type": "message_start", "message": {"id": "msg_mock", "type": "message", "role": "assistant",
            "model": model, "content": [], "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": pt, "output_tokens": 1}}}),
    )];
    if tools {
        frames.push(ev("content_block_start", json!({"type": "content_block_start", "index": 0,
            "content_block": {"type": "tool_use", "id": "toolu_1", "name": tool_name, "input": {}}})));
        for p in pieces(&json!({"note": text}).to_string(), 7) {
            frames.push(ev(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": 0,
                "delta": {"type": "input_json_delta", "partial_json": p}}),
            ));
        }
    } else {
        frames.push(ev(
            "content_block_start",
            json!({"type": "content_block_start", "index": 0,
            "content_block": {"type": "text", "text": ""}}),
        ));
        for p in pieces(&text, 7) {
            frames.push(ev(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": 0,
                "delta": {"type": "text_delta", "text": p}}),
            ));
        }
    }
    frames.push(ev(
        "content_block_stop",
        json!({"type": "content_block_stop", "index": 0}),
    ));
    frames.push(ev(
        "message_delta",
        json!({"type": "message_delta",
        "delta": {"stop_reason": stop, "stop_sequence": null}, "usage": {"output_tokens": ct}}),
    ));
    frames.push(ev("message_stop", json!({"type": "message_stop"})));
    sse(frames, cut)
}

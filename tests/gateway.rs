//! End-to-end tests of the gateway: a mock OpenAI/Anthropic upstream on 127.0.0.1, the gateway
//! on 127.0.0.1, driven over HTTP (reqwest here, the official Python SDKs in
//! `gateway_sdk.py`). Checks what the upstream received (de-identified), what the client got
//! back (re-identified), failover, budgets, fail-closed, and the audit log.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use phiscrub::gateway::{self, AppState, Config, audit, deid, keys, mock};
use phiscrub::policy::Policy;
use phiscrub::vault::{MasterKey, Vault};
use phiscrub::{Engine, EngineConfig};
use serde_json::{Value, json};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(EngineConfig::default()).unwrap())
}

struct Env {
    dir: tempfile::TempDir,
    url: String,
    primary: Arc<mock::MockState>,
    backup: Arc<mock::MockState>,
    mock_url: String,
    state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    http: reqwest::Client,
}

async fn start_mock() -> (Arc<mock::MockState>, String) {
    let st = Arc::new(mock::MockState::default());
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    let app = mock::router(st.clone());
    tokio::spawn(async move {
        axum::serve(l, app).await.unwrap();
    });
    (st, format!("http://{addr}"))
}

fn config_text(primary: &str, backup: &str, extra: &str) -> String {
    format!(
        r#"
[store]
path = "gw.db"
[audit]
checkpoint_every = 16
{extra}
[[upstreams]]
name = "primary"
protocol = "openai"
base_url = "{primary}/v1"
max_retries = 1
max_backoff_ms = 500
breaker_failures = 1000
[[upstreams]]
name = "backup"
protocol = "openai"
base_url = "{backup}/v1"
[[upstreams]]
name = "claude"
protocol = "anthropic"
base_url = "{primary}/v1"
[[models]]
name = "gpt-test"
input_usd_per_mtok = 1000.0
output_usd_per_mtok = 2000.0
routes = [{{ upstream = "primary", priority = 0 }}, {{ upstream = "backup", priority = 1 }}]
[[models]]
name = "claude-test"
routes = [{{ upstream = "claude" }}]
[[models]]
name = "other"
routes = [{{ upstream = "backup" }}]
"#
    )
}

async fn start_with(extra: &str, deid: Option<Arc<dyn deid::Deid>>) -> Env {
    let (primary, purl) = start_mock().await;
    let (backup, burl) = start_mock().await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(&purl, &burl, extra);
    std::fs::write(dir.path().join("gateway.toml"), &text).unwrap();
    let config = Config::load(&dir.path().join("gateway.toml")).unwrap();
    let deid = deid.unwrap_or_else(|| {
        Arc::new(
            deid::VaultDeid::new(engine(), Vault::in_memory(MasterKey::generate().unwrap()))
                .unwrap(),
        )
    });
    let state = gateway::Gateway::new(config, deid).unwrap();
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let st = state.clone();
    let server = tokio::spawn(async move {
        gateway::serve(l, st, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    Env {
        dir,
        url,
        primary,
        backup,
        mock_url: purl,
        state,
        stop: Some(tx),
        server: Some(server),
        http: reqwest::Client::new(),
    }
}

async fn start() -> Env {
    start_with("", None).await
}

impl Env {
    fn key(&self, f: impl FnOnce(&mut keys::NewKey)) -> String {
        let mut k = keys::NewKey {
            name: "test".into(),
            app: "app".into(),
            team: "team".into(),
            env: "test".into(),
            deid: true,
            ..Default::default()
        };
        f(&mut k);
        self.state.keys.create(&k).unwrap().0
    }

    async fn post(
        &self,
        path: &str,
        key: &str,
        body: &Value,
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut r = self
            .http
            .post(format!("{}{path}", self.url))
            .header("authorization", format!("Bearer {key}"))
            .json(body);
        if let Some(s) = session {
            r = r.header("x-phiscrub-session", s);
        }
        r.send().await.unwrap()
    }

    async fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.server.take() {
            h.await.unwrap();
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("gw.db")
    }
}

struct Note {
    text: String,
    gold: Vec<String>,
}

fn notes() -> Vec<Note> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("corpora/sample/gold.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let text = v["text"].as_str().unwrap().to_string();
            let gold = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let (a, b) = (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    );
                    text[a..b].to_string()
                })
                .collect();
            Note { text, gold }
        })
        .collect()
}

/// The library's own round trip in a fresh session: what the upstream must receive and what
/// the client must get back (the mock echoes `Echo: <text>`).
fn expected(text: &str) -> (String, String) {
    let vault = Vault::in_memory(MasterKey::generate().unwrap());
    let s = engine()
        .session(&vault, None, Policy::builtin("tokens").unwrap())
        .unwrap();
    let red = s.redact(text).unwrap().text;
    let back = s.reveal(&format!("Echo: {red}")).text;
    (red, back)
}

fn word_in(hay: &str, needle: &str) -> bool {
    let is_w = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle).any(|(i, _)| {
        !is_w(hay[..i].chars().next_back()) && !is_w(hay[i + needle.len()..].chars().next())
    })
}

fn sse_events(text: &str) -> Vec<(Option<String>, Value)> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut name = None;
        let mut data = String::new();
        for line in block.lines() {
            if let Some(n) = line.strip_prefix("event: ") {
                name = Some(n.to_string());
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            }
        }
        if data.is_empty() || data == "[DONE]" {
            continue;
        }
        out.push((name, serde_json::from_str(&data).unwrap()));
    }
    out
}

fn openai_stream_text(events: &[(Option<String>, Value)]) -> (String, String) {
    let (mut text, mut args) = (String::new(), String::new());
    for (_, v) in events {
        if let Some(c) = v
            .pointer("/choices/0/delta/content")
            .and_then(Value::as_str)
        {
            text.push_str(c);
        }
        for call in v
            .pointer("/choices/0/delta/tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(a) = call.pointer("/function/arguments").and_then(Value::as_str) {
                args.push_str(a);
            }
        }
    }
    (text, args)
}

fn anthropic_stream_text(events: &[(Option<String>, Value)]) -> (String, String) {
    let (mut text, mut args) = (String::new(), String::new());
    for (_, v) in events {
        if let Some(t) = v.pointer("/delta/text").and_then(Value::as_str) {
            text.push_str(t);
        }
        if let Some(t) = v.pointer("/delta/partial_json").and_then(Value::as_str) {
            args.push_str(t);
        }
    }
    (text, args)
}

fn last_user_content(v: &Value) -> String {
    let m = v["messages"].as_array().unwrap().last().unwrap();
    match &m["content"] {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().filter_map(|b| b["text"].as_str()).collect(),
        _ => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_notes_are_deidentified_upstream_and_reidentified_back() {
    let env = start().await;
    let key = env.key(|_| {});
    let notes = notes();
    let (mut gold_total, mut gold_leaked, mut lib_leaked) = (0, 0, 0);
    for (i, note) in notes.iter().enumerate() {
        let (red, back) = expected(&note.text);
        // Four modes: OpenAI plain/stream, Anthropic plain/stream.
        let mode = i % 4;
        let stream = mode % 2 == 1;
        let before = env.primary.received().len();
        let got = if mode < 2 {
            let body = json!({"model": "gpt-test", "stream": stream,
                              "messages": [{"role": "user", "content": note.text}]});
            let r = env.post("/v1/chat/completions", &key, &body, None).await;
            assert_eq!(r.status(), 200);
            assert!(r.headers().contains_key("x-phiscrub-session"));
            if stream {
                openai_stream_text(&sse_events(&r.text().await.unwrap())).0
            } else {
                let v: Value = r.json().await.unwrap();
                v["choices"][0]["message"]["content"]
                    .as_str()
                    .unwrap()
                    .to_string()
            }
        } else {
            let body = json!({"model": "claude-test", "max_tokens": 100, "stream": stream,
                              "messages": [{"role": "user", "content": note.text}]});
            let r = env.post("/v1/messages", &key, &body, None).await;
            assert_eq!(r.status(), 200);
            if stream {
                anthropic_stream_text(&sse_events(&r.text().await.unwrap())).0
            } else {
                let v: Value = r.json().await.unwrap();
                v["content"][0]["text"].as_str().unwrap().to_string()
            }
        };
        let received = env.primary.received();
        assert_eq!(received.len(), before + 1);
        let upstream_text = last_user_content(&received[before]);
        assert_eq!(
            upstream_text, red,
            "note {i}: the upstream must get the library's redaction"
        );
        assert_eq!(
            got, back,
            "note {i} mode {mode}: answer not re-identified exactly"
        );
        for g in &note.gold {
            gold_total += 1;
            if word_in(&upstream_text, g) {
                gold_leaked += 1;
            }
            if word_in(&red, g) {
                lib_leaked += 1;
            }
        }
    }
    eprintln!(
        "gold PHI values reaching the upstream: {gold_leaked} of {gold_total} \
         (the rules engine alone misses {lib_leaked}; the gateway adds none)"
    );
    assert_eq!(gold_leaked, lib_leaked);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_session_keeps_numbering_across_turns() {
    let env = start().await;
    let key = env.key(|_| {});
    let t1 = "Patient John Smith seen by Dr. Alvarez on 3/14/2023.";
    let r = env
        .post(
            "/v1/chat/completions",
            &key,
            &json!({"model": "gpt-test", "messages": [{"role": "user", "content": t1}]}),
            None,
        )
        .await;
    let session = r.headers()["x-phiscrub-session"]
        .to_str()
        .unwrap()
        .to_string();
    let a1: Value = r.json().await.unwrap();
    let answer = a1["choices"][0]["message"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(answer.contains("John Smith"), "{answer}");
    let body = json!({"model": "gpt-test", "messages": [
        {"role": "user", "content": t1},
        {"role": "assistant", "content": answer},
        {"role": "user", "content": "Call Dr. Alvarez about John Smith."}]});
    let r = env
        .post("/v1/chat/completions", &key, &body, Some(&session))
        .await;
    assert_eq!(r.headers()["x-phiscrub-session"], session.as_str());
    let got = env.primary.received();
    let first = last_user_content(&got[0]);
    let second = serde_json::to_string(&got[1]).unwrap();
    assert!(
        !second.contains("John Smith") && !second.contains("Alvarez"),
        "{second}"
    );
    assert!(first.contains("[NAME_1]") && second.contains("[NAME_1]"));
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["choices"][0]["message"]["content"],
        "Echo: Call Dr. Alvarez about John Smith."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tool_calls_are_deidentified_and_reidentified_also_when_streamed() {
    let env = start().await;
    let key = env.key(|_| {});
    let text = "Book a follow-up for Maria Gonzalez, MRN 00412345, phone 617-555-0134.";
    let tools_oa = json!([{"type": "function", "function": {"name": "book", "parameters": {"type": "object"}}}]);
    let history = json!({"role": "assistant", "content": null, "tool_calls": [{"id": "c0", "type": "function",
        "function": {"name": "book", "arguments": "{\"patient\": \"Maria Gonzalez\"}"}}]});
    let tool_result =
        json!({"role": "tool", "tool_call_id": "c0", "content": "Booked Maria Gonzalez."});
    for stream in [false, true] {
        let body = json!({"model": "gpt-test", "stream": stream, "tools": tools_oa,
            "messages": [{"role": "user", "content": text}, history, tool_result, {"role": "user", "content": text}]});
        let r = env.post("/v1/chat/completions", &key, &body, None).await;
        assert_eq!(r.status(), 200);
        let args = if stream {
            openai_stream_text(&sse_events(&r.text().await.unwrap())).1
        } else {
            let v: Value = r.json().await.unwrap();
            v["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let args: Value = serde_json::from_str(&args).unwrap();
        assert_eq!(args["note"], format!("Echo: {text}"), "stream={stream}");
    }
    let tools_an = json!([{"name": "book", "input_schema": {"type": "object"}}]);
    for stream in [false, true] {
        let body = json!({"model": "claude-test", "max_tokens": 50, "stream": stream, "tools": tools_an,
            "system": "You book visits for Maria Gonzalez.",
            "messages": [{"role": "user", "content": text},
                         {"role": "assistant", "content": [{"type": "tool_use", "id": "t0", "name": "book", "input": {"patient": "Maria Gonzalez"}}]},
                         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t0", "content": "Booked Maria Gonzalez."},
                                                      {"type": "text", "text": text}]}]});
        let r = env.post("/v1/messages", &key, &body, None).await;
        assert_eq!(r.status(), 200);
        let input = if stream {
            serde_json::from_str(&anthropic_stream_text(&sse_events(&r.text().await.unwrap())).1)
                .unwrap()
        } else {
            let v: Value = r.json().await.unwrap();
            v["content"][0]["input"].clone()
        };
        // The mock echoes the tool result and the text of the last user turn.
        assert_eq!(
            input["note"],
            format!("Echo: Booked Maria Gonzalez.{text}"),
            "stream={stream}"
        );
    }
    let all = serde_json::to_string(&env.primary.received()).unwrap();
    for phi in ["Maria", "Gonzalez", "00412345", "617-555-0134"] {
        assert!(!all.contains(phi), "{phi} reached the upstream");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn translation_between_protocols_streaming_included() {
    let env = start().await;
    let key = env.key(|_| {});
    let text = "Dr. Alvarez saw John Smith on 3/14/2023.";
    // OpenAI client -> Anthropic upstream.
    for stream in [false, true] {
        let body = json!({"model": "claude-test", "stream": stream, "stream_options": {"include_usage": true},
                          "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": text}]});
        let r = env.post("/v1/chat/completions", &key, &body, None).await;
        assert_eq!(r.status(), 200);
        let got = if stream {
            let ev = sse_events(&r.text().await.unwrap());
            assert!(
                ev.iter()
                    .any(|(_, v)| v["usage"]["completion_tokens"].as_u64().is_some())
            );
            openai_stream_text(&ev).0
        } else {
            let v: Value = r.json().await.unwrap();
            v["choices"][0]["message"]["content"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(got, format!("Echo: {text}"));
    }
    let last = env.primary.received().pop().unwrap();
    assert_eq!(last["system"], "be brief");
    assert!(last["max_tokens"].as_u64().is_some());
    // Anthropic client -> OpenAI upstream.
    for stream in [false, true] {
        let body = json!({"model": "gpt-test", "max_tokens": 64, "stream": stream,
                          "messages": [{"role": "user", "content": text}]});
        let r = env.post("/v1/messages", &key, &body, None).await;
        assert_eq!(r.status(), 200);
        let got = if stream {
            let ev = sse_events(&r.text().await.unwrap());
            let names: Vec<_> = ev.iter().filter_map(|(n, _)| n.clone()).collect();
            assert_eq!(names.first().map(String::as_str), Some("message_start"));
            assert_eq!(names.last().map(String::as_str), Some("message_stop"));
            anthropic_stream_text(&ev).0
        } else {
            let v: Value = r.json().await.unwrap();
            assert_eq!(v["type"], "message");
            v["content"][0]["text"].as_str().unwrap().to_string()
        };
        assert_eq!(got, format!("Echo: {text}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failover_retries_and_cut_streams() {
    let env = start().await;
    let key = env.key(|_| {});
    let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": "hello"}]});
    // 429 with retry-after: retried on the same upstream.
    env.primary.push_fault(mock::Fault {
        status: Some(429),
        retry_after: Some(0.05),
        ..Default::default()
    });
    let r = env.post("/v1/chat/completions", &key, &body, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(env.primary.received().len(), 2);
    assert_eq!(env.backup.received().len(), 0);
    // 500 twice (all retries): falls back to the backup.
    env.primary.push_fault(mock::Fault {
        status: Some(500),
        count: Some(2),
        ..Default::default()
    });
    let r = env.post("/v1/chat/completions", &key, &body, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(env.backup.received().len(), 1);
    // Retry-after longer than max_backoff_ms: straight to the backup.
    env.primary.push_fault(mock::Fault {
        status: Some(429),
        retry_after: Some(30.0),
        ..Default::default()
    });
    let r = env.post("/v1/chat/completions", &key, &body, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(env.backup.received().len(), 2);
    // Both down: an OpenAI-shaped error with the upstream's status.
    env.primary.push_fault(mock::Fault {
        status: Some(503),
        count: Some(2),
        ..Default::default()
    });
    env.backup.push_fault(mock::Fault {
        status: Some(503),
        count: Some(2),
        ..Default::default()
    });
    let r = env.post("/v1/chat/completions", &key, &body, None).await;
    assert_eq!(r.status(), 503);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "upstream_unavailable");
    // A stream cut after the first bytes: no fallback, an error event ends the stream.
    let backup_before = env.backup.received().len();
    env.primary.push_fault(mock::Fault {
        cut: true,
        ..Default::default()
    });
    let sbody = json!({"model": "gpt-test", "stream": true, "messages": [{"role": "user", "content": "hello there, a long enough text"}]});
    let r = env.post("/v1/chat/completions", &key, &sbody, None).await;
    assert_eq!(r.status(), 200);
    let ev = sse_events(&r.text().await.unwrap());
    assert!(ev.last().unwrap().1.get("error").is_some(), "{ev:?}");
    assert_eq!(env.backup.received().len(), backup_before);
    // Slow upstream beyond the request timeout is covered by upstream timeouts (unit level).
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budgets_rate_limits_scopes_and_errors() {
    let env = start().await;
    let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": "hello"}]});
    // Budget: prices are 1000/2000 USD per Mtok, one call costs ~0.05 USD.
    let key = env.key(|k| k.usd_day = Some(0.01));
    assert_eq!(
        env.post("/v1/chat/completions", &key, &body, None)
            .await
            .status(),
        200
    );
    let mut refused = None;
    for _ in 0..50 {
        let r = env.post("/v1/chat/completions", &key, &body, None).await;
        if r.status() == 429 {
            refused = Some(r.json::<Value>().await.unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let refused = refused.expect("budget never enforced");
    assert_eq!(refused["error"]["code"], "budget_exceeded");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("daily budget")
    );
    // Rate limit.
    let key = env.key(|k| k.rpm = Some(2));
    for want in [200, 200, 429] {
        assert_eq!(
            env.post("/v1/chat/completions", &key, &body, None)
                .await
                .status(),
            want
        );
    }
    // Models scoped per key.
    let key = env.key(|k| k.models = vec!["gpt-test".into()]);
    let v: Value = env
        .http
        .get(format!("{}/v1/models", env.url))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    let r = env
        .post(
            "/v1/chat/completions",
            &key,
            &json!({"model": "other", "messages": []}),
            None,
        )
        .await;
    assert_eq!(r.status(), 404);
    // Errors are OpenAI-shaped; Anthropic route answers Anthropic-shaped.
    let r = env
        .post("/v1/chat/completions", "phs_nope_nope", &body, None)
        .await;
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["type"], "authentication_error");
    assert!(v["error"].get("param").is_some() && v["error"].get("code").is_some());
    let r = env
        .http
        .post(format!("{}/v1/messages", env.url))
        .header("x-api-key", "bad")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Value>().await.unwrap()["type"], "error");
    // Images refused by default.
    let key = env.key(|_| {});
    let img = json!({"model": "gpt-test", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "who is this?"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]});
    let r = env.post("/v1/chat/completions", &key, &img, None).await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "media_not_allowed"
    );
    // Body limit. On its own client: the server answers 413 without reading the rest and
    // closes that connection, which a pooled client could otherwise try to reuse.
    let big = json!({"model": "gpt-test", "messages": [{"role": "user", "content": "x".repeat(5 << 20)}]});
    let r = reqwest::Client::new()
        .post(format!("{}/v1/chat/completions", env.url))
        .bearer_auth(&key)
        .json(&big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    // Health, readiness, metrics.
    assert_eq!(
        env.http
            .get(format!("{}/healthz", env.url))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        env.http
            .get(format!("{}/readyz", env.url))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let m = env
        .http
        .get(format!("{}/metrics", env.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        m.contains("phiscrub_requests_total{route=\"openai\",status=\"200\"}"),
        "{m}"
    );
    assert!(m.contains("phiscrub_request_seconds_bucket"));
    // Nothing the upstreams saw came from a refused request.
    assert!(
        env.primary
            .received()
            .iter()
            .all(|v| v["messages"][0]["content"] == "hello")
    );
}

struct Broken;
impl deid::Deid for Broken {
    fn redact(
        &self,
        _: &str,
        _: &str,
        _: &[String],
    ) -> Result<deid::RedactedBatch, deid::DeidError> {
        Err(deid::DeidError::Failed("detector unavailable".into()))
    }
    fn reveal(&self, _: &str, t: &str) -> Result<String, deid::DeidError> {
        Ok(t.into())
    }
    fn stream_revealer(&self, _: &str) -> Result<Box<dyn deid::StreamReveal>, deid::DeidError> {
        Err(deid::DeidError::Failed("x".into()))
    }
    fn scan_output(&self, _: &str, t: &str, _: bool) -> Result<deid::OutputScan, deid::DeidError> {
        Ok(deid::OutputScan {
            text: t.into(),
            foreign: 0,
        })
    }
}

struct Slow;
impl deid::Deid for Slow {
    fn redact(
        &self,
        s: &str,
        p: &str,
        t: &[String],
    ) -> Result<deid::RedactedBatch, deid::DeidError> {
        std::thread::sleep(Duration::from_millis(300));
        Broken.redact(s, p, t)
    }
    fn reveal(&self, s: &str, t: &str) -> Result<String, deid::DeidError> {
        Broken.reveal(s, t)
    }
    fn stream_revealer(&self, s: &str) -> Result<Box<dyn deid::StreamReveal>, deid::DeidError> {
        Broken.stream_revealer(s)
    }
    fn scan_output(&self, s: &str, t: &str, r: bool) -> Result<deid::OutputScan, deid::DeidError> {
        Broken.scan_output(s, t, r)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fails_closed_when_detection_fails_or_is_too_slow() {
    for (d, extra) in [
        (Arc::new(Broken) as Arc<dyn deid::Deid>, ""),
        (
            Arc::new(Slow) as Arc<dyn deid::Deid>,
            "[deid]\ntime_budget_ms = 50\n",
        ),
    ] {
        let env = start_with(extra, Some(d)).await;
        let key = env.key(|_| {});
        let body =
            json!({"model": "gpt-test", "messages": [{"role": "user", "content": "John Smith"}]});
        let r = env.post("/v1/chat/completions", &key, &body, None).await;
        assert_eq!(r.status(), 503);
        assert_eq!(
            r.json::<Value>().await.unwrap()["error"]["code"],
            "deid_failed"
        );
        assert!(env.primary.received().is_empty() && env.backup.received().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_percent_upstream_failures_lose_nothing_and_audit_each_request_once() {
    let mut env = start().await;
    let key = env.key(|_| {});
    env.primary.set_fail_percent(20);
    let n = 200;
    let mut tasks = Vec::new();
    let sem = Arc::new(tokio::sync::Semaphore::new(16));
    for i in 0..n {
        let http = env.http.clone();
        let url = format!("{}/v1/chat/completions", env.url);
        let key = key.clone();
        let sem = sem.clone();
        tasks.push(tokio::spawn(async move {
            let _p = sem.acquire().await.unwrap();
            let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": format!("request {i} for John Smith")}]});
            let r = http.post(url).bearer_auth(key).json(&body).send().await.unwrap();
            let status = r.status().as_u16();
            let v: Value = r.json().await.unwrap();
            (i, status, v)
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let (i, status, v) = t.await.unwrap();
        assert_eq!(status, 200, "request {i}: {v}");
        assert_eq!(
            v["choices"][0]["message"]["content"],
            format!("Echo: request {i} for John Smith")
        );
        ok += 1;
    }
    assert_eq!(ok, n);
    env.shutdown().await;
    let keys = audit::AuditKeys::load(&env.state.config.audit, &env.db()).unwrap();
    let mut requests = std::collections::HashMap::new();
    audit::read_records(
        &env.db(),
        &keys,
        Some(&env.state.keys.list().unwrap()[0].id),
        None,
        None,
        |_, r| {
            *requests.entry(r.request_id.clone()).or_insert(0) += 1;
            assert_eq!(r.status, 200);
            assert!(!r.prompt.as_deref().unwrap_or("").contains("John Smith"));
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(requests.len(), n);
    assert!(requests.values().all(|c| *c == 1));
    let rep = audit::verify(&env.db(), &keys.signing.verifying_key(), Some(&keys));
    assert!(rep.ok(), "{:?}", rep.problems);
}

fn verify_cli(dir: &Path, store: &Path) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_phiscrub"))
        .args(["audit", "verify", "--config"])
        .arg(dir.join("gateway.toml"))
        .arg("--store")
        .arg(store)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_catches_flipped_byte_deleted_record_and_truncation() {
    let mut env = start().await;
    let key = env.key(|_| {});
    for i in 0..40 {
        let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": format!("turn {i}: John Smith")}]});
        assert_eq!(
            env.post("/v1/chat/completions", &key, &body, None)
                .await
                .status(),
            200
        );
    }
    env.shutdown().await;
    let db = env.db();
    let dir = env.dir.path().to_path_buf();
    let (ok, msg) = verify_cli(&dir, &db);
    assert!(ok, "{msg}");
    // Flip one byte inside record 10's encrypted body, in the file itself.
    // Fold the WAL into the file so the copies below hold everything.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let copy = |name: &str| {
        let p = dir.join(name);
        std::fs::copy(&db, &p).unwrap();
        p
    };
    let flipped = copy("flipped.db");
    let body: Vec<u8> = rusqlite::Connection::open(&flipped)
        .unwrap()
        .query_row("SELECT body FROM audit_records WHERE seq = 10", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut bytes = std::fs::read(&flipped).unwrap();
    let at = bytes
        .windows(body.len())
        .position(|w| w == body.as_slice())
        .unwrap();
    bytes[at + body.len() / 2] ^= 0x01;
    std::fs::write(&flipped, &bytes).unwrap();
    let (ok, msg) = verify_cli(&dir, &flipped);
    assert!(!ok && msg.contains("record 10"), "{msg}");
    // Delete one record.
    let deleted = copy("deleted.db");
    rusqlite::Connection::open(&deleted)
        .unwrap()
        .execute("DELETE FROM audit_records WHERE seq = 17", [])
        .unwrap();
    let (ok, msg) = verify_cli(&dir, &deleted);
    assert!(!ok && msg.contains("records 17..17"), "{msg}");
    // Truncate the file.
    let truncated = copy("truncated.db");
    let len = std::fs::metadata(&truncated).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&truncated)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let (ok, msg) = verify_cli(&dir, &truncated);
    assert!(!ok, "{msg}");
    eprintln!("truncated file: {msg}");
    // Drop the tail records (after the last checkpoint still signed).
    let cut = copy("cut.db");
    rusqlite::Connection::open(&cut)
        .unwrap()
        .execute("DELETE FROM audit_records WHERE seq > 30", [])
        .unwrap();
    let (ok, msg) = verify_cli(&dir, &cut);
    assert!(!ok && msg.contains("truncated"), "{msg}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdks_work_unchanged() {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import openai, anthropic"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!(
            "\n!!!!! SKIPPED: the `openai` and `anthropic` Python SDKs are not installed (pip install openai anthropic) !!!!!\n"
        );
        return;
    }
    let env = start().await;
    let key = env.key(|_| {});
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gateway_sdk.py");
    let out = tokio::process::Command::new("python3")
        .arg(script)
        .env("GW_URL", &env.url)
        .env("GW_KEY", &key)
        .env("MOCK_URL", &env.mock_url)
        .output()
        .await
        .unwrap();
    let so = String::from_utf8_lossy(&out.stdout);
    let se = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout:\n{so}\nstderr:\n{se}");
    eprintln!("{so}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_lets_in_flight_requests_finish() {
    let mut env = start().await;
    let key = env.key(|_| {});
    env.primary.push_fault(mock::Fault {
        slow_ms: Some(400),
        ..Default::default()
    });
    let http = env.http.clone();
    let url = format!("{}/v1/chat/completions", env.url);
    let req = tokio::spawn(async move {
        let body =
            json!({"model": "gpt-test", "messages": [{"role": "user", "content": "slow one"}]});
        let r = http
            .post(url)
            .bearer_auth(key)
            .json(&body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().await.unwrap())
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    env.shutdown().await;
    let (status, v) = req.await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(v["choices"][0]["message"]["content"], "Echo: slow one");
    let keys = audit::AuditKeys::load(&env.state.config.audit, &env.db()).unwrap();
    let rep = audit::verify(&env.db(), &keys.signing.verifying_key(), Some(&keys));
    assert!(rep.ok(), "{:?}", rep.problems);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_https_with_rustls() {
    let dir = tempfile::tempdir().unwrap();
    // A CA and a leaf it signs (webpki refuses a self-signed CA used as the server cert).
    let script = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.pem && \
        openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout key.pem -out leaf.csr && \
        printf 'subjectAltName=DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > ext.cnf && \
        openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out cert.pem";
    let made = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(dir.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !made {
        eprintln!("\n!!!!! SKIPPED: no `openssl` CLI to make a test certificate !!!!!\n");
        return;
    }
    let (mock_state, murl) = start_mock().await;
    let text = format!(
        "[server]\n[server.tls]\ncert = \"cert.pem\"\nkey = \"key.pem\"\n[store]\npath = \"gw.db\"\n\
         [[upstreams]]\nname = \"m\"\nprotocol = \"openai\"\nbase_url = \"{murl}/v1\"\n\
         [[models]]\nname = \"gpt-test\"\nroutes = [{{ upstream = \"m\" }}]\n"
    );
    std::fs::write(dir.path().join("gateway.toml"), text).unwrap();
    let config = Config::load(&dir.path().join("gateway.toml")).unwrap();
    let deid = Arc::new(
        deid::VaultDeid::new(engine(), Vault::in_memory(MasterKey::generate().unwrap())).unwrap(),
    );
    let state = gateway::Gateway::new(config, deid).unwrap();
    let (key, _) = state
        .keys
        .create(&keys::NewKey {
            deid: true,
            ..Default::default()
        })
        .unwrap();
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(gateway::serve(l, state, async {
        let _ = rx.await;
    }));
    let cert =
        reqwest::Certificate::from_pem(&std::fs::read(dir.path().join("ca.pem")).unwrap()).unwrap();
    let http = reqwest::Client::builder()
        .add_root_certificate(cert)
        .build()
        .unwrap();
    let body = json!({"model": "gpt-test", "stream": true, "messages": [{"role": "user", "content": "Dr. Alvarez saw John Smith."}]});
    let r = http
        .post(format!("https://localhost:{port}/v1/chat/completions"))
        .bearer_auth(&key)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = openai_stream_text(&sse_events(&r.text().await.unwrap())).0;
    assert_eq!(text, "Echo: Dr. Alvarez saw John Smith.");
    assert!(
        !serde_json::to_string(&mock_state.received())
            .unwrap()
            .contains("Alvarez")
    );
    let _ = tx.send(());
    server.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_drain_ships_everything_once_in_order_through_a_sink_outage() {
    use std::sync::atomic::{AtomicU32, Ordering};
    let mut env = start().await;
    let key = env.key(|_| {});
    for i in 0..30 {
        let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": format!("note {i} John Smith")}]});
        assert_eq!(
            env.post("/v1/chat/completions", &key, &body, None)
                .await
                .status(),
            200
        );
    }
    env.shutdown().await;
    // An HTTP sink that is down for its first three requests.
    let calls = Arc::new(AtomicU32::new(0));
    let got = Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let (c2, g2) = (calls.clone(), got.clone());
    let app = axum::Router::new().route(
        "/sink",
        axum::routing::post(move |body: axum::body::Bytes| {
            let (c, g) = (c2.clone(), g2.clone());
            async move {
                if c.fetch_add(1, Ordering::SeqCst) < 3 {
                    return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                }
                let v: Value = serde_json::from_slice(&body).unwrap();
                for r in v["records"].as_array().unwrap() {
                    assert!(!r.to_string().contains("John Smith"));
                    g.lock().unwrap().push(r["seq"].as_i64().unwrap());
                }
                axum::http::StatusCode::OK
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sink", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    let keys = audit::AuditKeys::load(&env.state.config.audit, &env.db()).unwrap();
    let sink = gateway::drain::Sink::parse(&url).unwrap();
    let opts = gateway::drain::Options {
        batch: 7,
        follow: false,
        stall_secs: 0,
        max_failures: Some(10),
        stop: None,
    };
    let alerts = gateway::alerts::Alerts::default();
    let n = gateway::drain::run(&env.db(), &keys, &sink, &opts, &alerts)
        .await
        .unwrap();
    let seqs = got.lock().unwrap().clone();
    let total = rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_records", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert_eq!(n as i64, total);
    assert_eq!(
        seqs,
        (1..=total).collect::<Vec<_>>(),
        "every record once, in order"
    );
    assert_eq!(gateway::drain::cursor(&env.db(), &sink).unwrap(), total);
    // Caught up: a second run ships nothing.
    assert_eq!(
        gateway::drain::run(&env.db(), &keys, &sink, &opts, &alerts)
            .await
            .unwrap(),
        0
    );
    // File sink.
    let file = env.dir.path().join("audit.jsonl");
    let fsink = gateway::drain::Sink::parse(&format!("file:{}", file.display())).unwrap();
    assert_eq!(
        gateway::drain::run(&env.db(), &keys, &fsink, &opts, &alerts)
            .await
            .unwrap() as i64,
        total
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap().lines().count() as i64,
        total
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_alerts_reach_the_webhook() {
    let seen = Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let s2 = seen.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |body: axum::body::Bytes| {
            let s = s2.clone();
            async move {
                s.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&body).unwrap());
                "ok"
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    let env = start_with(&format!("[alerts]\nwebhook = \"{hook}\"\n"), None).await;
    let key = env.key(|k| k.usd_day = Some(0.05));
    let body = json!({"model": "gpt-test", "messages": [{"role": "user", "content": "hello"}]});
    for _ in 0..6 {
        env.post("/v1/chat/completions", &key, &body, None).await;
    }
    for _ in 0..50 {
        if seen.lock().unwrap().len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let got = seen.lock().unwrap().clone();
    // Deliveries are concurrent: compare as a set.
    let mut pcts: Vec<f64> = got
        .iter()
        .filter(|a| a["alert"] == "budget_threshold")
        .map(|a| a["details"]["percent"].as_f64().unwrap())
        .collect();
    pcts.sort_by(f64::total_cmp);
    assert_eq!(pcts, [50.0, 80.0, 100.0], "{got:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_runs_configured_drains_and_weighted_routes_share_traffic() {
    let extra = r#"
[[audit.drains]]
sink = "file:drained.jsonl"
batch = 5
[[models]]
name = "shared"
routes = [{ upstream = "primary", weight = 1 }, { upstream = "backup", weight = 1 }]
"#;
    let mut env = start_with(extra, None).await;
    let key = env.key(|_| {});
    for i in 0..40 {
        let body = json!({"model": "shared", "messages": [{"role": "user", "content": format!("note {i} for Mary Jones")}]});
        assert_eq!(
            env.post("/v1/chat/completions", &key, &body, None)
                .await
                .status(),
            200
        );
    }
    // Equal weights: both routes lead (40 draws; each below 8 has odds of about 1 in 10^5).
    let (p, b) = (env.primary.received().len(), env.backup.received().len());
    assert_eq!(p + b, 40);
    assert!(p >= 8 && b >= 8, "primary {p}, backup {b}");
    env.shutdown().await;
    // Shutdown lets the drain deliver everything, the final checkpoint included, in order.
    let total = rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_records", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert!(total >= 40);
    let text = std::fs::read_to_string(env.dir.path().join("drained.jsonl")).unwrap();
    let seqs: Vec<i64> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["seq"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>());
    assert!(!text.contains("Mary Jones"));
}

/// A model that produces identifiers of its own: `output_filter = "redact"` rewrites them in
/// streamed answers before the client sees them (OpenAI and Anthropic streams), and `"fail"`
/// ends the stream with an error event before them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streamed_answers_are_screened_for_foreign_phi() {
    let say = " Also seen today: Dr. Harold Finch, who can be reached at 617-555-0199.\nFollow up in two weeks.";
    let prompt = "Patient John Smith was seen in clinic.";
    let mut env = start_with("[deid]\noutput_filter = \"redact\"\n", None).await;
    let key = env.key(|_| {});
    for (path, model) in [
        ("/v1/chat/completions", "gpt-test"),
        ("/v1/messages", "claude-test"),
    ] {
        env.primary.push_fault(mock::Fault {
            say: Some(say.into()),
            ..Default::default()
        });
        let body = json!({"model": model, "stream": true, "max_tokens": 100,
            "messages": [{"role": "user", "content": prompt}]});
        let r = if path == "/v1/messages" {
            env.http
                .post(format!("{}{path}", env.url))
                .header("x-api-key", &key)
                .json(&body)
                .send()
                .await
                .unwrap()
        } else {
            env.post(path, &key, &body, None).await
        };
        assert_eq!(r.status(), 200);
        let events = sse_events(&r.text().await.unwrap());
        let (text, _) = if path == "/v1/messages" {
            anthropic_stream_text(&events)
        } else {
            openai_stream_text(&events)
        };
        assert!(
            text.contains("John Smith"),
            "{path}: the session's own value comes back: {text}"
        );
        assert!(!text.contains("Finch"), "{path}: {text}");
        assert!(!text.contains("555-0199"), "{path}: {text}");
        assert!(
            text.contains("[NAME]") && text.contains("[PHONE]"),
            "{path}: {text}"
        );
        assert!(text.ends_with("Follow up in two weeks."), "{path}: {text}");
    }
    env.shutdown().await;

    let mut env = start_with("[deid]\noutput_filter = \"fail\"\n", None).await;
    let key = env.key(|_| {});
    env.primary.push_fault(mock::Fault {
        say: Some(say.into()),
        ..Default::default()
    });
    let body = json!({"model": "gpt-test", "stream": true,
        "messages": [{"role": "user", "content": prompt}]});
    let r = env.post("/v1/chat/completions", &key, &body, None).await;
    let raw = r.text().await.unwrap();
    assert!(!raw.contains("Finch") && !raw.contains("555-0199"), "{raw}");
    let events = sse_events(&raw);
    let last = &events.last().unwrap().1;
    assert_eq!(last["error"]["code"], "foreign_phi_in_answer", "{raw}");
    env.shutdown().await;
}

/// curl, as the README's quickstart uses it: chat completions (plain and `-N` streamed),
/// Anthropic messages with `x-api-key`, the model list, and an error body for a bad key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curl_works_against_the_gateway() {
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("curl is needed by this test (apt-get install curl)");
    }
    let mut env = start().await;
    let key = env.key(|_| {});
    let curl = |args: Vec<String>| async move {
        let out = tokio::process::Command::new("curl")
            .args(["-sS", "--max-time", "20"])
            .args(args)
            .output()
            .await
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let prompt = "Summarise: John Smith, MRN 4482913, seen 3/14/2023.";
    // `curl [-N] URL -H header... -d BODY`
    let post = |path: &str, auth: String, body: &Value, stream: bool| {
        let mut a: Vec<String> = Vec::new();
        if stream {
            a.push("-N".into());
        }
        a.push(format!("{}{path}", env.url));
        for h in [
            auth,
            "content-type: application/json".into(),
            "anthropic-version: 2023-06-01".into(),
        ] {
            a.push("-H".into());
            a.push(h);
        }
        a.push("-d".into());
        a.push(body.to_string());
        a
    };
    let bearer = format!("authorization: Bearer {key}");
    let chat = json!({"model": "gpt-test", "messages": [{"role": "user", "content": prompt}]});
    let body = curl(post("/v1/chat/completions", bearer.clone(), &chat, false)).await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["choices"][0]["message"]["content"],
        format!("Echo: {prompt}")
    );
    let upstream = last_user_content(env.primary.received().last().unwrap());
    assert!(
        !upstream.contains("John Smith") && !upstream.contains("4482913"),
        "{upstream}"
    );

    let mut streamed = chat.clone();
    streamed["stream"] = json!(true);
    let sse = curl(post(
        "/v1/chat/completions",
        bearer.clone(),
        &streamed,
        true,
    ))
    .await;
    assert!(sse.trim_end().ends_with("data: [DONE]"), "{sse}");
    let (text, _) = openai_stream_text(&sse_events(&sse));
    assert_eq!(text, format!("Echo: {prompt}"));

    let msg = json!({"model": "claude-test", "max_tokens": 64,
        "messages": [{"role": "user", "content": prompt}]});
    let body = curl(post(
        "/v1/messages",
        format!("x-api-key: {key}"),
        &msg,
        false,
    ))
    .await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["content"][0]["text"], format!("Echo: {prompt}"));

    let models = curl(vec![
        format!("{}/v1/models", env.url),
        "-H".into(),
        format!("authorization: Bearer {key}"),
    ])
    .await;
    let v: Value = serde_json::from_str(&models).unwrap();
    assert!(
        v["data"].as_array().is_some_and(|d| !d.is_empty()),
        "{models}"
    );

    let mut args = vec![
        "-o".into(),
        "/dev/null".into(),
        "-w".into(),
        "%{http_code}".into(),
    ];
    args.extend(post(
        "/v1/chat/completions",
        "authorization: Bearer wrong".into(),
        &chat,
        false,
    ));
    let status = curl(args).await;
    assert_eq!(status, "401");
    env.shutdown().await;
}

//! Protocol translation between OpenAI chat completions and Anthropic messages: requests,
//! answers, and streams, so a model can be routed to an upstream of the other protocol. Also the
//! same-protocol preparation (upstream model name, usage in streams).
//!
//! Mapped: system prompts, text, tool definitions and tool choice, tool calls and tool results,
//! stop sequences, max tokens, temperature/top_p, finish/stop reasons, usage. Not mapped
//! (dropped): n > 1, logprobs, response_format, Anthropic thinking blocks.

use serde_json::{Map, Value, json};

use super::config::Protocol;
use super::error::Dialect;
use super::store::{hex, now, random};

const DEFAULT_MAX_TOKENS: u64 = 4096;

/// Builds the upstream request body from the (already de-identified) client body.
pub fn request(
    client: Dialect,
    upstream: Protocol,
    body: &Value,
    upstream_model: &str,
) -> Result<Value, String> {
    let mut out = match (client, upstream) {
        (Dialect::Openai, Protocol::Openai) | (Dialect::Anthropic, Protocol::Anthropic) => {
            body.clone()
        }
        (Dialect::Openai, Protocol::Anthropic) => openai_to_anthropic_request(body)?,
        (Dialect::Anthropic, Protocol::Openai) => anthropic_to_openai_request(body)?,
    };
    out["model"] = Value::String(upstream_model.to_string());
    if upstream == Protocol::Openai && out.get("stream").and_then(Value::as_bool) == Some(true) {
        // Always ask for usage: budgets need it; the revealer drops it if the client did not ask.
        out["stream_options"]["include_usage"] = Value::Bool(true);
    }
    Ok(out)
}

fn copy(from: &Value, k: &str, to: &mut Map<String, Value>, as_k: &str) {
    if let Some(v) = from.get(k).filter(|v| !v.is_null()) {
        to.insert(as_k.to_string(), v.clone());
    }
}

fn openai_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    }
}

fn openai_to_anthropic_request(b: &Value) -> Result<Value, String> {
    let mut out = Map::new();
    let mut system = Vec::new();
    let mut messages: Vec<Value> = Vec::new();
    let push = |messages: &mut Vec<Value>, role: &str, block: Value| {
        if let Some(last) = messages.last_mut()
            && last["role"] == role
            && let Some(Value::Array(c)) = last.get_mut("content")
        {
            c.push(block);
            return;
        }
        messages.push(json!({"role": role, "content": [block]}));
    };
    for m in b
        .get("messages")
        .and_then(Value::as_array)
        .ok_or("`messages` must be an array")?
    {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("user");
        let content = m.get("content").unwrap_or(&Value::Null);
        match role {
            "system" | "developer" => system.push(openai_text(content)),
            "tool" => push(
                &mut messages,
                "user",
                json!({"type": "tool_result",
                       "tool_use_id": m.get("tool_call_id").cloned().unwrap_or(Value::Null),
                       "content": openai_text(content)}),
            ),
            "assistant" => {
                let t = openai_text(content);
                if !t.is_empty() {
                    push(
                        &mut messages,
                        "assistant",
                        json!({"type": "text", "text": t}),
                    );
                }
                for c in m
                    .get("tool_calls")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let args = c
                        .pointer("/function/arguments")
                        .and_then(Value::as_str)
                        .unwrap_or("{}");
                    let input: Value =
                        serde_json::from_str(args).unwrap_or_else(|_| json!({"arguments": args}));
                    push(
                        &mut messages,
                        "assistant",
                        json!({"type": "tool_use", "id": c.get("id").cloned().unwrap_or(Value::Null),
                               "name": c.pointer("/function/name").cloned().unwrap_or(Value::Null),
                               "input": input}),
                    );
                }
            }
            _ => {
                let t = openai_text(content);
                push(&mut messages, "user", json!({"type": "text", "text": t}));
            }
        }
    }
    if !system.is_empty() {
        out.insert("system".into(), Value::String(system.join("\n\n")));
    }
    out.insert("messages".into(), Value::Array(messages));
    let max = b
        .get("max_completion_tokens")
        .or_else(|| b.get("max_tokens"))
        .and_then(Value::as_u64)
        .unwrap_or(DEFAULT_MAX_TOKENS);
    out.insert("max_tokens".into(), json!(max));
    copy(b, "temperature", &mut out, "temperature");
    copy(b, "top_p", &mut out, "top_p");
    copy(b, "stream", &mut out, "stream");
    match b.get("stop") {
        Some(Value::String(s)) => {
            out.insert("stop_sequences".into(), json!([s]));
        }
        Some(Value::Array(a)) => {
            out.insert("stop_sequences".into(), Value::Array(a.clone()));
        }
        _ => {}
    }
    if let Some(Value::Array(tools)) = b.get("tools") {
        let t: Vec<Value> = tools
            .iter()
            .filter_map(|t| t.get("function"))
            .map(|f| {
                json!({"name": f.get("name").cloned().unwrap_or(Value::Null),
                       "description": f.get("description").cloned().unwrap_or(json!("")),
                       "input_schema": f.get("parameters").cloned().unwrap_or(json!({"type": "object"}))})
            })
            .collect();
        out.insert("tools".into(), Value::Array(t));
    }
    match b.get("tool_choice") {
        Some(Value::String(s)) if s == "required" => {
            out.insert("tool_choice".into(), json!({"type": "any"}));
        }
        Some(Value::String(s)) if s == "none" => {
            out.insert("tool_choice".into(), json!({"type": "none"}));
        }
        Some(Value::String(_)) => {
            out.insert("tool_choice".into(), json!({"type": "auto"}));
        }
        Some(Value::Object(o)) => {
            if let Some(n) = o.get("function").and_then(|f| f.get("name")) {
                out.insert("tool_choice".into(), json!({"type": "tool", "name": n}));
            }
        }
        _ => {}
    }
    Ok(Value::Object(out))
}

fn anthropic_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(blocks) => blocks
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    }
}

fn anthropic_to_openai_request(b: &Value) -> Result<Value, String> {
    let mut out = Map::new();
    let mut messages = Vec::new();
    if let Some(s) = b.get("system") {
        messages.push(json!({"role": "system", "content": anthropic_text(s)}));
    }
    for m in b
        .get("messages")
        .and_then(Value::as_array)
        .ok_or("`messages` must be an array")?
    {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("user");
        let content = m.get("content").unwrap_or(&Value::Null);
        let blocks: Vec<Value> = match content {
            Value::String(s) => vec![json!({"type": "text", "text": s})],
            Value::Array(a) => a.clone(),
            _ => Vec::new(),
        };
        let mut text = String::new();
        let mut calls = Vec::new();
        for bl in &blocks {
            match bl.get("type").and_then(Value::as_str) {
                Some("text") => text.push_str(bl.get("text").and_then(Value::as_str).unwrap_or("")),
                Some("tool_use") => calls.push(json!({
                    "id": bl.get("id").cloned().unwrap_or(Value::Null),
                    "type": "function",
                    "function": {"name": bl.get("name").cloned().unwrap_or(Value::Null),
                                 "arguments": bl.get("input").map(Value::to_string).unwrap_or_else(|| "{}".into())}})),
                Some("tool_result") => messages.push(json!({
                    "role": "tool",
                    "tool_call_id": bl.get("tool_use_id").cloned().unwrap_or(Value::Null),
                    "content": anthropic_text(bl.get("content").unwrap_or(&Value::Null))})),
                _ => {}
            }
        }
        if role == "assistant" {
            let mut msg = json!({"role": "assistant", "content": if text.is_empty() { Value::Null } else { Value::String(text) }});
            if !calls.is_empty() {
                msg["tool_calls"] = Value::Array(calls);
            }
            messages.push(msg);
        } else if !text.is_empty() {
            messages.push(json!({"role": "user", "content": text}));
        }
    }
    out.insert("messages".into(), Value::Array(messages));
    copy(b, "max_tokens", &mut out, "max_tokens");
    copy(b, "temperature", &mut out, "temperature");
    copy(b, "top_p", &mut out, "top_p");
    copy(b, "stream", &mut out, "stream");
    copy(b, "stop_sequences", &mut out, "stop");
    if let Some(Value::Array(tools)) = b.get("tools") {
        let t: Vec<Value> = tools
            .iter()
            .map(|t| {
                json!({"type": "function", "function": {
                    "name": t.get("name").cloned().unwrap_or(Value::Null),
                    "description": t.get("description").cloned().unwrap_or(json!("")),
                    "parameters": t.get("input_schema").cloned().unwrap_or(json!({"type": "object"}))}})
            })
            .collect();
        out.insert("tools".into(), Value::Array(t));
    }
    if let Some(tc) = b.get("tool_choice") {
        let v = match tc.get("type").and_then(Value::as_str) {
            Some("any") => json!("required"),
            Some("none") => json!("none"),
            Some("tool") => {
                json!({"type": "function", "function": {"name": tc.get("name").cloned().unwrap_or(Value::Null)}})
            }
            _ => json!("auto"),
        };
        out.insert("tool_choice".into(), v);
    }
    Ok(Value::Object(out))
}

fn finish_to_stop(f: &str) -> &'static str {
    match f {
        "length" => "max_tokens",
        "tool_calls" | "function_call" => "tool_use",
        _ => "end_turn",
    }
}

fn stop_to_finish(s: &str) -> &'static str {
    match s {
        "max_tokens" => "length",
        "tool_use" => "tool_calls",
        _ => "stop",
    }
}

/// Converts an upstream answer to the client's protocol.
pub fn response(upstream: Protocol, client: Dialect, v: Value, model: &str) -> Value {
    match (upstream, client) {
        (Protocol::Openai, Dialect::Openai) | (Protocol::Anthropic, Dialect::Anthropic) => v,
        (Protocol::Anthropic, Dialect::Openai) => {
            let blocks = v
                .get("content")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let text = anthropic_text(&Value::Array(blocks.clone()));
            let calls: Vec<Value> = blocks
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) == Some("tool_use"))
                .map(|b| json!({"id": b["id"], "type": "function", "function": {
                    "name": b["name"], "arguments": b.get("input").map(Value::to_string).unwrap_or_else(|| "{}".into())}}))
                .collect();
            let mut msg = json!({"role": "assistant", "content": if text.is_empty() && !calls.is_empty() { Value::Null } else { Value::String(text) }});
            if !calls.is_empty() {
                msg["tool_calls"] = Value::Array(calls);
            }
            let p = v
                .pointer("/usage/input_tokens")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let c = v
                .pointer("/usage/output_tokens")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            json!({
                "id": format!("chatcmpl-{}", v.get("id").and_then(Value::as_str).unwrap_or("x")),
                "object": "chat.completion",
                "created": now(),
                "model": model,
                "choices": [{"index": 0, "message": msg, "logprobs": null,
                             "finish_reason": stop_to_finish(v.get("stop_reason").and_then(Value::as_str).unwrap_or("end_turn"))}],
                "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}
            })
        }
        (Protocol::Openai, Dialect::Anthropic) => {
            let msg = v
                .pointer("/choices/0/message")
                .cloned()
                .unwrap_or(json!({}));
            let mut content = Vec::new();
            let t = openai_text(msg.get("content").unwrap_or(&Value::Null));
            if !t.is_empty() {
                content.push(json!({"type": "text", "text": t}));
            }
            for c in msg
                .get("tool_calls")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let args = c
                    .pointer("/function/arguments")
                    .and_then(Value::as_str)
                    .unwrap_or("{}");
                content.push(
                    json!({"type": "tool_use", "id": c.get("id").cloned().unwrap_or(Value::Null),
                    "name": c.pointer("/function/name").cloned().unwrap_or(Value::Null),
                    "input": serde_json::from_str::<Value>(args).unwrap_or_else(|_| json!({}))}),
                );
            }
            let finish = v
                .pointer("/choices/0/finish_reason")
                .and_then(Value::as_str)
                .unwrap_or("stop");
            json!({
                "id": format!("msg_{}", v.get("id").and_then(Value::as_str).unwrap_or("x")),
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": content,
                "stop_reason": finish_to_stop(finish),
                "stop_sequence": null,
                "usage": {"input_tokens": v.pointer("/usage/prompt_tokens").and_then(Value::as_u64).unwrap_or(0),
                          "output_tokens": v.pointer("/usage/completion_tokens").and_then(Value::as_u64).unwrap_or(0)}
            })
        }
    }
}

/// (prompt, completion) tokens of an answer in the client's protocol.
pub fn usage(client: Dialect, v: &Value) -> (u64, u64) {
    let g = |p: &str| v.pointer(p).and_then(Value::as_u64).unwrap_or(0);
    match client {
        Dialect::Openai => (g("/usage/prompt_tokens"), g("/usage/completion_tokens")),
        Dialect::Anthropic => (g("/usage/input_tokens"), g("/usage/output_tokens")),
    }
}

/// Anthropic stream events -> OpenAI chunks.
pub struct AnthropicToOpenaiStream {
    id: String,
    model: String,
    created: i64,
    tools: Vec<(u64, u64)>,
    usage: (u64, u64),
}

impl AnthropicToOpenaiStream {
    pub fn new(model: &str) -> Self {
        AnthropicToOpenaiStream {
            id: format!("chatcmpl-{}", hex(&random::<12>())),
            model: model.to_string(),
            created: now(),
            tools: Vec::new(),
            usage: (0, 0),
        }
    }

    fn chunk(&self, delta: Value, finish: Value) -> Value {
        json!({"id": self.id, "object": "chat.completion.chunk", "created": self.created,
               "model": self.model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
    }

    /// Returns chunks and whether the message is complete.
    pub fn event(&mut self, name: &str, v: &Value) -> (Vec<Value>, bool) {
        let name = if name.is_empty() {
            v.get("type").and_then(Value::as_str).unwrap_or("")
        } else {
            name
        };
        let idx = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        match name {
            "message_start" => {
                self.usage.0 = v
                    .pointer("/message/usage/input_tokens")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                (
                    vec![self.chunk(json!({"role": "assistant", "content": ""}), Value::Null)],
                    false,
                )
            }
            "content_block_start" => {
                let b = v.get("content_block").cloned().unwrap_or(json!({}));
                if b.get("type").and_then(Value::as_str) == Some("tool_use") {
                    let k = self.tools.len() as u64;
                    self.tools.push((idx, k));
                    let d = json!({"tool_calls": [{"index": k, "id": b["id"], "type": "function",
                                    "function": {"name": b["name"], "arguments": ""}}]});
                    return (vec![self.chunk(d, Value::Null)], false);
                }
                (Vec::new(), false)
            }
            "content_block_delta" => match v.pointer("/delta/type").and_then(Value::as_str) {
                Some("text_delta") => {
                    let t = v.pointer("/delta/text").cloned().unwrap_or(json!(""));
                    (vec![self.chunk(json!({"content": t}), Value::Null)], false)
                }
                Some("input_json_delta") => {
                    let k = self
                        .tools
                        .iter()
                        .find(|(i, _)| *i == idx)
                        .map_or(0, |t| t.1);
                    let p = v
                        .pointer("/delta/partial_json")
                        .cloned()
                        .unwrap_or(json!(""));
                    let d = json!({"tool_calls": [{"index": k, "function": {"arguments": p}}]});
                    (vec![self.chunk(d, Value::Null)], false)
                }
                _ => (Vec::new(), false),
            },
            "message_delta" => {
                if let Some(n) = v.pointer("/usage/output_tokens").and_then(Value::as_u64) {
                    self.usage.1 = n;
                }
                match v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    Some(s) => (vec![self.chunk(json!({}), json!(stop_to_finish(s)))], false),
                    None => (Vec::new(), false),
                }
            }
            "message_stop" => {
                let (p, c) = self.usage;
                let u = json!({"id": self.id, "object": "chat.completion.chunk", "created": self.created,
                    "model": self.model, "choices": [],
                    "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}});
                (vec![u], true)
            }
            _ => (Vec::new(), false),
        }
    }
}

#[derive(PartialEq)]
enum Block {
    None,
    Text,
    Tool(u64),
}

/// OpenAI chunks -> Anthropic stream events.
pub struct OpenaiToAnthropicStream {
    model: String,
    started: bool,
    block: Block,
    next_index: u64,
    stop: &'static str,
    usage: (u64, u64),
}

impl OpenaiToAnthropicStream {
    pub fn new(model: &str) -> Self {
        OpenaiToAnthropicStream {
            model: model.to_string(),
            started: false,
            block: Block::None,
            next_index: 0,
            stop: "end_turn",
            usage: (0, 0),
        }
    }

    fn start(&mut self, out: &mut Vec<(String, Value)>) {
        if !self.started {
            self.started = true;
            out.push(("message_start".into(), json!({"type": "message_start", "message": {
                "id": format!("msg_{}", hex(&random::<12>())), "type": "message", "role": "assistant",
                "model": self.model, "content": [], "stop_reason": null, "stop_sequence": null,
                "usage": {"input_tokens": 0, "output_tokens": 0}}})));
        }
    }

    fn close(&mut self, out: &mut Vec<(String, Value)>) {
        if self.block != Block::None {
            out.push((
                "content_block_stop".into(),
                json!({"type": "content_block_stop", "index": self.next_index - 1}),
            ));
            self.block = Block::None;
        }
    }

    fn open(&mut self, b: Block, start: Value, out: &mut Vec<(String, Value)>) {
        self.close(out);
        out.push(("content_block_start".into(), json!({"type": "content_block_start", "index": self.next_index, "content_block": start})));
        self.next_index += 1;
        self.block = b;
    }

    pub fn chunk(&mut self, v: &Value) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        self.start(&mut out);
        if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
            self.usage = (
                u.get("prompt_tokens").and_then(Value::as_u64).unwrap_or(0),
                u.get("completion_tokens")
                    .and_then(Value::as_u64)
                    .unwrap_or(0),
            );
        }
        let Some(c) = v.pointer("/choices/0") else {
            return out;
        };
        if let Some(t) = c
            .pointer("/delta/content")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            if self.block != Block::Text {
                self.open(Block::Text, json!({"type": "text", "text": ""}), &mut out);
            }
            out.push((
                "content_block_delta".into(),
                json!({"type": "content_block_delta",
                "index": self.next_index - 1, "delta": {"type": "text_delta", "text": t}}),
            ));
        }
        for call in c
            .pointer("/delta/tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = call.get("index").and_then(Value::as_u64).unwrap_or(0);
            if self.block != Block::Tool(k) {
                self.open(
                    Block::Tool(k),
                    json!({"type": "tool_use",
                    "id": call.get("id").cloned().unwrap_or_else(|| json!(format!("toolu_{k}"))),
                    "name": call.pointer("/function/name").cloned().unwrap_or(json!("")),
                    "input": {}}),
                    &mut out,
                );
            }
            if let Some(a) = call
                .pointer("/function/arguments")
                .and_then(Value::as_str)
                .filter(|a| !a.is_empty())
            {
                out.push(("content_block_delta".into(), json!({"type": "content_block_delta",
                    "index": self.next_index - 1, "delta": {"type": "input_json_delta", "partial_json": a}})));
            }
        }
        if let Some(f) = c.get("finish_reason").and_then(Value::as_str) {
            self.stop = finish_to_stop(f);
        }
        out
    }

    pub fn finish(&mut self) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        self.start(&mut out);
        self.close(&mut out);
        out.push((
            "message_delta".into(),
            json!({"type": "message_delta",
            "delta": {"stop_reason": self.stop, "stop_sequence": null},
            "usage": {"input_tokens": self.usage.0, "output_tokens": self.usage.1}}),
        ));
        out.push(("message_stop".into(), json!({"type": "message_stop"})));
        out
    }
}

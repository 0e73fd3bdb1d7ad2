//! Where the text is in each wire format. Every string an upstream would read (system prompt,
//! user and assistant turns, participant names, tool results, tool-call arguments) is visited in
//! a fixed order, so a route can collect the texts, redact them in one batch on the blocking
//! pool, and write them back in the same order. Answers are visited the same way to reveal.
//!
//! Tool-call arguments are JSON inside a string: they are parsed and each string value inside
//! is visited, then re-serialised, so a placeholder never breaks the JSON (unparseable
//! arguments are visited as one text).

use serde_json::Value;

pub type Visit<'a> = &'a mut dyn FnMut(&mut String);

/// Visits every string value inside a JSON value (object keys are left alone).
pub fn json_strings(v: &mut Value, f: Visit<'_>) {
    match v {
        Value::String(s) => f(s),
        Value::Array(a) => a.iter_mut().for_each(|x| json_strings(x, f)),
        Value::Object(o) => o.values_mut().for_each(|x| json_strings(x, f)),
        _ => {}
    }
}

/// Visits a string holding JSON (tool-call arguments).
pub fn json_text(s: &mut String, f: Visit<'_>) {
    match serde_json::from_str::<Value>(s) {
        Ok(mut v) if v.is_object() || v.is_array() => {
            json_strings(&mut v, f);
            *s = v.to_string();
        }
        _ => f(s),
    }
}

fn str_field(o: &mut Value, k: &str, f: Visit<'_>) {
    if let Some(Value::String(s)) = o.get_mut(k) {
        f(s);
    }
}

/// OpenAI chat request: messages[].content (string or text parts), name, tool_calls arguments.
pub fn openai_request(body: &mut Value, f: Visit<'_>) {
    let Some(Value::Array(msgs)) = body.get_mut("messages") else {
        return;
    };
    for m in msgs {
        str_field(m, "name", f);
        match m.get_mut("content") {
            Some(Value::String(s)) => f(s),
            Some(Value::Array(parts)) => {
                for p in parts {
                    if p.get("type").and_then(Value::as_str) == Some("text") {
                        str_field(p, "text", f);
                    }
                }
            }
            _ => {}
        }
        if let Some(Value::Array(calls)) = m.get_mut("tool_calls") {
            for c in calls {
                if let Some(Value::String(a)) = c.pointer_mut("/function/arguments") {
                    json_text(a, f);
                }
            }
        }
        if let Some(Value::Object(fc)) = m.get_mut("function_call")
            && let Some(Value::String(a)) = fc.get_mut("arguments")
        {
            json_text(a, f);
        }
    }
}

/// OpenAI request parts that are not text (image_url, input_audio, file).
pub fn openai_has_media(body: &Value) -> bool {
    body.get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("content").and_then(Value::as_array))
        .flatten()
        .any(|p| {
            matches!(
                p.get("type").and_then(Value::as_str),
                Some("image_url" | "input_audio" | "file" | "image")
            )
        })
}

fn anthropic_blocks(content: &mut Value, f: Visit<'_>) {
    match content {
        Value::String(s) => f(s),
        Value::Array(blocks) => {
            for b in blocks {
                match b.get("type").and_then(Value::as_str) {
                    Some("text") => str_field(b, "text", f),
                    Some("tool_use") => {
                        if let Some(input) = b.get_mut("input") {
                            json_strings(input, f);
                        }
                    }
                    Some("tool_result") => {
                        if let Some(c) = b.get_mut("content") {
                            anthropic_blocks(c, f);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Anthropic messages request: system, messages[].content (text, tool_use input, tool_result).
pub fn anthropic_request(body: &mut Value, f: Visit<'_>) {
    if let Some(sys) = body.get_mut("system") {
        anthropic_blocks(sys, f);
    }
    if let Some(Value::Array(msgs)) = body.get_mut("messages") {
        for m in msgs {
            if let Some(c) = m.get_mut("content") {
                anthropic_blocks(c, f);
            }
        }
    }
}

fn anthropic_media(v: &Value) -> bool {
    v.as_array().into_iter().flatten().any(|b| {
        matches!(
            b.get("type").and_then(Value::as_str),
            Some("image" | "document")
        ) || b.get("content").is_some_and(anthropic_media)
    })
}

pub fn anthropic_has_media(body: &Value) -> bool {
    body.get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("content"))
        .any(anthropic_media)
}

/// OpenAI chat completion: choices[].message content and tool-call arguments.
pub fn openai_response(body: &mut Value, f: Visit<'_>) {
    if let Some(Value::Array(choices)) = body.get_mut("choices") {
        for c in choices {
            if let Some(m) = c.get_mut("message") {
                str_field(m, "content", f);
                if let Some(Value::Array(calls)) = m.get_mut("tool_calls") {
                    for call in calls {
                        if let Some(Value::String(a)) = call.pointer_mut("/function/arguments") {
                            json_text(a, f);
                        }
                    }
                }
            }
        }
    }
}

/// Anthropic message: content[] text and tool_use input.
pub fn anthropic_response(body: &mut Value, f: Visit<'_>) {
    if let Some(c) = body.get_mut("content") {
        anthropic_blocks(c, f);
    }
}

/// Collects the texts a visitor reaches.
pub fn collect(body: &mut Value, walk: fn(&mut Value, Visit<'_>)) -> Vec<String> {
    let mut out = Vec::new();
    walk(body, &mut |s: &mut String| out.push(s.clone()));
    out
}

/// Writes texts back in visiting order.
pub fn replace(body: &mut Value, walk: fn(&mut Value, Visit<'_>), texts: Vec<String>) {
    let mut it = texts.into_iter();
    walk(body, &mut |s: &mut String| {
        if let Some(t) = it.next() {
            *s = t;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_every_text_an_upstream_reads() {
        let mut b = json!({"model": "m", "messages": [
            {"role": "system", "content": "S"},
            {"role": "user", "name": "N", "content": [{"type": "text", "text": "T"},
                                                      {"type": "image_url", "image_url": {"url": "u"}}]},
            {"role": "assistant", "content": null, "tool_calls": [
                {"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\"who\":\"A\"}"}}]},
            {"role": "tool", "tool_call_id": "c", "content": "R"}]});
        assert_eq!(collect(&mut b, openai_request), ["S", "N", "T", "A", "R"]);
        assert!(openai_has_media(&b));
        replace(
            &mut b,
            openai_request,
            ["s", "n", "t", "a\"", "r"].map(String::from).to_vec(),
        );
        assert_eq!(
            b["messages"][2]["tool_calls"][0]["function"]["arguments"],
            "{\"who\":\"a\\\"\"}"
        );

        let mut a = json!({"system": [{"type": "text", "text": "S"}], "messages": [
            {"role": "user", "content": "U"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": {"q": "Q", "n": 3}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [{"type": "text", "text": "R"}]}]}]});
        assert_eq!(collect(&mut a, anthropic_request), ["S", "U", "Q", "R"]);
        assert!(!anthropic_has_media(&a));
    }
}

//! The handlers. Both chat endpoints share one pipeline (`proxy`): authenticate, check limits,
//! refuse media, redact under the session (fail closed), send with failover, translate if the
//! upstream speaks the other protocol, re-identify, charge, audit. Streaming answers are handed
//! to `stream::pump`, which owns the audit record until the stream ends.

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::audit::Record;
use super::config::OutputFilter;
use super::deid::{self, DeidError};
use super::error::{ApiError, Dialect};
use super::keys::KeyRecord;
use super::store::{hex, now, random};
use super::texts::{self, Visit};
use super::{AppState, SESSION_HEADER, budget, stream, translate};

pub async fn healthz() -> &'static str {
    "ok\n"
}

pub async fn readyz(State(st): State<AppState>) -> Response {
    if st.is_ready() {
        "ready\n".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n").into_response()
    }
}

pub async fn metrics(State(st): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        st.metrics.render(),
    )
        .into_response()
}

pub async fn not_found(headers: HeaderMap) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route").dialect(dialect_of(&headers))
}

fn dialect_of(h: &HeaderMap) -> Dialect {
    if h.contains_key("anthropic-version") || h.contains_key("x-api-key") {
        Dialect::Anthropic
    } else {
        Dialect::Openai
    }
}

fn presented_key(h: &HeaderMap) -> Option<&str> {
    if let Some(v) = h.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        return v.strip_prefix("Bearer ").map(str::trim);
    }
    h.get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn authenticate(st: &AppState, h: &HeaderMap) -> Result<KeyRecord, ApiError> {
    let Some(k) = presented_key(h) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing_api_key",
            "missing API key (Authorization: Bearer ... or x-api-key)",
        ));
    };
    match st.keys.authenticate(k) {
        Ok(Some(rec)) => Ok(rec),
        Ok(None) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_api_key",
            "invalid, revoked or expired API key",
        )),
        Err(e) => Err(ApiError::internal(&e)),
    }
}

pub async fn models(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let d = dialect_of(&headers);
    let key = match authenticate(&st, &headers) {
        Ok(k) => k,
        Err(e) => return e.dialect(d).into_response(),
    };
    let names: Vec<&str> = st
        .config
        .models
        .iter()
        .map(|m| m.name.as_str())
        .filter(|m| key.allows_model(m))
        .collect();
    let body = match d {
        Dialect::Openai => json!({"object": "list", "data": names.iter().map(|n| json!({
            "id": n, "object": "model", "created": 0, "owned_by": "phiscrub"})).collect::<Vec<_>>()}),
        Dialect::Anthropic => json!({
            "data": names.iter().map(|n| json!({"type": "model", "id": n, "display_name": n,
                "created_at": "1970-01-01T00:00:00Z"})).collect::<Vec<_>>(),
            "has_more": false,
            "first_id": names.first(),
            "last_id": names.last()}),
    };
    axum::Json(body).into_response()
}

pub async fn openai_chat(State(st): State<AppState>, req: Request) -> Response {
    proxy(st, Dialect::Openai, req).await
}

pub async fn anthropic_messages(State(st): State<AppState>, req: Request) -> Response {
    proxy(st, Dialect::Anthropic, req).await
}

/// Why the body could not be read.
enum BodyError {
    TooLarge,
    Unreadable,
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, BodyError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        // axum wraps http-body's LengthLimitError; its message is the stable signal.
        let mut src: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(s) = src {
            if s.to_string().contains("length limit") {
                return BodyError::TooLarge;
            }
            src = s.source();
        }
        BodyError::Unreadable
    })
}

/// Owns a request's audit record; whatever happens (error, client gone mid-stream), the
/// record is written exactly once, when the guard drops.
pub struct AuditGuard {
    pub rec: Record,
    st: AppState,
    started: Instant,
}

impl AuditGuard {
    pub fn state(&self) -> AppState {
        self.st.clone()
    }

    pub fn set_status(&mut self, status: u16) {
        self.rec.status = status;
    }
}

impl Drop for AuditGuard {
    fn drop(&mut self) {
        let secs = self.started.elapsed().as_secs_f64();
        self.rec.latency_ms = secs * 1000.0;
        let status = self.rec.status.to_string();
        let route = self.rec.route.clone();
        self.st.metrics.add(
            "phiscrub_requests_total",
            &[("route", &route), ("status", &status)],
            1.0,
        );
        self.st
            .metrics
            .observe("phiscrub_request_seconds", &[("route", &route)], secs);
        for (label, n) in &self.rec.detections {
            self.st.metrics.add(
                "phiscrub_detections_total",
                &[("label", label)],
                f64::from(*n),
            );
        }
        if self.rec.usd > 0.0 {
            self.st.metrics.add(
                "phiscrub_spend_usd_total",
                &[("key_id", &self.rec.key_id)],
                self.rec.usd,
            );
        }
        self.st.audit.append(std::mem::take(&mut self.rec));
    }
}

fn valid_session(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

async fn proxy(st: AppState, dialect: Dialect, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = parts.headers;
    let client = parts
        .extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.to_string())
        .unwrap_or_default();
    let body = read_body(body, st.config.server.max_body_bytes).await;
    let route = match dialect {
        Dialect::Openai => "openai",
        Dialect::Anthropic => "anthropic",
    };
    let mut guard = AuditGuard {
        rec: Record {
            kind: "request".into(),
            ts: now(),
            request_id: format!("req_{}", hex(&random::<12>())),
            client,
            route: route.into(),
            ..Record::default()
        },
        st: st.clone(),
        started: Instant::now(),
    };
    let session = match headers.get(SESSION_HEADER).and_then(|v| v.to_str().ok()) {
        Some(s) => s.to_string(),
        None => st.deid.new_session_id(),
    };
    // A session id that fails validation is refused below and never recorded (it could be
    // anything a client typed).
    guard.rec.session = if valid_session(&session) {
        session.clone()
    } else {
        "(invalid)".into()
    };
    let request_id = guard.rec.request_id.clone();
    match run(&st, dialect, &headers, body, guard, session.clone()).await {
        Ok(mut r) => {
            if let Ok(v) = HeaderValue::from_str(&session) {
                r.headers_mut().insert(SESSION_HEADER, v);
            }
            if let Ok(v) = HeaderValue::from_str(&request_id) {
                r.headers_mut().insert("x-request-id", v);
            }
            r
        }
        Err(mut e) => {
            e.dialect = dialect;
            if valid_session(&session) {
                e.session = Some(session);
            }
            e.into_response()
        }
    }
}

fn fail(guard: &mut AuditGuard, e: ApiError) -> ApiError {
    guard.rec.status = e.status.as_u16();
    guard.rec.error = Some(e.code.to_string());
    e
}

async fn run(
    st: &AppState,
    dialect: Dialect,
    headers: &HeaderMap,
    body: Result<Bytes, BodyError>,
    mut guard: AuditGuard,
    session: String,
) -> Result<Response, ApiError> {
    let Ok(permit) = st.concurrency.clone().try_acquire_owned() else {
        return Err(fail(
            &mut guard,
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "too many requests in flight; retry shortly",
            ),
        ));
    };
    let key = authenticate(st, headers).map_err(|e| fail(&mut guard, e))?;
    guard.rec.key_id = key.id.clone();
    guard.rec.scope = key.scope();
    guard.rec.deid = key.deid;
    if !valid_session(&session) {
        return Err(fail(
            &mut guard,
            ApiError::bad_request(
                "invalid_session",
                "x-phiscrub-session must be 1-128 characters of [A-Za-z0-9._-]",
            ),
        ));
    }
    let bytes = body.map_err(|e| {
        let err = if matches!(e, BodyError::TooLarge) {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request_too_large",
                format!(
                    "request body exceeds {} bytes",
                    st.config.server.max_body_bytes
                ),
            )
        } else {
            ApiError::bad_request("invalid_body", "could not read the request body")
        };
        fail(&mut guard, err)
    })?;
    let mut body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        fail(
            &mut guard,
            ApiError::bad_request(
                "invalid_json",
                format!(
                    "request body is not valid JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            ),
        )
    })?;
    if !body.is_object() {
        return Err(fail(
            &mut guard,
            ApiError::bad_request("invalid_json", "request body must be a JSON object"),
        ));
    }
    let Some(model_name) = body
        .get("model")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return Err(fail(
            &mut guard,
            ApiError::bad_request("missing_model", "`model` is required").param("model"),
        ));
    };
    guard.rec.model = model_name.clone();
    let Some(model) = st
        .config
        .model(&model_name)
        .filter(|_| key.allows_model(&model_name))
    else {
        return Err(fail(
            &mut guard,
            ApiError::new(
                StatusCode::NOT_FOUND,
                "model_not_found",
                format!("model `{model_name}` does not exist or this key may not use it"),
            )
            .param("model"),
        ));
    };
    let streaming = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    guard.rec.stream = streaming;
    if let Err(r) = st.budgets.check(&key) {
        let code = if r.0.starts_with("budget") {
            "budget_exceeded"
        } else {
            "rate_limit_exceeded"
        };
        return Err(fail(
            &mut guard,
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, code, r.0),
        ));
    }
    let (walk_req, has_media): (fn(&mut Value, Visit<'_>), bool) = match dialect {
        Dialect::Openai => (texts::openai_request, texts::openai_has_media(&body)),
        Dialect::Anthropic => (texts::anthropic_request, texts::anthropic_has_media(&body)),
    };
    if has_media && st.config.deid.images == super::config::ImagePolicy::Reject {
        return Err(fail(
            &mut guard,
            ApiError::bad_request(
                "media_not_allowed",
                "image, audio and file parts are refused by this gateway's policy \
                 (a photo can be a full-face identifier)",
            )
            .param("messages"),
        ));
    }
    let raw_prompt = (key.store_raw || !key.deid).then(|| body.to_string());
    if key.deid {
        let originals = texts::collect(&mut body, walk_req);
        let budget = Duration::from_millis(st.config.deid.time_budget_ms);
        let policy = if key.policy.is_empty() {
            st.config.deid.policy.clone()
        } else {
            key.policy.clone()
        };
        let red = deid::redact_texts(st.deid.clone(), session.clone(), policy, originals, budget)
            .await
            .map_err(|e| {
                super::log(&format!(
                    "request {} refused: {e}; nothing was sent upstream",
                    guard.rec.request_id
                ));
                st.metrics.add("phiscrub_deid_failures_total", &[], 1.0);
                fail(
                    &mut guard,
                    ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "deid_failed",
                        "de-identification failed or exceeded its time budget; \
                         the request was not sent upstream",
                    ),
                )
            })?;
        for (l, n) in red.counts {
            *guard
                .rec
                .detections
                .entry(l.as_str().to_string())
                .or_insert(0) += n;
        }
        texts::replace(&mut body, walk_req, red.texts);
    }
    guard.rec.prompt = Some(if key.deid {
        body.to_string()
    } else {
        "(de-identification off for this key)".into()
    });
    if key.store_raw && key.deid {
        guard.rec.raw_prompt = raw_prompt;
    }
    let include_usage = body
        .pointer("/stream_options/include_usage")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let timeout = Duration::from_secs(st.config.server.request_timeout_secs);
    let sent = st
        .upstreams
        .send(model, timeout, |proto, upstream_model| {
            translate::request(dialect, proto, &body, upstream_model)
        })
        .await;
    let sent = match sent {
        Ok(Ok(s)) => s,
        Ok(Err((up, why))) => {
            guard.rec.upstream = up;
            return Err(fail(
                &mut guard,
                ApiError::bad_request("untranslatable_request", why),
            ));
        }
        Err(e) => {
            super::log(&format!("request {}: {e}", guard.rec.request_id));
            st.metrics.add(
                "phiscrub_upstream_errors_total",
                &[("kind", "unavailable")],
                1.0,
            );
            let status = if matches!(e, super::upstream::UpstreamError::Timeout { .. }) {
                StatusCode::GATEWAY_TIMEOUT
            } else {
                StatusCode::BAD_GATEWAY
            };
            return Err(fail(
                &mut guard,
                ApiError::new(status, "upstream_unavailable", e.to_string()),
            ));
        }
    };
    guard.rec.upstream = sent.upstream.clone();
    guard.rec.attempts = sent.attempts;
    if sent.attempts > 1 {
        st.metrics.add(
            "phiscrub_upstream_retries_total",
            &[("upstream", &sent.upstream)],
            f64::from(sent.attempts - 1),
        );
    }
    let status = sent.response.status();
    if !status.is_success() {
        st.metrics.add(
            "phiscrub_upstream_errors_total",
            &[("upstream", &sent.upstream), ("status", status.as_str())],
            1.0,
        );
        let text = tokio::time::timeout(timeout, sent.response.bytes())
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        // The upstream only ever saw de-identified text, so its message can be passed on.
        let msg = serde_json::from_slice::<Value>(&text)
            .ok()
            .and_then(|v| {
                v.pointer("/error/message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "upstream error".into());
        let code = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let mut e = ApiError::new(
            code,
            "upstream_error",
            format!("upstream {}: {msg}", sent.upstream),
        );
        if code == StatusCode::TOO_MANY_REQUESTS || code.is_server_error() {
            e.code = "upstream_unavailable";
        }
        return Err(fail(&mut guard, e));
    }
    let ctx = stream::Ctx {
        deid: st.deid.clone(),
        session: session.clone(),
        reveal: key.deid,
        client: dialect,
        upstream: sent.protocol,
        include_usage,
        model: model_name.clone(),
        scan: key.deid && st.config.deid.output_filter != OutputFilter::Off,
        screen: matches!(
            st.config.deid.output_filter,
            OutputFilter::Redact | OutputFilter::Fail
        )
        .then_some(st.config.deid.output_filter),
    };
    if streaming {
        guard.rec.status = 200;
        let idle = Duration::from_secs(st.config.server.idle_timeout_secs);
        let body = stream::pump(ctx, sent.response, guard, key, model.clone(), permit, idle);
        return Ok(Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "text/event-stream")
            .header(header::CACHE_CONTROL, "no-cache")
            .body(Body::from_stream(body))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()));
    }
    let bytes = match tokio::time::timeout(timeout, sent.response.bytes()).await {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            return Err(fail(
                &mut guard,
                ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    "upstream_unavailable",
                    format!("upstream {}: {}", sent.upstream, e.without_url()),
                ),
            ));
        }
        Err(_) => {
            return Err(fail(
                &mut guard,
                ApiError::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "upstream_timeout",
                    format!("upstream {} timed out", sent.upstream),
                ),
            ));
        }
    };
    let upstream_json: Value = serde_json::from_slice(&bytes).map_err(|_| {
        fail(
            &mut guard,
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                "upstream_invalid",
                format!("upstream {} sent invalid JSON", sent.upstream),
            ),
        )
    })?;
    let mut answer = translate::response(sent.protocol, dialect, upstream_json, &model_name);
    let (prompt_tokens, completion_tokens) = translate::usage(dialect, &answer);
    let usd = budget::cost(model, prompt_tokens, completion_tokens);
    guard.rec.prompt_tokens = prompt_tokens;
    guard.rec.completion_tokens = completion_tokens;
    guard.rec.usd = usd;
    st.budgets
        .charge(&key, prompt_tokens, completion_tokens, usd);
    let walk_resp: fn(&mut Value, Visit<'_>) = match dialect {
        Dialect::Openai => texts::openai_response,
        Dialect::Anthropic => texts::anthropic_response,
    };
    guard.rec.response = Some(answer.to_string());
    if key.deid {
        let filter = st.config.deid.output_filter;
        let deid = st.deid.clone();
        let sess = session.clone();
        let texts_in = texts::collect(&mut answer, walk_resp);
        let work = move || -> Result<(Vec<String>, usize), DeidError> {
            let mut foreign = 0;
            let mut out = Vec::with_capacity(texts_in.len());
            for t in texts_in {
                let t = if filter == OutputFilter::Off {
                    t
                } else {
                    let s = deid.scan_output(&sess, &t, filter == OutputFilter::Redact)?;
                    foreign += s.foreign;
                    s.text
                };
                out.push(deid.reveal(&sess, &t)?);
            }
            Ok((out, foreign))
        };
        // The output filter runs detection (CPU work: blocking pool); reveal alone is a table
        // lookup over the answer, cheaper than the hop to another thread.
        let result = if filter == OutputFilter::Off {
            work()
        } else {
            tokio::task::spawn_blocking(work)
                .await
                .unwrap_or_else(|e| Err(DeidError::Failed(e.to_string())))
        };
        let (revealed, foreign) = match result {
            Ok(r) => r,
            Err(e) => return Err(fail(&mut guard, ApiError::internal(&e))),
        };
        guard.rec.foreign_phi = foreign as u32;
        if foreign > 0 {
            st.metrics
                .add("phiscrub_output_foreign_phi_total", &[], foreign as f64);
            if filter == OutputFilter::Fail {
                return Err(fail(
                    &mut guard,
                    ApiError::new(
                        StatusCode::BAD_GATEWAY,
                        "foreign_phi_in_answer",
                        "the answer contained PHI that did not come from this conversation",
                    ),
                ));
            }
        }
        texts::replace(&mut answer, walk_resp, revealed);
        if key.store_raw {
            guard.rec.raw_response = Some(answer.to_string());
        }
    }
    guard.set_status(200);
    drop(permit);
    let mut r = axum::Json(answer).into_response();
    if guard.rec.foreign_phi > 0
        && let Ok(v) = HeaderValue::from_str(&guard.rec.foreign_phi.to_string())
    {
        r.headers_mut().insert("x-phiscrub-foreign-phi", v);
    }
    Ok(r)
}

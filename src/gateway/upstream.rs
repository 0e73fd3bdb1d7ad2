//! Upstream providers: provider keys (read once from the env var or file the config names,
//! never from the client, never printed), one shared HTTP client (rustls), a circuit breaker per
//! upstream, and failover across a model's routes by priority with retries that honour
//! `retry-after`.
//!
//! Failover happens only before a response is handed back to the route, that is before the
//! first byte of a stream reaches the client; after that a failure ends the stream with an error
//! event instead.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::alerts::Alerts;
use super::config::{self, ConfigError, Protocol};

/// A provider key. `Debug` and `Display` never show it.
#[derive(Clone)]
pub struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Default)]
struct Breaker {
    failures: u32,
    open_until: Option<Instant>,
}

pub struct Upstream {
    pub cfg: config::Upstream,
    key: Option<Secret>,
    breaker: Mutex<Breaker>,
}

impl Upstream {
    fn allow(&self) -> bool {
        let mut b = self.breaker.lock().unwrap_or_else(|p| p.into_inner());
        match b.open_until {
            Some(t) if Instant::now() < t => false,
            Some(_) => {
                // Half open: one more failure reopens it.
                b.open_until = None;
                b.failures = self.cfg.breaker_failures.saturating_sub(1);
                true
            }
            None => true,
        }
    }

    fn success(&self) {
        let mut b = self.breaker.lock().unwrap_or_else(|p| p.into_inner());
        b.failures = 0;
        b.open_until = None;
    }

    /// Counts a failure; returns the consecutive count and whether it opened the breaker.
    fn failure(&self) -> (u32, bool) {
        let mut b = self.breaker.lock().unwrap_or_else(|p| p.into_inner());
        b.failures += 1;
        if b.failures >= self.cfg.breaker_failures && b.open_until.is_none() {
            b.open_until =
                Some(Instant::now() + Duration::from_secs(self.cfg.breaker_cooldown_secs));
            return (b.failures, true);
        }
        (b.failures, false)
    }
}

/// Why no upstream answered. Messages hold no key and no request text.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    #[error("no upstream available for this model (all circuit breakers open)")]
    AllOpen,
    #[error("upstream {upstream} unreachable: {why}")]
    Transport { upstream: String, why: String },
    #[error("upstream {upstream} timed out")]
    Timeout { upstream: String },
}

/// A response that will be handed to the client (success, or a final upstream error status).
pub struct Sent {
    pub response: reqwest::Response,
    pub upstream: String,
    pub protocol: Protocol,
    pub attempts: u32,
}

pub struct Upstreams {
    client: reqwest::Client,
    list: Vec<Upstream>,
    alerts: Alerts,
    /// Consecutive failures of one upstream that raise an alert (`alerts.failure_streak`).
    failure_streak: Option<u32>,
}

fn retryable(s: reqwest::StatusCode) -> bool {
    s == reqwest::StatusCode::TOO_MANY_REQUESTS || s.is_server_error()
}

/// `retry-after` as seconds or an `retry-after-ms` header.
fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    if let Some(ms) = h
        .get("retry-after-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<f64>().ok())
    {
        return Some(Duration::from_secs_f64(ms.max(0.0) / 1000.0));
    }
    h.get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|s| Duration::from_secs_f64(s.max(0.0)))
}

impl Upstreams {
    pub fn new(cfg: &config::Config, alerts: Alerts) -> Result<Upstreams, ConfigError> {
        let mut list = Vec::new();
        for (i, u) in cfg.upstreams.iter().enumerate() {
            let key = if let Some(var) = &u.api_key_env {
                Some(Secret(std::env::var(var).map_err(|_| {
                    ConfigError::new(
                        format!("upstreams[{i}].api_key_env"),
                        format!("environment variable {var} is not set"),
                    )
                })?))
            } else if let Some(path) = &u.api_key_file {
                let s = std::fs::read_to_string(path).map_err(|e| {
                    ConfigError::new(
                        format!("upstreams[{i}].api_key_file"),
                        format!("cannot read {}: {}", path.display(), e.kind()),
                    )
                })?;
                Some(Secret(s.trim().to_string()))
            } else {
                None
            };
            list.push(Upstream {
                cfg: u.clone(),
                key,
                breaker: Mutex::new(Breaker::default()),
            });
        }
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(Duration::from_secs(10))
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| ConfigError::new("upstreams", format!("HTTP client: {e}")))?;
        Ok(Upstreams {
            client,
            list,
            alerts,
            failure_streak: cfg.alerts.failure_streak,
        })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    fn get(&self, name: &str) -> Option<&Upstream> {
        self.list.iter().find(|u| u.cfg.name == name)
    }

    /// Sends a request along the model's routes in priority order (by weight among equal
    /// priorities, see [`route_order`]). `body` builds the JSON for
    /// an upstream protocol and upstream model name. 429, 5xx, timeouts and transport errors
    /// retry (honouring `retry-after` up to `max_backoff_ms`) and then fall back to the next
    /// route; other statuses are final.
    pub async fn send(
        &self,
        model: &config::Model,
        timeout: Duration,
        body: impl Fn(Protocol, &str) -> Result<Value, String>,
    ) -> Result<Result<Sent, (String, String)>, UpstreamError> {
        let routes = route_order(&model.routes, &mut rand::rng());
        let mut attempts = 0u32;
        let mut last_err: Option<UpstreamError> = None;
        let mut last_resp: Option<Sent> = None;
        for route in routes {
            let Some(up) = self.get(&route.upstream) else {
                continue;
            };
            if !up.allow() {
                continue;
            }
            let upstream_model = route.model.as_deref().unwrap_or(&model.name);
            let json = match body(up.cfg.protocol, upstream_model) {
                Ok(j) => j,
                Err(why) => return Ok(Err((up.cfg.name.clone(), why))),
            };
            let timeout = timeout.min(Duration::from_secs(up.cfg.timeout_secs));
            for retry in 0..=up.cfg.max_retries {
                attempts += 1;
                let (path, auth): (&str, Vec<(&str, String)>) = match up.cfg.protocol {
                    Protocol::Openai => (
                        "/chat/completions",
                        up.key
                            .iter()
                            .map(|k| ("authorization", format!("Bearer {}", k.0)))
                            .collect(),
                    ),
                    Protocol::Anthropic => {
                        let mut h: Vec<(&str, String)> =
                            up.key.iter().map(|k| ("x-api-key", k.0.clone())).collect();
                        if !up.cfg.headers.contains_key("anthropic-version") {
                            h.push(("anthropic-version", "2023-06-01".into()));
                        }
                        ("/messages", h)
                    }
                };
                let url = format!("{}{path}", up.cfg.base_url.trim_end_matches('/'));
                let mut req = self.client.post(&url).json(&json);
                for (k, v) in &auth {
                    req = req.header(*k, v);
                }
                for (k, v) in &up.cfg.headers {
                    req = req.header(k, v);
                }
                let wait = match tokio::time::timeout(timeout, req.send()).await {
                    Ok(Ok(resp)) if !retryable(resp.status()) => {
                        up.success();
                        return Ok(Ok(Sent {
                            response: resp,
                            upstream: up.cfg.name.clone(),
                            protocol: up.cfg.protocol,
                            attempts,
                        }));
                    }
                    Ok(Ok(resp)) => {
                        let ra = retry_after(resp.headers());
                        last_resp = Some(Sent {
                            response: resp,
                            upstream: up.cfg.name.clone(),
                            protocol: up.cfg.protocol,
                            attempts,
                        });
                        last_err = None;
                        ra
                    }
                    Ok(Err(e)) => {
                        // reqwest's message may include the URL, never the headers.
                        last_err = Some(UpstreamError::Transport {
                            upstream: up.cfg.name.clone(),
                            why: e.without_url().to_string(),
                        });
                        last_resp = None;
                        None
                    }
                    Err(_) => {
                        last_err = Some(UpstreamError::Timeout {
                            upstream: up.cfg.name.clone(),
                        });
                        last_resp = None;
                        None
                    }
                };
                let (streak, opened) = up.failure();
                if opened || Some(streak) == self.failure_streak {
                    self.alerts.send(
                        "upstream_failure_streak",
                        serde_json::json!({
                            "upstream": up.cfg.name,
                            "consecutive_failures": streak,
                            "breaker_open": opened,
                            "breaker_open_secs": up.cfg.breaker_cooldown_secs,
                        }),
                    );
                }
                if retry == up.cfg.max_retries {
                    break;
                }
                let backoff = Duration::from_millis(50u64 << retry.min(6));
                let wait = wait.unwrap_or(backoff);
                if wait > Duration::from_millis(up.cfg.max_backoff_ms) {
                    break; // too long: fall back to the next route at once
                }
                tokio::time::sleep(wait).await;
                if !up.allow() {
                    break;
                }
            }
        }
        if let Some(mut s) = last_resp {
            s.attempts = attempts;
            return Ok(Ok(s));
        }
        Err(last_err.unwrap_or(UpstreamError::AllOpen))
    }
}

/// The order in which to try `routes`: by priority, lower first; among routes of equal
/// priority a weighted random order (each draws the key `u^(1/weight)`, highest first), so
/// that a route of weight `w` leads `w / total` of the time and the others are its fallbacks.
pub fn route_order<'a>(
    routes: &'a [config::Route],
    rng: &mut impl rand::Rng,
) -> Vec<&'a config::Route> {
    let mut keyed: Vec<(u32, f64, &config::Route)> = routes
        .iter()
        .map(|r| {
            let u: f64 = rng.random_range(f64::MIN_POSITIVE..1.0);
            (r.priority, u.powf(1.0 / f64::from(r.weight.max(1))), r)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    keyed.into_iter().map(|(_, _, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn route(upstream: &str, priority: u32, weight: u32) -> config::Route {
        config::Route {
            upstream: upstream.into(),
            model: None,
            priority,
            weight,
        }
    }

    #[test]
    fn priority_first_then_weight_shares_the_lead() {
        let routes = [route("standby", 1, 100), route("a", 0, 3), route("b", 0, 1)];
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut lead_a = 0;
        for _ in 0..4000 {
            let order: Vec<&str> = route_order(&routes, &mut rng)
                .iter()
                .map(|r| r.upstream.as_str())
                .collect();
            assert_eq!(order.len(), 3);
            assert_eq!(order[2], "standby", "a higher priority number never leads");
            if order[0] == "a" {
                lead_a += 1;
            }
        }
        // Weight 3 against 1: `a` leads 3/4 of the time (3,000 of 4,000; +-5 sigma is +-137).
        assert!((2850..=3150).contains(&lead_a), "a led {lead_a} times");
    }

    #[test]
    fn equal_weights_spread_evenly_and_single_routes_are_stable() {
        let routes = [route("a", 0, 1), route("b", 0, 1)];
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let lead_a = (0..2000)
            .filter(|_| route_order(&routes, &mut rng)[0].upstream == "a")
            .count();
        assert!((850..=1150).contains(&lead_a), "a led {lead_a} times");
        let one = [route("only", 5, 9)];
        assert_eq!(route_order(&one, &mut rng)[0].upstream, "only");
    }
}

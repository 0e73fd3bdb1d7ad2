//! Alerts: budget thresholds (50/80/100%) and upstream failure streaks. Each goes to the log and,
//! when configured, is POSTed as JSON to a webhook (fire and forget, one retry).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

#[derive(Clone, Default)]
pub struct Alerts {
    webhook: Option<Arc<str>>,
    client: Option<reqwest::Client>,
}

impl Alerts {
    pub fn new(webhook: Option<&str>) -> Alerts {
        Alerts {
            webhook: webhook.map(Arc::from),
            client: reqwest::Client::builder()
                .use_rustls_tls()
                .timeout(Duration::from_secs(10))
                .build()
                .ok(),
        }
    }

    /// `details` must hold no PHI and no secret: ids, names of upstreams, amounts.
    pub fn send(&self, kind: &str, details: Value) {
        let body = json!({ "alert": kind, "ts": super::store::rfc3339(super::store::now()), "details": details });
        super::log(&format!("alert {body}"));
        let (Some(url), Some(client)) = (self.webhook.clone(), self.client.clone()) else {
            return;
        };
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                for _ in 0..2 {
                    match client.post(&*url).json(&body).send().await {
                        Ok(r) if r.status().is_success() => return,
                        _ => tokio::time::sleep(Duration::from_millis(500)).await,
                    }
                }
                super::log(&format!("alert webhook failed for {}", body["alert"]));
            });
        }
    }
}

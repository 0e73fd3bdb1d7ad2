//! Prometheus metrics in the text exposition format, written by hand: counters keyed by their
//! full series name and fixed-bucket latency histograms. A mutex per family is cheap next to an
//! upstream call (not measured separately; the load test includes it).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0, 60.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    n: u64,
}

#[derive(Default)]
pub struct Metrics {
    counters: Mutex<BTreeMap<String, f64>>,
    histograms: Mutex<BTreeMap<String, Histogram>>,
    gauges: Mutex<BTreeMap<String, f64>>,
}

fn series(name: &str, labels: &[(&str, &str)]) -> String {
    let mut s = name.to_string();
    if !labels.is_empty() {
        s.push('{');
        for (i, (k, v)) in labels.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let v = v.replace('\\', "\\\\").replace('"', "\\\"");
            let _ = write!(s, "{k}=\"{v}\"");
        }
        s.push('}');
    }
    s
}

impl Metrics {
    pub fn add(&self, name: &str, labels: &[(&str, &str)], v: f64) {
        let mut c = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *c.entry(series(name, labels)).or_insert(0.0) += v;
    }

    pub fn set(&self, name: &str, labels: &[(&str, &str)], v: f64) {
        let mut g = self.gauges.lock().unwrap_or_else(|p| p.into_inner());
        g.insert(series(name, labels), v);
    }

    pub fn observe(&self, name: &str, labels: &[(&str, &str)], secs: f64) {
        let mut h = self.histograms.lock().unwrap_or_else(|p| p.into_inner());
        let e = h.entry(series(name, labels)).or_default();
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                e.counts[i] += 1;
            }
        }
        e.sum += secs;
        e.n += 1;
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut typed = std::collections::HashSet::new();
        let mut header = |out: &mut String, key: &str, kind: &str| {
            let name = key.split('{').next().unwrap_or(key).to_string();
            if typed.insert(name.clone()) {
                let _ = writeln!(out, "# TYPE {name} {kind}");
            }
        };
        for (k, v) in self
            .counters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            header(&mut out, k, "counter");
            let _ = writeln!(out, "{k} {v}");
        }
        for (k, v) in self.gauges.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            header(&mut out, k, "gauge");
            let _ = writeln!(out, "{k} {v}");
        }
        for (k, h) in self
            .histograms
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            header(&mut out, k, "histogram");
            let (name, labels) = match k.split_once('{') {
                Some((n, l)) => (n, format!("{},", l.trim_end_matches('}'))),
                None => (k.as_str(), String::new()),
            };
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(out, "{name}_bucket{{{labels}le=\"{b}\"}} {}", h.counts[i]);
            }
            let _ = writeln!(out, "{name}_bucket{{{labels}le=\"+Inf\"}} {}", h.n);
            let l = labels.trim_end_matches(',');
            let braces = if l.is_empty() {
                String::new()
            } else {
                format!("{{{l}}}")
            };
            let _ = writeln!(out, "{name}_sum{braces} {}", h.sum);
            let _ = writeln!(out, "{name}_count{braces} {}", h.n);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.add(
            "phiscrub_requests_total",
            &[("route", "openai"), ("status", "200")],
            1.0,
        );
        m.observe("phiscrub_request_seconds", &[("route", "openai")], 0.003);
        let t = m.render();
        assert!(t.contains("phiscrub_requests_total{route=\"openai\",status=\"200\"} 1"));
        assert!(t.contains("phiscrub_request_seconds_bucket{route=\"openai\",le=\"0.005\"} 1"));
        assert!(t.contains("phiscrub_request_seconds_bucket{route=\"openai\",le=\"0.002\"} 0"));
        assert!(t.contains("phiscrub_request_seconds_count{route=\"openai\"} 1"));
    }
}

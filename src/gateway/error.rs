//! `ApiError`: the one error type a route returns. Its client message is generic and PHI-free;
//! the internal cause is logged (categories, ids, no text). It renders in the caller's protocol:
//! OpenAI `{"error": {message, type, param, code}}` or Anthropic
//! `{"type": "error", "error": {type, message}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Openai,
    Anthropic,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub code: &'static str,
    pub message: String,
    pub param: Option<&'static str>,
    pub dialect: Dialect,
    pub session: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        let kind = match status.as_u16() {
            400 | 413 | 422 => "invalid_request_error",
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            503 | 529 => "overloaded_error",
            _ => "api_error",
        };
        ApiError {
            status,
            kind,
            code,
            message: message.into(),
            param: None,
            dialect: Dialect::Openai,
            session: None,
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn param(mut self, p: &'static str) -> ApiError {
        self.param = Some(p);
        self
    }

    pub fn dialect(mut self, d: Dialect) -> ApiError {
        self.dialect = d;
        self
    }

    /// An internal failure: the cause goes to the log, the client gets a generic message.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        super::log(&format!("internal error: {cause}"));
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "internal error in the phiscrub gateway",
        )
    }

    pub fn body(&self) -> Value {
        match self.dialect {
            Dialect::Openai => json!({"error": {
                "message": self.message,
                "type": self.kind,
                "param": self.param,
                "code": self.code,
            }}),
            Dialect::Anthropic => json!({"type": "error", "error": {
                "type": self.kind,
                "message": self.message,
            }}),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body())).into_response();
        if let Some(s) = &self.session
            && let Ok(v) = s.parse()
        {
            r.headers_mut().insert(super::SESSION_HEADER, v);
        }
        r
    }
}

//! The error a server function returns to the browser. It carries a Fluent
//! message key (or field errors), never internal text: database errors are
//! logged on the server and become `Server`.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::validation::ValidationErrors;
use crate::i18n::{self, Lang};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("invalid input")]
    Invalid(ValidationErrors),
    #[error("server error")]
    Server,
}

impl AppError {
    /// What a person reads.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        match self {
            AppError::NotFound => vec![i18n::text(lang, "error-not-found")],
            AppError::BadRequest => vec![i18n::text(lang, "error-bad-request")],
            AppError::Server => vec![i18n::text(lang, "error-server")],
            AppError::Invalid(errs) => errs.messages(lang),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            _ => AppError::Server,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::DbError> for AppError {
    fn from(e: crate::server::db::DbError) -> Self {
        match e {
            crate::server::db::DbError::NotFound(_) => AppError::NotFound,
            other => {
                // The cause goes to the log (no health data in DbError's
                // text: sqlx reports statements and constraints, not values).
                tracing::error!(error = %other, "database error");
                AppError::Server
            }
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Invalid(e)
    }
}

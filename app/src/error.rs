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
    /// A refusal with its own plain message (`key` in locales/), e.g. an
    /// invitation link that has expired.
    #[error("refused: {key}")]
    Refused { key: String },
    /// An error as the browser receives it: the server has already put it
    /// into words, so the browser needs no Fluent files (they would double
    /// the WASM). The error itself rides along for tests and status codes.
    #[error("{error}")]
    Said {
        error: Box<AppError>,
        said: Vec<String>,
    },
}

impl AppError {
    /// What a person reads.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        match self {
            AppError::NotFound => vec![i18n::text(lang, "error-not-found")],
            AppError::BadRequest => vec![i18n::text(lang, "error-bad-request")],
            AppError::Server => vec![i18n::text(lang, "error-server")],
            AppError::Invalid(errs) => errs.messages(lang),
            AppError::Refused { key } => vec![i18n::text(lang, key)],
            AppError::Said { said, .. } => said.clone(),
        }
    }

    /// The words the server sent, without looking anything up: what an
    /// island shows (`None` for an error made in the browser, such as a
    /// lost connection).
    pub fn said(&self) -> Option<&[String]> {
        match self {
            AppError::Said { said, .. } => Some(said),
            _ => None,
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

    /// Encodes the error for the browser, in words, and on the server gives
    /// the response the matching HTTP status (server functions otherwise
    /// answer every error with 500). A plain form post is turned into a
    /// redirect back to its page by the server's `form_posts` layer.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        let wire = {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(self.status());
            }
            match self {
                AppError::Said { .. } => self.clone(),
                other => AppError::Said {
                    error: Box::new(other.clone()),
                    said: other.messages(crate::components::use_lang()),
                },
            }
        };
        #[cfg(not(feature = "ssr"))]
        let wire = self.clone();
        <Self::Encoder as leptos::server_fn::Encodes<Self>>::encode(&wire)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(b"\"Server\""))
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status a refusal is sent with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Said { error, .. } => error.status(),
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Server => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Refused { key } => match key.as_str() {
                "need-sign-in" => StatusCode::UNAUTHORIZED,
                "error-too-many" => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::FORBIDDEN,
            },
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

impl AppError {
    pub fn refused(key: &str) -> Self {
        AppError::Refused {
            key: key.to_string(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::auth::invitations::InviteError> for AppError {
    fn from(e: crate::server::auth::invitations::InviteError) -> Self {
        use crate::server::auth::invitations::{InviteError, InviteProblem};
        match e {
            InviteError::Invalid(p) => AppError::refused(match p {
                InviteProblem::Unknown => "invite-unknown",
                InviteProblem::Expired => "invite-expired",
                InviteProblem::Used => "invite-used",
                InviteProblem::Revoked => "invite-revoked",
            }),
            InviteError::Db(e) => e.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::auth::passkeys::PasskeyError> for AppError {
    fn from(e: crate::server::auth::passkeys::PasskeyError) -> Self {
        use crate::server::auth::passkeys::PasskeyError;
        match e {
            PasskeyError::Ceremony => AppError::refused("passkey-too-slow"),
            PasskeyError::Rejected(why) => {
                tracing::info!(%why, "passkey answer refused");
                AppError::refused("passkey-rejected")
            }
            PasskeyError::UnknownPasskey => AppError::refused("passkey-unknown"),
            PasskeyError::Db(e) => e.into(),
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Invalid(e)
    }
}

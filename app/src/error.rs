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

    /// On the server, the only errors decoded are those read back from a
    /// page's address (`?__err=`, where the form layer puts a refused
    /// form's answer). Anyone can write such a link and send it to a
    /// family member, so its words are not trusted: they are said again,
    /// from our own messages, when the page shows the error.
    #[cfg(feature = "ssr")]
    fn de(data: leptos::server_fn::Bytes) -> Self {
        <Self::Encoder as leptos::server_fn::Decodes<Self>>::decode(data)
            .map_or(AppError::BadRequest, AppError::into_own_words)
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// An error from outside as the server itself would say it: words it
    /// carries are dropped (they are said again when shown), a message key
    /// is kept only if it is one of ours, and a range's bounds only if they
    /// read as bounds; anything else is 「読みとれませんでした」.
    fn into_own_words(self) -> Self {
        match self {
            AppError::Said { error, .. } => error.into_own_words(),
            AppError::Refused { key } if i18n::has(&key) => AppError::Refused { key },
            AppError::Invalid(errors) if errors.0.iter().all(|e| plausible(&e.problem)) => {
                AppError::Invalid(errors)
            }
            AppError::Refused { .. } | AppError::Invalid(_) => AppError::BadRequest,
            other @ (AppError::NotFound | AppError::BadRequest | AppError::Server) => other,
        }
    }

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

/// A problem as the domain writes one: the only text a problem carries is
/// a range's bounds, which are numbers, times, days or 「今」.
#[cfg(feature = "ssr")]
fn plausible(p: &crate::domain::validation::Problem) -> bool {
    use crate::domain::validation::Problem;
    let bound = |b: &str| {
        b == "今"
            || (!b.is_empty()
                && b.len() <= 10
                && b.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '-')))
    };
    match p {
        Problem::OutOfRange { min, max } => bound(min) && bound(max),
        Problem::DayOutOfRange { from, to } => bound(from) && bound(to),
        _ => true,
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

impl From<crate::domain::validation::UnknownQuery> for AppError {
    fn from(_: crate::domain::validation::UnknownQuery) -> Self {
        AppError::BadRequest
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
                InviteProblem::WorkEnded => "invite-work-ended",
                InviteProblem::AwaitingCheck => "invite-awaiting-check",
            }),
            InviteError::Db(e) => e.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::auth::sign_up::SignUpError> for AppError {
    fn from(e: crate::server::auth::sign_up::SignUpError) -> Self {
        use crate::server::auth::sign_up::SignUpError;
        match e {
            SignUpError::Invite(e) => e.into(),
            SignUpError::Passkey(e) => e.into(),
            SignUpError::Db(e) => e.into(),
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
            PasskeyError::Elsewhere { signing_in: false } => {
                AppError::refused("passkey-started-elsewhere")
            }
            PasskeyError::Elsewhere { signing_in: true } => {
                AppError::refused("passkey-sign-in-elsewhere")
            }
            PasskeyError::Db(e) => e.into(),
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Invalid(e)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::validation::{Field, FieldError, Problem};

    /// As the page reads `?__err=` back (after base64).
    fn read_back(e: &AppError) -> AppError {
        AppError::de(serde_json::to_vec(e).unwrap().into())
    }

    fn said(error: AppError, words: &str) -> AppError {
        AppError::Said {
            error: Box::new(error),
            said: vec![words.to_string()],
        }
    }

    const LIE: &str = "至急 0120-000-000 にお電話ください";

    #[test]
    fn words_from_an_address_are_dropped_and_said_again() {
        let e = read_back(&said(AppError::refused("wish-not-allowed"), LIE));
        assert_eq!(e, AppError::refused("wish-not-allowed"));
        assert!(!e.messages(Lang::Ja).concat().contains(LIE));
    }

    #[test]
    fn a_message_key_or_a_bound_not_ours_is_not_shown() {
        assert_eq!(read_back(&AppError::refused(LIE)), AppError::BadRequest);
        let bounds = FieldError::new(
            Field::Pulse,
            Problem::OutOfRange {
                min: LIE.into(),
                max: "200".into(),
            },
        );
        assert_eq!(
            read_back(&AppError::Invalid(bounds.into())),
            AppError::BadRequest
        );
        let ours = FieldError::out_of_range(Field::Pulse, 20, 200);
        let invalid = AppError::Invalid(ours.into());
        assert_eq!(read_back(&said(invalid.clone(), LIE)), invalid);
    }

    #[test]
    fn what_does_not_decode_is_a_bad_request() {
        let junk: [&[u8]; 5] = [b"", b"\"Said\"", b"{\"Said\":{}}", b"\xff\xfe", b"[[[[[[[["];
        for j in junk {
            assert_eq!(AppError::de(j.to_vec().into()), AppError::BadRequest);
        }
    }
}

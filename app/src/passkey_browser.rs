//! The browser half of a passkey ceremony: the server's options (JSON) go
//! to `navigator.credentials`, the phone asks for its screen lock, and the
//! answer goes back as JSON. Only in the browser build.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

/// Why the browser could not make or use a passkey; each has a plain
/// message in locales/ (passkey-browser-…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserProblem {
    /// No WebAuthn here (an old browser, or not a secure page).
    Unsupported,
    /// The person cancelled, or the phone refused (timeout, no lock).
    Cancelled,
    /// The options or the answer could not be read.
    Garbled,
}

impl BrowserProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Unsupported => "passkey-browser-unsupported",
            Self::Cancelled => "passkey-browser-cancelled",
            Self::Garbled => "passkey-browser-garbled",
        }
    }
}

fn credentials() -> Result<web_sys::CredentialsContainer, BrowserProblem> {
    let window = web_sys::window().ok_or(BrowserProblem::Unsupported)?;
    let has = js_sys::Reflect::has(&window, &"PublicKeyCredential".into()).unwrap_or(false);
    if !has {
        return Err(BrowserProblem::Unsupported);
    }
    Ok(window.navigator().credentials())
}

/// Waits for the phone: the person's screen lock, then the credential.
async fn answer(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Result<web_sys::PublicKeyCredential, BrowserProblem> {
    let promise = promise.map_err(|_| BrowserProblem::Unsupported)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| BrowserProblem::Cancelled)?
        .dyn_into::<web_sys::PublicKeyCredential>()
        .map_err(|_| BrowserProblem::Garbled)
}

/// Registers a new passkey: options from `start_registration`, answer for
/// `finish_registration`.
pub async fn create(options: &str) -> Result<String, BrowserProblem> {
    let ccr: CreationChallengeResponse =
        serde_json::from_str(options).map_err(|_| BrowserProblem::Garbled)?;
    let options: web_sys::CredentialCreationOptions = ccr.into();
    let promise = credentials()?.create_with_options(&options);
    let credential = answer(promise).await?;
    serde_json::to_string(&RegisterPublicKeyCredential::from(credential))
        .map_err(|_| BrowserProblem::Garbled)
}

/// Signs in with a passkey the phone already has.
pub async fn get(options: &str) -> Result<String, BrowserProblem> {
    let rcr: RequestChallengeResponse =
        serde_json::from_str(options).map_err(|_| BrowserProblem::Garbled)?;
    let options: web_sys::CredentialRequestOptions = rcr.into();
    let promise = credentials()?.get_with_options(&options);
    let credential = answer(promise).await?;
    serde_json::to_string(&PublicKeyCredential::from(credential))
        .map_err(|_| BrowserProblem::Garbled)
}

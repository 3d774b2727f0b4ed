//! A software passkey, as a phone's platform authenticator behaves: a
//! P-256 key, a discoverable credential that keeps the user handle, user
//! verification always done. It speaks the browser's JSON, so the tests
//! drive the server exactly as navigator.credentials would.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub struct SoftPasskey {
    key: SigningKey,
    pub cred_id: Vec<u8>,
    pub user_handle: Vec<u8>,
    rp_id: String,
    counter: u32,
    /// False: the phone skipped its screen lock (only presence shown).
    pub verify_user: bool,
}

fn b64(v: &Value, pointer: &str) -> Vec<u8> {
    let s = v
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} missing in {v}"));
    B64.decode(s.trim_end_matches('='))
        .unwrap_or_else(|e| panic!("{pointer}: {e}"))
}

fn client_data(kind: &str, challenge: &[u8], origin: &str) -> Vec<u8> {
    json!({
        "type": kind,
        "challenge": B64.encode(challenge),
        "origin": origin,
        "crossOrigin": false,
    })
    .to_string()
    .into_bytes()
}

/// CBOR head for a byte or text string of `len` bytes (major type 2 or 3).
fn cbor_head(major: u8, len: usize, out: &mut Vec<u8>) {
    let m = major << 5;
    match len {
        0..=23 => out.push(m | len as u8),
        24..=255 => out.extend([m | 24, len as u8]),
        _ => {
            out.push(m | 25);
            out.extend((len as u16).to_be_bytes());
        }
    }
}

fn cbor_text(s: &str, out: &mut Vec<u8>) {
    cbor_head(3, s.len(), out);
    out.extend(s.as_bytes());
}

fn cbor_bytes(b: &[u8], out: &mut Vec<u8>) {
    cbor_head(2, b.len(), out);
    out.extend(b);
}

impl SoftPasskey {
    /// Answers a registration: the server's CreationChallengeResponse as
    /// JSON in, a RegisterPublicKeyCredential as JSON out.
    pub fn register(options: &Value, origin: &str) -> (Self, Value) {
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let key = SigningKey::from_slice(&secret).unwrap();
        let mut cred_id = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut cred_id);
        let rp_id = options["publicKey"]["rp"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let passkey = Self {
            key,
            cred_id,
            user_handle: b64(options, "/publicKey/user/id"),
            rp_id,
            counter: 0,
            verify_user: true,
        };
        let client = client_data(
            "webauthn.create",
            &b64(options, "/publicKey/challenge"),
            origin,
        );

        // authenticatorData: rpIdHash, flags UP|UV|AT, counter, then the
        // attested credential: AAGUID (zeros), id length, id, COSE key.
        let mut auth = Sha256::digest(passkey.rp_id.as_bytes()).to_vec();
        auth.push(0x45);
        auth.extend(0u32.to_be_bytes());
        auth.extend([0u8; 16]);
        auth.extend((passkey.cred_id.len() as u16).to_be_bytes());
        auth.extend(&passkey.cred_id);
        let point = passkey.key.verifying_key().to_encoded_point(false);
        // {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
        auth.extend([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21]);
        cbor_bytes(point.x().unwrap(), &mut auth);
        auth.push(0x22);
        cbor_bytes(point.y().unwrap(), &mut auth);

        // attestationObject: {"fmt": "none", "attStmt": {}, "authData": …}
        let mut att = vec![0xa3];
        cbor_text("fmt", &mut att);
        cbor_text("none", &mut att);
        cbor_text("attStmt", &mut att);
        att.push(0xa0);
        cbor_text("authData", &mut att);
        cbor_bytes(&auth, &mut att);

        let id = B64.encode(&passkey.cred_id);
        let answer = json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "attestationObject": B64.encode(att),
                "clientDataJSON": B64.encode(client),
            },
            "extensions": {},
        });
        (passkey, answer)
    }

    /// Answers a sign-in: RequestChallengeResponse JSON in,
    /// PublicKeyCredential JSON out, with the user handle (discoverable).
    pub fn sign_in(&mut self, options: &Value, origin: &str) -> Value {
        self.sign_in_as(options, origin, &self.user_handle.clone())
    }

    /// The same, claiming another user handle (an attacker's try).
    pub fn sign_in_as(&mut self, options: &Value, origin: &str, handle: &[u8]) -> Value {
        self.counter += 1;
        let client = client_data(
            "webauthn.get",
            &b64(options, "/publicKey/challenge"),
            origin,
        );
        let mut auth = Sha256::digest(self.rp_id.as_bytes()).to_vec();
        auth.push(if self.verify_user { 0x05 } else { 0x01 }); // UP|UV or UP
        auth.extend(self.counter.to_be_bytes());
        let mut signed = auth.clone();
        signed.extend(Sha256::digest(&client));
        let sig: Signature = self.key.sign(&signed);
        let id = B64.encode(&self.cred_id);
        json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "authenticatorData": B64.encode(auth),
                "clientDataJSON": B64.encode(client),
                "signature": B64.encode(sig.to_der()),
                "userHandle": B64.encode(handle),
            },
            "extensions": {},
        })
    }
}

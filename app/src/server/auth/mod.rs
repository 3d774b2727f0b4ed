//! Who someone is: invitations now; passkeys, sessions and the access
//! policy build on them.

/// Declares a secret token: 32 random bytes as hex, stored only as its
/// SHA-256 and never printed, not even by `{:?}` in a log line.
macro_rules! secret_token {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub(crate) fn random() -> Self {
                Self($crate::server::auth::random_token())
            }

            /// A token as the browser sends it: exactly 64 lowercase hex
            /// digits, or nothing.
            pub fn parse(raw: &str) -> Option<Self> {
                $crate::server::auth::is_token(raw).then(|| Self(raw.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The stored form.
            pub fn hash(&self) -> String {
                $crate::server::auth::sha256_hex(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}(…)", stringify!($name))
            }
        }
    };
}

pub mod invitations;
pub mod passkeys;
pub mod sessions;
pub mod sign_up;

/// Lowercase hex: how tokens, their hashes and credential ids are stored.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 random bytes from the operating system, as hex: invitation and
/// session tokens.
fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Whether `raw` can be a token at all: 64 lowercase hex digits.
fn is_token(raw: &str) -> bool {
    raw.len() == 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn sha256_hex(s: &str) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(s.as_bytes()))
}

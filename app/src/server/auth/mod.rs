//! Who someone is: invitations now; passkeys, sessions and the access
//! policy build on them (issue 4).

pub mod invitations;
pub mod passkeys;
pub mod sessions;

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

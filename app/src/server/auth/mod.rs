//! Who someone is: invitations now; passkeys, sessions and the access
//! policy build on them (issue 4).

pub mod invitations;
pub mod passkeys;

/// Lowercase hex: how tokens, their hashes and credential ids are stored.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

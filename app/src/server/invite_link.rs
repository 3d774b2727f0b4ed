//! Handing out an invitation: the one-time link, its QR code (so the
//! invitee can open it on their own phone across the table), and the audit
//! log line. Used by the care manager's and the administrator's pages.

use super::audit::{self, Action, Actor, Entry};
use super::auth::invitations;
use super::db::{Db, DbError};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::time::OccurredAt;

pub struct Issued {
    pub url: String,
    /// The link as an SVG QR code, drawn here (no script, no image files).
    pub qr_svg: String,
    pub expires_at: OccurredAt,
}

/// The link for a token: `{public_url}/invite/{token}`.
pub fn link(public_url: &str, token: &invitations::InviteToken) -> String {
    format!(
        "{}/invite/{}",
        public_url.trim_end_matches('/'),
        token.as_str()
    )
}

/// A QR code of `text` as SVG; empty when it cannot be drawn (the link is
/// shown as text beside it anyway).
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color>()
                .min_dimensions(220, 220)
                .quiet_zone(true)
                .build();
            // Inline in HTML: the XML declaration has no place there.
            match svg.find("<svg") {
                Some(start) => svg[start..].to_string(),
                None => String::new(),
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not draw a QR code");
            String::new()
        }
    }
}

/// Invites `person` (revoking their older links), logged as done by `by`
/// about `recipient`.
pub async fn issue(
    db: &Db,
    person: PersonId,
    by: Actor,
    recipient: Option<RecipientId>,
    public_url: &str,
    now: OccurredAt,
) -> Result<Issued, DbError> {
    let (id, token) = invitations::create(db, person, Some(by.person), now).await?;
    audit::record(
        db,
        Entry {
            at: now,
            actor: Some(by),
            action: Action::Create,
            recipient,
            object_kind: "invitation",
            object_id: Some(id.to_string()),
            classes: &[],
        },
    )
    .await?;
    let url = link(public_url, &token);
    Ok(Issued {
        qr_svg: qr_svg(&url),
        url,
        expires_at: OccurredAt::from_millis(now.millis() + invitations::VALID_MS),
    })
}

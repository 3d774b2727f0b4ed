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
/// about `recipient`. A lost-phone link (`lost_phone`) is logged with whom
/// it is for, so 本人 and family read it in 見た人の記録.
pub async fn issue(
    db: &Db,
    person: PersonId,
    by: Actor,
    recipient: Option<RecipientId>,
    lost_phone: Option<invitations::LostPhone>,
    public_url: &str,
    now: OccurredAt,
) -> Result<Issued, DbError> {
    let (object_kind, object_id, token) = match lost_phone {
        None => {
            let (id, token) = invitations::create(db, person, Some(by.person), now).await?;
            ("invitation", id.to_string(), token)
        }
        Some(why) => {
            let (_, token) =
                invitations::create_lost_phone(db, person, by.person, why, now).await?;
            (audit::LOST_PHONE_LINK, person.to_string(), token)
        }
    };
    audit::record(
        db,
        Entry {
            at: now,
            actor: Some(by),
            action: Action::Create,
            recipient,
            object_kind,
            object_id: Some(object_id),
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

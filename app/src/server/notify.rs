//! E-mail notices that something is new. A notice never says what: no
//! name, no words from a record, comment or wish — only that there is
//! something to read in Yorisoi, and a link to sign in and read it (the
//! address holds no health data either). Sent after the request has been
//! answered; a failure is logged without the address or the content.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::policy::{may_see, Item};
use crate::i18n::{self, Lang};
use crate::server::db::{self, Db, DbError};
use crate::server::state::AppState;

/// The SMTP server and the sender, from the server's settings.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: url::Url,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP settings: {0}")]
    Settings(String),
}

impl Mailer {
    /// `smtp_url`: `smtp://host:port` (`?tls=required` for STARTTLS) or
    /// `smtps://user:password@host`; `from`: the sender's address.
    pub fn new(smtp_url: &str, from: &str, public_url: url::Url) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailError::Settings(e.to_string()))?
            .build();
        let from = from
            .parse()
            .map_err(|_| MailError::Settings(format!("not an e-mail address: {from}")))?;
        Ok(Self {
            transport,
            from,
            public_url,
        })
    }

    /// The notice: the same words for everyone, in plain Japanese.
    pub fn notice(&self, to: Mailbox, path: &str) -> Result<Message, lettre::error::Error> {
        self.message(to, Mail::News, path)
    }

    fn message(
        &self,
        to: Mailbox,
        mail: Mail,
        path: &str,
    ) -> Result<Message, lettre::error::Error> {
        let link = self
            .public_url
            .join(path)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| self.public_url.to_string());
        let (subject, body) = mail.keys();
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(i18n::text(Lang::Ja, subject))
            .header(ContentType::TEXT_PLAIN)
            .body(i18n::text_with(Lang::Ja, body, &[("link", link)]))
    }

    async fn send(&self, to: &str, path: &str) {
        self.send_mail(to, Mail::News, path).await;
    }

    async fn send_mail(&self, to: &str, mail: Mail, path: &str) {
        let Ok(mailbox) = to.parse::<Mailbox>() else {
            tracing::warn!("a stored e-mail address does not parse; notice not sent");
            return;
        };
        let message = match self.message(mailbox, mail, path) {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "notice not built");
                return;
            }
        };
        if let Err(e) = self.transport.send(message).await {
            // lettre's error names the server's reply, not the message.
            tracing::warn!(error = %e, "notice not sent");
        }
    }
}

/// Which of the two mails: news to read, or a new sign-in link made for
/// oneself. Neither names anybody.
#[derive(Debug, Clone, Copy)]
enum Mail {
    News,
    SignInLink,
}

impl Mail {
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Mail::News => ("mail-notice-subject", "mail-notice-body"),
            Mail::SignInLink => ("mail-link-made-subject", "mail-link-made-body"),
        }
    }
}

/// Tells `person` that a new sign-in link was made for them (a lost phone),
/// so a link they did not ask for does not go unnoticed. Who made it is on
/// their account page.
pub fn link_made(state: &AppState, person: PersonId) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        match db::people::emails_of(&db, &[person]).await {
            Ok(addresses) => {
                for to in addresses {
                    mailer.send_mail(&to, Mail::SignInLink, "/account").await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "notice recipients not read"),
        }
    });
}

/// Tells the recipient's care managers (not `writer`) that 本人 or family
/// wrote something. They read it in their inbox.
pub async fn to_team(state: &AppState, recipient: RecipientId, writer: PersonId) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        match care_manager_addresses(&db, recipient, writer).await {
            Ok(addresses) => {
                for to in addresses {
                    mailer.send(&to, "/inbox").await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "notice recipients not read"),
        }
    });
}

/// Tells `people` (本人 or family who wrote in a thread of `recipient`, or
/// whose wish the team acknowledged) that the team answered about `item`;
/// only those whose relationship is live today and who may still see it
/// (a consent can be revoked after someone wrote).
pub async fn to_people(
    state: &AppState,
    recipient: RecipientId,
    item: Item,
    people: Vec<PersonId>,
    writer: PersonId,
) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        let people: Vec<PersonId> = people.into_iter().filter(|p| *p != writer).collect();
        let found = match may_be_told(&db, recipient, item, people).await {
            Ok(people) => db::people::emails_of(&db, &people).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(addresses) => {
                for to in addresses {
                    mailer.send(&to, "/").await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "notice recipients not read"),
        }
    });
}

/// Those of `people` who, today, stand towards `recipient` so that they
/// may see `item`.
pub async fn may_be_told(
    db: &Db,
    recipient: RecipientId,
    item: Item,
    people: Vec<PersonId>,
) -> Result<Vec<PersonId>, DbError> {
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let mut told = Vec::new();
    for person in people {
        let role = db::people::get_person(db, person).await?.role;
        let viewer = crate::server::access::viewer(db, person, role, recipient, today).await?;
        if may_see(viewer, item) {
            told.push(person);
        }
    }
    Ok(told)
}

/// Tells 本人 and the family that something new is there for them (a new
/// care plan). Whether each may see it is decided when they open Yorisoi;
/// the mail itself says nothing but that there is news.
pub async fn to_household(state: &AppState, recipient: RecipientId) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        let today = crate::domain::time::jst_today(chrono::Utc::now());
        let found = match db::team::members(&db, recipient).await {
            Ok(members) => {
                let people: Vec<PersonId> = members
                    .into_iter()
                    .filter(|m| {
                        m.kind != crate::domain::classes::RelationKind::Team && m.live_on(today)
                    })
                    .map(|m| m.person)
                    .collect();
                db::people::emails_of(&db, &people).await
            }
            Err(e) => Err(e),
        };
        match found {
            Ok(addresses) => {
                for to in addresses {
                    mailer.send(&to, "/").await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "notice recipients not read"),
        }
    });
}

async fn care_manager_addresses(
    db: &Db,
    recipient: RecipientId,
    writer: PersonId,
) -> Result<Vec<String>, DbError> {
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let team: Vec<PersonId> = db::team::members(db, recipient)
        .await?
        .into_iter()
        .filter(|m| {
            m.role == crate::domain::classes::Role::CareManager
                && m.live_on(today)
                && m.person != writer
        })
        .map(|m| m.person)
        .collect();
    db::people::emails_of(db, &team).await
}

//! Pieces the pages of the person's and family's voice share: when and by
//! whom something was written, who said 「確認しました」, the button to say
//! it, and the link to a thing's comments.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{t, t_with};
use crate::api::talk::Acknowledge;
use crate::api::wishes::AckNote;
use crate::domain::classes::RelationKind;
use crate::domain::ids::RecipientId;
use crate::domain::talk::Target;
use crate::domain::time::{japanese_date, OccurredAt};

/// 「2026年11月25日(水) 10:00」 in a <time>.
#[component]
pub fn When(at: i64) -> impl IntoView {
    let at = OccurredAt::from_millis(at);
    view! {
        <time datetime=at.to_jst().to_rfc3339()>
            {format!("{} {}", japanese_date(at.jst_date()), at.hhmm())}
        </time>
    }
}

/// 「佐藤 美咲さん(家族)が書きました」: family writing about 本人's wishes
/// always says so.
pub fn written_by(name: &str, relation: RelationKind) -> String {
    let key = match relation {
        RelationKind::SelfPerson => "voice-by-self",
        RelationKind::Family => "voice-by-family",
        RelationKind::Team => "voice-by-team",
    };
    t_with(key, &[("name", name.to_string())])
}

/// 「確認しました: 田中 一郎(11月24日 12:00)」 for each staff member.
#[component]
pub fn AckLines(acks: Vec<AckNote>) -> impl IntoView {
    (!acks.is_empty()).then(|| {
        view! {
            <ul class="acks">
                {acks
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li class="ack">
                                <span class="ack-mark" aria-hidden="true">"✓ "</span>
                                {t_with("voice-acked-by", &[("name", a.name)])} " "
                                <When at=a.at />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The team's one-tap 「確認しました」.
#[component]
pub fn AckButton(recipient: RecipientId, kind: &'static str, object: String) -> impl IntoView {
    let action = ServerAction::<Acknowledge>::new();
    view! {
        <ActionForm action=action attr:class="ack-form">
            <input type="hidden" name="recipient" value=recipient.to_string() />
            <input type="hidden" name="kind" value=kind />
            <input type="hidden" name="object" value=object />
            <button type="submit" class="primary">{t("voice-ack")}</button>
        </ActionForm>
    }
}

/// 「コメント 2件(新しい 1件)」 or 「コメントを書く」.
#[component]
pub fn TalkLink(
    recipient: RecipientId,
    target: Target,
    count: usize,
    unread: usize,
) -> impl IntoView {
    let href = format!("/r/{recipient}/talk/{}/{}", target.kind.code(), target.id);
    let text = if count == 0 {
        t("talk-link-write")
    } else {
        t_with("talk-link-count", &[("count", count.to_string())])
    };
    view! {
        <a class="talk-link" href=href>
            {text}
            {(unread > 0).then(|| view! { " " <span class="unread">{t_with("talk-unread", &[("count", unread.to_string())])}</span> })}
        </a>
    }
}

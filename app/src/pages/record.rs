//! `/r/:id/records/:record`: one record with every earlier version of its
//! wording (a correction never erases: 真正性), and — for the staff member
//! who wrote it — the form to correct it.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::records::{one_record, CorrectRecord, RecordWithHistory};
use crate::components::record_card::RecordCard;
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::records::RecordNote;
use crate::domain::time::japanese_date;
use crate::islands::counted_text::{counter_words, CountedText};

#[component]
pub fn RecordPage() -> impl IntoView {
    let params = use_params_map();
    let correct = ServerAction::<CorrectRecord>::new();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("record").unwrap_or_default(),
            )
        },
        |(recipient, record)| one_record(recipient, record),
    );
    view! {
        {move || correct.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(one) => record_view(one, correct).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn record_view(one: RecordWithHistory, correct: ServerAction<CorrectRecord>) -> impl IntoView {
    let id = one.recipient.id;
    let name = one.recipient.name.clone();
    let record_id = one.record.record.id;
    let note = one.record.record.note.clone();
    let earlier = one.revisions;
    let empty = earlier.is_empty();
    view! {
        <leptos_meta::Title text=t_with("record-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("record-heading")}</h1>
        <Done of=CorrectRecord::PATH text=t("record-corrected-saved") />
        <RecordCard item=one.record />
        <section class="card revisions">
            <h2>{t("record-earlier-heading")}</h2>
            {empty.then(|| view! { <p class="empty">{t("record-no-earlier")}</p> })}
            <ol class="revision-list">
                {earlier
                    .into_iter()
                    .map(|r| {
                        let when = |at: crate::domain::time::OccurredAt| {
                            format!("{} {}", japanese_date(at.jst_date()), at.hhmm())
                        };
                        view! {
                            <li class="revision">
                                <p class="original-text" lang="ja">{r.note}</p>
                                <p class="original-meta">
                                    {t_with(
                                        "record-revision-meta",
                                        &[
                                            ("written_by", r.written_by_name),
                                            ("written_at", when(r.written_at)),
                                            ("replaced_by", r.replaced_by_name),
                                            ("replaced_at", when(r.replaced_at)),
                                        ],
                                    )}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        {one.may_correct.then(|| view! {
            <section class="card">
                <h2>{t("record-correct")}</h2>
                <p class="hint">{t("record-correct-hint")}</p>
                <ActionForm action=correct>
                    <input type="hidden" name="recipient" value=id.to_string() />
                    <input type="hidden" name="record" value=record_id.to_string() />
                    <label for="record-note">{t("field-note")}</label>
                    <CountedText
                        id="record-note".to_string()
                        name="note".to_string()
                        max=RecordNote::MAX
                        value=note
                        rows=5
                        required=false
                        words=counter_words()
                    />
                    <button type="submit" class="primary">{t("record-correct-save")}</button>
                </ActionForm>
            </section>
        })}
        <p class="back"><a href=format!("/r/{id}/records")>{t("record-back")}</a></p>
    }
}

//! `GET /admin/audit-log.csv`: an administrator downloads the audit log of
//! their 事業所 (who did what to whose information, when, from which
//! session) as CSV for Excel. The export itself is logged.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use app::domain::classes::Role;
use app::domain::time::OccurredAt;
use app::i18n::{self, Lang};
use app::server::audit::{self, Action, Actor, Entry, Line};
use app::server::state::AppState;

use crate::downloads::{refuse, signed_in};

pub async fn audit_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let me = match signed_in(&state, &headers, now).await {
        Ok(me) => me,
        Err(refusal) => return refusal,
    };
    if me.role != Role::ProviderAdmin {
        return refuse(StatusCode::FORBIDDEN, "admin-only");
    }
    let lines = match audit::for_admin(&state.db, me.person).await {
        Ok(lines) => lines,
        Err(e) => {
            tracing::error!(error = %e, "audit export failed");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "error-server");
        }
    };
    let logged = audit::record(
        &state.db,
        Entry {
            at: now,
            actor: Some(Actor::from(&me)),
            action: Action::Read,
            recipient: None,
            object_kind: "audit_export",
            object_id: None,
            classes: &[],
        },
    )
    .await;
    if let Err(e) = logged {
        tracing::error!(error = %e, "audit export: could not log the export");
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "error-server");
    }
    let mut resp = to_csv(&lines).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"yorisoi-audit-log.csv\""),
    );
    resp
}

/// The log as CSV: a BOM so Excel reads UTF-8, one header row, a row per
/// line, oldest first.
pub fn to_csv(lines: &[Line]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("日時,操作した人,役割,操作,利用者,対象,対象のID,情報の種類,セッション\r\n");
    for l in lines {
        let role = l
            .actor_role
            .map(|r| i18n::text(Lang::Ja, r.label_key()))
            .unwrap_or_default();
        let classes: Vec<String> = l
            .classes
            .iter()
            .map(|c| i18n::text(Lang::Ja, c.label_key()))
            .collect();
        let fields = [
            l.at.to_jst().format("%Y-%m-%d %H:%M:%S").to_string(),
            l.actor_name.clone().unwrap_or_else(|| "(サーバー)".into()),
            role,
            l.action.code().to_string(),
            l.recipient_name.clone().unwrap_or_default(),
            l.object_kind.clone(),
            l.object_id.clone().unwrap_or_default(),
            classes.join("・"),
            l.session.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: quoted when it must be, and never read by a spreadsheet
/// as a formula (a name typed as `=HYPERLINK(…)`).
fn cell(raw: &str) -> String {
    let text = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("田中 里美"), "田中 里美");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
    }
}

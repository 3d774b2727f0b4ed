//! The HTML shell and the routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode, StaticSegment};

use crate::components::account::AccountCorner;
use crate::components::t;
use crate::pages::{
    access_log::AccessLogPage,
    account::AccountPage,
    acp::{AcpEditPage, AcpHistoryPage, AcpPage},
    admin::AdminPage,
    body::BodyPage,
    day::DayPage,
    home::HomePage,
    inbox::InboxPage,
    invite::InvitePage,
    medical::MedicalPage,
    new_recipient::NewRecipientPage,
    not_found::NotFound,
    plan::PlanPage,
    plan_edit::PlanEditPage,
    print::PrintPage,
    reading::ReadingPage,
    record::RecordPage,
    records::RecordsPage,
    sharing::SharingPage,
    sign_in::SignInPage,
    talk::{ThreadPage, ThreadsPage},
    team::TeamPage,
    visit::VisitEntryPage,
    wishes::WishesPage,
};

/// The document around every page (server-rendered).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::headers::set_page_security_headers();
    view! {
        <!DOCTYPE html>
        <html lang="ja">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Addresses never leave Yorisoi; a form posted without JavaScript
                // needs its own page's address to come back to.
                <meta name="referrer" content="same-origin" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/yorisoi.css" />
        <Title text=t("app-name") />
        <Router>
            // Async SSR: the whole page, data included, is in the first
            // HTML response, so it reads without JavaScript and on a slow
            // line before the WASM arrives. The header lives in the layout
            // route, so who is signed in is rendered on the server too.
            <Routes fallback=|| view! { <Layout><NotFound /></Layout> }>
                <ParentRoute path=StaticSegment("") view=|| view! { <Layout><Outlet /></Layout> } ssr=SsrMode::Async>
                    <Route path=StaticSegment("") view=HomePage />
                    <Route path=path!("/r/:id") view=DayPage />
                    <Route path=path!("/r/:id/plan") view=PlanPage />
                    <Route path=path!("/r/:id/plan/edit") view=PlanEditPage />
                    <Route path=path!("/r/:id/records") view=RecordsPage />
                    <Route path=path!("/r/:id/records/:record") view=RecordPage />
                    <Route path=path!("/r/:id/medical") view=MedicalPage />
                    <Route path=path!("/r/:id/body") view=BodyPage />
                    <Route path=path!("/r/:id/print") view=PrintPage />
                    <Route path=path!("/r/:id/who-looked") view=AccessLogPage />
                    <Route path=path!("/r/:id/sharing") view=SharingPage />
                    <Route path=path!("/r/:id/team") view=TeamPage />
                    <Route path=path!("/r/:id/wishes") view=WishesPage />
                    <Route path=path!("/r/:id/visit") view=VisitEntryPage />
                    <Route path=path!("/r/:id/acp") view=AcpPage />
                    <Route path=path!("/r/:id/acp/edit") view=AcpEditPage />
                    <Route path=path!("/r/:id/acp/history") view=AcpHistoryPage />
                    <Route path=path!("/r/:id/talk") view=ThreadsPage />
                    <Route path=path!("/r/:id/talk/:kind/:target") view=ThreadPage />
                    <Route path=path!("/inbox") view=InboxPage />
                    <Route path=path!("/recipients/new") view=NewRecipientPage />
                    <Route path=path!("/admin") view=AdminPage />
                    <Route path=path!("/invite/:token") view=InvitePage />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/reading") view=ReadingPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The site header (name, tagline, who is signed in) above every page.
#[component]
fn Layout(children: Children) -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="site-name" href="/">{t("app-name")}</a>
            <span class="site-tagline">{t("app-tagline")}</span>
            <AccountCorner />
        </header>
        <main class="page">{children()}</main>
    }
}

//! The interactive parts of pages — the only code compiled to WASM (Leptos
//! islands). Everything else is rendered on the server, so a page reads
//! without JavaScript and the first load stays small. Islands get their UI
//! text from the server ([`words::Words`]) and talk to server functions.

pub mod counted_text;
pub mod invitation;
pub mod more_on_scroll;
pub mod passkey;
pub mod print_button;
pub mod read_aloud;
#[cfg(feature = "hydrate")]
mod server_html;
pub mod words;

//! The plain-Japanese quality bars on the demo household's notes, as a
//! family member would read them: nothing unexplained, every hard kanji
//! with its reading, no number lost, short sentences.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::server::plain::report;

#[tokio::test]
async fn the_demo_notes_meet_the_plainness_bars() {
    let t = support::sqlite().await;
    app::server::demo::load_demo(&t.db, chrono::Utc::now())
        .await
        .unwrap();
    let notes: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT note FROM care_records WHERE note <> ''")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    assert!(notes.len() >= 200, "only {} distinct notes", notes.len());
    let engine = support::engine();
    let r = report::build(notes.iter().map(String::as_str), &engine);
    assert_eq!(r.unexplained_terms, 0, "{r:?}");
    assert_eq!(r.lines_losing_digits, 0, "{r:?}");
    assert_eq!(r.kanji_without_reading, 0, "{:?}", r.words_without_reading);
    assert!(r.mean_sentence_chars <= 35.0, "{r:?}");
    assert!(r.mean_kanji_per_sentence <= 13.0, "{r:?}");
    // Most demo notes are ordinary visits the rules know well.
    assert!(r.desu_masu_share >= 0.85, "{r:?}");
}

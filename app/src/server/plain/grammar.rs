//! The grammar step: a staff chunk that no rule understood, but whose last
//! word the analyser can name, gets a です・ます ending — and nothing else
//! changes, so every word and number of the chunk stays.
//!
//! 体言止め in care records means "this was done / this was there":
//! 「シーツ交換」→「シーツ交換しました。」, 「逆流なし」→「逆流はありません
//! でした。」, 「食べこぼし多い」→「食べこぼし多いです。」.

use super::analysis::{Analysis, Word};
use super::furigana::Furigana;
use super::rules::past_polite;

/// サ変 nouns whose doer is usually someone other than the writer (the
/// doctor): 「Dr指示」 must not read as "we instructed".
const NOT_DONE_BY_WRITER: &[&str] = &["指示", "処方", "診断", "往診"];

/// サ変 nouns that name a plan or a state, not a deed: 「受診予定」→
/// 「受診予定です。」, 「自立」 (does it without help) →「自立です。」
const STATE: &[&str] = &["予定", "必要", "希望", "自立"];

/// Signs that are there rather than done: 「仙骨部発赤」→「仙骨部発赤が
/// ありました。」
const SIGNS: &[&str] = &[
    "発赤", "腫脹", "浮腫", "出血", "疼痛", "掻痒", "発熱", "咳嗽",
];

/// Headings staff write before what they saw (「排泄 自立」): alone they
/// say nothing was done.
const HEADINGS: &[&str] = &[
    "排泄",
    "入浴",
    "食事",
    "移動",
    "移乗",
    "更衣",
    "整容",
    "睡眠",
    "服薬",
    "歩行",
    "起居動作",
    "口腔ケア",
    "水分",
    "体調",
    "様子",
];

pub fn sentence(chunk: &str, analyser: &Furigana) -> Option<String> {
    let body = chunk.trim_end_matches('。');
    if body.is_empty() || body.contains(['「', '」', '?', '？']) || HEADINGS.contains(&body) {
        return None;
    }
    // Only a chunk that ends in a Japanese word can end in a noun, verb or
    // adjective (「SpO2:97%(RA)」「お茶150ml」 cannot): skip the analysis.
    let last_char = body.chars().next_back()?;
    if !(super::is_kanji(last_char) || matches!(last_char, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー')) {
        return None;
    }
    let mut analysis = analyser.analyse(body);
    let words = &mut analysis;
    if let Some(x) = body.strip_suffix("なし") {
        return ends_in_noun(x, words).then(|| format!("{x}はありませんでした。"));
    }
    if let Some(x) = body.strip_suffix("あり") {
        return ends_in_noun(x, words).then(|| format!("{x}がありました。"));
    }
    // 「摂取せず」: not done; 「家族へ連絡済」「処置済み」: done; 「入浴可」:
    // can be done — each only after a サ変 noun.
    for (mark, ending) in [
        ("せず", "しませんでした"),
        ("済み", "しました"),
        ("済", "しました"),
        ("可", "できます"),
    ] {
        if let Some(x) = body.strip_suffix(mark) {
            let deed = word_ending_at(x.len(), words).is_some_and(|w| is_suru_noun(&w));
            return deed.then(|| format!("{x}{ending}。"));
        }
    }
    let last = words.word(words.len().checked_sub(1)?)?;
    if last.pos == "名詞" && SIGNS.contains(&last.surface.as_str()) {
        return Some(format!("{body}がありました。"));
    }
    match last.pos.as_str() {
        "名詞" if is_suru_noun(&last) => {
            let w = last.surface.as_str();
            if STATE.contains(&w) {
                Some(format!("{body}です。"))
            } else if NOT_DONE_BY_WRITER.contains(&w) {
                None
            } else {
                Some(format!("{body}しました。"))
            }
        }
        // 「表情穏やか」「顔色良好」「入眠困難」: how it was.
        "名詞" if last.pos_detail == "形容動詞語幹" => Some(format!("{body}でした。")),
        "形容詞" if last.form == "基本形" => Some(format!("{body}です。")),
        // 「水分補給促す」, and 「笑顔見られる」 (見 + られる).
        "動詞" if last.form == "基本形" && matches!(last.pos_detail.as_str(), "自立" | "接尾") => {
            past_polite(body).map(|s| format!("{s}。"))
        }
        _ => None,
    }
}

fn is_suru_noun(w: &Word) -> bool {
    w.pos == "名詞" && w.pos_detail == "サ変接続" && w.surface.chars().count() >= 2
}

/// 「逆流」「腹部膨満感の訴え」 before なし/あり: a noun phrase, so
/// 「がありました」 fits.
fn ends_in_noun(x: &str, words: &mut Analysis<'_>) -> bool {
    if x.is_empty() || x.ends_with(['、', '・', 'に', 'の', 'を', 'は']) {
        return false;
    }
    word_ending_at(x.len(), words).is_some_and(|w| w.pos == "名詞" && w.pos_detail != "数")
}

/// The word that ends exactly at byte `at`: the word before a suffix such
/// as なし or 済. None when a word runs across `at`.
fn word_ending_at(at: usize, words: &mut Analysis<'_>) -> Option<Word> {
    if at == 0 {
        return None;
    }
    let end = |i| words.span(i).map_or(usize::MAX, |(_, e)| e);
    let j = (0..words.len()).rev().find(|&i| end(i) <= at)?;
    if end(j) != at {
        return None;
    }
    words.word(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::plain::test_engine;

    fn s(chunk: &str) -> Option<String> {
        sentence(chunk, test_engine().furigana())
    }

    #[test]
    fn deeds_written_as_nouns_become_past_polite() {
        assert_eq!(s("シーツ交換").as_deref(), Some("シーツ交換しました。"));
        assert_eq!(s("酸素2L開始").as_deref(), Some("酸素2L開始しました。"));
        assert_eq!(
            s("Ns・栄養士と相談").as_deref(),
            Some("Ns・栄養士と相談しました。")
        );
        assert_eq!(
            s("声かけするも摂取せず").as_deref(),
            Some("声かけするも摂取しませんでした。")
        );
    }

    #[test]
    fn presence_and_absence_of_any_noun() {
        assert_eq!(s("逆流なし").as_deref(), Some("逆流はありませんでした。"));
        assert_eq!(
            s("腹部膨満感の訴えあり").as_deref(),
            Some("腹部膨満感の訴えがありました。")
        );
        // A number before なし is not a thing that was there.
        assert_eq!(s("2なし"), None);
    }

    #[test]
    fn plans_adjectives_and_verbs() {
        assert_eq!(s("夕方再検予定").as_deref(), Some("夕方再検予定です。"));
        assert_eq!(s("食べこぼし多い").as_deref(), Some("食べこぼし多いです。"));
        assert_eq!(s("水分補給促す").as_deref(), Some("水分補給促しました。"));
    }

    #[test]
    fn done_can_and_how_it_was() {
        assert_eq!(s("家族へ連絡済").as_deref(), Some("家族へ連絡しました。"));
        assert_eq!(s("処置済み").as_deref(), Some("処置しました。"));
        assert_eq!(s("入浴可").as_deref(), Some("入浴できます。"));
        assert_eq!(
            s("入浴中表情穏やか").as_deref(),
            Some("入浴中表情穏やかでした。")
        );
        assert_eq!(s("顔色不良").as_deref(), Some("顔色不良でした。"));
        assert_eq!(s("笑顔見られる").as_deref(), Some("笑顔見られました。"));
        // 済 after something that is not a deed stays as written.
        assert_eq!(s("返済"), None);
    }

    #[test]
    fn signs_states_and_headings() {
        assert_eq!(s("仙骨部発赤").as_deref(), Some("仙骨部発赤がありました。"));
        assert_eq!(s("自立").as_deref(), Some("自立です。"));
        // 「排泄 自立」: the heading alone does not say it was done.
        assert_eq!(s("排泄"), None);
    }

    #[test]
    fn unsure_chunks_stay_as_written() {
        // The doctor instructed; "しました" would say the writer did.
        assert_eq!(s("Dr指示"), None);
        assert_eq!(s("本人「痛い」と訴え"), None);
        assert_eq!(s("SpO2:97%(RA)"), None);
        assert_eq!(s("ミキサー食"), None);
    }
}

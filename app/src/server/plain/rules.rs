//! Chunk rules: one staff chunk (「主食8割摂取」「BT36.8」「仙骨部発赤あり」)
//! becomes one short です・ます sentence. A rule either understands the
//! whole chunk or declines; the engine then keeps the staff's words.

use super::glossary::Glossary;

/// A meal label that opens the next meal sentence (「朝食 主食8割」).
pub fn meal_label(chunk: &str) -> Option<&'static str> {
    match chunk {
        "朝食" => Some("朝ごはん"),
        "昼食" => Some("昼ごはん"),
        "夕食" => Some("夕ごはん"),
        "間食" | "おやつ" => Some("おやつ"),
        _ => None,
    }
}

/// Whole chunks with one fixed meaning. Plain wording avoids 異常 and
/// onomatopoeia (rules in plain-japanese.md).
const FIXED: &[(&str, &str)] = &[
    ("特変なし", "特に変わったことはありませんでした。"),
    ("著変なし", "特に変わったことはありませんでした。"),
    ("全量摂取", "全部食べました。"),
    ("夜間良眠", "夜はよく眠れました。"),
    ("良眠", "よく眠れました。"),
    ("臥床傾向", "ベッドで横になっていることが多かったです。"),
    ("傾眠傾向", "眠そうにしていることが多かったです。"),
    ("傾眠傾向あり", "眠そうにしていることが多かったです。"),
    ("声掛けにて覚醒", "声をかけると、目をさましました。"),
    ("残薬なし", "飲み残しのくすりはありませんでした。"),
    ("服薬介助", "くすりを飲むのを手伝いました。"),
    ("服薬確認", "くすりを飲んだことを確かめました。"),
    ("義歯洗浄", "入れ歯を洗いました。"),
    ("口腔ケア実施", "口の中をきれいにしました。"),
    ("清拭実施", "からだをふきました。"),
    ("表情穏やか", "おだやかな表情でした。"),
    ("笑顔あり", "笑顔が見られました。"),
    (
        "皮膚状態異常なし",
        "皮ふの様子は、いつもと変わりませんでした。",
    ),
    ("嚥下状態良好", "飲み込みはよかったです。"),
    ("むせ込みなし", "むせることはありませんでした。"),
    ("ふらつきなし", "ふらつきはありませんでした。"),
    (
        "P-トイレにて排尿あり",
        "ポータブルトイレでおしっこをしました。",
    ),
    (
        "P-トイレにて排便あり",
        "ポータブルトイレでうんちをしました。",
    ),
    ("トイレにて排尿あり", "トイレでおしっこをしました。"),
    ("トイレにて排便あり", "トイレでうんちをしました。"),
    ("排便(+)", "うんちが出ました。"),
    ("排便(-)", "うんちは出ませんでした。"),
    ("排尿(+)", "おしっこが出ました。"),
    ("自力摂取", "自分で食べました。"),
    ("見守りにて実施", "そばで見守りながら行いました。"),
    ("長女より電話あり", "長女から電話がありました。"),
    ("長男より電話あり", "長男から電話がありました。"),
    ("長男来訪中", "長男が来ていました。"),
    ("長女来訪中", "長女が来ていました。"),
    ("声掛けにて摂取進む", "声をかけると、食べ進みました。"),
    ("会話後摂取", "話をしたあと、食べました。"),
    ("食後ソファにて休息", "食事のあと、ソファで休みました。"),
    ("ソファにて休息", "ソファで休みました。"),
    ("保湿剤塗布", "はだをしっとりさせる薬をぬりました。"),
    ("食事中傾眠あり", "食事の途中で、眠そうにしていました。"),
    (
        "声掛けにて覚醒し摂取再開",
        "声をかけると目をさまし、また食べ始めました。",
    ),
    ("室内歩行器使用", "家の中では歩行器を使いました。"),
    ("一般浴", "ふつうのおふろに入りました。"),
    ("シャワー浴", "シャワーをあびました。"),
    ("下肢浮腫なし", "足のむくみはありませんでした。"),
    ("下肢乾燥あり", "足の皮ふがかわいていました。"),
    ("洗髪実施", "髪を洗いました。"),
    ("穏やかに過ごされる", "おだやかに過ごしました。"),
    ("他利用者と談笑", "ほかの利用者さんと楽しく話しました。"),
    (
        "他利用者と談笑しながら自力摂取",
        "ほかの利用者さんと楽しく話しながら、自分で食べました。",
    ),
    ("水分摂取促す", "水分をとるよう、すすめました。"),
    ("血圧やや高め", "血圧は少し高めでした。"),
    ("とろみ付与にて摂取", "とろみをつけて飲みました。"),
    ("W/C移乗", "車いすに乗り移りました。"),
    ("本人笑顔で会話", "本人は笑顔で話していました。"),
];

/// Who staff report to, as the family would say it.
const PEOPLE: &[(&str, &str)] = &[
    ("Ns", "看護師"),
    ("CM", "ケアマネジャー"),
    ("Dr", "医師"),
    ("HH", "ヘルパー"),
    ("主治医", "主治医"),
    ("長女", "長女"),
    ("長男", "長男"),
    ("家族", "家族"),
];

/// The sentence for `chunk`, or None when no rule understands all of it.
pub fn sentence(chunk: &str, g: &Glossary) -> Option<String> {
    if let Some((_, s)) = FIXED.iter().find(|(k, _)| *k == chunk) {
        return Some((*s).to_string());
    }
    vital(chunk)
        .or_else(|| quote(chunk))
        .or_else(|| meal(chunk))
        .or_else(|| lying_down(chunk))
        .or_else(|| reported(chunk))
        .or_else(|| presence(chunk, g))
        .or_else(|| done(chunk, g))
}

/// 「洗髪実施」→ 洗髪 = 「髪を洗うこと」→「髪を洗いました。」;
/// 「更衣実施」→ 更衣 = 「着替え」→「着替えをしました。」
fn done(chunk: &str, g: &Glossary) -> Option<String> {
    let x = chunk
        .strip_suffix("実施")
        .or_else(|| chunk.strip_suffix("施行"))?;
    let term = g.get(x)?;
    // 「Ns実施」: the nurse did it; a person (or an abbreviation such as
    // BS, a measured value) is not a deed.
    use super::glossary::Category;
    if matches!(term.category, Category::Profession | Category::Abbreviation) {
        return None;
    }
    let plain = term.plain.as_str();
    match plain.strip_suffix("こと") {
        Some(verb_phrase) => past_polite(verb_phrase).map(|s| format!("{s}。")),
        None => Some(format!("{plain}をしました。")),
    }
}

const LOOKS_ICHIDAN_BUT_GODAN: &[&str] = &[
    "帰る",
    "入る",
    "切る",
    "走る",
    "知る",
    "要る",
    "減る",
    "滑る",
    "握る",
    "蹴る",
    "焦る",
    "限る",
    "散る",
    "混じる",
    "練る",
    "照る",
    "しゃべる",
    "ねじる",
    "いじる",
    "はいる",
];

/// The polite past of a phrase ending in a plain verb: 洗う → 洗いました,
/// 変える → 変えました, 吸い取る → 吸い取りました. None when unsure.
pub fn past_polite(phrase: &str) -> Option<String> {
    if let Some(stem) = phrase.strip_suffix("する") {
        return Some(format!("{stem}しました"));
    }
    let last = phrase.chars().next_back()?;
    let stem = &phrase[..phrase.len() - last.len_utf8()];
    let before = stem.chars().next_back()?;
    let i_form = match last {
        'う' => 'い',
        'く' => 'き',
        'ぐ' => 'ぎ',
        'す' => 'し',
        'つ' => 'ち',
        'ぬ' => 'に',
        'ぶ' => 'び',
        'む' => 'み',
        'る' => {
            // e-row or i-row kana before る: ichidan (変える, 見る), drop る —
            // except the godan verbs that only look so (入る → 入りました).
            let godan = LOOKS_ICHIDAN_BUT_GODAN.iter().any(|g| phrase.ends_with(g));
            if !godan && "えけげせぜてでねへべぺめれいきぎしじちにひびぴみり".contains(before)
            {
                return Some(format!("{stem}ました"));
            }
            'り'
        }
        _ => return None,
    };
    Some(format!("{stem}{i_form}ました"))
}

/// Leading number "36.8" or "152": (number, rest).
fn number(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (c == '.' && i > 0)))
        .map_or(s.len(), |(i, _)| i);
    let n = s[..end].trim_end_matches('.');
    (!n.is_empty()).then(|| (n, &s[n.len()..]))
}

fn vital(chunk: &str) -> Option<String> {
    if let Some(rest) = chunk.strip_prefix("SpO2") {
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let (n, tail) = number(rest)?;
        return matches!(tail, "" | "%").then(|| format!("血液の中の酸素(SpO2)は{n}%でした。"));
    }
    for abbr in ["BT", "KT"] {
        if let Some(rest) = chunk.strip_prefix(abbr) {
            let (n, tail) = number(rest)?;
            return matches!(tail, "" | "℃" | "度").then(|| format!("体温は{n}度でした。"));
        }
    }
    if let Some(rest) = chunk.strip_prefix("BP") {
        let (up, tail) = number(rest)?;
        let (low, tail) = number(tail.strip_prefix('/')?)?;
        return matches!(tail, "" | "mmHg").then(|| format!("血圧は、上が{up}、下が{low}でした。"));
    }
    for abbr in ["HR", "P"] {
        if let Some(rest) = chunk.strip_prefix(abbr) {
            let (n, tail) = number(rest)?;
            return matches!(tail, "" | "回" | "回/分")
                .then(|| format!("脈拍は1分間に{n}回でした。"));
        }
    }
    for abbr in ["RR", "R"] {
        if let Some(rest) = chunk.strip_prefix(abbr) {
            let (n, tail) = number(rest)?;
            return matches!(tail, "" | "回" | "回/分")
                .then(|| format!("呼吸は1分間に{n}回でした。"));
        }
    }
    None
}

fn meal(chunk: &str) -> Option<String> {
    for (word, plain) in [("主食", "ごはん(主食)"), ("副食", "おかず(副食)")] {
        if let Some(rest) = chunk.strip_prefix(word) {
            let (n, tail) = number(rest)?;
            let tail = tail.strip_prefix('割')?;
            return matches!(tail, "" | "摂取").then(|| format!("{plain}を{n}割食べました。"));
        }
    }
    if let Some(rest) = chunk.strip_prefix("水分") {
        let (n, tail) = number(rest)?;
        let tail = tail
            .strip_prefix("ml")
            .or_else(|| tail.strip_prefix("mL"))
            .or_else(|| tail.strip_prefix("cc"))?;
        return matches!(tail, "" | "摂取").then(|| format!("水分を{n}ml飲みました。"));
    }
    None
}

/// 「21時臥床」→「21時にベッドで横になりました。」
fn lying_down(chunk: &str) -> Option<String> {
    let (h, tail) = number(chunk)?;
    let tail = tail.strip_prefix('時')?;
    let (m, tail) = match number(tail) {
        Some((m, t)) => (Some(m), t.strip_prefix('分')?),
        None => (None, tail),
    };
    let at = match m {
        Some(m) => format!("{h}時{m}分"),
        None => format!("{h}時"),
    };
    match tail {
        "臥床" => Some(format!("{at}にベッドで横になりました。")),
        "起床" => Some(format!("{at}に起きました。")),
        "入眠" => Some(format!("{at}にねむりました。")),
        _ => None,
    }
}

/// 「Ns報告済」「CMへ連絡」「Ns・CMへ報告済」
fn reported(chunk: &str) -> Option<String> {
    let (who, verb) = [
        ("へ報告済", "報告しました"),
        ("報告済", "報告しました"),
        ("へ報告", "報告しました"),
        ("へ連絡", "連絡しました"),
        ("に連絡", "連絡しました"),
    ]
    .iter()
    .find_map(|(suffix, verb)| chunk.strip_suffix(suffix).map(|w| (w, *verb)))?;
    let names = who
        .split('・')
        .map(|w| PEOPLE.iter().find(|(k, _)| *k == w).map(|(_, p)| *p))
        .collect::<Option<Vec<_>>>()?;
    Some(format!("{}に{verb}。", names.join("と")))
}

/// The person's own words, kept exactly: 「「おいしい」と本人より」→
/// 「本人が「おいしい」と話しました。」
fn quote(chunk: &str) -> Option<String> {
    let inner_end = chunk.rfind('」')?;
    if !chunk.starts_with('「') {
        return None;
    }
    let quoted = &chunk[..inner_end + '」'.len_utf8()];
    match &chunk[quoted.len()..] {
        "と本人より" | "と本人" => Some(format!("本人が{quoted}と話しました。")),
        "と笑顔あり" => Some(format!("{quoted}と笑顔で話しました。")),
        _ => None,
    }
}

/// 「Xあり」「Xなし」「X(+)」 where X is one glossary term.
fn presence(chunk: &str, g: &Glossary) -> Option<String> {
    let (x, there) = if let Some(x) = chunk.strip_suffix("あり") {
        (x, true)
    } else if let Some(x) = chunk.strip_suffix("(+)") {
        (x, true)
    } else if let Some(x) = chunk.strip_suffix("なし") {
        (x, false)
    } else if let Some(x) = chunk.strip_suffix("(-)") {
        (x, false)
    } else {
        return None;
    };
    let plain = match g.get(x) {
        Some(term) => term.plain.clone(),
        None => two_terms(x, g)?,
    };
    Some(if there {
        format!("{plain}がありました。")
    } else {
        format!("{plain}はありませんでした。")
    })
}

/// 「仙骨部発赤」 = 仙骨部 + 発赤 → 「おしりの上のほうの皮ふが赤くなること」:
/// a place and what is there, both from the glossary, nothing left over.
fn two_terms(x: &str, g: &Glossary) -> Option<String> {
    let first = g.longest_match_at(x, 0)?;
    let rest = &x[first.term.len()..];
    let second = g.get(rest)?;
    Some(format!("{}の{}", first.plain, second.plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_take_the_polite_past() {
        assert_eq!(past_polite("髪を洗う").as_deref(), Some("髪を洗いました"));
        assert_eq!(
            past_polite("体の向きを変える").as_deref(),
            Some("体の向きを変えました")
        );
        assert_eq!(
            past_polite("たんを吸い取る").as_deref(),
            Some("たんを吸い取りました")
        );
        assert_eq!(
            past_polite("体を冷やす").as_deref(),
            Some("体を冷やしました")
        );
        assert_eq!(
            past_polite("指で便をかき出す").as_deref(),
            Some("指で便をかき出しました")
        );
        assert_eq!(past_polite("運動する").as_deref(), Some("運動しました"));
        assert_eq!(past_polite("足湯"), None);
    }

    #[test]
    fn godan_verbs_that_look_ichidan_are_conjugated_right() {
        assert_eq!(
            past_polite("食べ物などが気管に入る").as_deref(),
            Some("食べ物などが気管に入りました")
        );
        assert_eq!(past_polite("家に帰る").as_deref(), Some("家に帰りました"));
    }

    #[test]
    fn numbers_are_read_whole() {
        assert_eq!(number("36.8度"), Some(("36.8", "度")));
        assert_eq!(number("152/88"), Some(("152", "/88")));
        assert_eq!(number("8."), Some(("8", ".")));
        assert_eq!(number("割"), None);
    }

    #[test]
    fn vitals_become_sentences() {
        assert_eq!(vital("BT36.8").as_deref(), Some("体温は36.8度でした。"));
        assert_eq!(
            vital("BP152/88").as_deref(),
            Some("血圧は、上が152、下が88でした。")
        );
        assert_eq!(vital("P72").as_deref(), Some("脈拍は1分間に72回でした。"));
        assert_eq!(
            vital("SpO2:96%").as_deref(),
            Some("血液の中の酸素(SpO2)は96%でした。")
        );
        // Something more than a reading: not this rule's to guess.
        assert_eq!(vital("BT37.6の報告あり"), None);
        assert_eq!(vital("P-トイレ"), None);
    }
}

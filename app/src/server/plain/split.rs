//! Long sentences are split where Japanese itself turns: 「…が不安だが、
//! …行きたいです。」 becomes 「…が不安です。でも、…行きたいです。」. Only
//! the contrast 「だが・ですが・ますが、」 is cut, because there the first
//! half can end politely without knowing its tense; every word is kept.

/// Sentences shorter than this (in characters) are left whole.
pub const LONG: usize = 30;

/// Where a contrast can end the first sentence, and how it ends then.
const TURNS: &[(&str, &str)] = &[
    ("だが、", "です。"),
    ("ですが、", "です。"),
    ("ますが、", "ます。"),
];

/// Splits one sentence (with or without its final 。) at each contrast
/// while it is long; the second half begins with 「でも、」.
pub fn split_long(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while rest.chars().count() >= LONG {
        let Some((at, turn, end)) = TURNS
            .iter()
            .filter_map(|(t, e)| rest.find(t).map(|i| (i, *t, *e)))
            .min_by_key(|(i, _, _)| *i)
        else {
            break;
        };
        let (head, tail) = (&rest[..at], &rest[at + turn.len()..]);
        // Both halves must say something, and not inside 「…」 or (…).
        let open =
            head.matches(['「', '(', '（']).count() > head.matches(['」', ')', '）']).count();
        if head.chars().count() < 4 || tail.chars().count() < 4 || open {
            break;
        }
        out.push_str(head);
        out.push_str(end);
        out.push_str("でも、");
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_contrast_becomes_two_sentences() {
        assert_eq!(
            split_long("足腰が弱くなり転倒が不安だが、家の中を安全に移動し、トイレには自分で行きたいです。"),
            "足腰が弱くなり転倒が不安です。でも、家の中を安全に移動し、トイレには自分で行きたいです。"
        );
        assert_eq!(
            split_long(
                "毎日の散歩を楽しみにしていますが、最近は足が痛くて休みがちになっています。"
            ),
            "毎日の散歩を楽しみにしています。でも、最近は足が痛くて休みがちになっています。"
        );
    }

    #[test]
    fn short_quoted_or_turnless_sentences_stay_whole() {
        let short = "不安だが、行きたいです。";
        assert_eq!(split_long(short), short);
        let quoted = "本人は「痛いのはいやだが、がまんする」と何度も話していて、今日も同じでした。";
        assert_eq!(split_long(quoted), quoted);
        let plain = "住み慣れたこの家で、できるだけ長く暮らしたいと本人も家族も話しています。";
        assert_eq!(split_long(plain), plain);
    }
}

//! Text as staff type it, made regular before any rule looks at it:
//! full-width letters and digits (ＢＰ１５２／８８) become ASCII, control
//! characters become spaces, runs of spaces become one, and a vital-sign
//! abbreviation is joined to its number (「BT 36.8」→「BT36.8」,
//! 「SpO2 96%」→「SpO2:96%」) so the pair is one chunk.

/// Abbreviations that staff write before a number, sometimes with a space.
const JOIN_BEFORE_NUMBER: &[&str] = &["SpO2", "BT", "KT", "BP", "HR", "RR", "P", "R", "BS"];

pub fn normalize(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut last_space = true;
    for c in source.chars() {
        let c = match c {
            // Full-width ASCII block maps 1:1 onto ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    let trimmed = out.trim_end().to_string();
    join_abbreviation_numbers(&trimmed)
}

/// 「SpO2 96%」 and 「BT 36.8」 are one measurement: drop the space.
fn join_abbreviation_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find(' ') {
        let (head, tail) = rest.split_at(pos);
        out.push_str(head);
        let after = &tail[1..];
        let joined = JOIN_BEFORE_NUMBER
            .iter()
            .find(|a| head.ends_with(*a) && word_start(head, a.len()))
            .filter(|_| after.starts_with(|c: char| c.is_ascii_digit()));
        match joined {
            // 「SpO2 96」 must not become 「SpO296」: a digit would merge.
            Some(a) if a.ends_with(|c: char| c.is_ascii_digit()) => out.push(':'),
            Some(_) => {}
            None => out.push(' '),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// True when the abbreviation at the end of `head` is a whole word.
fn word_start(head: &str, len: usize) -> bool {
    head[..head.len() - len]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_is_made_ascii() {
        assert_eq!(normalize("ＢＰ１５２／８８"), "BP152/88");
    }

    #[test]
    fn spaces_and_controls_collapse() {
        assert_eq!(
            normalize("  主食8割\t\u{0007}副食7割　 水分200ml \n"),
            "主食8割 副食7割 水分200ml"
        );
    }

    #[test]
    fn vital_abbreviations_join_their_numbers() {
        assert_eq!(normalize("SpO2 96% BT 36.8"), "SpO2:96% BT36.8");
        // Not inside another word.
        assert_eq!(normalize("RSST 3回"), "RSST 3回");
    }
}

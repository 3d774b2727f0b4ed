//! Text from the files care software writes. The ケアプラン標準仕様 CSV is
//! Shift_JIS as Windows writes it (MS932, which encoding_rs's SHIFT_JIS
//! decodes). A byte that is not Shift_JIS refuses the whole file, with the
//! line it is on; a file saved as UTF-8 by mistake is named as such, since
//! reading it as Shift_JIS would import mojibake without a single error.

/// Why a file's bytes are not text we can import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingProblem {
    /// The file is UTF-8 (with Japanese in it): saved in the wrong code.
    Utf8Instead,
    /// A byte sequence that is not Shift_JIS, on this line (from 1).
    NotShiftJis { line: usize },
}

impl EncodingProblem {
    /// The Fluent key of the message a person reads.
    pub fn message_key(&self) -> &'static str {
        match self {
            EncodingProblem::Utf8Instead => "import-error-utf8",
            EncodingProblem::NotShiftJis { .. } => "import-error-not-sjis",
        }
    }
}

/// Decodes a whole file. ASCII-only files are the same in both codes and
/// pass; a DOS end-of-file mark (0x1A) at the very end is dropped.
pub fn decode_ms932(bytes: &[u8]) -> Result<String, EncodingProblem> {
    let bytes = bytes.strip_suffix(&[0x1a]).unwrap_or(bytes);
    let utf8_bom = bytes.starts_with(&[0xef, 0xbb, 0xbf]);
    if utf8_bom || (!bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()) {
        return Err(EncodingProblem::Utf8Instead);
    }
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            // `read` ends just after the malformed sequence.
            let at = read.saturating_sub(usize::from(bad));
            let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
            Err(EncodingProblem::NotShiftJis { line })
        }
        // The string was sized for the worst case; reaching here means a
        // bug in that estimate, not a bad file.
        encoding_rs::DecoderResult::OutputFull => Err(EncodingProblem::NotShiftJis { line: 1 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sjis(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn shift_jis_files_decode_to_the_same_text() {
        let text = "1,131011,0000012345,20261101,山本　ハナ,ﾔﾏﾓﾄ ﾊﾅ,～①髙\r\n";
        assert_eq!(decode_ms932(&sjis(text)).unwrap(), text);
        let mut with_eof = sjis("a,b\r\n");
        with_eof.push(0x1a);
        assert_eq!(decode_ms932(&with_eof).unwrap(), "a,b\r\n");
    }

    #[test]
    fn a_utf8_file_is_named_as_such() {
        assert_eq!(
            decode_ms932("1,山本 ハナ\n".as_bytes()),
            Err(EncodingProblem::Utf8Instead)
        );
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(b"1,2\n");
        assert_eq!(decode_ms932(&bom), Err(EncodingProblem::Utf8Instead));
        // Plain ASCII is the same in both codes.
        assert_eq!(decode_ms932(b"1,2\n").unwrap(), "1,2\n");
    }

    #[test]
    fn a_broken_byte_is_refused_with_its_line() {
        let mut bytes = sjis("1,山本\r\n2,佐藤\r\n");
        // A lead byte with no valid trail byte on the third line.
        bytes.extend_from_slice(&[b'3', b',', 0x81, b'\r', b'\n']);
        assert_eq!(
            decode_ms932(&bytes),
            Err(EncodingProblem::NotShiftJis { line: 3 })
        );
        // A truncated file: the last character cut in half.
        let mut cut = sjis("1,山本");
        cut.pop();
        assert_eq!(
            decode_ms932(&cut),
            Err(EncodingProblem::NotShiftJis { line: 1 })
        );
    }
}

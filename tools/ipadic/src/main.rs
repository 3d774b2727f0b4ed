//! Builds lindera's binary IPADIC dictionary from the mecab-ipadic source
//! files (already converted to UTF-8 by `server/scripts/ipadic.sh`).
//!
//! Usage: `yorisoi-ipadic SRC_DIR DEST_DIR`
//!
//! The crates that bundle IPADIC download it while building, which cannot
//! work offline; Debian's `mecab-ipadic` package has the same sources.

use std::path::PathBuf;
use std::process::ExitCode;

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::dictionary::schema::Schema;

/// IPADIC's CSV columns, in file order. The user dictionary (our glossary)
/// gives only a surface, a part of speech and a reading.
fn ipadic_metadata() -> Metadata {
    let fields = |names: &[&str]| Schema::new(names.iter().map(|n| n.to_string()).collect());
    Metadata::new(
        "ipadic".to_string(),
        "UTF-8".to_string(),
        // A user word costs far less than any IPADIC word, so a care word
        // such as 褥瘡 is never split into guesses.
        -10000,
        0,
        0,
        "*".to_string(),
        true,
        false,
        true,
        fields(&[
            "surface",
            "left_context_id",
            "right_context_id",
            "cost",
            "part_of_speech",
            "part_of_speech_subcategory_1",
            "part_of_speech_subcategory_2",
            "part_of_speech_subcategory_3",
            "conjugation_form",
            "conjugation_type",
            "base_form",
            "reading",
            "pronunciation",
        ]),
        fields(&["surface", "part_of_speech", "reading"]),
    )
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [src, dest] = args.as_slice() else {
        eprintln!("usage: yorisoi-ipadic SRC_DIR DEST_DIR");
        return ExitCode::from(2);
    };
    match DictionaryBuilder::new(ipadic_metadata()).build_dictionary(src, dest) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("building the dictionary from {} failed: {e}", src.display());
            ExitCode::FAILURE
        }
    }
}

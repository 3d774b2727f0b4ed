//! Any bytes, split into up to three files named like a CSV set: the
//! parser answers with a set or with problems, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["利用者補足情報.csv", "第1表.csv", "第2表.csv"];

fuzz_target!(|data: &[u8]| {
    // The first byte says how many files; 0xFF separates them.
    let (count, rest) = match data.split_first() {
        Some((c, rest)) => (usize::from(*c % 3) + 1, rest),
        None => (1, data),
    };
    let files: Vec<(String, Vec<u8>)> = rest
        .splitn(count, |b| *b == 0xff)
        .zip(NAMES)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    let _ = app::server::import::careplan_csv::parse_set(&files);
});

//! Imports from care software (issue 7). Started with the encoding layer:
//! the ケアプラン標準仕様 CSV files arrive in Shift_JIS (MS932).

pub mod encoding;

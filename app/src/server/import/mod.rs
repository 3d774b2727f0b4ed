//! Imports from care software and medical systems: the
//! ケアプラン標準仕様 CSV (Shift_JIS) and FHIR (JP Core R4) JSON.
//!
//! Each format has a parser that turns a file into domain values or a list
//! of problems — it never touches the database. `apply` then writes a whole
//! import in one transaction, so a file is imported completely or not at all.

pub mod careplan_csv;
pub mod encoding;
pub mod fhir;
mod whose;

use crate::domain::validation::FieldError;
use crate::i18n::{self, Lang};

/// One reason a file is refused, and where in the file it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportProblem {
    /// The file's name as given (a CSV set has several files).
    pub file: Option<String>,
    /// The line in the file (CSV, from 1) or the entry of a FHIR Bundle
    /// (from 1); `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column as the file's layout names it (「長期期間」) or the FHIR
    /// element (`Observation.valueQuantity.unit`).
    pub column: Option<String>,
    pub reason: Reason,
    /// `row` counts the entries of a FHIR Bundle, not lines.
    pub row_is_entry: bool,
}

/// What is wrong, as a message key with its arguments, or a domain field
/// error (whose message names the app's field; the column says where).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Message {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    Field(FieldError),
}

impl ImportProblem {
    pub fn new(row: Option<usize>, column: Option<&str>, reason: Reason) -> Self {
        Self {
            file: None,
            row_is_entry: false,
            row,
            column: column.map(str::to_string),
            reason,
        }
    }

    /// A problem with a message key and its arguments.
    pub fn message(
        row: Option<usize>,
        column: Option<&str>,
        key: &'static str,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        Self::new(row, column, Reason::Message { key, args })
    }

    /// The same problem, said to be in `file`.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }

    /// The whole sentence a person reads: which file, where, then why.
    pub fn describe(&self, lang: Lang) -> String {
        let at = self.describe_in_file(lang);
        match &self.file {
            Some(file) => format!("{file}: {at}"),
            None => at,
        }
    }

    fn describe_in_file(&self, lang: Lang) -> String {
        let reason = match &self.reason {
            Reason::Message { key, args } => i18n::text_with(lang, key, args),
            Reason::Field(e) => e.message(lang),
        };
        let row = self.row.map(|r| r.to_string());
        let (at_row_column, at_row) = if self.row_is_entry {
            ("import-at-entry-column", "import-at-entry")
        } else {
            ("import-at-row-column", "import-at-row")
        };
        match (row, &self.column) {
            (Some(row), Some(column)) => i18n::text_with(
                lang,
                at_row_column,
                &[("row", row), ("column", column.clone()), ("reason", reason)],
            ),
            (Some(row), None) => i18n::text_with(lang, at_row, &[("row", row), ("reason", reason)]),
            (None, Some(column)) => i18n::text_with(
                lang,
                "import-at-column",
                &[("column", column.clone()), ("reason", reason)],
            ),
            (None, None) => reason,
        }
    }
}

pub mod apply;

use chrono::{DateTime, Utc};

use apply::{ImportFailure, Importer, Summary};

/// The formats Yorisoi reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ケアプラン標準仕様 CSV: a set of 利用者補足情報, 第1表, 第2表 files.
    CarePlanCsv,
    /// FHIR R4 JSON: Bundles or single resources.
    Fhir,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::CarePlanCsv => "careplan-csv",
            Format::Fhir => "fhir",
        }
    }

    /// JSON starts with `{` (after spaces or a BOM); the CSV never does.
    /// A set that is neither gives the message key of why.
    pub fn detect(files: &[(String, Vec<u8>)]) -> Result<Self, &'static str> {
        let is_json = |bytes: &[u8]| {
            let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
            bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        };
        let json = files.iter().filter(|(_, b)| is_json(b)).count();
        match (json, files.len()) {
            (_, 0) => Err("import-error-no-file"),
            (0, _) => Ok(Format::CarePlanCsv),
            (j, n) if j == n => Ok(Format::Fhir),
            _ => Err("import-error-mixed"),
        }
    }
}

/// Reads `files`, works out their format and imports them for
/// `who.recipient` — all of them or nothing.
pub async fn import_files(
    db: &crate::server::db::Db,
    who: &Importer,
    files: &[(String, Vec<u8>)],
    now: DateTime<Utc>,
) -> Result<Summary, ImportFailure> {
    let refused = |p: Vec<ImportProblem>| ImportFailure::Refused(p);
    let format = Format::detect(files)
        .map_err(|key| refused(vec![ImportProblem::message(None, None, key, vec![])]))?;
    match format {
        Format::CarePlanCsv => {
            let set = careplan_csv::parse_set(files).map_err(refused)?;
            apply::csv_set(db, who, set, now).await
        }
        Format::Fhir => {
            let mut all = fhir::FhirSet::default();
            let mut problems = Vec::new();
            for (name, bytes) in files {
                match fhir::parse(bytes, now) {
                    Ok(set) => {
                        all.vitals.extend(set.vitals);
                        all.allergies.extend(set.allergies);
                        all.plans.extend(set.plans);
                        all.subjects
                            .extend(set.subjects.into_iter().map(|s| fhir::Subject {
                                file: Some(name.clone()),
                                ..s
                            }));
                    }
                    Err(ps) => problems.extend(ps.into_iter().map(|p| ImportProblem {
                        row_is_entry: true,
                        ..p.in_file(name)
                    })),
                }
            }
            if !problems.is_empty() {
                return Err(refused(problems));
            }
            apply::fhir_set(db, who, all, now).await
        }
    }
}

/// No file care software sends for one recipient comes near this; a bigger
/// one is refused before it is read.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// The problem of a file over `MAX_FILE_BYTES`.
pub fn too_big(file: &str) -> ImportProblem {
    ImportProblem::message(
        None,
        None,
        "import-error-too-big",
        vec![("max_mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string())],
    )
    .in_file(file)
}

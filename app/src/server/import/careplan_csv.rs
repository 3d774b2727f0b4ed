//! ケアプラン標準仕様 CSV (介護保険最新情報 Vol.1156): 利用者補足情報, 第1表
//! and 第2表 files → plan versions in domain types. Pure: bytes in, values
//! or every problem found out; the importer decides what to write.
//!
//! A set is all or nothing: one bad cell anywhere refuses the whole set, so
//! a care manager never gets half a plan shown to a family.
//!
//! Assumptions beyond the public texts (see `shared/reference/careplan-csv.md`):
//! - 第1表 columns 15–24 follow the paper form's order (`TABLE1_COLUMNS`).
//! - Periods (長期期間, 短期期間, 実施期間, 認定の有効期間) are two
//!   `YYYYMMDD` dates joined by `～`, `〜`, `~` or `-`.
//! - A header row, when present, is recognised by 「保険者番号」 in its
//!   second cell; its names are compared after turning full-width ASCII
//!   (（）, ＮＯ, １) into half-width.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::Hash;

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::encoding::{decode_ms932, EncodingProblem};
use super::{ImportProblem, Reason};
use crate::domain::care_plan::{
    Frequency, GoalText, LongGoal, Need, NeedText, PlanIntention, PlanPolicy, ServiceContent,
    ServiceKindText, ServiceLine, ShortGoal, Table1,
};
use crate::domain::classes::CareLevel;
use crate::domain::people::{NameKana, PersonName, ProviderName};
use crate::domain::time::Period;
use crate::domain::validation::{optional_text, Field, FieldError, Problem};

/// A bigger file is refused before decoding (the limit all imports share).
pub const MAX_FILE_BYTES: usize = super::MAX_FILE_BYTES;

// ---------------------------------------------------------------------------
// Layouts: every column of every file, in file order, as the layout names it.

/// 利用者補足情報: all 14 columns, confirmed from public texts.
pub const SUPPLEMENT_COLUMNS: [&str; 14] = [
    "CSVバージョン",
    "保険者番号",
    "被保険者番号",
    "計画作成(変更)日",
    "氏名フリガナ",
    "氏名",
    "性別",
    "生年月日",
    "郵便番号",
    "住所1",
    "住所2",
    "電話番号",
    "認定日",
    "限度額適用開始年月日",
];

/// 第1表. Columns 1–14 are confirmed from public texts. Columns 15–24 are
/// OUR ASSUMPTION: the items of the paper 第1表 in the form's order, since
/// the MHLW Excel layout was not available. If the real layout differs,
/// only this table changes.
pub const TABLE1_COLUMNS: [&str; 24] = [
    "CSVバージョン",
    "保険者番号",
    "被保険者番号",
    "作成年月日",
    "利用者郵便番号",
    "利用者住所1",
    "利用者住所2",
    "居宅サービス計画作成者氏名",
    "介護支援事業者名",
    "介護支援事業者郵便番号",
    "介護支援事業者住所1",
    "介護支援事業者住所2",
    "介護支援事業者コード",
    "居宅サービス計画作成(変更)日",
    // 15– : assumed (see above).
    "初回作成日",
    "初回・紹介・継続",
    "認定済・申請中",
    "認定日",
    "認定の有効期間",
    "要介護状態区分",
    "利用者及び家族の生活に対する意向を踏まえた課題分析の結果",
    "介護認定審査会の意見及びサービスの種類の指定",
    "総合的な援助の方針",
    "生活援助中心型の算定理由",
];

/// 第2表: all 22 columns, confirmed from public texts. One row per 援助内容.
pub const TABLE2_COLUMNS: [&str; 22] = [
    "CSVバージョン",
    "保険者番号",
    "被保険者番号",
    "居宅計画書作成年月日",
    "居宅サービス計画作成(変更)日",
    "課題NO",
    "課題",
    "援助目標NO",
    "長期目標",
    "短期目標",
    "長期期間",
    "短期期間",
    "援助内容NO",
    "サービス内容",
    "保険対象区分",
    "サービス種別",
    "サービス事業者コード",
    "サービス事業所名",
    "頻度",
    "実施期間",
    "更新業者コード",
    "識別子",
];

/// A column we read: its place and its name (for problems).
#[derive(Debug, Clone, Copy)]
struct Col {
    index: usize,
    name: &'static str,
}

/// Finds a column by name at compile time: a misspelt name does not build.
const fn col(columns: &'static [&'static str], name: &'static str) -> Col {
    let mut i = 0;
    while i < columns.len() {
        if const_str_eq(columns[i], name) {
            return Col {
                index: i,
                name: columns[i],
            };
        }
        i += 1;
    }
    panic!("no such column in the layout");
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const S_INSURER: Col = col(&SUPPLEMENT_COLUMNS, "保険者番号");
const S_INSURED: Col = col(&SUPPLEMENT_COLUMNS, "被保険者番号");
const S_PLAN_DATE: Col = col(&SUPPLEMENT_COLUMNS, "計画作成(変更)日");
const S_KANA: Col = col(&SUPPLEMENT_COLUMNS, "氏名フリガナ");
const S_NAME: Col = col(&SUPPLEMENT_COLUMNS, "氏名");
const S_BIRTH: Col = col(&SUPPLEMENT_COLUMNS, "生年月日");

const T1_INSURER: Col = col(&TABLE1_COLUMNS, "保険者番号");
const T1_INSURED: Col = col(&TABLE1_COLUMNS, "被保険者番号");
const T1_AUTHOR: Col = col(&TABLE1_COLUMNS, "居宅サービス計画作成者氏名");
const T1_OFFICE: Col = col(&TABLE1_COLUMNS, "介護支援事業者名");
const T1_PLAN_DATE: Col = col(&TABLE1_COLUMNS, "居宅サービス計画作成(変更)日");
const T1_CERTIFICATION: Col = col(&TABLE1_COLUMNS, "認定の有効期間");
const T1_CARE_LEVEL: Col = col(&TABLE1_COLUMNS, "要介護状態区分");
const T1_INTENTION: Col = col(
    &TABLE1_COLUMNS,
    "利用者及び家族の生活に対する意向を踏まえた課題分析の結果",
);
const T1_POLICY: Col = col(&TABLE1_COLUMNS, "総合的な援助の方針");

const T2_INSURER: Col = col(&TABLE2_COLUMNS, "保険者番号");
const T2_INSURED: Col = col(&TABLE2_COLUMNS, "被保険者番号");
const T2_PLAN_DATE: Col = col(&TABLE2_COLUMNS, "居宅サービス計画作成(変更)日");
const T2_NEED_NO: Col = col(&TABLE2_COLUMNS, "課題NO");
const T2_NEED: Col = col(&TABLE2_COLUMNS, "課題");
const T2_GOAL_NO: Col = col(&TABLE2_COLUMNS, "援助目標NO");
const T2_LONG_GOAL: Col = col(&TABLE2_COLUMNS, "長期目標");
const T2_SHORT_GOAL: Col = col(&TABLE2_COLUMNS, "短期目標");
const T2_LONG_PERIOD: Col = col(&TABLE2_COLUMNS, "長期期間");
const T2_SHORT_PERIOD: Col = col(&TABLE2_COLUMNS, "短期期間");
const T2_SERVICE_NO: Col = col(&TABLE2_COLUMNS, "援助内容NO");
const T2_CONTENT: Col = col(&TABLE2_COLUMNS, "サービス内容");
const T2_INSURED_FLAG: Col = col(&TABLE2_COLUMNS, "保険対象区分");
const T2_KIND: Col = col(&TABLE2_COLUMNS, "サービス種別");
const T2_PROVIDER: Col = col(&TABLE2_COLUMNS, "サービス事業所名");
const T2_FREQUENCY: Col = col(&TABLE2_COLUMNS, "頻度");
const T2_SERVICE_PERIOD: Col = col(&TABLE2_COLUMNS, "実施期間");

/// The files of the standard we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvTable {
    /// 利用者補足情報.
    Supplement,
    /// 第1表.
    Table1,
    /// 第2表.
    Table2,
}

impl CsvTable {
    pub const ALL: [CsvTable; 3] = [CsvTable::Supplement, CsvTable::Table1, CsvTable::Table2];

    /// The layout's column names, in file order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            CsvTable::Supplement => &SUPPLEMENT_COLUMNS,
            CsvTable::Table1 => &TABLE1_COLUMNS,
            CsvTable::Table2 => &TABLE2_COLUMNS,
        }
    }

    /// The table's name as care software and care managers call it.
    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Supplement => "利用者補足情報",
            CsvTable::Table1 => "第1表",
            CsvTable::Table2 => "第2表",
        }
    }

    /// Decides from a file name: the Japanese names care software uses,
    /// or ASCII hints for software that writes ASCII names.
    fn from_file_name(name: &str) -> Option<Self> {
        let name = narrow(name).to_lowercase();
        let hints: [(CsvTable, &[&str]); 3] = [
            (CsvTable::Supplement, &["利用者補足", "hosoku"]),
            (CsvTable::Table1, &["第1表", "table1"]),
            (CsvTable::Table2, &["第2表", "table2"]),
        ];
        let found: Vec<CsvTable> = hints
            .iter()
            .filter(|(_, words)| words.iter().any(|w| name.contains(w)))
            .map(|(t, _)| *t)
            .collect();
        // A name with two hints decides nothing.
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn from_column_count(count: usize) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.columns().len() == count)
    }
}

// ---------------------------------------------------------------------------
// What a set parses into.

/// 保険者番号 (6 digits) + 被保険者番号 (10 digits): who a row is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct InsuranceKey {
    insurer: String,
    insured: String,
}

/// Which half of an [`InsuranceKey`] is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsuranceKeyError {
    /// 保険者番号 is not 6 ASCII digits.
    Insurer,
    /// 被保険者番号 is not 10 ASCII digits.
    Insured,
}

impl InsuranceKeyError {
    /// The Fluent key of the message a person reads.
    pub fn message_key(self) -> &'static str {
        match self {
            InsuranceKeyError::Insurer => "import-csv-insurer-number",
            InsuranceKeyError::Insured => "import-csv-insured-number",
        }
    }

    /// The column (or form field) the number is written in.
    pub fn column(self) -> &'static str {
        match self {
            InsuranceKeyError::Insurer => "保険者番号",
            InsuranceKeyError::Insured => "被保険者番号",
        }
    }
}

impl InsuranceKey {
    /// Both numbers trimmed; only ASCII digits of the exact length pass
    /// (a number that lost its leading zeros in a spreadsheet is refused,
    /// not guessed).
    pub fn parse(insurer: &str, insured: &str) -> Result<Self, InsuranceKeyError> {
        Ok(Self {
            insurer: check_digits(insurer, 6).ok_or(InsuranceKeyError::Insurer)?,
            insured: check_digits(insured, 10).ok_or(InsuranceKeyError::Insured)?,
        })
    }

    pub fn insurer(&self) -> &str {
        &self.insurer
    }

    pub fn insured(&self) -> &str {
        &self.insured
    }
}

fn check_digits(raw: &str, len: usize) -> Option<String> {
    let t = raw.trim();
    (t.len() == len && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_string())
}

/// One row of 利用者補足情報.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplementRow {
    /// The line in its file (from 1).
    pub line: usize,
    pub key: InsuranceKey,
    /// 計画作成(変更)日.
    pub plan_date: NaiveDate,
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
}

/// One plan version = one (key, 居宅サービス計画作成(変更)日) with its 第1表
/// row and its 第2表 rows.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvPlan {
    pub key: InsuranceKey,
    pub plan_date: NaiveDate,
    /// 居宅サービス計画作成者氏名.
    pub author_name: String,
    /// 介護支援事業者名.
    pub office_name: String,
    pub table1: Table1,
    pub needs: Vec<Need>,
    /// Hex SHA-256 of a canonical serialisation of everything above: the
    /// same content gives the same digest, so a re-import is recognised.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvSet {
    pub supplements: Vec<SupplementRow>,
    pub plans: Vec<CsvPlan>,
}

// ---------------------------------------------------------------------------
// Problems.

/// Every problem of a set. A cell gets at most one problem: the first
/// reason is the one to fix first, and repeats would only bury it.
#[derive(Default)]
struct Problems(Vec<ImportProblem>);

impl Problems {
    fn push(&mut self, p: ImportProblem) {
        let repeat = p.column.is_some()
            && self
                .0
                .iter()
                .any(|q| q.file == p.file && q.row == p.row && q.column == p.column);
        if !repeat {
            self.0.push(p);
        }
    }

    fn at(&mut self, file: &str, line: usize, col: Col, reason: Reason) {
        self.push(ImportProblem::new(Some(line), Some(col.name), reason).in_file(file));
    }

    fn row(&mut self, file: &str, line: usize, key: &'static str, args: Args) {
        self.push(ImportProblem::message(Some(line), None, key, args).in_file(file));
    }

    /// Keeps the value, or records why there is none.
    fn check<T>(&mut self, file: &str, line: usize, col: Col, r: Result<T, Reason>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(reason) => {
                self.at(file, line, col, reason);
                None
            }
        }
    }
}

type Args = Vec<(&'static str, String)>;

fn msg(key: &'static str, args: Args) -> Reason {
    Reason::Message { key, args }
}

fn field(field: Field, problem: Problem) -> Reason {
    Reason::Field(FieldError::new(field, problem))
}

// ---------------------------------------------------------------------------
// Cells.

/// Full-width ASCII (ＮＯ, （）, １) as half-width, for names and codes
/// that people type either way.
fn narrow(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

fn has_halfwidth_kana(s: &str) -> bool {
    s.chars().any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c))
}

fn required_cell(raw: &str) -> Result<&str, Reason> {
    if raw.is_empty() {
        Err(msg("import-csv-empty-cell", vec![]))
    } else {
        Ok(raw)
    }
}

/// 西暦 `YYYYMMDD`, 8 ASCII digits; 和暦 and slashes are refused with the
/// form to use, a date that cannot exist with its own message.
fn parse_date(raw: &str) -> Result<NaiveDate, Reason> {
    let raw = required_cell(raw)?;
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(msg(
            "import-csv-date-format",
            vec![("value", raw.to_string())],
        ));
    }
    let num = |r: std::ops::Range<usize>| raw.get(r).and_then(|s| s.parse::<u32>().ok());
    let date = match (num(0..4), num(4..6), num(6..8)) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    };
    date.ok_or_else(|| {
        msg(
            "import-csv-impossible-date",
            vec![("value", raw.to_string())],
        )
    })
}

/// Two dates joined by ～ (U+FF5E, what MS932 decodes), 〜 (U+301C), ~ or -.
fn parse_period(f: Field, raw: &str) -> Result<Period, Reason> {
    if raw.is_empty() {
        return Err(field(f, Problem::Required));
    }
    let parts: Vec<&str> = raw.split(['～', '〜', '~', '-']).collect();
    let [from, to] = parts.as_slice() else {
        return Err(msg(
            "import-csv-period-format",
            vec![("value", raw.to_string())],
        ));
    };
    let from = parse_date(from.trim())?;
    let to = parse_date(to.trim())?;
    Period::parse(f, from, to).map_err(Reason::Field)
}

/// 課題NO, 援助目標NO, 援助内容NO.
fn parse_no(raw: &str) -> Result<u32, Reason> {
    let raw = required_cell(raw)?;
    narrow(raw)
        .parse::<u32>()
        .map_err(|_| msg("import-csv-not-a-number", vec![("value", raw.to_string())]))
}

fn parse_care_level(raw: &str) -> Result<CareLevel, Reason> {
    if raw.is_empty() {
        return Err(field(Field::CareLevel, Problem::Required));
    }
    let s: String = narrow(raw).chars().filter(|c| !c.is_whitespace()).collect();
    Ok(match s.as_str() {
        "要支援1" => CareLevel::Support1,
        "要支援2" => CareLevel::Support2,
        "要介護1" => CareLevel::Care1,
        "要介護2" => CareLevel::Care2,
        "要介護3" => CareLevel::Care3,
        "要介護4" => CareLevel::Care4,
        "要介護5" => CareLevel::Care5,
        _ => {
            return Err(msg(
                "import-csv-care-level",
                vec![("value", raw.to_string())],
            ))
        }
    })
}

/// 保険対象区分 (※1): "1" or ○ for 保険給付の対象, "0" or empty for not.
fn parse_insured_flag(raw: &str) -> Result<bool, Reason> {
    match narrow(raw).as_str() {
        "1" | "○" => Ok(true),
        "0" | "" => Ok(false),
        _ => Err(msg(
            "import-csv-insured-flag",
            vec![("value", raw.to_string())],
        )),
    }
}

// ---------------------------------------------------------------------------
// Files → rows.

/// One data row: its line in the file and its cells, trimmed.
struct Record<'a> {
    file: &'a str,
    line: usize,
    cells: Vec<String>,
}

impl Record<'_> {
    fn get(&self, c: Col) -> &str {
        self.cells.get(c.index).map_or("", String::as_str)
    }
}

/// Reads one file into the table it is and its data rows of the right
/// width; everything wrong is recorded in `p`.
fn read_file<'a>(name: &'a str, bytes: &[u8], p: &mut Problems) -> Option<FileRows<'a>> {
    let whole_file = |p: &mut Problems, key: &'static str, args: Args| {
        p.push(ImportProblem::message(None, None, key, args).in_file(name));
    };
    if bytes.len() > MAX_FILE_BYTES {
        p.push(super::too_big(name));
        return None;
    }
    if name.contains("削除") {
        whole_file(p, "import-csv-deletion-file", vec![]);
        return None;
    }
    let text = match decode_ms932(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (row, args) = match e {
                EncodingProblem::NotShiftJis { line } => {
                    (Some(line), vec![("line", line.to_string())])
                }
                EncodingProblem::Utf8Instead => (None, vec![]),
            };
            p.push(ImportProblem::message(row, None, e.message_key(), args).in_file(name));
            return None;
        }
    };

    let mut rows = Vec::new();
    let mut dropped = false;
    let mut lines = LineCounter::new(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for result in reader.records() {
        match result {
            Ok(rec) => {
                let line = lines.line_at(rec.position().map_or(0, |at| to_usize(at.byte())));
                // Line breaks inside a cell read the same whichever way
                // the software wrote them.
                let cells: Vec<String> =
                    rec.iter().map(|c| c.trim().replace("\r\n", "\n")).collect();
                // Blank lines and lines of empty cells (spreadsheets leave
                // them at the end) carry nothing.
                if cells.iter().all(String::is_empty) {
                    continue;
                }
                rows.push(Record {
                    file: name,
                    line,
                    cells,
                });
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |at| to_usize(at.byte())));
                p.row(name, line, "import-csv-unreadable-row", vec![]);
                dropped = true;
            }
        }
    }

    let Some(first) = rows.first() else {
        whole_file(p, "import-csv-empty-file", vec![]);
        return None;
    };
    let is_header = first
        .cells
        .get(1)
        .is_some_and(|c| narrow(c) == "保険者番号");
    let table = if is_header {
        let table = table_of_header(name, &first.cells);
        let Some(table) = table else {
            whole_file(p, "import-csv-unknown-table", vec![]);
            return None;
        };
        if !check_header(table, &first.cells, name, first.line, p) {
            return None;
        }
        rows.remove(0);
        table
    } else {
        let by_name = CsvTable::from_file_name(name);
        let Some(table) = by_name.or_else(|| CsvTable::from_column_count(first.cells.len())) else {
            whole_file(p, "import-csv-unknown-table", vec![]);
            return None;
        };
        table
    };

    let expected = table.columns().len();
    let mut good = Vec::with_capacity(rows.len());
    for rec in rows {
        let found = rec.cells.len();
        if found != expected {
            let key = if found < expected {
                "import-csv-too-few-columns"
            } else {
                "import-csv-too-many-columns"
            };
            let args = vec![
                ("table", table.name().to_string()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ];
            p.row(name, rec.line, key, args);
            dropped = true;
            continue;
        }
        for (i, cell) in rec.cells.iter().enumerate() {
            if has_halfwidth_kana(cell) {
                let column = table.columns().get(i).copied();
                let problem = ImportProblem::message(
                    Some(rec.line),
                    column,
                    "import-csv-halfwidth-kana",
                    vec![],
                );
                p.push(problem.in_file(name));
            }
        }
        good.push(rec);
    }
    Some(FileRows {
        table,
        rows: good,
        dropped,
    })
}

/// A file's table and its data rows of the right width.
struct FileRows<'a> {
    table: CsvTable,
    rows: Vec<Record<'a>>,
    /// Some rows were refused before their cells were read.
    dropped: bool,
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The line (from 1) a record starts on, from its byte offset. The csv
/// crate's own line count lags by one after a CRLF, so we count ourselves.
struct LineCounter<'t> {
    text: &'t [u8],
    /// Bytes counted so far, and the newlines in them.
    cursor: usize,
    newlines: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t [u8]) -> Self {
        Self {
            text,
            cursor: 0,
            newlines: 0,
        }
    }

    /// Offsets must not go backwards (records come in file order).
    fn line_at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        // A record's offset can point at the end of the previous line.
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.cursor {
            let between = self.text.get(self.cursor..start).unwrap_or_default();
            self.newlines += between.iter().filter(|b| **b == b'\n').count();
            self.cursor = start;
        }
        self.newlines + 1
    }
}

/// The layout a header row names: the one whose names match it best in
/// place; a tie is settled by the file name, then by the column count.
fn table_of_header(file: &str, header: &[String]) -> Option<CsvTable> {
    let score = |t: CsvTable| {
        t.columns()
            .iter()
            .zip(header)
            .filter(|(want, got)| narrow(got).trim() == **want)
            .count()
    };
    let best = CsvTable::ALL.into_iter().map(score).max().unwrap_or(0);
    let top: Vec<CsvTable> = CsvTable::ALL
        .into_iter()
        .filter(|t| score(*t) == best)
        .collect();
    match top.as_slice() {
        [one] => Some(*one),
        _ => CsvTable::from_file_name(file)
            .filter(|t| top.contains(t))
            .or_else(|| CsvTable::from_column_count(header.len()).filter(|t| top.contains(t))),
    }
}

/// Every header name must be the layout's; says which are not. True when
/// the header is right.
fn check_header(
    table: CsvTable,
    header: &[String],
    file: &str,
    line: usize,
    p: &mut Problems,
) -> bool {
    let want = table.columns();
    let mut ok = true;
    for i in 0..want.len().max(header.len()) {
        let (got, expected) = (header.get(i), want.get(i));
        let (column, key): (String, &'static str) = match (got, expected) {
            (Some(g), Some(w)) if narrow(g).trim() == *w => continue,
            (Some(g), Some(_)) => (g.clone(), "import-csv-unexpected-column"),
            (Some(g), None) => (g.clone(), "import-csv-extra-column"),
            (None, Some(w)) => ((*w).to_string(), "import-csv-missing-column"),
            (None, None) => continue,
        };
        ok = false;
        let args = vec![
            ("table", table.name().to_string()),
            ("position", (i + 1).to_string()),
            (
                "expected",
                expected.map_or_else(String::new, |w| (*w).to_string()),
            ),
            ("count", want.len().to_string()),
        ];
        let problem = ImportProblem::message(Some(line), Some(&column), key, args);
        p.push(problem.in_file(file));
    }
    ok
}

// ---------------------------------------------------------------------------
// Rows → values.

type PlanId = (InsuranceKey, NaiveDate);

/// The key and date of a row, each half checked on its own so both are
/// reported when both are wrong.
fn plan_id(rec: &Record, cols: [Col; 3], p: &mut Problems) -> Option<PlanId> {
    let [insurer_col, insured_col, date_col] = cols;
    let (insurer, insured) = (rec.get(insurer_col), rec.get(insured_col));
    let insurer_ok = check_digits(insurer, 6).is_some();
    let insured_ok = check_digits(insured, 10).is_some();
    if !insurer_ok {
        let key = InsuranceKeyError::Insurer.message_key();
        p.at(rec.file, rec.line, insurer_col, msg(key, vec![]));
    }
    if !insured_ok {
        let key = InsuranceKeyError::Insured.message_key();
        p.at(rec.file, rec.line, insured_col, msg(key, vec![]));
    }
    let date = p.check(rec.file, rec.line, date_col, parse_date(rec.get(date_col)));
    let key = InsuranceKey::parse(insurer, insured).ok()?;
    Some((key, date?))
}

/// Checks a text cell with a domain newtype and keeps its text.
fn text_cell<T>(
    rec: &Record,
    c: Col,
    parse: impl Fn(&str) -> Result<T, FieldError>,
    p: &mut Problems,
) -> Option<T> {
    p.check(
        rec.file,
        rec.line,
        c,
        parse(rec.get(c)).map_err(Reason::Field),
    )
}

struct SupplementParsed<'a> {
    file: &'a str,
    id: Option<PlanId>,
    row: Option<SupplementRow>,
}

fn parse_supplement<'a>(rec: &Record<'a>, p: &mut Problems) -> SupplementParsed<'a> {
    let id = plan_id(rec, [S_INSURER, S_INSURED, S_PLAN_DATE], p);
    let name = text_cell(rec, S_NAME, PersonName::parse, p);
    let kana = text_cell(rec, S_KANA, NameKana::parse, p);
    let birth = p.check(rec.file, rec.line, S_BIRTH, parse_date(rec.get(S_BIRTH)));
    let row = match (&id, name, kana, birth) {
        (Some((key, plan_date)), Some(name), Some(kana), Some(birth_date)) => Some(SupplementRow {
            line: rec.line,
            key: key.clone(),
            plan_date: *plan_date,
            name: name.as_str().to_string(),
            name_kana: kana.as_str().to_string(),
            birth_date,
        }),
        _ => None,
    };
    SupplementParsed {
        file: rec.file,
        id,
        row,
    }
}

struct Table1Parsed<'a> {
    file: &'a str,
    line: usize,
    id: Option<PlanId>,
    author: Option<String>,
    office: Option<String>,
    table1: Option<Table1>,
}

fn parse_table1<'a>(rec: &Record<'a>, p: &mut Problems) -> Table1Parsed<'a> {
    let id = plan_id(rec, [T1_INSURER, T1_INSURED, T1_PLAN_DATE], p);
    let author = text_cell(rec, T1_AUTHOR, PersonName::parse, p);
    let office = text_cell(rec, T1_OFFICE, ProviderName::parse, p);
    let certification = p.check(
        rec.file,
        rec.line,
        T1_CERTIFICATION,
        parse_period(Field::CertificationPeriod, rec.get(T1_CERTIFICATION)),
    );
    let care_level = p.check(
        rec.file,
        rec.line,
        T1_CARE_LEVEL,
        parse_care_level(rec.get(T1_CARE_LEVEL)),
    );
    let intention = text_cell(rec, T1_INTENTION, PlanIntention::parse, p);
    let policy = text_cell(rec, T1_POLICY, PlanPolicy::parse, p);
    let table1 = match (care_level, certification, intention, policy) {
        (Some(care_level), Some(certification), Some(intention), Some(policy)) => Some(Table1 {
            care_level,
            certification,
            intention,
            policy,
        }),
        _ => None,
    };
    Table1Parsed {
        file: rec.file,
        line: rec.line,
        id,
        author: author.map(|a| a.as_str().to_string()),
        office: office.map(|o| o.as_str().to_string()),
        table1,
    }
}

/// A 第2表 row: what can be checked on its own, and the cells that may be
/// left empty to repeat an earlier row (checked when grouping).
struct Table2Parsed<'a> {
    file: &'a str,
    line: usize,
    id: Option<PlanId>,
    need_no: Option<u32>,
    goal_no: Option<u32>,
    service_no: Option<u32>,
    need: String,
    long_goal: String,
    long_period: String,
    short_goal: String,
    short_period: String,
    service: Option<ServiceLine>,
}

fn parse_table2<'a>(rec: &Record<'a>, p: &mut Problems) -> Table2Parsed<'a> {
    let id = plan_id(rec, [T2_INSURER, T2_INSURED, T2_PLAN_DATE], p);
    let mut no = |c: Col| p.check(rec.file, rec.line, c, parse_no(rec.get(c)));
    let (need_no, goal_no, service_no) = (no(T2_NEED_NO), no(T2_GOAL_NO), no(T2_SERVICE_NO));
    let content = text_cell(rec, T2_CONTENT, ServiceContent::parse, p);
    let insured = p.check(
        rec.file,
        rec.line,
        T2_INSURED_FLAG,
        parse_insured_flag(rec.get(T2_INSURED_FLAG)),
    );
    let kind = text_cell(rec, T2_KIND, ServiceKindText::parse, p);
    // Family and neighbours appear on plans too, with no 事業所.
    let provider = text_cell(
        rec,
        T2_PROVIDER,
        |s| optional_text(Field::ProviderName, s, 200),
        p,
    );
    let frequency = text_cell(rec, T2_FREQUENCY, Frequency::parse, p);
    let period = p.check(
        rec.file,
        rec.line,
        T2_SERVICE_PERIOD,
        parse_period(Field::GoalPeriod, rec.get(T2_SERVICE_PERIOD)),
    );
    let service = match (content, insured, kind, provider, frequency, period) {
        (
            Some(content),
            Some(insured),
            Some(kind),
            Some(provider_name),
            Some(frequency),
            Some(period),
        ) => Some(ServiceLine {
            content,
            insured,
            kind,
            provider_name,
            frequency,
            period,
        }),
        _ => None,
    };
    Table2Parsed {
        file: rec.file,
        line: rec.line,
        id,
        need_no,
        goal_no,
        service_no,
        need: rec.get(T2_NEED).to_string(),
        long_goal: rec.get(T2_LONG_GOAL).to_string(),
        long_period: rec.get(T2_LONG_PERIOD).to_string(),
        short_goal: rec.get(T2_SHORT_GOAL).to_string(),
        short_period: rec.get(T2_SHORT_PERIOD).to_string(),
        service,
    }
}

// ---------------------------------------------------------------------------
// 第2表 rows → 課題 / 長期目標 / 短期目標 / 援助内容.

/// The last written value of a repeatable cell, for rows that leave it empty.
struct Memo<T> {
    raw: String,
    line: usize,
    value: Option<T>,
}

/// Where problems go, and whether every row of the set was read (see
/// `parse_set`): only then is an empty cell with nothing above missing.
struct Cx<'p> {
    p: &'p mut Problems,
    complete: bool,
}

/// Where a cell is, for problems.
struct At<'a> {
    file: &'a str,
    line: usize,
    col: Col,
}

/// Resolves a cell that care software leaves empty on continuation rows:
/// empty takes the last value written under the same number; written is
/// checked (and, when `one_per_number`, must match what the number had).
fn inherit<K: Hash + Eq, T: Clone>(
    memo: &mut HashMap<K, Memo<T>>,
    key: K,
    raw: &str,
    one_per_number: bool,
    at: At,
    cx: &mut Cx,
    parse: impl Fn(&str) -> Result<T, Reason>,
) -> Option<T> {
    let p = &mut *cx.p;
    if raw.is_empty() {
        // A failed earlier value was reported on its own row.
        if let Some(m) = memo.get(&key) {
            return m.value.clone();
        }
        if !cx.complete {
            return None;
        }
        return p.check(at.file, at.line, at.col, parse(raw));
    }
    if one_per_number {
        if let Some(m) = memo.get(&key).filter(|m| m.raw != raw) {
            let reason = msg("import-csv-conflict", vec![("first", m.line.to_string())]);
            p.at(at.file, at.line, at.col, reason);
        }
    }
    let value = p.check(at.file, at.line, at.col, parse(raw));
    memo.insert(
        key,
        Memo {
            raw: raw.to_string(),
            line: at.line,
            value: value.clone(),
        },
    );
    value
}

struct NeedDraft {
    no: u32,
    need: NeedText,
    long_goals: Vec<LongDraft>,
    /// 援助目標NO → (long goal, short goal, first line).
    short_at: HashMap<u32, (usize, usize, usize)>,
}

struct LongDraft {
    goal: GoalText,
    period: Period,
    short_goals: Vec<ShortDraft>,
}

struct ShortDraft {
    goal: GoalText,
    period: Period,
    services: Vec<(u32, ServiceLine)>,
}

#[derive(Default)]
struct Memos {
    need: HashMap<u32, Memo<NeedText>>,
    long_goal: HashMap<u32, Memo<GoalText>>,
    long_period: HashMap<u32, Memo<Period>>,
    short_goal: HashMap<(u32, u32), Memo<GoalText>>,
    short_period: HashMap<(u32, u32), Memo<Period>>,
}

/// Builds the 課題 of one plan from its rows, in file order.
/// `complete`: no row of the set was refused, so an empty cell with
/// nothing above is really missing (not the refused row's).
fn build_needs(rows: &[&Table2Parsed], complete: bool, p: &mut Problems) -> Vec<Need> {
    let mut memos = Memos::default();
    let mut cx = Cx { p, complete };
    let mut needs: Vec<NeedDraft> = Vec::new();
    for row in rows {
        let (Some(need_no), Some(goal_no), Some(service_no)) =
            (row.need_no, row.goal_no, row.service_no)
        else {
            continue;
        };
        let at = |col| At {
            file: row.file,
            line: row.line,
            col,
        };
        let goal_text = |s: &str| GoalText::parse(s).map_err(Reason::Field);
        let goal_period = |s: &str| parse_period(Field::GoalPeriod, s);
        let need = inherit(
            &mut memos.need,
            need_no,
            &row.need,
            true,
            at(T2_NEED),
            &mut cx,
            |s| NeedText::parse(s).map_err(Reason::Field),
        );
        // Several long goals may share a 課題NO: a new one is simply written.
        let long_goal = inherit(
            &mut memos.long_goal,
            need_no,
            &row.long_goal,
            false,
            at(T2_LONG_GOAL),
            &mut cx,
            goal_text,
        );
        let long_period = inherit(
            &mut memos.long_period,
            need_no,
            &row.long_period,
            false,
            at(T2_LONG_PERIOD),
            &mut cx,
            goal_period,
        );
        let short_key = (need_no, goal_no);
        let short_goal = inherit(
            &mut memos.short_goal,
            short_key,
            &row.short_goal,
            true,
            at(T2_SHORT_GOAL),
            &mut cx,
            goal_text,
        );
        let short_period = inherit(
            &mut memos.short_period,
            short_key,
            &row.short_period,
            true,
            at(T2_SHORT_PERIOD),
            &mut cx,
            goal_period,
        );
        let (
            Some(need),
            Some(long_goal),
            Some(long_period),
            Some(short_goal),
            Some(short_period),
            Some(service),
        ) = (
            need,
            long_goal,
            long_period,
            short_goal,
            short_period,
            row.service.clone(),
        )
        else {
            continue;
        };

        let n = match needs.iter().position(|d| d.no == need_no) {
            Some(n) => n,
            None => {
                needs.push(NeedDraft {
                    no: need_no,
                    need,
                    long_goals: Vec::new(),
                    short_at: HashMap::new(),
                });
                needs.len() - 1
            }
        };
        let draft = &mut needs[n];
        let l = match draft
            .long_goals
            .iter()
            .position(|g| g.goal == long_goal && g.period == long_period)
        {
            Some(l) => l,
            None => {
                draft.long_goals.push(LongDraft {
                    goal: long_goal,
                    period: long_period,
                    short_goals: Vec::new(),
                });
                draft.long_goals.len() - 1
            }
        };
        match draft.short_at.get(&goal_no).copied() {
            Some((first_l, s, _)) if first_l == l => {
                draft.long_goals[l].short_goals[s]
                    .services
                    .push((service_no, service));
            }
            Some((_, _, first_line)) => {
                // One 援助目標 cannot hang under two long goals.
                let reason = msg(
                    "import-csv-conflict",
                    vec![("first", first_line.to_string())],
                );
                cx.p.at(row.file, row.line, T2_LONG_GOAL, reason);
            }
            None => {
                let shorts = &mut draft.long_goals[l].short_goals;
                shorts.push(ShortDraft {
                    goal: short_goal,
                    period: short_period,
                    services: vec![(service_no, service)],
                });
                draft
                    .short_at
                    .insert(goal_no, (l, shorts.len() - 1, row.line));
            }
        }
    }
    needs
        .into_iter()
        .map(|n| Need {
            need: n.need,
            long_goals: n
                .long_goals
                .into_iter()
                .map(|l| LongGoal {
                    goal: l.goal,
                    period: l.period,
                    short_goals: l
                        .short_goals
                        .into_iter()
                        .map(|mut s| {
                            s.services.sort_by_key(|(no, _)| *no);
                            ShortGoal {
                                goal: s.goal,
                                period: s.period,
                                services: s.services.into_iter().map(|(_, line)| line).collect(),
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The set.

/// Parses a whole set of files (name, bytes). Any problem anywhere gives
/// every problem found (each with its file), and nothing else.
pub fn parse_set(files: &[(String, Vec<u8>)]) -> Result<CsvSet, Vec<ImportProblem>> {
    if files.is_empty() {
        return Err(vec![ImportProblem::message(
            None,
            None,
            "import-error-no-file",
            vec![],
        )]);
    }
    let mut p = Problems::default();
    // Every row of every file was read with its key and date. When not,
    // a missing 第1表 or an empty cell with nothing above may only be a
    // row already refused: saying so again would send people looking for
    // a second mistake that is not there.
    let mut complete = true;
    let mut supplements = Vec::new();
    let mut table1 = Vec::new();
    let mut table2 = Vec::new();
    for (name, bytes) in files {
        let Some(file) = read_file(name, bytes, &mut p) else {
            complete = false;
            continue;
        };
        complete &= !file.dropped;
        for rec in &file.rows {
            match file.table {
                CsvTable::Supplement => supplements.push((rec.line, parse_supplement(rec, &mut p))),
                CsvTable::Table1 => table1.push(parse_table1(rec, &mut p)),
                CsvTable::Table2 => table2.push(parse_table2(rec, &mut p)),
            }
        }
    }

    // 利用者補足情報: one row per person and plan date.
    let mut seen: HashMap<&PlanId, usize> = HashMap::new();
    for (line, s) in &supplements {
        if let Some(id) = &s.id {
            if let Some(first) = seen.get(id) {
                let args = vec![("first", first.to_string())];
                p.row(s.file, *line, "import-csv-duplicate-supplement", args);
            } else {
                seen.insert(id, *line);
            }
        }
    }

    // 第2表 rows by plan, in order of first appearance.
    let mut groups: Vec<(&PlanId, Vec<&Table2Parsed>)> = Vec::new();
    let mut group_of: HashMap<&PlanId, usize> = HashMap::new();
    complete &= table2.iter().all(|r| r.id.is_some()) && table1.iter().all(|r| r.id.is_some());
    for row in &table2 {
        let Some(id) = &row.id else { continue };
        match group_of.get(id) {
            Some(g) => groups[*g].1.push(row),
            None => {
                group_of.insert(id, groups.len());
                groups.push((id, vec![row]));
            }
        }
    }

    // 第1表: one row per plan, and each with its 第2表 and the other way round.
    let mut first_table1: HashMap<&PlanId, usize> = HashMap::new();
    let mut plans_in_order: Vec<&Table1Parsed> = Vec::new();
    for row in &table1 {
        let Some(id) = &row.id else { continue };
        if let Some(first) = first_table1.get(id) {
            let args = vec![("first", first.to_string())];
            p.row(row.file, row.line, "import-csv-duplicate-table1", args);
            continue;
        }
        first_table1.insert(id, row.line);
        plans_in_order.push(row);
        if complete && !group_of.contains_key(id) {
            p.row(row.file, row.line, "import-csv-no-table2", vec![]);
        }
    }
    let mut needs_of: HashMap<&PlanId, Vec<Need>> = HashMap::new();
    for (id, rows) in &groups {
        if complete && !first_table1.contains_key(id) {
            if let Some(first) = rows.first() {
                p.row(first.file, first.line, "import-csv-no-table1", vec![]);
            }
        }
        needs_of.insert(*id, build_needs(rows, complete, &mut p));
    }

    if !p.0.is_empty() {
        return Err(p.0);
    }

    // No problem was found, so every value below is present.
    let mut plans = Vec::with_capacity(plans_in_order.len());
    for row in plans_in_order {
        let (Some(id), Some(author), Some(office), Some(t1)) =
            (&row.id, &row.author, &row.office, &row.table1)
        else {
            continue;
        };
        let (key, plan_date) = id;
        let needs = needs_of.remove(id).unwrap_or_default();
        let digest = digest(key, *plan_date, author, office, t1, &needs);
        plans.push(CsvPlan {
            key: key.clone(),
            plan_date: *plan_date,
            author_name: author.clone(),
            office_name: office.clone(),
            table1: t1.clone(),
            needs,
            digest,
        });
    }
    Ok(CsvSet {
        supplements: supplements.into_iter().filter_map(|(_, s)| s.row).collect(),
        plans,
    })
}

/// Hex SHA-256 of the plan as JSON (struct fields serialise in declaration
/// order, so the bytes depend on the content only). The format tag changes
/// if this serialisation ever does.
fn digest(
    key: &InsuranceKey,
    plan_date: NaiveDate,
    author_name: &str,
    office_name: &str,
    table1: &Table1,
    needs: &[Need],
) -> String {
    #[derive(Serialize)]
    struct Canonical<'a> {
        format: &'static str,
        key: &'a InsuranceKey,
        plan_date: NaiveDate,
        author_name: &'a str,
        office_name: &'a str,
        table1: &'a Table1,
        needs: &'a [Need],
    }
    let canonical = Canonical {
        format: "careplan-csv/1",
        key,
        plan_date,
        author_name,
        office_name,
        table1,
        needs,
    };
    // Plain structs, strings and dates: serialising cannot fail.
    let bytes = serde_json::to_vec(&canonical).unwrap_or_default();
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(&bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

// ---------------------------------------------------------------------------
// Writing: the inverse of the parser.

/// Writes one file of `table`: Shift_JIS (MS932), CRLF, no header. Each row
/// is in the layout's column order (`CsvTable::columns`); a shorter row is
/// padded with empty cells, a longer one written as it is. Characters
/// Shift_JIS lacks become `&#NNNN;`, as encoding_rs writes them.
pub fn encode_file(table: CsvTable, rows: &[Vec<String>]) -> Vec<u8> {
    let width = table.columns().len();
    let padded: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if r.len() < width {
                r.resize(width, String::new());
            }
            r
        })
        .collect();
    encode_lines(&padded)
}

/// Writes rows exactly as given (a header, a broken row), Shift_JIS, CRLF.
pub fn encode_lines(rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    const INSURER: &str = "131011";
    const INSURED: &str = "0000012345";

    /// A row of `table` with the named columns set.
    fn row(table: CsvTable, cells: &[(&str, &str)]) -> Vec<String> {
        let mut r = vec![String::new(); table.columns().len()];
        for (name, value) in cells {
            let i = table
                .columns()
                .iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("no column {name}"));
            r[i] = (*value).to_string();
        }
        r
    }

    fn supplement_row() -> Vec<String> {
        row(
            CsvTable::Supplement,
            &[
                ("CSVバージョン", "1"),
                ("保険者番号", INSURER),
                ("被保険者番号", INSURED),
                ("計画作成(変更)日", "20261101"),
                ("氏名フリガナ", "ヤマモト　ハナ"),
                ("氏名", "山本　ハナ"),
                ("性別", "2"),
                ("生年月日", "19420503"),
            ],
        )
    }

    fn table1_row() -> Vec<String> {
        row(
            CsvTable::Table1,
            &[
                ("CSVバージョン", "1"),
                ("保険者番号", INSURER),
                ("被保険者番号", INSURED),
                ("作成年月日", "20261101"),
                ("居宅サービス計画作成者氏名", "田中 里美"),
                ("介護支援事業者名", "居宅介護支援事業所 あおぞら"),
                ("居宅サービス計画作成(変更)日", "20261101"),
                ("認定の有効期間", "20260501～20270430"),
                ("要介護状態区分", "要介護2"),
                (
                    "利用者及び家族の生活に対する意向を踏まえた課題分析の結果",
                    "本人:家で暮らしたい。",
                ),
                ("総合的な援助の方針", "転ばないように支えます。"),
            ],
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn t2(
        need_no: &str,
        need: &str,
        goal_no: &str,
        long: &str,
        short: &str,
        long_period: &str,
        short_period: &str,
        service_no: &str,
        content: &str,
        kind: &str,
    ) -> Vec<String> {
        row(
            CsvTable::Table2,
            &[
                ("CSVバージョン", "1"),
                ("保険者番号", INSURER),
                ("被保険者番号", INSURED),
                ("居宅計画書作成年月日", "20261101"),
                ("居宅サービス計画作成(変更)日", "20261101"),
                ("課題NO", need_no),
                ("課題", need),
                ("援助目標NO", goal_no),
                ("長期目標", long),
                ("短期目標", short),
                ("長期期間", long_period),
                ("短期期間", short_period),
                ("援助内容NO", service_no),
                ("サービス内容", content),
                ("保険対象区分", "1"),
                ("サービス種別", kind),
                ("サービス事業所名", "デイサービス さくらの家"),
                ("頻度", "週2回"),
                ("実施期間", "20261101～20270430"),
            ],
        )
    }

    const LP: &str = "20261101～20270430";
    const SP: &str = "20261101～20270131";

    /// Two 課題; the first with two short goals (援助内容 out of order),
    /// continuation rows leaving the repeated cells empty.
    fn table2_rows() -> Vec<Vec<String>> {
        vec![
            t2(
                "1",
                "転ばずに暮らしたい",
                "1",
                "家の中を安全に歩ける",
                "トイレまで歩ける",
                LP,
                SP,
                "2",
                "歩行訓練",
                "通所介護",
            ),
            t2(
                "1",
                "",
                "1",
                "",
                "",
                "",
                "",
                "1",
                "移動の見守り",
                "訪問介護",
            ),
            t2(
                "1",
                "",
                "2",
                "",
                "夜も安全に動ける",
                "",
                SP,
                "3",
                "手すりの貸与",
                "福祉用具貸与",
            ),
            t2(
                "2",
                "しっかり食べたい",
                "1",
                "体重を保てる",
                "水分を1日1000ml",
                LP,
                SP,
                "4",
                "食事の見守り",
                "訪問介護",
            ),
        ]
    }

    fn file(name: &str, table: CsvTable, rows: &[Vec<String>]) -> (String, Vec<u8>) {
        (name.to_string(), encode_file(table, rows))
    }

    fn valid_files() -> Vec<(String, Vec<u8>)> {
        vec![
            file(
                "利用者補足情報.csv",
                CsvTable::Supplement,
                &[supplement_row()],
            ),
            file("第1表.csv", CsvTable::Table1, &[table1_row()]),
            file("第2表.csv", CsvTable::Table2, &table2_rows()),
        ]
    }

    fn problems(files: &[(String, Vec<u8>)]) -> Vec<ImportProblem> {
        match parse_set(files) {
            Ok(set) => panic!("expected problems, parsed {set:?}"),
            Err(p) => p,
        }
    }

    fn key_of(p: &ImportProblem) -> &'static str {
        match &p.reason {
            Reason::Message { key, .. } => key,
            Reason::Field(_) => "field",
        }
    }

    /// The valid set with one 第2表 cell changed.
    fn with_table2_cell(row_i: usize, column: &str, value: &str) -> Vec<(String, Vec<u8>)> {
        let mut rows = table2_rows();
        let i = TABLE2_COLUMNS.iter().position(|c| *c == column).unwrap();
        rows[row_i][i] = value.to_string();
        let mut files = valid_files();
        files[2] = file("第2表.csv", CsvTable::Table2, &rows);
        files
    }

    fn with_table1_cell(column: &str, value: &str) -> Vec<(String, Vec<u8>)> {
        let mut r = table1_row();
        let i = TABLE1_COLUMNS.iter().position(|c| *c == column).unwrap();
        r[i] = value.to_string();
        let mut files = valid_files();
        files[1] = file("第1表.csv", CsvTable::Table1, &[r]);
        files
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_valid_set_becomes_needs_goals_and_services() {
        let set = parse_set(&valid_files()).unwrap();
        assert_eq!(set.supplements.len(), 1);
        let s = &set.supplements[0];
        assert_eq!((s.key.insurer(), s.key.insured()), (INSURER, INSURED));
        assert_eq!(s.name, "山本　ハナ");
        assert_eq!(s.birth_date, date(1942, 5, 3));
        assert_eq!(s.line, 1);

        assert_eq!(set.plans.len(), 1);
        let plan = &set.plans[0];
        assert_eq!(plan.plan_date, date(2026, 11, 1));
        assert_eq!(plan.author_name, "田中 里美");
        assert_eq!(plan.office_name, "居宅介護支援事業所 あおぞら");
        assert_eq!(plan.table1.care_level, CareLevel::Care2);
        assert_eq!(plan.table1.certification.from(), date(2026, 5, 1));
        assert_eq!(plan.table1.certification.to(), date(2027, 4, 30));
        assert_eq!(plan.table1.intention.as_str(), "本人:家で暮らしたい。");
        assert_eq!(plan.table1.policy.as_str(), "転ばないように支えます。");

        assert_eq!(plan.needs.len(), 2);
        let n1 = &plan.needs[0];
        assert_eq!(n1.need.as_str(), "転ばずに暮らしたい");
        assert_eq!(n1.long_goals.len(), 1);
        let lg = &n1.long_goals[0];
        assert_eq!(lg.goal.as_str(), "家の中を安全に歩ける");
        assert_eq!(lg.period.to(), date(2027, 4, 30));
        assert_eq!(lg.short_goals.len(), 2);
        let sg = &lg.short_goals[0];
        assert_eq!(sg.goal.as_str(), "トイレまで歩ける");
        assert_eq!(sg.period.to(), date(2027, 1, 31));
        // Ordered by 援助内容NO, not by row.
        let contents: Vec<&str> = sg.services.iter().map(|s| s.content.as_str()).collect();
        assert_eq!(contents, ["移動の見守り", "歩行訓練"]);
        assert!(sg.services[0].insured);
        assert_eq!(sg.services[0].kind.as_str(), "訪問介護");
        assert_eq!(sg.services[0].frequency.as_str(), "週2回");
        assert_eq!(sg.services[0].provider_name, "デイサービス さくらの家");
        assert_eq!(lg.short_goals[1].goal.as_str(), "夜も安全に動ける");
        assert_eq!(lg.short_goals[1].services.len(), 1);
        assert_eq!(plan.needs[1].need.as_str(), "しっかり食べたい");
        assert_eq!(plan.needs[1].long_goals[0].short_goals[0].services.len(), 1);

        assert_eq!(plan.digest.len(), 64);
        let again = parse_set(&valid_files()).unwrap();
        assert_eq!(again.plans[0].digest, plan.digest);
        let changed = parse_set(&with_table2_cell(3, "頻度", "週3回")).unwrap();
        assert_ne!(changed.plans[0].digest, plan.digest);
    }

    #[test]
    fn a_utf8_file_is_refused_as_such() {
        let mut files = valid_files();
        let text = encoding_rs::SHIFT_JIS.decode(&files[1].1).0.into_owned();
        files[1].1 = text.into_bytes();
        let p = problems(&files);
        assert_eq!(p.len(), 1);
        assert_eq!(key_of(&p[0]), "import-error-utf8");
        assert_eq!(p[0].file.as_deref(), Some("第1表.csv"));
        assert!(p[0].describe(Lang::Ja).contains("UTF-8"));
    }

    #[test]
    fn a_byte_that_is_not_shift_jis_names_its_line() {
        let mut files = valid_files();
        files[2]
            .1
            .extend_from_slice(&[b'1', b',', 0x81, b'\r', b'\n']);
        let p = problems(&files);
        assert_eq!(key_of(&p[0]), "import-error-not-sjis");
        assert_eq!(p[0].row, Some(5));
    }

    #[test]
    fn rows_with_too_few_or_too_many_columns_say_which() {
        let mut rows = table2_rows();
        rows[1].truncate(21);
        rows[2].push("余分".to_string());
        let mut files = valid_files();
        files[2] = ("第2表.csv".to_string(), encode_lines(&rows));
        let p = problems(&files);
        let few = p
            .iter()
            .find(|p| key_of(p) == "import-csv-too-few-columns")
            .unwrap();
        assert_eq!(few.row, Some(2));
        let text = few.describe(Lang::Ja);
        assert!(text.contains("22") && text.contains("21"), "{text}");
        let many = p
            .iter()
            .find(|p| key_of(p) == "import-csv-too-many-columns")
            .unwrap();
        assert_eq!(many.row, Some(3));
        assert!(many.describe(Lang::Ja).contains("23"));
    }

    #[test]
    fn wareki_and_slashed_dates_are_refused_with_the_form_to_use() {
        for bad in ["令和8年11月1日", "2026/11/1", "R081101", "2026111"] {
            let files = with_table2_cell(0, "居宅サービス計画作成(変更)日", bad);
            let p = problems(&files);
            assert_eq!(key_of(&p[0]), "import-csv-date-format", "{bad}");
            assert_eq!(p[0].row, Some(1));
            assert_eq!(p[0].column.as_deref(), Some("居宅サービス計画作成(変更)日"));
            let text = p[0].describe(Lang::Ja);
            assert!(text.contains("20250228"), "{text}");
        }
    }

    #[test]
    fn an_impossible_date_has_its_own_message() {
        let p = problems(&with_table1_cell("認定の有効期間", "20250230～20260331"));
        assert_eq!(key_of(&p[0]), "import-csv-impossible-date");
        assert_eq!(p[0].column.as_deref(), Some("認定の有効期間"));
        assert!(p[0].describe(Lang::Ja).contains("ありえない日付です"));
    }

    #[test]
    fn periods_take_several_joiners_and_refuse_reversed_ones() {
        for ok in [
            "20261101～20270430",
            "20261101~20270430",
            "20261101-20270430",
            "20261101 ～ 20270430",
        ] {
            assert!(
                parse_set(&with_table2_cell(0, "長期期間", ok)).is_ok(),
                "{ok}"
            );
        }
        // Shift_JIS has no U+301C (its 0x8160 decodes to ～), but text
        // pasted from elsewhere may carry it.
        let p = parse_period(Field::GoalPeriod, "20261101〜20270430").unwrap();
        assert_eq!((p.from(), p.to()), (date(2026, 11, 1), date(2027, 4, 30)));
        let p = problems(&with_table2_cell(0, "長期期間", "20270430～20261101"));
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(Field::GoalPeriod, Problem::PeriodReversed))
        );
        let p = problems(&with_table2_cell(0, "実施期間", "20261101"));
        assert_eq!(key_of(&p[0]), "import-csv-period-format");
    }

    #[test]
    fn halfwidth_katakana_is_refused_with_row_and_column() {
        let p = problems(&with_table2_cell(1, "サービス内容", "ﾎｺｳ訓練"));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(key_of(&p[0]), "import-csv-halfwidth-kana");
        assert_eq!(p[0].row, Some(2));
        assert_eq!(p[0].column.as_deref(), Some("サービス内容"));
        assert_eq!(
            p[0].describe(Lang::Ja),
            "第2表.csv: 2行目の「サービス内容」: 半角カタカナがあります。全角で書いてください。"
        );
    }

    #[test]
    fn care_levels_are_read_and_unknown_ones_refused() {
        let set = parse_set(&with_table1_cell("要介護状態区分", "要支援２")).unwrap();
        assert_eq!(set.plans[0].table1.care_level, CareLevel::Support2);
        let p = problems(&with_table1_cell("要介護状態区分", "要介護6"));
        assert_eq!(key_of(&p[0]), "import-csv-care-level");
        assert_eq!(p[0].column.as_deref(), Some("要介護状態区分"));
        let p = problems(&with_table1_cell("要介護状態区分", ""));
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(Field::CareLevel, Problem::Required))
        );
    }

    #[test]
    fn insurance_numbers_must_have_their_digits() {
        assert!(InsuranceKey::parse("131011", "0000012345").is_ok());
        assert_eq!(
            InsuranceKey::parse("13101", "0000012345"),
            Err(InsuranceKeyError::Insurer)
        );
        assert_eq!(
            InsuranceKey::parse("131011", "12345"),
            Err(InsuranceKeyError::Insured)
        );
        assert_eq!(
            InsuranceKey::parse("131011", "００００012345"),
            Err(InsuranceKeyError::Insured)
        );
        let mut rows = table2_rows();
        rows[0][T2_INSURER.index] = "13101".to_string();
        rows[0][T2_INSURED.index] = "12345".to_string();
        let mut files = valid_files();
        files[2] = file("第2表.csv", CsvTable::Table2, &rows);
        let p = problems(&files);
        let keys: Vec<_> = p.iter().map(key_of).collect();
        assert!(keys.contains(&"import-csv-insurer-number"), "{keys:?}");
        assert!(keys.contains(&"import-csv-insured-number"), "{keys:?}");
    }

    #[test]
    fn the_insured_flag_takes_1_maru_0_or_empty() {
        for (raw, want) in [("1", true), ("○", true), ("0", false), ("", false)] {
            let set = parse_set(&with_table2_cell(3, "保険対象区分", raw)).unwrap();
            assert_eq!(
                set.plans[0].needs[1].long_goals[0].short_goals[0].services[0].insured,
                want
            );
        }
        let p = problems(&with_table2_cell(3, "保険対象区分", "対象"));
        assert_eq!(key_of(&p[0]), "import-csv-insured-flag");
    }

    #[test]
    fn text_limits_come_from_the_domain() {
        let long = "あ".repeat(501);
        let p = problems(&with_table2_cell(0, "サービス内容", &long));
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(
                Field::ServiceContent,
                Problem::TooLong { max: 500 }
            ))
        );
        assert_eq!(p[0].column.as_deref(), Some("サービス内容"));
    }

    #[test]
    fn a_plan_needs_both_its_tables_once() {
        let files = valid_files();
        let p = problems(&[files[0].clone(), files[2].clone()]);
        assert_eq!(p.len(), 1);
        assert_eq!(key_of(&p[0]), "import-csv-no-table1");
        assert_eq!(
            (p[0].file.as_deref(), p[0].row),
            (Some("第2表.csv"), Some(1))
        );
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("この計画の第1表がありません"));

        let p = problems(&[files[1].clone()]);
        assert_eq!(key_of(&p[0]), "import-csv-no-table2");

        let mut files = valid_files();
        files[1] = file("第1表.csv", CsvTable::Table1, &[table1_row(), table1_row()]);
        let p = problems(&files);
        assert_eq!(p.len(), 1);
        assert_eq!(key_of(&p[0]), "import-csv-duplicate-table1");
        assert_eq!(p[0].row, Some(2));
    }

    #[test]
    fn empty_cells_repeat_the_row_above_with_the_same_number() {
        // Row 2 (援助目標NO 1) left 課題, goals and periods empty: they are
        // the first row's. Row 3 started 援助目標NO 2 under the same long goal.
        let set = parse_set(&valid_files()).unwrap();
        let lg = &set.plans[0].needs[0].long_goals[0];
        assert_eq!(lg.short_goals[0].services.len(), 2);
        assert_eq!(lg.short_goals[1].period.to(), date(2027, 1, 31));

        // With nothing above to repeat, an empty 課題 is missing.
        let p = problems(&with_table2_cell(3, "課題", ""));
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(Field::Need, Problem::Required))
        );
        assert_eq!((p[0].row, p[0].column.as_deref()), (Some(4), Some("課題")));
        // A new 援助目標NO has no short goal to repeat.
        let p = problems(&with_table2_cell(2, "短期目標", ""));
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(Field::Goal, Problem::Required))
        );

        // A written value that differs under the same number is a conflict.
        let p = problems(&with_table2_cell(1, "課題", "ちがう課題"));
        assert_eq!(key_of(&p[0]), "import-csv-conflict");
        assert!(p[0].describe(Lang::Ja).contains("1行目"));
    }

    #[test]
    fn a_second_long_goal_under_one_need_is_its_own() {
        let mut rows = table2_rows();
        rows.push(t2(
            "2",
            "",
            "2",
            "むせずに食べられる",
            "とろみで飲める",
            LP,
            SP,
            "5",
            "嚥下の観察",
            "訪問看護",
        ));
        let mut files = valid_files();
        files[2] = file("第2表.csv", CsvTable::Table2, &rows);
        let set = parse_set(&files).unwrap();
        let need = &set.plans[0].needs[1];
        assert_eq!(need.long_goals.len(), 2);
        assert_eq!(need.long_goals[1].goal.as_str(), "むせずに食べられる");
        assert_eq!(
            need.long_goals[1].short_goals[0].services[0].kind.as_str(),
            "訪問看護"
        );
    }

    #[test]
    fn a_header_row_decides_the_table_and_must_match_the_layout() {
        let header: Vec<String> = TABLE2_COLUMNS.iter().map(|c| c.to_string()).collect();
        let mut rows = vec![header.clone()];
        rows.extend(table2_rows());
        let mut files = valid_files();
        files[2] = ("export.csv".to_string(), encode_lines(&rows));
        let set = parse_set(&files).unwrap();
        assert_eq!(set.plans[0].needs.len(), 2);

        // Full-width brackets and letters are the same names.
        rows[0][4] = "居宅サービス計画作成（変更）日".to_string();
        rows[0][5] = "課題ＮＯ".to_string();
        files[2] = ("export.csv".to_string(), encode_lines(&rows));
        assert!(parse_set(&files).is_ok());

        rows[0][9] = "短期の目標".to_string();
        let p = problems(&[("export.csv".to_string(), encode_lines(&rows))]);
        assert_eq!(p.len(), 1);
        assert_eq!(key_of(&p[0]), "import-csv-unexpected-column");
        assert_eq!(p[0].column.as_deref(), Some("短期の目標"));
        assert!(p[0].describe(Lang::Ja).contains("短期目標"));
    }

    #[test]
    fn the_table_is_known_by_name_hint_or_column_count() {
        let t1 = encode_file(CsvTable::Table1, &[table1_row()]);
        let t2 = encode_file(CsvTable::Table2, &table2_rows());
        for (n1, n2) in [
            ("KYOTAKU_TABLE1.CSV", "kyotaku_Table2.csv"),
            ("a.csv", "b.csv"),
        ] {
            let files = vec![(n1.to_string(), t1.clone()), (n2.to_string(), t2.clone())];
            assert!(parse_set(&files).is_ok(), "{n1} {n2}");
        }
        let odd = encode_lines(&[vec!["1".to_string(), "2".to_string()]]);
        let p = problems(&[("unknown.csv".to_string(), odd)]);
        assert_eq!(key_of(&p[0]), "import-csv-unknown-table");
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("どの表のファイルか分かりません"));
    }

    #[test]
    fn too_big_empty_and_deletion_files_are_refused_whole() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        let p = problems(&[("第2表.csv".to_string(), big)]);
        assert_eq!((key_of(&p[0]), p[0].row), ("import-error-too-big", None));
        let p = problems(&[("第2表.csv".to_string(), b"\r\n,,,\r\n".to_vec())]);
        assert_eq!(key_of(&p[0]), "import-csv-empty-file");
        let p = problems(&[(
            "第1表_削除.csv".to_string(),
            encode_file(CsvTable::Table1, &[table1_row()]),
        )]);
        assert_eq!(key_of(&p[0]), "import-csv-deletion-file");
        assert_eq!(key_of(&problems(&[])[0]), "import-error-no-file");
    }

    #[test]
    fn several_recipients_in_one_file_are_separate_plans() {
        let other = |mut r: Vec<String>| {
            r[2] = "0000099999".to_string();
            r
        };
        let t1 = vec![table1_row(), other(table1_row())];
        let mut t2 = table2_rows();
        t2.extend(table2_rows().into_iter().map(other));
        let files = vec![
            file("第1表.csv", CsvTable::Table1, &t1),
            file("第2表.csv", CsvTable::Table2, &t2),
        ];
        let set = parse_set(&files).unwrap();
        assert_eq!(set.plans.len(), 2);
        assert_eq!(set.plans[1].key.insured(), "0000099999");
        assert_eq!(set.plans[1].needs, set.plans[0].needs);
        assert_ne!(set.plans[1].digest, set.plans[0].digest);
    }

    #[test]
    fn every_message_key_here_has_japanese_and_english_text() {
        let source = include_str!("careplan_csv.rs");
        let mut keys: Vec<&str> = source
            .match_indices("\"import-csv-")
            .filter_map(|(i, _)| source[i + 1..].split('"').next())
            .filter(|k| k.len() > "import-csv-".len())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        assert!(keys.len() > 15, "{keys:?}");
        // Every argument any message takes, so a lookup cannot fail for
        // a missing one.
        let args: Vec<(&str, String)> = [
            "value", "table", "expected", "found", "first", "position", "count",
        ]
        .iter()
        .map(|a| (*a, "1".to_string()))
        .collect();
        for key in keys {
            for lang in [Lang::Ja, Lang::En] {
                let text = crate::i18n::text_with(lang, key, &args);
                assert_ne!(text, key, "{key} has no {lang:?} text");
            }
        }
    }

    #[test]
    fn the_demo_fixtures_parse() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/careplan");
        let files: Vec<(String, Vec<u8>)> = ["利用者補足情報.csv", "第1表.csv", "第2表.csv"]
            .iter()
            .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap()))
            .collect();
        // The fixtures are what care software writes: Shift_JIS with CRLF.
        for (_, bytes) in &files {
            assert!(std::str::from_utf8(bytes).is_err());
            assert!(bytes.windows(2).any(|w| w == b"\r\n"));
        }
        let set = parse_set(&files).unwrap_or_else(|p| {
            panic!(
                "{:?}",
                p.iter().map(|p| p.describe(Lang::Ja)).collect::<Vec<_>>()
            )
        });
        assert_eq!(set.supplements.len(), 1);
        let s = &set.supplements[0];
        assert_eq!(s.name_kana, "ヤマモト　ハナ");
        assert_eq!(set.plans.len(), 1);
        let plan = &set.plans[0];
        assert_eq!((plan.key.insurer(), plan.key.insured()), (INSURER, INSURED));
        assert_eq!(plan.plan_date, date(2026, 11, 1));
        assert_eq!(plan.table1.care_level, CareLevel::Care2);
        assert_eq!(plan.table1.certification.from(), date(2026, 5, 1));
        assert_eq!(plan.table1.certification.to(), date(2027, 4, 30));
        assert_eq!(plan.author_name, "田中　里美");
        // Line breaks inside a quoted cell arrive as \n only.
        let intention = plan.table1.intention.as_str();
        assert!(intention.contains('\n') && !intention.contains('\r'));
        assert_eq!(plan.needs.len(), 2);
        let family = &plan.needs[1].long_goals[0].short_goals[0].services[2];
        assert_eq!(
            (family.kind.as_str(), family.insured),
            ("家族(長女)", false)
        );
        for need in &plan.needs {
            assert_eq!(need.long_goals.len(), 1);
            let shorts = &need.long_goals[0].short_goals;
            assert!((1..=2).contains(&shorts.len()));
            let services: usize = shorts.iter().map(|s| s.services.len()).sum();
            assert!((2..=3).contains(&services), "{services}");
        }
        let kinds: Vec<&str> = plan
            .needs
            .iter()
            .flat_map(|n| &n.long_goals[0].short_goals)
            .flat_map(|s| &s.services)
            .map(|s| s.kind.as_str())
            .collect();
        for k in ["通所介護", "訪問介護", "福祉用具貸与"] {
            assert!(kinds.iter().any(|x| x.starts_with(k)), "{kinds:?}");
        }
    }

    // -----------------------------------------------------------------------
    // Properties.

    /// Characters care text is made of, including the ones CSV must quote.
    fn text(max: usize) -> impl Strategy<Value = String> {
        let chars: Vec<char> = "あいうえおかきくけこ山本歩行訓練見守り介護食事週回アイウエオ、。・()1234567890abc,\"～"
            .chars()
            .collect();
        prop::collection::vec(prop::sample::select(chars), 1..max)
            .prop_map(|v| v.into_iter().collect())
    }

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..3000).prop_map(|d| date(2020, 1, 1) + chrono::Duration::days(d))
    }

    fn period() -> impl Strategy<Value = Period> {
        (day(), 0i64..800).prop_map(|(from, len)| {
            Period::parse(Field::GoalPeriod, from, from + chrono::Duration::days(len)).unwrap()
        })
    }

    fn service() -> impl Strategy<Value = ServiceLine> {
        (
            text(30),
            any::<bool>(),
            text(10),
            text(15),
            text(8),
            period(),
        )
            .prop_map(|(content, insured, kind, provider, frequency, period)| {
                ServiceLine {
                    content: ServiceContent::parse(&content).unwrap(),
                    insured,
                    kind: ServiceKindText::parse(&kind).unwrap(),
                    provider_name: provider,
                    frequency: Frequency::parse(&frequency).unwrap(),
                    period,
                }
            })
    }

    fn short_goal() -> impl Strategy<Value = ShortGoal> {
        (text(20), period(), prop::collection::vec(service(), 1..4)).prop_map(
            |(goal, period, services)| ShortGoal {
                goal: GoalText::parse(&goal).unwrap(),
                period,
                services,
            },
        )
    }

    fn needs() -> impl Strategy<Value = Vec<Need>> {
        let long = (
            text(20),
            period(),
            prop::collection::vec(short_goal(), 1..3),
        );
        let need = (text(20), prop::collection::vec(long, 1..3));
        prop::collection::vec(need, 1..4).prop_map(|needs| {
            needs
                .into_iter()
                .map(|(need, longs)| Need {
                    need: NeedText::parse(&need).unwrap(),
                    long_goals: longs
                        .into_iter()
                        .enumerate()
                        // Distinct long goals: equal ones would be one goal.
                        .map(|(i, (goal, period, short_goals))| LongGoal {
                            goal: GoalText::parse(&format!("{goal}{i}")).unwrap(),
                            period,
                            short_goals,
                        })
                        .collect(),
                })
                .collect()
        })
    }

    fn period_cell(p: Period) -> String {
        format!("{}～{}", p.from().format("%Y%m%d"), p.to().format("%Y%m%d"))
    }

    /// The 第2表 rows of `needs`, leaving repeated cells empty where `blank`
    /// says so, as care software does.
    fn rows_of(needs: &[Need], blank: &[bool]) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut service_no = 0;
        let mut blanks = blank.iter().cycle();
        for (ni, need) in needs.iter().enumerate() {
            let mut goal_no = 0;
            let mut first_of_need = true;
            for long in &need.long_goals {
                let mut first_of_long = true;
                for short in &long.short_goals {
                    goal_no += 1;
                    let mut first_of_short = true;
                    for s in &short.services {
                        service_no += 1;
                        let empty_if = |first: bool, v: String, b: bool| {
                            if !first && b {
                                String::new()
                            } else {
                                v
                            }
                        };
                        let need_cell = empty_if(
                            first_of_need,
                            need.need.to_string(),
                            *blanks.next().unwrap_or(&false),
                        );
                        let long_cell = empty_if(
                            first_of_long,
                            long.goal.to_string(),
                            *blanks.next().unwrap_or(&false),
                        );
                        let lp_cell = empty_if(
                            first_of_long,
                            period_cell(long.period),
                            *blanks.next().unwrap_or(&false),
                        );
                        let short_cell = empty_if(
                            first_of_short,
                            short.goal.to_string(),
                            *blanks.next().unwrap_or(&false),
                        );
                        let sp_cell = empty_if(
                            first_of_short,
                            period_cell(short.period),
                            *blanks.next().unwrap_or(&false),
                        );
                        let service_period = period_cell(s.period);
                        let mut r = row(
                            CsvTable::Table2,
                            &[
                                ("CSVバージョン", "1"),
                                ("保険者番号", INSURER),
                                ("被保険者番号", INSURED),
                                ("居宅サービス計画作成(変更)日", "20261101"),
                                ("サービス内容", s.content.as_str()),
                                ("保険対象区分", if s.insured { "1" } else { "0" }),
                                ("サービス種別", s.kind.as_str()),
                                ("サービス事業所名", s.provider_name.as_str()),
                                ("頻度", s.frequency.as_str()),
                                ("実施期間", service_period.as_str()),
                                ("長期目標", long_cell.as_str()),
                                ("長期期間", lp_cell.as_str()),
                                ("短期目標", short_cell.as_str()),
                                ("短期期間", sp_cell.as_str()),
                                ("課題", need_cell.as_str()),
                            ],
                        );
                        r[T2_NEED_NO.index] = (ni + 1).to_string();
                        r[T2_GOAL_NO.index] = goal_no.to_string();
                        r[T2_SERVICE_NO.index] = service_no.to_string();
                        rows.push(r);
                        first_of_need = false;
                        first_of_long = false;
                        first_of_short = false;
                    }
                }
            }
        }
        rows
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), hint in 0usize..4) {
            let name = ["第1表.csv", "第2表.csv", "利用者補足情報.csv", "x.csv"][hint];
            let _ = parse_set(&[(name.to_string(), bytes)]);
        }

        #[test]
        fn arbitrary_cells_never_panic(cells in prop::collection::vec(any::<String>(), 22)) {
            let t2 = encode_file(CsvTable::Table2, std::slice::from_ref(&cells));
            let t1 = encode_file(CsvTable::Table1, &[cells]);
            let _ = parse_set(&[("第2表.csv".to_string(), t2), ("第1表.csv".to_string(), t1)]);
        }

        #[test]
        fn a_written_plan_reads_back_the_same(
            needs in needs(),
            blank in prop::collection::vec(any::<bool>(), 1..16),
        ) {
            let files = vec![
                file("第1表.csv", CsvTable::Table1, &[table1_row()]),
                file("第2表.csv", CsvTable::Table2, &rows_of(&needs, &blank)),
            ];
            let set = parse_set(&files).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            prop_assert_eq!(set.plans.len(), 1);
            prop_assert_eq!(&set.plans[0].needs, &needs);
        }
    }
}

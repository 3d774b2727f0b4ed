//! `yorisoi import FILE… --recipient ID`: imports a ケアプラン標準仕様 CSV set
//! or FHIR JSON for one recipient, prints a JSON summary (created /
//! unchanged / errors) and fails when anything was refused.

use std::path::PathBuf;

use anyhow::Context;

use app::domain::classes::InfoClass;
use app::domain::ids::{PersonId, RecipientId};
use app::i18n::Lang;
use app::server::db::{self, Db};
use app::server::import::apply::{ImportFailure, Importer, Summary};
use app::server::import::{self, ImportProblem};

/// The summary to print, and whether everything went in.
pub async fn run(
    db: &Db,
    paths: &[PathBuf],
    recipient: RecipientId,
    author: Option<PersonId>,
) -> anyhow::Result<(Summary, bool)> {
    let mut files = Vec::with_capacity(paths.len());
    let mut too_big = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Refused before reading: a 50 MB file is not loaded into memory.
        let len = std::fs::metadata(path)
            .with_context(|| format!("reading {}", path.display()))?
            .len();
        if len > import::MAX_FILE_BYTES as u64 {
            too_big.push(import::too_big(&name));
            continue;
        }
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        files.push((name, bytes));
    }
    let format = import::Format::detect(&files)
        .map(|f| f.code())
        .unwrap_or("unknown");
    if !too_big.is_empty() {
        return Ok((refused(format, &too_big), false));
    }
    db::people::get_recipient(db, recipient)
        .await
        .context("no recipient with this id")?;
    let (author, provider) = match author {
        Some(person) => {
            let p = db::people::get_person(db, person)
                .await
                .context("no person with this id")?;
            let provider = p.provider.context("the --as person works for no 事業所")?;
            (person, provider)
        }
        None => db::imports::care_manager_of(db, recipient)
            .await?
            .context("the recipient has no care manager; name the author with --as")?,
    };
    let who = Importer {
        actor: None,
        author,
        provider,
        recipient,
        classes: InfoClass::ALL.to_vec(),
    };
    match import::import_files(db, &who, &files, chrono::Utc::now()).await {
        Ok(summary) => Ok((summary, true)),
        Err(ImportFailure::Refused(problems)) => Ok((refused(format, &problems), false)),
        Err(ImportFailure::Db(e)) => Err(e).context("writing the import"),
    }
}

fn refused(format: &'static str, problems: &[ImportProblem]) -> Summary {
    Summary::refused(
        format,
        problems.iter().map(|p| p.describe(Lang::Ja)).collect(),
    )
}

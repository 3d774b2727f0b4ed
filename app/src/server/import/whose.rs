//! Whose file it is: a FHIR file is imported only for the person it is
//! about. Its Patient is the recipient when it carries her 被保険者番号
//! (under a system in [`INSURED_NUMBER_SYSTEMS`]) or an identifier the
//! 事業所 registered for her (`recipient_identifiers`). An identifier that
//! names another recipient makes it another person's file, even beside one
//! of hers. A file without a Patient, or whose Patient carries nothing we
//! can check, names nobody we know: refused too.
//!
//! [`INSURED_NUMBER_SYSTEMS`]: crate::domain::patient_identifier::INSURED_NUMBER_SYSTEMS

use super::apply::ImportFailure;
use super::fhir::{FhirPatient, FileIdentifier, Subject};
use super::ImportProblem;
use crate::domain::ids::RecipientId;
use crate::domain::patient_identifier::PatientIdentifier;
use crate::server::db::{imports, Db, DbError};

/// At most this many of a Patient's identifiers are quoted in a refusal.
const QUOTED: usize = 5;

/// Refuses unless every file is about `recipient`; reads, never writes.
pub(crate) async fn check(
    db: &Db,
    recipient: RecipientId,
    subjects: &[Subject],
) -> Result<(), ImportFailure> {
    let mut problems = Vec::new();
    // No file at all names nobody either.
    if subjects.is_empty() {
        problems.push(in_file(no_patient(), None));
    }
    for s in subjects {
        let problem = match &s.patient {
            None => Some(no_patient()),
            Some(p) => patient_problem(db, recipient, p).await?,
        };
        problems.extend(problem.map(|p| in_file(p, s.file.as_deref())));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportFailure::Refused(problems))
    }
}

fn in_file(p: ImportProblem, file: Option<&str>) -> ImportProblem {
    let p = ImportProblem {
        row_is_entry: true,
        ..p
    };
    match file {
        Some(f) => p.in_file(f),
        None => p,
    }
}

fn no_patient() -> ImportProblem {
    ImportProblem::message(None, None, "import-fhir-no-patient", vec![])
}

/// What one identifier says about whose file it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    Her,
    Another,
    Nobody,
}

async fn patient_problem(
    db: &Db,
    recipient: RecipientId,
    p: &FhirPatient,
) -> Result<Option<ImportProblem>, DbError> {
    let column = Some("Patient.identifier");
    if p.identifiers.is_empty() {
        let key = "import-fhir-patient-no-identifier";
        return Ok(Some(ImportProblem::message(p.row, column, key, vec![])));
    }
    let mut names = Vec::with_capacity(p.identifiers.len());
    for i in &p.identifiers {
        names.push(whom(db, recipient, i).await?);
    }
    let problem = match verdict(&names) {
        Names::Her => None,
        Names::Another => Some(ImportProblem::message(
            p.row,
            column,
            "import-fhir-patient-another-person",
            vec![],
        )),
        Names::Nobody => Some(ImportProblem::message(
            p.row,
            column,
            "import-fhir-patient-not-this-recipient",
            vec![("identifiers", quoted(&p.identifiers))],
        )),
    };
    Ok(problem)
}

/// Another person's identifier outweighs hers: the file may mix people.
fn verdict(names: &[Names]) -> Names {
    if names.contains(&Names::Another) {
        Names::Another
    } else if names.contains(&Names::Her) {
        Names::Her
    } else {
        Names::Nobody
    }
}

/// Whom one identifier names. Without a system a value could be any
/// number (a 患者番号 may have ten digits too): it names nobody.
async fn whom(db: &Db, recipient: RecipientId, i: &FileIdentifier) -> Result<Names, DbError> {
    let (Some(system), Some(value)) = (i.system.as_deref(), i.value.as_deref()) else {
        return Ok(Names::Nobody);
    };
    let Ok(id) = PatientIdentifier::parse(system, value) else {
        return Ok(Names::Nobody);
    };
    let owners = if id.is_insured_number() {
        match id.insured_number() {
            Some(number) => imports::recipients_by_insured(db, &number).await?,
            None => Vec::new(),
        }
    } else {
        imports::recipient_by_identifier(db, &id)
            .await?
            .into_iter()
            .collect()
    };
    Ok(named(recipient, &owners))
}

/// A 被保険者番号 is unique only within its 保険者, so it may be hers and
/// someone else's too; the file is hers then.
fn named(recipient: RecipientId, owners: &[RecipientId]) -> Names {
    if owners.contains(&recipient) {
        Names::Her
    } else if owners.is_empty() {
        Names::Nobody
    } else {
        Names::Another
    }
}

/// The identifiers as the file writes them: `value (system)`.
fn quoted(ids: &[FileIdentifier]) -> String {
    let shown: Vec<String> = ids
        .iter()
        .take(QUOTED)
        .map(|i| match (i.value.as_deref(), i.system.as_deref()) {
            (Some(v), Some(s)) => format!("{v} ({s})"),
            (Some(v), None) => v.to_string(),
            (None, Some(s)) => format!("({s})"),
            (None, None) => "-".to_string(),
        })
        .collect();
    let more = if ids.len() > QUOTED { " / …" } else { "" };
    format!("{}{more}", shown.join(" / "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_persons_identifier_outweighs_hers() {
        use Names::*;
        assert_eq!(verdict(&[Her]), Her);
        assert_eq!(verdict(&[Nobody, Her]), Her);
        assert_eq!(verdict(&[Her, Another]), Another);
        assert_eq!(verdict(&[Nobody, Another]), Another);
        assert_eq!(verdict(&[Nobody, Nobody]), Nobody);
    }

    #[test]
    fn a_number_shared_across_insurers_is_hers_when_it_is_hers() {
        let (her, him) = (RecipientId::new(), RecipientId::new());
        assert_eq!(named(her, &[him, her]), Names::Her);
        assert_eq!(named(her, &[him]), Names::Another);
        assert_eq!(named(her, &[]), Names::Nobody);
    }

    #[test]
    fn identifiers_are_quoted_as_written_and_a_long_list_is_cut() {
        let id = |s: Option<&str>, v: Option<&str>| FileIdentifier {
            system: s.map(str::to_string),
            value: v.map(str::to_string),
        };
        assert_eq!(
            quoted(&[
                id(Some("urn:oid:1.2"), Some("A-1")),
                id(None, Some("0000012345"))
            ]),
            "A-1 (urn:oid:1.2) / 0000012345"
        );
        let many = vec![id(None, Some("1")); 7];
        assert_eq!(quoted(&many), "1 / 1 / 1 / 1 / 1 / …");
    }

    #[test]
    fn every_message_key_has_words() {
        use crate::i18n::{self, Lang};
        let ja = include_str!("../../../../locales/ja/import-fhir.ftl");
        let en = include_str!("../../../../locales/en/import-fhir.ftl");
        let args = [("identifiers", "A-1 (urn:oid:1.2)".to_string())];
        for key in [
            "import-fhir-no-patient",
            "import-fhir-patient-no-identifier",
            "import-fhir-patient-not-this-recipient",
            "import-fhir-patient-another-person",
        ] {
            for (lang, text) in [(Lang::Ja, ja), (Lang::En, en)] {
                assert!(text.contains(&format!("\n{key} =")), "{key} in {lang:?}");
                let said = i18n::text_with(lang, key, &args);
                assert!(!said.contains("import-fhir-"), "{key}: {said}");
            }
        }
    }
}

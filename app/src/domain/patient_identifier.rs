//! An identifier another system gives a recipient — a FHIR `Identifier`'s
//! system and value — and the systems that carry her 被保険者番号.

/// JP Core's NamingSystem of the 被保険者番号 (JP_InsuredPersonNumber), in
/// both of the forms it lists, and Yorisoi's own system for the 介護保険
/// 被保険者番号 (the one in tests/fixtures/fhir).
pub const INSURED_NUMBER_SYSTEMS: &[&str] = &[
    "urn:oid:1.2.392.100495.20.3.63",
    "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonNumber",
    "https://yorisoi.example/fhir/NamingSystem/care-insurance-insured-number",
];

/// Longer than any identifier a system issues; keeps a typo from the
/// command line out of the table.
const MAX_CHARS: usize = 256;

/// A system (a URI) and a value, checked: what the 事業所 registers for a
/// recipient, compared exactly with what a file carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatientIdentifier {
    system: String,
    value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    #[error("the system must be a URI (http://…, https://…, urn:…) without spaces")]
    System,
    #[error("the value must not be empty, start or end with a space, or hold control characters")]
    Value,
    #[error("the system and the value may have at most 256 characters each")]
    TooLong,
}

impl PatientIdentifier {
    pub fn parse(system: &str, value: &str) -> Result<Self, IdentifierError> {
        if system.chars().count() > MAX_CHARS || value.chars().count() > MAX_CHARS {
            return Err(IdentifierError::TooLong);
        }
        if !is_uri(system) {
            return Err(IdentifierError::System);
        }
        // Compared exactly: " P-1" and "P-1" would look alike to a person
        // and differ to the database.
        if value.is_empty() || value.trim() != value || value.chars().any(char::is_control) {
            return Err(IdentifierError::Value);
        }
        Ok(Self {
            system: system.to_string(),
            value: value.to_string(),
        })
    }

    pub fn system(&self) -> &str {
        &self.system
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether this is a 被保険者番号 (matched against the recipient's
    /// insurance, never registered).
    pub fn is_insured_number(&self) -> bool {
        INSURED_NUMBER_SYSTEMS.contains(&self.system.as_str())
    }

    /// The 被保険者番号 it carries, as `recipient_insurance` keeps it: ten
    /// half-width digits (some software writes them full-width).
    pub fn insured_number(&self) -> Option<String> {
        if !self.is_insured_number() {
            return None;
        }
        let digits: String = self.value.chars().map(half_width_digit).collect();
        (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
    }
}

/// `scheme:rest`, the scheme a letter then letters, digits, `+ - .`.
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_is_a_uri_and_a_value_is_taken_exactly() {
        assert!(PatientIdentifier::parse("urn:oid:1.2.3", "P-1").is_ok());
        assert!(PatientIdentifier::parse("https://h.example/id", "00１").is_ok());
        for system in ["", "P", ":x", "1urn:x", "urn:", "urn:a b", "http://x/\n"] {
            assert_eq!(
                PatientIdentifier::parse(system, "P-1"),
                Err(IdentifierError::System),
                "{system:?}"
            );
        }
        for value in ["", " P-1", "P-1 ", "P\t1"] {
            assert_eq!(
                PatientIdentifier::parse("urn:oid:1.2.3", value),
                Err(IdentifierError::Value),
                "{value:?}"
            );
        }
        let long = "1".repeat(257);
        assert_eq!(
            PatientIdentifier::parse("urn:oid:1.2.3", &long),
            Err(IdentifierError::TooLong)
        );
    }

    #[test]
    fn the_insured_number_is_ten_digits_under_a_known_system() {
        let id = |s: &str, v: &str| PatientIdentifier::parse(s, v).unwrap();
        let jp = INSURED_NUMBER_SYSTEMS[0];
        assert_eq!(
            id(jp, "0000012345").insured_number().as_deref(),
            Some("0000012345")
        );
        assert_eq!(
            id(jp, "０００００１２３４５").insured_number().as_deref(),
            Some("0000012345")
        );
        assert_eq!(id(jp, "12345").insured_number(), None);
        assert_eq!(id(jp, "000001234a").insured_number(), None);
        assert_eq!(id("urn:oid:1.2.3", "0000012345").insured_number(), None);
        assert!(!id("urn:oid:1.2.3", "0000012345").is_insured_number());
    }
}

//! Where an older page of a newest-first list starts (きろく's `?before=`,
//! 見た人の記録's `?older=`): the time and the id of the last item shown,
//! so items of the same millisecond are neither skipped nor repeated.

use super::validation::UnknownQuery;

/// A keyset cursor: items strictly older than `at_ms` and, at the same
/// time, than `id` (ids are UUIDv7 text, so they sort too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    at_ms: i64,
    /// A UUID in its usual lowercase, hyphenated text (as ids are stored
    /// and compared); empty only for the first page.
    id: String,
}

impl Before {
    /// The first page: everything.
    pub fn start() -> Self {
        Self {
            at_ms: i64::MAX,
            id: String::new(),
        }
    }

    /// `{milliseconds}_{id}` as a previous page handed it out (see
    /// `cursor`); None for anything else, so only a number and a UUID
    /// ever reach a query.
    pub fn parse(raw: &str) -> Option<Self> {
        let (at, id) = raw.split_once('_')?;
        let at_ms: i64 = at.parse().ok()?;
        // The id is compared as text in SQL: a UUID written another way
        // (upper case, braces, `urn:uuid:`) is brought back to the form
        // ids are stored in, or the comparison would mean nothing.
        let id = uuid::Uuid::parse_str(id).ok()?;
        Some(Self {
            at_ms,
            id: id.hyphenated().to_string(),
        })
    }

    /// The page's parameter: missing or empty is the first page; anything
    /// but a cursor we handed out is refused.
    pub fn from_query(raw: Option<&str>) -> Result<Self, UnknownQuery> {
        match raw.filter(|r| !r.is_empty()) {
            Some(raw) => Self::parse(raw).ok_or(UnknownQuery),
            None => Ok(Self::start()),
        }
    }

    /// Where the page after an item at `at_ms` with `id` starts.
    pub fn cursor(at_ms: i64, id: &str) -> String {
        format!("{at_ms}_{id}")
    }

    pub fn at_ms(&self) -> i64 {
        self.at_ms
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0192f0c4-1b2a-7c3d-8e4f-a1b2c3d4e5f6";

    #[test]
    fn a_cursor_we_hand_out_reads_back() {
        let b = Before::from_query(Some(&Before::cursor(1_764_000_000_000, ID))).unwrap();
        assert_eq!((b.at_ms(), b.id()), (1_764_000_000_000, ID));
    }

    #[test]
    fn no_cursor_is_the_first_page() {
        assert_eq!(Before::from_query(None), Ok(Before::start()));
        assert_eq!(Before::from_query(Some("")), Ok(Before::start()));
    }

    #[test]
    fn a_uuid_written_another_way_is_compared_as_stored() {
        let upper = format!("5_{{{}}}", ID.to_uppercase());
        assert_eq!(Before::parse(&upper).map(|b| b.id), Some(ID.to_string()));
    }

    #[test]
    fn anything_else_is_refused() {
        for hostile in [
            "_".to_string(),
            "1764000000000".to_string(),
            format!("99999999999999999999_{ID}"),
            format!("1.5_{ID}"),
            format!("1_{ID}_2"),
            format!("1__{ID}"),
            format!("１_{ID}"),
            format!("1_{ID}'; DROP TABLE audit_log; --"),
            "1_../../etc/passwd".to_string(),
        ] {
            assert_eq!(
                Before::from_query(Some(&hostile)),
                Err(UnknownQuery),
                "{hostile}"
            );
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever the parameter holds: a cursor or a refusal, and a
            /// cursor always carries a stored-form UUID.
            #[test]
            fn any_text_is_a_cursor_or_refused(raw in any::<String>()) {
                if let Ok(b) = Before::from_query(Some(&raw)) {
                    prop_assert!(b == Before::start() || uuid::Uuid::parse_str(b.id()).is_ok());
                    prop_assert!(b.id().len() <= 36);
                }
            }

            /// Near misses of a real cursor: a cursor or a refusal.
            #[test]
            fn any_number_and_tail_is_a_cursor_or_refused(
                at in "[+-]?[0-9]{0,25}",
                sep in "[_/:. -]{0,2}",
                tail in "[0-9a-fA-F{}-]{0,40}",
            ) {
                let _ = Before::from_query(Some(&format!("{at}{sep}{tail}")));
            }

            /// The cursor a page hands out for its last item reads back as
            /// that item's time and id.
            #[test]
            fn a_cursor_from_an_item_reads_back(at in any::<i64>(), bytes in any::<[u8; 16]>()) {
                let id = uuid::Uuid::from_bytes(bytes).to_string();
                let b = Before::parse(&Before::cursor(at, &id));
                prop_assert_eq!(b.as_ref().map(Before::at_ms), Some(at));
                prop_assert_eq!(b.as_ref().map(Before::id), Some(id.as_str()));
            }
        }
    }
}

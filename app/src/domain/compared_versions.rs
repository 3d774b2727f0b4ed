//! The two versions of 人生会議 its history page compares: the page's
//! `?from=` and `?to=` (version numbers, as its form sends them).

use super::validation::UnknownQuery;

/// The versions to compare, the older first. Only numbers: whether such
/// versions exist is for the caller to look up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComparedVersions {
    older: i64,
    newer: i64,
}

impl ComparedVersions {
    /// Without `to`, the newest version; without `from`, the one before
    /// `to`. Either way round is accepted. A number that is not one is
    /// refused; a number of no version simply compares nothing.
    pub fn parse(from: Option<&str>, to: Option<&str>, newest: i64) -> Result<Self, UnknownQuery> {
        let to = number(to)?.unwrap_or(newest);
        // Saturating: `to` may be i64::MIN, where `to - 1` would overflow.
        let from = number(from)?.unwrap_or(to.saturating_sub(1));
        Ok(Self {
            older: from.min(to),
            newer: from.max(to),
        })
    }

    pub fn older(self) -> i64 {
        self.older
    }

    pub fn newer(self) -> i64 {
        self.newer
    }
}

/// A version number, or None when the field was left empty.
fn number(raw: Option<&str>) -> Result<Option<i64>, UnknownQuery> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| UnknownQuery),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(from: Option<&str>, to: Option<&str>, newest: i64) -> Option<(i64, i64)> {
        ComparedVersions::parse(from, to, newest)
            .ok()
            .map(|c| (c.older(), c.newer()))
    }

    #[test]
    fn without_a_choice_the_newest_against_the_one_before() {
        assert_eq!(pair(None, None, 3), Some((2, 3)));
        assert_eq!(pair(Some(""), Some(" "), 3), Some((2, 3)));
        assert_eq!(pair(None, Some("2"), 3), Some((1, 2)));
        assert_eq!(pair(Some("3"), Some("1"), 3), Some((1, 3)));
    }

    #[test]
    fn the_smallest_number_has_no_version_before_it_and_does_not_overflow() {
        let min = i64::MIN.to_string();
        assert_eq!(pair(None, Some(&min), 3), Some((i64::MIN, i64::MIN)));
    }

    #[test]
    fn what_is_not_a_number_is_refused() {
        for hostile in [
            "99999999999999999999",
            "２",
            "1.0",
            "1e3",
            "0x10",
            "<script>",
        ] {
            assert_eq!(
                ComparedVersions::parse(Some(hostile), None, 3),
                Err(UnknownQuery),
                "{hostile}"
            );
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever `?from=` and `?to=` hold: two numbers in order, or
            /// a refusal — never a panic (nor an overflow in a debug build).
            #[test]
            fn any_query_is_a_pair_or_refused(
                from in prop_oneof![any::<String>(), any::<i64>().prop_map(|n| n.to_string())],
                to in prop_oneof![any::<String>(), any::<i64>().prop_map(|n| n.to_string())],
                newest in any::<i64>(),
            ) {
                if let Ok(c) = ComparedVersions::parse(Some(&from), Some(&to), newest) {
                    prop_assert!(c.older() <= c.newer());
                }
            }

            /// The numbers the form sends read back as the same pair.
            #[test]
            fn chosen_versions_read_back(a in any::<i64>(), b in any::<i64>(), newest in any::<i64>()) {
                let c = ComparedVersions::parse(Some(&a.to_string()), Some(&b.to_string()), newest);
                prop_assert_eq!(c.map(|c| (c.older(), c.newer())), Ok((a.min(b), a.max(b))));
            }
        }
    }
}

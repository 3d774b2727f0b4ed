//! Identifiers. Random (UUIDv7 on the server), so a URL reveals nothing and
//! cannot be guessed by counting.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(uuid::Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            #[cfg(feature = "ssr")]
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }

            /// Parses an id that came from outside (a URL, a form).
            pub fn parse(raw: &str) -> Option<Self> {
                uuid::Uuid::parse_str(raw.trim()).ok().map(Self)
            }
        }

        #[cfg(feature = "ssr")]
        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// 利用者 (care recipient).
    RecipientId,
    /// Anyone who uses Yorisoi: 本人, family, staff.
    PersonId,
    /// 事業所 (care provider).
    ProviderId,
    CarePlanId,
    NeedId,
    GoalId,
    RecordId,
    VitalsId,
    /// A doctor's target for one vital sign of one person.
    VitalTargetId,
    MedicalItemId,
    RelationshipId,
    /// A one-time link to join Yorisoi.
    InvitationId,
);

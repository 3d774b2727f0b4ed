//! The closed vocabularies of care: roles, information classes, service
//! types, care levels. Each has a stable storage code (ASCII, never shown)
//! and a Fluent key for what people read.

/// Declares an enum with its storage code and label key, and a parser for
/// the code that refuses anything unknown. Attributes before the name and
/// before a variant are passed on (e.g. `#[derive(Default)]` with
/// `#[default]`, or `#[serde(rename_all = "snake_case")]`).
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $code:literal, $key:literal;)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $(#[$m])*
        pub enum $name { $($(#[$vm])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }

            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// What a person is in Yorisoi. Seeing a recipient also needs a care
    /// relationship; a role alone grants nothing.
    Role {
        Recipient => "recipient", "role-recipient";
        Family => "family", "role-family";
        CareManager => "care_manager", "role-care-manager";
        CareWorker => "care_worker", "role-care-worker";
        Nurse => "nurse", "role-nurse";
        Doctor => "doctor", "role-doctor";
        Dietitian => "dietitian", "role-dietitian";
        CommunityCenter => "community_center", "role-community-center";
        ProviderAdmin => "provider_admin", "role-provider-admin";
    }
);

impl Role {
    /// Staff of a care or medical team (as opposed to 本人 and family).
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Recipient | Role::Family)
    }
}

vocabulary!(
    /// Information class of every item; access control decides by it.
    InfoClass {
        Medical => "medical", "class-medical";
        Living => "living", "class-living";
        Acp => "acp", "class-acp";
        Contact => "contact", "class-contact";
    }
);

vocabulary!(
    /// 事業所のサービス種別.
    ServiceType {
        HomeHelp => "home_help", "service-home-help";
        DayService => "day_service", "service-day-service";
        HomeNursing => "home_nursing", "service-home-nursing";
        CareManagement => "care_management", "service-care-management";
        Facility => "facility", "service-facility";
        ShortStay => "short_stay", "service-short-stay";
        HomeRehab => "home_rehab", "service-home-rehab";
        WelfareEquipment => "welfare_equipment", "service-welfare-equipment";
        Clinic => "clinic", "service-clinic";
        CommunityCenter => "community_center", "service-community-center";
    }
);

vocabulary!(
    /// 要介護度.
    CareLevel {
        Support1 => "support_1", "care-level-support-1";
        Support2 => "support_2", "care-level-support-2";
        Care1 => "care_1", "care-level-care-1";
        Care2 => "care_2", "care-level-care-2";
        Care3 => "care_3", "care-level-care-3";
        Care4 => "care_4", "care-level-care-4";
        Care5 => "care_5", "care-level-care-5";
    }
);

vocabulary!(
    /// How a person is linked to a recipient.
    RelationKind {
        SelfPerson => "self", "relation-self";
        Family => "family", "relation-family";
        Team => "team", "relation-team";
    }
);

vocabulary!(
    /// Why a care relationship ended; access ends with it.
    EndReason {
        ServiceEnded => "service_ended", "end-reason-service-ended";
        Died => "died", "end-reason-died";
        Other => "other", "end-reason-other";
        /// The staff member's work for their 事業所 ended (their
        /// administrator ended it; docs/access.md).
        LeftProvider => "left_provider", "end-reason-left-provider";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: impl Fn(T) -> &'static str,
            from: impl Fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(code(v)), "duplicate code {}", code(v));
                assert_eq!(from(code(v)), Some(v));
            }
        }
        check(Role::ALL, Role::code, Role::from_code);
        check(InfoClass::ALL, InfoClass::code, InfoClass::from_code);
        check(ServiceType::ALL, ServiceType::code, ServiceType::from_code);
        check(CareLevel::ALL, CareLevel::code, CareLevel::from_code);
        check(
            RelationKind::ALL,
            RelationKind::code,
            RelationKind::from_code,
        );
        check(EndReason::ALL, EndReason::code, EndReason::from_code);
        assert_eq!(Role::from_code("admin"), None);
    }
}

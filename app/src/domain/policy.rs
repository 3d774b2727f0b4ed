//! The default access policy: who, through which relationship, sees which
//! class of a care recipient's information. Pure decisions, no storage:
//! the server runs every read through them (issue 4 wires them into the
//! queries next), and the authorization-matrix test reads them as a table.
//!
//! The rules (the safe default):
//! - no live care relationship, no access at all, whatever the role;
//! - チーム内 (team-only) items are for the team, never 本人 or family;
//! - 生活 and 連絡: everyone in the relationship;
//! - 医療: 本人, the care manager, nurses and doctors; family only with
//!   本人's consent for 医療; other staff (介護職員, 管理栄養士, 地域包括)
//!   only the medical items daily care needs — アレルギー, 薬剤禁忌,
//!   食事形態と嚥下, 褥瘡の処置;
//! - ACP: 本人, the care manager, nurses and doctors; family only with
//!   consent for ACP;
//! - 事業所の管理者 manages people, not care: no health data by role alone.

use serde::{Deserialize, Serialize};

use super::classes::{InfoClass, RelationKind, Role};
use super::medical::MedicalKind;

/// The classes 本人 has let one family member see (beyond 生活 and 連絡,
/// which family always sees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consent {
    pub medical: bool,
    pub acp: bool,
}

/// Someone looking at one recipient's information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub role: Role,
    /// None: no live relationship with this recipient.
    pub relation: Option<RelationKind>,
    pub consent: Consent,
}

/// One item as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub class: InfoClass,
    pub team_only: bool,
    /// For 医療 items from the medical list: which kind.
    pub medical_kind: Option<MedicalKind>,
}

impl Item {
    /// A record, measurement or plan: an item of a class, not from the
    /// medical list.
    pub fn of(class: InfoClass, team_only: bool) -> Self {
        Self {
            class,
            team_only,
            medical_kind: None,
        }
    }
}

/// Medical items every member of the team needs for daily care.
pub fn needed_for_daily_care(kind: MedicalKind) -> bool {
    matches!(
        kind,
        MedicalKind::Allergy
            | MedicalKind::DrugContraindication
            | MedicalKind::FoodTexture
            | MedicalKind::Swallowing
            | MedicalKind::PressureUlcerCare
    )
}

/// Staff who may see all 医療 and ACP information of the people they serve.
fn clinical(role: Role) -> bool {
    matches!(role, Role::CareManager | Role::Nurse | Role::Doctor)
}

pub fn may_see(viewer: Viewer, item: Item) -> bool {
    let Some(relation) = viewer.relation else {
        return false;
    };
    if item.team_only && relation != RelationKind::Team {
        return false;
    }
    match relation {
        RelationKind::SelfPerson => true,
        RelationKind::Family => match item.class {
            InfoClass::Living | InfoClass::Contact => true,
            InfoClass::Medical => viewer.consent.medical,
            InfoClass::Acp => viewer.consent.acp,
        },
        RelationKind::Team => match item.class {
            InfoClass::Living | InfoClass::Contact => viewer.role != Role::ProviderAdmin,
            InfoClass::Medical => {
                clinical(viewer.role)
                    || (viewer.role != Role::ProviderAdmin
                        && item.medical_kind.is_some_and(needed_for_daily_care))
            }
            InfoClass::Acp => clinical(viewer.role),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, relation: Option<RelationKind>, consent: Consent) -> Viewer {
        Viewer {
            role,
            relation,
            consent,
        }
    }

    fn item(class: InfoClass) -> Item {
        Item::of(class, false)
    }

    const NONE: Consent = Consent {
        medical: false,
        acp: false,
    };

    #[test]
    fn no_relationship_no_access_whatever_the_role() {
        for role in Role::ALL {
            for class in InfoClass::ALL {
                let v = viewer(
                    *role,
                    None,
                    Consent {
                        medical: true,
                        acp: true,
                    },
                );
                assert!(!may_see(v, item(*class)), "{role:?} {class:?}");
            }
        }
    }

    #[test]
    fn team_only_items_never_reach_the_person_or_family() {
        let note = Item::of(InfoClass::Living, true);
        let me = viewer(Role::Recipient, Some(RelationKind::SelfPerson), NONE);
        let daughter = viewer(
            Role::Family,
            Some(RelationKind::Family),
            Consent {
                medical: true,
                acp: true,
            },
        );
        let worker = viewer(Role::CareWorker, Some(RelationKind::Team), NONE);
        assert!(!may_see(me, note));
        assert!(!may_see(daughter, note));
        assert!(may_see(worker, note));
    }

    /// The default matrix, one row per viewer, one column per class:
    /// 生活, 連絡, 医療 (a nurse's note), 医療 (an allergy), ACP.
    #[test]
    fn the_default_matrix() {
        use RelationKind::*;
        let allergy = Item {
            class: InfoClass::Medical,
            team_only: false,
            medical_kind: Some(MedicalKind::Allergy),
        };
        let doctor_plan = Item {
            class: InfoClass::Medical,
            team_only: false,
            medical_kind: Some(MedicalKind::DoctorPlan),
        };
        let medical_ok = Consent {
            medical: true,
            acp: false,
        };
        let rows: &[(Viewer, [bool; 6])] = &[
            // 生活, 連絡, 医療 note, allergy, 対処方針, ACP
            (
                viewer(Role::Recipient, Some(SelfPerson), NONE),
                [true, true, true, true, true, true],
            ),
            (
                viewer(Role::Family, Some(Family), NONE),
                [true, true, false, false, false, false],
            ),
            (
                viewer(Role::Family, Some(Family), medical_ok),
                [true, true, true, true, true, false],
            ),
            (
                viewer(Role::CareManager, Some(Team), NONE),
                [true, true, true, true, true, true],
            ),
            (
                viewer(Role::Nurse, Some(Team), NONE),
                [true, true, true, true, true, true],
            ),
            (
                viewer(Role::Doctor, Some(Team), NONE),
                [true, true, true, true, true, true],
            ),
            (
                viewer(Role::CareWorker, Some(Team), NONE),
                [true, true, false, true, false, false],
            ),
            (
                viewer(Role::Dietitian, Some(Team), NONE),
                [true, true, false, true, false, false],
            ),
            (
                viewer(Role::CommunityCenter, Some(Team), NONE),
                [true, true, false, true, false, false],
            ),
            (
                viewer(Role::ProviderAdmin, Some(Team), NONE),
                [false, false, false, false, false, false],
            ),
        ];
        for (v, want) in rows {
            let got = [
                may_see(*v, item(InfoClass::Living)),
                may_see(*v, item(InfoClass::Contact)),
                may_see(*v, item(InfoClass::Medical)),
                may_see(*v, allergy),
                may_see(*v, doctor_plan),
                may_see(*v, item(InfoClass::Acp)),
            ];
            assert_eq!(&got, want, "{v:?}");
        }
    }
}

//! The default access policy: who, through which relationship, sees which
//! class of a care recipient's information. Pure decisions, no storage:
//! the server runs every read through them, and the authorization-matrix
//! test reads them as a table.
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
//!
//! A 事業所's policy (data, `policy_widenings`) can widen the default for
//! 介護職員, 管理栄養士 and 地域包括 staff to a whole class; nothing widens
//! what family or an administrator sees.

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

/// The classes a 事業所's policy lets a staff member see in full, beyond
/// the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Widened {
    pub medical: bool,
    pub acp: bool,
}

/// Roles a 事業所's policy may widen (the others already see everything
/// they may, or — administrators — nothing by role).
pub fn may_be_widened(role: Role) -> bool {
    matches!(
        role,
        Role::CareWorker | Role::Dietitian | Role::CommunityCenter
    )
}

/// Someone looking at one recipient's information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub role: Role,
    /// None: no live relationship with this recipient.
    pub relation: Option<RelationKind>,
    pub consent: Consent,
    /// From the policy of the staff member's 事業所.
    pub widened: Widened,
    /// Family recorded by the care manager as 本人's legal representative.
    pub representative: bool,
}

impl Viewer {
    /// A viewer under the default policy, not a legal representative.
    pub fn new(role: Role, relation: Option<RelationKind>, consent: Consent) -> Self {
        Self {
            role,
            relation,
            consent,
            widened: Widened::default(),
            representative: false,
        }
    }

    /// 本人, or the legal representative deciding in their place: who may
    /// say which family member sees what, and read who looked.
    pub fn decides_for_recipient(&self) -> bool {
        match self.relation {
            Some(RelationKind::SelfPerson) => true,
            Some(RelationKind::Family) => self.representative,
            _ => false,
        }
    }

    /// May read the log of who looked at the recipient's information: 本人,
    /// the legal representative, and family 本人 lets see 医療.
    pub fn may_read_access_log(&self) -> bool {
        self.decides_for_recipient()
            || (self.relation == Some(RelationKind::Family) && self.consent.medical)
    }

    /// What a query may return for this viewer (records and measurements:
    /// items of a class, not from the medical list). Built from `may_see`
    /// so the policy stays in one place.
    pub fn shown(&self) -> Shown {
        Shown {
            classes: InfoClass::ALL
                .iter()
                .copied()
                .filter(|c| may_see(*self, Item::of(*c, false)))
                .collect(),
            team_only: self.relation == Some(RelationKind::Team),
        }
    }
}

impl Viewer {
    /// 医療 items of these kinds may be shown whatever `shown()` says of
    /// the class (for staff who see only what daily care needs).
    pub fn medical_kinds(&self) -> Vec<MedicalKind> {
        MedicalKind::ALL
            .iter()
            .copied()
            .filter(|k| {
                may_see(
                    *self,
                    Item {
                        class: InfoClass::Medical,
                        team_only: false,
                        medical_kind: Some(*k),
                    },
                )
            })
            .collect()
    }
}

/// The filter a query applies: which classes, and whether チーム内 items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub classes: Vec<InfoClass>,
    pub team_only: bool,
}

impl Shown {
    /// Everything: for the command line and the team's own tools.
    pub fn everything() -> Self {
        Self {
            classes: InfoClass::ALL.to_vec(),
            team_only: true,
        }
    }
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
                    || (may_be_widened(viewer.role) && viewer.widened.medical)
                    || (viewer.role != Role::ProviderAdmin
                        && item.medical_kind.is_some_and(needed_for_daily_care))
            }
            InfoClass::Acp => {
                clinical(viewer.role) || (may_be_widened(viewer.role) && viewer.widened.acp)
            }
        },
    }
}

/// くらしの希望 are written by 本人 and family, in their own words; the
/// team reads and acknowledges them.
pub fn may_write_wish(viewer: Viewer) -> bool {
    matches!(
        viewer.relation,
        Some(RelationKind::SelfPerson | RelationKind::Family)
    )
}

/// 人生会議: 本人, family who may see it, and the clinical team who record
/// a talk (a care worker sees it only when widened, and does not write).
pub fn may_write_acp(viewer: Viewer) -> bool {
    may_see(viewer, Item::of(InfoClass::Acp, false))
        && match viewer.relation {
            Some(RelationKind::SelfPerson | RelationKind::Family) => true,
            Some(RelationKind::Team) => clinical(viewer.role),
            None => false,
        }
}

/// Visit records are written by the staff who visit: 介護職員 and 看護師
/// (and 医師 on a home visit) in the recipient's team.
pub fn may_write_record(viewer: Viewer) -> bool {
    viewer.relation == Some(RelationKind::Team)
        && matches!(viewer.role, Role::CareWorker | Role::Nurse | Role::Doctor)
}

/// 医療 items (アレルギー, 薬剤禁忌, 食事形態…) are written by the clinical
/// team: nurses, doctors and the care manager.
pub fn may_write_medical(viewer: Viewer) -> bool {
    viewer.relation == Some(RelationKind::Team) && clinical(viewer.role)
}

/// The care plan is written by the care manager in the recipient's team
/// (居宅サービス計画 is the 介護支援専門員's work).
pub fn may_write_plan(viewer: Viewer) -> bool {
    viewer.relation == Some(RelationKind::Team) && viewer.role == Role::CareManager
}

/// Anyone who may see a thing may talk about it — except a provider's
/// administrator, who runs the office and reads no care.
pub fn may_comment(viewer: Viewer, item: Item) -> bool {
    may_see(viewer, item) && viewer.role != Role::ProviderAdmin
}

/// 「確認しました」 is the team's answer to 本人's and family's wishes.
pub fn may_acknowledge(viewer: Viewer, class: InfoClass) -> bool {
    viewer.relation == Some(RelationKind::Team) && may_comment(viewer, Item::of(class, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, relation: Option<RelationKind>, consent: Consent) -> Viewer {
        Viewer::new(role, relation, consent)
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

    #[test]
    fn a_providers_policy_widens_care_workers_but_never_family_or_admins() {
        let wide = Widened {
            medical: true,
            acp: true,
        };
        let note = item(InfoClass::Medical);
        let acp = item(InfoClass::Acp);
        let mut worker = viewer(Role::CareWorker, Some(RelationKind::Team), NONE);
        assert!(!may_see(worker, note));
        worker.widened = wide;
        assert!(may_see(worker, note) && may_see(worker, acp));
        let mut admin = viewer(Role::ProviderAdmin, Some(RelationKind::Team), NONE);
        admin.widened = wide;
        assert!(!may_see(admin, note) && !may_see(admin, acp));
        let mut son = viewer(Role::Family, Some(RelationKind::Family), NONE);
        son.widened = wide;
        assert!(!may_see(son, note));
        // Widened or not, no relationship means nothing.
        worker.relation = None;
        assert!(!may_see(worker, item(InfoClass::Living)));
    }

    #[test]
    fn the_query_filter_follows_the_policy() {
        let son = viewer(Role::Family, Some(RelationKind::Family), NONE);
        let shown = son.shown();
        assert_eq!(shown.classes, vec![InfoClass::Living, InfoClass::Contact]);
        assert!(!shown.team_only);
        let nurse = viewer(Role::Nurse, Some(RelationKind::Team), NONE);
        assert_eq!(nurse.shown(), Shown::everything());
        assert!(viewer(Role::Nurse, None, NONE).shown().classes.is_empty());
    }

    #[test]
    fn who_decides_and_who_reads_the_access_log() {
        let me = viewer(Role::Recipient, Some(RelationKind::SelfPerson), NONE);
        let mut guardian = viewer(Role::Family, Some(RelationKind::Family), NONE);
        let cm = viewer(Role::CareManager, Some(RelationKind::Team), NONE);
        assert!(me.decides_for_recipient() && me.may_read_access_log());
        assert!(!guardian.decides_for_recipient() && !guardian.may_read_access_log());
        guardian.consent.medical = true;
        assert!(!guardian.decides_for_recipient() && guardian.may_read_access_log());
        guardian.representative = true;
        assert!(guardian.decides_for_recipient());
        assert!(!cm.decides_for_recipient() && !cm.may_read_access_log());
    }

    #[test]
    fn who_writes_what_in_the_persons_voice() {
        use RelationKind::*;
        let all = Consent {
            medical: true,
            acp: true,
        };
        let me = viewer(Role::Recipient, Some(SelfPerson), NONE);
        let daughter = viewer(Role::Family, Some(Family), NONE);
        let daughter_acp = viewer(Role::Family, Some(Family), all);
        let cm = viewer(Role::CareManager, Some(Team), NONE);
        let worker = viewer(Role::CareWorker, Some(Team), NONE);
        let admin = viewer(Role::ProviderAdmin, Some(Team), NONE);
        let stranger = viewer(Role::Family, None, all);
        // Wishes: 本人 and family write, the team reads and acknowledges.
        assert!(may_write_wish(me) && may_write_wish(daughter));
        assert!(!may_write_wish(cm) && !may_write_wish(stranger));
        assert!(
            may_acknowledge(cm, InfoClass::Living) && may_acknowledge(worker, InfoClass::Living)
        );
        assert!(
            !may_acknowledge(daughter, InfoClass::Living)
                && !may_acknowledge(admin, InfoClass::Living)
        );
        // ACP: family only with 本人's consent; care workers read only when widened.
        assert!(may_write_acp(me) && may_write_acp(daughter_acp) && may_write_acp(cm));
        assert!(!may_write_acp(daughter) && !may_write_acp(worker) && !may_write_acp(admin));
        assert!(may_acknowledge(cm, InfoClass::Acp) && !may_acknowledge(worker, InfoClass::Acp));
        // Comments follow what one may see; the administrator talks about no care.
        assert!(may_comment(daughter, item(InfoClass::Living)));
        assert!(!may_comment(daughter, item(InfoClass::Acp)));
        assert!(!may_comment(daughter, Item::of(InfoClass::Living, true)));
        assert!(may_comment(worker, Item::of(InfoClass::Living, true)));
        assert!(!may_comment(admin, item(InfoClass::Contact)));
        assert!(!may_comment(stranger, item(InfoClass::Living)));
    }
}

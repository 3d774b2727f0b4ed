//! 人生会議 (ACP): what the person wants for the end of life and for the
//! care on the way, as structured answers with the person's own words
//! beside each. A version is never changed; a change is a new version, and
//! two versions can be compared in plain words.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::classes::vocabulary;
use super::validation::{optional_text, Field, FieldError, Problem, ValidationErrors};

/// A note beside one answer.
pub const NOTE_MAX: usize = 500;
/// 大切にしていること and the free notes.
pub const LONG_MAX: usize = 2000;
/// 参加者, the 代理人's name and relation.
pub const SHORT_MAX: usize = 100;
/// A talk older than this many months is time to talk again.
pub const REVISIT_MONTHS: u32 = 6;

vocabulary!(
    /// Where to be cared for, and where to be at the end. 「まだ決めていない」
    /// is an answer like any other, and the first.
    #[derive(Default)]
    #[serde(rename_all = "snake_case")]
    Place {
        #[default]
        Undecided => "undecided", "acp-place-undecided";
        Home => "home", "acp-place-home";
        Facility => "facility", "acp-place-facility";
        Hospital => "hospital", "acp-place-hospital";
        Other => "other", "acp-place-other";
    }
);

vocabulary!(
    /// An answer about one kind of treatment.
    #[derive(Default)]
    #[serde(rename_all = "snake_case")]
    Choice {
        #[default]
        Undecided => "undecided", "acp-choice-undecided";
        Want => "want", "acp-choice-want";
        NotWant => "not_want", "acp-choice-not-want";
    }
);

vocabulary!(
    /// How much the 代理意思決定者 may decide.
    #[derive(Default)]
    #[serde(rename_all = "snake_case")]
    ProxyScope {
        #[default]
        Undecided => "undecided", "acp-scope-undecided";
        Everything => "everything", "acp-scope-everything";
        WithTeam => "with_team", "acp-scope-with-team";
        Consult => "consult", "acp-scope-consult";
    }
);

vocabulary!(
    /// The treatments the ministry's ACP leaflets ask about.
    #[serde(rename_all = "snake_case")]
    Treatment {
        Cpr => "cpr", "acp-treatment-cpr";
        Ventilator => "ventilator", "acp-treatment-ventilator";
        TubeFeeding => "tube_feeding", "acp-treatment-tube-feeding";
        Drip => "drip", "acp-treatment-drip";
        Hospital => "hospital", "acp-treatment-hospital";
    }
);

/// One treatment's answer and the words beside it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TreatmentAnswer {
    pub choice: Choice,
    pub note: String,
}

/// One version's answers. Empty text means "not written".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AcpAnswers {
    /// 大切にしていること・価値観.
    pub values: String,
    pub care_place: Place,
    pub care_place_note: String,
    pub end_place: Place,
    pub end_place_note: String,
    /// In `Treatment::ALL` order, one each.
    pub treatments: Vec<(Treatment, TreatmentAnswer)>,
    pub proxy_name: String,
    pub proxy_relation: String,
    pub proxy_scope: ProxyScope,
    pub proxy_note: String,
    pub discussed_on: Option<NaiveDate>,
    pub participants: String,
    pub notes: String,
}

impl AcpAnswers {
    pub fn treatment(&self, t: Treatment) -> TreatmentAnswer {
        self.treatments
            .iter()
            .find(|(k, _)| *k == t)
            .map(|(_, a)| a.clone())
            .unwrap_or_default()
    }
}

/// The form as posted: every field a string. A field the browser did not
/// send (a radio group left alone) is empty, which reads as not chosen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcpForm {
    pub values: String,
    pub care_place: String,
    pub care_place_note: String,
    pub end_place: String,
    pub end_place_note: String,
    pub cpr: String,
    pub cpr_note: String,
    pub ventilator: String,
    pub ventilator_note: String,
    pub tube_feeding: String,
    pub tube_feeding_note: String,
    pub drip: String,
    pub drip_note: String,
    pub hospital: String,
    pub hospital_note: String,
    pub proxy_name: String,
    pub proxy_relation: String,
    pub proxy_scope: String,
    pub proxy_note: String,
    pub discussed_on: String,
    pub participants: String,
    pub notes: String,
}

impl AcpForm {
    fn treatment(&self, t: Treatment) -> (&str, &str) {
        match t {
            Treatment::Cpr => (&self.cpr, &self.cpr_note),
            Treatment::Ventilator => (&self.ventilator, &self.ventilator_note),
            Treatment::TubeFeeding => (&self.tube_feeding, &self.tube_feeding_note),
            Treatment::Drip => (&self.drip, &self.drip_note),
            Treatment::Hospital => (&self.hospital, &self.hospital_note),
        }
    }

    /// Checks every field at once, so a person can fix them in one go.
    /// `today` refuses a talk dated in the future.
    pub fn parse(&self, today: NaiveDate) -> Result<AcpAnswers, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let text = |errs: &mut ValidationErrors, field, raw: &str, max| {
            errs.check(optional_text(field, raw, max))
                .unwrap_or_default()
        };
        let values = text(&mut errs, Field::AcpValues, &self.values, LONG_MAX);
        let care_place = errs
            .check(choose(
                Field::AcpCarePlace,
                &self.care_place,
                Place::from_code,
            ))
            .unwrap_or_default();
        let care_place_note = text(
            &mut errs,
            Field::AcpCarePlace,
            &self.care_place_note,
            NOTE_MAX,
        );
        let end_place = errs
            .check(choose(
                Field::AcpEndPlace,
                &self.end_place,
                Place::from_code,
            ))
            .unwrap_or_default();
        let end_place_note = text(
            &mut errs,
            Field::AcpEndPlace,
            &self.end_place_note,
            NOTE_MAX,
        );
        let mut treatments = Vec::with_capacity(Treatment::ALL.len());
        for t in Treatment::ALL {
            let field = treatment_field(*t);
            let (choice, note) = self.treatment(*t);
            let choice = errs
                .check(choose(field, choice, Choice::from_code))
                .unwrap_or_default();
            let note = text(&mut errs, field, note, NOTE_MAX);
            treatments.push((*t, TreatmentAnswer { choice, note }));
        }
        let proxy_name = text(&mut errs, Field::AcpProxy, &self.proxy_name, SHORT_MAX);
        let proxy_relation = text(&mut errs, Field::AcpProxy, &self.proxy_relation, SHORT_MAX);
        let proxy_scope = errs
            .check(choose(
                Field::AcpProxyScope,
                &self.proxy_scope,
                ProxyScope::from_code,
            ))
            .unwrap_or_default();
        let proxy_note = text(&mut errs, Field::AcpProxyScope, &self.proxy_note, NOTE_MAX);
        let discussed_on = errs
            .check(discussed_on(&self.discussed_on, today))
            .flatten();
        let participants = text(
            &mut errs,
            Field::AcpParticipants,
            &self.participants,
            SHORT_MAX,
        );
        let notes = text(&mut errs, Field::AcpNotes, &self.notes, LONG_MAX);
        errs.into_result()?;
        let answers = AcpAnswers {
            values,
            care_place,
            care_place_note,
            end_place,
            end_place_note,
            treatments,
            proxy_name,
            proxy_relation,
            proxy_scope,
            proxy_note,
            discussed_on,
            participants,
            notes,
        };
        if answers == AcpAnswers::blank() {
            return Err(FieldError::new(Field::AcpValues, Problem::NothingWritten).into());
        }
        Ok(answers)
    }

    /// The form filled with a version's answers (to change them).
    pub fn from_answers(a: &AcpAnswers) -> Self {
        let t = |k| a.treatment(k);
        Self {
            values: a.values.clone(),
            care_place: a.care_place.code().into(),
            care_place_note: a.care_place_note.clone(),
            end_place: a.end_place.code().into(),
            end_place_note: a.end_place_note.clone(),
            cpr: t(Treatment::Cpr).choice.code().into(),
            cpr_note: t(Treatment::Cpr).note,
            ventilator: t(Treatment::Ventilator).choice.code().into(),
            ventilator_note: t(Treatment::Ventilator).note,
            tube_feeding: t(Treatment::TubeFeeding).choice.code().into(),
            tube_feeding_note: t(Treatment::TubeFeeding).note,
            drip: t(Treatment::Drip).choice.code().into(),
            drip_note: t(Treatment::Drip).note,
            hospital: t(Treatment::Hospital).choice.code().into(),
            hospital_note: t(Treatment::Hospital).note,
            proxy_name: a.proxy_name.clone(),
            proxy_relation: a.proxy_relation.clone(),
            proxy_scope: a.proxy_scope.code().into(),
            proxy_note: a.proxy_note.clone(),
            discussed_on: a.discussed_on.map(|d| d.to_string()).unwrap_or_default(),
            participants: a.participants.clone(),
            notes: a.notes.clone(),
        }
    }
}

impl AcpAnswers {
    /// Nothing chosen or written: every answer still 「まだ決めていない」.
    pub fn blank() -> Self {
        Self {
            treatments: Treatment::ALL
                .iter()
                .map(|t| (*t, TreatmentAnswer::default()))
                .collect(),
            ..Self::default()
        }
    }
}

pub fn treatment_field(t: Treatment) -> Field {
    match t {
        Treatment::Cpr => Field::AcpCpr,
        Treatment::Ventilator => Field::AcpVentilator,
        Treatment::TubeFeeding => Field::AcpTubeFeeding,
        Treatment::Drip => Field::AcpDrip,
        Treatment::Hospital => Field::AcpHospital,
    }
}

/// An empty choice is 「まだ決めていない」 (the form's first option); an
/// unknown code is refused.
fn choose<T: Default>(
    field: Field,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(T::default());
    }
    parse(raw).ok_or_else(|| FieldError::new(field, Problem::UnknownChoice))
}

fn discussed_on(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| FieldError::new(Field::AcpDiscussedOn, Problem::NotADate))?;
    if d > today {
        return Err(FieldError::new(Field::AcpDiscussedOn, Problem::InFuture));
    }
    Ok(Some(d))
}

/// One saved version, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcpVersion {
    pub id: String,
    pub version: i64,
    pub author_name: String,
    /// 'self', 'family' or 'team' (who wrote it, as 本人 reads it).
    pub author_relation: super::classes::RelationKind,
    pub written_at: i64,
    pub answers: AcpAnswers,
}

impl AcpVersion {
    /// The last talk: this version's 話し合った日, or the day it was written
    /// when no talk date was given.
    pub fn last_talk(&self) -> NaiveDate {
        last_talk_of(&self.answers, self.written_at)
    }
}

/// A version's last talk from its answers and when it was written.
pub fn last_talk_of(answers: &AcpAnswers, written_at: i64) -> NaiveDate {
    answers
        .discussed_on
        .unwrap_or_else(|| super::time::OccurredAt::from_millis(written_at).jst_date())
}

/// Time to talk (again): never talked, or the newest version's last talk
/// is more than six months ago.
pub fn talk_due(newest: Option<&AcpVersion>, today: NaiveDate) -> bool {
    talk_due_after(newest.map(AcpVersion::last_talk), today)
}

/// The same from the newest version's last talk (None: no version yet).
pub fn talk_due_after(last_talk: Option<NaiveDate>, today: NaiveDate) -> bool {
    last_talk.is_none_or(|day| time_to_talk_again(day, today))
}

/// Is it time to talk again after a talk on `last_talk`?
pub fn time_to_talk_again(last_talk: NaiveDate, today: NaiveDate) -> bool {
    match today.checked_sub_months(Months::new(REVISIT_MONTHS)) {
        Some(limit) => last_talk < limit,
        None => false,
    }
}

/// What differs between two versions, one line per answer, in the order
/// of the form. Each side is what a person reads (a choice's label key or
/// the words written), so the page can say 「まだ決めていない → 受けたくない」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcpChange {
    /// The answer's label key (a field of the form).
    pub field: Field,
    /// The words beside a choice changed (not the choice itself).
    pub note: bool,
    pub before: Side,
    pub after: Side,
}

/// One side of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// A choice, by its label key.
    Choice(String),
    /// Words as written (empty: nothing written).
    Text(String),
    Date(Option<NaiveDate>),
}

pub fn changes(before: &AcpAnswers, after: &AcpAnswers) -> Vec<AcpChange> {
    let mut out = Vec::new();
    // `note`: the words beside a choice, not the choice itself.
    let mut push = |field, note, b: Side, a: Side| {
        if b != a {
            out.push(AcpChange {
                field,
                note,
                before: b,
                after: a,
            });
        }
    };
    let text = |s: &str| Side::Text(s.to_string());
    let choice = |key: &str| Side::Choice(key.to_string());
    let (b, a) = (before, after);
    push(Field::AcpValues, false, text(&b.values), text(&a.values));
    let places = [
        (
            Field::AcpCarePlace,
            (b.care_place, &b.care_place_note),
            (a.care_place, &a.care_place_note),
        ),
        (
            Field::AcpEndPlace,
            (b.end_place, &b.end_place_note),
            (a.end_place, &a.end_place_note),
        ),
    ];
    for (field, (bp, bn), (ap, an)) in places {
        push(field, false, choice(bp.label_key()), choice(ap.label_key()));
        push(field, true, text(bn), text(an));
    }
    for t in Treatment::ALL {
        let (bt, at) = (b.treatment(*t), a.treatment(*t));
        let field = treatment_field(*t);
        push(
            field,
            false,
            choice(bt.choice.label_key()),
            choice(at.choice.label_key()),
        );
        push(field, true, text(&bt.note), text(&at.note));
    }
    push(
        Field::AcpProxy,
        false,
        text(&b.proxy_name),
        text(&a.proxy_name),
    );
    push(
        Field::AcpProxy,
        true,
        text(&b.proxy_relation),
        text(&a.proxy_relation),
    );
    push(
        Field::AcpProxyScope,
        false,
        choice(b.proxy_scope.label_key()),
        choice(a.proxy_scope.label_key()),
    );
    push(
        Field::AcpProxyScope,
        true,
        text(&b.proxy_note),
        text(&a.proxy_note),
    );
    push(
        Field::AcpDiscussedOn,
        false,
        Side::Date(b.discussed_on),
        Side::Date(a.discussed_on),
    );
    push(
        Field::AcpParticipants,
        false,
        text(&b.participants),
        text(&a.participants),
    );
    push(Field::AcpNotes, false, text(&b.notes), text(&a.notes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn form() -> AcpForm {
        AcpForm {
            values: "家で猫と暮らしたい".into(),
            care_place: "home".into(),
            cpr: "not_want".into(),
            discussed_on: "2026-11-01".into(),
            participants: "本人、長女、ケアマネジャー".into(),
            ..AcpForm::default()
        }
    }

    #[test]
    fn a_form_becomes_answers_and_back() {
        let a = form().parse(day("2026-11-24")).unwrap();
        assert_eq!(a.care_place, Place::Home);
        assert_eq!(a.treatment(Treatment::Cpr).choice, Choice::NotWant);
        // Not chosen is a real answer: まだ決めていない.
        assert_eq!(a.treatment(Treatment::Drip).choice, Choice::Undecided);
        assert_eq!(a.end_place, Place::Undecided);
        assert_eq!(a.discussed_on, Some(day("2026-11-01")));
        assert_eq!(
            AcpForm::from_answers(&a).parse(day("2026-11-24")).unwrap(),
            a
        );
    }

    #[test]
    fn bad_fields_are_named_together() {
        let mut f = form();
        f.cpr = "maybe".into();
        f.discussed_on = "2026-02-30".into();
        f.notes = "あ".repeat(LONG_MAX + 1);
        let errs = f.parse(day("2026-11-24")).unwrap_err();
        assert_eq!(
            errs.fields(),
            vec![Field::AcpCpr, Field::AcpDiscussedOn, Field::AcpNotes]
        );
        let mut f = form();
        f.discussed_on = "2026-12-01".into();
        let errs = f.parse(day("2026-11-24")).unwrap_err();
        assert_eq!(errs.0[0].problem, Problem::InFuture);
    }

    #[test]
    fn an_empty_form_is_refused() {
        let errs = AcpForm::default().parse(day("2026-11-24")).unwrap_err();
        assert_eq!(errs.0[0].problem, Problem::NothingWritten);
        // Choosing 「まだ決めていない」 everywhere is still nothing written.
        let f = AcpForm {
            cpr: "undecided".into(),
            values: "   ".into(),
            ..AcpForm::default()
        };
        assert!(f.parse(day("2026-11-24")).is_err());
    }

    #[test]
    fn changes_name_each_answer_that_moved() {
        let a = form().parse(day("2026-11-24")).unwrap();
        let mut f = form();
        f.cpr = "undecided".into();
        f.cpr_note = "もう少し考えたい".into();
        f.proxy_name = "佐藤 美咲".into();
        let b = f.parse(day("2026-11-24")).unwrap();
        let c = changes(&a, &b);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].field, Field::AcpCpr);
        assert!(!c[0].note);
        assert_eq!(c[0].before, Side::Choice("acp-choice-not-want".into()));
        assert_eq!(c[0].after, Side::Choice("acp-choice-undecided".into()));
        // The words beside the choice are a change of their own.
        assert_eq!((c[1].field, c[1].note), (Field::AcpCpr, true));
        assert_eq!(c[1].before, Side::Text(String::new()));
        assert_eq!(c[2].field, Field::AcpProxy);
        assert_eq!(c[2].after, Side::Text("佐藤 美咲".into()));
        assert!(changes(&a, &a).is_empty());
    }

    #[test]
    fn choices_are_stored_by_their_codes() {
        for p in Place::ALL {
            assert_eq!(
                serde_json::to_string(p).unwrap(),
                format!("\"{}\"", p.code())
            );
        }
        for c in Choice::ALL {
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.code())
            );
        }
        for s in ProxyScope::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        for t in Treatment::ALL {
            assert_eq!(
                serde_json::to_string(t).unwrap(),
                format!("\"{}\"", t.code())
            );
        }
    }

    #[test]
    fn six_months_after_the_talk_it_is_time_again() {
        assert!(!time_to_talk_again(day("2026-05-24"), day("2026-11-24")));
        assert!(time_to_talk_again(day("2026-05-23"), day("2026-11-24")));
    }
}

//! The organisation snapshot: lookups and indexes.

use super::*;

fn tiny() -> Organisation {
    let circle = |id, parent: Option<i64>, name: &str| Circle {
        id: CircleId(id),
        parent: parent.map(CircleId),
        name: name.into(),
        purpose: String::new(),
        strategy: None,
        domains: vec![],
        accountabilities: vec![],
    };
    let role = |id, c, name: &str| Role {
        id: RoleId(id),
        circle: CircleId(c),
        name: name.into(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        core: None,
    };
    let person = |id, name: &str| Person {
        id: PersonId(id),
        name: name.into(),
        email: None,
        left: None,
    };
    let assign = |id, r, p| Assignment {
        id: AssignmentId(id),
        role: RoleId(r),
        person: PersonId(p),
        focus: None,
        term_end: None,
        since: None,
        until: None,
    };
    Organisation::new(OrgRecords {
        name: "Org".into(),
        circles: vec![
            circle(1, None, "Anchor"),
            circle(2, Some(1), "A"),
            circle(3, Some(2), "A1"),
            circle(4, Some(1), "B"),
        ],
        roles: vec![
            role(10, 2, "Baker"),
            role(11, 2, "Miller"),
            role(12, 4, "Clerk"),
        ],
        people: vec![person(1, "Ana"), person(2, "Ben")],
        assignments: vec![assign(1, 10, 1), assign(2, 11, 1), assign(3, 11, 2)],
        ..OrgRecords::default()
    })
}

#[test]
fn circles_are_listed_depth_first_with_their_depth() {
    let org = tiny();
    let order: Vec<_> = org
        .circles_depth_first()
        .iter()
        .map(|(c, d)| format!("{}{}", "-".repeat(*d), c.name))
        .collect();
    assert_eq!(order, ["Anchor", "-A", "--A1", "-B"]);
}

#[test]
fn a_person_filling_two_roles_is_one_member_of_the_circle() {
    let org = tiny();
    let names: Vec<_> = org
        .members_of(CircleId(2))
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Ana", "Ben"]);
}

#[test]
fn lookups_of_unknown_ids_find_nothing_rather_than_panic() {
    let org = tiny();
    assert!(org.role(RoleId(999)).is_none());
    assert_eq!(org.fillers_of(RoleId(999)).count(), 0);
    assert_eq!(org.person_name(PersonId(42)), "(unknown person)");
}

/// Name pickers list people as the organisation keeps them: "Şule" beside "Sule", before
/// "Zoë", whatever order a store read them in.
#[test]
fn people_are_kept_in_name_order_with_diacritics_beside_their_base_letter() {
    let mut records = tiny().records().clone();
    for (id, name) in [(3, "Zoë Laurent"), (4, "Şule Öztürk"), (5, "Tom")] {
        records.people.push(Person {
            id: PersonId(id),
            name: name.into(),
            email: None,
            left: None,
        });
    }
    let org = Organisation::new(records);
    let names: Vec<&str> = org.current_people().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben", "Şule Öztürk", "Tom", "Zoë Laurent"]);
    assert_eq!(
        org.person_named("şULE ÖZTÜRK").map(|p| p.id),
        Some(PersonId(4))
    );
}

#[test]
fn circles_are_found_by_name_ignoring_case() {
    assert_eq!(tiny().circle_named("b").map(|c| c.id), Some(CircleId(4)));
}

#[test]
fn the_organisation_as_of_a_date_shows_who_filled_each_role_that_day() {
    use chrono::{NaiveDate, TimeZone, Utc};
    let org = tiny();
    let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).single();
    let mut records = org.records().clone();
    let [ana_baker, ana_miller, ben_miller] = [0, 1, 2].map(|i| records.assignments[i].clone());
    // Ana baked from the start; Ben was elected Miller on the 24th, replacing Ana.
    records.assignments = vec![
        ana_baker,
        Assignment {
            since: at(24, 10),
            ..ben_miller
        },
    ];
    records.ended_assignments = vec![Assignment {
        until: at(24, 10),
        ..ana_miller
    }];
    let org = Organisation::new(records);
    let millers = |d| -> Vec<String> {
        let day = NaiveDate::from_ymd_opt(2026, 11, d).expect("a date");
        let then = org.as_of(day);
        then.fillers_of(RoleId(11))
            .map(|a| then.person_name(a.person).to_string())
            .collect()
    };
    assert_eq!(millers(23), ["Ana"], "the day before the election");
    assert_eq!(millers(24), ["Ben"], "at the end of election day");
    assert_eq!(
        org.as_of(NaiveDate::from_ymd_opt(2026, 11, 23).expect("d"))
            .fillers_of(RoleId(10))
            .count(),
        1
    );
}

#[test]
fn the_organisation_as_of_a_date_shows_only_the_reports_given_by_then() {
    use chrono::{NaiveDate, TimeZone, Utc};
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a date");
    let mut records = tiny().records().clone();
    records.metrics = vec![Metric {
        id: MetricId(1),
        role: RoleId(10),
        name: "Loaves".into(),
        unit: None,
        frequency: Frequency::Weekly,
        ended: None,
    }];
    records.checklist = vec![ChecklistItem {
        id: ChecklistItemId(1),
        role: RoleId(10),
        text: "Oven cleaned".into(),
        frequency: Frequency::Weekly,
        ended: Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).single(),
        added: None,
    }];
    // The weeks of 2 and 9 November, each reported once it had ended.
    records.metric_values = [2, 9]
        .map(|d| MetricValue {
            metric: MetricId(1),
            period: day(d),
            value: f64::from(d),
            comment: None,
        })
        .to_vec();
    records.checklist_marks = [2, 9]
        .map(|d| ChecklistMark {
            item: ChecklistItemId(1),
            period: day(d),
            checked: true,
        })
        .to_vec();
    let org = Organisation::new(records);
    let reported = |o: &Organisation| -> Vec<NaiveDate> {
        o.values_of(MetricId(1)).map(|v| v.period).collect()
    };
    let answered = |o: &Organisation| -> Vec<NaiveDate> {
        o.marks_of(ChecklistItemId(1)).map(|m| m.period).collect()
    };
    // On the 12th the week of the 9th had not ended: its value and answer came later.
    let then = org.as_of(day(12));
    assert_eq!(reported(&then), [day(2)]);
    assert_eq!(answered(&then), [day(2)]);
    assert_eq!(reported(&org.as_of(day(16))), [day(2), day(9)]);
    assert_eq!(reported(&org.as_of(day(8))), Vec::<NaiveDate>::new());
    // The item ended on the 20th was still asked then.
    assert_eq!(
        then.checklist_of(RoleId(10)).next().map(|c| c.ended),
        Some(None)
    );
    assert!(org.checklist_of(RoleId(10)).all(|c| c.ended.is_some()));
}

//! The organisation file: parsing, positions in errors, cleaning and validation.

use super::*;

const SMALL: &str = r#"
name = "Tiny Co"

[[people]]
name = "Ana"
email = "ana@example.org"

[[people]]
name = "Ben"

[circle]
name = "Tiny Co"
purpose = "Bread for the street"

[[circle.roles]]
name = "Baker"
purpose = "Good bread"
accountabilities = ["Baking the daily bread"]
fillers = [{ person = "Ana", term_end = 2027-01-31 }]

[[circle.roles]]
name = "Facilitator"
fillers = [{ person = "Ben" }]

[[circle.circles]]
name = "Ovens"
"#;

#[test]
fn a_small_file_parses_with_nested_circles_and_defaults() {
    let file = OrgFile::parse(SMALL).expect("valid file");
    assert_eq!(file.rule_set, RuleSet::Holacracy50);
    assert_eq!(file.circle.circles[0].name, "Ovens");
    let term = file.circle.roles[0].fillers[0]
        .term_end
        .as_ref()
        .and_then(to_date);
    assert_eq!(term, NaiveDate::from_ymd_opt(2027, 1, 31));
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let broken = SMALL.replace("purpose = \"Good bread\"", "purpose = Good bread");
    let err = OrgFile::parse(&broken).unwrap_err();
    let OrgFileError::Syntax { line, column, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!((line, column), (17, 11));
}

#[test]
fn a_misspelt_key_is_refused_with_its_position() {
    let broken = SMALL.replace("accountabilities =", "acountabilities =");
    let err = OrgFile::parse(&broken).unwrap_err().to_string();
    assert!(err.starts_with("line 18, column 1:"), "{err}");
    assert!(err.contains("acountabilities"), "{err}");
}

#[test]
fn an_unknown_filler_is_named() {
    let broken = SMALL.replace("person = \"Ben\"", "person = \"Bob\"");
    let err = OrgFile::parse(&broken).unwrap_err().to_string();
    assert_eq!(
        err,
        "unknown person \"Bob\" (filler of \"Facilitator\" in circle \"Tiny Co\")"
    );
}

#[test]
fn a_core_role_cannot_be_given_another_purpose() {
    let broken = SMALL.replace(
        "name = \"Facilitator\"",
        "name = \"Facilitator\"\npurpose = \"Running things\"",
    );
    let err = OrgFile::parse(&broken).unwrap_err().to_string();
    assert!(err.contains("is a core role"), "{err}");
}

#[test]
fn a_four_one_file_with_five_o_core_role_names_is_refused_naming_the_core_roles() {
    let file = SMALL
        .replace(
            "name = \"Tiny Co\"\n\n[[people]]",
            "name = \"Tiny Co\"\nrule_set = \"holacracy-4.1\"\n\n[[people]]",
        )
        .replace("name = \"Facilitator\"", "name = \"Circle Lead\"");
    let err = OrgFile::parse(&file).unwrap_err().to_string();
    assert_eq!(
        err,
        "role \"Circle Lead\" in circle \"Tiny Co\" is the holacracy-5.0 name of the Lead Link; \
         under holacracy-4.1 a circle's core roles are Lead Link, Facilitator and Secretary \
         (rename it, or set rule_set = \"holacracy-5.0\")"
    );
}

#[test]
fn a_five_o_file_with_four_one_core_role_names_is_refused() {
    let file = SMALL.replace(
        "[[circle.circles]]\nname = \"Ovens\"",
        "[[circle.circles]]\nname = \"Ovens\"\n\n[[circle.circles.roles]]\nname = \"rep link\"",
    );
    let err = OrgFile::parse(&file).unwrap_err().to_string();
    assert!(err.contains("\"rep link\" in circle \"Ovens\""), "{err}");
    assert!(
        err.contains("Circle Lead, Facilitator, Secretary and Circle Rep"),
        "names the rule set's core roles: {err}"
    );
}

#[test]
fn the_anchor_circle_cannot_have_a_rep() {
    let broken = SMALL.replace("name = \"Facilitator\"", "name = \"Circle Rep\"");
    let err = OrgFile::parse(&broken).unwrap_err().to_string();
    assert!(err.contains("anchor circle"), "{err}");
}

#[test]
fn repeated_names_are_refused() {
    let twice = SMALL.replace("name = \"Ovens\"", "name = \"tiny co\"");
    let err = OrgFile::parse(&twice).unwrap_err().to_string();
    assert!(err.contains("listed twice"), "{err}");
}

#[test]
fn names_are_cleaned_of_control_characters() {
    let dirty = SMALL.replace("name = \"Baker\"", "name = \"Ba\\u001bker\\u202e\"");
    let file = OrgFile::parse(&dirty).expect("valid file");
    assert_eq!(file.circle.roles[0].name, "Baker");
}

#[test]
fn a_date_with_a_time_is_not_a_term_end() {
    let broken = SMALL.replace("2027-01-31", "2027-01-31T10:00:00");
    assert!(
        OrgFile::parse(&broken)
            .unwrap_err()
            .to_string()
            .contains("not a date")
    );
}

#[test]
fn writing_and_reading_again_gives_the_same_file() {
    let file = OrgFile::parse(SMALL).expect("valid file");
    let text = file.to_toml().expect("serialises");
    assert_eq!(OrgFile::parse(&text).expect("re-reads"), file);
}

#[test]
fn names_differing_only_by_zero_width_characters_are_the_same_name() {
    let twins = SMALL.replace(
        "[[circle.circles]]\nname = \"Ovens\"",
        "[[circle.circles]]\nname = \"Ovens\"\n\n[[circle.circles]]\nname = \"Ov\u{200B}ens\u{FEFF}\"",
    );
    let err = OrgFile::parse(&twins).unwrap_err().to_string();
    assert!(err.contains("circle \"Ovens\" is listed twice"), "{err}");
}

#[test]
fn invalid_utf8_is_refused_with_its_line_and_column() {
    let bytes = b"name = \"Co\"\n[circle]\nname = \"Caf\xe9\"\n";
    let err = OrgFile::parse_bytes(bytes).unwrap_err().to_string();
    assert_eq!(
        err,
        "line 3, column 12: not UTF-8 text (save the file as UTF-8)"
    );
    assert!(OrgFile::parse_bytes(SMALL.as_bytes()).is_ok());
}

/// A file whose circles nest `depth` levels deep, written with table headers.
fn nested_in_tables(depth: usize) -> String {
    let mut text = String::from("name = \"Deep\"\n[circle]\nname = \"C1\"\n");
    let mut key = String::from("circle");
    for level in 2..=depth {
        key.push_str(".circles");
        text.push_str(&format!("[[{key}]]\nname = \"C{level}\"\n"));
    }
    text
}

/// A file whose circles nest `depth` levels deep, written as inline tables.
fn nested_inline(depth: usize) -> String {
    let mut text = String::from("name = \"Deep\"\ncircle = ");
    for level in 1..=depth {
        text.push_str(&format!("{{ name = \"C{level}\", circles = ["));
    }
    text.push_str(&"] }".repeat(depth));
    text.push('\n');
    text
}

fn depth_of(file: &OrgFile) -> usize {
    let mut depth = 1;
    let mut circle = &file.circle;
    while let Some(sub) = circle.circles.first() {
        depth += 1;
        circle = sub;
    }
    depth
}

#[test]
fn circles_nest_a_thousand_levels_deep_in_either_form() {
    for text in [nested_in_tables(100), nested_in_tables(MAX_CIRCLE_DEPTH)] {
        let file = OrgFile::parse(&text).expect("deep file parses");
        assert_eq!(depth_of(&file), text.matches("name = \"C").count());
    }
    let file = OrgFile::parse(&nested_inline(MAX_CIRCLE_DEPTH)).expect("deep inline file");
    assert_eq!(depth_of(&file), MAX_CIRCLE_DEPTH);
}

#[test]
fn deeper_nesting_is_refused_in_one_line_without_overflowing_the_stack() {
    let err = OrgFile::parse(&nested_in_tables(MAX_CIRCLE_DEPTH + 1))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "circle \"C1001\" is nested 1001 levels deep; circles can nest at most 1000 levels"
    );
    let err = OrgFile::parse(&nested_inline(10_000))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("line 2, column ")
            && err.ends_with("nested too deep (circles can nest at most 1000 levels)"),
        "{err}"
    );
    let brackets = format!("name = \"X\"\nx = {}\n", "[".repeat(100_000));
    let err = OrgFile::parse(&brackets).unwrap_err().to_string();
    assert!(err.contains("nested too deep"), "{err}");
}

#[test]
fn four_one_2_2_3_a_file_adding_to_the_lead_link_is_refused() {
    let text = "name = \"Co\"\nrule_set = \"holacracy-4.1\"\n[circle]\nname = \"Co\"\npurpose = \"\"\n\
                [[circle.roles]]\nname = \"Lead Link\"\naccountabilities = [\"Baking bread\"]\n";
    let refused = OrgFile::parse(text).map_err(|e| e.to_string());
    assert!(refused.is_err_and(|e| e.contains("4.1 §2.2.3")));
}

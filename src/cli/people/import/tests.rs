use chrono::NaiveDate;

use super::*;
use crate::cli::people::export::render;
use crate::content::load_built_in;
use crate::progress::{Level, Passport};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> NaiveDateTime {
    day(2026, 12, 3).and_hms_opt(9, 0, 0).unwrap()
}

fn roles() -> Vec<Role> {
    load_built_in().expect("built-in").interview.roles
}

fn run(people: &[Person], files: &[(&str, &[u8])]) -> Result<Planned, Vec<RowError>> {
    let inputs: Vec<Input> = files
        .iter()
        .map(|(label, bytes)| Input { label, bytes })
        .collect();
    plan(
        people,
        &roles(),
        &inputs,
        None,
        now(),
        "",
        crate::i18n::Lang::Zh,
    )
}

const PEOPLE: &str = "姓名,角色,涉密等级,入职日期,社保起缴日期,承诺书签订日期,上岗审查日期,护照由单位保管,离岗日期\n\
张伟,运维工程师、保密管理员,核心,2020-03-01,2020年3月1日,2020/3/2,2020.3.1,是,\n\
李娜,法务,非涉密,2024-01-05,,,,否,\n\
王强,系统管理员;安全审计员,一般,2019-01-01,2019-01-01,,,无护照,2025-06-30\n";

const CERTS: &str = "name,certificate,number,issuer,valid_until\n\
张伟,保密培训证书,0012345,省保密局,2027-01-31\n\
张伟,CISP,CISP-2023-88,中国信息安全测评中心,2026-12-03\n";

const TRAINING: &str =
    "姓名,日期,学时,内容\n张伟,2026-03-01,4,保密法规\n张伟,2026-09-01,2.5,案例警示\n";

#[test]
fn people_certificates_and_training_import_together() {
    let planned = run(
        &[],
        &[
            ("people.csv", PEOPLE.as_bytes()),
            ("certs.csv", CERTS.as_bytes()),
            ("training.csv", TRAINING.as_bytes()),
        ],
    )
    .expect("imports");
    assert_eq!((planned.added, planned.records_added), (3, 4));
    let zhang = &planned.people[0];
    assert_eq!(zhang.roles, vec!["engineer", "security-admin"]);
    assert!(zhang.om_staff);
    assert_eq!(zhang.level, Some(Level::Core));
    assert_eq!(zhang.insured_since, Some(day(2020, 3, 1)));
    assert_eq!(zhang.pledge_signed, Some(day(2020, 3, 2)));
    assert_eq!(zhang.passport, Some(Passport::Held));
    assert_eq!(zhang.certificates[0].number, "0012345");
    assert_eq!(zhang.training[1].hours, 2.5);
    let li = &planned.people[1];
    assert_eq!(li.roles, vec!["法务"]);
    assert!(!li.om_staff);
    assert_eq!(planned.people[2].left, Some(day(2025, 6, 30)));
}

#[test]
fn export_then_import_changes_nothing_in_utf8_with_bom_and_in_gb18030() {
    let first = run(
        &[],
        &[
            ("people.csv", PEOPLE.as_bytes()),
            ("certs.csv", CERTS.as_bytes()),
            ("training.csv", TRAINING.as_bytes()),
        ],
    )
    .expect("imports");
    let files = render(&first.people, &roles());
    assert!(files.iter().all(|(_, text)| text.starts_with('\u{feff}')));
    let utf8: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(k, t)| (k.file_name(), t.as_bytes().to_vec()))
        .collect();
    let gb: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(k, t)| {
            let without_bom = t.trim_start_matches('\u{feff}');
            let (bytes, _, bad) = encoding_rs::GB18030.encode(without_bom);
            assert!(!bad);
            (k.file_name(), bytes.into_owned())
        })
        .collect();
    for set in [&utf8, &gb] {
        let inputs: Vec<(&str, &[u8])> = set.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        // Into the same register: nothing changes.
        let again = run(&first.people, &inputs).expect("reimports");
        assert!(again.is_empty(), "{:?}", again.changes);
        assert_eq!(again.people, first.people);
        // Into an empty register: the same register comes back, ids included.
        let fresh = run(&[], &inputs).expect("imports fresh");
        let strip = |people: &[Person]| -> Vec<Person> {
            people
                .iter()
                .cloned()
                .map(|mut p| {
                    p.certificates.iter_mut().for_each(|c| c.id.clear());
                    p.training.iter_mut().for_each(|t| t.id.clear());
                    p
                })
                .collect()
        };
        assert_eq!(strip(&fresh.people), strip(&first.people));
    }
}

#[test]
fn every_bad_row_is_reported_with_line_and_field_and_nothing_is_planned() {
    let bad = "姓名,涉密等级,入职日期,护照由单位保管\n\
张伟,核心,2024-02-30,是\n\
李娜,机密,2024-01-05,是\n\
王强,一般,明天,也许\n\
赵六,一般,2024-01-05,是\n";
    let errors = run(&[], &[("bad.csv", bad.as_bytes())]).expect_err("refused");
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (2, "入职日期"),
            (3, "涉密等级"),
            (4, "护照由单位保管"),
            (4, "入职日期"),
        ]
    );
    assert!(errors[0].message.contains("不存在的日期"), "{}", errors[0]);
    assert!(
        errors[3].to_string().starts_with("bad.csv:4："),
        "{}",
        errors[3]
    );
}

#[test]
fn an_unknown_or_shared_name_in_a_certificates_file_is_a_row_error() {
    let mut a = Person::new("P1".to_owned(), "张伟");
    a.level = Some(Level::General);
    let b = Person::new("P2".to_owned(), "张伟");
    let c = Person::new("P3".to_owned(), "李娜");
    let certs =
        "姓名,证书,有效期至\n张伟,CISP,2027-01-01\n刘洋,CISP,2027-01-01\n李娜,CISP,2027-01-01\n";
    let errors = run(
        &[a.clone(), b.clone(), c.clone()],
        &[("c.csv", certs.as_bytes())],
    )
    .expect_err("refused");
    assert_eq!(errors.len(), 2);
    assert!(errors[0].message.contains("不止一个"));
    assert!(errors[1].message.contains("没有「刘洋」"));
    // With the id column the shared name is no problem.
    let by_id = "人员编号,姓名,证书,有效期至\nP2,张伟,CISP,2027-01-01\n";
    let planned = run(&[a, b, c], &[("c.csv", by_id.as_bytes())]).expect("by id");
    assert_eq!(planned.people[1].certificates.len(), 1);
    assert!(planned.people[0].certificates.is_empty());
}

#[test]
fn a_header_is_mapped_exactly_and_an_unknown_one_is_named() {
    let errors =
        run(&[], &[("x.csv", "姓名,部门\n张伟,运维部\n".as_bytes())]).expect_err("unknown");
    assert_eq!(errors[0].line, 1);
    assert!(errors[0].message.contains("部门"), "{}", errors[0]);
    let english = "NAME,Level\n张伟,core\n";
    let planned = run(&[], &[("x.csv", english.as_bytes())]).expect("english");
    assert_eq!(planned.people[0].level, Some(Level::Core));
}

#[test]
fn a_relative_date_in_a_file_is_refused() {
    assert!(parse_date("今天").is_err());
    assert!(parse_date("+3d").is_err());
    assert_eq!(parse_date("2024年1月5日"), Ok(Some(day(2024, 1, 5))));
    assert_eq!(parse_date(""), Ok(None));
}

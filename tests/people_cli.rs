//! `zizhi people import|export|purge` and the register in `status`, through the binary, on a
//! progress file in a temporary directory.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;

use cli::{Home, s};
use serde_json::Value;

/// A scratch home whose progress file is `progress.json`, given with `--data`.
fn home() -> Home {
    Home::new().with_data("progress.json")
}

fn people_json(home: &Home) -> Value {
    home.run(&["status", "--json"]).success().json()["people"].clone()
}

/// Written the way Excel on a Chinese Windows saves "CSV": GB18030, CRLF.
fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::GB18030.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

const PEOPLE: &str = "姓名,角色,涉密等级,入职日期,社保起缴日期,承诺书签订日期,上岗审查日期,护照由单位保管,离岗日期\r\n\
张伟,运维工程师,核心,2020-03-01,2020-03-01,2020-03-02,2020-03-01,是,\r\n\
李娜,保密管理员,重要,2024-01-05,2099-01-01,,2024-01-05,否,\r\n\
王强,系统管理员,一般,2019-01-01,2019-01-01,2019-01-02,2019-01-02,是,2020-01-01\r\n";

#[test]
fn import_is_a_dry_run_until_apply_and_a_bad_file_changes_nothing() {
    let env = home();
    fs::write(env.join("people.csv"), gb18030(PEOPLE)).unwrap();
    let preview = env.ok(&["people", "import", s(&env.join("people.csv"))]);
    assert!(preview.contains("GB18030"), "{preview}");
    assert!(preview.contains("+ 新增人员 张伟"), "{preview}");
    assert!(preview.contains("--apply"), "{preview}");
    assert!(!env.data_path().exists(), "a dry run writes nothing");

    let bad = format!("{PEOPLE}赵六,,一般,2024-13-01,,,,,\r\n");
    fs::write(env.join("bad.csv"), bad).unwrap();
    env.run(&["people", "import", "--apply", s(&env.join("bad.csv"))])
        .code(1)
        .says(&["bad.csv:5：「入职日期」"]);
    assert!(!env.data_path().exists(), "nothing half-imported");

    env.ok(&["people", "import", "--apply", s(&env.join("people.csv"))]);
    let people = people_json(&env);
    assert_eq!(people["total"], 2, "{people}");
    assert_eq!(people["insured_12m"], 1, "{people}");
    assert_eq!(people["by_level"]["core"], 1);
    assert_eq!(people["by_level"]["important"], 1);
    assert_eq!(people["missing_pledge"], 1);
    // 王强 (一般) left 2020-01-01: his 脱密期 ends 2022-01-01 by the longer version.
    assert_eq!(people["in_declassification"], 0);
    let text = env.ok(&["status"]);
    assert!(text.contains("人员台账：在职 2 人"), "{text}");
    assert!(text.contains("未签保密承诺书 1 人：李娜"), "{text}");
}

#[test]
fn export_writes_three_private_files_with_a_bom_and_import_gives_back_the_same_register() {
    let env = home();
    fs::write(env.join("people.csv"), PEOPLE).unwrap();
    fs::write(
        env.join("certs.csv"),
        "姓名,证书,编号,发证机构,有效期至\n张伟,保密培训证书,0012,省保密局,2027年1月5日\n",
    )
    .unwrap();
    fs::write(
        env.join("training.csv"),
        "姓名,日期,学时,内容\n张伟,2026-03-01,4,保密法规\n",
    )
    .unwrap();
    env.ok(&[
        "people",
        "import",
        "--apply",
        s(&env.join("people.csv")),
        s(&env.join("certs.csv")),
        s(&env.join("training.csv")),
    ]);
    let before = fs::read_to_string(env.data_path()).unwrap();
    let out = env.join("out");
    env.ok(&["people", "export", s(&out)]);
    for name in ["people.csv", "certificates.csv", "training.csv"] {
        let path = out.join(name);
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has a BOM");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name}");
        }
    }
    let certs = fs::read_to_string(out.join("certificates.csv")).unwrap();
    assert!(certs.contains("\"=\"\"0012\"\"\""), "{certs}");
    // Existing files are refused.
    env.run(&["people", "export", s(&out)]).failure();
    env.ok(&["people", "export", "--force", s(&out)]);

    let files: Vec<String> = ["people.csv", "certificates.csv", "training.csv"]
        .iter()
        .map(|n| s(&out.join(n)).to_owned())
        .collect();
    let mut args = vec!["people", "import", "--apply"];
    args.extend(files.iter().map(String::as_str));
    let report = env.ok(&args);
    assert!(report.contains("没有变化"), "{report}");
    assert_eq!(fs::read_to_string(env.data_path()).unwrap(), before);
}

#[test]
fn purge_waits_for_the_end_of_the_declassification_period() {
    let env = home();
    let people = "姓名,涉密等级,入职日期,离岗日期,护照由单位保管\n王强,一般,2015-01-01,2020-01-01,是\n刘洋,核心,2015-01-01,2026-01-01,是\n";
    fs::write(env.join("people.csv"), people).unwrap();
    env.ok(&["people", "import", "--apply", s(&env.join("people.csv"))]);
    assert_eq!(people_json(&env)["in_declassification"], 1);
    env.run(&["people", "purge", "刘洋"])
        .failure()
        .says(&["脱密期"]);
    let done = env.ok(&["people", "purge", "王强"]);
    assert!(done.contains("备份"), "{done}");
    // Not a team: no word of a team repository's history.
    assert!(!done.contains("git 历史"), "{done}");
    let data: Value = serde_json::from_str(&fs::read_to_string(env.data_path()).unwrap()).unwrap();
    let wang = &data["people"][0];
    assert_eq!(wang["name"], "王强");
    assert_eq!(wang["level"], "general");
    assert_eq!(wang["left"], "2020-01-01");
    assert!(wang["purged"].is_string(), "{wang}");
    assert!(wang["passport"].is_null(), "{wang}");
    assert_eq!(data["people"][1]["passport"], "held");
}

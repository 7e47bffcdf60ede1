use std::fs;
use std::io::Read;

use super::*;

fn digests(bytes: &[u8]) -> Digests {
    digest_reader(bytes).unwrap_or_else(|e| panic!("reading memory cannot fail: {e}"))
}

#[test]
fn sm3_of_abc_is_the_first_example_of_gb_t_32905() {
    assert_eq!(
        digests(b"abc").sm3,
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    );
}

#[test]
fn sm3_of_abcd_sixteen_times_is_the_second_example_of_gb_t_32905() {
    let input = "abcd".repeat(16);
    assert_eq!(input.len(), 64);
    assert_eq!(
        digests(input.as_bytes()).sm3,
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    );
}

#[test]
fn sm3_of_nothing_matches_openssl() {
    assert_eq!(
        digests(b"").sm3,
        "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"
    );
}

#[test]
fn sha256_matches_the_fips_180_examples() {
    assert_eq!(
        digests(b"abc").sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        digests(b"").sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

/// Hands out at most 7 bytes per read, so block and buffer boundaries fall everywhere.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.len().min(buf.len()).min(7);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn input_longer_than_the_buffer_hashes_the_same_however_it_is_read() {
    // 200 000 bytes: three 64 KiB buffers and a tail; values from openssl and sha256sum.
    let input = vec![b'z'; 200_000];
    let whole = digests(&input);
    assert_eq!(
        whole.sm3,
        "e8ffd1d9e8ae2e9df5875926cdd3ca148e37a23535c9af0aa1492ee3a034d723"
    );
    assert_eq!(
        whole.sha256,
        "806c53b3aab21811d00bd0c0d9e33726fdd7c08de88df0d98252f69a4f120a74"
    );
    let trickled = digest_reader(Trickle(&input)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trickled, whole);
}

#[test]
fn the_algorithm_of_a_sums_file_is_read_off_its_name() {
    assert_eq!(Algo::from_sums_name(Path::new("SM3SUMS")), Some(Algo::Sm3));
    assert_eq!(
        Algo::from_sums_name(Path::new("/media/usb/SHA256SUMS")),
        Some(Algo::Sha256)
    );
    assert_eq!(
        Algo::from_sums_name(Path::new("zizhi.sha-256")),
        Some(Algo::Sha256)
    );
    assert_eq!(Algo::from_sums_name(Path::new("sums.txt")), None);
}

#[test]
fn sums_lines_in_text_and_binary_mode_are_parsed_and_comments_skipped() {
    let upper = "66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0";
    let text = format!(
        "# made by scripts/dist.sh\n\n{}  zizhi-0.1.0-x86_64\r\n{upper} *name with spaces\n",
        "a".repeat(64)
    );
    let entries = parse_sums(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].line, 3);
    assert_eq!(entries[0].file, "zizhi-0.1.0-x86_64");
    assert_eq!(entries[1].file, "name with spaces");
    assert_eq!(entries[1].hex, upper.to_ascii_lowercase());
}

#[test]
fn a_malformed_sums_line_is_reported_with_its_number() {
    let text = format!("{}  ok\nabc  short\n", "0".repeat(64));
    assert_eq!(
        parse_sums(&text),
        Err(SumsError::BadLine {
            line: 2,
            text: "abc  short".into()
        })
    );
    let one_space = format!("{} file", "0".repeat(64));
    assert!(matches!(
        parse_sums(&one_space),
        Err(SumsError::BadLine { line: 1, .. })
    ));
    assert_eq!(parse_sums("\n# nothing\n"), Err(SumsError::Empty));
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn check_output(sums: &Path, algo: Option<Algo>, lang: Lang) -> (Result<bool, String>, String) {
    let mut out = Vec::new();
    let result = write_check(&mut out, sums, algo, lang);
    (result, String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn checking_finds_files_beside_the_sums_file_and_skips_the_ones_not_copied() {
    let dir = temp_dir();
    write(&dir.path().join("zizhi-aarch64"), b"abc");
    let sums = dir.path().join("SM3SUMS");
    write(
        &sums,
        format!(
            "{}  zizhi-aarch64\n{}  zizhi-x86_64\n",
            digests(b"abc").sm3,
            digests(b"other").sm3
        )
        .as_bytes(),
    );
    // Run from elsewhere: names are looked up beside the sums file.
    let (result, out) = check_output(&sums, None, Lang::Zh);
    assert_eq!(result, Ok(true), "{out}");
    assert!(out.contains("zizhi-aarch64: 一致 OK"), "{out}");
    assert!(out.contains("zizhi-x86_64: 不在此目录，跳过"), "{out}");
    assert!(out.contains("SM3：1 个一致，0 个不一致或无法读取，1 个不在此目录"));
}

#[test]
fn one_changed_byte_fails_the_check_and_shows_the_actual_sum() {
    let dir = temp_dir();
    let binary = dir.path().join("zizhi");
    write(&binary, b"abc");
    let sums = dir.path().join("SHA256SUMS");
    write(
        &sums,
        format!("{}  zizhi\n", digests(b"abc").sha256).as_bytes(),
    );
    assert_eq!(check_output(&sums, None, Lang::En).0, Ok(true));
    write(&binary, b"abd");
    let (result, out) = check_output(&sums, None, Lang::En);
    assert_eq!(result, Ok(false));
    assert!(
        out.contains(&format!(
            "zizhi: FAILED, actual SHA-256 {}",
            digests(b"abd").sha256
        )),
        "{out}"
    );
}

#[test]
fn a_sha256_sum_checked_as_sm3_fails() {
    let dir = temp_dir();
    write(&dir.path().join("f"), b"abc");
    let sums = dir.path().join("SM3SUMS");
    write(&sums, format!("{}  f\n", digests(b"abc").sha256).as_bytes());
    assert_eq!(check_output(&sums, None, Lang::Zh).0, Ok(false));
    // An explicit --algo wins over the file name.
    assert_eq!(
        check_output(&sums, Some(Algo::Sha256), Lang::Zh).0,
        Ok(true)
    );
}

#[test]
fn checking_with_none_of_the_files_present_is_a_failure_that_says_why() {
    let dir = temp_dir();
    let sums = dir.path().join("SM3SUMS");
    write(&sums, format!("{}  renamed\n", "0".repeat(64)).as_bytes());
    let (result, out) = check_output(&sums, None, Lang::Zh);
    assert_eq!(result, Ok(false));
    assert!(out.contains("没有核对任何文件"), "{out}");
}

#[test]
fn a_sums_file_whose_name_names_no_algorithm_needs_algo() {
    let dir = temp_dir();
    let sums = dir.path().join("sums.txt");
    write(&sums, format!("{}  f\n", "0".repeat(64)).as_bytes());
    let (result, _) = check_output(&sums, None, Lang::Zh);
    assert!(result.is_err_and(|e| e.contains("--algo sm3")));
}

#[test]
fn listing_prints_both_sums_or_one_in_sha256sum_format() {
    let dir = temp_dir();
    let file = dir.path().join("a");
    write(&file, b"abc");
    let missing = dir.path().join("missing");
    let d = digests(b"abc");

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let all = write_sums(
        &mut out,
        &mut err,
        &[file.clone(), missing.clone()],
        None,
        Lang::Zh,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!all);
    let out = String::from_utf8_lossy(&out);
    assert_eq!(
        out,
        format!(
            "SHA-256  {}  {}\nSM3      {}  {}\n",
            d.sha256,
            file.display(),
            d.sm3,
            file.display()
        )
    );
    assert!(String::from_utf8_lossy(&err).contains("无法读取"));

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let all = write_sums(
        &mut out,
        &mut err,
        std::slice::from_ref(&file),
        Some(Algo::Sm3),
        Lang::Zh,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(all);
    assert_eq!(
        String::from_utf8_lossy(&out),
        format!("{}  {}\n", d.sm3, file.display())
    );
}

const ABC_SM3: &str = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

#[test]
fn the_tagged_lines_of_openssl_and_of_coreutils_and_bsd_are_read_with_their_algorithm() {
    // As printed by `openssl dgst -sm3 abc.txt`, `openssl dgst -sha256` (OpenSSL 3),
    // `sha256sum --tag` and BSD `sm3 -r`-less tagged output.
    let text = format!(
        "SM3(abc.txt)= {ABC_SM3}\n\
         SHA2-256(abc.txt)= {ABC_SHA256}\n\
         SHA256 (abc.txt) = {ABC_SHA256}\n\
         SM3 (a b (1).txt) = {}\n",
        ABC_SM3.to_uppercase()
    );
    let entries = parse_sums(&text).expect("tagged lines parse");
    let got: Vec<(Option<Algo>, &str, &str)> = entries
        .iter()
        .map(|e| (e.algo, e.file.as_str(), e.hex.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(Algo::Sm3), "abc.txt", ABC_SM3),
            (Some(Algo::Sha256), "abc.txt", ABC_SHA256),
            (Some(Algo::Sha256), "abc.txt", ABC_SHA256),
            (Some(Algo::Sm3), "a b (1).txt", ABC_SM3),
        ]
    );
}

#[test]
fn a_tagged_line_naming_an_unknown_algorithm_is_refused() {
    let text = format!("MD5 (abc.txt) = {ABC_SM3}\n");
    assert!(matches!(
        parse_sums(&text),
        Err(SumsError::BadLine { line: 1, .. })
    ));
}

#[test]
fn a_file_of_tagged_lines_is_checked_without_algo_whatever_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("abc.txt"), "abc").expect("write");
    let sums = dir.path().join("abc.txt.sm3");
    fs::write(
        &sums,
        format!("SM3(abc.txt)= {ABC_SM3}\nSHA256 (abc.txt) = {ABC_SHA256}\n"),
    )
    .expect("write");
    let mut out = Vec::new();
    let ok = write_check(&mut out, &sums, None, Lang::Zh).expect("checks");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(ok, "{text}");
    assert_eq!(text.matches("一致 OK").count(), 2, "{text}");
}

#![allow(
    clippy::cast_possible_truncation,
    reason = "test values are small and known"
)]
use super::*;
use crate::content::load_built_in;

fn texts_of(content: &Content) -> Vec<String> {
    content
        .items()
        .flat_map(|r| {
            let item = r.item;
            [&item.what, &item.acceptance]
                .into_iter()
                .chain(&item.pitfall)
                .chain(item.tips.iter().map(|t| &t.text))
                .map(|t| content.text(t).into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn compiled_built_in(dir: &Path) -> (Content, Content, PathBuf) {
    let parsed = load_built_in().expect("built-in content loads");
    let key = built_in_key();
    let path = write(dir, &key, &mut parsed.clone()).expect("writes");
    let opened = open(&path, &key, ContentSource::BuiltIn).expect("opens");
    (parsed, opened, path)
}

#[test]
fn a_compiled_file_opens_to_the_same_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (parsed, opened, _) = compiled_built_in(dir.path());
    assert_eq!(opened.item_count(), parsed.item_count());
    assert_eq!(texts_of(&opened), texts_of(&parsed));
    let titles = |c: &Content| c.items().map(|r| r.item.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&opened), titles(&parsed));
    // Ids keep where they were written, for messages.
    let first = |c: &Content| c.items().next().map(|r| r.item.id.clone());
    assert_eq!(first(&opened), first(&parsed));
    assert!(first(&opened).is_some_and(|id| id.line > 0));
    assert_eq!(
        opened.interview.questions.len(),
        parsed.interview.questions.len()
    );
    assert_eq!(opened.sops.len(), parsed.sops.len());
    assert_eq!(opened.templates.len(), parsed.templates.len());
    assert_eq!(
        opened.calendar.holidays.len(),
        parsed.calendar.holidays.len()
    );
    assert_eq!(
        opened.scoring.categories.len(),
        parsed.scoring.categories.len()
    );
    // Texts stay in the file until read.
    assert!(!opened.texts.is_empty());
    assert!(
        opened
            .items()
            .all(|r| matches!(r.item.what, Text::Stored { .. }))
    );
    let id = &parsed.items().nth(5).expect("six items").item.id.value;
    assert!(opened.find_item(id).is_some(), "the id index is rebuilt");
}

#[test]
fn gathering_texts_changes_nothing_a_reader_sees_and_writing_twice_gives_the_same_bytes() {
    let parsed = load_built_in().expect("loads");
    let mut gathered = parsed.clone();
    gather_texts(&mut gathered).expect("gathers");
    assert_eq!(texts_of(&gathered), texts_of(&parsed));
    assert!(
        gathered
            .items()
            .all(|r| matches!(r.item.acceptance, Text::Stored { .. }))
    );
    let key = built_in_key();
    assert_eq!(
        encode(&gathered, &key).expect("encodes"),
        encode(&parsed, &key).expect("encodes")
    );
}

#[test]
fn every_damaged_byte_is_caught() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, _, path) = compiled_built_in(dir.path());
    let good = fs::read(&path).expect("reads");
    let key = built_in_key();
    // A flipped byte anywhere: header, spine or text area.
    for at in [0, 9, 20, 30, 40, 50, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        fs::write(&path, &bad).expect("writes");
        assert!(
            open(&path, &key, ContentSource::BuiltIn).is_err(),
            "byte {at} flipped"
        );
    }
    // Cut short, or empty.
    for len in [0, 10, HEADER, good.len() - 1] {
        fs::write(&path, &good[..len]).expect("writes");
        assert!(
            open(&path, &key, ContentSource::BuiltIn).is_err(),
            "cut at {len}"
        );
    }
}

#[test]
fn a_file_made_for_other_sources_is_not_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, _, path) = compiled_built_in(dir.path());
    let mut other = built_in_key();
    other[0] ^= 1;
    assert!(matches!(
        open(&path, &other, ContentSource::BuiltIn),
        Err(CompiledError::Damaged(_))
    ));
}

#[test]
fn load_compiles_once_then_opens_and_recompiles_after_an_edit() {
    let cache = tempfile::tempdir().expect("cache dir");
    let source = tempfile::tempdir().expect("content dir");
    crate::content::export_built_in(source.path(), false).expect("exports");

    let first = load(Some(source.path()), Some(cache.path())).expect("loads");
    assert_eq!(first.source, ContentSource::Dir(source.path().to_owned()));
    let compiled: Vec<_> = fs::read_dir(cache.path())
        .expect("cache dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(compiled.len(), 1, "{compiled:?}");
    let key = dir_key(source.path()).expect("key");
    assert_eq!(compiled[0], cache.path().join(file_name(&key)));

    // An edited title gives another key, so the edit shows.
    let phase = source.path().join("phase-1-self-assessment.yaml");
    let text = fs::read_to_string(&phase).expect("reads");
    let title = &load_built_in().expect("loads").phases[0].sections[0].items[0].title;
    fs::write(&phase, text.replacen(&**title, "改过的标题", 1)).expect("writes");
    assert_ne!(dir_key(source.path()).expect("key"), key);
    let edited = load(Some(source.path()), Some(cache.path())).expect("loads");
    assert_eq!(&*edited.phases[0].sections[0].items[0].title, "改过的标题");

    // A broken file is reported exactly as without a cache, even with a compiled file around.
    fs::write(&phase, "id: [unclosed\n").expect("writes");
    let problems = load(Some(source.path()), Some(cache.path())).expect_err("broken YAML");
    assert!(
        problems
            .to_string()
            .contains("phase-1-self-assessment.yaml")
    );
}

#[test]
fn an_unwritable_cache_only_costs_time() {
    let cache = tempfile::tempdir().expect("cache dir");
    let source = tempfile::tempdir().expect("content dir");
    crate::content::export_built_in(source.path(), false).expect("exports");
    let blocked = cache.path().join("not-a-dir");
    fs::write(&blocked, "a file where the cache directory should be").expect("writes");
    let content = load(Some(source.path()), Some(&blocked)).expect("loads anyway");
    assert_eq!(
        content.item_count(),
        load_built_in().expect("loads").item_count()
    );
    let content = load(Some(source.path()), None).expect("loads without a cache too");
    assert_eq!(content.source, ContentSource::Dir(source.path().to_owned()));
}

/// `ZIZHI_UPDATE_COMPILED=1 cargo test --lib embedded` rewrites `assets/built-in.zcc`.
#[test]
fn the_embedded_compiled_copy_matches_the_built_in_files() {
    let fresh = encode(&load_built_in().expect("loads"), &built_in_key()).expect("encodes");
    if fresh != EMBEDDED {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/built-in.zcc");
        if std::env::var_os("ZIZHI_UPDATE_COMPILED").is_some() {
            fs::write(&path, &fresh).expect("writes assets/built-in.zcc");
            eprintln!("rewrote {}: build again to embed it", path.display());
        } else {
            panic!(
                "{} is out of date with checklists/ or the content schema; run\n  \
                 ZIZHI_UPDATE_COMPILED=1 cargo test --lib embedded\nand commit it",
                path.display()
            );
        }
    }
}

#[test]
fn built_in_content_comes_from_the_embedded_copy_and_writes_no_cache() {
    let cache = tempfile::tempdir().expect("cache dir");
    let content = load(None, Some(cache.path())).expect("loads");
    assert!(
        format!("{:?}", content.texts).contains("built in"),
        "{:?}",
        content.texts
    );
    assert_eq!(
        texts_of(&content),
        texts_of(&load_built_in().expect("loads"))
    );
    assert_eq!(fs::read_dir(cache.path()).expect("dir").count(), 0);
}

#[test]
fn old_compiled_files_are_pruned() {
    let cache = tempfile::tempdir().expect("cache dir");
    let mut content = load_built_in().expect("loads");
    for n in 0..(KEEP + 3) {
        let mut key = built_in_key();
        key[15] = n as u8;
        write(cache.path(), &key, &mut content).expect("writes");
    }
    let left = fs::read_dir(cache.path()).expect("dir").count();
    assert_eq!(left, KEEP);
}

#[test]
fn a_half_written_file_left_by_a_kill_is_removed_once_stale() {
    let cache = tempfile::tempdir().expect("cache dir");
    let stale = cache.path().join(".compiling-abc");
    let fresh = cache.path().join(".compiling-def");
    fs::write(&stale, "half").expect("writes");
    fs::write(&fresh, "half").expect("writes");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(old))
        .expect("sets time");
    write(
        cache.path(),
        &built_in_key(),
        &mut load_built_in().expect("loads"),
    )
    .expect("writes");
    assert!(!stale.exists(), "an hour-old temporary file is removed");
    assert!(
        fresh.exists(),
        "another zizhi may still be writing this one"
    );
}

#[test]
fn a_link_or_a_fifo_at_the_cache_files_name_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _, real) = compiled_built_in(dir.path());
    let key = built_in_key();
    let link = dir.path().join("link.zcc");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let err = open(&link, &key, ContentSource::BuiltIn).expect_err("a link is not followed");
    assert!(err.to_string().contains("符号链接"), "{err}");
    let fifo = dir.path().join("fifo.zcc");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // Opening a FIFO for reading would wait for a writer forever; it is refused instead.
    let err = open(&fifo, &key, ContentSource::BuiltIn).expect_err("a FIFO is not read");
    assert!(err.to_string().contains("命名管道"), "{err}");
}

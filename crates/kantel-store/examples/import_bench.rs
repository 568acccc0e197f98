//! Time and memory of a large streaming answers import on an SQLite file.
//!
//! ```text
//! cargo build --release -p kantel-store --example import_bench
//! /usr/bin/time -v target/release/examples/import_bench /tmp/bench.sqlite import 200000 29
//! /usr/bin/time -v target/release/examples/import_bench /tmp/bench.sqlite unchanged 200000 29
//! /usr/bin/time -v target/release/examples/import_bench /tmp/bench.sqlite remove
//! ```
//!
//! A `postgres://` URL instead of the path measures PostgreSQL (use a fresh database).
//!
//! `import` creates the database (removing an old one) and imports RESPONDENTS rows of
//! ITEMS answers in batches of 1000, generated on the fly so that the rows never exist in
//! memory all at once; `unchanged` streams the same rows again (the store writes them,
//! finds nothing changed and rolls back); `slice` re-imports them through
//! `Store::import_answers` with the whole file in memory (the read-only comparison path);
//! `remove` removes the import.

use std::path::Path;
use std::time::Instant;

use kantel_store::{
    AnswerImportRow, ImportOutcome, MunicipalityRecord, OpenMode, Store, StoreError, sha256_hex,
};

const BATCH: usize = 1000;
const MUNICIPALITIES: usize = 40;

fn row(i: usize, items: usize) -> AnswerImportRow {
    AnswerImportRow {
        external_id: format!("R{i:07}"),
        municipality_code: format!("GM{:04}", i % MUNICIPALITIES),
        group: ["bestuur", "management", "wijkteam"][i % 3].to_owned(),
        answers: (0..items)
            .map(|k| {
                let v = (i * 31 + k * 7) % 6;
                (format!("q{k:02}"), (v > 0).then_some(v as i64))
            })
            .collect(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), StoreError> {
    let args: Vec<String> = std::env::args().collect();
    let target = args
        .get(1)
        .map_or("/tmp/kantel_bench.sqlite", String::as_str);
    let path = Path::new(target);
    let mode = args.get(2).map_or("import", String::as_str);
    let respondents: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let items: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(29);
    let sha = sha256_hex(format!("bench {respondents} {items}").as_bytes());

    let postgres = target.starts_with("postgres");
    if mode == "import" && !postgres {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let started = Instant::now();
    let store = if postgres {
        Store::open(target).await?
    } else {
        Store::open_sqlite_file(path, OpenMode::CreateIfMissing).await?
    };
    let study = match store.find_study_by_name("bench").await? {
        Some(s) => s.id,
        None => store.create_study("bench", "").await?,
    };
    let municipalities: Vec<MunicipalityRecord> = (0..MUNICIPALITIES)
        .map(|m| MunicipalityRecord {
            code: format!("GM{m:04}"),
            name: format!("Gemeente {m}"),
            inhabitants: 10_000,
            group: None,
        })
        .collect();
    store.upsert_municipalities(study, &municipalities).await?;

    let outcome = match mode {
        "import" | "unchanged" => {
            let mut import = store.begin_answers_import(study, "bench.csv", &sha).await?;
            let mut batch = Vec::with_capacity(BATCH);
            for i in 0..respondents {
                batch.push(row(i, items));
                if batch.len() == BATCH {
                    import.add(&batch).await?;
                    batch.clear();
                }
            }
            import.add(&batch).await?;
            Some(import.finish().await?)
        }
        "slice" => {
            let rows: Vec<AnswerImportRow> = (0..respondents).map(|i| row(i, items)).collect();
            Some(
                store
                    .import_answers(study, "bench.csv", &sha, &rows)
                    .await?,
            )
        }
        "remove" => {
            let import = store
                .list_imports(study)
                .await?
                .into_iter()
                .rev()
                .find(|i| i.status == kantel_store::ImportStatus::Active)
                .expect("an active import");
            let event = store.remove_import(study, import.id).await?;
            println!("removed: {:?}", event.removed);
            None
        }
        other => panic!("unknown mode {other:?}"),
    };
    match outcome {
        Some(ImportOutcome::Imported {
            respondents_created,
            values_written,
            ..
        }) => println!("imported: {respondents_created} respondents, {values_written} answers"),
        Some(ImportOutcome::Unchanged { rows, .. }) => println!("unchanged: {rows} rows"),
        None => {}
    }
    println!("{mode}: {:.1} s", started.elapsed().as_secs_f64());
    store.close().await;
    Ok(())
}

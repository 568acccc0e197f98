//! The server's cache of measured analysis inputs gives what a fresh read gives, and reads
//! again when anything stored changes: a web answer (no import, so only the answers stamp
//! of the data version changes), or an import.

use std::sync::Arc;

use kantel_i18n::Lang;
use kantel_workflow::dashboard::qca::{InputsCache, load_inputs};
use kantel_workflow::invite::invite;
use kantel_workflow::workspace::block_on;
use kantel_workflow::{Access, StudyPaths, Workspace};

#[test]
fn cached_inputs_follow_every_change_of_the_stored_answers() {
    let dir = std::env::temp_dir().join(format!("kantel-inputs-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    kantel_workflow::demo::run_demo(&dir.join("demo"), 16, 3, Lang::Nl).unwrap();
    let paths = StudyPaths {
        study_file: dir.join("demo/study.toml"),
        database: None,
    };
    block_on(async {
        let ws = Workspace::open(&paths, Access::Read).await?;
        let cache = InputsCache::default();
        let first = cache.get(&ws).await?;
        let fresh = load_inputs(&ws).await?;
        assert_eq!(first.data_version, fresh.data_version);
        assert_eq!(
            serde_json::to_string(&first.measurement).unwrap(),
            serde_json::to_string(&fresh.measurement).unwrap()
        );
        // Nothing changed: the same value, not a new read.
        assert!(Arc::ptr_eq(&first, &cache.get(&ws).await?));

        // A web answer changes no import, but the answers stamp.
        let municipality = ws.study.municipalities[0].code.as_str().to_owned();
        let group = ws.study.respondent_groups[0].id.clone();
        let links = invite(
            &ws.store,
            ws.id,
            &ws.study,
            &municipality,
            &group,
            1,
            "http://localhost",
        )
        .await?;
        let token = links[0].link.rsplit('/').next().unwrap();
        let link = ws.store.respondent_for_link(token).await?;
        let item = ws
            .study
            .sets()
            .flat_map(|s| s.set.items.iter())
            .find(|i| i.groups.contains(&group))
            .unwrap()
            .id
            .clone();
        ws.store
            .save_web_answers(link.respondent.id, &[(item.clone(), Some(1))], Some(1))
            .await?;
        let second = cache.get(&ws).await?;
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(second.data_version.version, first.data_version.version);
        assert_eq!(
            second.data_version.answers.as_ref().unwrap().count,
            first.data_version.answers.as_ref().unwrap().count + 1
        );

        // Changing that answer again (same count, later time) is a change too.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        ws.store
            .save_web_answers(link.respondent.id, &[(item, Some(5))], Some(1))
            .await?;
        let third = cache.get(&ws).await?;
        assert!(!Arc::ptr_eq(&second, &third));
        assert_eq!(
            third.data_version.answers.as_ref().unwrap().count,
            second.data_version.answers.as_ref().unwrap().count
        );
        assert!(
            third.data_version.answers.as_ref().unwrap().last_change
                > second.data_version.answers.as_ref().unwrap().last_change
        );
        assert!(Arc::ptr_eq(&third, &cache.get(&ws).await?));
        ws.close().await;
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

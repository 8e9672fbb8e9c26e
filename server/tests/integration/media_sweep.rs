//! The media sweep: uploads nothing refers to are deleted once they are older
//! than the grace period; used ones, recent ones and unknown files stay.
use crate::common::{client, TestApp};
use crate::media::{case_study_form, image_bytes, save_case_study, upload};
use app::domain::role::Role;
use image::ImageFormat;
use server::media::sweep::{sweep, SweepReport};
use std::path::Path;
use std::time::Duration;

on_both_backends!(unused_uploads_are_swept_after_the_grace_period);

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn variants(media_dir: &Path, key: &str, widths: &[u32]) -> Vec<bool> {
    widths
        .iter()
        .map(|w| media_dir.join(format!("{key}-{w}.webp")).exists())
        .collect()
}

async fn unused_uploads_are_swept_after_the_grace_period(app: TestApp) {
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let png = || image_bytes(900, 500, ImageFormat::Png);
    let mut keys = Vec::new();
    for kind in ["hero", "hero", "chart", "profile", "profile"] {
        let (status, body) = upload(&app, &admin, kind, png(), "image/png").await;
        assert_eq!(status, 201, "{body}");
        keys.push(body["key"].as_str().unwrap().to_string());
    }
    let [used_hero, replaced_hero, used_chart, used_portrait, unsaved_portrait] =
        <[String; 5]>::try_from(keys).unwrap();

    let saved = save_case_study(
        &app,
        &admin,
        &case_study_form("Sweep keeps what is used", &used_hero, &used_chart),
    )
    .await;
    assert_eq!(saved.status(), 200);
    sqlx::query("UPDATE consultants SET profile_image = $1 WHERE email = $2")
        .bind(&used_portrait)
        .bind(crate::common::demo().consultants[0].email.clone())
        .execute(&app.db.pool)
        .await
        .unwrap();
    // A write cut off half way, and a file the sweep does not know.
    let media = &app.media_dir;
    std::fs::write(
        media.join(format!("{replaced_hero}-800.webp.partial")),
        b"half",
    )
    .unwrap();
    std::fs::write(media.join("hero/keep-me.txt"), b"not ours").unwrap();

    // Everything is fresh: the default grace period keeps it all.
    let report = sweep(&app.db, media, DAY, false).await.unwrap();
    assert_eq!(report.unreferenced_removed + report.unfinished_removed, 0);
    assert_eq!(report.files_kept, 3 + 3 + 3 + 3 + 3 + 1 + 1);

    // A dry run reports without deleting.
    let dry = sweep(&app.db, media, Duration::ZERO, true).await.unwrap();
    assert_eq!(dry.unreferenced_removed, 6, "{dry:?}");
    assert_eq!(dry.unfinished_removed, 1);
    assert!(dry.bytes_freed > 0);
    assert_eq!(
        variants(media, &replaced_hero, &[1200, 800, 400]),
        [true; 3]
    );

    let report = sweep(&app.db, media, Duration::ZERO, false).await.unwrap();
    assert_eq!(
        report,
        SweepReport {
            files_kept: 3 + 3 + 3 + 1,
            unreferenced_removed: 6,
            unfinished_removed: 1,
            bytes_freed: dry.bytes_freed,
        }
    );
    assert_eq!(
        variants(media, &replaced_hero, &[1200, 800, 400]),
        [false; 3]
    );
    assert_eq!(
        variants(media, &unsaved_portrait, &[400, 150, 64]),
        [false; 3]
    );
    assert_eq!(variants(media, &used_hero, &[1200, 800, 400]), [true; 3]);
    assert_eq!(variants(media, &used_chart, &[1200, 800, 400]), [true; 3]);
    assert_eq!(variants(media, &used_portrait, &[400, 150, 64]), [true; 3]);
    assert!(media.join("hero/keep-me.txt").exists());
    let gone = app
        .get(&client(), &format!("/media/{replaced_hero}-400.webp"))
        .await;
    assert_eq!(gone.status(), 404);
    let kept = app
        .get(&client(), &format!("/media/{used_hero}-400.webp"))
        .await;
    assert_eq!(kept.status(), 200);

    // Replacing the hero leaves the old one unreferenced: the next sweep takes it.
    let id: String = saved.json().await.unwrap();
    let mut form = case_study_form("Sweep keeps what is used", "", &used_chart);
    form.push(("id".into(), id));
    assert_eq!(save_case_study(&app, &admin, &form).await.status(), 200);
    let report = sweep(&app.db, media, Duration::ZERO, false).await.unwrap();
    assert_eq!(report.unreferenced_removed, 3);
    assert_eq!(variants(media, &used_hero, &[1200, 800, 400]), [false; 3]);
    assert_eq!(variants(media, &used_chart, &[1200, 800, 400]), [true; 3]);
}

//! Image uploads: limits, types, roles, the variants on disk and in pages,
//! and that forms only accept keys of real uploads.
use crate::common;
use app::domain::role::Role;
use common::{client, TestApp};
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

on_both_backends!(
    uploads_become_webp_variants_served_from_media,
    upload_limits_and_types_are_enforced_with_clear_messages,
    only_editors_may_upload,
    case_studies_keep_their_images_and_pages_use_srcset,
    consultants_set_their_own_portrait,
    degenerate_shapes_are_refused_and_the_server_keeps_serving,
    case_studies_accept_only_recorded_uploads,
    swept_uploads_are_forgotten,
);

pub(crate) fn image_bytes(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encodes");
    out.into_inner()
}

pub(crate) async fn upload(
    app: &TestApp,
    session: &reqwest::Client,
    kind: &str,
    bytes: Vec<u8>,
    mime: &str,
) -> (u16, serde_json::Value) {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("picture")
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let response = session
        .post(app.url(&format!("/admin/media?kind={kind}")))
        .multipart(form)
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

async fn uploads_become_webp_variants_served_from_media(app: TestApp) {
    let marketer = app.logged_in_as(Role::Marketer).await;
    let (status, body) = upload(
        &app,
        &marketer,
        "hero",
        image_bytes(1600, 1000, ImageFormat::Jpeg),
        "image/jpeg",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let key = body["key"].as_str().unwrap();
    assert!(key.starts_with("hero/"), "{key}");
    assert_eq!(
        (body["width"].as_u64(), body["height"].as_u64()),
        (Some(1200), Some(630))
    );
    assert_eq!(body["warning"], serde_json::Value::Null);
    let srcset = body["srcset"].as_str().unwrap();
    for width in [1200, 800, 400] {
        let url = format!("/media/{key}-{width}.webp");
        assert!(srcset.contains(&format!("{url} {width}w")), "{srcset}");
        let response = client().get(app.url(&url)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(response.headers()["content-type"], "image/webp");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "variants never change under their name"
        );
        let decoded = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(decoded.width(), width);
    }

    // A small portrait is enlarged, with a warning saying so.
    let admin = app.logged_in_as(Role::Admin).await;
    let (status, body) = upload(
        &app,
        &admin,
        "profile",
        image_bytes(200, 300, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert!(body["warning"].as_str().unwrap().contains("200 px wide"));
    assert_eq!(
        body["src"].as_str().unwrap(),
        format!("/media/{}-400.webp", body["key"].as_str().unwrap())
    );
}

async fn upload_limits_and_types_are_enforced_with_clear_messages(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;

    // Over 10 MB: refused before decoding, with the limit named.
    let mut big = image_bytes(64, 64, ImageFormat::Png);
    big.resize(10 * 1024 * 1024 + 1, 0);
    let (status, body) = upload(&app, &admin, "hero", big, "image/png").await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["error"]["code"], "too_large");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("at most 10 MB"));

    // Far over: the body limit stops reading, same answer.
    let huge = vec![0u8; 12 * 1024 * 1024];
    let (status, body) = upload(&app, &admin, "hero", huge, "image/png").await;
    assert_eq!(status, 413, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("10 MB"));

    // Exactly at the limit is fine when it is a real image (padding after IEND is ignored).
    let mut at_limit = image_bytes(64, 64, ImageFormat::Png);
    at_limit.resize(10 * 1024 * 1024, 0);
    let (status, body) = upload(&app, &admin, "chart", at_limit, "image/png").await;
    assert_eq!(status, 201, "{body}");

    // GIF by its declared type, and a script pretending to be a PNG by its bytes.
    let (status, body) = upload(&app, &admin, "hero", b"GIF89a....".to_vec(), "image/gif").await;
    assert_eq!(status, 415, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("image/gif"));
    let (status, body) = upload(
        &app,
        &admin,
        "hero",
        b"<script>alert(1)</script>".to_vec(),
        "image/png",
    )
    .await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["error"]["code"], "unsupported_type");

    // A damaged file.
    let mut broken = image_bytes(300, 300, ImageFormat::Png);
    broken.truncate(100);
    let (status, body) = upload(&app, &admin, "hero", broken, "image/png").await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("damaged"));

    // An empty file, a missing field and an unknown kind.
    let (status, _) = upload(&app, &admin, "hero", Vec::new(), "image/png").await;
    assert_eq!(status, 422);
    let response = admin
        .post(app.url("/admin/media?kind=hero"))
        .multipart(reqwest::multipart::Form::new().text("other", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let (status, body) = upload(
        &app,
        &admin,
        "banner",
        image_bytes(10, 10, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["parameters"][0]["parameter"], "kind");
}

async fn only_editors_may_upload(app: TestApp) {
    let png = || image_bytes(40, 40, ImageFormat::Png);
    let (status, _) = upload(&app, &client(), "hero", png(), "image/png").await;
    assert_eq!(status, 401, "anonymous");
    let consultant = app.logged_in_as(Role::Consultant).await;
    let (status, _) = upload(&app, &consultant, "hero", png(), "image/png").await;
    assert_eq!(status, 403, "consultants do not edit case studies");
    let (status, _) = upload(&app, &consultant, "profile", png(), "image/png").await;
    assert_eq!(status, 201, "consultants set their portrait");
    let marketer = app.logged_in_as(Role::Marketer).await;
    let (status, _) = upload(&app, &marketer, "profile", png(), "image/png").await;
    assert_eq!(status, 403, "marketers do not edit profiles");
    let (status, _) = upload(&app, &marketer, "chart", png(), "image/png").await;
    assert_eq!(status, 201);
}

pub(crate) fn case_study_form(title: &str, hero: &str, charts: &str) -> Vec<(String, String)> {
    [
        ("input[title]", title),
        ("input[summary]", "A short summary."),
        ("input[industry_sic_code]", "5610"),
        ("input[industry_name]", "Restaurants"),
        ("input[client_type]", "Regional café chain"),
        ("input[company_size]", "smb"),
        ("input[business_challenge]", "Baskets were small."),
        ("input[methodology]", "ab_test"),
        ("input[challenge]", "pricing"),
        ("input[duration_days]", "28"),
        ("input[sample_size]", "120000"),
        ("input[confidence_level]", "0.95"),
        ("input[primary_metric_name]", "Average basket"),
        ("input[primary_metric_baseline]", "8"),
        ("input[primary_metric_result]", "8.8"),
        ("input[roi_pct]", "320"),
        ("input[roi_value]", "85000"),
        ("input[roi_timeframe]", "annually"),
        ("input[payback_months]", "3"),
        ("input[hero_image]", hero),
        ("input[chart_images]", charts),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub(crate) async fn save_case_study(
    app: &TestApp,
    session: &reqwest::Client,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.call(session, "/api/admin/case-studies/save", &pairs)
        .await
}

async fn case_studies_keep_their_images_and_pages_use_srcset(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let png = || image_bytes(1300, 700, ImageFormat::Png);
    let (_, hero) = upload(&app, &admin, "hero", png(), "image/png").await;
    let (_, chart) = upload(&app, &admin, "chart", png(), "image/png").await;
    let hero_key = hero["key"].as_str().unwrap();
    let chart_key = chart["key"].as_str().unwrap();

    // Keys that are not uploads of the right kind are refused, field by field.
    let bad = save_case_study(
        &app,
        &admin,
        &case_study_form("Café chain lifts basket size", "../../etc/passwd", hero_key),
    )
    .await;
    assert_eq!(bad.status(), 422);
    let body: serde_json::Value = bad.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["hero_image", "chart_images"]);

    let saved = save_case_study(
        &app,
        &admin,
        &case_study_form("Café chain lifts basket size", hero_key, chart_key),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let id: String = saved.json().await.unwrap();
    let editor = app
        .page(&admin, &format!("/admin/case-studies/{id}/edit"))
        .await;
    assert!(
        editor.contains(&format!("value=\"{hero_key}\"")),
        "the editor shows the stored hero"
    );
    let published = app
        .call(
            &admin,
            "/api/admin/case-studies/publish",
            &[("id", &id), ("published", "true")],
        )
        .await;
    assert_eq!(published.status(), 200);

    let (_, detail) = app
        .json("/api/v1/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert_eq!(
        detail["hero_image_url"],
        format!("/media/{hero_key}-1200.webp")
    );
    assert_eq!(
        detail["chart_images"][0],
        format!("/media/{chart_key}-1200.webp")
    );
    let page = app
        .page(&client(), "/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert!(
        page.contains(&format!("srcset=\"/media/{hero_key}-1200.webp 1200w")),
        "hero srcset"
    );
    assert!(
        page.contains(&format!("/media/{chart_key}-400.webp 400w")),
        "chart srcset"
    );
    assert!(
        page.contains("Chart 1 of 1 from this engagement"),
        "chart alt text"
    );
    assert!(
        page.contains(&format!(
            "property=\"og:image\" content=\"{}/media/{hero_key}-1200.webp\"",
            app.base_url
        )),
        "Open Graph image"
    );
    assert!(page.contains("summary_large_image"));
    let gallery = app.page(&client(), "/case-studies").await;
    assert!(
        gallery.contains(&format!("/media/{hero_key}-400.webp 400w")),
        "card image"
    );

    // Removing the images in the editor removes them from the page.
    let cleared = save_case_study(
        &app,
        &admin,
        &[
            vec![("id".to_string(), id.clone())],
            case_study_form("Café chain lifts basket size", "", ""),
        ]
        .concat(),
    )
    .await;
    assert_eq!(cleared.status(), 200);
    let (_, detail) = app
        .json("/api/v1/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert_eq!(detail["hero_image_url"], serde_json::Value::Null);
    assert_eq!(detail["chart_images"], serde_json::json!([]));
    let page = app
        .page(&client(), "/case-studies/cafe-chain-lifts-basket-size")
        .await;
    assert!(!page.contains("og:image"), "no picture, no og:image");
    assert!(!page.contains("cs-hero__image"));
}

async fn consultants_set_their_own_portrait(app: TestApp) {
    app.seed_showcase().await;
    app.create_user("priya.photo@example.com", Role::Consultant)
        .await;
    let user = app::db::users::find_by_email(&app.db, "priya.photo@example.com")
        .await
        .unwrap()
        .unwrap();
    app::db::consultants::link_user(&app.db, &common::demo().consultants[0].email, &user.id)
        .await
        .unwrap();
    let priya = client();
    app.login(&priya, "priya.photo@example.com", common::PASSWORD)
        .await;
    let (_, list) = app.json("/api/v1/consultants").await;
    let id = list["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["first_name"] == common::demo().consultants[0].profile.first_name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let (status, portrait) = upload(
        &app,
        &priya,
        "profile",
        image_bytes(500, 500, ImageFormat::Jpeg),
        "image/jpeg",
    )
    .await;
    assert_eq!(status, 201);
    let key = portrait["key"].as_str().unwrap();
    let form: Vec<(&str, &str)> = vec![
        ("id", &id),
        ("input[first_name]", "Priya"),
        ("input[last_name]", "Raman"),
        ("input[title]", "Principal consultant"),
        ("input[specializations]", "Pricing"),
        ("input[years_experience]", "12"),
        ("input[capacity_pct]", "55"),
        ("input[preferred_contact]", "email"),
        ("input[profile_image]", key),
    ];
    let saved = app.call(&priya, "/api/admin/consultants/save", &form).await;
    assert_eq!(saved.status(), 200);
    let (_, profile) = app.json(&format!("/api/v1/consultants/{id}")).await;
    assert_eq!(
        profile["profile_image_url"],
        format!("/media/{key}-400.webp")
    );
    let page = app.page(&client(), &format!("/consultants/{id}")).await;
    assert!(
        page.contains(&format!("/media/{key}-150.webp 150w")),
        "portrait srcset"
    );

    // A hero key is not a portrait.
    let admin = app.logged_in_as(Role::Admin).await;
    let (_, hero) = upload(
        &app,
        &admin,
        "hero",
        image_bytes(100, 100, ImageFormat::Png),
        "image/png",
    )
    .await;
    let mut wrong = form.clone();
    wrong.retain(|(k, _)| *k != "input[profile_image]");
    wrong.push(("input[profile_image]", hero["key"].as_str().unwrap()));
    let refused = app
        .call(&priya, "/api/admin/consultants/save", &wrong)
        .await;
    assert_eq!(refused.status(), 422);
}

/// The probe's 130-byte PNG, 1 × 12,000 px, once made the resizer ask for
/// 52 GB and abort the process (hero, chart) or spin for seconds (profile).
async fn degenerate_shapes_are_refused_and_the_server_keeps_serving(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let strip = || image_bytes(1, 12_000, ImageFormat::Png);
    for (kind, rule) in [
        ("hero", "its sides may differ by at most 4 times"),
        ("profile", "its sides may differ by at most 4 times"),
        (
            "chart",
            "a chart may be at most 6 times as wide as it is tall, or 4 times as tall as it is wide",
        ),
    ] {
        let started = std::time::Instant::now();
        let (status, body) = upload(&app, &admin, kind, strip(), "image/png").await;
        assert_eq!(status, 422, "{kind}: {body}");
        assert_eq!(body["error"]["code"], "invalid_image", "{kind}");
        assert_eq!(
            body["error"]["message"],
            format!("The image is 1 × 12,000 px; {rule}. Crop it and upload again."),
            "{kind}"
        );
        assert_eq!(body["error"]["parameters"][0]["parameter"], "file");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{kind} was refused without the work: {:?}",
            started.elapsed()
        );
        let (health, _) = app.json("/health").await;
        assert_eq!(health, 200, "still serving after the {kind} upload");
    }
    // A narrow strip within the size limits, sideways.
    let (status, body) = upload(
        &app,
        &admin,
        "chart",
        image_bytes(3000, 20, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("The image is 3,000 × 20 px;"));
    // The widest chart allowed still works.
    let (status, body) = upload(
        &app,
        &admin,
        "chart",
        image_bytes(1800, 300, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (body["width"].as_u64(), body["height"].as_u64()),
        (Some(1200), Some(200))
    );
}

/// Image keys are public, so a form must not accept one just because it is
/// well formed: it has to name an upload of that kind.
async fn case_studies_accept_only_recorded_uploads(app: TestApp) {
    // Only admins add an industry; this one is then the marketer's to pick.
    let admin = app.logged_in_as(Role::Admin).await;
    let first = save_case_study(&app, &admin, &case_study_form("First study", "", "")).await;
    assert_eq!(
        first.status(),
        200,
        "{}",
        first.text().await.unwrap_or_default()
    );
    let marketer = app.logged_in_as(Role::Marketer).await;
    let invented_hero = format!("hero/{}", uuid::Uuid::new_v4().simple());
    let invented_chart = format!("chart/{}", uuid::Uuid::new_v4().simple());
    let refused = save_case_study(
        &app,
        &marketer,
        &case_study_form("Invented images", &invented_hero, &invented_chart),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["hero_image", "chart_images"]);

    // Another editor's uploads are fine: case studies are shared work.
    let admin = app.logged_in_as(Role::Admin).await;
    let png = || image_bytes(1300, 700, ImageFormat::Png);
    let (_, hero) = upload(&app, &admin, "hero", png(), "image/png").await;
    let (_, chart) = upload(&app, &admin, "chart", png(), "image/png").await;
    let saved = save_case_study(
        &app,
        &marketer,
        &case_study_form(
            "Invented images",
            hero["key"].as_str().unwrap(),
            chart["key"].as_str().unwrap(),
        ),
    )
    .await;
    assert_eq!(saved.status(), 200);
}

/// The sweep deletes an unused upload's record with its files, so its key
/// cannot be attached afterwards; what is used keeps its record.
async fn swept_uploads_are_forgotten(app: TestApp) {
    use app::db::media_uploads;
    use app::domain::media::MediaKey;
    use server::media::sweep::sweep;
    use std::time::Duration;

    let admin = app.logged_in_as(Role::Admin).await;
    let png = || image_bytes(900, 500, ImageFormat::Png);
    let (_, used) = upload(&app, &admin, "chart", png(), "image/png").await;
    let (_, unused) = upload(&app, &admin, "chart", png(), "image/png").await;
    let used = used["key"].as_str().unwrap().to_string();
    let unused = unused["key"].as_str().unwrap().to_string();
    let saved = save_case_study(&app, &admin, &case_study_form("Swept", "", &used)).await;
    assert_eq!(saved.status(), 200);
    let recorded = |key: String| {
        let db = app.db.clone();
        async move {
            media_uploads::find(&db, &MediaKey::parse(&key).unwrap())
                .await
                .unwrap()
                .is_some()
        }
    };

    sweep(&app.db, &app.media_dir, Duration::ZERO, true)
        .await
        .unwrap();
    assert!(recorded(unused.clone()).await, "a dry run forgets nothing");
    let report = sweep(&app.db, &app.media_dir, Duration::ZERO, false)
        .await
        .unwrap();
    assert_eq!(report.unreferenced_removed, 3, "{report:?}");
    assert!(
        !recorded(unused.clone()).await,
        "the swept upload is forgotten"
    );
    assert!(recorded(used.clone()).await, "the used upload is kept");

    let reused = save_case_study(&app, &admin, &case_study_form("Swept again", "", &unused)).await;
    assert_eq!(reused.status(), 422, "a swept key cannot be attached");
}

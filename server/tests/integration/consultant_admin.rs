//! Consultant profiles in the back office: consultants edit only their own.
use crate::common;
use app::domain::role::Role;
use common::{client, TestApp};
use server::seed::showcase_data::CONSULTANTS;

on_both_backends!(
    consultants_edit_their_own_profile_only,
    profile_changes_are_validated,
);

async fn consultant_ids(app: &TestApp) -> (String, String) {
    let (_, list) = app.json("/api/v1/consultants").await;
    let id_of = |email_first: &str| {
        list["consultants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["first_name"] == email_first)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    (
        id_of(CONSULTANTS[0].first_name),
        id_of(CONSULTANTS[1].first_name),
    )
}

fn profile_form(id: &str, title: &str, linkedin: &str) -> Vec<(String, String)> {
    [
        ("id", id),
        ("input[first_name]", "Priya"),
        ("input[last_name]", "Raman"),
        ("input[title]", title),
        ("input[bio]", "Runs **pricing** experiments."),
        ("input[specializations]", "Pricing, Geo experiments"),
        ("input[years_experience]", "12"),
        ("input[capacity_pct]", "55"),
        ("input[available_for_new_clients]", "true"),
        ("input[preferred_contact]", "email"),
        ("input[linkedin_url]", linkedin),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn post(
    app: &TestApp,
    session: &reqwest::Client,
    form: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(session, "/api/admin/consultants/save", &pairs)
        .await
}

async fn consultants_edit_their_own_profile_only(app: TestApp) {
    app.seed_showcase().await;
    app.create_user("priya.login@example.com", Role::Consultant)
        .await;
    let user = app::db::users::find_by_email(&app.db, "priya.login@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app::db::consultants::link_user(&app.db, CONSULTANTS[0].email, &user.id)
            .await
            .unwrap()
    );
    let (own, other) = consultant_ids(&app).await;

    let priya = client();
    assert_eq!(
        app.login(&priya, "priya.login@example.com", common::PASSWORD)
            .await
            .status(),
        200
    );
    let listing = app
        .get(&priya, "/admin/consultants")
        .await
        .text()
        .await
        .unwrap();
    assert!(listing.contains(&format!("/admin/consultants/{own}/edit")));
    assert!(
        !listing.contains(&format!("/admin/consultants/{other}/edit")),
        "only their own"
    );
    assert_eq!(
        app.get(&priya, &format!("/admin/consultants/{own}/edit"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&priya, &format!("/admin/consultants/{other}/edit"))
            .await
            .status(),
        403
    );

    assert_eq!(
        post(
            &app,
            &priya,
            &profile_form(&own, "Head of Pricing Science", "")
        )
        .await
        .status(),
        200
    );
    let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
    assert_eq!(profile["title"], "Head of Pricing Science");
    assert_eq!(profile["current_capacity"], 55);
    assert_eq!(
        post(&app, &priya, &profile_form(&other, "Hijacked", ""))
            .await
            .status(),
        403
    );
    let (_, untouched) = app.json(&format!("/api/v1/consultants/{other}")).await;
    assert_ne!(untouched["title"], "Hijacked");

    let marketer = app.logged_in_as(Role::Marketer).await;
    assert_eq!(app.get(&marketer, "/admin/consultants").await.status(), 403);
    assert_eq!(
        post(&app, &marketer, &profile_form(&own, "Nope", ""))
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&app, &client(), &profile_form(&own, "Nope", ""))
            .await
            .status(),
        401
    );

    let admin = app.logged_in_as(Role::Admin).await;
    assert_eq!(
        post(
            &app,
            &admin,
            &profile_form(&other, "Edited by an admin", "")
        )
        .await
        .status(),
        200
    );
    let (_, edited) = app.json(&format!("/api/v1/consultants/{other}")).await;
    assert_eq!(edited["title"], "Edited by an admin");
}

async fn profile_changes_are_validated(app: TestApp) {
    app.seed_showcase().await;
    let (own, _) = consultant_ids(&app).await;
    let admin = app.logged_in_as(Role::Admin).await;
    let response = post(&app, &admin, &profile_form(&own, "", "javascript:alert(1)")).await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"title") && fields.contains(&"linkedin_url"),
        "{fields:?}"
    );
}

//! Consultant profiles in the back office: consultants edit only their own.
use crate::common;
use crate::media::{image_bytes, upload};
use crate::roi::post_json;
use app::domain::role::Role;
use common::{client, TestApp};
use image::ImageFormat;

on_both_backends!(
    consultants_edit_their_own_profile_only,
    profile_changes_are_validated,
    admins_create_deactivate_and_link_profiles,
    only_unused_profiles_can_be_deleted,
    consultants_attach_only_their_own_portraits,
    a_consultants_industries_and_capacity_route_leads_to_them,
    admins_alone_enter_satisfaction_and_rates_are_typed,
    the_track_record_follows_publishing,
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
        id_of(&common::demo().consultants[0].profile.first_name),
        id_of(&common::demo().consultants[1].profile.first_name),
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
    assert!(app::db::consultants::link_user(
        &app.db,
        &common::demo().consultants[0].email,
        &user.id
    )
    .await
    .unwrap());
    let (own, other) = consultant_ids(&app).await;

    let priya = client();
    assert_eq!(
        app.login(&priya, "priya.login@example.com", common::PASSWORD)
            .await
            .status(),
        200
    );
    let listing = app.page(&priya, "/admin/consultants").await;
    assert!(listing.contains(&format!("/admin/consultants/{own}/edit")));
    assert!(
        !listing.contains(&format!("/admin/consultants/{other}/edit")),
        "only their own"
    );
    assert!(
        !listing.contains("New consultant profile") && !listing.contains("Link account"),
        "admin controls are not shown to consultants"
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
    let admin_listing = app.page(&admin, "/admin/consultants").await;
    for control in [
        "New consultant profile",
        "Link account",
        "Deactivate",
        "Delete",
    ] {
        assert!(admin_listing.contains(control), "admins see {control:?}");
    }
    assert!(
        admin_listing.contains("priya.login@example.com"),
        "linkable accounts listed"
    );
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

/// Admins create profiles, hide them (from the directory and from lead
/// routing) and link them to the account that may edit them.
async fn admins_create_deactivate_and_link_profiles(app: TestApp) {
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let create = |email: &'static str| {
        let admin = admin.clone();
        let url = app.url("/api/admin/consultants/create");
        async move {
            admin
                .post(url)
                .header("Accept", "application/json")
                .form(&[
                    ("input[first_name]", "Lena"),
                    ("input[last_name]", "Okafor"),
                    ("input[email]", email),
                    ("input[title]", "Experimentation Consultant"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let response = create("not-an-email").await;
    assert_eq!(response.status(), 422);
    let response = create("lena.okafor@causal-edge.example").await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let lena = app::db::consultants::list_all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.first_name == "Lena")
        .expect("the profile is stored")
        .id;
    // A new profile stays hidden (no directory, no leads) until it is complete.
    let public = |list: serde_json::Value| {
        list["consultants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["first_name"] == "Lena")
    };
    assert!(!public(app.json("/api/v1/consultants").await.1));
    let early = app
        .call(
            &admin,
            "/api/admin/consultants/active",
            &[("id", &lena), ("active", "true")],
        )
        .await;
    assert_eq!(early.status(), 422);
    let body = early.text().await.unwrap();
    assert!(
        body.contains("add a bio, a specialisation and a primary industry"),
        "{body}"
    );
    let overview = app.page(&admin, "/admin/consultants").await;
    assert!(overview.contains("Complete the profile before making it public"));
    let mut form = routing_form(&lena, "Lena", ("4791", ""), "20");
    form.push((
        "input[bio]".to_string(),
        "Lena runs pricing experiments.".to_string(),
    ));
    assert_eq!(post(&app, &admin, &form).await.status(), 200);
    let activated = app
        .call(
            &admin,
            "/api/admin/consultants/active",
            &[("id", &lena), ("active", "true")],
        )
        .await;
    assert_eq!(activated.status(), 200);
    assert!(public(app.json("/api/v1/consultants").await.1));
    assert_eq!(
        create("lena.okafor@causal-edge.example").await.status(),
        409,
        "one profile per email"
    );

    // Link Lena's account: she may now edit her profile.
    app.create_user("lena@causal-edge.example", Role::Consultant)
        .await;
    let user = app::db::users::find_by_email(&app.db, "lena@causal-edge.example")
        .await
        .unwrap()
        .unwrap();
    let linked = app
        .call(
            &admin,
            "/api/admin/consultants/link",
            &[("id", &lena), ("user_id", &user.id)],
        )
        .await;
    assert_eq!(linked.status(), 200);
    let lena_session = client();
    app.login(&lena_session, "lena@causal-edge.example", common::PASSWORD)
        .await;
    assert_eq!(
        app.get(&lena_session, &format!("/admin/consultants/{lena}/edit"))
            .await
            .status(),
        200
    );
    // The same account cannot be linked to a second profile.
    let (own, _) = consultant_ids(&app).await;
    let twice = app
        .call(
            &admin,
            "/api/admin/consultants/link",
            &[("id", &own), ("user_id", &user.id)],
        )
        .await;
    assert_eq!(twice.status(), 409);

    // Deactivated: gone from the directory and from routing.
    let hidden = app
        .call(
            &admin,
            "/api/admin/consultants/active",
            &[("id", &own), ("active", "false")],
        )
        .await;
    assert_eq!(hidden.status(), 200);
    let (_, list) = app.json("/api/v1/consultants").await;
    assert!(list["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != own.as_str()));
    // Gone for the public and the API; admins can still preview it.
    let path = format!("/consultants/{own}");
    assert_eq!(app.get(&client(), &path).await.status(), 404);
    assert_eq!(app.json(&format!("/api/v1/consultants/{own}")).await.0, 404);
    let preview = app.get(&admin, &path).await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.unwrap();
    assert!(html.contains("Preview: this profile is deactivated"));
    assert!(html.contains("noindex"));
    let lead: serde_json::Value = client()
        .post(app.url("/api/v1/leads"))
        .header("X-Forwarded-For", "10.9.0.1")
        .json(&serde_json::json!({
            "email": "routing@acme.example", "industry": "4791", "annual_revenue_range": "10m_50m",
            "company_size_range": "200-1000", "primary_challenge": "conversion", "timeline": "asap",
            "decision_making_authority": "decision_maker", "source": "api",
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(
        lead["assigned_consultant"]["id"],
        own.as_str(),
        "an inactive consultant gets no leads"
    );

    // Only admins manage profiles.
    let consultant = app.logged_in_as(Role::Consultant).await;
    let refused = app
        .call(
            &consultant,
            "/api/admin/consultants/active",
            &[("id", &own), ("active", "true")],
        )
        .await;
    assert_eq!(refused.status(), 403);
}

async fn only_unused_profiles_can_be_deleted(app: TestApp) {
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let created = admin
        .post(app.url("/api/admin/consultants/create"))
        .header("Accept", "application/json")
        .form(&[
            ("input[first_name]", "Mistaken"),
            ("input[last_name]", "Entry"),
            ("input[email]", "mistake@causal-edge.example"),
            ("input[title]", "Consultant"),
        ])
        .send()
        .await
        .unwrap();
    let fresh: String = created.json().await.unwrap();
    let (busy, _) = consultant_ids(&app).await;

    // Consultants may not delete, not even a profile nobody uses.
    let consultant = app.logged_in_as(Role::Consultant).await;
    let refused = app
        .call(
            &consultant,
            "/api/admin/consultants/delete",
            &[("id", &fresh)],
        )
        .await;
    assert_eq!(refused.status(), 403);

    // A profile with case studies stays, and the answer says what to do instead.
    let in_use = app
        .call(&admin, "/api/admin/consultants/delete", &[("id", &busy)])
        .await;
    assert_eq!(in_use.status(), 409);
    let body: serde_json::Value = in_use.json().await.unwrap();
    let message = body["Conflict"]["message"].as_str().unwrap();
    assert!(message.contains("case stud"), "{message}");
    assert!(message.contains("Deactivate it instead"), "{message}");
    assert_eq!(
        app.json(&format!("/api/v1/consultants/{busy}")).await.0,
        200
    );

    let deleted = app
        .call(&admin, "/api/admin/consultants/delete", &[("id", &fresh)])
        .await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(
        app.json(&format!("/api/v1/consultants/{fresh}")).await.0,
        404
    );
    let again = app
        .call(&admin, "/api/admin/consultants/delete", &[("id", &fresh)])
        .await;
    assert_eq!(again.status(), 404);
}

/// A consultant account linked to the demo profile with `email`, logged in.
async fn linked_consultant(app: &TestApp, login: &str, profile_email: &str) -> reqwest::Client {
    app.create_user(login, Role::Consultant).await;
    let user = app::db::users::find_by_email(&app.db, login)
        .await
        .unwrap()
        .unwrap();
    assert!(
        app::db::consultants::link_user(&app.db, profile_email, &user.id)
            .await
            .unwrap()
    );
    let session = client();
    assert_eq!(
        app.login(&session, login, common::PASSWORD).await.status(),
        200
    );
    session
}

async fn portrait_upload(app: &TestApp, session: &reqwest::Client) -> String {
    let (status, body) = upload(
        app,
        session,
        "profile",
        image_bytes(300, 300, ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["key"].as_str().unwrap().to_string()
}

fn with_portrait(mut form: Vec<(String, String)>, key: &str) -> Vec<(String, String)> {
    form.push(("input[profile_image]".to_string(), key.to_string()));
    form
}

/// Portrait keys are in public image URLs, so a consultant could paste a
/// colleague's into their own profile; only their own uploads are accepted.
async fn consultants_attach_only_their_own_portraits(app: TestApp) {
    app.seed_showcase().await;
    let (a_profile, b_profile) = consultant_ids(&app).await;
    let a = linked_consultant(
        &app,
        "a.portrait@example.com",
        &common::demo().consultants[0].email,
    )
    .await;
    let b = linked_consultant(
        &app,
        "b.portrait@example.com",
        &common::demo().consultants[1].email,
    )
    .await;
    let a_key = portrait_upload(&app, &a).await;
    let (_, before) = app.json(&format!("/api/v1/consultants/{b_profile}")).await;

    let taken = post(
        &app,
        &b,
        &with_portrait(profile_form(&b_profile, "Borrowed face", ""), &a_key),
    )
    .await;
    assert_eq!(taken.status(), 422);
    let body: serde_json::Value = taken.json().await.unwrap();
    assert_eq!(
        body["Invalid"],
        serde_json::json!([{
            "field": "profile_image",
            "message": "Upload the portrait again; that image is not one of yours."
        }])
    );
    let (_, after) = app.json(&format!("/api/v1/consultants/{b_profile}")).await;
    assert_eq!(after, before, "B's profile is unchanged");

    // A well-formed key that was never uploaded is no better.
    let invented = format!("profile/{}", uuid::Uuid::new_v4().simple());
    let invented_save = post(
        &app,
        &b,
        &with_portrait(profile_form(&b_profile, "Invented", ""), &invented),
    )
    .await;
    assert_eq!(invented_save.status(), 422);

    // Their own upload works, and re-saving keeps it.
    let b_key = portrait_upload(&app, &b).await;
    let own = with_portrait(profile_form(&b_profile, "Own face", ""), &b_key);
    assert_eq!(post(&app, &b, &own).await.status(), 200);
    assert_eq!(post(&app, &b, &own).await.status(), 200);
    let (_, saved) = app.json(&format!("/api/v1/consultants/{b_profile}")).await;
    assert_eq!(
        saved["profile_image_url"],
        format!("/media/{b_key}-400.webp")
    );

    // An admin may put any portrait upload on any profile, and the profile's
    // owner can then re-save it unchanged.
    let admin = app.logged_in_as(Role::Admin).await;
    let by_admin = with_portrait(profile_form(&b_profile, "Chosen by an admin", ""), &a_key);
    assert_eq!(post(&app, &admin, &by_admin).await.status(), 200);
    let (_, chosen) = app.json(&format!("/api/v1/consultants/{b_profile}")).await;
    assert_eq!(
        chosen["profile_image_url"],
        format!("/media/{a_key}-400.webp")
    );
    let resaved = with_portrait(profile_form(&b_profile, "Kept", ""), &a_key);
    assert_eq!(post(&app, &b, &resaved).await.status(), 200);
    let admin_invented = with_portrait(profile_form(&b_profile, "Invented", ""), &invented);
    assert_eq!(post(&app, &admin, &admin_invented).await.status(), 422);

    // The demo portraits (generated files, never uploaded) stay on re-save,
    // but cannot be moved to another profile.
    let (_, a_before) = app.json(&format!("/api/v1/consultants/{a_profile}")).await;
    let demo = a_before["profile_image_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("/media/")
        .to_string();
    assert!(demo.starts_with("consultants/"), "{demo}");
    let keep_demo = with_portrait(profile_form(&a_profile, "Same face", ""), &demo);
    let kept = post(&app, &a, &keep_demo).await;
    let status = kept.status();
    assert_eq!(status, 200, "{}", kept.text().await.unwrap_or_default());
    let move_demo = with_portrait(profile_form(&b_profile, "Moved face", ""), &demo);
    assert_eq!(post(&app, &b, &move_demo).await.status(), 422);
}

/// Admins: a new profile, made active directly (these tests are about
/// routing and figures, not about when a profile may go public); its id.
async fn new_profile(app: &TestApp, admin: &reqwest::Client, first: &str, last: &str) -> String {
    let email = format!("{}.{}@causal-edge.example", first, last).to_lowercase();
    let response = app
        .call(
            admin,
            "/api/admin/consultants/create",
            &[
                ("input[first_name]", first),
                ("input[last_name]", last),
                ("input[email]", &email),
                ("input[title]", "Experimentation Consultant"),
            ],
        )
        .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let row = app::db::consultants::list_all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.email == email)
        .expect("profile created");
    assert!(app::db::consultants::set_active(&app.db, &row.id, true)
        .await
        .unwrap());
    row.id
}

/// A complete profile form for a new profile, with its routing fields.
fn routing_form(
    id: &str,
    first: &str,
    industries: (&str, &str),
    capacity: &str,
) -> Vec<(String, String)> {
    [
        ("id", id),
        ("input[first_name]", first),
        ("input[last_name]", "Tester"),
        ("input[title]", "Experimentation Consultant"),
        ("input[specializations]", "Conversion optimisation"),
        ("input[primary_industries]", industries.0),
        ("input[secondary_industries]", industries.1),
        ("input[years_experience]", "10"),
        ("input[capacity_pct]", capacity),
        ("input[available_for_new_clients]", "true"),
        ("input[preferred_contact]", "email"),
        ("input[hourly_rate]", "250"),
        ("input[currency]", "GBP"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The routing preview (admin lead settings) for an industry and challenge:
/// consultant ids, best first, and the best one's reasons.
async fn routing_preview(
    app: &TestApp,
    admin: &reqwest::Client,
    industry: &str,
) -> (Vec<String>, Vec<String>) {
    let response = app
        .call(
            admin,
            "/api/admin/settings/leads",
            &[
                ("preview_industry", industry),
                ("preview_challenge", "conversion"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let ranked = body["preview"]["Ok"].as_array().expect("a ranking");
    let ids = ranked
        .iter()
        .map(|m| m["consultant_id"].as_str().unwrap().to_string())
        .collect();
    let reasons = ranked[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    (ids, reasons)
}

/// A profile made in the back office gets industries and capacity from its
/// consultant, and leads in that industry then go to them.
async fn a_consultants_industries_and_capacity_route_leads_to_them(app: TestApp) {
    app.seed_showcase().await;
    // Only the two new profiles compete, so the industry decides.
    sqlx::query("UPDATE consultants SET active = 0")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let admin = app.logged_in_as(Role::Admin).await;
    let adam = new_profile(&app, &admin, "Adam", "Abbott").await;
    let zara = new_profile(&app, &admin, "Zara", "Zimmer").await;
    // An admin edits any profile: Adam has no industry.
    let response = post(&app, &admin, &routing_form(&adam, "Adam", ("", ""), "10")).await;
    assert_eq!(response.status(), 200);

    app.create_user("zara.login@example.com", Role::Consultant)
        .await;
    let user = app::db::users::find_by_email(&app.db, "zara.login@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app::db::consultants::set_user(&app.db, &zara, Some(&user.id))
            .await
            .unwrap()
    );
    let zara_session = client();
    assert_eq!(
        app.login(&zara_session, "zara.login@example.com", common::PASSWORD)
            .await
            .status(),
        200
    );
    // Before: no industry, so the tie goes to Adam by name.
    let response = post(
        &app,
        &zara_session,
        &routing_form(&zara, "Zara", ("", ""), "10"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let (ids, _) = routing_preview(&app, &admin, "4791").await;
    assert_eq!(ids, [adam.clone(), zara.clone()]);

    // The editor offers the case studies' industries by name.
    let editor = app
        .page(&zara_session, &format!("/admin/consultants/{zara}/edit"))
        .await;
    assert!(editor.contains("Primary industries (SIC codes)"));
    assert!(
        editor.contains("4791 "),
        "known industries listed with names"
    );

    // Mistakes are named under the field; nothing is saved.
    let response = post(
        &app,
        &zara_session,
        &routing_form(&zara, "Zara", ("4791, retail", "4791"), "140"),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["primary_industries", "capacity_pct"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }

    // Zara sets her industries and capacity: she now comes first, says why,
    // and a lead in that industry is hers.
    let response = post(
        &app,
        &zara_session,
        &routing_form(&zara, "Zara", ("4791", "5510, 5914"), "20"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let stored = app::db::consultants::by_id(&app.db, &zara)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.primary_industries_json, r#"["4791"]"#);
    assert_eq!(stored.secondary_industries_json, r#"["5510","5914"]"#);
    assert_eq!(stored.capacity_pct, 20);
    assert_eq!(stored.hourly_rate_minor, Some(25_000));
    let (ids, reasons) = routing_preview(&app, &admin, "4791").await;
    assert_eq!(ids, [zara.clone(), adam.clone()]);
    assert!(
        reasons.iter().any(|r| r.starts_with("Works mainly in")),
        "{reasons:?}"
    );
    let (ids, _) = routing_preview(&app, &admin, "5510").await;
    assert_eq!(ids[0], zara, "a secondary industry counts too");
    let body: serde_json::Value = post_json(
        &app,
        "/api/v1/leads",
        &crate::leads::lead("buyer@retail.example"),
        "10.9.0.1",
    )
    .await
    .json()
    .await
    .unwrap();
    let lead = body["lead_id"].as_str().expect("lead stored").to_string();
    let assigned: Option<String> =
        sqlx::query_scalar("SELECT assigned_consultant_id FROM leads WHERE id = $1")
            .bind(&lead)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(assigned.as_deref(), Some(zara.as_str()));

    // Fully booked: she is ranked after anyone who can take the lead.
    let response = post(
        &app,
        &zara_session,
        &routing_form(&zara, "Zara", ("4791", ""), "100"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let (ids, _) = routing_preview(&app, &admin, "4791").await;
    assert_eq!(ids, [adam.clone(), zara.clone()]);

    // Consultants edit only their own profile.
    let response = post(
        &app,
        &zara_session,
        &routing_form(&adam, "Adam", ("4791", ""), "0"),
    )
    .await;
    assert_eq!(response.status(), 403);
    let adam_row = app::db::consultants::by_id(&app.db, &adam)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(adam_row.primary_industries_json, "[]");
}

/// Satisfaction comes from client surveys: admins enter it, a consultant's
/// own save keeps it. Rates and their currency are stored typed.
async fn admins_alone_enter_satisfaction_and_rates_are_typed(app: TestApp) {
    app.seed_showcase().await;
    let priya = linked_consultant(
        &app,
        "priya.sat@example.com",
        &common::demo().consultants[0].email,
    )
    .await;
    let (own, _) = consultant_ids(&app).await;
    let stored = |app: &TestApp| {
        let db = app.db.clone();
        let id = own.clone();
        async move {
            app::db::consultants::by_id(&db, &id)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let before = stored(&app).await.satisfaction_score;
    assert!(before.is_some());
    let mut form = profile_form(&own, "Principal", "");
    form.push(("input[satisfaction_score]".into(), "1.0".into()));
    form.push(("input[hourly_rate]".into(), "€1,250.50".into()));
    form.push(("input[consultation_rate]".into(), "".into()));
    form.push(("input[currency]".into(), "eur".into()));
    assert_eq!(post(&app, &priya, &form).await.status(), 200);
    let after = stored(&app).await;
    assert_eq!(
        after.satisfaction_score, before,
        "a consultant cannot rate themselves"
    );
    assert_eq!(after.hourly_rate_minor, Some(125_050));
    assert_eq!(after.consultation_rate_minor, None);
    assert_eq!(after.currency, "EUR");
    let editor = app
        .page(&priya, &format!("/admin/consultants/{own}/edit"))
        .await;
    assert!(
        editor.contains("Entered by an admin from your clients&#x27; surveys.")
            || editor.contains("Entered by an admin from your clients' surveys."),
        "the form speaks to the consultant"
    );
    assert!(editor.contains("1250.50"), "the rate is shown as typed");

    let admin = app.logged_in_as(Role::Admin).await;
    let mut form = profile_form(&own, "Principal", "");
    form.push(("input[satisfaction_score]".into(), "4.2".into()));
    assert_eq!(post(&app, &admin, &form).await.status(), 200);
    assert_eq!(stored(&app).await.satisfaction_score, Some(4.2));
    let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
    assert_eq!(profile["client_satisfaction_score"], 4.2);
    let page = app.page(&client(), &format!("/consultants/{own}")).await;
    assert!(page.contains("client satisfaction, from client surveys"));
    form.retain(|(k, _)| k != "input[satisfaction_score]");
    form.push(("input[satisfaction_score]".into(), "5.5".into()));
    let response = post(&app, &admin, &form).await;
    assert_eq!(response.status(), 422);
}

/// Projects, average ROI and client value come from the consultant's
/// published case studies, and follow publishing and withdrawing one.
async fn the_track_record_follows_publishing(app: TestApp) {
    app.seed_showcase().await;
    let (own, _) = consultant_ids(&app).await;
    let studies: Vec<(String, f64, i64)> = sqlx::query_as(
        "SELECT id, roi_pct, roi_value_minor FROM case_studies \
         WHERE consultant_id = $1 AND published = 1 ORDER BY id",
    )
    .bind(&own)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(
        studies.len() >= 2,
        "the demo consultant led several studies"
    );
    let figures = |profile: &serde_json::Value| {
        (
            profile["total_projects_completed"].as_i64().unwrap(),
            profile["average_project_roi_percentage"].as_f64().unwrap(),
            profile["total_client_roi_generated"].as_f64().unwrap(),
        )
    };
    let expected = |studies: &[(String, f64, i64)]| {
        let n = studies.len() as i64;
        let roi = studies.iter().map(|s| s.1).sum::<f64>() / n as f64;
        let value = studies.iter().map(|s| s.2).sum::<i64>() as f64 / 100.0;
        (n, roi, value)
    };
    let close = |a: (i64, f64, f64), b: (i64, f64, f64)| {
        a.0 == b.0 && (a.1 - b.1).abs() < 1e-6 && (a.2 - b.2).abs() < 1e-6
    };
    let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
    assert!(close(figures(&profile), expected(&studies)), "{profile}");

    let admin = app.logged_in_as(Role::Admin).await;
    let (withdrawn, rest) = studies.split_first().unwrap();
    let publish = |published: &'static str| {
        let admin = admin.clone();
        let id = withdrawn.0.clone();
        let app = &app;
        async move {
            let response = app
                .call(
                    &admin,
                    "/api/admin/case-studies/publish",
                    &[("id", &id), ("published", published)],
                )
                .await;
            assert_eq!(response.status(), 200);
        }
    };
    publish("false").await;
    let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
    assert!(close(figures(&profile), expected(rest)), "{profile}");
    let (_, list) = app.json("/api/v1/consultants").await;
    let listed = list["consultants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == own.as_str())
        .unwrap()
        .clone();
    assert!(
        close(figures(&listed), expected(rest)),
        "the directory agrees"
    );
    let page = app.page(&client(), &format!("/consultants/{own}")).await;
    assert!(
        page.contains(&format!(">{}</span>", rest.len())),
        "the page shows the count"
    );

    publish("true").await;
    let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
    assert!(close(figures(&profile), expected(&studies)), "{profile}");

    // A profile without published studies says so instead of showing zeros.
    let fresh = new_profile(&app, &admin, "Nadia", "New").await;
    let (_, profile) = app.json(&format!("/api/v1/consultants/{fresh}")).await;
    assert_eq!(figures(&profile), (0, 0.0, 0.0));
    let page = app.page(&client(), &format!("/consultants/{fresh}")).await;
    assert!(page.contains("No published case studies yet."));
}

/// sqlx 0.9.0's Any driver sends a NULL double as a float4; PostgreSQL then
/// kept the profile statement with that type and the next save with a score
/// failed with a 500. One connection makes the reuse certain.
#[tokio::test]
async fn a_profile_saved_without_then_with_a_satisfaction_score_saves_on_postgres() {
    for backend in [common::Backend::Sqlite, common::Backend::Postgres] {
        // No demo seed: its saves (all with a score) would prepare the
        // statement first. The first save here has no score.
        let app = common::spawn_app_with(backend, &[("CE_DB_MAX_CONNECTIONS", "1")]).await;
        let admin = app.logged_in_as(Role::Admin).await;
        let own = new_profile(&app, &admin, "Sam", "Score").await;
        for score in ["", "4.5", "", "3.9"] {
            let mut form = profile_form(&own, "Consultant", "");
            form.push(("input[satisfaction_score]".to_string(), score.to_string()));
            let saved = post(&app, &admin, &form).await;
            let status = saved.status();
            assert_eq!(
                status,
                200,
                "{backend:?}, score {score:?}: {}",
                saved.text().await.unwrap_or_default()
            );
        }
        let (_, profile) = app.json(&format!("/api/v1/consultants/{own}")).await;
        assert_eq!(profile["client_satisfaction_score"], 3.9, "{backend:?}");
    }
}

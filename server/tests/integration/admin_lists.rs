//! The back office's consultant and user lists: search, one filter and pages,
//! read from the URL like the case-study list (tested beside its editor).

use crate::common::{self, TestApp};
use app::db::users::{insert, update_role_and_active, NewUser};
use app::domain::role::Role;

on_both_backends!(
    users_are_searched_filtered_and_paged,
    profiles_are_searched_and_filtered
);

async fn users_are_searched_filtered_and_paged(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    // Straight into the table: the list does not care how a hash was made.
    for i in 1..=27 {
        insert(
            &app.db,
            NewUser {
                email: &format!("m{i}@example.com"),
                display_name: &format!("Marketer {i}"),
                role: Role::Marketer,
                password_hash: "not-a-real-hash",
            },
        )
        .await
        .unwrap();
    }
    let rows = |html: &str| html.matches(r#"data-label="Email""#).count();
    let first = app.page(&admin, "/admin/users").await;
    assert!(first.contains("28 users"), "the count covers every page");
    assert_eq!(rows(&first), 25);
    assert!(first.contains("Page 1 of 2"));
    let second = app.page(&admin, "/admin/users?page=2").await;
    assert_eq!(rows(&second), 3);

    let seven = app.page(&admin, "/admin/users?q=MARKETER+7").await;
    assert_eq!(rows(&seven), 1, "name or email, any case");
    assert!(seven.contains("m7@example.com"));
    assert!(
        seven.contains(r#"value="marketer 7""#),
        "the box keeps the text"
    );

    let admins = app.page(&admin, "/admin/users?show=admin").await;
    assert!(admins.contains("1 user<"), "{admins}");
    let m3 = app.user_id(&admin, "m3@example.com").await;
    update_role_and_active(&app.db, &m3, Role::Marketer, false)
        .await
        .unwrap();
    let deactivated = app.page(&admin, "/admin/users?show=deactivated").await;
    assert_eq!(rows(&deactivated), 1);
    assert!(deactivated.contains("m3@example.com"));
    let marketers = app.page(&admin, "/admin/users?show=marketer").await;
    assert!(
        marketers.contains("26 users"),
        "a role lists active accounts"
    );

    let bad = app.page(&admin, "/admin/users?show=wizard&q=m27").await;
    assert!(bad.contains("Show one role, deactivated accounts or everyone."));
    assert_eq!(rows(&bad), 1, "the valid search still applies");
    let api = app
        .call(&admin, "/api/admin/users/list", &[("show", "wizard")])
        .await;
    assert_eq!(api.status(), 422);
}

async fn profiles_are_searched_and_filtered(app: TestApp) {
    app.seed_showcase().await;
    let admin = app.logged_in_as(Role::Admin).await;
    let demo = common::demo();
    let all = app.page(&admin, "/admin/consultants").await;
    assert!(all.contains(&format!("{} profiles", demo.consultants.len())));
    let someone = &demo.consultants[0];
    let by_email = app
        .page(
            &admin,
            &format!("/admin/consultants?q={}", someone.email.to_uppercase()),
        )
        .await;
    assert!(by_email.contains("1 profile<"), "{by_email}");
    let inactive = app.page(&admin, "/admin/consultants?status=inactive").await;
    assert!(inactive.contains("No profiles match."));
    let bad = app.page(&admin, "/admin/consultants?status=asleep").await;
    assert!(bad.contains("Show active, inactive or all profiles."));
    assert!(bad.contains(&format!("{} profiles", demo.consultants.len())));
}

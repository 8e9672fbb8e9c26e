//! Every back-office route and server function, tried by every kind of visitor.
use crate::common;
use app::domain::role::Role;
use common::{client, TestApp};

on_both_backends!(
    every_admin_route_is_refused_to_the_wrong_roles,
    admins_create_users_who_can_then_log_in,
    new_users_are_validated_field_by_field,
    the_last_admin_cannot_be_demoted_or_deactivated,
    back_office_pages_always_finish_rendering,
);

#[derive(Debug, Clone, Copy)]
enum Visitor {
    Anonymous,
    As(Role),
}

/// What a visitor gets: a page (or a server function) answers 200, redirects
/// to login (page, anonymous), or is refused with 401/403.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok,
    LoginRedirect,
    Status(u16),
}

async fn every_admin_route_is_refused_to_the_wrong_roles(app: TestApp) {
    app.create_user("target@example.com", Role::Marketer).await;
    let target_id = {
        let admin = app.logged_in_as(Role::Admin).await;
        app.user_id(&admin, "target@example.com").await
    };

    use Expect::*;
    // (route, anonymous, marketer, consultant, admin)
    let pages: [(&str, Expect, Expect, Expect, Expect); 7] = [
        ("/admin", LoginRedirect, Ok, Ok, Ok),
        ("/admin/account", LoginRedirect, Ok, Ok, Ok),
        ("/admin/users", LoginRedirect, Status(403), Status(403), Ok),
        ("/admin/case-studies", LoginRedirect, Ok, Status(403), Ok),
        (
            "/admin/case-studies/new",
            LoginRedirect,
            Ok,
            Status(403),
            Ok,
        ),
        ("/admin/consultants", LoginRedirect, Status(403), Ok, Ok),
        ("/admin/pages", LoginRedirect, Ok, Status(403), Ok),
    ];
    let id = target_id.as_str();
    type FunctionCase<'a> = (
        &'a str,
        Vec<(&'a str, &'a str)>,
        Expect,
        Expect,
        Expect,
        Expect,
    );
    let functions: [FunctionCase; 5] = [
        (
            "/api/admin/users/list",
            vec![],
            Status(401),
            Status(403),
            Status(403),
            Ok,
        ),
        (
            "/api/admin/users/create",
            vec![
                ("email", "new@example.com"),
                ("display_name", "New"),
                ("role", "admin"),
            ],
            Status(401),
            Status(403),
            Status(403),
            Ok,
        ),
        (
            "/api/admin/users/role",
            vec![("id", id), ("role", "admin")],
            Status(401),
            Status(403),
            Status(403),
            Ok,
        ),
        (
            "/api/admin/users/password-link",
            vec![("id", id)],
            Status(401),
            Status(403),
            Status(403),
            Ok,
        ),
        (
            "/api/admin/users/active",
            vec![("id", id), ("active", "false")],
            Status(401),
            Status(403),
            Status(403),
            Ok,
        ),
    ];

    for visitor in [
        Visitor::Anonymous,
        Visitor::As(Role::Marketer),
        Visitor::As(Role::Consultant),
        Visitor::As(Role::Admin),
    ] {
        let session = match visitor {
            Visitor::Anonymous => client(),
            Visitor::As(role) => app.logged_in_as(role).await,
        };
        let pick = |a, m, c, ad| match visitor {
            Visitor::Anonymous => a,
            Visitor::As(Role::Marketer) => m,
            Visitor::As(Role::Consultant) => c,
            Visitor::As(Role::Admin) => ad,
        };
        for (path, a, m, c, ad) in pages {
            let response = app.get(&session, path).await;
            let got = match (
                response.status().as_u16(),
                response.headers().get("location"),
            ) {
                (302, Some(loc)) if loc.to_str().unwrap().starts_with("/login?next=") => {
                    LoginRedirect
                }
                (200, _) => Ok,
                (status, _) => Status(status),
            };
            assert_eq!(got, pick(a, m, c, ad), "{visitor:?} GET {path}");
            if got == Status(403) {
                let html = response.text().await.unwrap();
                assert!(html.contains("You do not have access to this page"));
                assert!(
                    !html.contains("target@example.com"),
                    "no user data leaks into a 403 page"
                );
            }
        }
        for (path, form, a, m, c, ad) in &functions {
            let response = app.call(&session, path, form).await;
            let got = match response.status().as_u16() {
                200 => Ok,
                status => Status(status),
            };
            assert_eq!(got, pick(*a, *m, *c, *ad), "{visitor:?} POST {path}");
        }
    }
}

async fn admins_create_users_who_can_then_log_in(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let form = [
        ("email", "Carla@Example.com"),
        ("display_name", "Carla Consultant"),
        ("role", "consultant"),
    ];
    let created = app.call(&admin, "/api/admin/users/create", &form).await;
    assert_eq!(created.status(), 200);
    let created: serde_json::Value = created.json().await.unwrap();
    let user = &created["user"];
    assert_eq!(user["email"], "carla@example.com");
    assert_eq!(user["role"], "consultant");
    assert!(user.get("password_hash").is_none());

    let duplicate = app.call(&admin, "/api/admin/users/create", &form).await;
    assert_eq!(duplicate.status(), 409);
    assert!(duplicate.text().await.unwrap().contains("already exists"));

    // Carla chooses her password through the invitation, then signs in.
    let url = created["invite"]["url"].as_str().unwrap();
    let token = url.split("token=").nth(1).unwrap();
    let set = app
        .call(
            &client(),
            "/api/auth/set-password",
            &[
                ("token", token),
                ("new_password", "Carla-Initial-42"),
                ("confirm_password", "Carla-Initial-42"),
            ],
        )
        .await;
    assert_eq!(set.status(), 200);
    let carla = client();
    assert_eq!(
        app.login(&carla, "carla@example.com", "Carla-Initial-42")
            .await
            .status(),
        200
    );
    assert_eq!(app.get(&carla, "/admin/users").await.status(), 403);
}

async fn new_users_are_validated_field_by_field(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let response = app
        .call(
            &admin,
            "/api/admin/users/create",
            &[
                ("email", "not-an-email"),
                ("display_name", " "),
                ("role", "root"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    let errors = body["Invalid"].as_array().expect("field errors");
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "display_name", "role"]);
}

async fn the_last_admin_cannot_be_demoted_or_deactivated(app: TestApp) {
    let first = app.logged_in_as(Role::Admin).await;
    let me: serde_json::Value = app
        .call(&first, "/api/auth/me", &[])
        .await
        .json()
        .await
        .unwrap();
    let my_id = me["id"].as_str().unwrap().to_string();
    // Nobody changes their own role.
    let own = app
        .call(
            &first,
            "/api/admin/users/role",
            &[("id", &my_id), ("role", "marketer")],
        )
        .await;
    assert_eq!(own.status(), 422);

    // A second admin may demote the first, but then cannot demote themselves away.
    let second = app.logged_in_as(Role::Admin).await;
    let demote = app
        .call(
            &second,
            "/api/admin/users/role",
            &[("id", &my_id), ("role", "marketer")],
        )
        .await;
    assert_eq!(demote.status(), 200);
    assert_eq!(
        app.get(&first, "/admin/users").await.status(),
        403,
        "role change applies at once"
    );
}

/// Guards against server renders that never complete (a resource created in
/// the wrong place can leave a Suspense pending forever): many concurrent
/// requests for every back-office page must all answer. "In time" is 30 s:
/// with the whole suite running on two cores, sixty renders at once have
/// taken over 10 s without anything being stuck.
async fn back_office_pages_always_finish_rendering(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let paths = ["/admin", "/admin/users", "/admin/account", "/admin/pages"].map(String::from);
    crate::common::every_page_renders_whole(&app, &admin, &paths, 20).await;
}

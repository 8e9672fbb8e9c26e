//! One-time password links: invitations, resets handed over by an admin,
//! and "forgot your password?", on both databases.

use crate::common::{client, TestApp, PASSWORD};
use app::domain::role::Role;
use serde_json::Value;

on_both_backends!(
    an_invited_user_sets_their_own_password_once,
    a_reset_link_ends_sessions_and_only_the_newest_works,
    forgot_password_answers_alike_and_is_rate_limited
);

const NEW_PASSWORD: &str = "Brand-New-Secret-77";

fn token_of(url: &str) -> String {
    url.split("token=")
        .nth(1)
        .expect("a token in the link")
        .to_string()
}

async fn set_password(app: &TestApp, token: &str, new: &str, confirm: &str) -> reqwest::Response {
    app.call(
        &client(),
        "/api/auth/set-password",
        &[
            ("token", token),
            ("new_password", new),
            ("confirm_password", confirm),
        ],
    )
    .await
}

async fn unsent(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT to_address, body_text FROM outbound_emails WHERE kind = $1 AND status = 'not_sent'",
    )
    .bind(kind)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// An admin's reset link for user `id`: its token.
async fn reset_link(app: &TestApp, admin: &reqwest::Client, id: &str) -> String {
    let reply: Value = app
        .call(admin, "/api/admin/users/password-link", &[("id", id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reply["valid_for"], "24 hours");
    token_of(reply["url"].as_str().unwrap())
}

async fn an_invited_user_sets_their_own_password_once(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let created: Value = app
        .call(
            &admin,
            "/api/admin/users/create",
            &[
                ("email", "Invitee@Example.com"),
                ("display_name", "Ivy Invitee"),
                ("role", "marketer"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(created["user"]["email"], "invitee@example.com");
    assert_eq!(created["invite"]["valid_for"], "7 days");
    let url = created["invite"]["url"].as_str().unwrap();
    let token = token_of(url);
    // Nobody can sign in before the invitee chooses a password.
    assert_eq!(
        app.login(&client(), "invitee@example.com", PASSWORD)
            .await
            .status(),
        401
    );
    let emails = unsent(&app, "invitation").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].0, "invitee@example.com");
    assert!(emails[0].1.contains(url), "the email carries the same link");

    let page = app
        .page(&client(), &format!("/set-password?token={token}"))
        .await;
    assert!(page.contains("Welcome: choose your password"));
    assert!(page.contains("invitee@example.com"));

    let weak = set_password(&app, &token, "weak", "weak").await;
    assert_eq!(weak.status(), 422);
    let weak: Value = weak.json().await.unwrap();
    assert_eq!(weak["Invalid"][0]["field"], "new_password");
    assert_eq!(
        weak["Invalid"][0]["message"],
        "Password needs at least 12 characters (it has 4), an uppercase letter, a digit and a symbol such as ! ? # or %."
    );
    let mismatch = set_password(&app, &token, NEW_PASSWORD, "Something-Else-12").await;
    assert_eq!(mismatch.status(), 422);
    let done = set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        done.status(),
        200,
        "a refused attempt did not use up the link"
    );
    assert_eq!(done.json::<Value>().await.unwrap(), "invitee@example.com");
    assert_eq!(
        app.login(&client(), "invitee@example.com", NEW_PASSWORD)
            .await
            .status(),
        200
    );

    let again = set_password(&app, &token, "Another-Secret-88", "Another-Secret-88").await;
    assert_eq!(again.status(), 422);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("expired or has already been used"));
    let page = app
        .page(&client(), &format!("/set-password?token={token}"))
        .await;
    assert!(page.contains("expired or has already been used"));
    let junk = app
        .page(&client(), "/set-password?token=%27%3Cscript%3E")
        .await;
    assert!(junk.contains("expired or has already been used"));
    assert!(!junk.contains("<script>"));
}

async fn a_reset_link_ends_sessions_and_only_the_newest_works(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    let victim = app.logged_in_as(Role::Consultant).await;
    let me: Value = app
        .call(&victim, "/api/auth/me", &[])
        .await
        .json()
        .await
        .unwrap();
    let email = me["email"].as_str().unwrap().to_string();
    let id = app.user_id(&admin, &email).await;
    let first = reset_link(&app, &admin, &id).await;
    let second = reset_link(&app, &admin, &id).await;
    assert_eq!(
        set_password(&app, &first, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status(),
        422,
        "a newer link replaces the older one"
    );
    assert_eq!(
        set_password(&app, &second, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&victim, "/api/auth/me", &[])
            .await
            .json::<Value>()
            .await
            .unwrap(),
        Value::Null,
        "the old session ended with the reset"
    );
    assert_eq!(app.login(&client(), &email, PASSWORD).await.status(), 401);
    assert_eq!(
        app.login(&client(), &email, NEW_PASSWORD).await.status(),
        200
    );

    // An expired link is dead, with the same words.
    let third = reset_link(&app, &admin, &id).await;
    sqlx::query("UPDATE password_links SET expires_at = 1 WHERE used_at IS NULL")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let expired = set_password(&app, &third, "Third-Secret-999", "Third-Secret-999").await;
    assert_eq!(expired.status(), 422);
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'user.password_link_created'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 3, "each link an admin makes is audited");
}

async fn forgot_password_answers_alike_and_is_rate_limited(app: TestApp) {
    let _staff = app.logged_in_as(Role::Marketer).await;
    let known = sqlx::query_scalar::<_, String>("SELECT email FROM users LIMIT 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let ask = |email: String| {
        let app = &app;
        async move {
            app.call(
                &client(),
                "/api/auth/forgot-password",
                &[("email", email.as_str())],
            )
            .await
        }
    };
    let for_known = ask(known.clone()).await;
    let for_unknown = ask("nobody@example.com".to_string()).await;
    assert_eq!(for_known.status(), 200);
    assert_eq!(for_unknown.status(), 200);
    assert_eq!(
        for_known.text().await.unwrap(),
        for_unknown.text().await.unwrap(),
        "the answer does not tell who has an account"
    );
    let emails = unsent(&app, "password_reset").await;
    assert_eq!(emails.len(), 1, "only the real account gets an email");
    assert_eq!(emails[0].0, known);
    let token = emails[0]
        .1
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let page = app
        .page(&client(), &format!("/set-password?token={token}"))
        .await;
    assert!(page.contains("Choose a new password"));

    assert_eq!(ask("not an email".to_string()).await.status(), 422);
    // Three a hour for one address; the fourth waits.
    assert_eq!(ask(known.clone()).await.status(), 200);
    assert_eq!(ask(known.clone()).await.status(), 200);
    let throttled = ask(known.clone()).await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.headers().contains_key("retry-after"));
    // Without JavaScript the form lands on the same page either way.
    let plain = client()
        .post(format!("{}/api/auth/forgot-password", app.base_url))
        .header("accept", "text/html")
        .header("origin", &app.base_url)
        .form(&[("email", "someone@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 302);
    assert_eq!(plain.headers()["location"], "/forgot-password?sent=1");
}

use crate::common;
use app::domain::role::Role;
use common::{client, session_cookie, TestApp, PASSWORD};

on_both_backends!(
    login_with_the_right_password_starts_a_secure_session,
    wrong_password_and_unknown_email_get_the_same_answer,
    repeated_failures_lock_the_account_for_a_while,
    logout_ends_the_session_on_the_server,
    login_rotates_the_session,
    changing_the_password_enforces_the_policy_and_ends_other_sessions,
    deactivated_users_are_logged_out_and_cannot_log_in,
    cross_site_posts_are_refused,
    plain_form_login_redirects_with_an_error_code,
);

async fn login_with_the_right_password_starts_a_secure_session(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let client = client();
    let response = app.login(&client, "  ADA@example.com ", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = session_cookie(&response).expect("session cookie set");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let me: serde_json::Value = app
        .call(&client, "/api/auth/me", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "ada@example.com");
    assert_eq!(me["role"], "admin");
    assert_eq!(app.get(&client, "/admin/users").await.status(), 200);
    // The users page says when each one last signed in.
    app.create_user("never@example.com", Role::Marketer).await;
    let users: serde_json::Value = app
        .call(&client, "/api/admin/users/list", &[])
        .await
        .json()
        .await
        .unwrap();
    let when = |email: &str| {
        users["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == email)
            .unwrap()["last_login_at_ms"]
            .clone()
    };
    assert!(when("ada@example.com").as_i64().is_some_and(|ms| ms > 0));
    assert!(when("never@example.com").is_null());
    let page = app.page(&client, "/admin/users").await;
    assert!(page.contains("Last sign-in") && page.contains("Never"));
    // Signed in, the public header offers the back office instead of a sign-in.
    let header = |html: String| {
        html.split("</header>")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let home = header(app.page(&client, "/").await);
    assert!(home.contains(r#"href="/admin">Back office"#) && !home.contains("Staff sign in"));
    let anonymous = header(app.page(&crate::common::client(), "/").await);
    assert!(anonymous.contains("Staff sign in") && !anonymous.contains("Back office"));
}

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let client = client();
    let wrong = app
        .login(&client, "ada@example.com", "Wrong-Password-1")
        .await;
    assert_eq!(wrong.status(), 401);
    assert!(session_cookie(&wrong).is_none());
    let wrong_body = wrong.text().await.unwrap();
    let unknown = app.login(&client, "nobody@example.com", PASSWORD).await;
    assert_eq!(unknown.status(), 401);
    assert_eq!(unknown.text().await.unwrap(), wrong_body);
    assert!(wrong_body.contains("BadCredentials"), "{wrong_body}");
}

async fn repeated_failures_lock_the_account_for_a_while(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let client = client();
    for attempt in 1..=5 {
        let response = app
            .login(&client, "ada@example.com", "Wrong-Password-1")
            .await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    // Locked now: even the right password is refused, with a time to come back.
    let locked = app.login(&client, "ada@example.com", PASSWORD).await;
    assert_eq!(locked.status(), 429);
    let retry_after: i64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (800..=900).contains(&retry_after),
        "retry after {retry_after}s"
    );
    // Another account from the same address is not locked by these five.
    app.create_user("bob@example.com", Role::Marketer).await;
    assert_eq!(
        app.login(&client, "bob@example.com", PASSWORD)
            .await
            .status(),
        200
    );
}

async fn logout_ends_the_session_on_the_server(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let client = client();
    let login = app.login(&client, "ada@example.com", PASSWORD).await;
    let cookie = session_cookie(&login).unwrap();
    let token_pair = cookie.split(';').next().unwrap().to_string();

    let logout = app.call(&client, "/api/auth/logout", &[]).await;
    assert_eq!(logout.status(), 200);
    assert!(session_cookie(&logout).unwrap().contains("Max-Age=0"));

    // Replaying the old cookie (as a thief would) no longer works.
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = replay
        .get(app.url("/admin"))
        .header("Cookie", &token_pair)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 302);
    assert_eq!(page.headers()["location"], "/login?next=/admin");
}

async fn login_rotates_the_session(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let client = client();
    let first = session_cookie(&app.login(&client, "ada@example.com", PASSWORD).await).unwrap();
    let second = session_cookie(&app.login(&client, "ada@example.com", PASSWORD).await).unwrap();
    assert_ne!(first, second);
    let old = first.split(';').next().unwrap().to_string();
    let me: serde_json::Value = reqwest::Client::new()
        .post(app.url("/api/auth/me"))
        .header("Cookie", old)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(me.is_null(), "the replaced session is gone: {me}");
}

async fn changing_the_password_enforces_the_policy_and_ends_other_sessions(app: TestApp) {
    app.create_user("ada@example.com", Role::Consultant).await;
    let laptop = client();
    let phone = client();
    app.login(&laptop, "ada@example.com", PASSWORD).await;
    app.login(&phone, "ada@example.com", PASSWORD).await;

    let cases = [
        ("short1!A", "at least 12 characters (it has 8)"),
        ("nouppercase-123", "an uppercase letter"),
        ("NOLOWERCASE-123", "a lowercase letter"),
        ("No-Digits-Here!", "a digit"),
        ("NoSymbols12345", "a symbol"),
    ];
    for (candidate, missing) in cases {
        let response = app
            .call(
                &laptop,
                "/api/auth/change-password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", candidate),
                    ("confirm_password", candidate),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{candidate}");
        let body = response.text().await.unwrap();
        assert!(body.contains(missing), "{candidate}: {body}");
        assert!(body.contains("new_password"), "names the field: {body}");
    }

    let wrong_current = app
        .call(
            &laptop,
            "/api/auth/change-password",
            &[
                ("current_password", "Not-My-Password-1"),
                ("new_password", "Brand-New-Pass-42"),
                ("confirm_password", "Brand-New-Pass-42"),
            ],
        )
        .await;
    assert_eq!(wrong_current.status(), 422);
    assert!(wrong_current
        .text()
        .await
        .unwrap()
        .contains("current_password"));

    let changed = app
        .call(
            &laptop,
            "/api/auth/change-password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "Brand-New-Pass-42"),
                ("confirm_password", "Brand-New-Pass-42"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        app.get(&laptop, "/admin/account").await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        app.get(&phone, "/admin/account").await.status(),
        302,
        "other sessions end"
    );
    assert_eq!(
        app.login(&client(), "ada@example.com", PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.login(&client(), "ada@example.com", "Brand-New-Pass-42")
            .await
            .status(),
        200
    );
}

async fn deactivated_users_are_logged_out_and_cannot_log_in(app: TestApp) {
    let admin = app.logged_in_as(Role::Admin).await;
    app.create_user("carl@example.com", Role::Consultant).await;
    let carl = client();
    assert_eq!(
        app.login(&carl, "carl@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    let carl_id = app.user_id(&admin, "carl@example.com").await;
    let response = app
        .call(
            &admin,
            "/api/admin/users/active",
            &[("id", &carl_id), ("active", "false")],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.get(&carl, "/admin").await.status(), 302);
    assert_eq!(
        app.login(&client(), "carl@example.com", PASSWORD)
            .await
            .status(),
        401
    );
}

async fn cross_site_posts_are_refused(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let response = client()
        .post(app.url("/api/auth/login"))
        .header("Origin", "https://evil.example")
        .form(&[("email", "ada@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(session_cookie(&response).is_none());
}

async fn plain_form_login_redirects_with_an_error_code(app: TestApp) {
    app.create_user("ada@example.com", Role::Admin).await;
    let post = |password: &'static str| {
        client()
            .post(app.url("/api/auth/login"))
            .header("Accept", "text/html")
            .header("Referer", app.url("/login"))
            .form(&[
                ("email", "ada@example.com"),
                ("password", password),
                ("next", "/admin/users"),
            ])
            .send()
    };
    let failed = post("Wrong-Password-1").await.unwrap();
    assert_eq!(failed.status(), 302);
    assert_eq!(
        failed.headers()["location"],
        "/login?error=credentials&next=/admin/users&email=ada%40example.com"
    );
    let page = app
        .page(
            &client(),
            "/login?error=credentials&email=ada%40example.com",
        )
        .await;
    assert!(page.contains("Email or password is incorrect."));
    assert!(
        page.contains(r#"value="ada@example.com""#),
        "the email typed stays"
    );
    let odd = app
        .page(
            &client(),
            "/login?error=credentials&email=%22%3E%3Cscript%3E",
        )
        .await;
    assert!(
        !odd.contains("<script>") && !odd.contains("value=\"\">"),
        "only an address comes back"
    );

    let ok = post(PASSWORD).await.unwrap();
    assert_eq!(ok.status(), 302);
    assert_eq!(ok.headers()["location"], "/admin/users");
    assert!(session_cookie(&ok).is_some());
}

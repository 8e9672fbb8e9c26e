use crate::api::auth::{get_current_user, Login};
use crate::components::{http_status::redirect, site_layout::SiteLayout};
use crate::domain::safe_redirect::safe_next_path;
use crate::model::auth::LoginProblem;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = safe_next_path(query.read_untracked().get("next").as_deref());
    let problem = query
        .read_untracked()
        .get("error")
        .as_deref()
        .and_then(LoginProblem::from_code);
    let logged_out = query.read_untracked().get("logged_out").is_some();
    let password_set = query.read_untracked().get("password_set").is_some();
    // What was typed before a failed attempt (see `api::auth::login`).
    let email = query
        .read_untracked()
        .get("email")
        .filter(|e| crate::domain::email::EmailAddress::parse(e).is_ok())
        .unwrap_or_default();
    let user = Resource::new_blocking(|| (), |_| get_current_user());

    view! {
        <Title text="Log in" />
        <SiteLayout>
            <section class="container auth-card-wrap">
                <Suspense fallback=|| ()>
                    {move || {
                        let next = next.clone();
                        let email = email.clone();
                        Suspend::new(async move {
                            if let Ok(Some(_)) = user.await {
                                redirect(&next);
                            }
                            view! { <LoginForm next problem logged_out password_set email=email.clone() /> }
                        })
                    }}
                </Suspense>
            </section>
        </SiteLayout>
    }
}

/// A plain HTML form: it works without JavaScript, and the server redirects
/// back here with an error code or on to `next`.
#[component]
fn LoginForm(
    next: String,
    problem: Option<LoginProblem>,
    logged_out: bool,
    /// Arrived from setting a password through a one-time link.
    password_set: bool,
    email: String,
) -> impl IntoView {
    let retry = !email.is_empty();
    view! {
        <div class="auth-card">
            <h1>"Log in"</h1>
            <p class="muted">"For Causal Edge consultants, marketers and admins."</p>
            {logged_out.then(|| view! { <p class="alert alert--success" role="status">"You have been logged out."</p> })}
            {password_set.then(|| view! { <p class="alert alert--success" role="status">"Your password is set. Log in with it now."</p> })}
            {problem.map(|p| view! { <p class="alert alert--error" role="alert" id="login-error">{p.message()}</p> })}
            <form method="post" action={<Login as ServerFn>::PATH} class="form">
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="login-email">"Email"</label>
                    <input
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        value=email
                        required
                        aria-describedby=problem.map(|_| "login-error")
                        aria-invalid=problem.map(|_| "true")
                    />
                </div>
                <div class="field">
                    <label for="login-password">"Password"</label>
                    <input id="login-password" name="password" type="password" autocomplete="current-password" required autofocus=retry />
                </div>
                <button type="submit" class="button button--primary button--block">"Log in"</button>
            </form>
            <p class="small"><a href="/forgot-password">"Forgot your password?"</a></p>
        </div>
    }
}

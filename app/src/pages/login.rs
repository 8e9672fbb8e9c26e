use crate::api::auth::{get_current_user, Login};
use crate::components::{http_status::redirect, site_layout::SiteLayout};
use crate::domain::safe_redirect::safe_next_path;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Why a login attempt failed, carried in the URL when the form was posted
/// without JavaScript (a fixed code, so the URL cannot inject text into the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginProblem {
    Credentials,
    Throttled,
    Other,
}

impl LoginProblem {
    pub fn from_error(err: &AppError) -> LoginProblem {
        match err {
            AppError::BadCredentials | AppError::Invalid(_) => LoginProblem::Credentials,
            AppError::TooManyRequests { .. } => LoginProblem::Throttled,
            _ => LoginProblem::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LoginProblem::Credentials => "credentials",
            LoginProblem::Throttled => "throttled",
            LoginProblem::Other => "other",
        }
    }

    fn from_code(code: &str) -> Option<LoginProblem> {
        match code {
            "credentials" => Some(LoginProblem::Credentials),
            "throttled" => Some(LoginProblem::Throttled),
            "other" => Some(LoginProblem::Other),
            _ => None,
        }
    }

    fn message(self) -> &'static str {
        match self {
            LoginProblem::Credentials => "Email or password is incorrect.",
            LoginProblem::Throttled => {
                "Too many failed attempts. For your security, wait 15 minutes and try again."
            }
            LoginProblem::Other => "Something went wrong on our side. Please try again.",
        }
    }
}

/// Percent-encodes a value for use in a query string.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

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
    let user = Resource::new_blocking(|| (), |_| get_current_user());

    view! {
        <Title text="Log in" />
        <SiteLayout>
            <section class="container auth-card-wrap">
                <Suspense fallback=|| ()>
                    {move || {
                        let next = next.clone();
                        Suspend::new(async move {
                            if let Ok(Some(_)) = user.await {
                                redirect(&next);
                            }
                            view! { <LoginForm next problem logged_out /> }
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
fn LoginForm(next: String, problem: Option<LoginProblem>, logged_out: bool) -> impl IntoView {
    view! {
        <div class="auth-card">
            <h1>"Log in"</h1>
            <p class="muted">"For Causal Edge consultants, marketers and admins."</p>
            {logged_out.then(|| view! { <p class="alert alert--success" role="status">"You have been logged out."</p> })}
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
                        required
                        aria-describedby=problem.map(|_| "login-error")
                        aria-invalid=problem.map(|_| "true")
                    />
                </div>
                <div class="field">
                    <label for="login-password">"Password"</label>
                    <input id="login-password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit" class="button button--primary button--block">"Log in"</button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_round_trip_through_their_codes() {
        for p in [
            LoginProblem::Credentials,
            LoginProblem::Throttled,
            LoginProblem::Other,
        ] {
            assert_eq!(LoginProblem::from_code(p.code()), Some(p));
        }
        assert_eq!(LoginProblem::from_code("<script>"), None);
    }

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode_query_value("/admin/users"), "/admin/users");
        assert_eq!(encode_query_value("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}

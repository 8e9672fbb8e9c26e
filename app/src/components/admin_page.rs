//! The back office's frame and route guard. Every admin page is wrapped in
//! [`AdminPage`], which checks the session on the server before anything is
//! rendered: anonymous visitors are redirected to the login page, users whose
//! role does not include the section get a 403. The server functions the page
//! calls check again — this guard is for the page, not a substitute.
//!
//! Pages must create their resources *before* `AdminPage` (at the top of the
//! page component) and only read them inside: a resource created inside a
//! Suspense's children can keep server rendering from ever finishing.

use super::http_status::{redirect, set_status};
use crate::api::auth::{get_current_user, Logout};
use crate::domain::admin_section::AdminSection;
use crate::model::auth::CurrentUser;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn AdminPage(section: AdminSection, children: ChildrenFn) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| get_current_user());
    let path = use_location().pathname.get_untracked();
    view! {
        <Title text=section.label() />
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let children = children.clone();
                let path = path.clone();
                Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) if section.allows(user.role) => {
                            // Pages read the user from context instead of loading it again.
                            provide_context(user.clone());
                            view! { <AdminLayout user section>{children()}</AdminLayout> }.into_any()
                        }
                        Ok(Some(user)) => {
                            set_status(403);
                            view! {
                                <AdminLayout user section>
                                    <section class="panel" aria-labelledby="forbidden-title">
                                        <h1 id="forbidden-title">"You do not have access to this page"</h1>
                                        <p>"Your role does not include " {section.label()} ". If you need it, ask an admin."</p>
                                        <p><a class="button" href="/admin">"Back to the dashboard"</a></p>
                                    </section>
                                </AdminLayout>
                            }
                            .into_any()
                        }
                        Ok(None) => {
                            redirect(&format!("/login?next={}", crate::domain::safe_redirect::encode_query_value(&path)));
                            view! { <p><a href="/login">"Please log in"</a></p> }.into_any()
                        }
                        Err(err) => {
                            set_status(err.status());
                            view! { <p role="alert" class="alert alert--error">{err.to_string()}</p> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn AdminLayout(user: CurrentUser, section: AdminSection, children: Children) -> impl IntoView {
    let role = user.role;
    view! {
        <a class="skip-link" href="#admin-main">"Skip to content"</a>
        <div class="admin">
            <header class="admin-topbar">
                <a class="brand brand--admin" href="/admin">
                    <span class="brand__mark" aria-hidden="true">"CE"</span>
                    <span class="brand__name">"Causal Edge"</span>
                    <span class="admin-topbar__tag">"Back office"</span>
                </a>
                <div class="admin-topbar__user">
                    <span class="admin-topbar__name">{user.display_name.clone()}</span>
                    <span class="badge">{role.label()}</span>
                    <form method="post" action={<Logout as ServerFn>::PATH} class="inline-form">
                        <button type="submit" class="button button--ghost button--small">"Log out"</button>
                    </form>
                </div>
            </header>
            <div class="admin-body">
                <nav class="admin-nav" aria-label="Back office">
                    <ul>
                        {AdminSection::visible_to(role)
                            .map(|item| {
                                let current = item == section;
                                if item.is_available() {
                                    view! {
                                        <li>
                                            <a
                                                href=item.path()
                                                class=if current { "admin-nav__link admin-nav__link--current" } else { "admin-nav__link" }
                                                aria-current=if current { Some("page") } else { None }
                                            >
                                                {item.label_for(role)}
                                            </a>
                                        </li>
                                    }
                                    .into_any()
                                } else {
                                    view! {
                                        <li>
                                            <span class="admin-nav__link admin-nav__link--soon">
                                                {item.label_for(role)}
                                                <span class="visually-hidden">", coming"</span>
                                                <span class="admin-nav__soon">"soon"</span>
                                            </span>
                                        </li>
                                    }
                                    .into_any()
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <main id="admin-main" class="admin-main">{children()}</main>
            </div>
        </div>
    }
}

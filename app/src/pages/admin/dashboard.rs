use crate::components::admin_page::AdminPage;
use crate::domain::admin_section::AdminSection;
use crate::model::auth::CurrentUser;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <AdminPage section=AdminSection::Dashboard>
            <DashboardContent />
        </AdminPage>
    }
}

#[component]
fn DashboardContent() -> impl IntoView {
    let user = use_context::<CurrentUser>()?;
    let role = user.role;
    Some(view! {
        <h1>"Welcome, " {user.display_name}</h1>
        <p class="muted">"You are signed in as " {role.label().to_lowercase()} ". These are the sections of your back office."</p>
        <ul class="card-grid">
            {AdminSection::visible_to(role)
                .filter(|s| *s != AdminSection::Dashboard)
                .map(|s| {
                    if s.is_available() {
                        view! {
                            <li class="card">
                                <h2 class="card__title"><a href=s.path()>{s.label()}</a></h2>
                                <p class="muted small">"Open"</p>
                            </li>
                        }
                        .into_any()
                    } else {
                        view! {
                            <li class="card card--soon">
                                <h2 class="card__title">{s.label()}</h2>
                                <p class="muted small">"Coming soon"</p>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view()}
        </ul>
    })
}

use crate::api::users::{list_users, ChangeUserRole, CreateUser, SetUserActive, UserSummary};
use crate::components::admin_page::AdminPage;
use crate::components::field_message::{aria_invalid, FieldMessage};
use crate::domain::admin_section::AdminSection;
use crate::domain::role::Role;
use crate::error::AppError;
use leptos::html::Form;
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <AdminPage section=AdminSection::Users>
            <h1>"Users"</h1>
            <p class="muted">"Everyone who can log in to the back office, and what they may do."</p>
            <UsersAdmin />
        </AdminPage>
    }
}

/// The users table and the new-user form. Forms post to server functions, so
/// without JavaScript they still work (the browser reloads this page).
#[island]
fn UsersAdmin() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let change_role = ServerAction::<ChangeUserRole>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let users = Resource::new(
        move || {
            (
                create.version().get(),
                change_role.version().get(),
                set_active.version().get(),
            )
        },
        |_| list_users(),
    );
    let row_error = move || {
        let role_err = change_role.value().get().and_then(Result::err);
        let active_err = set_active.value().get().and_then(Result::err);
        role_err.or(active_err)
    };
    view! {
        {move || row_error().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
        <Transition fallback=|| view! { <p class="loading">"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! { <UsersTable users=list change_role set_active /> }.into_any(),
                    Err(e) => view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <NewUserForm create />
    }
}

#[component]
fn UsersTable(
    users: Vec<UserSummary>,
    change_role: ServerAction<ChangeUserRole>,
    set_active: ServerAction<SetUserActive>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">"Back-office users"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|user| {
                            let select_id = format!("role-{}", user.id);
                            let active = user.active;
                            let (id, email) = (user.id.clone(), user.email.clone());
                            let (id2, email2) = (user.id.clone(), user.email.clone());
                            view! {
                                <tr class:row--inactive=!active>
                                    <td>{user.display_name.clone()}</td>
                                    <td>{user.email.clone()}</td>
                                    <td>
                                        <ActionForm action=change_role attr:class="row-form">
                                            <input type="hidden" name="id" value=id />
                                            <label class="visually-hidden" for=select_id.clone()>
                                                {format!("Role of {email}")}
                                            </label>
                                            <select id=select_id name="role">
                                                {Role::ALL
                                                    .into_iter()
                                                    .map(|r| view! { <option value=r.as_str() selected=r == user.role>{r.label()}</option> })
                                                    .collect_view()}
                                            </select>
                                            <button type="submit" class="button button--small">"Save role"</button>
                                        </ActionForm>
                                    </td>
                                    <td>
                                        <span class=if active { "badge badge--ok" } else { "badge badge--muted" }>
                                            {if active { "Active" } else { "Deactivated" }}
                                        </span>
                                    </td>
                                    <td>
                                        <ActionForm action=set_active attr:class="row-form">
                                            <input type="hidden" name="id" value=id2 />
                                            <input type="hidden" name="active" value=if active { "false" } else { "true" } />
                                            <button type="submit" class="button button--small button--ghost">
                                                {if active { "Deactivate" } else { "Reactivate" }}
                                                <span class="visually-hidden">{format!(" {email2}")}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewUserForm(create: ServerAction<CreateUser>) -> impl IntoView {
    let form_ref = NodeRef::<Form>::new();
    // Clear the form only after a successful save; on errors what was typed stays.
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let error = move || create.value().get().and_then(Result::err);
    let field = move |name: &'static str| {
        Signal::derive(move || error().and_then(|e: AppError| e.field_message(name)))
    };
    let created = move || match create.value().get() {
        Some(Ok(user)) => Some(format!(
            "{} can now log in as {}.",
            user.display_name,
            user.role.label().to_lowercase()
        )),
        _ => None,
    };
    view! {
        <section class="panel" aria-labelledby="new-user-title">
            <h2 id="new-user-title">"Add a user"</h2>
            {move || created().map(|m| view! { <p class="alert alert--success" role="status">{m}</p> })}
            <ActionForm action=create node_ref=form_ref attr:class="form form--grid">
                <div class="field">
                    <label for="new-user-name">"Name"</label>
                    <input id="new-user-name" aria-describedby="new-user-name-error" aria-invalid=aria_invalid(field("display_name")) name="display_name" type="text" required maxlength="100" autocomplete="off" />
                    <FieldMessage id="new-user-name-error" message=field("display_name") />
                </div>
                <div class="field">
                    <label for="new-user-email">"Email"</label>
                    <input id="new-user-email" aria-describedby="new-user-email-error" aria-invalid=aria_invalid(field("email")) name="email" type="email" required autocomplete="off" />
                    <FieldMessage id="new-user-email-error" message=field("email") />
                </div>
                <div class="field">
                    <label for="new-user-role">"Role"</label>
                    <select id="new-user-role" name="role" aria-describedby="new-user-role-error" aria-invalid=aria_invalid(field("role"))>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == Role::Consultant>{r.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id="new-user-role-error" message=field("role") />
                </div>
                <div class="field">
                    <label for="new-user-password">"Initial password"</label>
                    <input id="new-user-password" aria-describedby="new-user-password-error" aria-invalid=aria_invalid(field("password")) name="password" type="password" required autocomplete="new-password" />
                    <FieldMessage id="new-user-password-error" message=field("password") />
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || create.pending().get()>"Create user"</button>
                </div>
            </ActionForm>
        </section>
    }
}

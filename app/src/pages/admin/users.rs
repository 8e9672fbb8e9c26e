use crate::api::password_links::CreatePasswordLink;
use crate::api::users::{list_users, ChangeUserRole, CreateUser, SetUserActive};
use crate::components::admin_page::AdminPage;
use crate::components::copy_button::CopyButton;
use crate::components::fields::{action_field_message, aria_invalid, FieldMessage};
use crate::components::hydration::use_hydrated;
use crate::components::list_controls::{list_query_from_url, ListFilters, Pagination};
use crate::domain::admin_section::AdminSection;
use crate::domain::list_filters::UserShow;
use crate::domain::list_query::count_words;
use crate::domain::role::Role;
use crate::model::users::{PasswordLink, UnsentEmail, UserDirectory, UserSummary};
use leptos::html::Form;
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let (query, errors, args) = list_query_from_url::<UserShow>();
    // Created before the guard (see AdminPage); list_users authorises itself.
    let list_args = args.clone();
    let directory = Resource::new_blocking(
        move || list_args.clone(),
        |[q, show, page]| list_users(q, show, page),
    );
    let query = StoredValue::new(query);
    let errors = StoredValue::new(errors);
    let args = StoredValue::new(args);
    view! {
        <AdminPage section=AdminSection::Users>
            <h1>"Users"</h1>
            <p class="muted">"Everyone who can log in to the back office, and what they may do."</p>
            <ListFilters query=query.get_value() errors=errors.get_value() search_hint="Name or email" filter_label="Show" />
            // The island receives the server-loaded list as a prop, so it
            // hydrates against exactly the HTML the server sent.
            <Suspense fallback=|| view! { <p class="loading">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    match directory.await {
                        Ok(initial) => {
                            let (page, pages) = (initial.page, initial.pages);
                            view! {
                                <UsersAdmin initial args=args.get_value() />
                                <Pagination query=query.get_value() page pages />
                            }.into_any()
                        }
                        Err(e) => view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminPage>
    }
}

/// The users table and the new-user form. Forms post to server functions, so
/// without JavaScript they still work (the browser reloads this page).
/// `args` are the list's search, filter and page, so a reload after a change
/// shows the same page.
// A back-office island: only the back-office bundle exports it, so public
// pages never download it (see domain::islands).
#[cfg_attr(any(feature = "ssr", feature = "back-office"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "back-office")), component)]
fn UsersAdmin(initial: UserDirectory, args: [String; 3]) -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let change_role = ServerAction::<ChangeUserRole>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let password_link = ServerAction::<CreatePasswordLink>::new();
    let directory = RwSignal::new(initial);
    // After any change, reload the list in the browser (never during hydration).
    Effect::new(move |previous: Option<usize>| {
        let version =
            create.version().get() + change_role.version().get() + set_active.version().get();
        if previous.is_some_and(|p| p != version) {
            let [q, show, page] = args.clone();
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = list_users(q, show, page).await {
                    directory.set(fresh);
                }
            });
        }
        version
    });
    let row_error = move || {
        let role_err = change_role.value().get().and_then(Result::err);
        let active_err = set_active.value().get().and_then(Result::err);
        let link_err = password_link.value().get().and_then(Result::err);
        role_err.or(active_err).or(link_err)
    };
    view! {
        {move || row_error().map(|e| view! { <p class="alert alert--error" role="alert">{e.to_string()}</p> })}
        {move || password_link.value().get().and_then(Result::ok).map(|link| view! {
            <LinkToHandOver link intro="A reset link for the selected user. Send it to them yourself:" />
        })}
        {move || {
            let directory = directory.get();
            let count = count_words(directory.total, "No users match.", "user", "users");
            view! {
                <p class="muted" role="status" data-testid="user-count">{count}</p>
                {(!directory.users.is_empty()).then(|| {
                    let unsent = directory.unsent_emails.clone();
                    view! {
                        <UsersTable directory change_role set_active password_link />
                        <UnsentEmails emails=unsent />
                    }
                })}
            }
        }}
        <NewUserForm create />
    }
}

#[component]
fn UsersTable(
    directory: UserDirectory,
    change_role: ServerAction<ChangeUserRole>,
    set_active: ServerAction<SetUserActive>,
    password_link: ServerAction<CreatePasswordLink>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table table--cards table--fit">
                <caption class="visually-hidden">"Back-office users"</caption>
                <thead>
                    <tr>
                        <th scope="col">"User"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Last sign-in"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {directory
                        .users
                        .into_iter()
                        .map(|user| {
                            let is_viewer = user.id == directory.viewer_id;
                            view! { <UserTableRow user is_viewer change_role set_active password_link /> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UserTableRow(
    user: UserSummary,
    /// The admin looking at the page: their own role and status are not editable here.
    is_viewer: bool,
    change_role: ServerAction<ChangeUserRole>,
    set_active: ServerAction<SetUserActive>,
    password_link: ServerAction<CreatePasswordLink>,
) -> impl IntoView {
    let active = user.active;
    let role_cell = if is_viewer {
        view! { <span>{user.role.label()} <span class="muted small">" (you)"</span></span> }
            .into_any()
    } else {
        let select_id = format!("role-{}", user.id);
        let (id, label, current_role) = (
            user.id.clone(),
            format!("Role of {}", user.email),
            user.role,
        );
        view! {
            <ActionForm action=change_role attr:class="row-form">
                <input type="hidden" name="id" value=id />
                <label class="visually-hidden" for=select_id.clone()>{label}</label>
                <select id=select_id name="role">
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == current_role>{r.label()}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="button button--small">"Save role"</button>
            </ActionForm>
        }
        .into_any()
    };
    let actions_cell = if is_viewer {
        view! { <span class="muted small">"Change yours under My account"</span> }.into_any()
    } else {
        let (id, who) = (user.id.clone(), format!(" {}", user.email));
        let (link_id, link_who) = (id.clone(), who.clone());
        view! {
            <div class="row-actions">
                <ActionForm action=set_active attr:class="row-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="active" value=if active { "false" } else { "true" } />
                    <button type="submit" class="button button--small button--ghost">
                        {if active { "Deactivate" } else { "Reactivate" }}
                        <span class="visually-hidden">{who}</span>
                    </button>
                </ActionForm>
                {active.then(|| view! {
                    <ActionForm action=password_link attr:class="row-form">
                        <input type="hidden" name="id" value=link_id />
                        <button type="submit" class="button button--small button--ghost">
                            "Reset link"<span class="visually-hidden">{format!(" for{link_who}")}</span>
                        </button>
                    </ActionForm>
                })}
            </div>
        }
        .into_any()
    };
    view! {
        <tr class:row--inactive=!active>
            <th scope="row">
                {user.display_name}
                <span class="table__sub" data-label="Email">{user.email}</span>
            </th>
            <td data-label="Role">{role_cell}</td>
            <td data-label="Status">
                <span class=if active { "badge badge--ok" } else { "badge badge--muted" }>
                    {if active { "Active" } else { "Deactivated" }}
                </span>
            </td>
            <td class="small table__wrap" data-label="Last sign-in">
                {user.last_login_at_ms.map_or_else(|| "Never".to_string(), crate::domain::dates::date_time)}
            </td>
            <td data-label="Actions">{actions_cell}</td>
        </tr>
    }
}

#[component]
fn NewUserForm(create: ServerAction<CreateUser>) -> impl IntoView {
    let form_ref = NodeRef::<Form>::new();
    let hydrated = use_hydrated();
    // Clear the form only after a successful save; on errors what was typed stays.
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let field = move |name| action_field_message(create.value(), name);
    let created = move || match create.value().get() {
        Some(Ok(created)) => Some(created),
        _ => None,
    };
    view! {
        <section class="panel" aria-labelledby="new-user-title">
            <h2 id="new-user-title">"Add a user"</h2>
            <p class="muted small">"They get an invitation to choose their own password: we email it to them (once email is set up) and show it here for you to pass on."</p>
            {move || created().map(|created| {
                let intro = format!(
                    "{} is invited as {}. Their invitation link:",
                    created.user.display_name,
                    created.user.role.label().to_lowercase()
                );
                view! { <LinkToHandOver link=created.invite intro /> }
            })}
            // novalidate: the server's messages (the same on every browser) show
            // under the fields instead of the browser's bubbles.
            <ActionForm
                action=create
                node_ref=form_ref
                attr:class="form form--grid"
                attr:novalidate=true
                attr:data-hydrated=move || hydrated.get().to_string()
            >
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
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || create.pending().get()>"Invite user"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// A one-time link shown once, with a button that copies it.
#[component]
fn LinkToHandOver(link: PasswordLink, #[prop(into)] intro: String) -> impl IntoView {
    view! {
        <div class="alert alert--success link-handover" role="status" data-testid="password-link">
            <p>{intro}</p>
            <p class="link-handover__row">
                <input type="text" readonly value=link.url.clone() aria-label="One-time link" class="link-handover__url" />
                <CopyButton text=link.url.clone() />
            </p>
            <p class="small">{format!("It works once, for {}. Anyone with it can set the password, so send it only to them.", link.valid_for)}</p>
        </div>
    }
}

/// Email the app wrote but has no way to send yet: admins can see what is
/// waiting (and pass a link on by hand) instead of it silently vanishing.
#[component]
fn UnsentEmails(emails: Vec<UnsentEmail>) -> impl IntoView {
    (!emails.is_empty()).then(|| view! {
        <section class="panel" aria-labelledby="unsent-title">
            <h2 id="unsent-title">"Emails not sent yet"</h2>
            <p class="muted small">
                "Invitations and password resets are written as emails and sent by the "
                <a href="/admin/jobs">"job queue"</a>
                ". Without a mail server (CE_SMTP_URL) they wait here, newest first; one that failed for a day is given up and can be retried on the jobs page."
            </p>
            <ul class="unsent-emails">
                {emails.into_iter().map(|email| view! {
                    <li>
                        <details>
                            <summary>
                                <strong>{email.subject.clone()}</strong>
                                {format!(" to {} · {}", email.to_address, crate::domain::dates::date_time(email.created_at_ms))}
                            </summary>
                            <pre class="unsent-emails__body">{email.body_text.clone()}</pre>
                        </details>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

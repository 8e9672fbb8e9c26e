//! A list of tags edited as chips: type one and press Enter (or a comma) to
//! add it, × to remove it. It travels as one comma-separated `input[name]`,
//! which is also what the page shows before hydration (and without
//! JavaScript), so a form works either way; text typed into that box before
//! the island woke is adopted.

use super::message::{aria_invalid, FieldMessage};
use super::FieldIds;
use crate::domain::tag_list;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn TagsField(
    id_prefix: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    /// Offered as the add box's suggestions.
    #[prop(optional)]
    suggestions: Vec<String>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(id_prefix, name);
    let list_id = format!("{}-suggestions", ids.control);
    let tags = RwSignal::new(tag_list::split(&value));
    let draft = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<String>);
    let announcement = RwSignal::new(String::new());
    let enhanced = RwSignal::new(false);
    let plain = NodeRef::<Input>::new();
    // Effects run only in the browser, once the island has hydrated: take
    // over whatever the plain box holds by now, then show the chips.
    Effect::new(move |_| {
        if let Some(input) = plain.get_untracked() {
            tags.set(tag_list::split(&input.value()));
        }
        enhanced.set(true);
    });
    let commit = move || {
        let typed = draft.get_untracked();
        if typed.trim().is_empty() {
            return;
        }
        let mut next = tags.get_untracked();
        match tag_list::add(&mut next, &typed) {
            Ok(()) => {
                announcement.set(format!("Added {}.", typed.trim().trim_end_matches(',')));
                tags.set(next);
                draft.set(String::new());
                refusal.set(None);
            }
            Err(message) => refusal.set(Some(message)),
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == "," {
            // Enter would submit the whole form; a comma ends a tag.
            ev.prevent_default();
            commit();
        }
    };
    let remove = move |tag: String| {
        tags.update(|t| t.retain(|x| *x != tag));
        announcement.set(format!("Removed {tag}."));
    };
    let shown_message = Signal::derive(move || refusal.get().or_else(|| message.get()));
    let described_by = format!("{} {}", ids.hint, ids.error);
    let posted_name = format!("input[{name}]");
    let datalist_id = list_id.clone();
    let error_id = ids.error.clone();
    view! {
        <div class="field field--wide tags-field">
            <label for=ids.control.clone()>{label}</label>
            <p class="field__hint" id=ids.hint.clone()>
                {move || if enhanced.get() {
                    format!("Type one and press Enter to add it; up to {}.", tag_list::MAX_TAGS)
                } else {
                    format!("Comma-separated; up to {}.", tag_list::MAX_TAGS)
                }}
            </p>
            {move || if enhanced.get() {
                let control = ids.control.clone();
                view! {
                    <ul class="tags" aria-label=label>
                        <For each=move || tags.get() key=|t| t.clone() children=move |tag| {
                            let removed = tag.clone();
                            view! {
                                <li class="tag">
                                    <span>{tag.clone()}</span>
                                    <button type="button" class="tag__remove" aria-label=format!("Remove {tag}")
                                        on:click=move |_| remove(removed.clone())>"×"</button>
                                </li>
                            }
                        } />
                    </ul>
                    <div class="tags-field__add">
                        <input id=control type="text" list=list_id.clone() autocomplete="off"
                            aria-describedby=described_by.clone() aria-invalid=aria_invalid(shown_message)
                            prop:value=move || draft.get()
                            on:input=move |ev| { draft.set(event_target_value(&ev)); refusal.set(None); }
                            on:keydown=on_keydown on:blur=move |_| commit() />
                        <button type="button" class="button button--small" on:click=move |_| commit()>"Add"</button>
                    </div>
                    <input type="hidden" name=posted_name.clone() prop:value=move || tag_list::join(&tags.get()) />
                    <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
                }
                .into_any()
            } else {
                view! {
                    <input id=ids.control.clone() node_ref=plain type="text" name=posted_name.clone()
                        value=tag_list::join(&tags.get_untracked()) list=list_id.clone()
                        aria-describedby=described_by.clone() aria-invalid=aria_invalid(message) />
                }
                .into_any()
            }}
            <datalist id=datalist_id>
                {suggestions.into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
            </datalist>
            <FieldMessage id=error_id message=shown_message />
        </div>
    }
}

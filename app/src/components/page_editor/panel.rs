//! The properties panel: for the selected node its actions (move, duplicate,
//! copy, delete), its props (see `fields.rs`) and its style for the viewport
//! being edited; with nothing selected, the page settings. The panel is
//! built again when the selection, the viewport or the node's shape changes,
//! not on every keystroke, so typing keeps its focus.

use super::fields::{object_fields, settings_skeleton, skeleton, Edit, FieldContext, Seg};
use super::state::Editor;
use crate::domain::page_document::{
    describe, edits_inline, nudge, props_from_json, settings_from_json, Align, BlockProps,
    Breakpoint, NodeId, NodeRef, Nudge, Op, Responsive, Spacing, Style, TextSize, Tone, Width,
};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn PropertiesPanel(editor: Editor) -> impl IntoView {
    let body = move || {
        let selected = editor.selected.get();
        editor.viewport.track();
        editor.panel_generation.track();
        untrack(move || match selected {
            None => settings_panel(editor).into_any(),
            Some(id) => node_panel(editor, id).into_any(),
        })
    };
    view! {
        <aside class="pb-panel" aria-labelledby="pb-panel-title">
            {body}
        </aside>
    }
}

/// The problems the validator reports for one node, shown at the top of its
/// panel.
fn node_problems(editor: Editor, id: NodeId) -> impl IntoView {
    move || {
        let problems: Vec<String> = editor.problems.with(|p| {
            p.iter()
                .filter(|e| e.node.as_ref() == Some(&id))
                .map(|e| e.message.clone())
                .collect()
        });
        (!problems.is_empty()).then(|| {
            view! {
                <div class="alert alert--error" role="alert">
                    <p>"Fix before this page can be saved:"</p>
                    <ul>{problems.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

fn node_panel(editor: Editor, id: NodeId) -> impl IntoView {
    let Some((kind, props)) = editor.doc.with_untracked(|d| {
        d.node(&id).map(|node| match node {
            NodeRef::Section(_) => ("section", None),
            NodeRef::Column(_) => ("column", None),
            NodeRef::Block(b) => ("block", Some(b.props.clone())),
        })
    }) else {
        return ().into_any();
    };
    let inline = props.as_ref().is_some_and(edits_inline);
    let is_columns = matches!(props, Some(BlockProps::Columns(_)));
    let props_form = props.map(|props| props_form(editor, id.clone(), props));
    let columns_count = is_columns.then(|| column_count_field(editor, id.clone()));
    let movable = kind != "column";
    // A node's name ("Section 3") and the moves that make sense depend on
    // where it is now; a memo keeps them right after a move without building
    // the panel again.
    let placed = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.doc.with(|d| {
                (
                    describe(d, &id),
                    nudge(d, &id, Nudge::In).is_some(),
                    nudge(d, &id, Nudge::Out).is_some(),
                )
            })
        })
    };
    let title = move || placed.with(|p| p.0.clone());
    let nudge_button = move |label: &'static str, direction: Nudge, keys: &'static str| {
        view! {
            <button type="button" class="button button--small button--ghost" aria-keyshortcuts=keys
                on:click=move |_| editor.nudge_selected(direction)>{label}</button>
        }
    };
    let edit_id = id.clone();
    view! {
        <h2 id="pb-panel-title" class="pb-panel__title">{title}</h2>
        {node_problems(editor, id.clone())}
        <div class="pb-actions" role="group" aria-label="Selected node">
            {movable.then(|| view! {
                {nudge_button("Move up", Nudge::Up, "Alt+ArrowUp")}
                {nudge_button("Move down", Nudge::Down, "Alt+ArrowDown")}
                {move || placed.with(|p| p.1).then(|| nudge_button("Into the columns above", Nudge::In, "Alt+ArrowRight"))}
                {move || placed.with(|p| p.2).then(|| nudge_button("Out of the column", Nudge::Out, "Alt+ArrowLeft"))}
                <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Control+D"
                    on:click=move |_| editor.duplicate_selected()>"Duplicate"</button>
                <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Control+C"
                    on:click=move |_| editor.copy_selected()>"Copy"</button>
            })}
            <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Control+V"
                on:click=move |_| editor.paste()>"Paste after"</button>
            {inline.then(|| view! {
                <button type="button" class="button button--small button--ghost" aria-keyshortcuts="Enter"
                    on:click=move |_| super::inline::begin(editor, &edit_id)>"Edit text on the page"</button>
            })}
            {movable.then(|| view! {
                <button type="button" class="button button--small button--danger" aria-keyshortcuts="Delete"
                    on:click=move |_| editor.delete_selected()>"Delete"</button>
            })}
        </div>
        {columns_count}
        {props_form}
        {style_form(editor, id)}
    }
    .into_any()
}

/// Uploads the file chosen in a media field's file input and hands its key
/// to the field (`chosen`), which puts it in the draft.
fn upload_callback(
    message: RwSignal<Option<String>>,
) -> Callback<(leptos::ev::Event, Callback<String>)> {
    Callback::new(move |(ev, chosen): (leptos::ev::Event, Callback<String>)| {
        #[cfg(feature = "hydrate")]
        {
            let file = match crate::components::image_field::chosen_file(&ev) {
                Ok(Some(file)) => file,
                Ok(None) => return,
                Err(problem) => {
                    message.set(Some(problem));
                    return;
                }
            };
            message.set(Some(format!("Uploading {}…", file.name())));
            leptos::task::spawn_local(async move {
                match crate::components::image_field::upload(
                    crate::domain::media::ImageKind::Chart,
                    file,
                )
                .await
                {
                    Ok(image) => {
                        message.set(Some("Uploaded.".to_string()));
                        chosen.run(image.key);
                    }
                    Err(problem) => message.set(Some(problem)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, chosen, message);
    })
}

/// Problems decoding the draft, shown above the form (a word in a number
/// field, say); nothing is applied until they are fixed.
fn decode_problems(errors: RwSignal<Vec<String>>) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="alert alert--error" role="alert">
                    <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

fn props_form(editor: Editor, id: NodeId, props: BlockProps) -> impl IntoView {
    let block_type = props.block_type();
    let draft_value = serde_json::to_value(&props)
        .ok()
        .and_then(|v| v.get("props").cloned())
        .unwrap_or(Value::Object(Default::default()));
    let draft = StoredValue::new(draft_value.clone());
    let errors = RwSignal::new(Vec::<String>::new());
    let upload_message = RwSignal::new(None::<String>);
    let on_edit = Callback::new(move |edit: Edit| {
        let reshapes = edit.reshapes();
        let merge = edit.merge_key().map(|k| format!("props:{id}:{k}"));
        draft.update_value(|d| edit.perform(d));
        let decoded = draft.with_value(|d| props_from_json(block_type, d));
        match decoded {
            Ok(props) => {
                errors.set(Vec::new());
                let _ = editor.apply(
                    Op::SetProps {
                        id: id.clone(),
                        props,
                    },
                    merge.as_deref(),
                );
            }
            Err(problems) => errors.set(problems.into_iter().map(|p| p.to_string()).collect()),
        }
        if reshapes {
            editor.panel_generation.update(|n| *n += 1);
        }
    });
    let ctx = FieldContext {
        on_edit,
        on_upload: upload_callback(upload_message),
    };
    let shape = skeleton(block_type);
    let fields = object_fields(ctx, Vec::new(), "props", &draft_value, Some(&shape));
    view! {
        <section class="pb-section" aria-label="Content">
            <h3>"Content"</h3>
            {decode_problems(errors)}
            {move || upload_message.get().map(|m| view! { <p class="small" role="status">{m}</p> })}
            <div class="form pb-form">{fields}</div>
        </section>
    }
}

fn column_count_field(editor: Editor, id: NodeId) -> impl IntoView {
    let count = editor.doc.with_untracked(|d| match d.node(&id) {
        Some(NodeRef::Block(b)) => b.columns.len(),
        _ => 0,
    });
    let message = RwSignal::new(None::<String>);
    view! {
        <div class="field">
            <label for="pb-column-count">"Columns"</label>
            <select id="pb-column-count" on:change=move |ev| {
                let wanted = event_target_value(&ev).parse::<usize>().unwrap_or(count);
                match editor.set_column_count(&id, wanted) {
                    Ok(()) => {
                        message.set(None);
                        editor.panel_generation.update(|n| *n += 1);
                    }
                    Err(problem) => message.set(Some(problem)),
                }
            }>
                {(1..=4).map(|n| view! { <option value=n.to_string() selected=n == count>{n.to_string()}</option> }).collect_view()}
            </select>
            {move || message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </div>
    }
}

/// One responsive style prop: its value for the viewport being edited, with
/// "set for this viewport" and a reset when a tablet or phone value
/// overrides the wider one.
fn responsive_select<T>(
    editor: Editor,
    id: NodeId,
    label: &'static str,
    key: &'static str,
    all: &'static [T],
    wire: fn(T) -> &'static str,
    part: fn(&mut Style) -> &mut Responsive<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let viewport = editor.viewport.get_untracked();
    let field_id = format!("pb-style-{key}");
    let read = {
        let id = id.clone();
        move || {
            editor.doc.with(|d| {
                d.node(&id).map(|n| {
                    let mut style = n.style().clone();
                    let r = *part(&mut style);
                    (r.resolve(viewport), r.own(viewport).is_some())
                })
            })
        }
    };
    let read_value = read.clone();
    let write = {
        let id = id.clone();
        move |change: &dyn Fn(&mut Responsive<T>)| {
            let style = editor
                .doc
                .with_untracked(|d| d.node(&id).map(|n| n.style().clone()));
            if let Some(mut style) = style {
                change(part(&mut style));
                let _ = editor.apply(
                    Op::SetStyle {
                        id: id.clone(),
                        style,
                    },
                    None,
                );
            }
        }
    };
    let write_reset = write.clone();
    let overridden =
        move || viewport != Breakpoint::Desktop && read.clone()().is_some_and(|(_, own)| own);
    let overridden_badge = overridden.clone();
    view! {
        <div class="field pb-style-field">
            <label for=field_id.clone()>{label}
                {move || overridden_badge().then(|| view! { <span class="badge badge--warn">{format!(" set for {}", viewport.as_str())}</span> })}
            </label>
            <select id=field_id
                prop:value=move || read_value().map(|(v, _)| wire(v).to_string()).unwrap_or_default()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(value) = all.iter().copied().find(|t| wire(*t) == chosen) {
                        write(&|r: &mut Responsive<T>| r.set(viewport, value));
                    }
                }>
                {all.iter().map(|t| view! { <option value=wire(*t)>{super::fields::humanise(wire(*t))}</option> }).collect_view()}
            </select>
            {move || overridden().then(|| {
                let write_reset = write_reset.clone();
                view! {
                    <button type="button" class="button button--small button--ghost"
                        on:click=move |_| write_reset(&|r: &mut Responsive<T>| r.reset(viewport))>
                        "Reset to the wider view's value"
                    </button>
                }
            })}
        </div>
    }
}

fn visible_wire(on: bool) -> &'static str {
    if on {
        "shown"
    } else {
        "hidden"
    }
}

fn style_form(editor: Editor, id: NodeId) -> impl IntoView {
    let viewport = editor.viewport.get_untracked();
    let where_ = match viewport {
        Breakpoint::Desktop => "Layout (all views unless a tablet or phone value is set)",
        Breakpoint::Tablet => "Layout on tablets",
        Breakpoint::Mobile => "Layout on phones",
    };
    let tone_id = id.clone();
    let width_id = id.clone();
    view! {
        <section class="pb-section" aria-label="Layout">
            <h3>{where_}</h3>
            <div class="form pb-form">
                {responsive_select(editor, id.clone(), "Spacing", "spacing", Spacing::ALL, Spacing::as_str, |s| &mut s.spacing)}
                {responsive_select(editor, id.clone(), "Alignment", "align", Align::ALL, Align::as_str, |s| &mut s.align)}
                {responsive_select(editor, id.clone(), "Text size", "text-size", TextSize::ALL, TextSize::as_str, |s| &mut s.text_size)}
                {responsive_select(editor, id.clone(), "Visibility", "visible", &[true, false], visible_wire, |s| &mut s.visible)}
                {plain_select(editor, tone_id, "Colour", "tone", Tone::ALL, Tone::as_str, |s| &mut s.tone)}
                {plain_select(editor, width_id, "Width", "width", Width::ALL, Width::as_str, |s| &mut s.width)}
            </div>
        </section>
    }
}

/// A style prop that is the same on every viewport.
fn plain_select<T>(
    editor: Editor,
    id: NodeId,
    label: &'static str,
    key: &'static str,
    all: &'static [T],
    wire: fn(T) -> &'static str,
    part: fn(&mut Style) -> &mut T,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let field_id = format!("pb-style-{key}");
    let read_id = id.clone();
    let current = move || {
        editor.doc.with(|d| {
            d.node(&read_id)
                .map(|n| wire(*part(&mut n.style().clone())).to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="field pb-style-field">
            <label for=field_id.clone()>{label}</label>
            <select id=field_id prop:value=current on:change=move |ev| {
                let chosen = event_target_value(&ev);
                let Some(value) = all.iter().copied().find(|t| wire(*t) == chosen) else { return };
                let style = editor.doc.with_untracked(|d| d.node(&id).map(|n| n.style().clone()));
                if let Some(mut style) = style {
                    *part(&mut style) = value;
                    let _ = editor.apply(Op::SetStyle { id: id.clone(), style }, None);
                }
            }>
                {all.iter().map(|t| view! { <option value=wire(*t)>{super::fields::humanise(wire(*t))}</option> }).collect_view()}
            </select>
        </div>
    }
}

fn settings_panel(editor: Editor) -> impl IntoView {
    let draft_value = editor
        .doc
        .with_untracked(|d| serde_json::to_value(&d.settings).unwrap_or(Value::Null));
    let draft = StoredValue::new(draft_value.clone());
    let errors = RwSignal::new(Vec::<String>::new());
    let upload_message = RwSignal::new(None::<String>);
    let on_edit = Callback::new(move |edit: Edit| {
        let reshapes = edit.reshapes();
        let merge = edit.merge_key().map(|k| format!("settings:{k}"));
        draft.update_value(|d| edit.perform(d));
        match draft.with_value(settings_from_json) {
            Ok(settings) => {
                errors.set(Vec::new());
                let _ = editor.apply(Op::SetSettings { settings }, merge.as_deref());
            }
            Err(problems) => errors.set(problems.into_iter().map(|p| p.to_string()).collect()),
        }
        if reshapes {
            editor.panel_generation.update(|n| *n += 1);
        }
    });
    let ctx = FieldContext {
        on_edit,
        on_upload: upload_callback(upload_message),
    };
    let shape = settings_skeleton();
    let path: Vec<Seg> = Vec::new();
    let fields = object_fields(ctx, path, "settings", &draft_value, Some(&shape));
    let problems = move || {
        let list: Vec<String> = editor.problems.with(|p| {
            p.iter()
                .filter(|e| e.path.starts_with("settings"))
                .map(|e| e.to_string())
                .collect()
        });
        (!list.is_empty()).then(|| {
            view! {
                <div class="alert alert--error" role="alert">
                    <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <h2 id="pb-panel-title" class="pb-panel__title">"Page settings"</h2>
        <p class="small muted">"Click a block on the page to edit it. These settings apply to the whole page."</p>
        {problems}
        {decode_problems(errors)}
        {move || upload_message.get().map(|m| view! { <p class="small" role="status">{m}</p> })}
        <div class="form pb-form">{fields}</div>
    }
}

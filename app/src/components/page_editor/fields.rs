//! The properties form for a block's props or the page settings, built from
//! their JSON: text in text inputs, closed sets (levels, icons, form fields,
//! link kinds…) in selects, on/off in checkboxes, lists as item groups that
//! can be added, reordered and removed, optional parts with "Add" and
//! "Remove", and media keys with an upload button. Every edit changes a JSON
//! draft, which the domain decoder turns into typed props; a type problem is
//! shown in the form and nothing is applied until it is fixed.
//!
//! The shape of each block type (every key it may have, and a first item for
//! its lists) comes from [`skeleton`], so optional parts left out of the
//! stored JSON can still be added.

use super::media_picker::MediaPicker;
use crate::domain::media::{stored_image_urls, MediaKey};
use leptos::prelude::*;
use serde_json::{json, Map, Value};

use crate::domain::page_document::{
    BlockType, ButtonVariant, FormField, Icon, Methodology, Spacing, ACCENT_PALETTE,
};

/// One step into the JSON: an object key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub type Path = Vec<Seg>;

/// An edit of the draft at a path.
#[derive(Debug, Clone)]
pub enum Edit {
    Set(Path, Value),
    Remove(Path),
    Push(Path, Value),
    /// Swaps item `i` with item `i - 1` of the list at the path.
    MoveUp(Path, usize),
}

impl Edit {
    /// Whether the form must be built again after this edit (its shape
    /// changed), as opposed to one value typed into a field.
    pub fn reshapes(&self) -> bool {
        match self {
            Edit::Set(_, value) => value.is_object() || value.is_array(),
            _ => true,
        }
    }

    /// Groups typing into one field into one undo step.
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Edit::Set(path, value) if !self.reshapes() && value.is_string() => Some(path_id(path)),
            _ => None,
        }
    }

    /// Performs the edit on `root`.
    pub fn perform(self, root: &mut Value) {
        match self {
            Edit::Set(path, value) => {
                if let Some(slot) = slot(root, &path, true) {
                    *slot = value;
                }
            }
            Edit::Remove(mut path) => {
                let Some(last) = path.pop() else { return };
                match (slot(root, &path, false), last) {
                    (Some(Value::Object(map)), Seg::Key(key)) => {
                        map.remove(&key);
                    }
                    (Some(Value::Array(list)), Seg::Index(i)) if i < list.len() => {
                        list.remove(i);
                    }
                    _ => {}
                }
            }
            Edit::Push(path, value) => {
                if let Some(slot) = slot(root, &path, true) {
                    match slot {
                        Value::Array(list) => list.push(value),
                        other => *other = Value::Array(vec![value]),
                    }
                }
            }
            Edit::MoveUp(path, i) => {
                if let Some(Value::Array(list)) = slot(root, &path, false) {
                    if i > 0 && i < list.len() {
                        list.swap(i, i - 1);
                    }
                }
            }
        }
    }
}

/// The value at a path; with `create`, missing object keys are made.
fn slot<'a>(root: &'a mut Value, path: &[Seg], create: bool) -> Option<&'a mut Value> {
    let mut at = root;
    for seg in path {
        at = match seg {
            Seg::Key(key) => {
                if !at.is_object() {
                    if !create {
                        return None;
                    }
                    *at = Value::Object(Map::new());
                }
                let map = at.as_object_mut()?;
                if create {
                    map.entry(key.clone()).or_insert(Value::Null)
                } else {
                    map.get_mut(key)?
                }
            }
            Seg::Index(i) => at.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(at)
}

/// An element id (and merge key) for a path: `f-items-0-title`.
pub fn path_id(path: &[Seg]) -> String {
    let mut id = String::from("f");
    for seg in path {
        id.push('-');
        match seg {
            Seg::Key(k) => id.push_str(k),
            Seg::Index(i) => id.push_str(&i.to_string()),
        }
    }
    id
}

/// Every key a block type's props may have, with a first item for lists.
pub fn skeleton(block_type: BlockType) -> Value {
    match block_type {
        BlockType::Heading => json!({"level": 2, "text": ""}),
        BlockType::RichText => json!({"content": [paragraph()]}),
        BlockType::Image => json!({"media": "", "alt": "", "caption": ""}),
        BlockType::Button => json!({"label": "", "target": {"kind": "form"}, "variant": "primary"}),
        BlockType::LeadForm => json!({
            "heading": "",
            "fields": [{"field": "email", "required": true}],
            "button_label": "",
            "consent_text": "",
            "after_submit": {"kind": "message", "text": ""}
        }),
        BlockType::Hero => json!({
            "heading": "", "text": "",
            "cta": {"label": "Talk to us", "target": {"kind": "form"}},
            "image": {"media": "", "alt": ""}
        }),
        BlockType::FeatureGrid => json!({
            "heading": "",
            "items": [{"title": "A benefit", "text": "", "icon": "check"}],
            "per_row": {"desktop": 3, "tablet": 2, "mobile": 1}
        }),
        BlockType::Testimonial => json!({"quote": "", "author": "", "role": ""}),
        BlockType::LogoStrip => json!({"heading": "", "logos": [{"media": "", "alt": ""}]}),
        BlockType::Faq => json!({"heading": "", "items": [{"question": "", "answer": ""}]}),
        BlockType::CaseStudies => json!({
            "heading": "",
            "source": {"kind": "filter", "industry_sic": "", "methodology": "ab_test"},
            "max": 3
        }),
        BlockType::RoiCalculator => json!({"heading": ""}),
        BlockType::Video => json!({"url": "", "title": "", "poster": {"media": "", "alt": ""}}),
        BlockType::Spacer => json!({"size": {"desktop": "l", "tablet": "m", "mobile": "m"}}),
        BlockType::Divider => json!({}),
        BlockType::Columns => {
            json!({"per_row": {"desktop": 2, "tablet": 2, "mobile": 1}, "gap": "m"})
        }
    }
}

/// Every key of the page settings.
pub fn settings_skeleton() -> Value {
    json!({"title": "", "slug": "", "description": "", "og_image": "", "noindex": false, "accent": "blue"})
}

fn paragraph() -> Value {
    json!({"type": "paragraph", "spans": [span()]})
}

fn span() -> Value {
    json!({"text": "", "bold": false, "italic": false, "href": ""})
}

/// What a tagged object becomes when its kind is switched.
fn kind_shape(parent: &str, kind: &str) -> Option<Value> {
    Some(match (parent, kind) {
        ("target", "link") => json!({"kind": "link", "href": "/"}),
        ("target", "form") => json!({"kind": "form"}),
        ("after_submit", "message") => {
            json!({"kind": "message", "text": "Thank you, we will be in touch."})
        }
        ("after_submit", "redirect") => json!({"kind": "redirect", "href": "/"}),
        ("source", "filter") => json!({"kind": "filter"}),
        ("source", "chosen") => json!({"kind": "chosen", "slugs": []}),
        ("content", "paragraph") => paragraph(),
        ("content", "list") => {
            json!({"type": "list", "ordered": false, "items": [{"spans": [span()]}]})
        }
        _ => return None,
    })
}

/// The choices of a closed set, as (wire value, label).
fn choices(parent: &str, key: &str) -> Option<Vec<(Value, String)>> {
    fn tokens<T: Copy>(all: &[T], wire: fn(T) -> &'static str) -> Vec<(Value, String)> {
        all.iter()
            .map(|t| (Value::from(wire(*t)), humanise(wire(*t))))
            .collect()
    }
    fn numbers(range: std::ops::RangeInclusive<u8>) -> Vec<(Value, String)> {
        range.map(|n| (Value::from(n), n.to_string())).collect()
    }
    Some(match (parent, key) {
        (_, "level") => vec![
            (Value::from(1), "Page title (h1)".to_string()),
            (Value::from(2), "Section heading (h2)".to_string()),
            (Value::from(3), "Sub-heading (h3)".to_string()),
        ],
        (_, "variant") => tokens(ButtonVariant::ALL, ButtonVariant::as_str),
        (_, "icon") => tokens(Icon::ALL, Icon::as_str),
        (_, "field") => tokens(FormField::ALL, FormField::as_str),
        (_, "methodology") => tokens(Methodology::ALL, Methodology::as_str),
        (_, "gap") => tokens(Spacing::ALL, Spacing::as_str),
        ("size", _) => tokens(Spacing::ALL, Spacing::as_str),
        ("per_row", _) => numbers(1..=4),
        (_, "accent") => ACCENT_PALETTE
            .iter()
            .map(|(name, _)| (Value::from(*name), humanise(name)))
            .collect(),
        ("target", "kind") => vec![
            (Value::from("form"), "Scroll to the lead form".to_string()),
            (Value::from("link"), "Go to a link".to_string()),
        ],
        ("after_submit", "kind") => vec![
            (
                Value::from("message"),
                "Show a thank-you message".to_string(),
            ),
            (Value::from("redirect"), "Go to another page".to_string()),
        ],
        ("source", "kind") => vec![
            (
                Value::from("filter"),
                "Newest matching a filter".to_string(),
            ),
            (Value::from("chosen"), "Chosen case studies".to_string()),
        ],
        ("content", "type") => vec![
            (Value::from("paragraph"), "Paragraph".to_string()),
            (Value::from("list"), "List".to_string()),
        ],
        _ => return None,
    })
}

/// Parts that may be left out: they get "Add" and "Remove" buttons.
fn is_optional_part(key: &str) -> bool {
    matches!(key, "cta" | "image" | "icon" | "methodology")
}

/// `button_label` → `Button label`, with a few names spelled out.
pub fn humanise(key: &str) -> String {
    let named = match key {
        "href" => "Link (URL, /path or #anchor)",
        "media" => "Image (media key)",
        "og_image" => "Sharing image (media key)",
        "alt" => "Alternative text",
        "industry_sic" => "Industry (SIC code)",
        "cta" => "Call to action",
        "per_row" => "Items per row",
        "noindex" => "Hide from search engines",
        "slug" => "Address (/landing/…)",
        "description" => "Search and sharing description",
        "url" => "Video URL (YouTube or Vimeo)",
        "ab_test" => "A/B test",
        "sic" => "SIC",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_string();
    }
    let text = key.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => text,
    }
}

fn is_long_text(key: &str) -> bool {
    matches!(
        key,
        "text" | "answer" | "quote" | "consent_text" | "description"
    )
}

/// What the form needs from its owner.
#[derive(Clone, Copy)]
pub struct FieldContext {
    pub on_edit: Callback<Edit>,
    /// Uploads the file a media field's input holds, then calls the
    /// field's callback with the new key.
    pub on_upload: Callback<(leptos::ev::Event, Callback<String>)>,
}

/// The fields for `value` (an object), with `shape` giving keys that may be
/// missing.
pub fn object_fields(
    ctx: FieldContext,
    path: Path,
    parent: &str,
    value: &Value,
    shape: Option<&Value>,
) -> AnyView {
    let empty = Map::new();
    let present = value.as_object().unwrap_or(&empty);
    let mut keys: Vec<String> = shape
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for key in present.keys() {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    // A tagged object's kind comes first.
    keys.sort_by_key(|k| !(k == "kind" || k == "type"));
    keys.into_iter()
        .map(|key| {
            let mut at = path.clone();
            at.push(Seg::Key(key.clone()));
            let shape_here = shape.and_then(|s| s.get(&key));
            match present.get(&key) {
                Some(v) => field(ctx, at, parent, &key, v, shape_here),
                None => missing_field(ctx, at, parent, &key, shape_here),
            }
        })
        .collect_view()
        .into_any()
}

/// A key the JSON leaves out: text and on/off are shown empty; a part gets
/// an "Add" button.
fn missing_field(
    ctx: FieldContext,
    path: Path,
    parent: &str,
    key: &str,
    shape: Option<&Value>,
) -> AnyView {
    match shape {
        Some(Value::String(_)) if choices(parent, key).is_some() => {
            select_field(ctx, path, parent, key, &Value::Null, true)
        }
        Some(Value::String(_)) => text_field(ctx, path, key, ""),
        Some(Value::Bool(_)) => check_field(ctx, path, key, false),
        Some(shape @ (Value::Object(_) | Value::Array(_))) => {
            let label = format!("Add {}", humanise(key).to_lowercase());
            let shape = shape.clone();
            view! {
                <button type="button" class="button button--small button--ghost pb-add"
                    on:click=move |_| ctx.on_edit.run(Edit::Set(path.clone(), shape.clone()))>{label}</button>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

fn field(
    ctx: FieldContext,
    path: Path,
    parent: &str,
    key: &str,
    value: &Value,
    shape: Option<&Value>,
) -> AnyView {
    if choices(parent, key).is_some() && !value.is_object() && !value.is_array() {
        return select_field(ctx, path, parent, key, value, is_optional_part(key));
    }
    match value {
        Value::String(text) if key == "media" || key == "og_image" => {
            media_field(ctx, path, key, text)
        }
        Value::String(text) => text_field(ctx, path, key, text),
        Value::Bool(on) => check_field(ctx, path, key, *on),
        Value::Number(n) => number_field(ctx, path, key, n.as_i64().unwrap_or(0)),
        Value::Object(_) => {
            let legend = humanise(key);
            let remove = is_optional_part(key).then(|| {
                let path = path.clone();
                view! {
                    <button type="button" class="button button--small button--ghost"
                        on:click=move |_| ctx.on_edit.run(Edit::Remove(path.clone()))>"Remove"</button>
                }
            });
            let inner = object_fields(ctx, path, key, value, shape);
            view! {
                <fieldset class="pb-group">
                    <legend>{legend}</legend>
                    {inner}
                    {remove}
                </fieldset>
            }
            .into_any()
        }
        Value::Array(items) => list_field(ctx, path, key, items, shape),
        Value::Null => ().into_any(),
    }
}

fn list_field(
    ctx: FieldContext,
    path: Path,
    key: &str,
    items: &[Value],
    shape: Option<&Value>,
) -> AnyView {
    let item_shape = shape
        .and_then(|s| s.get(0))
        .or_else(|| items.first())
        .cloned()
        .unwrap_or(Value::String(String::new()));
    let noun = item_noun(key);
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut at = path.clone();
            at.push(Seg::Index(i));
            let body = match item {
                Value::Object(_) => object_fields(ctx, at.clone(), key, item, Some(&item_shape)),
                other => field(ctx, at.clone(), key, noun, other, None),
            };
            let (up_path, remove_path) = (path.clone(), at.clone());
            let legend = format!("{} {}", humanise(noun), i + 1);
            view! {
                <fieldset class="pb-group pb-item">
                    <legend>{legend}</legend>
                    {body}
                    <div class="pb-item__actions">
                        {(i > 0).then(|| view! {
                            <button type="button" class="button button--small button--ghost"
                                on:click=move |_| ctx.on_edit.run(Edit::MoveUp(up_path.clone(), i))>"Move up"</button>
                        })}
                        <button type="button" class="button button--small button--ghost"
                            on:click=move |_| ctx.on_edit.run(Edit::Remove(remove_path.clone()))>"Remove"</button>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let add_label = format!("Add {noun}");
    view! {
        <div class="pb-list">
            <p class="pb-list__title">{humanise(key)}</p>
            {rows}
            <button type="button" class="button button--small pb-add"
                on:click=move |_| ctx.on_edit.run(Edit::Push(path.clone(), item_shape.clone()))>{add_label}</button>
        </div>
    }
    .into_any()
}

fn item_noun(key: &str) -> &'static str {
    match key {
        "items" => "item",
        "fields" => "field",
        "logos" => "logo",
        "content" => "paragraph or list",
        "spans" => "piece of text",
        "slugs" => "case study (its address)",
        _ => "entry",
    }
}

fn text_field(ctx: FieldContext, path: Path, key: &str, value: &str) -> AnyView {
    let id = path_id(&path);
    let label = humanise(key);
    let on_input = move |ev: leptos::ev::Event| {
        ctx.on_edit.run(Edit::Set(
            path.clone(),
            Value::String(event_target_value(&ev)),
        ))
    };
    if is_long_text(key) {
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id rows="3" on:input=on_input>{value.to_string()}</textarea>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id value=value.to_string() on:input=on_input />
            </div>
        }
        .into_any()
    }
}

/// A media key: the image chosen (with a thumbnail), a button that opens
/// the media library, an upload, and the key itself for pasting.
fn media_field(ctx: FieldContext, path: Path, key: &str, value: &str) -> AnyView {
    let id = path_id(&path);
    let upload_id = format!("{id}-upload");
    let label = humanise(key);
    let shown = RwSignal::new(value.to_string());
    let library_open = RwSignal::new(false);
    let chosen = {
        let path = path.clone();
        Callback::new(move |key: String| {
            shown.set(key.clone());
            library_open.set(false);
            ctx.on_edit.run(Edit::Set(path.clone(), Value::String(key)));
        })
    };
    let thumbnail = move || {
        shown.with(|key| {
            MediaKey::parse(key).ok().map(|parsed| {
                let src = stored_image_urls(&parsed.to_string()).src;
                view! { <img class="pb-media__preview" src=src alt="" width="96" height="54" /> }
            })
        })
    };
    view! {
        <div class="field pb-media">
            <label for=id.clone()>{label}</label>
            <div class="pb-media__row">
                {thumbnail}
                <input id=id prop:value=move || shown.get()
                    on:input=move |ev| {
                        let key = event_target_value(&ev);
                        shown.set(key.clone());
                        ctx.on_edit.run(Edit::Set(path.clone(), Value::String(key)));
                    } />
            </div>
            <button type="button" class="button button--small button--ghost"
                aria-expanded=move || library_open.get().to_string()
                on:click=move |_| library_open.update(|open| *open = !*open)>
                "Choose from the media library"
            </button>
            {move || library_open.get().then(|| view! {
                <MediaPicker current=shown.get_untracked() on_choose=chosen
                    on_close=Callback::new(move |()| library_open.set(false)) />
            })}
            <label for=upload_id.clone() class="small">"Or upload an image (JPEG, PNG or WebP)"</label>
            <input id=upload_id type="file" accept="image/jpeg,image/png,image/webp"
                on:change=move |ev| ctx.on_upload.run((ev, chosen)) />
        </div>
    }
    .into_any()
}

fn check_field(ctx: FieldContext, path: Path, key: &str, on: bool) -> AnyView {
    let id = path_id(&path);
    let for_id = id.clone();
    let label = humanise(key);
    view! {
        <div class="field">
            <label class="check" for=for_id>
                <input id=id type="checkbox" checked=on
                    on:change=move |ev| ctx.on_edit.run(Edit::Set(path.clone(), Value::Bool(event_target_checked(&ev)))) />
                {label}
            </label>
        </div>
    }
    .into_any()
}

fn number_field(ctx: FieldContext, path: Path, key: &str, value: i64) -> AnyView {
    let id = path_id(&path);
    let label = humanise(key);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="number" min="0" max="255" value=value.to_string()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let value = typed.trim().parse::<i64>().map(Value::from).unwrap_or(Value::String(typed));
                    ctx.on_edit.run(Edit::Set(path.clone(), value))
                } />
        </div>
    }
    .into_any()
}

/// A closed set. Switching a tagged object's kind replaces the object with
/// that kind's shape. `optional`: a "(none)" choice removes the key.
fn select_field(
    ctx: FieldContext,
    path: Path,
    parent: &str,
    key: &str,
    value: &Value,
    optional: bool,
) -> AnyView {
    let id = path_id(&path);
    let label = humanise(key);
    let mut options = choices(parent, key).unwrap_or_default();
    if !value.is_null() && !options.iter().any(|(v, _)| v == value) {
        options.push((value.clone(), value.to_string()));
    }
    let is_kind = key == "kind" || key == "type";
    let parent = parent.to_string();
    let current = value.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if chosen.is_empty() {
            ctx.on_edit.run(Edit::Remove(path.clone()));
            return;
        }
        let value = chosen
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::String(chosen.clone()));
        if is_kind {
            let mut object_path = path.clone();
            object_path.pop();
            if let Some(shape) = kind_shape(&parent, &chosen) {
                ctx.on_edit.run(Edit::Set(object_path, shape));
            }
            return;
        }
        ctx.on_edit.run(Edit::Set(path.clone(), value))
    };
    let option_views = options
        .into_iter()
        .map(|(v, text)| {
            let wire = match &v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let selected = v == current;
            view! { <option value=wire selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=on_change>
                {optional.then(|| view! { <option value="" selected=current.is_null()>"(none)"</option> })}
                {option_views}
            </select>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::page_document::{props_from_json, BlockProps, BlockType};

    #[test]
    fn every_skeleton_decodes_as_its_block_type() {
        for block_type in BlockType::ALL {
            let shape = skeleton(*block_type);
            let decoded = props_from_json(*block_type, &shape);
            assert!(decoded.is_ok(), "{block_type:?}: {decoded:?}");
        }
    }

    #[test]
    fn edits_set_push_move_and_remove_in_the_draft() {
        let mut draft =
            serde_json::to_value(BlockProps::default_for(BlockType::Faq)).unwrap()["props"].clone();
        let items = vec![Seg::Key("items".into())];
        Edit::Push(items.clone(), json!({"question": "Q2", "answer": "A2"})).perform(&mut draft);
        Edit::MoveUp(items.clone(), 1).perform(&mut draft);
        assert_eq!(draft["items"][0]["question"], "Q2");
        Edit::Set(
            vec![
                Seg::Key("items".into()),
                Seg::Index(0),
                Seg::Key("answer".into()),
            ],
            json!("Yes"),
        )
        .perform(&mut draft);
        assert_eq!(draft["items"][0]["answer"], "Yes");
        Edit::Remove(vec![Seg::Key("items".into()), Seg::Index(1)]).perform(&mut draft);
        assert_eq!(draft["items"].as_array().unwrap().len(), 1);
        assert!(props_from_json(BlockType::Faq, &draft).is_ok());
    }

    #[test]
    fn every_kind_switch_gives_a_shape_that_decodes() {
        let button = |target: Value| json!({"label": "Go", "target": target});
        for kind in ["link", "form"] {
            let shape = kind_shape("target", kind).unwrap();
            assert!(
                props_from_json(BlockType::Button, &button(shape)).is_ok(),
                "{kind}"
            );
        }
        for kind in ["paragraph", "list"] {
            let shape = kind_shape("content", kind).unwrap();
            let props = json!({"content": [shape]});
            assert!(
                props_from_json(BlockType::RichText, &props).is_ok(),
                "{kind}"
            );
        }
    }

    #[test]
    fn paths_read_as_the_decoder_writes_them() {
        let path = vec![
            Seg::Key("items".into()),
            Seg::Index(2),
            Seg::Key("title".into()),
        ];
        assert_eq!(path_id(&path), "f-items-2-title");
    }
}

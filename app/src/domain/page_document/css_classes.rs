//! CSS class names for style tokens, so a renderer (the published page, the
//! preview and later the editor canvas) only ever emits the closed set of
//! classes the stylesheet defines (`style/main.css`, "Landing pages").
//!
//! A responsive value gives its desktop class, then a tablet (`lp-t-…`) or
//! mobile (`lp-m-…`) class only where the value in effect changes from the
//! next wider breakpoint: spacing `{desktop: l, mobile: m}` is
//! `"lp-sp-l lp-m-sp-m"`. The stylesheet's tablet and mobile rules are
//! container queries on `.lp` placed after the desktop rules, so they win.
//!
//! Decisions worth knowing:
//! - Align and text size are inherited in CSS, so a default desktop value
//!   gives no class: a section's centred text reaches blocks left at the
//!   default. Spacing and items per row are not inherited, so their desktop
//!   class is always emitted.
//! - Visibility gives `lp-hide` (desktop), `lp-t-hide` / `lp-m-hide`, and
//!   `lp-t-show` / `lp-m-show` where a narrower breakpoint shows again what a
//!   wider one hid. Hidden nodes are still rendered (hidden by CSS).
//! - A default tone gives no class; so does a default width on a block (a
//!   section's container always gets its width class, see [`width_class`]).

use super::settings::{AccentColour, ACCENT_PALETTE};
use super::style::{
    Align, Breakpoint, ResolvedStyle, Responsive, Spacing, Style, TextSize, Tone, Width,
};

/// Items or columns per row are 1–4; the stylesheet defines nothing else.
const MIN_PER_ROW: u8 = 1;
const MAX_PER_ROW: u8 = 4;

/// Text on a light accent colour (and a light accent used as text colour).
const DARK_TEXT: &str = "#0f172a";
const WHITE: &str = "#ffffff";

/// The class prefix for a value at a breakpoint.
pub fn breakpoint_prefix(breakpoint: Breakpoint) -> &'static str {
    match breakpoint {
        Breakpoint::Desktop => "lp-",
        Breakpoint::Tablet => "lp-t-",
        Breakpoint::Mobile => "lp-m-",
    }
}

/// Classes for a responsive value: `name(desktop)` with the desktop prefix
/// (left out when `skip_desktop` says so), then one class per narrower
/// breakpoint whose value in effect differs from the next wider one.
fn responsive_classes<T: Copy + PartialEq>(
    value: &Responsive<T>,
    skip_desktop: impl Fn(T) -> bool,
    name: impl Fn(T) -> String,
) -> Vec<String> {
    let mut classes = Vec::new();
    if !skip_desktop(value.desktop) {
        classes.push(format!(
            "{}{}",
            breakpoint_prefix(Breakpoint::Desktop),
            name(value.desktop)
        ));
    }
    let mut wider = value.desktop;
    for breakpoint in [Breakpoint::Tablet, Breakpoint::Mobile] {
        let here = value.resolve(breakpoint);
        if here != wider {
            classes.push(format!("{}{}", breakpoint_prefix(breakpoint), name(here)));
        }
        wider = here;
    }
    classes
}

/// Joins class names with single spaces, leaving out empty ones.
pub fn join_classes<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.as_ref().trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Vertical space (`lp-sp-l lp-m-sp-m`); also a spacer's height.
pub fn spacing_classes(value: &Responsive<Spacing>) -> String {
    join_classes(responsive_classes(
        value,
        |_| false,
        |s| format!("sp-{}", s.as_str()),
    ))
}

/// Horizontal alignment (`lp-align-center lp-m-align-start`).
pub fn align_classes(value: &Responsive<Align>) -> String {
    join_classes(responsive_classes(
        value,
        |a| a == Align::default(),
        |a| format!("align-{}", a.as_str()),
    ))
}

/// Text size (`lp-text-l lp-m-text-m`).
pub fn text_size_classes(value: &Responsive<TextSize>) -> String {
    join_classes(responsive_classes(
        value,
        |t| t == TextSize::default(),
        |t| format!("text-{}", t.as_str()),
    ))
}

/// Visibility (`lp-hide`, `lp-t-hide`, `lp-m-show` …); empty when visible
/// everywhere.
pub fn visibility_classes(value: &Responsive<bool>) -> String {
    join_classes(responsive_classes(
        value,
        |visible| visible,
        |visible| if visible { "show" } else { "hide" }.to_string(),
    ))
}

/// Theme colour (`lp-tone-accent`); empty for the default tone.
pub fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Default => "",
        Tone::Accent => "lp-tone-accent",
        Tone::Muted => "lp-tone-muted",
        Tone::Inverse => "lp-tone-inverse",
    }
}

/// Content width (`lp-w-narrow`, `lp-w-normal`, `lp-w-wide`, `lp-w-full`).
pub fn width_class(width: Width) -> &'static str {
    match width {
        Width::Narrow => "lp-w-narrow",
        Width::Normal => "lp-w-normal",
        Width::Wide => "lp-w-wide",
        Width::Full => "lp-w-full",
    }
}

/// Items per row of a feature grid or columns block
/// (`lp-cols-3 lp-t-cols-2 lp-m-cols-1`), each value kept to 1–4.
pub fn per_row_classes(value: &Responsive<u8>) -> String {
    let clamp = |n: u8| n.clamp(MIN_PER_ROW, MAX_PER_ROW);
    let clamped = Responsive {
        desktop: clamp(value.desktop),
        tablet: value.tablet.map(clamp),
        mobile: value.mobile.map(clamp),
    };
    join_classes(responsive_classes(
        &clamped,
        |_| false,
        |n| format!("cols-{n}"),
    ))
}

/// The gap between columns (`lp-gap-m`).
pub fn gap_class(gap: Spacing) -> String {
    format!("lp-gap-{}", gap.as_str())
}

/// A section's or column's classes: spacing, align, text size, visibility
/// and tone. A section's width goes on its inner container
/// ([`width_class`]), not here.
pub fn style_classes(style: &Style) -> String {
    join_classes([
        spacing_classes(&style.spacing),
        align_classes(&style.align),
        text_size_classes(&style.text_size),
        visibility_classes(&style.visible),
        tone_class(style.tone).to_string(),
    ])
}

/// A block's classes: [`style_classes`] plus its width when not the default
/// (a block is as wide as its section's container unless narrowed).
pub fn block_style_classes(style: &Style) -> String {
    let width = if style.width == Width::default() {
        ""
    } else {
        width_class(style.width)
    };
    join_classes([style_classes(style), width.to_string()])
}

/// The classes for a style already resolved at one breakpoint, all with the
/// desktop prefix: for a canvas drawn at a single viewport without the
/// container queries. Every token gets its class (no inheritance shortcuts),
/// except a visible node and the default tone, which need none.
pub fn resolved_classes(style: &ResolvedStyle) -> String {
    let prefix = breakpoint_prefix(Breakpoint::Desktop);
    join_classes([
        format!("{prefix}sp-{}", style.spacing.as_str()),
        format!("{prefix}align-{}", style.align.as_str()),
        format!("{prefix}text-{}", style.text_size.as_str()),
        if style.visible {
            String::new()
        } else {
            format!("{prefix}hide")
        },
        tone_class(style.tone).to_string(),
        width_class(style.width).to_string(),
    ])
}

/// The accent's CSS colour; an invalid value (the parser refuses those)
/// falls back to the first palette colour.
pub fn accent_css(accent: &AccentColour) -> &str {
    accent.css().unwrap_or(ACCENT_PALETTE[0].1)
}

/// The page's `style` attribute: the accent (`--lp-accent`), the text colour
/// on it (`--lp-on-accent`) and the accent as a text colour on white
/// (`--lp-accent-text`). The palette colours all take white text at 4.5:1 or
/// better; a custom `#rrggbb` that is too light gets dark text instead.
pub fn accent_style(accent: &AccentColour) -> String {
    let css = accent_css(accent);
    let (on_accent, accent_text) = match relative_luminance(css) {
        Some(luminance) if contrast(luminance, 1.0) < contrast(luminance, DARK_LUMINANCE) => {
            (DARK_TEXT, DARK_TEXT)
        }
        _ => (WHITE, css),
    };
    format!("--lp-accent: {css}; --lp-on-accent: {on_accent}; --lp-accent-text: {accent_text}")
}

/// Relative luminance of [`DARK_TEXT`] (#0f172a).
const DARK_LUMINANCE: f64 = 0.008_815;

/// WCAG contrast ratio of two relative luminances.
fn contrast(a: f64, b: f64) -> f64 {
    let (light, dark) = if a > b { (a, b) } else { (b, a) };
    (light + 0.05) / (dark + 0.05)
}

/// WCAG relative luminance of `#rrggbb`; `None` for anything else.
fn relative_luminance(hex: &str) -> Option<f64> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let value = u8::from_str_radix(digits.get(i..i + 2)?, 16).ok()?;
        let c = f64::from(value) / 255.0;
        Some(if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn responsive<T>(desktop: T, tablet: Option<T>, mobile: Option<T>) -> Responsive<T> {
        Responsive {
            desktop,
            tablet,
            mobile,
        }
    }

    #[test]
    fn a_narrower_breakpoint_gets_a_class_only_where_the_value_changes() {
        let spacing = responsive(Spacing::L, None, Some(Spacing::M));
        assert_eq!(spacing_classes(&spacing), "lp-sp-l lp-m-sp-m");
        assert_eq!(spacing_classes(&Responsive::all(Spacing::M)), "lp-sp-m");
        let tablet_only = responsive(Spacing::Xl, Some(Spacing::S), None);
        assert_eq!(
            spacing_classes(&tablet_only),
            "lp-sp-xl lp-t-sp-s",
            "mobile inherits the tablet value, so it needs no class"
        );
        let same_again = responsive(Spacing::L, Some(Spacing::L), Some(Spacing::L));
        assert_eq!(spacing_classes(&same_again), "lp-sp-l");
        let back = responsive(Spacing::L, Some(Spacing::S), Some(Spacing::L));
        assert_eq!(spacing_classes(&back), "lp-sp-l lp-t-sp-s lp-m-sp-l");
    }

    #[test]
    fn inherited_props_leave_out_a_default_desktop_value() {
        assert_eq!(align_classes(&Responsive::default()), "");
        assert_eq!(
            align_classes(&responsive(Align::Center, None, Some(Align::Start))),
            "lp-align-center lp-m-align-start"
        );
        assert_eq!(
            align_classes(&responsive(Align::Start, Some(Align::End), None)),
            "lp-t-align-end"
        );
        assert_eq!(text_size_classes(&Responsive::default()), "");
        assert_eq!(
            text_size_classes(&responsive(TextSize::Xl, None, Some(TextSize::L))),
            "lp-text-xl lp-m-text-l"
        );
    }

    #[test]
    fn visibility_hides_and_shows_again() {
        assert_eq!(visibility_classes(&Responsive::all(true)), "");
        assert_eq!(visibility_classes(&Responsive::all(false)), "lp-hide");
        assert_eq!(
            visibility_classes(&responsive(true, None, Some(false))),
            "lp-m-hide"
        );
        assert_eq!(
            visibility_classes(&responsive(false, Some(true), None)),
            "lp-hide lp-t-show"
        );
        assert_eq!(
            visibility_classes(&responsive(true, Some(false), Some(true))),
            "lp-t-hide lp-m-show"
        );
    }

    #[test]
    fn per_row_classes_cover_every_breakpoint_that_changes() {
        assert_eq!(
            per_row_classes(&responsive(3, Some(2), Some(1))),
            "lp-cols-3 lp-t-cols-2 lp-m-cols-1"
        );
        assert_eq!(
            per_row_classes(&responsive(2, None, Some(1))),
            "lp-cols-2 lp-m-cols-1"
        );
        assert_eq!(
            per_row_classes(&responsive(9, Some(0), None)),
            "lp-cols-4 lp-t-cols-1",
            "out-of-range values are kept to 1–4"
        );
        assert_eq!(gap_class(Spacing::Xs), "lp-gap-xs");
    }

    #[test]
    fn a_default_style_gives_only_its_spacing() {
        let style = Style::default();
        assert_eq!(style_classes(&style), "lp-sp-m");
        assert_eq!(block_style_classes(&style), "lp-sp-m");
        let styled = Style {
            spacing: responsive(Spacing::Xl, None, Some(Spacing::M)),
            align: Responsive::all(Align::Center),
            visible: responsive(true, None, Some(false)),
            tone: Tone::Inverse,
            width: Width::Narrow,
            ..Style::default()
        };
        assert_eq!(
            style_classes(&styled),
            "lp-sp-xl lp-m-sp-m lp-align-center lp-m-hide lp-tone-inverse"
        );
        assert_eq!(
            block_style_classes(&styled),
            "lp-sp-xl lp-m-sp-m lp-align-center lp-m-hide lp-tone-inverse lp-w-narrow"
        );
    }

    #[test]
    fn resolved_styles_name_every_token_at_one_breakpoint() {
        let styled = Style {
            spacing: responsive(Spacing::Xl, None, Some(Spacing::S)),
            visible: responsive(true, None, Some(false)),
            tone: Tone::Accent,
            ..Style::default()
        };
        assert_eq!(
            resolved_classes(&styled.resolve(Breakpoint::Mobile)),
            "lp-sp-s lp-align-start lp-text-m lp-hide lp-tone-accent lp-w-normal"
        );
        assert_eq!(
            resolved_classes(&styled.resolve(Breakpoint::Desktop)),
            "lp-sp-xl lp-align-start lp-text-m lp-tone-accent lp-w-normal"
        );
    }

    #[test]
    fn every_token_has_a_class() {
        for width in Width::ALL {
            assert!(width_class(*width).starts_with("lp-w-"));
        }
        for tone in Tone::ALL {
            assert_eq!(tone_class(*tone).is_empty(), *tone == Tone::Default);
        }
        assert_eq!(join_classes(["a", "", " ", "b"]), "a b");
    }

    #[test]
    fn palette_accents_take_white_text_and_light_custom_ones_dark_text() {
        for (name, css) in ACCENT_PALETTE {
            let style = accent_style(&AccentColour((*name).to_string()));
            assert_eq!(
                style,
                format!("--lp-accent: {css}; --lp-on-accent: #ffffff; --lp-accent-text: {css}"),
                "{name}"
            );
            let luminance = relative_luminance(css).expect("a palette colour is #rrggbb");
            assert!(contrast(luminance, 1.0) >= 4.5, "{name} on white");
        }
        assert_eq!(
            accent_style(&AccentColour("#ffff00".into())),
            "--lp-accent: #ffff00; --lp-on-accent: #0f172a; --lp-accent-text: #0f172a"
        );
        assert_eq!(
            accent_style(&AccentColour("pink".into())),
            accent_style(&AccentColour::default()),
            "an invalid accent falls back to the first palette colour"
        );
    }

    #[test]
    fn luminance_matches_the_wcag_formula() {
        let white = relative_luminance("#ffffff").expect("white");
        let black = relative_luminance("#000000").expect("black");
        assert!((white - 1.0).abs() < 1e-9);
        assert!(black.abs() < 1e-9);
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
        let dark = relative_luminance(DARK_TEXT).expect("dark text");
        assert!((dark - DARK_LUMINANCE).abs() < 1e-4);
        assert_eq!(relative_luminance("#abc"), None);
        assert_eq!(relative_luminance("teal"), None);
    }
}

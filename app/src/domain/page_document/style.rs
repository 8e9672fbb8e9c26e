//! Style props: a small design-token vocabulary instead of free CSS, and
//! per-breakpoint values for layout props.
//!
//! A [`Responsive`] value has a desktop value and optional tablet and mobile
//! overrides. A value set on a breakpoint overrides the wider one: tablet
//! falls back to desktop, mobile falls back to tablet, then desktop.

use serde::Serialize;

/// Declares a closed set of tokens: the enum (serialised as its wire value),
/// `ALL`, `as_str`, `parse` and the default.
macro_rules! token_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident default $default:ident {
            $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire value (also usable in a CSS class name).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|t| t.as_str() == value)
            }
        }

        impl Default for $name {
            fn default() -> $name {
                $name::$default
            }
        }
    };
}
pub(super) use token_set;

token_set! {
    /// The spacing scale (padding around a node, gaps, spacer heights).
    pub enum Spacing default M {
        None => "none", Xs => "xs", S => "s", M => "m", L => "l", Xl => "xl",
    }
}

token_set! {
    /// Horizontal alignment of a node's content.
    pub enum Align default Start {
        Start => "start", Center => "center", End => "end",
    }
}

token_set! {
    /// A colour from the theme (background and matching text colour).
    pub enum Tone default Default {
        Default => "default", Accent => "accent", Muted => "muted", Inverse => "inverse",
    }
}

token_set! {
    /// How wide a node's content may grow.
    pub enum Width default Normal {
        Narrow => "narrow", Normal => "normal", Wide => "wide", Full => "full",
    }
}

token_set! {
    /// The text size scale.
    pub enum TextSize default M {
        S => "s", M => "m", L => "l", Xl => "xl",
    }
}

token_set! {
    /// The three viewport widths the editor previews and the renderer targets.
    pub enum Breakpoint default Desktop {
        Desktop => "desktop", Tablet => "tablet", Mobile => "mobile",
    }
}

/// A layout value per breakpoint: `desktop` always, `tablet` and `mobile`
/// only when they differ. Serialised as `{"desktop": …, "tablet": …,
/// "mobile": …}` with unset overrides left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Responsive<T> {
    pub desktop: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablet: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<T>,
}

impl<T: Copy> Responsive<T> {
    /// The same value everywhere.
    pub fn all(value: T) -> Responsive<T> {
        Responsive {
            desktop: value,
            tablet: None,
            mobile: None,
        }
    }

    /// The value in effect at a breakpoint: its own override if set, else the
    /// next wider breakpoint's (mobile → tablet → desktop).
    pub fn resolve(&self, breakpoint: Breakpoint) -> T {
        match breakpoint {
            Breakpoint::Desktop => self.desktop,
            Breakpoint::Tablet => self.tablet.unwrap_or(self.desktop),
            Breakpoint::Mobile => self.mobile.or(self.tablet).unwrap_or(self.desktop),
        }
    }

    /// The value set on exactly this breakpoint (`None`: inherited). The
    /// editor shows a set tablet or mobile value as "overridden".
    pub fn own(&self, breakpoint: Breakpoint) -> Option<T> {
        match breakpoint {
            Breakpoint::Desktop => Some(self.desktop),
            Breakpoint::Tablet => self.tablet,
            Breakpoint::Mobile => self.mobile,
        }
    }

    /// Sets the value for one breakpoint, as an edit made in that viewport.
    pub fn set(&mut self, breakpoint: Breakpoint, value: T) {
        match breakpoint {
            Breakpoint::Desktop => self.desktop = value,
            Breakpoint::Tablet => self.tablet = Some(value),
            Breakpoint::Mobile => self.mobile = Some(value),
        }
    }

    /// Removes a tablet or mobile override ("reset"); desktop has none.
    pub fn reset(&mut self, breakpoint: Breakpoint) {
        match breakpoint {
            Breakpoint::Desktop => {}
            Breakpoint::Tablet => self.tablet = None,
            Breakpoint::Mobile => self.mobile = None,
        }
    }

    /// Every value that is set, for validation.
    pub fn values(&self) -> impl Iterator<Item = (Breakpoint, T)> + '_ {
        [
            (Breakpoint::Desktop, Some(self.desktop)),
            (Breakpoint::Tablet, self.tablet),
            (Breakpoint::Mobile, self.mobile),
        ]
        .into_iter()
        .filter_map(|(b, v)| v.map(|v| (b, v)))
    }
}

impl<T: Copy + Default + PartialEq> Responsive<T> {
    pub fn is_default(&self) -> bool {
        *self == Responsive::default()
    }
}

fn visible_default() -> Responsive<bool> {
    Responsive::all(true)
}

fn is_always_visible(value: &Responsive<bool>) -> bool {
    *value == visible_default()
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The style props every node has. Every field has a default and defaults are
/// left out of the JSON, so an unstyled node costs nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Style {
    /// Vertical space around the node.
    #[serde(skip_serializing_if = "Responsive::is_default")]
    pub spacing: Responsive<Spacing>,
    #[serde(skip_serializing_if = "Responsive::is_default")]
    pub align: Responsive<Align>,
    #[serde(skip_serializing_if = "Responsive::is_default")]
    pub text_size: Responsive<TextSize>,
    /// Hidden on a breakpoint when `false` there.
    #[serde(skip_serializing_if = "is_always_visible")]
    pub visible: Responsive<bool>,
    #[serde(skip_serializing_if = "is_default")]
    pub tone: Tone,
    #[serde(skip_serializing_if = "is_default")]
    pub width: Width,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            spacing: Responsive::default(),
            align: Responsive::default(),
            text_size: Responsive::default(),
            visible: visible_default(),
            tone: Tone::default(),
            width: Width::default(),
        }
    }
}

impl Style {
    /// The layout values in effect at one breakpoint, for a renderer.
    pub fn resolve(&self, breakpoint: Breakpoint) -> ResolvedStyle {
        ResolvedStyle {
            spacing: self.spacing.resolve(breakpoint),
            align: self.align.resolve(breakpoint),
            text_size: self.text_size.resolve(breakpoint),
            visible: self.visible.resolve(breakpoint),
            tone: self.tone,
            width: self.width,
        }
    }
}

/// [`Style`] at one breakpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResolvedStyle {
    pub spacing: Spacing,
    pub align: Align,
    pub text_size: TextSize,
    pub visible: bool,
    pub tone: Tone,
    pub width: Width,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrower_breakpoint_inherits_from_the_next_wider_one() {
        let mut r = Responsive::all(Spacing::L);
        assert_eq!(r.resolve(Breakpoint::Tablet), Spacing::L);
        assert_eq!(r.resolve(Breakpoint::Mobile), Spacing::L);
        r.set(Breakpoint::Tablet, Spacing::M);
        assert_eq!(r.resolve(Breakpoint::Desktop), Spacing::L);
        assert_eq!(r.resolve(Breakpoint::Tablet), Spacing::M);
        assert_eq!(
            r.resolve(Breakpoint::Mobile),
            Spacing::M,
            "mobile falls back to tablet"
        );
        r.set(Breakpoint::Mobile, Spacing::None);
        assert_eq!(r.resolve(Breakpoint::Mobile), Spacing::None);
        r.reset(Breakpoint::Tablet);
        assert_eq!(r.resolve(Breakpoint::Tablet), Spacing::L);
        assert_eq!(r.own(Breakpoint::Tablet), None);
        assert_eq!(r.resolve(Breakpoint::Mobile), Spacing::None);
    }

    #[test]
    fn a_default_style_serialises_to_an_empty_object() {
        assert_eq!(serde_json::to_string(&Style::default()).unwrap(), "{}");
        let json = serde_json::json!({"align": {"desktop": "center", "mobile": "start"}});
        let mut errors = Vec::new();
        let style = <Style as super::super::decode::Decode>::decode(&json, "style", &mut errors)
            .expect("a valid style");
        assert_eq!(style.resolve(Breakpoint::Tablet).align, Align::Center);
        assert_eq!(style.resolve(Breakpoint::Mobile).align, Align::Start);
        assert!(style.resolve(Breakpoint::Mobile).visible);
    }

    #[test]
    fn tokens_round_trip_through_their_wire_values() {
        for s in Spacing::ALL {
            assert_eq!(Spacing::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Tone::parse("purple"), None);
    }
}

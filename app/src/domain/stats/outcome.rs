//! "A number or the reason there is none": every statistic the engine reports
//! is a [`Val`]. Serialised, a value is a finite JSON number or `null`, and the
//! block it sits in lists the reason under `"undefined"`, so a client never
//! meets `NaN`, `Infinity` or a silent zero where the method does not apply.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A finite statistic, or why it is undefined for these inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    Num(f64),
    Undefined(&'static str),
}

/// Reason used when arithmetic overflowed or hit 0/0 although every input was
/// valid (e.g. sums of squares beyond 1e308): reported rather than hidden.
pub const NOT_FINITE: &str = "not representable as a finite number for these inputs";

impl Val {
    /// Wraps `x`, turning NaN and ±∞ into `Undefined(reason)`: the single
    /// gate through which every computed number passes.
    pub fn new(x: f64, reason: &'static str) -> Val {
        if x.is_finite() {
            Val::Num(x)
        } else {
            Val::Undefined(reason)
        }
    }

    /// Like [`Val::new`] with the generic non-finite reason.
    pub fn of(x: f64) -> Val {
        Val::new(x, NOT_FINITE)
    }

    pub fn num(self) -> Option<f64> {
        match self {
            Val::Num(x) => Some(x),
            Val::Undefined(_) => None,
        }
    }

    pub fn reason(self) -> Option<&'static str> {
        match self {
            Val::Num(_) => None,
            Val::Undefined(r) => Some(r),
        }
    }

    /// The number, or a panic-free default for tests and display code.
    pub fn unwrap_or(self, default: f64) -> f64 {
        self.num().unwrap_or(default)
    }
}

impl Serialize for Val {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // `Val::new` guarantees finiteness, but a `Val::Num` built by hand
            // could still hold NaN: serialise that as null rather than fail.
            Val::Num(x) if x.is_finite() => s.serialize_f64(*x),
            _ => s.serialize_none(),
        }
    }
}

/// The `"undefined": {"field": "reason"}` map of a block.
pub(crate) struct Reasons<'a>(pub &'a [(&'static str, Val)]);

impl Reasons<'_> {
    pub(crate) fn any(&self) -> bool {
        self.0.iter().any(|(_, v)| v.reason().is_some())
    }
}

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (name, v) in self.0 {
            if let Some(reason) = v.reason() {
                map.serialize_entry(name, reason)?;
            }
        }
        map.end()
    }
}

/// Declares a result block: a struct whose statistics are [`Val`]s (plus
/// optional plain fields after `;`), serialised as a JSON object with each
/// value (number or null) and, when any is null, an `"undefined"` map giving
/// the reason for each null. One macro so no block can forget the reasons.
macro_rules! stats_block {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : Val, )*
            $( ; $( $(#[$xmeta:meta])* pub $xfield:ident : $xty:ty, )* )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: super::outcome::Val, )*
            $( $( $(#[$xmeta])* pub $xfield: $xty, )* )?
        }

        impl $name {
            /// Every statistic undefined for the same reason.
            #[allow(dead_code)]
            pub fn undefined_all(reason: &'static str) -> Self
            where $( $( $xty: Default, )* )?
            {
                Self {
                    $( $field: super::outcome::Val::Undefined(reason), )*
                    $( $( $xfield: Default::default(), )* )?
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                $( map.serialize_entry(stringify!($field), &self.$field)?; )*
                $( $( map.serialize_entry(stringify!($xfield), &self.$xfield)?; )* )?
                let fields = [ $( (stringify!($field), self.$field), )* ];
                let reasons = super::outcome::Reasons(&fields);
                if reasons.any() {
                    map.serialize_entry("undefined", &reasons)?;
                }
                map.end()
            }
        }
    };
}
pub(crate) use stats_block;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_numbers_become_null_with_their_reason() {
        assert_eq!(Val::new(f64::NAN, "why"), Val::Undefined("why"));
        assert_eq!(Val::new(f64::INFINITY, "why"), Val::Undefined("why"));
        assert_eq!(Val::new(1.5, "why"), Val::Num(1.5));
        assert_eq!(serde_json::to_string(&Val::Undefined("x")).unwrap(), "null");
        assert_eq!(serde_json::to_string(&Val::Num(f64::NAN)).unwrap(), "null");
    }
}

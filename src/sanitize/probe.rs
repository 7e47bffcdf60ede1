//! Whether any string or map key of a serialisable value holds a character
//! [`super::escape_controls`] would escape, found by walking the value through serde without
//! building anything: no JSON tree, no text, no copy. The app asks this at start and after
//! each change; a big progress file costs one pass over its strings, not ten times its size
//! in memory as a tree would.

use serde::Serialize;
use serde::ser;

/// Whether `value` holds a string or key that needs escaping for a terminal.
pub fn needs_escaping<T: Serialize + ?Sized>(value: &T) -> bool {
    matches!(value.serialize(Probe), Err(Stop::Found))
}

/// Why the walk stopped early: a string that needs escaping, or (never for progress) a
/// value serde could not walk, which counts as found so the caller makes the escaped copy
/// and finds out properly.
#[derive(Debug)]
enum Stop {
    Found,
    Other,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stop::Found => "a control character",
            Stop::Other => "not walkable",
        })
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Stop::Other
    }
}

fn check(text: &str) -> Result<(), Stop> {
    match super::escape_controls(text) {
        std::borrow::Cow::Borrowed(_) => Ok(()),
        std::borrow::Cow::Owned(_) => Err(Stop::Found),
    }
}

/// Checks formatted text piece by piece; remembers whether any piece needs escaping. A
/// control character is one `char`, so it never straddles two pieces.
struct Checker(bool);

impl std::fmt::Write for Checker {
    fn write_str(&mut self, piece: &str) -> std::fmt::Result {
        self.0 |= check(piece).is_err();
        Ok(())
    }
}

/// The walker; also the compound serialiser of every sequence, map and struct.
#[derive(Clone, Copy)]
struct Probe;

macro_rules! plain {
    ($($name:ident: $ty:ty),* $(,)?) => {
        $(fn $name(self, _v: $ty) -> Result<(), Stop> { Ok(()) })*
    };
}

impl ser::Serializer for Probe {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Probe;
    type SerializeTuple = Probe;
    type SerializeTupleStruct = Probe;
    type SerializeTupleVariant = Probe;
    type SerializeMap = Probe;
    type SerializeStruct = Probe;
    type SerializeStructVariant = Probe;

    plain!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8],
    );

    fn serialize_char(self, v: char) -> Result<(), Stop> {
        check(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        check(v)
    }

    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Probe, Stop> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Probe, Stop> {
        Ok(self)
    }

    // Dates and times serialise through `collect_str`: their text has no control characters,
    // but a user type might, so it is formatted and checked like any string.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Stop> {
        use std::fmt::Write;
        let mut checker = Checker(false);
        // Each piece is checked as it is formatted; nothing is allocated.
        let _ = write!(checker, "{value}");
        if checker.0 { Err(Stop::Found) } else { Ok(()) }
    }
}

/// The compound parts of a value (elements, fields, keys and values) are probed like any
/// other value; there is nothing to finish at the end. One macro for serde's seven
/// compound traits, which differ only in their method names and whether a field has a key.
macro_rules! probe_parts {
    ($($trait:ident :: $method:ident $(($key:ty))?),* $(,)?) => {$(
        impl ser::$trait for Probe {
            type Ok = ();
            type Error = Stop;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                $(_key: $key,)?
                value: &T,
            ) -> Result<(), Stop> {
                value.serialize(*self)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        }
    )*};
}

probe_parts!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str),
);

impl ser::SerializeMap for Probe {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        key.serialize(*self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        value.serialize(*self)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::progress::{Progress, SopRun};

    #[test]
    fn plain_progress_needs_no_escaping() {
        let mut progress = Progress::default();
        progress.item_mut("a").note = "已核对\n第二行\t制表".into();
        assert!(!needs_escaping(&progress));
    }

    #[test]
    fn a_control_character_in_a_nested_string_or_a_map_key_is_found() {
        let mut progress = Progress::default();
        progress.item_mut("a").owner = "陈强\u{1b}]0;x\u{7}".into();
        assert!(needs_escaping(&progress));
        let mut progress = Progress::default();
        progress
            .sop_people
            .insert("操作员\u{9b}".into(), "王静".into());
        assert!(needs_escaping(&progress));
        let mut people = crate::progress::RolePeople::new();
        people.insert("记录人".to_owned(), "李娜\r".to_owned());
        let mut progress = Progress::default();
        progress.sop_runs.push(SopRun {
            sop: "s".into(),
            started: chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
                .and_then(|d| d.and_hms_opt(3, 4, 5))
                .expect("date"),
            people,
            steps: Vec::new(),
            finished: true,
            ended: None,
        });
        assert!(needs_escaping(&progress));
    }

    #[test]
    fn the_walk_agrees_with_the_escaped_copy() {
        for owner in ["张伟", "a\r\nb", "x\u{7f}", "\u{85}y", "tab\there"] {
            let mut progress = Progress::default();
            progress.item_mut("a").owner = owner.into();
            assert_eq!(
                needs_escaping(&progress),
                super::super::escaped_progress_by_tree(&progress).is_some(),
                "{owner:?}"
            );
        }
    }
}

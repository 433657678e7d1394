//! The mutation engine: byte-level edits (bit flips, interesting bytes and tokens, cuts,
//! repeats, splices with another seed) and, when the input holds JSON, edits of its tree
//! (values replaced by hostile ones, members renamed, removed, duplicated or nested deeper).
//! An input may start with a header line (the action name of an answer or a request), which
//! tree edits leave alone.

use serde_json::{Map, Value};

/// Byte strings that parsers trip over.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"null",
    b"true",
    b"-",
    b"0",
    b"-0",
    b"1e999",
    b"-1e999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"1.5",
    b"\"\"",
    b"\\u0000",
    b"\\ud800",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\r\n",
    b"=",
    b";",
    b"/",
    b" ",
    b"\t",
    b"[default]",
    b"#",
    b"TC3-HMAC-SHA256 ",
    b"Credential=",
    b"SignedHeaders=",
    b"Signature=",
    b"tc3_request",
    b"{\"Response\":",
    b"\"Error\":",
    b"\"RequestId\":",
    b"\"Code\":",
];

/// Strings that a spec or an answer should survive anywhere a string is allowed: names that
/// yield no Rust identifier, keywords, clashes after case conversion, odd Unicode.
const HOSTILE_STRINGS: &[&str] = &[
    "",
    ":",
    "_",
    "-",
    "1",
    "1abc",
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "r#type",
    "a b",
    "A-B",
    "aB",
    "AB",
    "a_b",
    "A_B",
    "é",
    "日本",
    "\u{0}",
    "\u{202e}",
    "Z̷",
    "list",
    "map<string>",
    "string",
    "[string]",
    "Option",
    "Result",
    "RequestId",
    "Response",
    "Error",
    "None",
    "Some",
    "0x10",
    "NaN",
    "9999999999999999999999",
    "2019-12-05 17:04:05",
    "$ref",
    "/",
    "\\",
];

/// Drives mutations from a seeded generator: the same seed gives the same inputs.
#[derive(Debug)]
pub struct Mutator {
    rng: fastrand::Rng,
}

impl Mutator {
    /// A mutator whose draws start from `seed`.
    pub fn new(seed: u64) -> Self {
        Mutator {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// The generator, for callers that draw seeds with it.
    pub fn rng(&mut self) -> &mut fastrand::Rng {
        &mut self.rng
    }

    /// A mutant of `seed`: half of the time an edit of its JSON tree (when it has one), then
    /// up to four byte edits, each made with a chance of `byte_edits` in 256 (a target whose
    /// inputs must stay JSON to get far asks for few). `other` is a second seed to splice from.
    pub fn mutate(&mut self, seed: &[u8], other: &[u8], byte_edits: u8) -> Vec<u8> {
        let mut input = if self.rng.bool() {
            self.tree_edit(seed).unwrap_or_else(|| seed.to_vec())
        } else {
            seed.to_vec()
        };
        for _ in 0..self.rng.usize(1..=4) {
            if self.rng.u8(..) < byte_edits {
                self.byte_edit(&mut input, other);
            }
        }
        input
    }

    fn byte_edit(&mut self, input: &mut Vec<u8>, other: &[u8]) {
        let at = |rng: &mut fastrand::Rng, len: usize| rng.usize(..=len);
        match self.rng.u8(..9) {
            0 if !input.is_empty() => {
                let i = self.rng.usize(..input.len());
                input[i] ^= 1 << self.rng.u8(..8);
            }
            1 if !input.is_empty() => {
                let i = self.rng.usize(..input.len());
                input[i] = *self
                    .rng
                    .choice(b"\x00\x7f\x80\xff\"\\{}[],:0-")
                    .unwrap_or(&0);
            }
            2 => {
                let i = at(&mut self.rng, input.len());
                let token = self.rng.choice(TOKENS).copied().unwrap_or(b"");
                input.splice(i..i, token.iter().copied());
            }
            3 if !input.is_empty() => {
                let start = self.rng.usize(..input.len());
                let end = (start + self.rng.usize(1..=64)).min(input.len());
                input.drain(start..end);
            }
            4 if !input.is_empty() => {
                let start = self.rng.usize(..input.len());
                let end = (start + self.rng.usize(1..=64)).min(input.len());
                let piece = input[start..end].to_vec();
                let i = at(&mut self.rng, input.len());
                for _ in 0..self.rng.usize(1..=8) {
                    input.splice(i..i, piece.iter().copied());
                }
            }
            5 => input.truncate(at(&mut self.rng, input.len())),
            6 if !other.is_empty() => {
                let start = self.rng.usize(..other.len());
                let end = (start + self.rng.usize(1..=256)).min(other.len());
                let i = at(&mut self.rng, input.len());
                input.splice(i..i, other[start..end].iter().copied());
            }
            7 => {
                let i = at(&mut self.rng, input.len());
                let depth = self.rng.usize(1..=200);
                let open = if self.rng.bool() { b'[' } else { b'{' };
                input.splice(i..i, std::iter::repeat_n(open, depth));
            }
            _ => {
                let i = at(&mut self.rng, input.len());
                let digits = self.rng.u64(..).to_string() + &self.rng.u64(..).to_string();
                input.splice(i..i, digits.bytes());
            }
        }
    }

    /// Edits the JSON after the optional header line; `None` when it is not JSON.
    fn tree_edit(&mut self, seed: &[u8]) -> Option<Vec<u8>> {
        let start = seed.iter().position(|b| *b == b'{' || *b == b'[')?;
        let mut value: Value = serde_json::from_slice(&seed[start..]).ok()?;
        for _ in 0..self.rng.usize(1..=3) {
            let count = count_nodes(&value);
            let target = self.rng.usize(..count.max(1));
            let mut seen = 0;
            let donor = random_subtree(&value, self.rng.usize(..count.max(1)));
            edit_node(&mut value, target, &mut seen, &mut self.rng, &donor);
        }
        let mut out = seed[..start].to_vec();
        let text = if self.rng.bool() {
            serde_json::to_vec(&value)
        } else {
            serde_json::to_vec_pretty(&value)
        };
        out.extend(text.ok()?);
        Some(out)
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn random_subtree(value: &Value, mut index: usize) -> Value {
    fn walk<'a>(value: &'a Value, index: &mut usize) -> Option<&'a Value> {
        if *index == 0 {
            return Some(value);
        }
        *index -= 1;
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => return None,
        };
        children.into_iter().find_map(|child| walk(child, index))
    }
    walk(value, &mut index).cloned().unwrap_or(Value::Null)
}

fn hostile_value(rng: &mut fastrand::Rng, donor: &Value) -> Value {
    match rng.u8(..8) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => Value::from(*rng.choice(&[0i64, -1, 1, i64::MIN, i64::MAX]).unwrap_or(&0)),
        3 => Value::from(u64::MAX),
        4 => Value::from(
            *rng.choice(&[0.5f64, -1e300, 1e300, f64::EPSILON])
                .unwrap_or(&0.5),
        ),
        5 => Value::Array(vec![donor.clone()]),
        6 => donor.clone(),
        _ => Value::from(*rng.choice(HOSTILE_STRINGS).unwrap_or(&"")),
    }
}

fn hostile_key(rng: &mut fastrand::Rng, key: &str) -> String {
    match rng.u8(..4) {
        0 => key.to_lowercase(),
        1 => key.to_uppercase(),
        2 => format!("{key}_"),
        _ => (*rng.choice(HOSTILE_STRINGS).unwrap_or(&"")).to_owned(),
    }
}

/// Edits the `target`-th node (pre-order); `seen` counts the nodes passed.
fn edit_node(
    value: &mut Value,
    target: usize,
    seen: &mut usize,
    rng: &mut fastrand::Rng,
    donor: &Value,
) -> bool {
    if *seen == target {
        match value {
            Value::Object(map) if !map.is_empty() && rng.bool() => edit_members(map, rng, donor),
            Value::Array(items) if !items.is_empty() && rng.bool() => match rng.u8(..3) {
                0 => {
                    items.remove(rng.usize(..items.len()));
                }
                1 => items.push(items[rng.usize(..items.len())].clone()),
                _ => items.clear(),
            },
            _ => *value = hostile_value(rng, donor),
        }
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|child| edit_node(child, target, seen, rng, donor)),
        Value::Object(map) => map
            .values_mut()
            .any(|child| edit_node(child, target, seen, rng, donor)),
        _ => false,
    }
}

fn edit_members(map: &mut Map<String, Value>, rng: &mut fastrand::Rng, donor: &Value) {
    let index = rng.usize(..map.len());
    let Some(key) = map.keys().nth(index).cloned() else {
        return;
    };
    match rng.u8(..4) {
        0 => {
            map.shift_remove(&key);
        }
        1 => {
            // A renamed member: names that clash or vanish after case conversion.
            if let Some(value) = map.shift_remove(&key) {
                map.insert(hostile_key(rng, &key), value);
            }
        }
        2 => {
            // A copy under a name that may clash with the original after conversion.
            if let Some(value) = map.get(&key).cloned() {
                map.insert(hostile_key(rng, &key), value);
            }
        }
        _ => {
            map.insert(hostile_key(rng, &key), donor.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_mutants() {
        let seed = br#"{"a": [1, 2, {"b": "c"}], "d": null}"#;
        let run = |s| {
            let mut m = Mutator::new(s);
            (0..50)
                .map(|_| m.mutate(seed, b"xyz", 96))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn tree_edits_keep_the_header_line() {
        let mut m = Mutator::new(1);
        let seed = b"ApplyCertificate\n{\"DomainName\": \"a.example.com\"}";
        let edited = (0..20)
            .filter_map(|_| m.tree_edit(seed))
            .collect::<Vec<_>>();
        assert!(!edited.is_empty());
        assert!(edited.iter().all(|e| e.starts_with(b"ApplyCertificate\n")));
    }
}

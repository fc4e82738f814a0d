//! The index a generated catalog finds a code in by its id or one of its
//! aliases: an open-addressing hash table over the catalog's name table,
//! built once, the first time a name is looked up.
//!
//! A client looks a code up for every error it parses. A binary search over
//! the sorted names compares the received name with several candidates
//! (about a fifth of the instructions of a nested parse); here a name costs
//! one multiplication per eight bytes and, almost always, one comparison.
//! The table is at most half full, so a lookup ends at the first empty
//! slot. Names come from responses, but the table holds only the catalog's
//! own, so no input can make a probe longer than the longest run of the
//! table.

use std::sync::OnceLock;

/// Every id and alias of a catalog's codes, hashed the first time a name is
/// looked up. Generated code keeps one in a `static`.
///
/// # Examples
///
/// ```
/// use errors_core::__private::NameIndex;
///
/// static NAMES: &[(&str, u8)] = &[("first", 1), ("second", 2), ("2nd", 2)];
/// static INDEX: NameIndex<u8> = NameIndex::new(NAMES);
/// assert_eq!(INDEX.find("2nd"), Some(2));
/// assert_eq!(INDEX.find("third"), None);
/// ```
#[derive(Debug)]
pub struct NameIndex<T: 'static> {
    names: &'static [(&'static str, T)],
    table: OnceLock<Table>,
}

/// The hash table over a [`NameIndex`]'s names.
#[derive(Debug)]
struct Table {
    /// For each slot, the position in `names` of the name it holds, plus
    /// one; `0` for an empty slot.
    slots: Box<[u32]>,
    /// How far a hash is shifted to give a slot: 64 minus the number of
    /// bits of a slot number.
    shift: u32,
}

impl<T: Copy> NameIndex<T> {
    /// The index of `names`, each a name with its value. Of repeated names,
    /// the first counts.
    pub const fn new(names: &'static [(&'static str, T)]) -> Self {
        Self {
            names,
            table: OnceLock::new(),
        }
    }

    /// The value of `name`, if it is one of the names.
    ///
    /// # Panics
    ///
    /// The first time, with more than `u32::MAX - 1` names.
    pub fn find(&self, name: &str) -> Option<T> {
        let table = self.table.get_or_init(|| Table::new(self.names));
        let mask = table.slots.len() - 1;
        let mut slot = slot_of(name, table.shift);
        loop {
            let position = table.slots[slot].checked_sub(1)?;
            let (candidate, value) = self.names[position as usize];
            if candidate == name {
                return Some(value);
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl Table {
    fn new<T>(names: &[(&str, T)]) -> Self {
        let size = (names.len() * 2).next_power_of_two().max(2);
        let shift = 64 - size.trailing_zeros();
        let mask = size - 1;
        let mut slots = vec![0_u32; size].into_boxed_slice();
        for (position, (name, _)) in names.iter().enumerate() {
            let entry = u32::try_from(position + 1).expect("fewer than 2^32 - 1 names");
            let mut slot = slot_of(name, shift);
            loop {
                match slots[slot] {
                    0 => {
                        slots[slot] = entry;
                        break;
                    }
                    taken if names[taken as usize - 1].0 == *name => break,
                    _ => slot = (slot + 1) & mask,
                }
            }
        }
        Self { slots, shift }
    }
}

/// The first slot to try for `name`: its hash's top bits, `64 - shift` of
/// them. Each eight bytes are mixed in by one multiplication.
fn slot_of(name: &str, shift: u32) -> usize {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes = name.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        hash = (hash ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    }
    let mut tail = [0_u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    hash = (hash ^ u64::from_le_bytes(tail)).wrapping_mul(MULTIPLIER);
    // The top bits are the best mixed; `shift` is at most 63.
    usize::try_from(hash >> shift).expect("a slot number fits the table's size")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest run of taken slots, wrapping around: the most slots a
    /// lookup can visit before it ends.
    fn longest_run(table: &Table) -> usize {
        let taken: Vec<bool> = table.slots.iter().map(|slot| *slot != 0).collect();
        let doubled: Vec<bool> = taken.iter().chain(&taken).copied().collect();
        doubled
            .split(|taken| !taken)
            .map(<[bool]>::len)
            .max()
            .unwrap_or(0)
            .min(taken.len())
    }

    fn leaked_names(count: usize) -> &'static [(&'static str, usize)] {
        let names: Vec<(&'static str, usize)> = (0..count)
            .map(|number| {
                let name: &'static str =
                    Box::leak(format!("synthetic_code_{number}").into_boxed_str());
                (name, number)
            })
            .collect();
        Box::leak(names.into_boxed_slice())
    }

    #[test]
    fn every_name_is_found_and_nothing_else() {
        for count in [0, 1, 2, 3, 7, 64, 65, 1_000, 20_000] {
            let names = leaked_names(count);
            let index = NameIndex::new(names);
            let linear = |wanted: &str| {
                names
                    .iter()
                    .find(|(name, _)| *name == wanted)
                    .map(|(_, value)| *value)
            };
            for (name, value) in names {
                assert_eq!(index.find(name), Some(*value), "{name}");
                for near in [
                    format!("{name}_"),
                    name[..name.len() - 1].to_owned(),
                    name.to_uppercase(),
                ] {
                    assert_eq!(index.find(&near), linear(&near), "{near}");
                }
            }
            assert_eq!(index.find(""), None);
            let slots = index.table.get().map_or(0, |table| table.slots.len());
            assert!(slots >= 2 * count, "{count}");
        }
    }

    #[test]
    fn the_first_of_repeated_names_counts() {
        static NAMES: &[(&str, u8)] = &[("same", 1), ("other", 2), ("same", 3)];
        assert_eq!(NameIndex::new(NAMES).find("same"), Some(1));
    }

    #[test]
    fn runs_stay_short_however_many_names() {
        for count in [100, 1_000, 20_000] {
            let run = longest_run(&Table::new(leaked_names(count)));
            assert!(run <= 24, "{count} names: a run of {run} slots");
        }
    }

    #[cfg(feature = "catalog")]
    #[test]
    fn the_shipped_catalog_finds_every_id_and_alias() {
        for info in crate::catalog::CODES {
            for name in std::iter::once(&info.id).chain(info.aliases) {
                let code = crate::catalog::Code::find(name).expect(name);
                assert_eq!(code.as_str(), info.id);
            }
        }
        assert_eq!(crate::catalog::Code::find("no_such_code"), None);
    }
}

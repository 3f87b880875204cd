//! A minimal perfect-hash table for looking up error codes.
//!
//! Both halves live here so that they can never disagree: [`build`] runs at
//! code-generation time (inside the `ess` macros or a build script) and
//! [`Table::find`] runs in the user's program against the static arrays the
//! generator emitted.
//!
//! The scheme is "hash and displace": every key is hashed once to 64 bits; the
//! high half picks a bucket, and the bucket's displacement, mixed with the
//! hash, picks the slot. [`build`] searches one displacement per bucket so that
//! every key lands in its own slot. A lookup is therefore one hash over the
//! bytes, two array loads and one string comparison, whatever the table size.
#![no_std]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;

/// Marks an unused slot in [`Table::slots`].
pub const EMPTY: u32 = u32::MAX;

/// A perfect-hash table over a fixed list of keys, as emitted into generated
/// code. The keys themselves stay in the caller's own array, in its own order;
/// the table maps a string to the index of that key in that array.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    /// Seed of [`hash`] for this key set.
    pub seed: u64,
    /// One displacement per bucket.
    pub displacements: &'a [u32],
    /// Key index per slot, or [`EMPTY`]. Its length is a power of two.
    pub slots: &'a [u32],
}

impl Table<'_> {
    /// Returns the index of the only key that `key` can be, or `None` when
    /// the table is empty. The caller compares `key` with the key stored at
    /// that index: a string that is not one of the keys still lands somewhere.
    #[inline]
    pub fn candidate(&self, key: &str) -> Option<usize> {
        if self.displacements.is_empty() {
            return None;
        }
        let hash = hash(self.seed, key.as_bytes());
        let bucket = reduce(hash >> 32, self.displacements.len());
        let slot = slot_of(hash, self.displacements[bucket], self.slots.len());
        match self.slots[slot] {
            EMPTY => None,
            index => Some(index as usize),
        }
    }

    /// Returns the index in `keys` of `key`, if `key` is one of them.
    ///
    /// `keys` must be the list the table was built from.
    #[inline]
    pub fn find(&self, keys: &[&str], key: &str) -> Option<usize> {
        self.candidate(key).filter(|&i| keys.get(i) == Some(&key))
    }
}

/// Hashes `bytes` with `seed`: eight bytes per step, then a final avalanche.
///
/// Not a cryptographic hash; it only has to spread error codes, which are
/// short ASCII strings, and be cheap.
#[inline]
pub fn hash(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    mix(h)
}

/// The finaliser of SplitMix64: every input bit affects every output bit.
#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// Maps a 32-bit value onto `0..n` without a division.
#[inline]
fn reduce(value: u64, n: usize) -> usize {
    (((value & 0xFFFF_FFFF) * n as u64) >> 32) as usize
}

#[inline]
fn slot_of(hash: u64, displacement: u32, slot_count: usize) -> usize {
    // `slot_count` is a power of two, so the mask is exact.
    (mix(hash ^ u64::from(displacement)) as usize) & (slot_count - 1)
}

/// The arrays of a [`Table`], owned, as [`build`] computes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltTable {
    /// See [`Table::seed`].
    pub seed: u64,
    /// See [`Table::displacements`].
    pub displacements: Vec<u32>,
    /// See [`Table::slots`].
    pub slots: Vec<u32>,
}

impl BuiltTable {
    /// Borrows the arrays as a [`Table`].
    pub fn as_table(&self) -> Table<'_> {
        Table {
            seed: self.seed,
            displacements: &self.displacements,
            slots: &self.slots,
        }
    }
}

/// Why [`build`] could not make a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The same key is in the list twice, at these two indexes.
    DuplicateKey(usize, usize),
    /// There are more keys than a `u32` slot index can address.
    TooManyKeys,
}

/// Average number of keys per bucket: higher means a smaller table and a
/// longer search in [`build`].
const KEYS_PER_BUCKET: usize = 4;

/// Builds a table for `keys`. Deterministic: the same keys give the same table.
pub fn build(keys: &[&str]) -> Result<BuiltTable, BuildError> {
    if keys.len() >= EMPTY as usize {
        return Err(BuildError::TooManyKeys);
    }
    if keys.is_empty() {
        return Ok(BuiltTable {
            seed: 0,
            displacements: Vec::new(),
            slots: Vec::new(),
        });
    }
    // A load factor of at most 1/2 keeps the displacement search short.
    let slot_count = (keys.len() * 2).next_power_of_two();
    let bucket_count = keys.len().div_ceil(KEYS_PER_BUCKET);
    let mut seed = 0x5EED_0000_0000_0001_u64;
    loop {
        if let Some(table) = try_build(keys, seed, bucket_count, slot_count)? {
            return Ok(table);
        }
        seed = mix(seed);
    }
}

/// One attempt with one seed; `Ok(None)` asks for another seed.
fn try_build(
    keys: &[&str],
    seed: u64,
    bucket_count: usize,
    slot_count: usize,
) -> Result<Option<BuiltTable>, BuildError> {
    let hashes: Vec<u64> = keys.iter().map(|k| hash(seed, k.as_bytes())).collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count];
    for (index, h) in hashes.iter().enumerate() {
        buckets[reduce(h >> 32, bucket_count)].push(index);
    }
    // Fullest buckets first: they are the hardest to place.
    let mut order: Vec<usize> = (0..bucket_count).collect();
    order.sort_by_key(|&b| (usize::MAX - buckets[b].len(), b));

    let mut slots = vec![EMPTY; slot_count];
    let mut displacements = vec![0u32; bucket_count];
    let mut taken: Vec<usize> = Vec::new();
    for bucket in order {
        let members = &buckets[bucket];
        if members.is_empty() {
            break;
        }
        let mut placed = false;
        // Bounded: a bucket that no displacement fits in means a bad seed.
        for displacement in 0..(slot_count as u32).saturating_mul(8) {
            taken.clear();
            let fits = members.iter().all(|&index| {
                let slot = slot_of(hashes[index], displacement, slot_count);
                let free = slots[slot] == EMPTY && !taken.contains(&slot);
                taken.push(slot);
                free
            });
            if fits {
                for (&index, &slot) in members.iter().zip(&taken) {
                    slots[slot] = index as u32;
                }
                displacements[bucket] = displacement;
                placed = true;
                break;
            }
        }
        if !placed {
            if let Some(duplicate) = find_duplicate(keys, members) {
                return Err(duplicate);
            }
            return Ok(None);
        }
    }
    Ok(Some(BuiltTable {
        seed,
        displacements,
        slots,
    }))
}

fn find_duplicate(keys: &[&str], members: &[usize]) -> Option<BuildError> {
    members.iter().enumerate().find_map(|(i, &a)| {
        members[i + 1..]
            .iter()
            .find(|&&b| keys[a] == keys[b])
            .map(|&b| BuildError::DuplicateKey(a, b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Code{i}.Sub_{}", i * 7)).collect()
    }

    #[test]
    fn every_key_is_found_at_its_index_and_others_are_not() {
        for n in [0, 1, 2, 3, 14, 100, 1000, 5000] {
            let owned = keys(n);
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            let built = build(&keys).unwrap();
            let table = built.as_table();
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(table.find(&keys, key), Some(i), "n={n} key={key}");
            }
            for miss in ["", "Code", "code0.Sub_0", "Code0.Sub_00", "Code99999.Sub_1"] {
                assert_eq!(table.find(&keys, miss), None, "n={n} miss={miss}");
            }
        }
    }

    #[test]
    fn build_is_deterministic() {
        let owned = keys(300);
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert_eq!(build(&keys).unwrap(), build(&keys).unwrap());
    }

    #[test]
    fn duplicate_keys_are_reported_not_looped_on() {
        assert_eq!(build(&["A", "B", "A"]), Err(BuildError::DuplicateKey(0, 2)));
    }

    #[test]
    fn hash_depends_on_every_byte_and_the_length() {
        let base = hash(1, b"InvalidParameter.Foo");
        assert_ne!(base, hash(1, b"InvalidParameter.Fop"));
        assert_ne!(base, hash(1, b"JnvalidParameter.Foo"));
        assert_ne!(hash(1, b"A"), hash(1, b"A\0"));
        assert_ne!(base, hash(2, b"InvalidParameter.Foo"));
    }
}

//! A minimal perfect-hash table for looking up error codes.
//!
//! Both halves live here so that they can never disagree: [`build`] runs at
//! code-generation time (inside the `ess` macros or a build script) and
//! [`Table::candidate`] runs in the user's program against the static arrays
//! the generator emitted.
//!
//! The scheme is "hash and displace": every key is hashed once to 64 bits; the
//! high half picks a bucket, and the bucket's displacement, mixed with the
//! hash, picks the slot. [`build`] searches one displacement per bucket so that
//! every key lands in its own slot. A lookup is one hash, two array loads and
//! one string comparison, whatever the table size.
//!
//! The hash reads the key at three fixed places (start, middle, end) plus its
//! length, so it costs the same for every key and has no loop to mispredict.
//! Error codes that agree at all three places are rare; when a key set has
//! such a pair, [`build`] falls back to hashing every byte ([`KeyHash::Whole`]).
#![no_std]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;

/// Marks an unused slot in [`Table::slots`].
pub const EMPTY: u32 = u32::MAX;

/// Which bytes of a key the hash reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyHash {
    /// Eight bytes at the start, the middle and the end, and the length.
    Sampled,
    /// Every byte.
    Whole,
}

/// A perfect-hash table over a fixed list of keys, as emitted into generated
/// code. The keys themselves stay in the caller's own array, in its own order;
/// the table maps a string to the index of the only key it can be.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    /// Seed of the hash for this key set.
    pub seed: u64,
    /// Which bytes the hash reads.
    pub key_hash: KeyHash,
    /// One displacement per bucket.
    pub displacements: &'a [u32],
    /// Key index per slot, or [`EMPTY`]. Its length is a power of two.
    pub slots: &'a [u32],
}

impl Table<'_> {
    /// Returns the index of the only key that `key` can be, or `None`. The
    /// caller compares `key` with the key stored at that index: a string that
    /// is not one of the keys still lands somewhere.
    #[inline]
    pub fn candidate(&self, key: &str) -> Option<usize> {
        if self.displacements.is_empty() {
            return None;
        }
        let hash = hash(self.key_hash, self.seed, key.as_bytes());
        let displacement = self.displacements[bucket_of(hash, self.displacements.len())];
        match self.slots[slot_of(hash, displacement, self.slots.len())] {
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

// Odd 64-bit constants with well-spread bits (from wyhash).
const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
const P3: u64 = 0x5899_65cc_7537_4cc3;

/// Multiplies to 128 bits and folds the halves together: one instruction on
/// 64-bit targets, and every input bit reaches the middle output bits.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

#[inline]
fn read8(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

#[inline]
fn read4(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u64::from(u32::from_le_bytes(word))
}

/// A key shorter than eight bytes as two words that cover all of its bytes.
#[inline]
fn short_words(bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len();
    if len >= 4 {
        (read4(bytes, 0), read4(bytes, len - 4))
    } else if len > 0 {
        let spread =
            u64::from(bytes[0]) | u64::from(bytes[len / 2]) << 8 | u64::from(bytes[len - 1]) << 16;
        (spread, 0)
    } else {
        (0, 0)
    }
}

/// Hashes `bytes` with `seed`, reading the bytes that `key_hash` says.
///
/// Not a cryptographic hash; it only has to spread error codes, which are
/// short ASCII strings, and be cheap.
#[inline]
pub fn hash(key_hash: KeyHash, seed: u64, bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let (first, middle, last, rest) = if len < 8 {
        let (first, last) = short_words(bytes);
        (first, 0, last, seed)
    } else {
        let middle = read8(bytes, (len - 8) / 2);
        match key_hash {
            KeyHash::Sampled => (read8(bytes, 0), middle, read8(bytes, len - 8), seed),
            KeyHash::Whole => {
                // Every 16-byte block but the last; the last 16 bytes (which
                // may overlap) come in as `first` and `last` below.
                let mut state = seed;
                let mut at = 0;
                while len - at > 16 {
                    state = fold(read8(bytes, at) ^ P1, read8(bytes, at + 8) ^ state);
                    at += 16;
                }
                let tail = len.saturating_sub(16);
                (read8(bytes, tail), middle, read8(bytes, len - 8), state)
            }
        }
    };
    let x = fold(first ^ P0 ^ rest, last ^ P1);
    let y = fold(middle ^ P2 ^ seed, len as u64 ^ P3);
    fold(x ^ P1, y ^ P0)
}

/// Maps the hash's high half onto `0..bucket_count` without a division.
#[inline]
fn bucket_of(hash: u64, bucket_count: usize) -> usize {
    (((hash >> 32) * bucket_count as u64) >> 32) as usize
}

#[inline]
fn slot_of(hash: u64, displacement: u32, slot_count: usize) -> usize {
    // `slot_count` is a power of two, so the mask is exact.
    (fold(hash ^ u64::from(displacement), P2) as usize) & (slot_count - 1)
}

/// The arrays of a [`Table`], owned, as [`build`] computes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltTable {
    /// See [`Table::seed`].
    pub seed: u64,
    /// See [`Table::key_hash`].
    pub key_hash: KeyHash,
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
            key_hash: self.key_hash,
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
    /// No seed worked (not seen in practice; the search is bounded so that
    /// code generation cannot hang).
    NoSeedFound,
}

/// Average number of keys per bucket: higher means a smaller table and a
/// longer search in [`build`].
const KEYS_PER_BUCKET: usize = 4;

/// Seeds tried per [`KeyHash`] before giving up.
const SEEDS: usize = 64;

/// Builds a table for `keys`. Deterministic: the same keys give the same table.
pub fn build(keys: &[&str]) -> Result<BuiltTable, BuildError> {
    if keys.len() >= EMPTY as usize {
        return Err(BuildError::TooManyKeys);
    }
    if keys.is_empty() {
        return Ok(BuiltTable {
            seed: 0,
            key_hash: KeyHash::Sampled,
            displacements: Vec::new(),
            slots: Vec::new(),
        });
    }
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|w| w[0] == w[1]) {
        let first = keys.iter().position(|k| *k == pair[0]).unwrap_or(0);
        let second = keys.iter().rposition(|k| *k == pair[0]).unwrap_or(0);
        return Err(BuildError::DuplicateKey(first, second));
    }
    // A load factor of at most 1/2 keeps the displacement search short.
    let slot_count = (keys.len() * 2).next_power_of_two();
    let bucket_count = keys.len().div_ceil(KEYS_PER_BUCKET);
    for key_hash in [KeyHash::Sampled, KeyHash::Whole] {
        let mut seed = P3;
        for _ in 0..SEEDS {
            match try_build(keys, key_hash, seed, bucket_count, slot_count) {
                Attempt::Built(table) => return Ok(table),
                Attempt::NextSeed => seed = fold(seed ^ P0, P1),
                Attempt::NextKeyHash => break,
            }
        }
    }
    Err(BuildError::NoSeedFound)
}

enum Attempt {
    Built(BuiltTable),
    NextSeed,
    /// Two keys hash alike, probably because the hash does not read the bytes
    /// where they differ.
    NextKeyHash,
}

fn try_build(
    keys: &[&str],
    key_hash: KeyHash,
    seed: u64,
    bucket_count: usize,
    slot_count: usize,
) -> Attempt {
    let hashes: Vec<u64> = keys
        .iter()
        .map(|k| hash(key_hash, seed, k.as_bytes()))
        .collect();
    let mut sorted = hashes.clone();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return Attempt::NextKeyHash;
    }
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count];
    for (index, &h) in hashes.iter().enumerate() {
        buckets[bucket_of(h, bucket_count)].push(index);
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
        // Bounded: a bucket that no displacement fits means a bad seed.
        let found = (0..(slot_count as u32).saturating_mul(4)).find(|&displacement| {
            taken.clear();
            members.iter().all(|&index| {
                let slot = slot_of(hashes[index], displacement, slot_count);
                let free = slots[slot] == EMPTY && !taken.contains(&slot);
                taken.push(slot);
                free
            })
        });
        let Some(displacement) = found else {
            return Attempt::NextSeed;
        };
        for (&index, &slot) in members.iter().zip(&taken) {
            slots[slot] = index as u32;
        }
        displacements[bucket] = displacement;
    }
    Attempt::Built(BuiltTable {
        seed,
        key_hash,
        displacements,
        slots,
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

    fn check_all_found(keys: &[&str]) -> BuiltTable {
        let built = build(keys).unwrap();
        let table = built.as_table();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(table.find(keys, key), Some(i), "key={key}");
        }
        built
    }

    #[test]
    fn every_key_is_found_at_its_index_and_others_are_not() {
        for n in [0, 1, 2, 3, 14, 100, 1000, 5000] {
            let owned = keys(n);
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            let table = check_all_found(&keys);
            for miss in ["", "Code", "code0.Sub_0", "Code0.Sub_00", "Code99999.Sub_1"] {
                assert_eq!(
                    table.as_table().find(&keys, miss),
                    None,
                    "n={n} miss={miss}"
                );
            }
        }
    }

    #[test]
    fn short_keys_of_every_length_are_told_apart() {
        let owned: Vec<String> = (0..=9).map(|n| "abcdefghi"[..n].into()).collect();
        let mut keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        keys.extend(["b", "ac", "ba", "abd", "abcdefgj", "xbcdefgh"]);
        assert_eq!(check_all_found(&keys).key_hash, KeyHash::Sampled);
    }

    #[test]
    fn keys_alike_where_sampled_fall_back_to_the_whole_key() {
        // Same length, start, middle and end; they differ in between.
        let a = "InvalidParameter.AAAAAAA.XXXXXXXXXXXXXXXXXXXXXX.BBBBBBB.NotFound";
        let b = "InvalidParameter.AAAAAAA.XXXXXXXXXXXXXXXXXXXXXX.BBBBBBC.NotFound";
        let c = "InvalidParameter.AAAAAAC.XXXXXXXXXXXXXXXXXXXXXX.BBBBBBB.NotFound";
        let keys = [a, b, c, "Throttling"];
        assert_eq!(check_all_found(&keys).key_hash, KeyHash::Whole);
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
    fn hash_depends_on_the_bytes_it_reads_the_seed_and_the_length() {
        for mode in [KeyHash::Sampled, KeyHash::Whole] {
            let base = hash(mode, 1, b"InvalidParameter.Foo");
            assert_ne!(base, hash(mode, 1, b"InvalidParameter.Fop"));
            assert_ne!(base, hash(mode, 1, b"JnvalidParameter.Foo"));
            assert_ne!(base, hash(mode, 2, b"InvalidParameter.Foo"));
            assert_ne!(hash(mode, 1, b"A"), hash(mode, 1, b"A\0"));
            assert_ne!(hash(mode, 1, b""), hash(mode, 1, b"\0"));
        }
        let long_a = b"InvalidParameter.AAAAAAA.XXXXXXXXXXXXXXXXXXXXXX.BBBBBBB.NotFound";
        let long_b = b"InvalidParameter.AAAAAAA.XXXXXXXXXXXXXXXXXXXXXX.BBBBBBC.NotFound";
        assert_ne!(
            hash(KeyHash::Whole, 1, long_a),
            hash(KeyHash::Whole, 1, long_b)
        );
    }
}

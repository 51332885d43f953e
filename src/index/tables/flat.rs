//! The byte layout of the search tables: arrays of numbers and of strings that are read where they
//! lie, in a memory-mapped file or in a buffer, without being decoded first.
//!
//! A table file is a sequence of sections, each an 8-byte little-endian length and that many bytes,
//! padded to a multiple of 8. [`Encoder`] writes sections in order and [`Decoder`] takes them back in
//! the same order. A [`U32s`] section is little-endian `u32`s; a [`Strs`] is two sections, the
//! offsets (one more than there are strings) and the UTF-8 bytes of every string one after the
//! other. Opening either costs nothing whatever its size: only the values a caller reads are
//! touched.

use std::cmp::Ordering;

use tantivy::directory::OwnedBytes;

/// An array of `u32`, stored little-endian.
#[derive(Clone)]
pub struct U32s(OwnedBytes);

impl U32s {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// Returns true if and only if the array holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i`, or 0 past the end (a table file is checked on opening, so that only happens for
    /// an id that did not come from these tables).
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self.0.as_slice().get(i * 4..i * 4 + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        }
    }

    /// The values `range`, as an array of their own.
    pub fn slice(&self, start: usize, end: usize) -> U32s {
        let end = end.min(self.len());
        U32s(self.0.slice(start.min(end) * 4..end * 4))
    }

    /// Every value, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.0
            .as_slice()
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    /// The values as a vector.
    pub fn to_vec(&self) -> Vec<u32> {
        self.iter().collect()
    }

    /// An array of `values`.
    pub fn from_values(values: impl IntoIterator<Item = u32>) -> U32s {
        let mut e = Encoder::default();
        e.u32s(values);
        let mut d = Decoder::new(e.finish());
        d.u32s().unwrap_or_else(|_| U32s(OwnedBytes::empty()))
    }
}

impl std::fmt::Debug for U32s {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// An array of strings.
#[derive(Clone)]
pub struct Strs {
    offsets: U32s,
    bytes: OwnedBytes,
}

impl Strs {
    /// Number of strings.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Returns true if and only if the array holds no string.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// String `i` ("" past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let (start, end) = (
            self.offsets.get(i) as usize,
            self.offsets.get(i + 1) as usize,
        );
        self.bytes
            .as_slice()
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// Every string, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Looks `wanted` up in an array sorted by bytes: `Ok(position)` when it is there, else
    /// `Err(where it would go)`, as [`slice::binary_search`].
    pub fn search(&self, wanted: &str) -> Result<usize, usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(wanted) {
                Ordering::Less => low = mid + 1,
                Ordering::Greater => high = mid,
                Ordering::Equal => return Ok(mid),
            }
        }
        Err(low)
    }

    /// An array of `strings`.
    pub fn from_strings<'a>(strings: impl IntoIterator<Item = &'a str>) -> Strs {
        let mut e = Encoder::default();
        e.strs(strings);
        let mut d = Decoder::new(e.finish());
        d.strs().unwrap_or_else(|_| Strs {
            offsets: U32s(OwnedBytes::empty()),
            bytes: OwnedBytes::empty(),
        })
    }
}

impl std::fmt::Debug for Strs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Writes sections one after the other.
#[derive(Default)]
pub struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    /// Appends a section holding `bytes`.
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.out
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.out.extend_from_slice(bytes);
        while !self.out.len().is_multiple_of(8) {
            self.out.push(0);
        }
    }

    /// Appends a section of `values`.
    pub fn u32s(&mut self, values: impl IntoIterator<Item = u32>) {
        let mut bytes = Vec::new();
        for v in values {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        self.bytes(&bytes);
    }

    /// Appends one number as a section of its own.
    pub fn u64(&mut self, value: u64) {
        self.bytes(&value.to_le_bytes());
    }

    /// Appends the two sections of `strings`.
    pub fn strs<'a>(&mut self, strings: impl IntoIterator<Item = &'a str>) {
        let mut offsets = vec![0u32];
        let mut bytes = Vec::new();
        for s in strings {
            bytes.extend_from_slice(s.as_bytes());
            offsets.push(bytes.len() as u32);
        }
        self.u32s(offsets);
        self.bytes(&bytes);
    }

    /// The sections written.
    pub fn finish(self) -> OwnedBytes {
        OwnedBytes::new(self.out)
    }
}

/// What is wrong with a table file.
#[derive(Debug, PartialEq, Eq)]
pub struct Damaged;

/// Takes sections back in the order they were written.
pub struct Decoder {
    rest: OwnedBytes,
}

impl Decoder {
    /// Reads the sections of `bytes`.
    pub fn new(bytes: OwnedBytes) -> Decoder {
        Decoder { rest: bytes }
    }

    /// The next section; fails if the bytes end first.
    pub fn bytes(&mut self) -> Result<OwnedBytes, Damaged> {
        let header = self.rest.as_slice().get(..8).ok_or(Damaged)?;
        let len = u64::from_le_bytes(header.try_into().map_err(|_| Damaged)?);
        let len = usize::try_from(len).map_err(|_| Damaged)?;
        let padded = len.checked_add(7).ok_or(Damaged)? / 8 * 8;
        if self.rest.len() - 8 < padded {
            return Err(Damaged);
        }
        let section = self.rest.slice(8..8 + len);
        self.rest = self.rest.slice(8 + padded..self.rest.len());
        Ok(section)
    }

    /// The next section as numbers.
    pub fn u32s(&mut self) -> Result<U32s, Damaged> {
        let bytes = self.bytes()?;
        if !bytes.len().is_multiple_of(4) {
            return Err(Damaged);
        }
        Ok(U32s(bytes))
    }

    /// The next section as one number.
    pub fn u64(&mut self) -> Result<u64, Damaged> {
        let bytes = self.bytes()?;
        Ok(u64::from_le_bytes(
            bytes.as_slice().try_into().map_err(|_| Damaged)?,
        ))
    }

    /// The next two sections as strings; fails unless the offsets rise within the bytes and the
    /// bytes are UTF-8.
    pub fn strs(&mut self) -> Result<Strs, Damaged> {
        let offsets = self.u32s()?;
        let bytes = self.bytes()?;
        let mut last = 0;
        for o in offsets.iter() {
            if o < last || o as usize > bytes.len() {
                return Err(Damaged);
            }
            last = o;
        }
        if offsets.get(0) != 0 || std::str::from_utf8(bytes.as_slice()).is_err() {
            return Err(Damaged);
        }
        Ok(Strs { offsets, bytes })
    }

    /// Returns true if and only if every section was taken.
    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_come_back_as_written() {
        let mut e = Encoder::default();
        e.u32s([7, 0, u32::MAX]);
        e.strs(["Lavrov", "", "Сергей"]);
        e.u64(42);
        let mut d = Decoder::new(e.finish());
        assert_eq!(d.u32s().unwrap().to_vec(), [7, 0, u32::MAX]);
        let s = d.strs().unwrap();
        assert_eq!(s.iter().collect::<Vec<_>>(), ["Lavrov", "", "Сергей"]);
        assert_eq!(d.u64().unwrap(), 42);
        assert!(d.is_done());
        assert!(d.u32s().is_err());
    }

    #[test]
    fn sorted_strings_are_found_by_binary_search() {
        let s = Strs::from_strings(["Ben Bernanke", "Marco Rubio", "Wang Yi"]);
        assert_eq!(s.search("Marco Rubio"), Ok(1));
        assert_eq!(s.search("Aaron"), Err(0));
        assert_eq!(s.search("Zed"), Err(3));
        assert_eq!(s.get(9), "");
    }

    #[test]
    fn damaged_bytes_are_refused_not_read_past() {
        let mut e = Encoder::default();
        e.strs(["a", "b"]);
        let bytes = e.finish();
        for cut in [0, 5, 12, bytes.len() - 1] {
            let mut d = Decoder::new(bytes.slice(0..cut));
            assert!(d.strs().is_err(), "{cut}");
        }
        // Offsets that point past the bytes.
        let mut e = Encoder::default();
        e.u32s([0, 90]);
        e.bytes(b"ab");
        assert_eq!(Decoder::new(e.finish()).strs().unwrap_err(), Damaged);
    }
}

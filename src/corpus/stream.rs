//! A file's content as a stream of bytes, whatever its size: read through a buffer, and for gzip
//! decompressed member by member, so that memory holds the record being read and never the file.
//!
//! ```text
//! file (or bytes) ──▶ Counted (raw position) ──▶ plain, or gunzip member by member ──▶ Input
//!                                                  (a corrupt member: resynchronise on the next)      (look-ahead buffer)
//! ```
//!
//! A corrupt gzip member in the middle of a file (a damaged disk block, a bad copy) stops the
//! stream at the damage: [`Input`] shows the bytes before it and [`Input::damage`] says what
//! happened; the reader of the format drops the record it was in, reports it, and calls
//! [`Input::resume`], which continues at the next gzip member (found by its magic number, from one
//! byte past the start of the damaged one). A gzip stream that ends early (a download cut short)
//! ends the stream with the damage reported the same way.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// Where a file's raw bytes come from: the file, or bytes already in memory.
pub trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// Size of the read buffers.
const BUFFER: usize = 1 << 16;
/// The first bytes of every gzip member (magic number and the deflate method).
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

/// Damage met in a gzip stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Damage {
    /// One line for the user: what, and where in the file.
    pub reason: String,
    /// True if and only if a later gzip member was found and reading goes on there; false when
    /// nothing after the damage can be read.
    pub resumed: bool,
    /// True if and only if the stream simply ended early (a file cut short).
    pub truncated: bool,
}

/// Raw bytes with their position in the file.
struct Counted {
    inner: Box<dyn Source>,
    pos: u64,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Counted {
    fn seek_to(&mut self, pos: u64) -> std::io::Result<()> {
        self.inner.seek(SeekFrom::Start(pos))?;
        self.pos = pos;
        Ok(())
    }
}

/// The raw position of the next unread byte of a buffered raw stream.
fn raw_position(raw: &BufReader<Counted>) -> u64 {
    raw.get_ref().pos - raw.buffer().len() as u64
}

/// Where a gzip stream is between reads.
enum Gzip {
    /// Between members (or at the start): the raw stream.
    Between(BufReader<Counted>),
    /// Inside the member that starts at raw byte `.1`.
    In(Box<flate2::bufread::GzDecoder<BufReader<Counted>>>, u64),
    Done,
}

/// Decompressed (or plain) bytes.
enum Decoded {
    Plain(BufReader<Counted>),
    Gzip { state: Gzip, out: u64 },
}

/// What one read gave.
enum Step {
    Data(usize),
    End,
    Damaged(Damage),
}

impl Decoded {
    fn raw_position(&self) -> u64 {
        match self {
            Decoded::Plain(raw) => raw_position(raw),
            Decoded::Gzip { state, .. } => match state {
                Gzip::Between(raw) => raw_position(raw),
                Gzip::In(decoder, _) => raw_position(decoder.get_ref()),
                Gzip::Done => u64::MAX,
            },
        }
    }

    fn read(&mut self, buf: &mut [u8]) -> Step {
        let (state, out) = match self {
            Decoded::Plain(raw) => {
                return loop {
                    match raw.read(buf) {
                        Ok(0) => break Step::End,
                        Ok(n) => break Step::Data(n),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => {
                            break Step::Damaged(Damage {
                                reason: format!("cannot read: {e}"),
                                resumed: false,
                                truncated: true,
                            });
                        }
                    }
                };
            }
            Decoded::Gzip { state, out } => (state, out),
        };
        loop {
            match std::mem::replace(state, Gzip::Done) {
                Gzip::Done => return Step::End,
                Gzip::Between(mut raw) => match raw.fill_buf().map(|b| b.is_empty()) {
                    Ok(true) => {
                        *state = Gzip::Between(raw);
                        return Step::End;
                    }
                    Ok(false) => {
                        let start = raw_position(&raw);
                        *state = Gzip::In(Box::new(flate2::bufread::GzDecoder::new(raw)), start);
                    }
                    Err(e) => {
                        return Step::Damaged(Damage {
                            reason: format!("cannot read: {e}"),
                            resumed: false,
                            truncated: true,
                        });
                    }
                },
                Gzip::In(mut decoder, start) => match decoder.read(buf) {
                    Ok(0) => *state = Gzip::Between(decoder.into_inner()),
                    Ok(n) => {
                        *out += n as u64;
                        *state = Gzip::In(decoder, start);
                        return Step::Data(n);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                        *state = Gzip::In(decoder, start);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                        return Step::Damaged(Damage {
                            reason: format!("truncated gzip ({e}) after {out} decompressed bytes"),
                            resumed: false,
                            truncated: true,
                        });
                    }
                    Err(e) => {
                        let next = resync(decoder.into_inner().into_inner(), start + 1);
                        let resumed = next.is_some();
                        if let Some(raw) = next {
                            *state = Gzip::Between(raw);
                        }
                        return Step::Damaged(Damage {
                            reason: format!(
                                "corrupt gzip ({e}) in the member at byte {start} of the file"
                            ),
                            resumed,
                            truncated: false,
                        });
                    }
                },
            }
        }
    }
}

/// The raw stream positioned at the next gzip member at or after byte `from`, if there is one.
fn resync(mut raw: Counted, from: u64) -> Option<BufReader<Counted>> {
    let mut at = from;
    let mut chunk = vec![0u8; BUFFER];
    loop {
        raw.seek_to(at).ok()?;
        let mut n = 0;
        while n < chunk.len() {
            match raw.read(&mut chunk[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        if let Some(i) = memchr::memmem::find(&chunk[..n], GZIP_MAGIC) {
            raw.seek_to(at + i as u64).ok()?;
            return Some(BufReader::with_capacity(BUFFER, raw));
        }
        if n < chunk.len() {
            return None;
        }
        at += (n - GZIP_MAGIC.len()) as u64;
    }
}

/// A stream of a file's content (decompressed) with a look-ahead buffer: the format readers look
/// at [`Input::available`] bytes, ask for more with [`Input::fill`] and step over what they used with
/// [`Input::consume`].
pub(crate) struct Input {
    decoded: Decoded,
    buf: Vec<u8>,
    start: usize,
    ended: bool,
    damage: Option<Damage>,
}

impl Input {
    /// Reads `source` from raw byte `offset` (0 for the whole file), gunzipping it when `gzip`.
    pub fn new(source: Box<dyn Source>, offset: u64, gzip: bool) -> std::io::Result<Input> {
        let mut raw = Counted {
            inner: source,
            pos: 0,
        };
        raw.seek_to(offset)?;
        let raw = BufReader::with_capacity(BUFFER, raw);
        let decoded = if gzip {
            Decoded::Gzip {
                state: Gzip::Between(raw),
                out: 0,
            }
        } else {
            Decoded::Plain(raw)
        };
        Ok(Input {
            decoded,
            buf: Vec::new(),
            start: 0,
            ended: false,
            damage: None,
        })
    }

    /// The bytes read and not yet consumed.
    pub fn available(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Reads until at least `n` bytes are available, the stream ends, or damage stops it; returns
    /// the number available.
    pub fn fill(&mut self, n: usize) -> usize {
        while self.buf.len() - self.start < n && !self.ended && self.damage.is_none() {
            if self.start > 0 && self.start >= self.buf.len() / 2 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let len = self.buf.len();
            let want = (n - (len - self.start)).max(BUFFER);
            self.buf.resize(len + want, 0);
            match self.decoded.read(&mut self.buf[len..]) {
                Step::Data(k) => self.buf.truncate(len + k),
                Step::End => {
                    self.buf.truncate(len);
                    self.ended = true;
                }
                Step::Damaged(damage) => {
                    self.buf.truncate(len);
                    self.damage = Some(damage);
                }
            }
        }
        self.available().len()
    }

    /// Steps over the next `n` available bytes.
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.buf.len());
    }

    /// The position of `needle` at or after `from` in the available bytes, reading more as needed
    /// while fewer than `max` bytes are available. `None` if it is not within reach.
    pub fn find(&mut self, needle: &[u8], mut from: usize, max: usize) -> Option<usize> {
        loop {
            let avail = self.available();
            if from < avail.len()
                && let Some(i) = memchr::memmem::find(&avail[from..], needle)
            {
                return Some(from + i);
            }
            let len = avail.len();
            if len >= max || self.ended || self.damage.is_some() {
                return None;
            }
            from = len
                .saturating_sub(needle.len().saturating_sub(1))
                .max(from.min(len));
            self.fill(len + 1);
        }
    }

    /// Drops every available byte and reads on, dropping, until `needle` is next (left
    /// available) or nothing more can be read. Returns true if and only if it was found.
    pub fn skip_to(&mut self, needle: &[u8]) -> bool {
        loop {
            let len = self.fill(BUFFER.max(needle.len()));
            if let Some(i) = memchr::memmem::find(self.available(), needle) {
                self.consume(i);
                return true;
            }
            if self.ended || self.damage.is_some() {
                self.consume(len);
                return false;
            }
            self.consume(len.saturating_sub(needle.len() - 1));
        }
    }

    /// The damage that stopped the stream, if it is stopped by damage (nothing more can be read
    /// until [`Input::resume`]).
    pub fn damage(&self) -> Option<&Damage> {
        self.damage.as_ref()
    }

    /// After damage: drops what was read before it and goes on at the next gzip member, if any.
    /// Returns the damage.
    pub fn resume(&mut self) -> Option<Damage> {
        let damage = self.damage.take()?;
        self.buf.clear();
        self.start = 0;
        if !damage.resumed {
            self.ended = true;
        }
        Some(damage)
    }

    /// Raw bytes of the file read so far (for progress), approximately.
    pub fn raw_position(&self) -> u64 {
        match self.decoded.raw_position() {
            u64::MAX => 0,
            p => p,
        }
    }

    /// True if and only if the stream ended cleanly (no damage left unreported).
    pub fn ended(&self) -> bool {
        self.ended
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn all(input: &mut Input) -> (Vec<u8>, Vec<Damage>) {
        let mut out = Vec::new();
        let mut damages = Vec::new();
        loop {
            let n = input.fill(1000);
            out.extend_from_slice(input.available());
            input.consume(n);
            if let Some(d) = input.resume() {
                damages.push(d);
            } else if n == 0 {
                return (out, damages);
            }
        }
    }

    #[test]
    fn members_are_read_in_turn_and_a_corrupt_one_is_skipped() {
        let first = gzip(&b"first member\n".repeat(100));
        let mut second = gzip(&b"second member\n".repeat(100));
        let third = gzip(b"third member\n");
        let mid = second.len() / 2;
        second[mid] ^= 0xff;
        second[mid + 1] ^= 0x55;
        let bytes = [first.clone(), second.clone(), third.clone()].concat();
        let mut input = Input::new(Box::new(Cursor::new(bytes)), 0, true).unwrap();
        let (out, damages) = all(&mut input);
        let text = String::from_utf8_lossy(&out);
        assert!(text.starts_with(&"first member\n".repeat(100)));
        assert!(text.ends_with("third member\n"), "{text}");
        assert_eq!(damages.len(), 1, "{damages:?}");
        assert!(damages[0].resumed && !damages[0].truncated);
        assert!(
            damages[0]
                .reason
                .contains(&format!("member at byte {}", first.len())),
            "{}",
            damages[0].reason
        );
    }

    #[test]
    fn a_stream_cut_short_ends_with_the_damage() {
        let whole = gzip(&b"Namibia braces for Nujoma exit. ".repeat(2000));
        let cut = whole[..whole.len() / 2].to_vec();
        let mut input = Input::new(Box::new(Cursor::new(cut)), 0, true).unwrap();
        let (_, damages) = all(&mut input);
        assert_eq!(damages.len(), 1);
        assert!(damages[0].truncated && damages[0].reason.starts_with("truncated gzip"));
    }
}

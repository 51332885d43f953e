//! Framing: where each record of a stream starts and ends, format by format (JSON Lines, JSON
//! arrays, WARC, Reuters SGML), and how reading goes on after a record that is cut short, too large,
//! or lost to a damaged gzip member. Parsing the records is
//! [`Record::parse`](super::Record::parse)'s.

use super::super::stream::Input;
use super::super::{MAX_ARTICLE_BYTES, Problem, warc};
use super::{Framing, Item, Kind, MAX_JSON_WHOLE_BYTES, Records};

impl Records {
    pub(super) fn next_line(&mut self) -> Option<Item> {
        let input = self.input.as_mut()?;
        loop {
            let found = input.find(b"\n", 0, MAX_ARTICLE_BYTES + 1);
            let line = self.number;
            match found {
                Some(i) if i > MAX_ARTICLE_BYTES => {
                    input.consume(i + 1);
                    self.number += 1;
                    return Some(self.too_long(line));
                }
                Some(i) if after_damage(input, i + 1) => {
                    input.consume(i + 1);
                    self.number += 1;
                    return self.damaged(Some(format!("line {}", line + 1)));
                }
                Some(i) => {
                    let bytes = &input.available()[..i];
                    let blank = bytes.iter().all(u8::is_ascii_whitespace);
                    let bytes = (!blank).then(|| bytes.to_vec());
                    input.consume(i + 1);
                    self.line_end = true;
                    match bytes {
                        Some(bytes) => return Some(self.record(Kind::Line { cut: false }, bytes)),
                        None => self.number += 1,
                    }
                }
                None if input.available().len() > MAX_ARTICLE_BYTES => {
                    let found = input.skip_to(b"\n");
                    input.consume(1);
                    self.number += 1;
                    if !found {
                        self.line_end = false;
                    }
                    return Some(self.too_long(line));
                }
                None if input.damage().is_some() => {
                    let partial = !input.available().iter().all(u8::is_ascii_whitespace);
                    let truncated = input.damage().is_some_and(|d| d.truncated);
                    if partial && !truncated {
                        self.number += 1;
                    }
                    let what = partial.then(|| format!("line {}", line + 1));
                    return self.damaged(what);
                }
                None => {
                    let bytes = input.available().to_vec();
                    let n = bytes.len();
                    input.consume(n);
                    if n == 0 {
                        return None;
                    }
                    self.line_end = false;
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        self.number += 1;
                        return None;
                    }
                    return Some(self.record(Kind::Line { cut: true }, bytes));
                }
            }
        }
    }

    /// The problem of line `line` (from 0), over the per-article cap.
    fn too_long(&mut self, line: u64) -> Item {
        let reason = format!(
            "line of over {} MiB, over the {} MiB limit for one article; skipped",
            MAX_ARTICLE_BYTES >> 20,
            MAX_ARTICLE_BYTES >> 20
        );
        self.clean = false;
        Item::Problem(Problem::at_line(&self.path, line + 1, reason))
    }

    pub(super) fn next_item(&mut self, started: bool) -> Option<Item> {
        let input = self.input.as_mut()?;
        if !started {
            self.framing = Framing::Array { started: true };
            input.fill(3);
            if input.available().starts_with(b"\xef\xbb\xbf") {
                input.consume(3);
            }
            skip_while(input, |b| b.is_ascii_whitespace());
            if input.available().first() != Some(&b'[') {
                self.done = true;
                return Some(self.problem(format!(
                    "a JSON file over {} MiB is read only as an array of articles, and this one is \
                     not an array: write its articles as JSON Lines (one object per line)",
                    MAX_JSON_WHOLE_BYTES >> 20
                )));
            }
            input.consume(1);
        }
        skip_while(input, |b| b.is_ascii_whitespace() || b == b',');
        match input.available().first() {
            Some(b']') => return None,
            None if input.damage().is_some() => return self.damaged(None),
            None => {
                self.done = true;
                return Some(self.problem(format!(
                    "the JSON array is cut short (the file ends after {} items)",
                    self.number
                )));
            }
            Some(_) => {}
        }
        let item = self.number;
        let (mut depth, mut in_string, mut escaped, mut skipped) = (0usize, false, false, false);
        let mut i = 0;
        let end = loop {
            let avail = input.available();
            if i == avail.len() {
                if avail.len() > MAX_ARTICLE_BYTES {
                    input.consume(i);
                    i = 0;
                    skipped = true;
                }
                if input.fill(i + 65536) <= i {
                    if input.damage().is_some() {
                        self.number += 1;
                        return self.damaged(Some(format!("array item {item}")));
                    }
                    self.done = true;
                    return Some(self.problem(format!(
                        "array item {item} is cut short: the file ends inside it"
                    )));
                }
                continue;
            }
            let c = avail[i];
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == b'"' {
                    in_string = false;
                    if depth == 0 {
                        break i + 1;
                    }
                }
            } else {
                match c {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 0 => break i,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break i + 1;
                        }
                    }
                    b',' if depth == 0 => break i,
                    c if depth == 0 && c.is_ascii_whitespace() => break i,
                    _ => {}
                }
            }
            i += 1;
        };
        if skipped {
            input.consume(end);
            self.number += 1;
            return Some(self.problem(format!(
                "array item {item} is over the {} MiB limit for one article; skipped",
                MAX_ARTICLE_BYTES >> 20
            )));
        }
        let bytes = input.available()[..end].to_vec();
        input.consume(end);
        Some(self.record(Kind::Item, bytes))
    }

    pub(super) fn next_warc(&mut self) -> Option<Item> {
        let input = self.input.as_mut()?;
        loop {
            skip_while(input, |b| b == b'\r' || b == b'\n');
            input.fill(warc::MAX_HEADER_BYTES);
            let record = self.number;
            if input.available().is_empty() {
                return if input.damage().is_some() {
                    self.damaged(None)
                } else {
                    None
                };
            }
            if !input.available().starts_with(b"WARC/") {
                if self.found == 0 && record == 0 {
                    self.done = true;
                    return Some(self.problem(
                        "not a WARC file (it does not start with a WARC/ version line)".into(),
                    ));
                }
                // Not at a record: find the next one by its version line.
                self.clean = false;
                if input.skip_to(b"\nWARC/") {
                    input.consume(1);
                }
                continue;
            }
            let Some((headers, block_start)) = warc::header_block(input.available(), 0) else {
                if input.damage().is_some() {
                    self.number += 1;
                    return self.damaged(Some(format!("record {}", record + 1)));
                }
                self.done = true;
                return Some(self.problem(format!(
                    "record {}: header never ends; the rest of the file is lost",
                    record + 1
                )));
            };
            let is_response = warc::field(&headers, "WARC-Type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
            let uri = warc::field(&headers, "WARC-Target-URI")
                .map(|u| format!(" ({})", u.trim().trim_matches(['<', '>'])))
                .unwrap_or_default();
            let Some(length) = warc::field(&headers, "Content-Length")
                .and_then(|v| v.trim().parse::<usize>().ok())
            else {
                input.consume(block_start);
                self.number += 1;
                return Some(
                    self.problem(format!("record {}: no valid Content-Length", record + 1)),
                );
            };
            if length > MAX_ARTICLE_BYTES {
                input.consume(block_start);
                discard(input, length);
                self.number += 1;
                if !is_response {
                    return Some(Item::Skipped);
                }
                return Some(self.problem(format!(
                    "record {}{uri}: a response of {} MiB, over the {} MiB limit for one article; skipped",
                    record + 1,
                    length >> 20,
                    MAX_ARTICLE_BYTES >> 20
                )));
            }
            let declared_end = block_start + length;
            input.fill(declared_end + 64);
            let avail = input.available();
            let (block_end, next, problem) = if declared_end <= avail.len()
                && warc::starts_record(avail, declared_end)
            {
                (declared_end, declared_end, None)
            } else if let Some(next) = warc::next_record(avail, block_start) {
                let p = format!(
                    "record {}: Content-Length {length} does not match the record; recovered at the next WARC/ line",
                    record + 1
                );
                (next.min(declared_end), next, Some(p))
            } else if declared_end > avail.len() {
                if input.damage().is_some() {
                    self.number += 1;
                    return self.damaged(Some(format!("record {}{uri}", record + 1)));
                }
                let have = avail.len() - block_start;
                input.consume(avail.len());
                self.done = true;
                return Some(self.problem(format!(
                    "record {} is cut short: {have} of {length} bytes",
                    record + 1
                )));
            } else {
                // What follows is no record: the next loop finds one.
                (declared_end, declared_end, None)
            };
            if after_damage(input, next) {
                // The record is the last thing the damaged gzip member gave: it is not to be trusted.
                input.consume(next);
                self.number += 1;
                return self.damaged(Some(format!("record {}{uri}", record + 1)));
            }
            let avail = input.available();
            let block = is_response.then(|| avail[block_start..block_end].to_vec());
            input.consume(next);
            let followed =
                warc::starts_record(input.available(), 0) && !input.available().is_empty();
            if !followed && !input.ended() {
                // Something that is no record follows: find the next record before trusting this
                // one, which is lost if the garbage after it ends in a damaged gzip member.
                if input.skip_to(b"\nWARC/") {
                    input.consume(1);
                } else if input.damage().is_some() {
                    self.number += 1;
                    return self.damaged(Some(format!("record {}{uri}", record + 1)));
                }
            }
            if let Some(p) = problem {
                self.queue
                    .push_back(Item::Problem(Problem::new(&self.path, p)));
                self.clean = false;
            }
            return Some(match block {
                Some(block) => self.record(Kind::Warc { headers }, block),
                None => {
                    self.number += 1;
                    self.found += 1;
                    Item::Skipped
                }
            });
        }
    }

    pub(super) fn next_sgml(&mut self) -> Option<Item> {
        let input = self.input.as_mut()?;
        loop {
            let record = self.number;
            if !input.skip_to(b"<REUTERS") {
                if input.damage().is_some() {
                    return self.damaged(None);
                }
                if self.found == 0 && record == 0 {
                    self.done = true;
                    return Some(self.problem("no <REUTERS> records found".into()));
                }
                return None;
            }
            input.fill(9);
            match input.available().get(8) {
                Some(&c) if c == b'>' || c.is_ascii_whitespace() => {}
                _ => {
                    input.consume(8);
                    continue;
                }
            }
            const END: &[u8] = b"</REUTERS>";
            match input.find(END, 0, MAX_ARTICLE_BYTES + END.len()) {
                Some(end) => {
                    let bytes = input.available()[..end].to_vec();
                    input.consume(end + END.len());
                    return Some(self.record(Kind::Sgml, bytes));
                }
                None if input.damage().is_some() => {
                    self.number += 1;
                    return self.damaged(Some(format!("record {}", record + 1)));
                }
                None if input.available().len() <= MAX_ARTICLE_BYTES => {
                    let n = input.available().len();
                    input.consume(n);
                    self.done = true;
                    return Some(self.problem(format!(
                        "record {} has no </REUTERS> end tag; the file ends inside it",
                        record + 1
                    )));
                }
                None => {
                    input.skip_to(END);
                    self.number += 1;
                    return Some(self.problem(format!(
                        "record {} is over the {} MiB limit for one article; skipped",
                        record + 1,
                        MAX_ARTICLE_BYTES >> 20
                    )));
                }
            }
        }
    }
}

/// True if and only if the stream stopped at a corrupt gzip member (not at the end of a file cut
/// short) and nothing but line ends follows position `end` of the available bytes: what ends there
/// came from the damaged member (a checksum that does not match is found at its end).
fn after_damage(input: &Input, end: usize) -> bool {
    input.damage().is_some_and(|d| !d.truncated)
        && input.available()[end.min(input.available().len())..]
            .iter()
            .all(|&b| b == b'\r' || b == b'\n')
}

/// Consumes the bytes for which `skip` holds.
fn skip_while(input: &mut Input, skip: impl Fn(u8) -> bool) {
    loop {
        let n = input.fill(1);
        let k = input
            .available()
            .iter()
            .position(|&b| !skip(b))
            .unwrap_or(n);
        input.consume(k);
        if k < n || n == 0 {
            return;
        }
    }
}

/// Consumes the next `n` bytes without keeping them (fewer if the stream stops first).
fn discard(input: &mut Input, mut n: usize) {
    while n > 0 {
        let k = input.fill(n.min(1 << 20)).min(n);
        if k == 0 {
            return;
        }
        input.consume(k);
        n -= k;
    }
}

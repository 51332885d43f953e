//! Fuzzes the warc reader and everything the indexer does with its articles (see newsdex::fuzz).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    newsdex::fuzz::run(newsdex::fuzz::Target::Warc, data);
});

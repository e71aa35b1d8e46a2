//! Any bytes given to the recording reader: every record it returns is
//! whole and checksummed, errors are values, and it never panics; every
//! snapshot record's payload goes through the snapshot decoder too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sim::replay::format::{Reader, Record};
use sim::replay::snapshot;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = Reader::new(data) else {
        return;
    };
    let mut last = 0;
    for record in reader.take(100_000) {
        match record {
            Ok(Record::Snapshot { state, .. }) => {
                let _ = snapshot::decode(&state);
            }
            Ok(_) => {}
            Err(_) => break,
        }
        last += 1;
    }
    let _ = last;
});

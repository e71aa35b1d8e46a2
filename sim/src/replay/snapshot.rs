//! Snapshots: a machine's whole state at a tick, as plain data.
//!
//! The CPU, the machine's own state and each device are serde structs
//! (the board makes its part, `Board::save`); RAM is saved apart, as the
//! pages that are not all zero, compressed with zstd. A snapshot is
//! restored into a freshly built machine of the same configuration, so
//! each part only overwrites its own state and the order does not matter.
//!
//! Encoding: a little-endian u32 length, that many bytes of JSON (the
//! `State`), then the zstd stream of RAM: for each saved page its number
//! (u32) and its 4096 bytes, pages ascending.

use std::io::Read;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cpu::CpuState;
use crate::machine::{Board, Machine, MachineState};
use crate::memory::{GuestMemory, PAGE_SIZE};

/// Everything but RAM.
#[derive(Serialize, Deserialize)]
struct State {
    tick: u64,
    cpu: CpuState,
    machine: MachineState,
    board: serde_json::Value,
}

#[derive(Debug, Error)]
pub enum SnapshotError {
    #[error("the snapshot is cut short")]
    Truncated,
    #[error("the snapshot's state does not decode: {0}")]
    State(#[from] serde_json::Error),
    #[error("the snapshot's RAM does not decompress: {0}")]
    Ram(#[source] std::io::Error),
    #[error(
        "the snapshot holds page {0:#x}, which is not RAM on this machine (another --ram size?)"
    )]
    NotRam(u32),
    #[error("the board refused its saved state: {0}")]
    Board(String),
}

/// zstd level: fast enough to snapshot often; RAM compresses well anyway.
const LEVEL: i32 = 3;

/// Saves `m`'s state at its current tick. The board first waits for its
/// backend requests in flight, which become part of the saved state.
pub fn save<B: Board>(m: &mut Machine<B>) -> Result<Vec<u8>, SnapshotError> {
    let state = State {
        tick: m.now(),
        cpu: m.cpu.clone(),
        machine: m.state(),
        board: m.board.save().map_err(SnapshotError::Board)?,
    };
    let json = serde_json::to_vec(&state)?;
    let mut out = Vec::with_capacity(json.len() + 4);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    let mut raw = Vec::new();
    // Untouched pages are zero: only the others are read.
    for p in m.mem.touched_pages() {
        let page = m.mem.page(p);
        if page.iter().any(|&b| b != 0) {
            raw.extend_from_slice(&p.to_le_bytes());
            raw.extend_from_slice(page);
        }
    }
    let ram = zstd::bulk::compress(&raw, LEVEL).map_err(SnapshotError::Ram)?;
    out.extend_from_slice(&ram);
    Ok(out)
}

fn split(bytes: &[u8]) -> Result<(&[u8], &[u8]), SnapshotError> {
    let len = bytes
        .get(..4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize)
        .ok_or(SnapshotError::Truncated)?;
    let json = bytes.get(4..4 + len).ok_or(SnapshotError::Truncated)?;
    Ok((json, &bytes[4 + len..]))
}

/// The most RAM a snapshot may decompress to: the whole 32-bit space of
/// pages with their numbers. A damaged stream cannot claim more.
const MAX_RAW: u64 = (1 << 20) * (4 + PAGE_SIZE as u64);

/// A snapshot's state and raw RAM entries, decoded but not applied: what
/// `restore` checks first (and the fuzz target feeds damaged bytes).
pub fn decode(bytes: &[u8]) -> Result<u64, SnapshotError> {
    decode_all(bytes, MAX_RAW).map(|(state, _)| state.tick)
}

/// Decodes, refusing RAM that inflates beyond `max_raw` bytes (a small
/// damaged stream could claim gigabytes).
fn decode_all(bytes: &[u8], max_raw: u64) -> Result<(State, Vec<u8>), SnapshotError> {
    let (json, ram) = split(bytes)?;
    let state: State = serde_json::from_slice(json)?;
    let mut raw = Vec::new();
    zstd::stream::read::Decoder::new(ram)
        .and_then(|d| d.take(max_raw + 1).read_to_end(&mut raw))
        .map_err(SnapshotError::Ram)?;
    if raw.len() as u64 > max_raw || !raw.len().is_multiple_of(4 + PAGE_SIZE as usize) {
        return Err(SnapshotError::Truncated);
    }
    Ok((state, raw))
}

/// Restores a snapshot into `m`, a machine built with the configuration
/// it was saved from; returns its tick.
pub fn restore<B: Board>(m: &mut Machine<B>, bytes: &[u8]) -> Result<u64, SnapshotError> {
    let ram_pages = m.mem.ram_pages().count() as u64;
    let (state, raw) = decode_all(bytes, ram_pages * (4 + PAGE_SIZE as u64))?;
    restore_ram(&mut m.mem, &raw)?;
    m.board
        .restore(&state.board)
        .map_err(SnapshotError::Board)?;
    m.cpu = state.cpu;
    m.set_state(state.machine).map_err(SnapshotError::Board)?;
    Ok(state.tick)
}

fn restore_ram(mem: &mut GuestMemory, raw: &[u8]) -> Result<(), SnapshotError> {
    const ENTRY: usize = 4 + PAGE_SIZE as usize;
    let mut saved = Vec::new();
    for e in raw.chunks_exact(ENTRY) {
        let p = u32::from_le_bytes(e[..4].try_into().unwrap());
        if p >= 1 << (32 - crate::memory::PAGE_SHIFT)
            || mem.perms(p << crate::memory::PAGE_SHIFT) & crate::memory::perm::RWX == 0
        {
            return Err(SnapshotError::NotRam(p));
        }
        saved.push(p);
        mem.poke_bytes(p << crate::memory::PAGE_SHIFT, &e[4..])
            .map_err(|_| SnapshotError::NotRam(p))?;
    }
    // Pages the snapshot skipped were all zero.
    let zero = vec![0u8; PAGE_SIZE as usize];
    saved.sort_unstable();
    for p in mem.touched_pages() {
        if saved.binary_search(&p).is_err() && mem.page(p).iter().any(|&b| b != 0) {
            let _ = mem.poke_bytes(p << crate::memory::PAGE_SHIFT, &zero);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let state = State {
            tick: 1234,
            cpu: CpuState::default(),
            machine: MachineState {
                cpu_timers: None,
                asleep: true,
                exceptions: 3,
            },
            board: serde_json::json!({ "uart": [1, 2, 3] }),
        };
        let json = serde_json::to_vec(&state).unwrap();
        let mut out = (json.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(&json);
        let mut raw = 0x40000u32.to_le_bytes().to_vec();
        raw.extend((0..PAGE_SIZE).map(|i| i as u8));
        out.extend(zstd::bulk::compress(&raw, LEVEL).unwrap());
        out
    }

    #[test]
    fn decodes_and_refuses_damage_without_panicking() {
        let good = sample();
        assert_eq!(decode(&good).unwrap(), 1234);
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x55;
            // Either refused or, where the damage is in a value, decoded:
            // never a panic.
            let _ = decode(&bad);
        }
    }
}

//! Completions from device backend threads, landed at deterministic ticks.
//!
//! A device that needs host work (a disk image read, say) submits the
//! request here at the current tick with its modelled latency, and hands
//! the request to its `Backend` thread. The completion is an event-queue
//! entry at `submit tick + latency`: when the CPU reaches it, `take` hands
//! over the backend's result, waiting for the thread if it is late. So the
//! tick at which the guest sees a completion depends only on the guest's
//! own execution and the latency model, never on host timing, and a run
//! whose inputs are disk images is deterministic with no recording.
//! (Recording and replay, issue 6, log these ticks instead.)

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::thread::JoinHandle;

use crossbeam::channel::{unbounded, Receiver, Sender};
use thiserror::Error;

use super::queue::{DeviceId, EventQueue};

/// A request's number, unique per `Io`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct RequestId(pub u64);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum IoError {
    #[error("the backend thread of device {0} stopped before answering request {1}")]
    BackendGone(u16, u64),
    #[error("request {1} of device {0} was never submitted or was already taken")]
    Unknown(u16, u64),
}

/// What a backend thread posts.
pub enum Reply<T> {
    Done(RequestId, T),
    /// The thread ended (its `Backend` was dropped, or its work panicked):
    /// nothing more will come from it.
    Gone,
}

/// The CPU side of one device's backend requests (one backend thread).
pub struct Io<T> {
    owner: DeviceId,
    tx: Sender<Reply<T>>,
    rx: Receiver<Reply<T>>,
    /// The backend said it is gone.
    gone: bool,
    /// Results that arrived before their completion came due.
    early: BTreeMap<RequestId, T>,
    /// Submitted and not yet taken.
    open: BTreeMap<RequestId, ()>,
    next: u64,
}

impl<T> Io<T> {
    pub fn new(owner: DeviceId) -> Self {
        let (tx, rx) = unbounded();
        Io {
            owner,
            tx,
            rx,
            gone: false,
            early: BTreeMap::new(),
            open: BTreeMap::new(),
            next: 0,
        }
    }

    /// Where backends post `(id, result)`.
    pub fn replies(&self) -> Sender<Reply<T>> {
        self.tx.clone()
    }

    /// Registers a request made at tick `now` that the device model says
    /// completes `latency` ticks later; its completion is queued for then.
    pub fn submit(&mut self, queue: &mut EventQueue, now: u64, latency: u64) -> RequestId {
        let id = RequestId(self.next);
        self.next += 1;
        self.open.insert(id, ());
        queue.schedule_completion(now.saturating_add(latency), self.owner, id.0);
        id
    }

    /// Requests submitted and not yet taken.
    pub fn in_flight(&self) -> usize {
        self.open.len()
    }

    /// The result of `id`, whose completion has come due: waits for the
    /// backend if it has not answered yet.
    pub fn take(&mut self, id: RequestId) -> Result<T, IoError> {
        if self.open.remove(&id).is_none() {
            return Err(IoError::Unknown(self.owner.0, id.0));
        }
        if let Some(v) = self.early.remove(&id) {
            return Ok(v);
        }
        while !self.gone {
            match self.rx.recv() {
                Ok(Reply::Done(got, v)) if got == id => return Ok(v),
                Ok(Reply::Done(got, v)) => {
                    self.early.insert(got, v);
                }
                // `self.tx` keeps the channel open, so a dead backend says
                // so itself.
                Ok(Reply::Gone) | Err(_) => self.gone = true,
            }
        }
        Err(IoError::BackendGone(self.owner.0, id.0))
    }
}

/// What a snapshot keeps of an `Io`: the requests in flight with their
/// answers (waited for: `Io::save`), and the next request number.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IoState<T> {
    pub next: u64,
    pub answers: Vec<(RequestId, T)>,
}

impl<T: Clone> Io<T> {
    /// Waits for the answer to every request in flight, then returns them
    /// as plain data. A request whose backend is gone is left out: its
    /// completion then reports the backend gone, as it would have.
    pub fn save(&mut self) -> IoState<T> {
        while !self.gone && self.open.keys().any(|id| !self.early.contains_key(id)) {
            match self.rx.recv() {
                Ok(Reply::Done(got, v)) => {
                    self.early.insert(got, v);
                }
                Ok(Reply::Gone) | Err(_) => self.gone = true,
            }
        }
        IoState {
            next: self.next,
            answers: self
                .open
                .keys()
                .filter_map(|id| Some((*id, self.early.get(id)?.clone())))
                .collect(),
        }
    }

    /// Takes a saved state into a fresh `Io`: the saved answers are there
    /// when their completions come due.
    pub fn restore(&mut self, s: IoState<T>) {
        self.next = s.next;
        self.open.clear();
        self.early.clear();
        for (id, v) in s.answers {
            self.open.insert(id, ());
            self.early.insert(id, v);
        }
    }
}

/// A test-only knob: each backend reply is delayed by a pseudo-random
/// 0..=`max_us` microseconds, so tests can show that results never depend
/// on backend timing.
#[derive(Clone, Copy, Debug)]
pub struct Jitter {
    pub seed: u64,
    pub max_us: u64,
}

/// A device backend thread: takes requests in order, runs `work` on each
/// and posts the result to the device's `Io`. The thread ends when the
/// `Backend` is dropped.
pub struct Backend<Req> {
    tx: Option<Sender<(RequestId, Req)>>,
    thread: Option<JoinHandle<()>>,
    _req: PhantomData<Req>,
}

impl<Req: Send + 'static> Backend<Req> {
    pub fn spawn<T, F>(
        name: &str,
        replies: Sender<Reply<T>>,
        jitter: Option<Jitter>,
        mut work: F,
    ) -> std::io::Result<Self>
    where
        T: Send + 'static,
        F: FnMut(Req) -> T + Send + 'static,
    {
        let (tx, rx) = unbounded::<(RequestId, Req)>();
        let thread = std::thread::Builder::new()
            .name(format!("lockstep-{name}"))
            .spawn(move || {
                // Says `Gone` however the thread ends, a panic included.
                struct Farewell<T>(Sender<Reply<T>>);
                impl<T> Drop for Farewell<T> {
                    fn drop(&mut self) {
                        let _ = self.0.send(Reply::Gone);
                    }
                }
                let replies = Farewell(replies);
                let mut x = jitter.map_or(0, |j| j.seed | 1);
                while let Ok((id, req)) = rx.recv() {
                    let v = work(req);
                    if let Some(j) = jitter {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        let us = x % (j.max_us + 1);
                        std::thread::sleep(std::time::Duration::from_micros(us));
                    }
                    if replies.0.send(Reply::Done(id, v)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Backend {
            tx: Some(tx),
            thread: Some(thread),
            _req: PhantomData,
        })
    }

    /// Hands `req` (registered as `id` by `Io::submit`) to the thread.
    pub fn send(&self, id: RequestId, req: Req) {
        if let Some(tx) = &self.tx {
            // A thread that already ended shows up as `IoError::BackendGone`
            // when the result is taken.
            let _ = tx.send((id, req));
        }
    }
}

impl<Req> Drop for Backend<Req> {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::queue::Fired;

    const DISK: DeviceId = DeviceId(1);

    /// A toy disk: each request reads "sector" n (a hash of n) and the
    /// model says it takes 50 + (n % 7) * 30 ticks. The "CPU" retires 10
    /// ticks per step, submits a request every few steps while fewer
    /// than 4 are in flight, and each completion that lands submits a
    /// follow-up. Returns what the guest saw: (tick, request, value).
    fn run(jitter: Option<Jitter>) -> Vec<(u64, u64, u64)> {
        let mut q = EventQueue::new();
        let mut io = Io::<u64>::new(DISK);
        let backend = Backend::spawn("test-disk", io.replies(), jitter, |n: u64| {
            n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5555
        })
        .unwrap();
        let mut seen = Vec::new();
        let (mut now, mut next_sector) = (0u64, 0u64);
        while now < 3000 {
            // Run to the next deadline or 10 ticks on, whichever is first.
            let stop = q.next_deadline().map_or(now + 10, |d| d.min(now + 10));
            now = stop.max(now);
            while let Some(f) = q.pop_due(now) {
                let Fired::Completion { at, owner, id } = f else {
                    unreachable!()
                };
                assert_eq!(owner, DISK);
                let v = io.take(RequestId(id)).unwrap();
                seen.push((at, id, v));
                let id = io.submit(&mut q, now, 50 + (next_sector % 7) * 30);
                backend.send(id, next_sector);
                next_sector += 1;
            }
            if now % 30 == 0 && io.in_flight() < 4 {
                let id = io.submit(&mut q, now, 50 + (next_sector % 7) * 30);
                backend.send(id, next_sector);
                next_sector += 1;
            }
            if stop == now {
                now += 1;
            }
        }
        seen
    }

    #[test]
    fn completions_land_at_the_same_tick_whatever_the_backend_timing() {
        let base = run(None);
        assert!(
            base.len() > 40,
            "the toy disk completed {} requests",
            base.len()
        );
        // Each lands exactly at its submit tick plus its latency, so the
        // ticks are spread out, not bunched where the thread answered.
        assert!(base.windows(2).all(|w| w[0].0 <= w[1].0));
        for seed in [1, 2, 3] {
            let j = Some(Jitter { seed, max_us: 300 });
            assert_eq!(run(j), base, "jitter seed {seed}");
        }
    }

    #[test]
    fn a_dead_backend_is_an_error_not_a_hang() {
        let mut q = EventQueue::new();
        let mut io = Io::<u64>::new(DISK);
        let id = io.submit(&mut q, 0, 5);
        let backend = Backend::spawn("dead", io.replies(), None, |_: u64| -> u64 {
            panic!("backend failure")
        })
        .unwrap();
        backend.send(id, 1);
        let err = io.take(id).unwrap_err();
        assert_eq!(err, IoError::BackendGone(1, 0));
        assert_eq!(io.take(id).unwrap_err(), IoError::Unknown(1, 0));
    }
}

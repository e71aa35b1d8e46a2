//! Record and replay from the command line (issue 6): every guest
//! recorded and replayed in other tiers under load gives the run's output,
//! exit and state; a killed recording replays to where it stopped;
//! damaged and foreign files fail cleanly; seeking, the control socket
//! and snapshots leave the result unchanged.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use common::*;

fn guest(name: &str) -> String {
    format!(
        "{}/tests/guests/bare/bin/{name}.elf",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The `state hash` line of a `--stats` run.
fn state_hash(o: &Output) -> String {
    icount_and_hash(o).1
}

/// A disk image of pseudo-random bytes.
fn disk_image(path: &Path) {
    let mut x = 0x1234_5678_9abc_def0u64;
    let bytes: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(path, bytes).unwrap();
}

/// Runs lockstep with `args` in `dir`, writing `input` to its stdin in
/// pieces with pauses between them (input whose timing the host decides).
fn with_paced_input(dir: &Path, args: &[&str], input: &[&[u8]]) -> Output {
    let mut child = lockstep()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for piece in input {
        std::thread::sleep(Duration::from_millis(150));
        let _ = stdin.write_all(piece);
        let _ = stdin.flush();
    }
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// Records `args` (with `--semihosting`) into `out` in `dir`, which must
/// succeed; returns the recording's bytes.
fn record_ok(dir: &Path, out: &str, args: &[&str]) -> Vec<u8> {
    let all: Vec<&str> = [&["record", "-o", out, "--semihosting"][..], args].concat();
    let o = run_in(dir, &all, None);
    assert_eq!(o.status.code(), Some(0), "{all:?}: {}", text(&o.stderr));
    std::fs::read(dir.join(out)).unwrap()
}

/// The guests, with the options each needs (the disk is made in `dir`).
fn guests(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    disk_image(&dir.join("disk.img"));
    let plain = |g: &str| vec!["--semihosting".to_string(), guest(g)];
    let disk = |legacy: bool| {
        let mut v = vec!["--semihosting".into(), "--disk".into(), "disk.img".into()];
        if legacy {
            v.push("--virtio-legacy".into());
        }
        v.push(guest("virtio_blk"));
        v
    };
    vec![
        ("hello", plain("hello")),
        ("timer_irq", plain("timer_irq")),
        ("nested_irq", plain("nested_irq")),
        ("rtc", plain("rtc")),
        ("gtimer", plain("gtimer")),
        ("demo", vec![]),
        ("virtio_blk", disk(false)),
        ("virtio_blk legacy", disk(true)),
        ("timer_bench", plain("timer_bench")),
    ]
}

/// Every guest: `record` prints, exits and ends as `run` does, and its
/// recording replays to the same output, exit and state hash under the
/// interpreter and the tiered JIT, with the host's cores busy. The disk
/// image is left as it was.
#[test]
fn every_guest_records_and_replays_exactly_in_every_tier_under_load() {
    let dir = TempDir::new("replay-all");
    let before = {
        let g = guests(&dir.0);
        drop(g);
        std::fs::read(dir.0.join("disk.img")).unwrap()
    };
    for (name, opts) in guests(&dir.0) {
        let opts: Vec<&str> = opts.iter().map(String::as_str).collect();
        let lsr = format!("{}.lsr", name.replace(' ', "_"));
        let record: Vec<&str> = [&["record", "--stats", "-o", &lsr][..], &opts].concat();
        let rec = run_in(&dir.0, &record, None);
        assert_eq!(
            std::fs::read(dir.0.join("disk.img")).unwrap(),
            before,
            "{name}: record changed the disk image"
        );
        // The plain run writes the disk in place: give it a copy.
        std::fs::copy(dir.0.join("disk.img"), dir.0.join("run.img")).unwrap();
        let run_opts: Vec<&str> = opts
            .iter()
            .map(|o| if *o == "disk.img" { "run.img" } else { o })
            .collect();
        let run = run_in(&dir.0, &[&["run", "--stats"][..], &run_opts].concat(), None);
        assert_eq!(
            rec.status.code(),
            run.status.code(),
            "{name}: {}",
            text(&rec.stderr)
        );
        assert_eq!(text(&rec.stdout), text(&run.stdout), "{name}");
        assert_eq!(state_hash(&rec), state_hash(&run), "{name}");
        // Again, interpreted, with snapshots, stopped and continued over
        // the control socket while it runs.
        let lsr2 = format!("{}-2.lsr", name.replace(' ', "_"));
        let socket = dir.0.join("c.sock");
        let record2: Vec<&str> = [
            &["record", "--stats", "-o", &lsr2, "--exec", "interp"][..],
            &["--snapshot-every", "1000000"],
            &opts,
        ]
        .concat();
        let rec2 = poked_while_alive(&dir.0, &record2, &socket);
        assert_eq!(
            text(&rec2.stdout),
            text(&run.stdout),
            "{name}: poked record"
        );
        assert_eq!(state_hash(&rec2), state_hash(&run), "{name}: poked record");
        let diff = run_in(&dir.0, &["diff", &lsr, &lsr2], None);
        assert_eq!(
            diff.status.code(),
            Some(0),
            "{name}: {}",
            text(&diff.stdout)
        );
        let _busy = Busy::start(2);
        for exec in ["interp", "tiered"] {
            let rep = run_in(&dir.0, &["replay", "--stats", "--exec", exec, &lsr], None);
            let err = text(&rep.stderr);
            assert_eq!(rep.status.code(), run.status.code(), "{name} {exec}: {err}");
            assert!(
                err.contains("replay matches the recording"),
                "{name} {exec}: {err}"
            );
            assert!(
                !err.contains("MIPS"),
                "no progress bar off a terminal: {err}"
            );
            assert_eq!(text(&rep.stdout), text(&run.stdout), "{name} {exec}");
            assert_eq!(state_hash(&rep), state_hash(&run), "{name} {exec}");
        }
        let icount: u64 = icount_and_hash(&run)
            .0
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap();
        let seek = (icount / 2).max(1).to_string();
        let rep = run_in(&dir.0, &["replay", "--stats", "--seek", &seek, &lsr2], None);
        let err = text(&rep.stderr);
        assert_eq!(
            rep.status.code(),
            run.status.code(),
            "{name} --seek {seek}: {err}"
        );
        assert!(err.contains(&format!("at icount {seek} ")), "{name}: {err}");
        assert!(
            err.contains("replay matches the recording"),
            "{name}: {err}"
        );
        assert_eq!(state_hash(&rep), state_hash(&run), "{name} --seek {seek}");
    }
}

/// Starts lockstep with `args` and a control socket at `socket`.
fn spawn_controlled(dir: &Path, args: &[&str], socket: &Path) -> std::process::Child {
    lockstep()
        .args(args)
        .args(["--control", socket.to_str().unwrap()])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs lockstep with a control socket and, for as long as it runs,
/// stops it, asks its status and continues it, as fast as it answers.
fn poked_while_alive(dir: &Path, args: &[&str], socket: &Path) -> Output {
    let mut child = spawn_controlled(dir, args, socket);
    let client = loop {
        if let Ok(s) = UnixStream::connect(socket) {
            break Some(s);
        }
        if child.try_wait().unwrap().is_some() {
            break None;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    if let Some(s) = client {
        let mut c = Client(BufReader::new(s.try_clone().unwrap()), s);
        let _greeting = c.line();
        while let Some(r) = c.ask(r#"{"execute":"stop"}"#) {
            assert!(r.contains("return"), "{r}");
            let Some(r) = c.ask(r#"{"execute":"query-status"}"#) else {
                break;
            };
            assert!(r.contains("\"paused\""), "{r}");
            if c.ask(r#"{"execute":"cont"}"#).is_none() {
                break;
            }
        }
    }
    child.wait_with_output().unwrap()
}

/// Input whose timing the host decides (typed in pieces, with pauses)
/// lands at the same ticks in the replay, with no input given to it.
#[test]
fn uart_input_typed_at_host_moments_replays_at_the_same_ticks() {
    let dir = TempDir::new("replay-input");
    let echo = guest("echo");
    let rec = with_paced_input(
        &dir.0,
        &[
            "record",
            "--stats",
            "-o",
            "echo.lsr",
            "--semihosting",
            &echo,
        ],
        &[b"first ", b"second ", b"third."],
    );
    assert_eq!(rec.status.code(), Some(0), "{}", text(&rec.stderr));
    assert!(
        text(&rec.stdout).contains("FIRST SECOND THIRD."),
        "{}",
        text(&rec.stdout)
    );
    for exec in ["interp", "jit"] {
        let rep = run_in(
            &dir.0,
            &["replay", "--stats", "--exec", exec, "echo.lsr"],
            None,
        );
        assert_eq!(rep.status.code(), Some(0), "{}", text(&rep.stderr));
        assert_eq!(text(&rep.stdout), text(&rec.stdout));
        assert_eq!(icount_and_hash(&rep), icount_and_hash(&rec));
    }
}

/// A recorder killed with SIGKILL leaves a recording that replays, with
/// every checkpoint checked, up to its last flushed record, and says
/// where it ended.
#[test]
fn a_killed_recording_replays_up_to_where_it_stopped() {
    let dir = TempDir::new("replay-kill");
    let mut child = lockstep()
        .args([
            "record",
            "-o",
            "killed.lsr",
            "--exec",
            "interp",
            "--checkpoint-every",
            "200000",
            "--semihosting",
            &guest("timer_bench"),
        ])
        .current_dir(&dir.0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap();
    child.wait().unwrap();
    let rep = run_in(&dir.0, &["replay", "killed.lsr"], None);
    let err = text(&rep.stderr);
    assert_eq!(rep.status.code(), Some(0), "{err}");
    assert!(
        err.contains("cut short") && err.contains("replayed to its end"),
        "{err}"
    );
    let matched: u64 = err
        .split(" checkpoints matching")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(matched > 0, "{err}");
}

/// Damaged and foreign files, and a recording given another image, fail
/// with a message naming the problem and a non-zero status, never a
/// panic.
#[test]
fn damaged_and_foreign_recordings_fail_cleanly() {
    let dir = TempDir::new("replay-bad");
    let good = record_ok(&dir.0, "good.lsr", &[&guest("timer_irq")]);
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.0.join(name), bytes).unwrap();
    write("junk.lsr", b"certainly not a recording");
    let mut v = good.clone();
    v[8] = 99;
    write("version.lsr", &v);
    let mut c = good.clone();
    let mid = c.len() / 2;
    c[mid] ^= 0x40;
    write("flipped.lsr", &c);
    write("empty.lsr", b"");
    let cases: [(&[&str], &str); 5] = [
        (&["replay", "junk.lsr"], "not a Lockstep recording"),
        (&["replay", "version.lsr"], "version 99"),
        (&["replay", "flipped.lsr"], "damaged"),
        (&["replay", "empty.lsr"], "not a Lockstep recording"),
        (
            &["replay", "--image", &guest("hello"), "good.lsr"],
            "recording of another image",
        ),
    ];
    for (args, want) in cases {
        let o = run_in(&dir.0, args, None);
        let err = text(&o.stderr);
        assert!(
            !matches!(o.status.code(), Some(0) | Some(101) | None),
            "{args:?}: {err}"
        );
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A run trace is not a recording.
    let o = run_in(
        &dir.0,
        &[
            "run",
            "--semihosting",
            "--trace-checkpoints",
            "t.lsr",
            &guest("hello"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let o = run_in(&dir.0, &["replay", "t.lsr"], None);
    assert!(
        text(&o.stderr).contains("not a recording"),
        "{}",
        text(&o.stderr)
    );
}

/// `replay --seek` starts from the nearest snapshot and ends as the full
/// replay does.
#[test]
fn seeking_starts_from_a_snapshot_and_ends_alike() {
    let dir = TempDir::new("replay-seek");
    disk_image(&dir.0.join("disk.img"));
    let rec = run_in(
        &dir.0,
        &[
            "record",
            "--stats",
            "-o",
            "blk.lsr",
            "--checkpoint-every",
            "250000",
            "--snapshot-every",
            "500000",
            "--semihosting",
            "--disk",
            "disk.img",
            &guest("virtio_blk"),
        ],
        None,
    );
    assert_eq!(rec.status.code(), Some(0), "{}", text(&rec.stderr));
    for seek in ["1", "700000", "1900000"] {
        let rep = run_in(
            &dir.0,
            &["replay", "--stats", "--seek", seek, "blk.lsr"],
            None,
        );
        let err = text(&rep.stderr);
        assert_eq!(rep.status.code(), Some(0), "--seek {seek}: {err}");
        assert!(err.contains(&format!("at icount {seek} ")), "{err}");
        assert!(err.contains("replay matches"), "{err}");
        assert_eq!(state_hash(&rep), state_hash(&rec), "--seek {seek}");
    }
    let o = run_in(
        &dir.0,
        &["replay", "--seek", "999999999999", "blk.lsr"],
        None,
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(
        text(&o.stderr).contains("ends at icount"),
        "{}",
        text(&o.stderr)
    );
}

/// A client of the control socket (QMP-like JSON lines).
struct Client(BufReader<UnixStream>, UnixStream);

impl Client {
    fn connect(path: &Path) -> Client {
        for _ in 0..500 {
            if let Ok(s) = UnixStream::connect(path) {
                let mut c = Client(BufReader::new(s.try_clone().unwrap()), s);
                let greeting = c.line();
                assert!(greeting.contains("QMP"), "{greeting}");
                return c;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("no control socket at {}", path.display());
    }

    /// The next line; empty once the run has ended and closed the socket.
    fn line(&mut self) -> String {
        let mut l = String::new();
        if self.0.read_line(&mut l).is_err() {
            l.clear();
        }
        l
    }

    /// Sends a request; None once the run has ended and closed it.
    fn ask(&mut self, req: &str) -> Option<String> {
        writeln!(self.1, "{req}").ok()?;
        let l = self.line();
        (!l.is_empty() && !l.contains("the run has ended")).then_some(l)
    }
}

/// Starts lockstep with a control socket, and pokes it from this thread:
/// stops and continues at pseudo-random host moments (checking status
/// between), with a malformed and an unknown command thrown in, until it
/// ends. Returns its output.
fn poked(dir: &Path, args: &[&str], socket: &Path, seed: u64) -> Output {
    let child = spawn_controlled(dir, args, socket);
    let mut c = Client::connect(socket);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(socket).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the socket is owner-only");
    let mut x = seed | 1;
    let mut rand = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for i in 0.. {
        let Some(r) = c.ask(r#"{"execute":"stop"}"#) else {
            break;
        };
        assert!(r.contains("return"), "{r}");
        let Some(r) = c.ask(r#"{"execute":"query-status"}"#) else {
            break;
        };
        assert!(r.contains("\"paused\""), "{r}");
        std::thread::sleep(Duration::from_millis(rand(5)));
        if i % 3 == 0 {
            let Some(r) = c.ask("{not json") else { break };
            assert!(r.contains("error") && r.contains("malformed"), "{r}");
            let Some(r) = c.ask(r#"{"execute":"reboot"}"#) else {
                break;
            };
            assert!(r.contains("unknown command"), "{r}");
        }
        let Some(r) = c.ask(r#"{"execute":"cont"}"#) else {
            break;
        };
        assert!(r.contains("return"), "{r}");
        std::thread::sleep(Duration::from_millis(rand(20)));
    }
    child.wait_with_output().unwrap()
}

/// Stopping and continuing many times during record and replay changes
/// nothing: the same output, state hash and recording checks.
#[test]
fn stopping_and_continuing_during_record_and_replay_changes_nothing() {
    let dir = TempDir::new("replay-control");
    let bench = guest("timer_bench");
    let args = [
        "--stats",
        "--exec",
        "interp",
        "--semihosting",
        bench.as_str(),
    ];
    let plain = run_in(&dir.0, &[&["run"][..], &args].concat(), None);
    let socket = dir.0.join("control.sock");
    let rec = poked(
        &dir.0,
        &[&["record", "-o", "b.lsr"][..], &args].concat(),
        &socket,
        7,
    );
    assert_eq!(rec.status.code(), Some(0), "{}", text(&rec.stderr));
    assert_eq!(text(&rec.stdout), text(&plain.stdout));
    assert_eq!(state_hash(&rec), state_hash(&plain));
    assert!(!socket.exists(), "the socket is removed at the end");
    let rep = poked(
        &dir.0,
        &["replay", "--stats", "--exec", "interp", "b.lsr"],
        &socket,
        11,
    );
    let err = text(&rep.stderr);
    assert_eq!(rep.status.code(), Some(0), "{err}");
    assert!(err.contains("replay matches"), "{err}");
    assert_eq!(text(&rep.stdout), text(&plain.stdout));
    assert_eq!(state_hash(&rep), state_hash(&plain));
}

/// `savevm` over the control socket, then `run --load`: the loaded run
/// ends as the straight run does, and prints what came after the save.
#[test]
fn savevm_then_load_ends_as_the_straight_run() {
    let dir = TempDir::new("replay-savevm");
    let bench = guest("timer_bench");
    let args = [
        "run",
        "--stats",
        "--exec",
        "interp",
        "--semihosting",
        bench.as_str(),
    ];
    let plain = run_in(&dir.0, &args, None);
    let socket = dir.0.join("c.sock");
    let snap: PathBuf = dir.0.join("mid.snap");
    let child = lockstep()
        .args(args)
        .args(["--control", socket.to_str().unwrap()])
        .current_dir(&dir.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut c = Client::connect(&socket);
    std::thread::sleep(Duration::from_millis(300));
    assert!(c.ask(r#"{"execute":"stop"}"#).unwrap().contains("return"));
    let save = format!(
        r#"{{"execute":"savevm","arguments":{{"file":"{}"}}}}"#,
        snap.display()
    );
    let r = c.ask(&save).unwrap();
    assert!(r.contains("return"), "{r}");
    let status = c.ask(r#"{"execute":"query-status"}"#).unwrap();
    assert!(c.ask(r#"{"execute":"cont"}"#).unwrap().contains("return"));
    let first = child.wait_with_output().unwrap();
    assert_eq!(state_hash(&first), state_hash(&plain), "{status}");
    let loaded = run_in(
        &dir.0,
        &["run", "--stats", "--load", snap.to_str().unwrap()],
        None,
    );
    assert_eq!(loaded.status.code(), Some(0), "{}", text(&loaded.stderr));
    assert_eq!(state_hash(&loaded), state_hash(&plain), "{status}");
    assert!(text(&plain.stdout).ends_with(&text(&loaded.stdout)));
    // Quit ends a run early.
    let child = lockstep()
        .args(args)
        .args(["--control", socket.to_str().unwrap()])
        .current_dir(&dir.0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut c = Client::connect(&socket);
    assert!(c.ask(r#"{"execute":"quit"}"#).unwrap().contains("return"));
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(124));
}

/// `lockstep diff` of two recordings finds the first instruction that
/// differs: echo fed one different byte differs in the register that
/// read it, inside the interrupt handler; virtio_blk given disks one
/// byte apart differs in the memory the sector was read into.
#[test]
fn diff_finds_the_first_differing_instruction_registers_and_memory() {
    let dir = TempDir::new("replay-diff");
    let echo = guest("echo");
    for (name, input) in [("a.lsr", "hello there."), ("b.lsr", "hello thxre.")] {
        let mut child = lockstep()
            .args(["record", "-o", name, "--semihosting", &echo])
            .current_dir(&dir.0)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }
    let o = run_in(&dir.0, &["diff", "a.lsr", "b.lsr"], None);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(
        out.contains("first difference: after the instruction at pc"),
        "{out}"
    );
    assert!(out.contains("(irq_handler+"), "{out}");
    assert!(out.contains("r0 A=0x00000065 B=0x00000078"), "{out}");
    let o = run_in(&dir.0, &["diff", "a.lsr", "a.lsr"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));

    disk_image(&dir.0.join("d1.img"));
    let mut d = std::fs::read(dir.0.join("d1.img")).unwrap();
    d[5 * 512 + 17] ^= 1;
    std::fs::write(dir.0.join("d2.img"), d).unwrap();
    for (lsr, img) in [("c.lsr", "d1.img"), ("d.lsr", "d2.img")] {
        record_ok(&dir.0, lsr, &["--disk", img, &guest("virtio_blk")]);
    }
    let o = run_in(&dir.0, &["diff", "c.lsr", "d.lsr"], None);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(out.contains("note: disk-hash differs"), "{out}");
    assert!(out.contains("memory that differs: 0x4"), "{out}");
    assert!(out.contains("(1 bytes)"), "{out}");

    // --batch: recordings replayed and images run, in a table.
    let o = run_in(
        &dir.0,
        &[
            "diff",
            "--batch",
            "--jobs",
            "2",
            "a.lsr",
            "c.lsr",
            &guest("hello"),
            &guest("gtimer"),
        ],
        None,
    );
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(out.contains("4 of 4 ok"), "{out}");
    assert_eq!(out.matches("matches (").count(), 2, "{out}");
    assert_eq!(out.matches("exit 0").count(), 2, "{out}");
    assert!(
        !out.contains("HELLO"),
        "guest output stays out of the table: {out}"
    );
    std::fs::write(dir.0.join("junk.lsr"), b"LOCKSTEP\x01\x00\x00\x00junk").unwrap();
    let o = run_in(&dir.0, &["diff", "--batch", "a.lsr", "junk.lsr"], None);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("1 of 2 ok") && out.contains("error"), "{out}");
}

/// The flush schedule is bounded in host time too: input typed while the
/// guest idles waiting for it reaches the file within a fraction of a
/// second, so a recorder killed a second later has it, and the replay of
/// what it left shows the guest receiving it.
#[test]
fn input_reaches_the_recording_before_a_kill() {
    let dir = TempDir::new("replay-idle-kill");
    let mut child = lockstep()
        .args(["record", "-o", "idle.lsr", "--semihosting", &guest("echo")])
        .current_dir(&dir.0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    stdin.write_all(b"abc").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap();
    let recorded = child.wait_with_output().unwrap();
    drop(stdin);
    assert!(
        text(&recorded.stdout).contains("ABC"),
        "{}",
        text(&recorded.stdout)
    );
    let rep = run_in(&dir.0, &["replay", "idle.lsr"], None);
    let err = text(&rep.stderr);
    assert_eq!(rep.status.code(), Some(0), "{err}");
    assert!(err.contains("cut short"), "{err}");
    assert!(
        text(&rep.stdout).contains("ABC"),
        "{}{err}",
        text(&rep.stdout)
    );
}

/// Recordings made by an earlier build (`scripts/make-test-recordings`,
/// committed in tests/recordings, the commit in MADE-BY) replay on this
/// one: every checkpoint and event matches, from the start and from a
/// snapshot.
#[test]
fn recordings_made_by_an_earlier_build_replay_on_this_one() {
    let dir = TempDir::new("replay-old");
    let disk = dir.0.join("disk.img");
    let pattern: Vec<u8> = (0..1u32 << 20).map(|i| (7 * i % 251) as u8).collect();
    std::fs::write(&disk, pattern).unwrap();
    let disk = disk.to_str().unwrap();
    let cases: [(&str, &[&str], &str); 4] = [
        ("echo.lsr", &[], "HI THERE."),
        ("timer_irq.lsr", &[], "10 timer interrupts"),
        ("virtio_blk.lsr", &["--disk", disk], ""),
        ("virtio_blk.lsr", &["--disk", disk, "--seek", "2500000"], ""),
    ];
    for (file, extra, printed) in cases {
        let path = format!("tests/recordings/{file}");
        let args: Vec<&str> =
            [&["replay", "--exec", "interp"][..], extra, &[path.as_str()]].concat();
        let o = run_in(&root(), &args, None);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{file} {extra:?}: {err}");
        assert!(
            err.contains("replay matches the recording"),
            "{file}: {err}"
        );
        assert!(
            text(&o.stdout).contains(printed),
            "{file}: {}",
            text(&o.stdout)
        );
    }
}

/// A checkpoint that does not match stops the replay with the icount,
/// the PC, the registers that differ and the events before it; so does
/// a recorded input that the replay's guest takes differently.
#[test]
fn a_mismatch_stops_the_replay_and_says_where_and_what() {
    use sim::replay::format::{Reader, Record, Writer};
    let dir = TempDir::new("replay-mismatch");
    let rec = with_paced_input(
        &dir.0,
        &[
            "record",
            "-o",
            "echo.lsr",
            "--checkpoint-every",
            "5000",
            "--semihosting",
            &guest("echo"),
        ],
        &[b"one ", b"two."],
    );
    assert_eq!(rec.status.code(), Some(0), "{}", text(&rec.stderr));
    let bytes = std::fs::read(dir.0.join("echo.lsr")).unwrap();
    let records: Vec<Record> = Reader::new(&bytes).unwrap().map(Result::unwrap).collect();
    let rewrite = |name: &str, change: &dyn Fn(usize, &mut Record) -> bool| {
        let mut changed = false;
        let Record::Header(h) = &records[0] else {
            panic!("no header first")
        };
        let mut w = Writer::new(Vec::new(), h).unwrap();
        for (i, r) in records.iter().enumerate().skip(1) {
            let mut r = r.clone();
            if !changed {
                changed = change(i, &mut r);
            }
            w.write(&r).unwrap();
        }
        assert!(changed, "{name}: nothing to change");
        std::fs::write(dir.0.join(name), w.into_inner()).unwrap();
    };
    // The last checkpoint says r3 held something else.
    let last = records
        .iter()
        .rposition(|r| matches!(r, Record::Checkpoint(_)))
        .unwrap();
    rewrite("regs.lsr", &|i, r| match r {
        Record::Checkpoint(c) if i == last => {
            c.cpu_hash ^= 1;
            if let Some((_, regs)) = &mut c.at {
                regs[3] ^= 0x10;
            }
            true
        }
        _ => false,
    });
    let o = run_in(&dir.0, &["replay", "regs.lsr"], None);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("replay diverged at icount"), "{err}");
    assert!(err.contains("pc 0x4"), "{err}");
    assert!(err.contains("registers that differ: r3 recorded"), "{err}");
    assert!(err.contains("last recorded events before it"), "{err}");
    assert!(err.contains("uart input"), "{err}");
    // An input the guest keeps no trace of replays as recorded (the
    // replay reads the recording, not stdin) and nothing diverges...
    rewrite("input.lsr", &|_, r| match r {
        Record::Event(e) if e.source == 4 && e.data.first() == Some(&b'o') => {
            e.data[0] = b'x';
            true
        }
        _ => false,
    });
    let o = run_in(&dir.0, &["replay", "input.lsr"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("XNE TWO."), "{}", text(&o.stdout));
    // ... but one it acts on, the '.' that ends it, does.
    rewrite("end.lsr", &|_, r| match r {
        Record::Event(e) if e.source == 4 && e.data.ends_with(b".") => {
            *e.data.last_mut().unwrap() = b'!';
            true
        }
        _ => false,
    });
    let o = run_in(&dir.0, &["replay", "end.lsr"], None);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("replay diverged at icount"), "{err}");
}

/// A snapshot whose state does not fit the machine it is loaded into (a
/// crafted or foreign one, with valid checksums) is refused with a
/// message, never half restored or a panic; a dead socket left by a
/// killed run is replaced.
#[test]
fn snapshots_that_do_not_fit_are_refused_and_dead_sockets_replaced() {
    use sim::replay::format::{Reader, Record, Writer};
    let dir = TempDir::new("replay-badsnap");
    let bytes = record_ok(&dir.0, "t.lsr", &[&guest("timer_irq")]);
    let records: Vec<Record> = Reader::new(&bytes).unwrap().map(Result::unwrap).collect();
    let Record::Header(h) = &records[0] else {
        panic!()
    };
    let Some(Record::Snapshot { tick, state }) = records
        .iter()
        .find(|r| matches!(r, Record::Snapshot { .. }))
    else {
        panic!("no snapshot")
    };
    let len = u32::from_le_bytes(state[..4].try_into().unwrap()) as usize;
    let json: serde_json::Value = serde_json::from_slice(&state[4..4 + len]).unwrap();
    type Change = dyn Fn(&mut serde_json::Value);
    let cases: [(&str, &Change, &str); 3] = [
        (
            "gic",
            &|v| v["board"]["gic"]["enabled"] = serde_json::json!([true]),
            "interrupt controller",
        ),
        (
            "queue",
            &|v| v["board"]["queue"]["timers"] = serde_json::json!([]),
            "timers",
        ),
        (
            "cpu",
            &|v| v["cpu"]["r"] = serde_json::json!("no registers"),
            "does not decode",
        ),
    ];
    for (name, change, want) in cases {
        let mut v = json.clone();
        change(&mut v);
        let body = serde_json::to_vec(&v).unwrap();
        let mut s = (body.len() as u32).to_le_bytes().to_vec();
        s.extend_from_slice(&body);
        s.extend_from_slice(&state[4 + len..]);
        let mut w = Writer::new(Vec::new(), h).unwrap();
        w.write(&Record::Snapshot {
            tick: *tick,
            state: s,
        })
        .unwrap();
        let file = format!("{name}.snap");
        std::fs::write(dir.0.join(&file), w.into_inner()).unwrap();
        let o = run_in(&dir.0, &["run", "--load", &file], None);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(want) && !err.contains("panicked"),
            "{name}: {err}"
        );
    }

    // A socket file nobody listens on any more.
    let socket = dir.0.join("dead.sock");
    drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
    assert!(socket.exists());
    let out = poked_while_alive(&dir.0, &["run", "--semihosting", &guest("hello")], &socket);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A path that is not a socket is left alone.
    std::fs::write(&socket, b"precious").unwrap();
    let o = run_in(
        &dir.0,
        &["run", "--control", "dead.sock", &guest("hello")],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("not a dead socket"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(&socket).unwrap(), b"precious");
}

/// On a terminal, replay draws a progress bar (percent, icount, MIPS);
/// off one it stays quiet (checked in the every-guest test). The terminal
/// comes from util-linux's `script`; without it the test says so.
#[test]
fn replay_shows_progress_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` (util-linux) to give replay a terminal");
        return;
    }
    let dir = TempDir::new("replay-progress");
    record_ok(&dir.0, "b.lsr", &[&guest("timer_bench")]);
    let cmd = format!(
        "{} replay --exec interp b.lsr",
        env!("CARGO_BIN_EXE_lockstep")
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(&dir.0)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert!(out.contains("replay matches"), "{out}");
    assert!(
        out.contains("MIPS") && out.contains('%') && out.contains("icount"),
        "{out}"
    );
}

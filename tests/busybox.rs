//! Debian's busybox-static (armhf) applets under Lockstep must print what
//! they printed under qemu-arm (tests/busybox/expected, made by
//! scripts/busybox-expected). The binary is fetched by
//! scripts/fetch-busybox; without it the test says so and passes nothing.

mod common;

use common::*;
use std::path::Path;

struct Case {
    name: String,
    /// "fork"/"exec" when the case creates processes (all are run).
    #[allow(dead_code)]
    needs: String,
    stdin: String,
    args: Vec<String>,
}

/// Splits on blanks; a '...' span is literal and joins adjacent text, as
/// described at the top of cases.txt.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut have = false;
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                have = true;
            }
            ' ' | '\t' if !quoted => {
                if have {
                    out.push(std::mem::take(&mut cur));
                    have = false;
                }
            }
            _ => {
                cur.push(c);
                have = true;
            }
        }
    }
    if have {
        out.push(cur);
    }
    out
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(root().join("tests/busybox/cases.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(4, '|');
            let mut next = || parts.next().unwrap_or("").to_string();
            let (name, needs, stdin, args) = (next(), next(), next(), next());
            Case {
                name,
                needs,
                stdin,
                args: split_args(&args),
            }
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn busybox_applets_match_qemu() {
    let busybox = root().join("tests/data/busybox");
    if !busybox.exists() {
        println!(
            "SKIPPED: {} is absent; run scripts/fetch-busybox to fetch Debian's busybox-static",
            busybox.display()
        );
        return;
    }
    let all = cases();
    assert!(all.len() > 20, "cases.txt looks empty");
    let mut failures = Vec::new();
    let mut ran = 0;
    // The interpreter runs first and last: when its two runs end in
    // different states, the case's state holds host file metadata (times
    // of freshly copied inputs, which the guest stats), and only icount
    // and output are compared across tiers. Otherwise nothing host-side
    // changed in between and the tiers' state hashes must match too.
    let runs = ["interp", "jit", "tiered", "interp"];
    let mut host_dependent = 0;
    let mut ends = Vec::new();
    for (i, case, tier) in all
        .iter()
        .flat_map(|c| runs.iter().enumerate().map(move |(i, t)| (i, c, *t)))
    {
        let dir = TempDir::fixed(&case.name);
        copy_dir(&root().join("tests/busybox/inputs"), &dir.0);
        let mut argv = vec![
            "user".to_string(),
            "--stats".into(),
            "--exec".into(),
            tier.into(),
            "--env".into(),
            "PATH=/bin:/usr/bin".into(),
        ];
        argv.push(busybox.to_string_lossy().into_owned());
        argv.extend(case.args.iter().cloned());
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let stdin =
            (!case.stdin.is_empty()).then(|| root().join("tests/busybox/inputs").join(&case.stdin));
        let out = run_in(&dir.0, &argv, stdin.as_deref());
        let exp_dir = root().join("tests/busybox/expected");
        let expected = std::fs::read(exp_dir.join(format!("{}.out", case.name))).unwrap();
        let status: i32 = std::fs::read_to_string(exp_dir.join(format!("{}.status", case.name)))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        ran += 1;
        ends.push((tier, icount_and_hash(&out)));
        if i == runs.len() - 1 {
            let (_, first) = ends[0].clone();
            let stable = ends[i].1 .1 == first.1;
            host_dependent += !stable as usize;
            for (tier, end) in ends.drain(..) {
                if end.0 != first.0 || (stable && end.1 != first.1) {
                    failures.push(format!(
                        "{} --exec {tier}: {:?}, but {:?} in the interpreter",
                        case.name, end, first
                    ));
                }
            }
        }
        if out.stdout != expected || out.status.code() != Some(status) {
            failures.push(format!(
                "{} --exec {tier}: status {:?} (want {status}), stdout {} bytes (want {}); stderr: {}",
                case.name,
                out.status.code(),
                out.stdout.len(),
                expected.len(),
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" / ")
            ));
        }
    }
    println!(
        "ran {ran} busybox runs; {host_dependent} of {} cases hold host file metadata",
        all.len()
    );
    assert!(
        host_dependent < all.len() / 2,
        "most cases look host-dependent: the state hash comparison would be vacuous"
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} busybox cases differ from qemu-arm:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The guest's clock is derived from the instruction count unless
/// --host-time is given: `date` prints the same second every run, and the
/// host's year with the option.
#[test]
fn clock_is_virtual_unless_host_time() {
    let busybox = root().join("tests/data/busybox");
    if !busybox.exists() {
        println!(
            "SKIPPED: {} is absent; run scripts/fetch-busybox",
            busybox.display()
        );
        return;
    }
    let bb = busybox.to_string_lossy().into_owned();
    let dir = TempDir::new("date");
    let date = |extra: &[&str]| {
        let mut argv = vec!["user"];
        argv.extend(extra);
        argv.extend([bb.as_str(), "date", "-u", "+%s"]);
        let out = run_in(&dir.0, &argv, None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<i64>()
            .unwrap()
    };
    let (a, b) = (date(&[]), date(&[]));
    assert_eq!(a, b, "virtual time differs between runs");
    assert!(
        (1_700_000_000..1_700_000_100).contains(&a),
        "virtual epoch: {a}"
    );
    let host_now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let h = date(&["--host-time"]);
    assert!((h - host_now).abs() < 600, "host time {h} vs {host_now}");
}

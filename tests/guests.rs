//! Every guest program under tests/guests, in its Thumb and ARM builds and
//! under every execution tier, must print exactly what qemu-arm printed
//! (tests/guests/expected, made by scripts/build-guests), exit with the
//! same status, and end with the same icount and state hash in every tier.

mod common;

use common::*;

fn guest_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/guests"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "c").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

fn run_guest(name: &str, variant: &str, extra: &[&str]) -> (std::process::Output, TempDir) {
    let g = root().join("tests/guests");
    let bin = g.join(format!("bin/{name}.{variant}"));
    let args_file = g.join(format!("{name}.args"));
    let args = std::fs::read_to_string(&args_file).unwrap_or_default();
    let stdin = g.join(format!("{name}.stdin"));
    let dir = TempDir::fixed(name);
    let bin = bin.to_string_lossy().into_owned();
    let mut argv: Vec<&str> = vec!["user"];
    argv.extend(extra);
    argv.push(&bin);
    argv.extend(args.split_whitespace());
    let out = run_in(&dir.0, &argv, stdin.exists().then_some(stdin.as_path()));
    (out, dir)
}

#[test]
fn guests_match_qemu() {
    let names = guest_names();
    assert!(names.len() >= 10, "guest sources missing");
    let mut failures = Vec::new();
    for name in &names {
        let expected =
            std::fs::read(root().join(format!("tests/guests/expected/{name}.out"))).unwrap();
        let status: i32 =
            std::fs::read_to_string(root().join(format!("tests/guests/expected/{name}.status")))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
        for variant in ["thumb", "arm"] {
            let mut first: Option<(String, String)> = None;
            for tier in TIERS {
                let (out, _dir) = run_guest(name, variant, &["--stats", "--exec", tier]);
                if out.stdout != expected || out.status.code() != Some(status) {
                    failures.push(format!(
                        "{name}.{variant} --exec {tier}: status {:?} (want {status}), stdout {} bytes (want {}), stderr: {}",
                        out.status.code(),
                        out.stdout.len(),
                        expected.len(),
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                // fileio stats files it creates: their host inode numbers
                // and times land in guest memory, so only its icount is
                // compared.
                let (icount, mut hash) = icount_and_hash(&out);
                if name == "fileio" {
                    hash.clear();
                }
                match &first {
                    None => first = Some((icount, hash)),
                    Some(f) if *f != (icount.clone(), hash.clone()) => failures.push(format!(
                        "{name}.{variant}: --exec {tier} ends with {icount}, {hash}; interp with {}, {}",
                        f.0, f.1
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} guests differ from qemu-arm:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Two runs of the same program, one of them with the host loaded, end in
/// the same state (registers and memory hash) after the same number of
/// instructions.
#[test]
fn runs_are_deterministic() {
    for name in ["heap", "fprint", "control", "neon_misc", "bench_sort"] {
        let stats = |_: usize| {
            let (out, _d) = run_guest(name, "thumb", &["--stats"]);
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            let pick = |key: &str| err.lines().find(|l| l.starts_with(key)).map(str::to_owned);
            (
                pick("instructions retired").expect("stats printed"),
                pick("state hash").expect("hash printed"),
            )
        };
        let quiet = stats(0);
        // The second run competes with busy host threads for both cores:
        // host load must not change anything the guest does.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let burners: Vec<_> = (0..2)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut x = 0u64;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        x = std::hint::black_box(
                            x.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                })
            })
            .collect();
        let loaded = stats(1);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for b in burners {
            b.join().unwrap();
        }
        assert_eq!(
            quiet, loaded,
            "{name} differs between a quiet and a loaded run"
        );
    }
}

/// --seed changes what getrandom/AT_RANDOM give, so the state hash differs.
#[test]
fn seed_reaches_the_guest() {
    let hash = |seed: &str| {
        let (out, _d) = run_guest("heap", "thumb", &["--stats", "--seed", seed]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        err.lines()
            .find(|l| l.starts_with("state hash"))
            .unwrap()
            .to_owned()
    };
    assert_ne!(hash("1"), hash("2"));
}

#[test]
fn demo_runs_and_matches_qemu_output() {
    let dir = TempDir::new("demo");
    let out = run_in(&dir.0, &["demo"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("primes below 2000: 303"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("instructions retired"), "{err}");
}

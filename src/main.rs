//! `lockstep`: the command line. Builds a simulation from options, runs
//! it, and reports; everything guest-visible happens in the `sim` crate.

mod checkpoints;
mod control;
mod diff;
mod disas;
mod host;
mod progress;
mod record;
mod recording;
mod replay;
mod session;
mod snapfile;
mod stats;
mod system;
mod tape;
mod user;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Deterministic ARM (ARMv7-A) simulator: guest time is the retired
/// instruction count, so runs are exact and repeatable.
#[derive(Parser)]
#[command(name = "lockstep", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a static 32-bit ARM Linux executable (ARMv7: ARM, Thumb-2, VFP) in
    /// user mode: its system calls go to the host, its output to stdout.
    ///
    /// The exit status is the guest's. Time and randomness the guest sees
    /// are derived from the instruction count and --seed, so two runs are
    /// identical unless --host-time is given.
    #[command(trailing_var_arg = true)]
    User {
        #[command(flatten)]
        opts: UserOpts,
        /// The program (a statically linked 32-bit ARM ELF).
        program: std::path::PathBuf,
        /// Arguments passed to the program (argv[1..]).
        #[arg(allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run the built-in demo guest (a small Thumb-2 program computing
    /// primes, a CRC and Fibonacci numbers) and show statistics.
    Demo {
        #[command(flatten)]
        opts: UserOpts,
    },
    /// Run a bare-metal image on the virt board (system mode): an ELF
    /// linked for RAM at 0x40000000, or a raw image loaded there.
    ///
    /// The PL011 UART at 0x09000000 prints to stdout and reads stdin
    /// (interrupt 33). With --semihosting the guest can also print, read
    /// and exit through semihosting calls; the exit status is then the
    /// guest's. --disk attaches a virtio-blk disk (virtio-mmio at
    /// 0x0a003e00, interrupt 79). Devices, interrupts and time follow
    /// QEMU's virt board, so images built for `qemu-system-arm -M virt`
    /// run unchanged. Without IMAGE, runs a built-in demo guest: the
    /// generic timer interrupting through the GIC five times while the
    /// core sleeps in WFI, printing each tick's virtual time.
    Run {
        #[command(flatten)]
        opts: RunOpts,
        /// The image (ELF or raw). Default: the built-in demo.
        image: Option<std::path::PathBuf>,
    },
    /// Run a bare-metal image as `run` does and record it into a file
    /// that `lockstep replay` reproduces exactly, on this build or a later
    /// one, whatever the tier or host load.
    ///
    /// The recording holds the configuration and the hashes of the image
    /// and disk, a snapshot at reset, every input from outside (UART and
    /// semihosting input, host-clock reads) and device completion with
    /// its tick, and a checkpoint every --checkpoint-every ticks (hashes
    /// of the CPU state and of the memory written since the previous
    /// one). It is written as the run goes, so a killed recording still
    /// replays up to where it stopped. The disk is used through a private
    /// copy: the image stays as it was, for replays.
    #[command(trailing_var_arg = false)]
    Record {
        /// The recording to write.
        #[arg(short = 'o', long = "output", value_name = "RUN.lsr")]
        out: std::path::PathBuf,
        /// Also write a snapshot every N ticks (a multiple of
        /// --checkpoint-every), so `replay --seek` and `diff` start near
        /// where they are needed.
        #[arg(long, value_name = "N")]
        snapshot_every: Option<u64>,
        #[command(flatten)]
        opts: RunOpts,
        /// The image (ELF or raw). Default: the built-in demo.
        image: Option<std::path::PathBuf>,
    },
    /// Replay a recording: the same output, state and exit as the
    /// recorded run, checked at every checkpoint.
    ///
    /// The image and disk are found where the recording says unless given
    /// here; both must hash as recorded. The first checkpoint or device
    /// event that differs stops the replay with the icount, the PC, the
    /// registers that differ and the events just before. A recording cut
    /// short replays to its last whole record. Exit status: the guest's
    /// (0 if it did not exit), 1 on a divergence, 2 on a file that is not
    /// a recording.
    Replay {
        /// The recording.
        recording: std::path::PathBuf,
        /// The image, if not at the recorded path.
        #[arg(long, value_name = "FILE")]
        image: Option<std::path::PathBuf>,
        /// The disk image, if not at the recorded path.
        #[arg(long, value_name = "IMAGE")]
        disk: Option<std::path::PathBuf>,
        /// Start from the last snapshot before ICOUNT and replay from
        /// there to ICOUNT (reporting the state there), then on to the end.
        #[arg(long, value_name = "ICOUNT")]
        seek: Option<u64>,
        #[arg(long, value_enum, default_value_t = Exec::Tiered)]
        exec: Exec,
        /// Print statistics at the end (as `run --stats`).
        #[arg(long)]
        stats: bool,
        /// A control socket, as for `run`.
        #[arg(long, value_name = "PATH")]
        control: Option<std::path::PathBuf>,
    },
    /// Find where two runs part ways, or replay and run many at once.
    ///
    /// With two recordings (`lockstep record`): the first instruction
    /// where the guests diverge, with its icount, PC, symbol, and the
    /// registers and memory ranges that differ. Checkpoints find the
    /// interval; both are then replayed from their last snapshot before
    /// it and stepped one instruction at a time. With two checkpoint
    /// traces (`run --trace-checkpoints`), the first interval.
    ///
    /// With --batch: every FILE, a recording (replayed and checked) or an
    /// image (run with semihosting, no input), in parallel, and a table.
    ///
    /// Exit status 0 when they agree (every batch item ok), 1 when they
    /// differ, 2 on an unreadable file.
    Diff {
        /// Two recordings or traces; with --batch, any number of
        /// recordings and images.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
        /// Replay or run every FILE in parallel and print a table.
        #[arg(long)]
        batch: bool,
        /// Parallel jobs for --batch (default: one per core).
        #[arg(long, value_name = "N", requires = "batch")]
        jobs: Option<usize>,
        /// For --batch, stop images after N ticks.
        #[arg(long, value_name = "N", requires = "batch")]
        limit: Option<u64>,
    },
    /// Disassemble an ARM ELF file with capstone.
    ///
    /// Without ADDR, every executable section is disassembled, in ARM or
    /// Thumb state as the ELF mapping symbols ($a, $t; $d marks data, which
    /// is skipped) say, or as --thumb says where there are none (stripped
    /// files). With ADDR values, --count instructions are disassembled from
    /// each; an odd ADDR is a Thumb address (as in function pointers).
    ///
    /// Lines read `00010074: e92d4010   push {r4, lr}`; Thumb encodings
    /// show halfwords, first first: `4770` or `f8d1 2004`.
    Disas {
        /// The ELF file (executable or object).
        file: std::path::PathBuf,
        /// Addresses to start at: hex (0x10074) or decimal.
        #[arg(value_name = "ADDR", value_parser = disas::parse_addr)]
        addrs: Vec<u32>,
        /// Code without mapping symbols is Thumb (default: ARM).
        #[arg(long)]
        thumb: bool,
        /// Instructions to show from each ADDR.
        #[arg(
            long,
            short = 'n',
            value_name = "N",
            default_value_t = 16,
            requires = "addrs"
        )]
        count: usize,
        /// Also show the pattern Lockstep's own decoder picks for each
        /// instruction (e.g. ADD_rrri, or UNDEFINED): a second opinion.
        #[arg(long)]
        decoder: bool,
    },
}

/// What `--trace` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Trace {
    /// Each executed instruction: icount, address, encoding, disassembly.
    Insn,
}

/// Which execution tier runs guest code (`--exec`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Exec {
    /// The reference interpreter only.
    Interp,
    /// Compile every block with Cranelift before it first runs.
    Jit,
    /// Interpret cold code; compile hot blocks on a background thread.
    Tiered,
}

#[derive(Args, Clone)]
pub struct UserOpts {
    /// Print instructions retired, time, MIPS, per-tier shares and compile
    /// times to stderr at exit.
    #[arg(long)]
    stats: bool,
    /// Write the same statistics as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    stats_json: Option<std::path::PathBuf>,
    /// Execution tier. The choice never changes results, icount or state
    /// hash, only speed.
    #[arg(long, value_enum, default_value_t = Exec::Tiered)]
    exec: Exec,
    /// Let the guest read the host's wall clock (not deterministic).
    #[arg(long)]
    host_time: bool,
    /// Seed for AT_RANDOM and getrandom.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Stop after this many instructions (exit status 124).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Set a guest environment variable (repeatable). The guest gets no
    /// host environment, so runs do not depend on it.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    env: Vec<String>,
    /// argv[0] for the guest (default: the program path).
    #[arg(long, value_name = "NAME")]
    argv0: Option<String>,
    /// Trace execution to stderr (or --trace-file), one line per
    /// instruction: `ICOUNT ADDRESS: ENCODING  DISASSEMBLY` (capstone's).
    /// A few times slower than a plain run. Forked children are not traced.
    #[arg(long, value_enum, value_name = "WHAT")]
    trace: Option<Trace>,
    /// Write the trace to this file instead of stderr.
    #[arg(long, value_name = "PATH", requires = "trace")]
    trace_file: Option<std::path::PathBuf>,
}

#[derive(Args, Clone)]
pub struct RunOpts {
    /// Print instructions retired, ticks, exceptions and time to stderr.
    #[arg(long)]
    stats: bool,
    /// Execution tier. The choice never changes results or icount.
    #[arg(long, value_enum, default_value_t = Exec::Tiered)]
    exec: Exec,
    /// Serve ARM semihosting calls (SVC 0x123456 / SVC 0xAB, HLT): print,
    /// read stdin, clocks, exit with a status.
    #[arg(long)]
    semihosting: bool,
    /// One tick of guest time is 2^N ns of virtual time (as QEMU's
    /// -icount shift=N, 0-10).
    #[arg(long, value_name = "N", default_value_t = 3)]
    icount_shift: u32,
    /// RAM size in MiB.
    #[arg(long = "ram", value_name = "MIB", default_value_t = 128)]
    ram_mib: u32,
    /// Stop after this many ticks (exit status 124).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// The RTC and semihosting SYS_TIME read the host's clock (not
    /// deterministic).
    #[arg(long)]
    host_time: bool,
    /// Stop after this many seconds of host time (exit status 124). Where
    /// the run stops then depends on the host; what it computed up to
    /// there does not.
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// A raw disk image for the virtio-blk device (virtio-mmio at
    /// 0x0a003e00, interrupt 79, as QEMU's first -device). The guest reads
    /// and writes the file in place.
    #[arg(long, value_name = "IMAGE")]
    disk: Option<std::path::PathBuf>,
    /// Write a hash of the CPU state every --checkpoint-every ticks to
    /// FILE, to compare runs (of two builds, say) with `lockstep diff`.
    #[arg(long, value_name = "FILE")]
    trace_checkpoints: Option<std::path::PathBuf>,
    /// Ticks between checkpoints (of --trace-checkpoints, or of a
    /// recording).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    checkpoint_every: u64,
    /// Start from a snapshot (written by the control socket's savevm, or
    /// a recording's last one) instead of reset. The machine is built as
    /// the snapshot's header says (image, RAM, clock, disk); IMAGE and
    /// --disk override where the image and disk are found, and must be
    /// the same files (checked by hash). The disk is used through a
    /// private copy.
    #[arg(long, value_name = "SNAP")]
    load: Option<std::path::PathBuf>,
    /// Listen for commands on a Unix socket at PATH (mode 0600), one JSON
    /// object per line in QMP's style: {"execute": "stop"}, "cont",
    /// "query-status", "savevm" with {"arguments": {"file": F}}, "quit".
    /// Stopping and continuing never changes what the guest does.
    #[arg(long, value_name = "PATH")]
    control: Option<std::path::PathBuf>,
    /// Give the disk the legacy virtio-mmio interface (version 1), which
    /// QEMU's virt board uses unless told `-global
    /// virtio-mmio.force-legacy=false`; the default is the modern one.
    #[arg(long, requires = "disk")]
    virtio_legacy: bool,
}

impl RunOpts {
    /// What `diff --batch` runs images with: the defaults, semihosting on.
    pub fn for_batch() -> RunOpts {
        RunOpts {
            stats: false,
            exec: Exec::Tiered,
            semihosting: true,
            icount_shift: 3,
            ram_mib: 128,
            limit: None,
            host_time: false,
            timeout: None,
            disk: None,
            trace_checkpoints: None,
            checkpoint_every: 1_000_000,
            load: None,
            control: None,
            virtio_legacy: false,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::User {
            opts,
            program,
            args,
        } => user::run_file(&program, &args, &opts),
        Command::Demo { mut opts } => {
            opts.stats = true;
            user::run_demo(&opts)
        }
        Command::Run { opts, image } => system::run(image.as_deref(), &opts),
        Command::Record {
            out,
            snapshot_every,
            opts,
            image,
        } => record::record(
            image.as_deref(),
            &opts,
            &record::RecordOpts {
                out: &out,
                checkpoint_every: opts.checkpoint_every,
                snapshot_every,
            },
        ),
        Command::Replay {
            recording,
            image,
            disk,
            seek,
            exec,
            stats,
            control,
        } => replay::replay(
            &recording,
            &replay::ReplayOpts {
                image,
                disk,
                exec,
                stats,
                seek,
                control,
            },
        ),
        Command::Diff {
            files,
            batch,
            jobs,
            limit,
        } => match (batch, files.as_slice()) {
            (true, _) => diff::batch(&files, jobs, limit),
            (false, [a, b]) => diff::diff(a, b),
            (false, _) => Err(anyhow::anyhow!(
                "diff compares two files (or give --batch for many); got {}",
                files.len()
            )),
        },
        Command::Disas {
            file,
            addrs,
            thumb,
            count,
            decoder,
        } => disas::run(&disas::DisasOpts {
            file,
            addrs,
            thumb,
            count,
            decoder,
        }),
    };
    match result {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("lockstep: {e:#}");
            std::process::exit(1);
        }
    }
}

//! `lockstep`: the command line. Builds a simulation from options, runs
//! it, and reports; everything guest-visible happens in the `sim` crate.

mod host;
mod user;

use clap::{Args, Parser, Subcommand};

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
}

#[derive(Args, Clone)]
pub struct UserOpts {
    /// Print instructions retired, wall time and MIPS to stderr at exit.
    #[arg(long)]
    stats: bool,
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
    };
    match result {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("lockstep: {e:#}");
            std::process::exit(1);
        }
    }
}

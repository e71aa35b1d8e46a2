//! The control socket (`--control PATH`): a Unix-domain socket, owner-only,
//! speaking JSON lines in the style of QEMU's QMP. Each request is an
//! object `{"execute": NAME, "arguments": {...}}`; each answer one line,
//! `{"return": {...}}` or `{"error": {"class": ..., "desc": ...}}`.
//!
//! Commands: `stop`, `cont`, `query-status` (running, icount, tick, pc),
//! `savevm` (`{"file": PATH}`: a snapshot `lockstep run --load` takes),
//! `quit`. A listener thread parses requests and hands them to the CPU
//! thread, which answers between slices of the run, so a command never
//! lands inside guest execution and never changes what the guest does.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use crossbeam::channel::{unbounded, Receiver, Sender};
use serde_json::{json, Value};

#[derive(Debug)]
pub enum Command {
    Stop,
    Cont,
    QueryStatus,
    SaveVm(PathBuf),
    Quit,
}

pub enum Reply {
    Ok,
    Status {
        running: bool,
        icount: u64,
        tick: u64,
        pc: u32,
    },
    Error(String),
}

impl Reply {
    fn json(&self) -> Value {
        match self {
            Reply::Ok => json!({ "return": {} }),
            Reply::Status {
                running,
                icount,
                tick,
                pc,
            } => json!({ "return": {
                "running": running,
                "status": if *running { "running" } else { "paused" },
                "icount": icount,
                "tick": tick,
                "pc": pc,
            }}),
            Reply::Error(desc) => error(desc),
        }
    }
}

fn error(desc: &str) -> Value {
    json!({ "error": { "class": "GenericError", "desc": desc } })
}

/// A command and how to answer it.
pub type Request = (Command, Box<dyn FnOnce(Reply) + Send>);

pub struct Control {
    rx: Receiver<Request>,
    path: PathBuf,
}

impl Drop for Control {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Control {
    /// Listens on a new socket at `path` (mode 0600).
    pub fn listen(path: &Path) -> Result<Control> {
        if path.exists() {
            // A socket nobody listens on is what a killed run leaves.
            use std::os::unix::fs::FileTypeExt;
            let socket = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_socket());
            let stale = socket
                && matches!(
                    UnixStream::connect(path),
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused
                );
            if !stale {
                bail!(
                    "control socket {}: the path exists and is not a dead socket (another run's? remove it first)",
                    path.display()
                );
            }
            std::fs::remove_file(path)
                .with_context(|| format!("cannot remove the dead socket {}", path.display()))?;
        }
        // SAFETY: umask only changes this process's file-creation mask;
        // the socket is created with no group or other bits at all, so
        // there is no moment when others could connect.
        let old = unsafe { libc::umask(0o177) };
        let bound = UnixListener::bind(path);
        unsafe { libc::umask(old) };
        let listener =
            bound.with_context(|| format!("cannot create control socket {}", path.display()))?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict control socket {}", path.display()))?;
        let (tx, rx) = unbounded();
        std::thread::Builder::new()
            .name("lockstep-control".into())
            .spawn(move || {
                for conn in listener.incoming().flatten() {
                    let tx = tx.clone();
                    let _ = std::thread::Builder::new()
                        .name("lockstep-control-conn".into())
                        .spawn(move || serve(conn, tx));
                }
            })
            .context("cannot start the control socket's thread")?;
        Ok(Control {
            rx,
            path: path.to_path_buf(),
        })
    }

    /// A command that has come, if any.
    pub fn poll(&self) -> Option<Request> {
        self.rx.try_recv().ok()
    }

    /// Waits for a command (the machine is stopped).
    pub fn wait(&self) -> Option<Request> {
        self.rx.recv().ok()
    }
}

/// Parses one request line; an error is the answer to send back.
pub fn parse(line: &str) -> Result<Command, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let name = v
        .get("execute")
        .and_then(Value::as_str)
        .ok_or("a request is an object with an \"execute\" string")?;
    Ok(match name {
        "stop" => Command::Stop,
        "cont" => Command::Cont,
        "query-status" => Command::QueryStatus,
        "quit" => Command::Quit,
        "savevm" => {
            let file = v
                .pointer("/arguments/file")
                .and_then(Value::as_str)
                .ok_or("savevm needs {\"arguments\": {\"file\": PATH}}")?;
            Command::SaveVm(PathBuf::from(file))
        }
        other => {
            return Err(format!(
                "unknown command {other:?} (stop, cont, query-status, savevm, quit)"
            ))
        }
    })
}

fn serve(conn: UnixStream, tx: Sender<Request>) {
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    let greeting = json!({ "QMP": { "version": { "lockstep": env!("CARGO_PKG_VERSION") }, "capabilities": [] } });
    if writeln!(out, "{greeting}").is_err() {
        return;
    }
    for line in BufReader::new(conn).lines() {
        let Ok(line) = line else { return };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match parse(&line) {
            Err(e) => error(&e),
            Ok(cmd) => {
                let (rtx, rrx) = unbounded();
                let reply: Box<dyn FnOnce(Reply) + Send> = Box::new(move |r| {
                    let _ = rtx.send(r.json());
                });
                if tx.send((cmd, reply)).is_err() {
                    error("the run has ended")
                } else {
                    rrx.recv().unwrap_or_else(|_| error("the run has ended"))
                }
            }
        };
        if writeln!(out, "{answer}").is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse_and_bad_ones_say_why() {
        assert!(matches!(parse(r#"{"execute":"stop"}"#), Ok(Command::Stop)));
        assert!(matches!(
            parse(r#"{"execute":"savevm","arguments":{"file":"/tmp/x"}}"#),
            Ok(Command::SaveVm(p)) if p == Path::new("/tmp/x")
        ));
        assert!(parse("{").unwrap_err().contains("malformed JSON"));
        assert!(parse(r#"{"execute":"reboot"}"#)
            .unwrap_err()
            .contains("unknown command"));
        assert!(parse(r#"{"execute":"savevm"}"#)
            .unwrap_err()
            .contains("file"));
        assert!(parse(r#"[1,2]"#).unwrap_err().contains("execute"));
    }
}

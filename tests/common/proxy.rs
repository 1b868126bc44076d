//! A TCP relay between a program and a database server, to take the server away and give it
//! back under a running program without touching the server itself (which other tests use):
//! `stop` closes every connection and refuses new ones, as a server that stops or restarts
//! does; `silence` keeps connections open but passes nothing on, as a network that drops
//! packets does; `cut_at_commit` passes on the COMMIT of the next transaction that sent a
//! given statement and then stops, so the server commits but its answer never arrives; `resume` relays again.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

const UP: u8 = 0;
const STOPPED: u8 = 1;
const SILENT: u8 = 2;
/// Up, until the client sends a COMMIT after the statement watched for: it is passed on,
/// then the relay stops.
const CUT_AT_COMMIT: u8 = 3;
/// How long the server is given to commit before the relay stops.
const COMMIT_TIME: std::time::Duration = std::time::Duration::from_millis(300);

/// A relay on a port of its own on 127.0.0.1.
pub struct Proxy {
    pub port: u16,
    mode: Arc<AtomicU8>,
    open: Open,
    cut_after: Arc<Mutex<&'static str>>,
}

type Open = Arc<Mutex<Vec<TcpStream>>>;

/// The client's side of a connection, whose COMMIT may cut the relay: the relay's
/// connections, and the statement whose transaction's COMMIT does.
struct Cut {
    open: Open,
    after: Arc<Mutex<&'static str>>,
}

/// Copies what `from` sends to `to` while the relay is up; drops it while it is silent.
fn relay(mut from: TcpStream, mut to: TcpStream, mode: Arc<AtomicU8>, cut: Option<Cut>) {
    let mut buf = [0u8; 16 * 1024];
    let mut seen = false;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        match mode.load(Ordering::SeqCst) {
            UP => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            CUT_AT_COMMIT => {
                let commits = cut.as_ref().is_some_and(|cut| {
                    let after = *cut.after.lock().expect("relay statement");
                    seen |= holds(&buf[..n], after.as_bytes());
                    seen && holds(&buf[..n], b"COMMIT")
                });
                if commits {
                    // Nothing more reaches the program: the server's answer is lost.
                    mode.store(SILENT, Ordering::SeqCst);
                }
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
                if let (true, Some(cut)) = (commits, &cut) {
                    std::thread::sleep(COMMIT_TIME);
                    stop(&mode, &cut.open);
                    break;
                }
            }
            SILENT => {}
            _ => break,
        }
    }
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
}

impl Proxy {
    /// Relays to `upstream` (`host:port`).
    pub fn start(upstream: &str) -> Proxy {
        let upstream: SocketAddr = upstream
            .to_socket_addrs()
            .expect("upstream address")
            .next()
            .expect("an upstream address");
        let listener = TcpListener::bind("127.0.0.1:0").expect("relay port");
        let port = listener.local_addr().expect("relay address").port();
        let mode = Arc::new(AtomicU8::new(UP));
        let open = Arc::new(Mutex::new(Vec::new()));
        let cut_after = Arc::new(Mutex::new("COMMIT"));
        let (m, o, a) = (mode.clone(), open.clone(), cut_after.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if m.load(Ordering::SeqCst) == STOPPED {
                    drop(client);
                    continue;
                }
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let pair = (client.try_clone(), server.try_clone());
                let (Ok(client_back), Ok(server_back)) = pair else {
                    continue;
                };
                if let Ok(mut open) = o.lock() {
                    open.push(client.try_clone().expect("clone"));
                    open.push(server.try_clone().expect("clone"));
                }
                let cut = Some(Cut {
                    open: o.clone(),
                    after: a.clone(),
                });
                let (up, down) = (m.clone(), m.clone());
                std::thread::spawn(move || relay(client, server_back, up, cut));
                std::thread::spawn(move || relay(server, client_back, down, None));
            }
        });
        Proxy {
            port,
            mode,
            open,
            cut_after,
        }
    }

    /// Closes every connection and refuses new ones.
    pub fn stop(&self) {
        stop(&self.mode, &self.open);
    }

    /// Relays until the program sends the COMMIT of a transaction that sent `statement`
    /// (e.g. "INSERT INTO meeting_events"), passes it on, gives the server time to commit,
    /// then stops (as `stop`): the write is made, its answer lost.
    pub fn cut_at_commit(&self, statement: &'static str) {
        *self.cut_after.lock().expect("relay statement") = statement;
        self.mode.store(CUT_AT_COMMIT, Ordering::SeqCst);
    }

    /// Passes nothing on, in either direction, keeping connections open.
    pub fn silence(&self) {
        self.mode.store(SILENT, Ordering::SeqCst);
    }

    /// Relays again (new connections; a silenced one may have lost what it sent).
    pub fn resume(&self) {
        self.mode.store(UP, Ordering::SeqCst);
    }
}

/// Closes every connection and refuses new ones.
fn stop(mode: &AtomicU8, open: &Mutex<Vec<TcpStream>>) {
    mode.store(STOPPED, Ordering::SeqCst);
    for stream in open.lock().expect("relay list").drain(..) {
        let _ = stream.shutdown(Shutdown::Both);
    }
}

/// Whether `bytes` hold `part`.
fn holds(bytes: &[u8], part: &[u8]) -> bool {
    bytes.windows(part.len()).any(|w| w == part)
}

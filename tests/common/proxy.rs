//! A TCP relay between a program and a database server, to take the server away and give it
//! back under a running program without touching the server itself (which other tests use):
//! `stop` closes every connection and refuses new ones, as a server that stops or restarts
//! does; `silence` keeps connections open but passes nothing on, as a network that drops
//! packets does; `resume` relays again.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

const UP: u8 = 0;
const STOPPED: u8 = 1;
const SILENT: u8 = 2;

/// A relay on a port of its own on 127.0.0.1.
pub struct Proxy {
    pub port: u16,
    mode: Arc<AtomicU8>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

/// Copies what `from` sends to `to` while the relay is up; drops it while it is silent.
fn relay(mut from: TcpStream, mut to: TcpStream, mode: Arc<AtomicU8>) {
    let mut buf = [0u8; 16 * 1024];
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
        let (m, o) = (mode.clone(), open.clone());
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
                let (up, down) = (m.clone(), m.clone());
                std::thread::spawn(move || relay(client, server_back, up));
                std::thread::spawn(move || relay(server, client_back, down));
            }
        });
        Proxy { port, mode, open }
    }

    /// Closes every connection and refuses new ones.
    pub fn stop(&self) {
        self.mode.store(STOPPED, Ordering::SeqCst);
        for stream in self.open.lock().expect("relay list").drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
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

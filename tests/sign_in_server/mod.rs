//! A git remote over HTTP on this machine that asks every request for a sign-in (401, Basic)
//! and records the `Authorization` headers it was sent: what the sync tests use to check that a
//! remote that wants a password gets the one given, and that Margin says when it has none.

#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The server: its address and what it was sent.
pub struct SignInServer {
    /// The remote's address (`http://127.0.0.1:PORT/team.git`).
    pub url: String,
    sent: Arc<Mutex<Vec<String>>>,
}

impl SignInServer {
    /// Start it on a free port (it runs until the test process ends).
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/team.git", listener.local_addr().unwrap());
        let sent = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&sent);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(value) = line
                        .split_once(':')
                        .filter(|(name, _)| name.eq_ignore_ascii_case("authorization"))
                        .map(|(_, v)| v.trim().to_owned())
                    {
                        record.lock().unwrap().push(value);
                    }
                    line.clear();
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"team\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
        Self { url, sent }
    }

    /// The `Authorization` headers received so far.
    pub fn authorizations(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }
}

/// The Basic authorization header value for `user` and `secret`.
pub fn basic(user: &str, secret: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"));
    format!("Basic {encoded}")
}

//! A real SMTP server on 127.0.0.1 for the tests: it speaks just enough of
//! the protocol (EHLO, MAIL, RCPT, DATA, QUIT) for lettre, records every
//! message it accepts, and can be told to refuse messages (a mail server that
//! is down for a while).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub port: u16,
    messages: Arc<Mutex<Vec<String>>>,
    refusing: Arc<AtomicBool>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = SmtpSink {
            port: listener.local_addr().unwrap().port(),
            ..SmtpSink::default()
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move {
                    let _ = server.session(stream).await;
                });
            }
        });
        sink
    }

    /// `smtp://127.0.0.1:PORT?tls=none`, for `SmtpSettings::parse`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// While true, every message is refused with a temporary error (451).
    pub fn refuse(&self, refusing: bool) {
        self.refusing.store(refusing, Ordering::SeqCst);
    }

    /// Every message accepted so far, headers and body as received.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    /// The messages with quoted-printable undone (soft line breaks joined,
    /// `=3D` back to `=`), as a mail program would show them.
    pub fn decoded_messages(&self) -> Vec<String> {
        self.messages()
            .iter()
            .map(|m| decode_quoted_printable(m))
            .collect()
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
        while let Some(line) = lines.next_line().await? {
            let command = line.to_ascii_uppercase();
            if command.starts_with("EHLO") || command.starts_with("HELO") {
                write
                    .write_all(b"250-sink.test\r\n250 8BITMIME\r\n")
                    .await?;
            } else if command.starts_with("MAIL FROM") || command.starts_with("RCPT TO") {
                write.write_all(b"250 OK\r\n").await?;
            } else if command == "DATA" {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut message = String::new();
                while let Some(data) = lines.next_line().await? {
                    if data == "." {
                        break;
                    }
                    message.push_str(data.strip_prefix('.').unwrap_or(&data));
                    message.push('\n');
                }
                if self.refusing.load(Ordering::SeqCst) {
                    write.write_all(b"451 Try again later\r\n").await?;
                } else {
                    self.messages.lock().unwrap().push(message);
                    write.write_all(b"250 OK: queued\r\n").await?;
                }
            } else if command == "RSET" || command == "NOOP" {
                write.write_all(b"250 OK\r\n").await?;
            } else if command == "QUIT" {
                write.write_all(b"221 Bye\r\n").await?;
                break;
            } else {
                write.write_all(b"502 Not implemented\r\n").await?;
            }
        }
        Ok(())
    }
}

fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'=')
            .then(|| joined.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

//! One keep-alive HTTP/1.1 connection per simulated respondent (hyper's low-level client:
//! no pool, so a respondent never borrows another's connection).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, bail};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// The server under test.
#[derive(Clone, Debug)]
pub struct Server {
    /// Where to connect.
    pub addr: SocketAddr,
    /// `http://HOST:PORT`, sent as `Origin` (the server's same-origin check).
    pub origin: String,
    /// `HOST:PORT`, sent as `Host`.
    pub authority: String,
}

impl Server {
    /// Parses `http://IP:PORT` (what `kantel serve` prints; a trailing slash is fine).
    pub fn parse(url: &str) -> anyhow::Result<Server> {
        let trimmed = url.trim().trim_end_matches('/');
        let Some(authority) = trimmed.strip_prefix("http://") else {
            bail!("--server must be http://IP:PORT (got {url:?}); https is not supported");
        };
        let addr: SocketAddr = authority.parse().with_context(|| {
            format!("--server must be http://IP:PORT with a numeric address (got {url:?})")
        })?;
        Ok(Server {
            addr,
            origin: format!("http://{authority}"),
            authority: authority.to_owned(),
        })
    }
}

/// What became of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The server answered with this status (and body, for error reports).
    Status(StatusCode, Bytes),
    /// The connection failed before an answer came: the save may or may not be stored.
    Failed(&'static str),
}

/// An open connection.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
}

impl Connection {
    /// Connects (TCP_NODELAY: a save is one small request, it must not wait for Nagle).
    pub async fn open(server: &Server) -> Result<Connection, &'static str> {
        let stream = TcpStream::connect(server.addr)
            .await
            .map_err(|_| "connect")?;
        stream.set_nodelay(true).map_err(|_| "connect")?;
        let (sender, conn) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|_| "handshake")?;
        // The connection task ends when the server closes or the sender is dropped.
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Connection { sender })
    }

    /// Whether the connection can take another request.
    pub fn is_open(&self) -> bool {
        !self.sender.is_closed()
    }

    /// Sends a form POST and reads the whole answer (so the connection is reusable).
    pub async fn post_form(
        &mut self,
        server: &Server,
        path: &str,
        body: String,
        htmx: bool,
        timeout: Duration,
    ) -> Reply {
        let mut request = Request::builder();
        if htmx {
            request = request.header("hx-request", "true");
        }
        let request = request
            .method(Method::POST)
            .uri(path)
            .header(HOST, &server.authority)
            .header(ORIGIN, &server.origin)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(CONTENT_LENGTH, body.len())
            .body(Full::new(Bytes::from(body)));
        let request = match request {
            Ok(r) => r,
            Err(_) => return Reply::Failed("request"),
        };
        let exchange = async {
            self.sender.ready().await.map_err(|_| "closed")?;
            let response = self.sender.send_request(request).await.map_err(|_| "io")?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|_| "io")?
                .to_bytes();
            Ok::<Reply, &'static str>(Reply::Status(status, body))
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(Ok(reply)) => reply,
            Ok(Err(kind)) => Reply::Failed(kind),
            Err(_) => Reply::Failed("timeout"),
        }
    }
}

/// `application/x-www-form-urlencoded` for one value.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 0x0f)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers() {
        let s = Server::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(s.origin, "http://127.0.0.1:8080");
        assert_eq!(s.authority, "127.0.0.1:8080");
        assert!(Server::parse("https://127.0.0.1:1").is_err());
        assert!(Server::parse("http://localhost:1").is_err());
        assert!(Server::parse("127.0.0.1:1").is_err());
    }

    #[test]
    fn encoding() {
        assert_eq!(form_encode("C1_1"), "C1_1");
        assert_eq!(form_encode("a b&c=é"), "a+b%26c%3D%C3%A9");
    }
}

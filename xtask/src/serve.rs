//! `cargo xtask book --serve`: serve the rendered book on 127.0.0.1 and
//! rebuild it, and reload open pages, whenever a source file changes.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use tungstenite::{Message, WebSocket};

/// The path that mdBook's live-reload script connects to.
pub const LIVE_RELOAD: &str = "__livereload";

type Clients = Arc<Mutex<Vec<WebSocket<TcpStream>>>>;

/// What the build of the workspace at `root` writes into `output`, and so
/// must not count as a change of the sources: the figures and generated
/// tables (`book/figures/`, `book/generated/`), `target/`, and `output`.
pub fn build_outputs(root: &Path, output: &Path) -> Vec<PathBuf> {
    vec![
        root.join("book").join("figures"),
        root.join("book").join("generated"),
        root.join("target"),
        std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf()),
    ]
}

/// Whether `path` is one of `ignored`, or inside one.
pub fn is_ignored(path: &Path, ignored: &[PathBuf]) -> bool {
    ignored.iter().any(|skip| path.starts_with(skip))
}

/// Serve `output` on `127.0.0.1:port`, calling `rebuild` whenever a file
/// under one of `watched`, and not under one of `ignored`, changes. Runs
/// until the process is stopped.
pub fn serve(
    output: &Path,
    port: u16,
    watched: Vec<PathBuf>,
    ignored: Vec<PathBuf>,
    rebuild: impl Fn() -> Result<()> + Send + 'static,
) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port)).with_context(|| {
        format!(
            "cannot listen on 127.0.0.1:{port} (is another server using it? try --port)"
        )
    })?;
    println!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        output.display()
    );
    let clients: Clients = Arc::default();
    let watcher_clients = Arc::clone(&clients);
    std::thread::spawn(move || watch(&watched, &ignored, rebuild, &watcher_clients));
    for stream in listener.incoming().flatten() {
        let output = output.to_path_buf();
        let clients = Arc::clone(&clients);
        std::thread::spawn(move || {
            if let Err(error) = answer(stream, &output, &clients) {
                eprintln!("serve: {error:#}");
            }
        });
    }
    Ok(())
}

/// Poll the sources twice a second; on a change rebuild and tell every page to reload.
fn watch(
    watched: &[PathBuf],
    ignored: &[PathBuf],
    rebuild: impl Fn() -> Result<()>,
    clients: &Clients,
) {
    let mut last = newest_change(watched, ignored);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = newest_change(watched, ignored);
        if now == last {
            continue;
        }
        last = now;
        println!("change seen: rebuilding");
        match rebuild() {
            Ok(()) => {
                let mut open = clients.lock().expect("client list poisoned");
                for mut socket in open.drain(..) {
                    let _ = socket.send(Message::text("reload"));
                }
            }
            Err(error) => eprintln!("rebuild failed:\n{error:#}"),
        }
    }
}

/// The latest modification time of any file below the watched folders,
/// leaving out the `ignored` ones.
fn newest_change(watched: &[PathBuf], ignored: &[PathBuf]) -> Option<SystemTime> {
    let mut newest = None;
    let mut stack: Vec<PathBuf> = watched.to_vec();
    while let Some(path) = stack.pop() {
        if is_ignored(&path, ignored) {
            continue; // written by the build itself
        }
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if let Ok(modified) = meta.modified() {
            newest = newest.max(Some(modified));
        }
    }
    newest
}

/// Answer one connection: a live-reload socket, or a file of the book.
fn answer(stream: TcpStream, output: &Path, clients: &Clients) -> Result<()> {
    let mut head = [0u8; 512];
    let seen = stream.peek(&mut head)?;
    let request = String::from_utf8_lossy(&head[..seen]);
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    if path.trim_start_matches('/') == LIVE_RELOAD {
        let socket =
            tungstenite::accept(stream).map_err(|e| anyhow::anyhow!("websocket: {e}"))?;
        clients.lock().expect("client list poisoned").push(socket);
        return Ok(());
    }
    send_file(stream, output, &path)
}

fn send_file(mut stream: TcpStream, output: &Path, path: &str) -> Result<()> {
    let mut request = [0u8; 8192];
    let _ = stream.read(&mut request)?;
    let Response {
        status,
        content_type,
        body,
    } = respond(output, path);
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(&body)?;
    Ok(())
}

/// What the server answers to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status line's code and reason, `200 OK` or `404 Not Found`.
    pub status: &'static str,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The answer to a request for `path` (the request line's target) from the
/// book rendered into `output`: the file, or a folder's `index.html`, with
/// `200 OK`; for anything else (a missing file, a path that climbs out
/// with `..`) the book's 404 page with `404 Not Found`.
pub fn respond(output: &Path, path: &str) -> Response {
    let relative = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let mut file = output.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let climbs_out = relative.split('/').any(|part| part == "..");
    match std::fs::read(&file) {
        Ok(body) if !climbs_out => Response {
            status: "200 OK",
            content_type: content_type(&file),
            body,
        },
        _ => Response {
            status: "404 Not Found",
            content_type: "text/html; charset=utf-8",
            body: std::fs::read(output.join("404.html")).unwrap_or_default(),
        },
    }
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_build_writes_is_ignored() {
        let root = Path::new("/w");
        let ignored = build_outputs(root, &root.join("target").join("book"));
        let ignored_path = |p: &str| is_ignored(&root.join(p), &ignored);
        assert!(ignored_path("book/figures"));
        assert!(ignored_path("book/figures/lstm-memory-gates.svg"));
        assert!(ignored_path("book/generated/ch03-benchmarks.md"));
        assert!(ignored_path("target"));
        assert!(ignored_path("target/book/index.html"));
        // The figure style's crate, its sources and the chapters' figure code are sources.
        assert!(!ignored_path("chapters-code/figures"));
        assert!(!ignored_path("chapters-code/figures/src/style.rs"));
        assert!(!ignored_path("chapters-code/ch03-2-lstm/src/figures.rs"));
        assert!(!ignored_path("book/ch03-2-lstm.md"));
        assert!(!ignored_path("book/results/ch04-imdb.json"));
        assert!(!ignored_path("book/figures-notes.md"));
        // A book rendered elsewhere is ignored too.
        let elsewhere = build_outputs(root, Path::new("/w/book/out"));
        assert!(is_ignored(Path::new("/w/book/out/index.html"), &elsewhere));
    }
}

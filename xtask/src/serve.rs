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

/// Serve `output` on `127.0.0.1:port`, calling `rebuild` whenever a file
/// under one of `watched` changes. Runs until the process is stopped.
pub fn serve(
    output: &Path,
    port: u16,
    watched: Vec<PathBuf>,
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
    std::thread::spawn(move || watch(&watched, rebuild, &watcher_clients));
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
fn watch(watched: &[PathBuf], rebuild: impl Fn() -> Result<()>, clients: &Clients) {
    let mut last = newest_change(watched);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = newest_change(watched);
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

/// The latest modification time of any file below the watched folders.
fn newest_change(watched: &[PathBuf]) -> Option<SystemTime> {
    let mut newest = None;
    let mut stack: Vec<PathBuf> = watched.to_vec();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if ["figures", "generated", "target"]
                .iter()
                .any(|skip| path.ends_with(skip))
            {
                continue; // written by the build itself
            }
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
    let relative = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let mut file = output.join(relative);
    if relative.split('/').any(|part| part == "..") {
        file = output.join("404.html");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(body) => ("200 OK", body),
        Err(_) => (
            "404 Not Found",
            std::fs::read(output.join("404.html")).unwrap_or_default(),
        ),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(&body)?;
    Ok(())
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

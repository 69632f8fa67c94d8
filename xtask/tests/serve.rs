//! What `cargo xtask book --serve` answers: the book's pages, and its 404
//! page with the status 404 for anything else.

use xtask::serve::respond;

/// Fault(output): `cargo xtask book --serve` asked for a page the book does not have, or for a path that climbs out with `..` | the book's 404 page, sent with the status 404 Not Found (not 200)
#[test]
fn a_missing_page_is_answered_with_status_404() {
    let book = tempfile::tempdir().unwrap();
    std::fs::write(book.path().join("index.html"), "the book").unwrap();
    std::fs::write(book.path().join("404.html"), "no such page").unwrap();
    std::fs::create_dir(book.path().join("figures")).unwrap();
    std::fs::write(book.path().join("figures/a.svg"), "<svg/>").unwrap();
    let found = respond(book.path(), "/");
    assert_eq!(
        (found.status, &found.body[..]),
        ("200 OK", &b"the book"[..])
    );
    let figure = respond(book.path(), "/figures/a.svg?v=2");
    assert_eq!(figure.status, "200 OK");
    assert_eq!(figure.content_type, "image/svg+xml");
    for missing in [
        "/no-such-page.html",
        "/figures/missing.png",
        "/figures/",
        "/../index.html",
    ] {
        let answer = respond(book.path(), missing);
        assert_eq!(answer.status, "404 Not Found", "{missing}");
        assert_eq!(answer.body, b"no such page", "{missing}");
        assert_eq!(answer.content_type, "text/html; charset=utf-8", "{missing}");
    }
}

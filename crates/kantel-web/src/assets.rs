//! The style sheet and htmx, compiled into the binary and served under a name that
//! contains a hash of their content, so browsers may keep them for a year: a new version
//! has a new URL.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::{AppError, AppState};

struct Asset {
    url: String,
    bytes: &'static [u8],
    content_type: &'static str,
}

fn asset(stem: &str, ext: &str, bytes: &'static [u8], content_type: &'static str) -> Asset {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    Asset {
        url: format!("/assets/{stem}-{hash}.{ext}"),
        bytes,
        content_type,
    }
}

static CSS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "kantel",
        "css",
        include_bytes!("../assets/kantel.css"),
        "text/css; charset=utf-8",
    )
});

static HTMX: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "htmx-2.0.11",
        "min.js",
        include_bytes!("../assets/vendor/htmx-2.0.11.min.js"),
        "text/javascript; charset=utf-8",
    )
});

/// URL of the style sheet.
pub fn css_url() -> &'static str {
    &CSS.url
}

/// URL of htmx.
pub fn htmx_url() -> &'static str {
    &HTMX.url
}

/// `GET /assets/{name}`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(serve_asset))
}

async fn serve_asset(Path(name): Path<String>) -> Result<Response, AppError> {
    let path = format!("/assets/{name}");
    let asset = [&*CSS, &*HTMX]
        .into_iter()
        .find(|a| a.url == path)
        .ok_or_else(AppError::not_found)?;
    let mut r = asset.bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(r)
}

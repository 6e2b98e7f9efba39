//! The OpenAPI document committed as `openapi/openapi.json` is the one the front door serves.
//! Regenerate it with `DTS_UPDATE_GENERATED=1 cargo test --test openapi`.

use std::path::Path;

use dts_async::api::openapi::document;

#[test]
fn the_committed_openapi_document_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/openapi.json");
    let generated = format!(
        "{}\n",
        serde_json::to_string_pretty(&document()).expect("serializable")
    );
    if std::env::var_os("DTS_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("openapi/ is writable");
        std::fs::write(&path, &generated).expect("openapi/openapi.json is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `DTS_UPDATE_GENERATED=1 cargo test --test openapi`"
    );
}

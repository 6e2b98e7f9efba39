//! The completion scripts committed under `completions/` are the ones the binary generates.
//! Regenerate them with `DTS_UPDATE_GENERATED=1 cargo test --test completions`.

use std::path::Path;

use dts_async::cli::{SHELL_FILES, completion_script};

#[test]
fn completions_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("DTS_UPDATE_GENERATED").is_some();
    for (shell, file) in SHELL_FILES {
        let path = dir.join(file);
        let generated = completion_script(shell);
        if update {
            std::fs::write(&path, &generated).expect("completions/ is writable");
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "completions/{file} is stale: run `DTS_UPDATE_GENERATED=1 cargo test --test completions`"
        );
    }
}

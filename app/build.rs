//! Gives the plain-Japanese engine a version that changes with its rules
//! and data, so conversions stored under an older version are redone; and
//! rebuilds the app when a migration is added.

fn main() {
    let mut files: Vec<_> = ["data", "src/server/plain"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    // FNV-1a: tiny, and stable across Rust releases (DefaultHasher is not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.to_string_lossy().into_owned().into_bytes();
        let body = std::fs::read(path).unwrap_or_default();
        for b in name.iter().chain(body.iter()) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/server/plain");
    println!("cargo:rustc-env=YORISOI_PLAIN_DATA_HASH={hash:016x}");
    // sqlx::migrate! reads the migrations while compiling; without this a
    // new migration would not be in the build until some .rs file changed.
    println!("cargo:rerun-if-changed=../migrations");
}

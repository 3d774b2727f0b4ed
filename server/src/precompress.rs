//! The site's files compressed once, at build time, instead of on every
//! request: `yorisoi precompress DIR` writes `FILE.br` (brotli 11) and
//! `FILE.gz` (gzip 9) beside each script, style sheet and WASM file, and
//! the server sends them to browsers that accept them. Per request, the
//! compression layer would use brotli 4 (the WASM then is about a tenth
//! larger on the wire) and spend CPU on every page load.
//!
//! A compressed copy older than its file (a rebuild since) would send the
//! old code: the server removes such copies when it starts.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// What is worth compressing (images such as PNG are compressed already).
const EXTENSIONS: [&str; 6] = ["wasm", "js", "css", "html", "svg", "json"];
/// Not worth a second file below this size.
const MIN_BYTES: u64 = 512;

/// One file and its sizes: raw, brotli, gzip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub file: PathBuf,
    pub raw: u64,
    pub br: u64,
    pub gz: u64,
}

fn candidates(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if path.is_file() && wanted && fs::metadata(&path)?.len() >= MIN_BYTES {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn beside(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes through a temporary name, so a reader never sees half a file.
fn write_whole(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = beside(path, ".tmp");
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))?;
    Ok(())
}

pub fn brotli(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(raw.len() / 3);
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

pub fn gzip(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(raw.len() / 3),
        flate2::Compression::best(),
    );
    enc.write_all(raw).context("gzip")?;
    enc.finish().context("gzip")
}

/// Compresses every file of `dir` worth it (not its subfolders).
pub fn write(dir: &Path) -> anyhow::Result<Vec<Made>> {
    let mut made = Vec::new();
    for file in candidates(dir)? {
        let raw = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let br = brotli(&raw)?;
        let gz = gzip(&raw)?;
        write_whole(&beside(&file, ".br"), &br)?;
        write_whole(&beside(&file, ".gz"), &gz)?;
        made.push(Made {
            file,
            raw: raw.len() as u64,
            br: br.len() as u64,
            gz: gz.len() as u64,
        });
    }
    Ok(made)
}

/// Removes compressed copies older than their file, or whose file is
/// gone; returns how many. Errors are the caller's to log: serving goes
/// on (the copies that stay are current or unreadable anyway).
pub fn drop_stale(dir: &Path) -> anyhow::Result<usize> {
    let mut dropped = 0;
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(0);
    };
    for entry in entries {
        let copy = entry?.path();
        let Some(ext) = copy.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if ext != "br" && ext != "gz" {
            continue;
        }
        let source = copy.with_extension("");
        let stale = match (fs::metadata(&source), fs::metadata(&copy)) {
            (Ok(s), Ok(c)) => s.modified()? > c.modified()?,
            (Err(_), _) => true,
            _ => false,
        };
        if stale {
            fs::remove_file(&copy).with_context(|| format!("removing {}", copy.display()))?;
            dropped += 1;
        }
    }
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("yorisoi-pre-{}", uuid_like()));
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn uuid_like() -> String {
        use std::time::{SystemTime, UNIX_EPOCH};
        let n = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        format!("{n}-{}", std::process::id())
    }

    #[test]
    fn copies_decompress_to_the_file_and_stale_ones_go() {
        let d = dir();
        let script = "console.log('よりそい');\n".repeat(200);
        fs::write(d.join("app.js"), &script).unwrap();
        fs::write(d.join("tiny.css"), "a{}").unwrap();
        fs::write(d.join("photo.png"), vec![0u8; 4096]).unwrap();
        let made = write(&d).unwrap();
        assert_eq!(made.len(), 1, "only the script is worth it: {made:?}");
        assert!(made[0].br < made[0].raw && made[0].gz < made[0].raw);

        let mut back = String::new();
        brotli::Decompressor::new(&fs::read(d.join("app.js.br")).unwrap()[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, script);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&fs::read(d.join("app.js.gz")).unwrap()[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, script);

        // Current copies stay; after a rebuild of the file they go.
        assert_eq!(drop_stale(&d).unwrap(), 0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(d.join("app.js"), "console.log(2);").unwrap();
        assert_eq!(drop_stale(&d).unwrap(), 2);
        assert!(!d.join("app.js.br").exists() && !d.join("app.js.gz").exists());
        fs::remove_dir_all(&d).unwrap();
    }
}

//! A database file damaged on purpose, for the tests that it is refused: the bytes written
//! over, and what the refusal must say and leave as it was.

use std::path::Path;

/// Writes over pages 2 and 3 of the database file at `path` (the organisation's first
/// tables, read whole at start, and checked) and returns the file's bytes as damaged.
pub fn damage_first_tables(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("read");
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0xA5;
    }
    std::fs::write(path, &bytes).expect("damage it");
    bytes
}

/// The refusal of a damaged file: `message` says the file is corrupt and names it, and the
/// file still holds `damaged`, the bytes it was left with.
pub fn assert_refused_as_corrupt(message: &str, path: &Path, damaged: &[u8]) {
    assert!(message.contains("corrupt"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert_eq!(
        std::fs::read(path).expect("read back"),
        damaged,
        "file unchanged"
    );
}

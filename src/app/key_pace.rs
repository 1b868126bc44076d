//! How a key is handled by when it comes: one with another already waiting behind it (a key
//! held down) leaves the browser's read to the row the keys stop on; one pressed by itself
//! draws a browser move first and reads the role's record after the frame. Both are
//! `handle_key` otherwise; the event loop (`run`) says which a key is.
//!
//! Owns: `handle_key_ahead` and `handle_key_frame_first`. Must not import: the store, or
//! draw anything.

use super::App;
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// Handles a key that another key already waits behind (a key held down): as
    /// `handle_key`, except that a move in the browser leaves reading the newly selected
    /// role's record to `before_frame`, so that only the row the keys stop on has its
    /// record read. Call `before_frame` before drawing.
    pub fn handle_key_ahead(&mut self, key: KeyEvent) -> bool {
        self.key_waiting = true;
        let changed = self.handle_key(key);
        self.key_waiting = false;
        changed
    }

    /// Handles a key pressed by itself (none waits behind it): as `handle_key`, except that a
    /// move in the browser onto a role whose record is not held yet leaves reading it until
    /// the frame is drawn (`reads_after_frame`): the selection moves at once and the pane
    /// says the record is being read; the next frame shows it.
    pub fn handle_key_frame_first(&mut self, key: KeyEvent) -> bool {
        self.frame_first = true;
        let changed = self.handle_key(key);
        self.frame_first = false;
        changed
    }
}

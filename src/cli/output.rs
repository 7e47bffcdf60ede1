//! Standard output as commands see it: a closed pipe (`zizhi status | head -1`) is noticed
//! once, so the run ends quietly with exit code 0 instead of an error message.

use std::cell::Cell;
use std::io::{self, Write};

/// Remembers whether a write found the reading end of the pipe closed.
#[derive(Debug, Default)]
pub struct PipeWatch {
    closed: Cell<bool>,
}

impl PipeWatch {
    /// `inner`, reporting a closed pipe to this watch.
    pub fn watch<W: Write>(&self, inner: W) -> Watched<'_, W> {
        Watched {
            inner,
            closed: &self.closed,
        }
    }

    /// Whether a write failed because nobody reads any more.
    pub fn closed(&self) -> bool {
        self.closed.get()
    }
}

/// A writer that tells its [`PipeWatch`] when the pipe closes.
pub struct Watched<'a, W: Write> {
    inner: W,
    closed: &'a Cell<bool>,
}

impl<W: Write> Watched<'_, W> {
    fn note<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed.set(true);
        }
        result
    }
}

impl<W: Write> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_remembered_and_other_writes_are_not() {
        let watch = PipeWatch::default();
        let mut fine = watch.watch(Vec::new());
        fine.write_all(b"ok").expect("memory");
        assert!(!watch.closed());
        let mut closed = watch.watch(Closed);
        assert!(closed.write_all(b"x").is_err());
        assert!(watch.closed());
    }
}

//! Uploaded files. The bytes live behind [`BlobStore`]; the database keeps the record
//! (type, size, hash, owner). Keys are made by us (`<kind>/<uuid>`), never from a
//! user's file name, so no upload can name a path.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use bytes::Bytes;

pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// Where uploaded bytes are kept. The embedded default is a directory; a deployment
/// with several instances mounts one shared volume (or plugs in an object store).
pub trait BlobStore: Send + Sync + std::fmt::Debug + 'static {
    fn put<'a>(&'a self, key: &'a str, bytes: Bytes) -> BlobFuture<'a, ()>;
    /// `None` when no blob has that key.
    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Option<Bytes>>;
    /// Deleting a missing blob is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()>;
}

/// Blobs as files under a root directory.
#[derive(Debug, Clone)]
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let valid = !key.is_empty()
            && key.len() <= 100
            && key.split('/').all(|part| {
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        if valid {
            Ok(self.root.join(key))
        } else {
            Err(io::Error::new(io::ErrorKind::InvalidInput, "invalid blob key"))
        }
    }
}

impl BlobStore for FsBlobStore {
    fn put<'a>(&'a self, key: &'a str, bytes: Bytes) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            // Write aside and rename, so a reader never sees half a file.
            let partial = path.with_extension("partial");
            tokio::fs::write(&partial, &bytes).await?;
            tokio::fs::rename(&partial, &path).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Option<Bytes>> {
        Box::pin(async move {
            match tokio::fs::read(self.path(key)?).await {
                Ok(bytes) => Ok(Some(Bytes::from(bytes))),
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(err),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn round_trip_and_refuses_paths() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        store.put("photo/abc-123", Bytes::from_static(b"hello")).await.unwrap();
        assert_eq!(store.get("photo/abc-123").await.unwrap().unwrap(), Bytes::from_static(b"hello"));
        store.delete("photo/abc-123").await.unwrap();
        assert!(store.get("photo/abc-123").await.unwrap().is_none());
        store.delete("photo/abc-123").await.unwrap();
        for bad in ["../etc/passwd", "/etc/passwd", "photo/../../x", "Photo/A", "", "a//b"] {
            assert!(store.put(bad, Bytes::new()).await.is_err(), "{bad}");
        }
    }
}

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fair_api_types::PageQuery;
use uuid::Uuid;

use crate::error::ApiError;

/// An opaque position in a list ordered by id (ids are UUIDv7: creation order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor(pub Uuid);

impl Cursor {
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.as_bytes())
    }

    pub fn decode(value: &str) -> Result<Self, ApiError> {
        let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| ApiError::InvalidCursor)?;
        Uuid::from_slice(&bytes).map(Self).map_err(|_| ApiError::InvalidCursor)
    }

    /// An opaque offset, for lists ordered by rank (directory search).
    pub fn encode_offset(offset: usize) -> String {
        URL_SAFE_NO_PAD.encode(format!("o{offset}"))
    }

    pub fn decode_offset(value: &str) -> Result<usize, ApiError> {
        let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| ApiError::InvalidCursor)?;
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(|s| s.strip_prefix('o'))
            .and_then(|n| n.parse().ok())
            .filter(|&n: &usize| n <= 1_000_000)
            .ok_or(ApiError::InvalidCursor)
    }
}

/// A validated page request: where to start and how many.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub after: Option<Uuid>,
    pub limit: u64,
}

impl Page {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 100;

    pub fn from_query(query: &PageQuery) -> Result<Self, ApiError> {
        let limit = query.limit.unwrap_or(Self::DEFAULT_LIMIT);
        if !(1..=Self::MAX_LIMIT).contains(&limit) {
            return Err(ApiError::InvalidQuery(format!("limit must be 1 to {}", Self::MAX_LIMIT)));
        }
        let after = query.cursor.as_deref().map(Cursor::decode).transpose()?.map(|c| c.0);
        Ok(Self { after, limit: u64::from(limit) })
    }

    /// Fetch one more than the page to know whether another page follows.
    pub fn fetch_limit(&self) -> u64 {
        self.limit + 1
    }

    /// Cuts the extra row and returns the cursor of the next page, if any.
    pub fn finish<T>(&self, mut rows: Vec<T>, id: impl Fn(&T) -> Uuid) -> (Vec<T>, Option<String>) {
        if rows.len() as u64 > self.limit {
            rows.truncate(self.limit as usize);
            let next = rows.last().map(|last| Cursor(id(last)).encode());
            (rows, next)
        } else {
            (rows, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let id = Uuid::now_v7();
        assert_eq!(Cursor::decode(&Cursor(id).encode()).unwrap(), Cursor(id));
        assert!(Cursor::decode("!!!").is_err());
        assert!(Cursor::decode("AAAA").is_err());
        assert_eq!(Cursor::decode_offset(&Cursor::encode_offset(40)).unwrap(), 40);
        assert!(Cursor::decode_offset(&Cursor(id).encode()).is_err());
    }
}

//! orbita-ingest (being written).

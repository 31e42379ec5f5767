//! orbita-link (being written).

//! orbita-aggregate (being written).

//! The engine's hash maps and sets: std's, with foldhash's fast hasher seeded once per
//! process. Hashing words and offsets with SipHash was several per cent of all the work of an
//! analysis; foldhash is many times cheaper on short keys, and its per-process seed keeps a
//! crafted article from forcing collisions as a fixed hash would. foldhash is built without
//! its `std` feature, so the seed comes from address-space randomisation and never from the
//! clock (the engine reads no clock).
//!
//! Nothing may depend on the order of iteration over these maps (it differs between runs, as
//! it did with std's hasher).

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

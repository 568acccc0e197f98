# cli messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.

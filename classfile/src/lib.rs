//! Parse and validate Java class files (JVMS chapter 4), on top of `cafebabe`.

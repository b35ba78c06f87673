//! Linking of Java classes as JVMS chapter 5 describes: hierarchy, layouts, method tables,
//! constant-pool resolution.
//!
//! Not built yet: see the resolver issue.

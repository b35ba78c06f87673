//! The jfork runtime system: heap, interpreter, natives of java.base, green threads, GC.
//!
//! Not built yet: see the interpreter issue.

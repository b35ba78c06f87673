//! Copy-on-write process cloning for fork servers: fork with pre-fork checks, child set-up,
//! child tracking, a pre-forked pool and memory helpers. Knows nothing of Java.

//! The `tencentcloud_service!` proc macro.

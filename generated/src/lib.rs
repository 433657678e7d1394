//! Typed Tencent Cloud API clients.
